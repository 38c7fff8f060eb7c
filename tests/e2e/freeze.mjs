// No link, setting or speed can freeze the page. Opens heavy but valid
// links and checks that the page never blocks for long (no task over
// 200 ms, watched with the browser's long-task timing, and real clicks
// answered), that it shows its progress or a clear refusal, that Cancel
// gives back a usable run, and that the same link opened twice gives the
// same run. Then plays a cluster far busier than real time at 100× and
// checks that frames keep coming and the slowdown is shown. The links come
// from `cargo run --example heavy_links`.
import { execFileSync } from "node:child_process";

/** The longest a task may hold the page, in milliseconds, busy clusters
 * at 100x included. The 300 ms task once seen there came in a full run
 * while another page of the run kept playing beside it (`run.mjs` now
 * stops it first); alone the case measured 70-84 ms. */
const LONGEST_TASK_MS = 200;

function heavyLinks() {
  const lines = execFileSync("cargo", ["run", "--quiet", "--example", "heavy_links"], { encoding: "utf8" });
  return Object.fromEntries(
    lines
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line))
      .map((entry) => [entry.name, entry]),
  );
}

/** A fresh page that records every long task after `mark()` is called. */
async function watchedPage(browser, problems) {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  await context.addInitScript(() => {
    window.__longTasks = [];
    window.__watchFrom = Infinity;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        if (entry.startTime >= window.__watchFrom) window.__longTasks.push(entry.duration);
      }
    }).observe({ type: "longtask", buffered: true });
  });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  page.on("pageerror", (e) => problems.push(`freeze page error: ${e.message}`));
  return { context, page };
}

/** Start counting long tasks from now. */
const mark = (page) => page.evaluate(() => (window.__watchFrom = performance.now()));

/** The longest task since `mark`, in milliseconds (0 if none over 50 ms). */
const longestTask = (page) => page.evaluate(() => Math.max(0, ...window.__longTasks));

/**
 * How long a real click on the "About this run" summary takes to open or
 * close it. The pointer goes where the summary is now, without waiting for
 * the page to hold still, as a student's click would.
 */
async function clickAnswersIn(page) {
  const { x, y, was } = await page.evaluate(() => {
    const summary = document.querySelector("details.about-run summary");
    summary.scrollIntoView({ block: "nearest" });
    const box = summary.getBoundingClientRect();
    return { x: box.x + 12, y: box.y + box.height / 2, was: summary.parentElement.open };
  });
  const started = Date.now();
  await page.mouse.click(x, y);
  await page.waitForFunction((was) => document.querySelector("details.about-run").open !== was, was, {
    timeout: 10_000,
  });
  return Date.now() - started;
}

