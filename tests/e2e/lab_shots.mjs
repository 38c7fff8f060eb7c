// Screenshots of the lab page at a laptop's and a phone's size, to look at:
// node tests/e2e/lab_shots.mjs dist [lab id] writes target/lab-shots/*.png.
import { mkdir } from "node:fs/promises";
import { resolve } from "node:path";
import { launchChromium } from "./chromium.mjs";
import { serve } from "./serve.mjs";

const ROOT = resolve(process.argv[2] ?? "dist");
const LAB = process.argv[3] ?? "exactly-once";
const SHOTS = resolve("target/lab-shots");
await mkdir(SHOTS, { recursive: true });
const server = await serve(ROOT);
const browser = await launchChromium();
try {
  for (const [name, viewport] of [["laptop", { width: 1366, height: 768 }], ["phone", { width: 390, height: 844 }]]) {
    const context = await browser.newContext({ viewport, reducedMotion: "reduce" });
    const page = await context.newPage();
    page.on("pageerror", (e) => console.log(`page error: ${e.message}`));
    page.on("console", (m) => m.type() === "error" && console.log(`console error: ${m.text()}`));
    await page.goto(`${server.url}lab/`);
    await page.waitForSelector(".lab-list");
    await page.screenshot({ path: `${SHOTS}/${name}-list.png`, fullPage: true });
    await page.goto(`${server.url}lab/?lab=${LAB}`);
    await page.waitForSelector(".workbench");
    await page.waitForTimeout(800);
    await page.screenshot({ path: `${SHOTS}/${name}-${LAB}.png`, fullPage: true });
    await context.close();
  }
} finally {
  await browser.close();
  await server.close();
}
