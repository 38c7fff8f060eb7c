// The README's screenshots, taken again from a build: a lesson step opened
// by its address at ten times speed, its prediction answered and the run
// played to the end of the question's watch, or for a step without one
// played for a moment of wall time.
// node tests/e2e/readme_shots.mjs dist writes them into assets/.
import { resolve } from "node:path";
import { launchChromium } from "./chromium.mjs";
import { serve } from "./serve.mjs";

const ROOT = resolve(process.argv[2] ?? "dist");
const ASSETS = resolve("assets");
/** Each shot: the lesson and step it shows, the answer picked (counted from 0) or the ms it plays, and its file. */
const SHOTS = [
  { lesson: "leader-election", step: 4, answer: 1, file: "screenshot.png" },
  { lesson: "leader-election", step: 6, answer: 1, file: "lesson-leader-election.png" },
  { lesson: "clocks", step: 5, plays: 200, file: "lesson-clocks.png" },
];

const server = await serve(ROOT);
const browser = await launchChromium();
try {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, deviceScaleFactor: 2 });
  const page = await context.newPage();
  page.on("pageerror", (e) => console.log(`page error: ${e.message}`));
  for (const shot of SHOTS) {
    await page.goto(`${server.url}?lesson=${shot.lesson}&step=${shot.step}`);
    await page.waitForSelector(".lesson-panel .step-title");
    await page.selectOption(".speed select", "10");
    if ((await page.locator(".question").count()) > 0) {
      await page.locator(".choice input").nth(shot.answer).check();
      await page.locator('[data-control="lock-in"]').click();
      await page.waitForSelector(".feedback", { timeout: 90_000 });
    }
    await page.waitForTimeout(shot.plays ?? 500);
    await page.screenshot({ path: `${ASSETS}/${shot.file}` });
    console.log(`wrote assets/${shot.file}`);
  }
  await context.close();
} finally {
  await browser.close();
  await server.close();
}
