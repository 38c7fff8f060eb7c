// Bundles the lab editor (editor/src, CodeMirror from node_modules) into
// one minified classic script, editor/dist/editor.js, with esbuild. Skips
// the build when the bundle is newer than every source, this file and
// package-lock.json. Never touches the network. Prints one line with the size.
//   node editor/build.mjs
import { build } from "esbuild";
import { readdir, readFile, stat } from "node:fs/promises";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

const EDITOR = dirname(fileURLToPath(import.meta.url));
const ROOT = dirname(EDITOR);
const OUTPUT = join(EDITOR, "dist", "editor.js");

async function modified(path) {
  return (await stat(path)).mtimeMs;
}

async function upToDate() {
  const sources = (await readdir(join(EDITOR, "src"))).map((name) => join(EDITOR, "src", name));
  const inputs = [...sources, fileURLToPath(import.meta.url), join(ROOT, "package-lock.json")];
  try {
    const built = await modified(OUTPUT);
    const newest = Math.max(...(await Promise.all(inputs.map(modified))));
    return built > newest;
  } catch {
    return false;
  }
}

const skipped = await upToDate();
if (!skipped) {
  await build({
    absWorkingDir: ROOT,
    entryPoints: [join(EDITOR, "src", "main.js")],
    outfile: OUTPUT,
    bundle: true,
    format: "iife",
    minify: true,
    sourcemap: false,
    target: "es2022",
    logLevel: "warning",
    banner: {
      js: "/* Many Nodes lab editor. Bundles CodeMirror 6, Lezer, style-mod, w3c-keyname and find-cluster-break (MIT licence, (c) Marijn Haverbeke and others). */",
    },
  });
}
const bundle = await readFile(OUTPUT);
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
console.log(
  `${relative(ROOT, OUTPUT)}: ${kb(bundle.length)} minified, ${kb(gzipSync(bundle, { level: 9 }).length)} gzipped${skipped ? " (up to date)" : ""}`,
);
