// End-to-end checks of the release build on a plain static host: dist/
// served under a sub-path (/course/) by a server with no fallback to
// index.html, where any unknown path is a 404, as on a university page or
// a GitHub Pages project site. A student's first visit downloads each file
// once (the offline copy reuses it); a lesson link, a reload, the back
// button and a share link all work there; an older /lesson/ address still
// opens where a server answers every path with index.html (as trunk serve
// does); and a new release replaces
// the saved files. Exported for run.mjs; also runs alone:
//   node tests/e2e/static_host.mjs dist
import { cp, mkdtemp, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { runAlone } from "./standalone.mjs";
import { serve } from "./serve.mjs";
import { showsLesson } from "./course.mjs";

const BASE = "/course/";

/** A fresh browser context and page that record anything going wrong in `problems`. */
async function freshPage(browser, problems, name) {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  page.on("console", (m) => m.type() === "error" && problems.push(`${name} console error: ${m.text()}`));
  page.on("pageerror", (e) => problems.push(`${name} page error: ${e.message}`));
  // A request the page itself gave up on as it navigated (a favicon still
  // loading when a test reloads or goes offline) is no failure; any other
  // is, with the browser's reason, as in run.mjs.
  page.on("requestfailed", (r) => {
    const reason = r.failure()?.errorText ?? "";
    if (reason !== "net::ERR_ABORTED") problems.push(`${name} failed request: ${r.url()} (${reason})`);
  });
  return { context, page };
}

/**
 * Wait until the page has tried to save itself for offline use, and fail
 * with the page's own reason unless it did.
 */
export async function savedForOffline(page) {
  const outcome = await page.waitForSelector("html[data-offline]").then((html) => html.getAttribute("data-offline"));
  if (outcome !== "ready") throw new Error(`the page was not saved for offline use: ${outcome}`);
}

/** The requests the server did not answer with a file: "path status" each. */
function refusals(log) {
  return log.filter(({ status }) => status !== 200).map(({ path, status }) => `${path} ${status}`);
}

/** The names of this app's saved caches and the paths each holds. */
async function savedCaches(page) {
  return page.evaluate(async () => {
    const saved = {};
    for (const name of await caches.keys()) {
      const cache = await caches.open(name);
      saved[name] = (await cache.keys()).map((request) => new URL(request.url).pathname);
    }
    return saved;
  });
}

/** How many times each path was asked of the server. */
function requestCounts(log) {
  const counts = new Map();
  for (const { path } of log) counts.set(path, (counts.get(path) ?? 0) + 1);
  return counts;
}

/**
 * A copy of the release in `root` as the next release would look: one
 * style sheet under a new hashed name. Returns { dir, oldName, newName }.
 */
async function nextRelease(root) {
  const dir = await mkdtemp(join(tmpdir(), "many-nodes-release-"));
  await cp(root, dir, { recursive: true });
  const oldName = (await readdir(dir)).find((name) => /^main-[0-9a-f]+\.css$/.test(name));
  const newName = "main-0123456789abcdef.css";
  await rename(join(dir, oldName), join(dir, newName));
  const index = await readFile(join(dir, "index.html"), "utf8");
  await writeFile(join(dir, "index.html"), index.replace(oldName, newName));
  return { dir, oldName, newName };
}

/** Run the static-host checks against the release build in `root`. */
export async function checkStaticHost(browser, root, check, assert) {
  const host = await serve(root, { base: BASE, fallback: "none" });
  const problems = [];
  // The release's own files; the lab page's directory has its own checks.
  const files = (await readdir(root, { withFileTypes: true })).filter((entry) => entry.isFile()).map((entry) => entry.name);
  const student = await freshPage(browser, problems, "static host");
  const { page } = student;
  let release;
  try {
    await check("on a plain static host under a sub-path, a first visit downloads each file once and keeps it for offline", async () => {
      await page.goto(host.url);
      assert(await showsLesson(page, 1), "the first lesson opens at the app's directory");
      await savedForOffline(page);
      const counts = requestCounts(host.log);
      const twice = [...counts].filter(([, n]) => n > 1).map(([path, n]) => `${path} ×${n}`);
      assert(twice.length === 0, `each file is downloaded once: ${twice.join(", ")}`);
      const missing = files.filter((name) => !/\.(svg|png)$/.test(name) && !counts.has(`${BASE}${name === "index.html" ? "" : name}`));
      assert(missing.length === 0, `every file of the release was loaded: missing ${missing.join(", ")}`);
      const failed = refusals(host.log);
      assert(failed.length === 0, `nothing was refused: ${failed.join(", ")}`);
      const saved = await savedCaches(page);
      const names = Object.keys(saved);
      assert(names.length === 1, `one saved release: ${names.join(", ")}`);
      const wasm = files.find((name) => name.endsWith(".wasm"));
      assert(saved[names[0]].includes(`${BASE}${wasm}`) && saved[names[0]].includes(BASE), `the app and its wasm are saved: ${saved[names[0]]}`);
    });

    await check("there, a lesson link, a reload and the back button each show the right page", async () => {
      await page.locator(".lesson-list:not(.extras) .lesson-link >> nth=2").click();
      assert(await showsLesson(page, 3), "the sidebar opens lesson 3");
      assert(page.url() === `${host.url}?lesson=clocks`, `the address stays in the app's directory: ${page.url()}`);
      await page.reload();
      assert(await showsLesson(page, 3), "a reload keeps lesson 3");
      await page.click("a.glossary-link");
      await page.waitForSelector(".glossary");
      assert(page.url() === `${host.url}?page=glossary`, `the glossary's address: ${page.url()}`);
      await page.reload();
      await page.waitForSelector(".glossary");
      await page.goBack();
      assert(await showsLesson(page, 3), "back returns to lesson 3");
      const refused = refusals(host.log);
      assert(refused.length === 0, `nothing was refused: ${refused.join(", ")}`);
    });

    await check("there, a share link opens the very same run in a fresh browser", async () => {
      if ((await page.getAttribute("button.play", "aria-pressed")) === "true") await page.click("button.play");
      await page.click(".about-run summary");
      await page.click("button.share-button");
      const link = await page.inputValue(".share-link input");
      assert(link.startsWith(`${host.url}?lesson=clocks#v`) && /#v\d+\./.test(link), `a link to this lesson in the app's directory: ${link}`);
      const digest = (await page.textContent(".about-digest")).trim();
      const other = await freshPage(browser, problems, "share link");
      await other.page.goto(link);
      assert(await showsLesson(other.page, 3), "the shared lesson opens");
      await other.page.click(".about-run summary");
      assert((await other.page.textContent(".about-digest")).trim() === digest, "same trace digest as the sender");
      await other.context.close();
    });

    await check("there, an address naming index.html keeps naming it", async () => {
      const other = await freshPage(browser, problems, "index.html");
      await other.page.goto(`${host.url}index.html?page=sandbox`);
      await other.page.waitForSelector(".sandbox-field");
      await other.page.locator(".lesson-list:not(.extras) .lesson-link >> nth=1").click();
      assert(await showsLesson(other.page, 2), "the sidebar opens lesson 2");
      assert(other.page.url() === `${host.url}index.html?lesson=autonomy`, `the link keeps index.html: ${other.page.url()}`);
      await other.page.reload();
      assert(await showsLesson(other.page, 2), "a reload keeps lesson 2");
      await other.context.close();
    });

    await check("an older /lesson/ address still opens where the server falls back to index.html", async () => {
      const fallback = await serve(root, { base: BASE, fallback: "everything" });
      const other = await freshPage(browser, problems, "older address");
      try {
        await other.page.goto(`${fallback.url}lesson/clocks?embed=1`);
        await other.page.waitForSelector("canvas.cluster-canvas");
        assert(other.page.url() === `${fallback.url}?lesson=clocks&embed=1`, `it becomes the query form: ${other.page.url()}`);
        assert(!(await other.page.isVisible(".sidebar")), "embed mode stays on");
        const refused = refusals(fallback.log);
        assert(refused.length === 0, `nothing was refused: ${refused.join(", ")}`);
      } finally {
        await other.context.close();
        await fallback.close();
      }
    });

    await check("a new release replaces the saved files, and the old ones do not linger", async () => {
      const before = Object.keys(await savedCaches(page));
      await page.reload();
      await savedForOffline(page);
      const again = Object.keys(await savedCaches(page));
      assert(JSON.stringify(again) === JSON.stringify(before), `the same release keeps its one saved copy: ${again} (was ${before})`);
      release = await nextRelease(root);
      host.useRoot(release.dir);
      await page.reload();
      await savedForOffline(page);
      const saved = await savedCaches(page);
      const names = Object.keys(saved);
      assert(names.length === 1 && names[0] !== before[0], `only the new release is saved: ${names.join(", ")} (was ${before})`);
      const paths = saved[names[0]];
      assert(paths.includes(`${BASE}${release.newName}`), `the new style sheet is saved: ${paths}`);
      assert(!paths.includes(`${BASE}${release.oldName}`), `the old style sheet is gone: ${paths}`);
      await student.context.setOffline(true);
      await page.reload();
      assert(await showsLesson(page, 3), "the new release opens offline");
      const sheets = await page.evaluate(() => [...document.styleSheets].map((sheet) => sheet.href ?? ""));
      assert(sheets.some((href) => href.endsWith(release.newName)), `offline, the new style sheet is used: ${sheets}`);
      await student.context.setOffline(false);
    });

    await check("there, the lab page, once visited, opens offline as itself", async () => {
      await page.goto(`${host.url}lab/?lab=gossip`);
      await page.waitForSelector(".workbench");
      await student.context.setOffline(true);
      try {
        await page.reload();
        await page.waitForSelector(".workbench", { timeout: 15_000 });
        assert(await page.isVisible(".lab-list"), "offline, lab/ shows the lab page with its list, not the lesson app");
        assert(!(await page.isVisible(".sidebar")), "the lesson app's sidebar is not there");
      } finally {
        await student.context.setOffline(false);
      }
    });

    await check("nothing went wrong on the static host", async () => {
      const refused = refusals(host.log);
      assert(refused.length === 0, `the static host refused nothing: ${refused.join(", ")}`);
      assert(problems.length === 0, problems.join("; "));
    });
  } finally {
    await student.context.close();
    await host.close();
    if (release) await rm(release.dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const root = resolve(process.argv[2] ?? "dist");
  await runAlone((browser, check, assert) => checkStaticHost(browser, root, check, assert));
}