export async function checkNothingFreezes(browser, base, check, assert, problems) {
  const links = heavyLinks();
  for (const name of ["replay-3m", "replay-heavy", "busy-now"]) {
    assert(links[name]?.opens, `${name} is a valid link: ${JSON.stringify(links[name])}`);
  }
  assert(links.refused && !links.refused.opens, "the refused link is refused natively too");

  await check("a heavy link replays behind a progress bar, and Cancel gives back a usable run", async () => {
    const { context, page } = await watchedPage(browser, problems);
    await page.goto(`${base}#${links["replay-heavy"].link}`);
    await page.waitForSelector(".travel");
    await mark(page);
    const first = await page.evaluate(() => document.querySelector(".travel-bar").value);
    const slowest = Math.max(await clickAnswersIn(page), await clickAnswersIn(page));
    await page.waitForFunction((first) => document.querySelector(".travel-bar")?.value > first, first);
    const said = (await page.textContent(".travel-what")).trim();
    assert(said.startsWith("Opening the link: replaying the run to "), `the progress says what it does: ${said}`);
    await page.click(".travel-cancel");
    await page.waitForSelector(".travel", { state: "detached" });
    const status = (await page.textContent(".status-event")).trim();
    assert(status === "Opening the link was cancelled. The run on screen is unchanged.", `status: ${status}`);
    const before = (await page.textContent(".sim-time")).trim();
    if ((await page.getAttribute("button.play", "aria-pressed")) !== "true") await page.click("button.play");
    await page.waitForFunction((before) => document.querySelector(".sim-time").textContent.trim() !== before, before);
    const longest = await longestTask(page);
    assert(longest < LONGEST_TASK_MS, `no task held the page for ${LONGEST_TASK_MS} ms (longest ${longest} ms)`);
    assert(slowest < 1_000, `clicks were answered while it replayed (slowest ${slowest} ms)`);
    await context.close();
  });

  await check("a link opened twice gives the same run, replayed in slices", async () => {
    const digests = [];
    for (let i = 0; i < 2; i += 1) {
      const { context, page } = await watchedPage(browser, problems);
      await page.goto(`${base}#${links["replay-3m"].link}`);
      await page.waitForSelector("canvas.cluster-canvas");
      await mark(page);
      await page.waitForSelector(".travel", { state: "detached", timeout: 120_000 });
      await page.waitForFunction(() => document.querySelector(".about-digest")?.textContent.trim().length === 16);
      const time = (await page.textContent(".sim-time")).trim();
      const expected = links["replay-3m"].playhead_us;
      const [, whole, millis] = /^(\d+)\.(\d{3}) s$/.exec(time) ?? [];
      const shown = Number(whole) * 1e6 + Number(millis) * 1e3;
      assert(Math.abs(shown - expected) < 1_000, `the run stands at its playhead (${time}, ${expected} µs)`);
      digests.push((await page.textContent(".about-digest")).trim());
      const longest = await longestTask(page);
      assert(longest < LONGEST_TASK_MS, `no task held the page for ${LONGEST_TASK_MS} ms (longest ${longest} ms)`);
      await context.close();
    }
    assert(digests[0] === digests[1], `the same run both times (${digests.join(" vs ")})`);
  });

  await check("a link needing too much work is refused with the numbers", async () => {
    const { context, page } = await watchedPage(browser, problems);
    await page.goto(`${base}#${links.refused.link}`);
    await page.waitForSelector(".banner");
    const said = (await page.textContent(".banner p")).trim();
    assert(
      /^This link could not be opened: this link needs about [\d.]+ (million|billion) events to reach 29:59; the limit is 50 million\./.test(
        said,
      ),
      `the banner says why: ${said}`,
    );
    assert((await page.locator(".travel").count()) === 0, "nothing is replayed");
    await context.close();
  });

  await check("a cluster busier than real time plays at 100× without freezing, and says it is slower", async () => {
    const { context, page } = await watchedPage(browser, problems);
    await page.goto(`${base}#${links["busy-now"].link}`);
    await page.waitForSelector("canvas.cluster-canvas");
    await page.selectOption(".speed select", "100");
    await mark(page);
    if ((await page.getAttribute("button.play", "aria-pressed")) !== "true") await page.click("button.play");
    const frames = await page.evaluate(
      () =>
        new Promise((resolve) => {
          let count = 0;
          const started = performance.now();
          const tick = () => {
            count += 1;
            if (performance.now() - started < 2_000) requestAnimationFrame(tick);
            else resolve(count);
          };
          requestAnimationFrame(tick);
        }),
    );
    assert(frames >= 20, `frames keep coming (${frames} in 2 s)`);
    await page.waitForSelector(".pace-note:not(:empty)", { timeout: 10_000 });
    const note = (await page.textContent(".pace-note")).trim();
    assert(/^Running at [\d.]+×: this cluster is busier than real time\.$/.test(note), `the slowdown is said: ${note}`);
    const slowest = await clickAnswersIn(page);
    assert(slowest < 1_000, `a click is answered while it plays (${slowest} ms)`);
    const longest = await longestTask(page);
    assert(longest < LONGEST_TASK_MS, `no task held the page for ${LONGEST_TASK_MS} ms (longest ${longest} ms)`);
    await context.close();
  });
}
