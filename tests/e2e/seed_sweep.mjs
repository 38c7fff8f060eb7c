// "Run 100 seeds" in the sandbox, end to end: lesson 8's "Answer anyway?"
// taken into the sandbox and swept. While the sweep runs, a click on the
// view switch still changes the view (the state is asserted, not a time);
// the sweep ends with the stale-read sentence and a drawn chart; Cancel
// stops a sweep; a failing seed opens as the run on screen, with its seed
// in the form and in the share link. Lesson 8's last step sweeps its own
// store the same way and replays a failing seed in the lesson. Exported for run.mjs; also runs
// alone:   node tests/e2e/seed_sweep.mjs dist
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { runAlone } from "./standalone.mjs";
import { serve } from "./serve.mjs";

/** How many distinct colours the sweep chart's canvas shows. */
async function chartColours(page) {
  return page.evaluate(() => {
    const canvas = document.querySelector(".sweep-chart canvas");
    if (!canvas || canvas.width === 0) return 0;
    const { data } = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height);
    const seen = new Set();
    for (let i = 0; i < data.length; i += 4 * 53) seen.add(`${data[i]},${data[i + 1]},${data[i + 2]}`);
    return seen.size;
  });
}

/** Lesson 8's available split, opened in the sandbox. */
async function sandboxWithTheSplit(page, base) {
  await page.goto(`${base}?lesson=partitions&step=3`);
  await page.waitForSelector(".lesson-panel, .lesson");
  await page.getByRole("link", { name: /Sandbox/ }).click();
  await page.waitForSelector(".sweep-start");
}

export async function checkSeedSweep(browser, base, check, assert) {
  const root = base.endsWith("/") ? base : `${base}/`;
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  const page = await context.newPage();
  page.setDefaultTimeout(60_000);
  const problems = [];
  page.on("pageerror", (e) => problems.push(`sweep page error: ${e.message}`));
  page.on("console", (m) => m.type() === "error" && problems.push(`sweep console error: ${m.text()}`));
  try {
    await check("a sweep of 100 seeds can be cancelled", async () => {
      await sandboxWithTheSplit(page, root);
      await page.getByRole("button", { name: "Run 100 seeds" }).click();
      await page.getByRole("button", { name: "Cancel" }).and(page.locator(".sweep-cancel")).click();
      const said = (await page.textContent(".sweep-verdict")).trim();
      assert(/^Cancelled after \d+ of 100 runs\.$/.test(said), `Cancel says where it stopped (${said})`);
      assert(await page.locator(".sweep-start").isEnabled(), "a new sweep can start");
    });

    await check("a sweep of 100 seeds completes while the page keeps answering clicks", async () => {
      const spacetime = page.locator("button.view-spacetime");
      const cluster = page.locator("button.view-cluster");
      // Whether the sweep was still running when each click arrived, as the page saw it.
      await page.evaluate(() => {
        window.__sweepingAtClick = [];
        for (const button of document.querySelectorAll("button.view-spacetime, button.view-cluster")) {
          button.addEventListener(
            "click",
            () => window.__sweepingAtClick.push(!document.querySelector(".sweep-cancel").disabled),
            { capture: true },
          );
        }
      });
      await cluster.click();
      await page.getByRole("button", { name: "Run 100 seeds" }).click();
      await spacetime.click();
      assert((await spacetime.getAttribute("aria-pressed")) === "true", "the view switch answered during the sweep");
      await cluster.click();
      assert((await cluster.getAttribute("aria-pressed")) === "true", "and again");
      const sweeping = await page.evaluate(() => window.__sweepingAtClick);
      assert(sweeping[1] === true, `the sweep was running when the view switch was clicked (${sweeping})`);
      await page.waitForFunction(() =>
        /runs\./.test(document.querySelector(".sweep-verdict")?.textContent ?? "") &&
        !document.querySelector(".sweep-verdict").textContent.startsWith("Cancelled"),
      );
      const said = (await page.textContent(".sweep-verdict")).trim();
      const found = /^A stale read happened in (\d+) of 100 runs\./.exec(said);
      assert(found && Number(found[1]) > 0, `the sweep finds stale reads (${said})`);
      await page.waitForFunction(() => document.querySelector(".sweep-chart canvas")?.width > 0);
      assert((await chartColours(page)) >= 4, "the chart is drawn");
      const seeds = await page.locator("button.sweep-seed").count();
      assert(seeds === Number(found[1]), `every failing seed is listed (${seeds} buttons, ${found[1]} runs)`);
    });

    await check("a failing seed opens as a normal run, and its share link carries the seed", async () => {
      const first = page.locator("button.sweep-seed").first();
      const seed = await first.getAttribute("data-seed");
      await first.click();
      const built = (await page.textContent(".sandbox-said")).trim();
      assert(built.endsWith("is built and running."), `the seed's run is built (${built})`);
      assert((await page.getByLabel("Seed", { exact: true }).inputValue()) === seed, "the form shows the seed");
      await page.locator("button.share-from-start").click();
      const link = await page.locator(".share-link input").inputValue();
      assert(/#v\d+\./.test(link), `the share link is made (${link})`);
      const opened = await context.newPage();
      await opened.goto(link);
      await opened.waitForSelector(".sandbox");
      const shown = await opened.getByLabel("Seed", { exact: true }).inputValue();
      assert(shown === seed, `the link opens seed ${seed} (the sandbox shows ${shown})`);
      await opened.close();
    });

    await check("lesson 8 sweeps its one-round store and replays a failing seed in the lesson", async () => {
      await page.goto(`${root}?lesson=partitions&step=7`);
      await page.waitForSelector(".lesson-panel .sweep-start");
      await page.locator(".lesson-panel .sweep-start").click();
      await page.waitForFunction(() => /of 100 runs\./.test(document.querySelector(".sweep-verdict")?.textContent ?? ""));
      const said = (await page.textContent(".sweep-verdict")).trim();
      const found = /^A stale read happened in (\d+) of 100 runs\./.exec(said);
      // The step says one run may be lucky: some runs are stale, some not.
      assert(found && Number(found[1]) > 0 && Number(found[1]) < 100, `some seeds but not all are stale (${said})`);
      const first = page.locator("button.sweep-seed").first();
      const seed = await first.getAttribute("data-seed");
      await first.click();
      const status = (await page.textContent(".status-event")).trim();
      assert(status === `Seed ${seed} is running from the start.`, `the failing seed opens (${status})`);
      const title = (await page.textContent(".step-title")).trim();
      assert(title.endsWith("One run, or the rule?"), `the lesson stays at its step (${title})`);
    });

    await check("nothing went wrong while sweeping", async () => {
      assert(problems.length === 0, problems.join("; "));
    });
  } finally {
    await context.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const server = await serve(resolve(process.argv[2] ?? "dist"));
  await runAlone(async (browser, check, assert) => {
    try {
      await checkSeedSweep(browser, server.url, check, assert);
    } finally {
      await server.close();
    }
  });
}
