// End-to-end check of the sandbox, driven like a teacher: open /sandbox,
// build a three-server election with a crash scheduled at 1.5 s through the
// form, run it, then check through accessible text (the node buttons, the
// event log, the cluster summary) that the crash happened at 1.5 s and not
// before, and that markup typed into the name is shown as words and never
// runs. Exported for run.mjs; throws on the first thing that is wrong.

function assert(condition, message) {
  if (!condition) throw new Error(message);
}

/** The scenario's name: markup in it is words to show, never HTML to run. */
export const SCENARIO_NAME = 'B goes down <img src=x onerror="window.pwned=1">';

/** Type `value` into the field labelled `label` and commit it (a change event). */
async function enter(page, label, value) {
  const field = page.getByLabel(label, { exact: true });
  await field.fill(value);
  await field.blur();
}

/** Travel to `ms` milliseconds of sim time with the timeline. */
async function seek(page, ms) {
  await page.locator(".scrubber-range").evaluate((range, to) => {
    range.value = String(to);
    range.dispatchEvent(new Event("input", { bubbles: true }));
  }, ms);
  await page.waitForFunction(
    (to) => document.querySelector(".sim-time")?.textContent.trim() === `${(to / 1000).toFixed(3)} s`,
    ms,
  );
}

async function nodeB(page) {
  return (await page.getByRole("button", { name: /^B: / }).textContent()).trim();
}

export async function checkSandbox(page, base) {
  const root = base.endsWith("/") ? base : `${base}/`;
  await page.goto(new URL("sandbox", root).href);
  await page.waitForSelector(".sandbox");

  await page.getByLabel("Kind of cluster").selectOption("Leader election");
  await enter(page, "Servers", "3");
  await enter(page, "Election timeout (ms)", "400");
  await enter(page, "Seed", "11");
  await page.getByLabel(/Set every link by hand/).check();
  await enter(page, "Latency (ms)", "200");
  const nodes = (await page.textContent(".sandbox-cluster .sandbox-hint")).trim();
  assert(nodes === "3 nodes: A, B, C", `the form lists the cluster's nodes (${nodes})`);

  await enter(page, "When (seconds into the run)", "1.5");
  await page.getByLabel("What", { exact: true }).selectOption("Crash a node");
  await page.getByLabel("Node", { exact: true }).selectOption({ label: "B" });
  await page.getByRole("button", { name: "Add fault" }).click();
  const said = (await page.textContent(".sandbox-said")).trim();
  assert(said === "Scheduled: Crash B at 1.5 s.", `the sandbox confirms the fault (${said})`);
  const time = page.getByLabel("Time of fault 1, Crash B, in seconds");
  assert((await time.inputValue()) === "1.5", "the fault is listed at 1.5 s");

  await enter(page, "Scenario name", SCENARIO_NAME);
  await enter(page, "Note: what to look for", "Watch who leads after B crashes.");

  await page.getByRole("button", { name: "Build and run" }).click();
  const problem = (await page.textContent(".sandbox-problem")).trim();
  assert(problem === "", `the scenario builds (${problem})`);
  assert((await page.getAttribute("button.play", "aria-pressed")) === "true", "the run plays");
  const built = (await page.textContent(".sandbox-said")).trim();
  assert(built === `“${SCENARIO_NAME}” is built and running.`, `the name is shown as typed (${built})`);
  assert((await page.locator('img[src="x"]').count()) === 0, "no element was made from the name");
  assert((await page.evaluate(() => window.pwned)) === undefined, "nothing in the name ran");
  await page.waitForFunction(() => parseFloat(document.querySelector(".sim-time")?.textContent ?? "0") >= 2);
  await page.getByRole("button", { name: "Pause" }).click();
  const summary = (await page.textContent(".status-summary")).trim();
  assert(summary.startsWith("3 nodes: 2 up, 1 crashed"), `one of three is down (${summary})`);

  await seek(page, 1499);
  const before = await nodeB(page);
  assert(before.startsWith("B: up"), `B is still up just before 1.5 s (${before})`);
  await seek(page, 1500);
  const after = await nodeB(page);
  assert(after.startsWith("B: crashed"), `B is down at 1.5 s (${after})`);
  const lines = await page.locator(".log-line").allTextContents();
  const last = lines.at(-1)?.trim();
  assert(last === "1.500 s B crashed.", `the event log ends with the crash at 1.500 s (${last})`);
}
