// End-to-end checks of the history view in lesson 8: when the split side
// keeps answering ("Answer anyway?"), the view shows a red operation and a
// sentence naming the stale value it read; when it refuses ("Split the
// network"), no operation is red and some are refused. The operations are
// reached with the keyboard, each named with its outcome. No wall-clock
// expectations: each wait is for what the page shows.
// Exported for run.mjs; also runs alone:
//   node tests/e2e/history.mjs dist
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { runAlone } from "./standalone.mjs";
import { play, splitOff } from "./lesson_recipes.mjs";
import { serve } from "./serve.mjs";

/** A fresh page of `size` that records anything going wrong in `problems`. */
async function freshPage(browser, problems, size = { width: 1366, height: 768 }) {
  const context = await browser.newContext({ viewport: size });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  page.on("console", (m) => m.type() === "error" && problems.push(`history console error: ${m.text()}`));
  page.on("pageerror", (e) => problems.push(`history page error: ${e.message}`));
  return { context, page };
}

/** Pause the run if it plays. */
async function pause(page) {
  if ((await page.getAttribute("button.play", "aria-pressed")) === "true") await page.click("button.play");
}

/** Open the history view from the view switch (it is offered once the run has operations). */
async function openHistory(page) {
  await page.waitForSelector("button.view-history", { timeout: 60_000 });
  if ((await page.getAttribute("button.view-history", "aria-pressed")) !== "true") {
    await page.click("button.view-history");
  }
  await page.waitForSelector(".history-view:not([hidden]) .history-bar");
}

/** Open lesson 8 at "Answer anyway?", answer its prediction, and play past 8 s. */
export async function availableSplit(page, base) {
  await page.goto(`${base}?lesson=partitions&step=3`);
  await page.waitForSelector(".lesson-panel .step-title");
  await page.selectOption(".speed select", "10");
  if ((await page.locator(".question").count()) > 0) {
    await page.locator(".choice input").nth(1).check();
    await page.click("button.lock-in");
    await page.waitForSelector(".feedback", { timeout: 90_000 });
  }
  await play(page);
  // Past 8 s on the run's own clock (the timeline's reading).
  await page.waitForFunction(() => Number.parseFloat(document.querySelector(".sim-time")?.textContent ?? "0") > 8, null, {
    timeout: 90_000,
  });
  await openHistory(page);
  await page.waitForSelector(".history-bar.breaks", { timeout: 90_000 });
  await pause(page);
}

/** Open lesson 8 at "Split the network", split R2 and C1 off, and play until C1 is refused. */
export async function consistentSplit(page, base) {
  await page.goto(`${base}?lesson=partitions&step=2`);
  await page.waitForSelector(".task");
  await page.selectOption(".speed select", "10");
  await splitOff(page, ["R2", "C1"]);
  await play(page);
  await page.waitForSelector(".task.done", { timeout: 90_000 });
  await openHistory(page);
  await page.waitForSelector(".history-bar.open", { timeout: 90_000 });
  await pause(page);
}

