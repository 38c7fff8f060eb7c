// A tiny static file server for the release build in dist/, bound to the
// loopback address only. Used by the end-to-end tests. Where unknown paths
// go is its `fallback`: "pages" (the default) answers any page address
// (/lesson/..., /sandbox: a path with no file extension) with index.html;
// "everything" answers every unknown path with index.html, as `trunk serve`
// does; "none" is a plain static host (a university page, a GitHub Pages
// project site): a directory is answered with its index.html and anything
// else unknown is a 404. `base` serves dist/ under a sub-path such as
// /course/. `gzip` compresses every answer for a client that accepts it,
// as a static host does (the bench measures what such a host sends). Every
// request is logged (path, query, status) for the tests.
import { createServer } from "node:http";
import { readFile } from "node:fs/promises";
import { extname, join, normalize } from "node:path";
import { gzipSync } from "node:zlib";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".wasm": "application/wasm",
  ".css": "text/css; charset=utf-8",
  ".png": "image/png",
  ".svg": "image/svg+xml",
  ".ico": "image/x-icon",
};

/**
 * Serve `root` on 127.0.0.1 at a free port under `base`; resolves to
 * { url, log, useRoot(dir), close }: `url` ends in `base`, `log` lists
 * { path, status } for each request, `useRoot` serves another directory
 * from then on (a new release).
 */
export function serve(root, { base = "/", fallback = "pages", gzip = false } = {}) {
  const log = [];
  let served = root;
  // Each path's last body and its compressed form, compressed once.
  const compressed = new Map();
  const compress = (path, body) => {
    const kept = compressed.get(path);
    if (kept?.body.equals(body)) return kept.gz;
    const gz = gzipSync(body, { level: 9 });
    compressed.set(path, { body, gz });
    return gz;
  };
  const server = createServer(async (req, res) => {
    const url = new URL(req.url, "http://127.0.0.1");
    const answer = (status, type, body, file = null) => {
      log.push({ path: url.pathname, query: url.search, status });
      const headers = type ? { "content-type": type } : {};
      if (gzip && file && /\bgzip\b/.test(req.headers["accept-encoding"] ?? "")) {
        headers["content-encoding"] = "gzip";
        body = compress(file, body);
      }
      res.writeHead(status, headers).end(body);
    };
    const path = normalize(decodeURIComponent(url.pathname));
    if (!path.startsWith(base)) return answer(404, null, "not found");
    const inside = path.slice(base.length - 1);
    const page = inside.endsWith("/") || (fallback === "pages" && extname(inside) === "");
    const index = fallback === "none" ? join(inside, "index.html") : "index.html";
    const file = join(served, page ? index : inside);
    if (!file.startsWith(served)) return answer(403, null, "");
    // A directory with a page of its own (dist/lab/) answers with that page.
    const own = page && fallback !== "none" && inside.endsWith("/") ? [join(served, inside, "index.html")] : [];
    const fallen = fallback === "everything" ? [join(served, "index.html")] : [];
    for (const candidate of [...own, file, ...fallen]) {
      try {
        const body = await readFile(candidate);
        return answer(200, TYPES[extname(candidate)] ?? "application/octet-stream", body, candidate);
      } catch {
        // Not there: the next candidate, or a 404.
      }
    }
    answer(404, null, "not found");
  });
  return new Promise((resolve) => {
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      resolve({
        url: `http://127.0.0.1:${port}${base}`,
        log,
        useRoot: (dir) => {
          served = dir;
        },
        close: () =>
          new Promise((r) => {
            server.close(r);
            server.closeAllConnections();
          }),
      });
    });
  });
}
