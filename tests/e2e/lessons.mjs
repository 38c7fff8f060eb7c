// Walks every lesson through the real UI, from its first step to its last:
// answers each prediction before the run plays, completes each hands-on
// task with clicks and keys (the recipes in lesson_recipes.mjs), waits for
// the simulation to confirm it, and saves a screenshot of each lesson.
import { RECIPES } from "./lesson_recipes.mjs";

/** Open lesson `slug` and walk it; returns how many steps it had. */
async function walkLesson(page, base, slug, number, shots, assert) {
  await page.goto(`${base}?lesson=${slug}`);
  await page.waitForSelector(".lesson-panel .step-title");
  const recipes = RECIPES[slug] ?? {};
  let step = 0;
  for (;;) {
    // A step may slow the run down so that each message can be followed;
    // the walk has seen that elsewhere and hurries on.
    await page.selectOption(".speed select", "10");
    const title = (await page.textContent(".step-title")).trim();
    assert(title.startsWith(`Step ${step + 1} of `), `${slug}: expected step ${step + 1}, saw "${title}"`);
    const steps = Number(/of (\d+)/.exec(title)[1]);
    if ((await page.locator(".question").count()) > 0) {
      assert(await page.isDisabled("button.play"), `${slug} step ${step + 1}: play waits for a prediction`);
      // Answers vary from step to step, so that both verdicts get shown.
      const labels = (await page.locator(".choice span").allTextContents()).map((t) => t.trim());
      const choice = recipes[`answer${step}`] ?? step % labels.length;
      await page.locator(".choice input").nth(choice).check();
      await page.click("button.lock-in");
      await page.waitForSelector(".feedback", { timeout: 90_000 });
      const verdict = (await page.textContent(".feedback strong")).trim();
      const shown = /What happened: (.*)$/m.exec(await page.textContent(".feedback p"))?.[1]?.trim();
      assert(labels.includes(shown), `${slug} step ${step + 1}: what happened is one of the choices (${shown})`);
      const right = shown === labels[choice];
      assert(
        verdict === (right ? "You called it." : "Not quite."),
        `${slug} step ${step + 1}: picked "${labels[choice]}", the run showed "${shown}", the verdict says "${verdict}"`,
      );
    }
    if ((await page.locator(".task").count()) > 0) {
      const recipe = recipes[step];
      assert(recipe, `${slug} step ${step + 1}: no recipe for its task`);
      await recipe(page);
      await page.waitForSelector(".task.done", { timeout: 90_000 });
    }
    if (step + 1 === steps) {
      await page.waitForSelector(".takeaway");
      await page.screenshot({ path: `${shots}/lesson-${String(number).padStart(2, "0")}-${slug}.png` });
      return steps;
    }
    await page.click("button.step-next");
    step += 1;
  }
}

/** What a step draws attention to: the view it opens, its speed, the control it outlines. */
async function focusOf(page) {
  return {
    spaceTime: (await page.getAttribute("button.view-spacetime", "aria-pressed")) === "true",
    speed: await page.inputValue(".speed select"),
    lit: await page.locator(".spotlight").evaluateAll((els) => els.map((e) => e.dataset.control)),
  };
}

/** A step opens the view its sights are drawn in, slows the run, and outlines the control it names. */
async function checkStepFocus(page, base, assert) {
  await page.goto(`${base}?lesson=clocks&step=1`);
  await page.waitForSelector(".lesson-panel .step-title");
  let focus = await focusOf(page);
  assert(!focus.spaceTime && focus.lit.length === 0, `clocks 1 shows the cluster, nothing outlined: ${JSON.stringify(focus)}`);
  await page.click("button.step-next");
  await page.waitForSelector(".question");
  focus = await focusOf(page);
  assert(focus.spaceTime && focus.speed === "0.5", `clocks 2 opens the space-time diagram at 0.5x: ${JSON.stringify(focus)}`);
  await page.goto(`${base}?lesson=clocks&step=4`);
  await page.waitForSelector(".task");
  focus = await focusOf(page);
  assert(!focus.spaceTime, "clocks 4 (cut a link on the canvas) shows the cluster");
  assert(focus.lit.length === 1 && focus.lit[0] === "network", `clocks 4 outlines Network: ${JSON.stringify(focus)}`);
  await page.click("button.step-back");
  await page.waitForSelector(".question");
  focus = await focusOf(page);
  assert(focus.spaceTime && focus.lit.length === 0, `back at clocks 3 the outline is gone: ${JSON.stringify(focus)}`);
  // A prediction watched at a slow speed offers a skip to its result: 8 s of
  // the run at 0.1x would take 80 s, the wait below allows 30.
  await page.goto(`${base}?lesson=replication&step=2`);
  await page.waitForSelector(".question");
  focus = await focusOf(page);
  assert(focus.speed === "0.1", `replication 2 plays at 0.1x: ${JSON.stringify(focus)}`);
  assert((await page.locator("button.skip-to-result").count()) === 0, "no skip before an answer is locked in");
  await page.locator(".choice input").nth(1).check();
  await page.click("button.lock-in");
  await page.click("button.skip-to-result");
  await page.waitForSelector(".feedback", { timeout: 30_000 });
  const feedback = await page.textContent(".feedback");
  assert(/^You called it\. What happened: Hardly anything/.test(feedback), `the skipped run shows what a watched one does: ${feedback}`);
  assert(await page.inputValue(".speed select") === "0.1", "skipping leaves the speed as the step set it");
}