/** The history view's checks; `base` is the served app's address. */
export async function checkHistoryView(browser, base, check, assert, problems) {
  const { context, page } = await freshPage(browser, problems);
  try {
    await check("lesson 8, answering anyway: the history shows a red read and names the stale value", async () => {
      await availableSplit(page, base);
      const red = page.locator(".history-bar.breaks");
      assert((await red.count()) === 1, `one red operation, saw ${await red.count()}`);
      const label = (await red.locator(".history-label").textContent()).trim();
      const read = /^r\((\w+)\)→(\w+):(\d+)$/.exec(label);
      assert(read, `the red operation is a read: ${label}`);
      const [, key, writer, number] = read;
      const verdict = (await page.textContent(".history-verdict")).trim();
      assert(
        verdict.includes(`read ${key} and got write ${number} of ${writer} after`) &&
          verdict.endsWith("no order of these operations explains it."),
        `the sentence names the stale value ${label}: ${verdict}`,
      );
      assert((await page.getAttribute(".history-verdict", "aria-live")) === "polite", "the verdict is a polite live region");
      const named = await red.getAttribute("aria-label");
      assert(named.includes(`write ${number} of ${writer}`) && named.endsWith("No order explains this answer."), named);
      assert(
        await page.locator(".history-band-words", { hasText: "network split" }).count() > 0,
        "the split is a band across the rows",
      );
    });

    await check("the history's operations are one tab stop, walked with the arrow keys", async () => {
      const stops = await page.locator('.history-bar[tabindex="0"]').count();
      assert(stops === 1, `one operation in the tab order, saw ${stops}`);
      await page.focus('.history-bar[tabindex="0"]');
      const first = await page.evaluate(() => document.activeElement.id);
      await page.keyboard.press("ArrowLeft");
      const second = await page.evaluate(() => document.activeElement.id);
      assert(first !== second && second.startsWith("history-op-"), `ArrowLeft moves to the operation before: ${first} → ${second}`);
      const name = await page.evaluate(() => document.activeElement.getAttribute("aria-label"));
      assert(/, called at \d+\.\d{3} s, /.test(name), `each operation is named with its outcome: ${name}`);
      await page.keyboard.press("ArrowUp");
      await page.keyboard.press("ArrowDown");
      const pointed = await page.locator(".history-bar.pointed").count();
      assert(pointed >= 1, "the focused operation is marked");
      const wide = await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
      assert(wide, "nothing overflows sideways");
    });

    await check("lesson 8, refusing: no red operation, and refused ones are open bars", async () => {
      await consistentSplit(page, base);
      assert((await page.locator(".history-bar.breaks").count()) === 0, "no operation is red");
      const refused = await page.locator(".history-bar.open").evaluateAll((bars) =>
        bars.map((b) => b.getAttribute("aria-label")).filter((n) => n.includes(" refused at ")),
      );
      assert(refused.length > 0, "some operations were refused");
      const verdict = (await page.textContent(".history-verdict")).trim();
      assert(verdict.startsWith("Linearizable"), `the verdict: ${verdict}`);
    });

    await check("on a laptop the picture keeps its place and size when the history's first bars come", async () => {
      await page.goto(`${base}?lesson=partitions&step=6`);
      await page.waitForSelector(".history-view.empty:not([hidden])");
      const before = await page.locator(".cluster-canvas").boundingBox();
      await page.locator(".choice input").nth(0).check();
      await page.click("button.lock-in");
      await page.click(".skip-to-result");
      await page.waitForSelector(".feedback", { timeout: 90_000 });
      await page.waitForSelector(".history-view:not(.empty) .history-bar");
      const after = await page.locator(".cluster-canvas").boundingBox();
      assert(
        Math.abs(before.height - after.height) <= 1 && Math.abs(before.y - after.y) <= 1,
        `the picture before the first operation ${JSON.stringify(before)}, after ${JSON.stringify(after)}`,
      );
    });
  } finally {
    await context.close();
  }

  const phone = await freshPage(browser, problems, { width: 390, height: 844 });
  try {
    await check("on a phone the history keeps its height when its first bars come", async () => {
      await phone.page.goto(`${base}?lesson=partitions&step=6`);
      await phone.page.waitForSelector(".history-view.empty:not([hidden])");
      const before = await phone.page.locator(".history-view").boundingBox();
      await phone.page.locator(".choice input").nth(0).check();
      await phone.page.click("button.lock-in");
      await phone.page.click(".skip-to-result");
      await phone.page.waitForSelector(".feedback", { timeout: 90_000 });
      await phone.page.waitForSelector(".history-view:not(.empty) .history-bar");
      const after = await phone.page.locator(".history-view").boundingBox();
      assert(
        Math.abs(before.height - after.height) <= 1,
        `the history before the first operation ${before.height} px tall, after ${after.height} px`,
      );
    });

    await check("on a phone the history takes the picture's place and fits the screen", async () => {
      await availableSplit(phone.page, base);
      const fits = await phone.page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
      assert(fits, "nothing overflows sideways at 390 px");
      const box = await phone.page.locator(".history-view").boundingBox();
      assert(box && box.x >= 0 && box.x + box.width <= 390, `the view is within the screen: ${JSON.stringify(box)}`);
      const legend = await phone.page.locator(".history-axis").boundingBox();
      assert(
        legend && legend.y + legend.height <= box.y + box.height + 1,
        `the times and legend stay inside the view: ${JSON.stringify(legend)} in ${JSON.stringify(box)}`,
      );
      // Every client's row shows in the view as it stands, with nothing to
      // scroll to: C1's row was once hidden below C0's in a scrolling box.
      const rows = await phone.page.locator(".history-row").evaluateAll((found) =>
        found.map((row) => ({ name: row.getAttribute("aria-label"), ...row.getBoundingClientRect().toJSON() })),
      );
      assert(rows.length >= 2, `a row for each client: ${rows.map((r) => r.name)}`);
      for (const row of rows) {
        assert(
          row.top >= box.y - 1 && row.bottom <= box.y + box.height + 1,
          `${row.name} shows inside the view: ${JSON.stringify(row)} in ${JSON.stringify(box)}`,
        );
      }
      const scrolls = await phone.page.locator(".history-view").evaluate((view) => view.scrollHeight > view.clientHeight + 1);
      assert(!scrolls, "the view has nothing hidden to scroll to");
    });

    await check("on a phone only the view on screen shows as pressed, and Cluster puts the history away", async () => {
      const pressed = () =>
        phone.page.$$eval(".view-switch button", (buttons) =>
          buttons.filter((b) => b.getAttribute("aria-pressed") === "true").map((b) => b.textContent.trim()),
        );
      const withHistory = await pressed();
      assert(withHistory.join() === "History", `with the history on screen: ${withHistory}`);
      await phone.page.click("button.view-cluster");
      await phone.page.waitForSelector(".history-view", { state: "hidden" });
      const withCluster = await pressed();
      assert(withCluster.join() === "Cluster", `with the cluster on screen: ${withCluster}`);
      assert(await phone.page.locator(".cluster-canvas").isVisible(), "the picture is back");
    });
  } finally {
    await phone.context.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const server = await serve(resolve(process.argv[2] ?? "dist"));
  await runAlone(async (browser, check, assert) => {
    const problems = [];
    try {
      await checkHistoryView(browser, server.url, check, assert, problems);
      await check("nothing went wrong in the browser", async () => assert(problems.length === 0, problems.join("; ")));
    } finally {
      await server.close();
    }
  });
}