/**
 * Pause named in a hint pauses the run from where the student reads it, and
 * Step in a node's menu steps it while its messages on the wire are watched.
 */
async function checkControlsWhereRead(page, base, assert) {
  await page.goto(`${base}?lesson=lost-replies&step=2`);
  await page.waitForSelector(".task");
  await page.waitForFunction(() => document.querySelector("button.play")?.getAttribute("aria-pressed") === "true");
  await page.click(".task-hint summary");
  await page.click(".task-hint button[data-names=pause]");
  assert((await page.getAttribute("button.play", "aria-pressed")) === "false", "Pause in the hint paused the run");
  await page.click(".node-button:has-text('client')");
  await page.waitForSelector(".node-menu .menu-step");
  const clock = async () => (await page.textContent(".node-menu .menu-facts dd")).trim();
  const before = await clock();
  let steps = 0;
  // A step may run an event due at the very moment the run was paused, so
  // the clock need not move on the first: step until both have shown.
  while (steps < 200 && ((await page.locator(".node-menu .wire-message").count()) === 0 || (await clock()) === before)) {
    await page.click(".node-menu .menu-step");
    steps += 1;
  }
  assert((await page.locator(".node-menu .wire-message").count()) > 0, `Step in the menu brought a message on the wire (${steps} steps)`);
  assert((await clock()) !== before, `the client's clock moved on (${before} then ${await clock()})`);
  assert((await page.getAttribute("button.play", "aria-pressed")) === "false", "stepping left the run paused");
}

/**
 * Back to a step that carries on an earlier step's run: the picture shows
 * that run again, not the later step's, and its task waits to be done.
 * Lesson 1's step 2 carries on step 1's lone app; step 3 loads a client, a
 * web server and a database.
 */
async function checkBackRestoresTheRun(page, base, assert) {
  const names = () =>
    page.locator(".node-button").evaluateAll((buttons) => buttons.map((b) => b.getAttribute("aria-label") ?? ""));
  await page.goto(`${base}?lesson=one-machine&step=3`);
  await page.waitForSelector(".node-button");
  assert((await names()).some((n) => /database/.test(n)), `step 3 shows its database (${await names()})`);
  await page.click("[data-control=back]");
  await page.waitForFunction(() => /^Step 2 of/.test(document.querySelector(".lesson-panel .step-title")?.textContent ?? ""));
  await page.waitForFunction(() =>
    [...document.querySelectorAll(".node-button")].every((b) => !/database/.test(b.getAttribute("aria-label") ?? "")),
  );
  const shown = await names();
  assert(shown.length > 0 && shown.every((n) => !/database|web server/.test(n)), `back at step 2, step 3's nodes are gone (${shown})`);
  assert((await page.locator(".task.done").count()) === 0, "step 2's task is not done on arrival");
}

/** Walk every lesson in the sidebar's order; each is one check. */
export async function walkAllLessons(page, base, shots, check, assert) {
  await page.goto(`${base}?lesson=one-machine`);
  await page.waitForSelector(".lesson-link");
  const slugs = (await page.locator(".lesson-list:not(.extras) .lesson-link").evaluateAll((links) =>
    links.map((a) => new URL(a.href).searchParams.get("lesson")),
  ));
  const course = Number(/of (\d+)/.exec(await page.textContent(".lesson-kicker"))?.[1]);
  assert(course > 0 && slugs.length === course, `the sidebar lists every lesson of the course (${slugs.length} of ${course})`);
  for (const [index, slug] of slugs.entries()) {
    await check(`lesson ${index + 1} (${slug}) can be walked from first step to last`, async () => {
      try {
        await walkLesson(page, base, slug, index + 1, shots, assert);
      } catch (error) {
        await page.screenshot({ path: `${shots}/lesson-${String(index + 1).padStart(2, "0")}-${slug}-failed.png` });
        throw error;
      }
    });
  }
  await check("a step opens its view, slows the run and outlines the control it names", () =>
    checkStepFocus(page, base, assert),
  );
  await check("Pause works from a hint, and Step from a node's menu", () => checkControlsWhereRead(page, base, assert));
  await check("Back to a step that carries on an earlier step's run shows that run", () =>
    checkBackRestoresTheRun(page, base, assert),
  );
  await check("finished lessons are marked in the sidebar and survive a reload", async () => {
    await page.reload();
    await page.waitForSelector(".lesson-link");
    const finished = await page.locator(".lesson.finished").count();
    assert(finished === slugs.length, `${finished} of ${slugs.length} lessons marked finished`);
  });
}
