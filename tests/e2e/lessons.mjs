// Walks every lesson through the real UI, from its first step to its last:
// answers each prediction before the run plays, completes each hands-on
// task with clicks and keys (the recipes in lesson_recipes.mjs), waits for
// the simulation to confirm it, and saves a screenshot of each lesson.
import { RECIPES } from "./lesson_recipes.mjs";

/** Open lesson `slug` and walk it; returns how many steps it had. */
async function walkLesson(page, base, slug, number, shots, assert) {
  await page.goto(`${base}?lesson=${slug}`);
  await page.waitForSelector(".lesson-panel .step-title");
  await page.selectOption(".speed select", "10");
  const recipes = RECIPES[slug] ?? {};
  let step = 0;
  for (;;) {
    const title = (await page.textContent(".step-title")).trim();
    assert(title.startsWith(`Step ${step + 1} of `), `${slug}: expected step ${step + 1}, saw "${title}"`);
    const steps = Number(/of (\d+)/.exec(title)[1]);
    if ((await page.locator(".question").count()) > 0) {
      assert(await page.isDisabled("button.play"), `${slug} step ${step + 1}: play waits for a prediction`);
      const choice = recipes[`answer${step}`] ?? 0;
      await page.locator(".choice input").nth(choice).check();
      await page.click("button.lock-in");
      await page.waitForSelector(".feedback", { timeout: 90_000 });
      const feedback = await page.textContent(".feedback");
      assert(/What happened: /.test(feedback), `${slug}: the feedback says what happened`);
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

/** Walk every lesson in the sidebar's order; each is one check. */
export async function walkAllLessons(page, base, shots, check, assert) {
  await page.goto(`${base}?lesson=one-machine`);
  await page.waitForSelector(".lesson-link");
  const slugs = (await page.locator(".lesson-list:not(.extras) .lesson-link").evaluateAll((links) =>
    links.map((a) => new URL(a.href).searchParams.get("lesson")),
  ));
  assert(slugs.length === 10, `ten lessons in the sidebar (${slugs.length})`);
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
  await check("finished lessons are marked in the sidebar and survive a reload", async () => {
    await page.reload();
    await page.waitForSelector(".lesson-link");
    const finished = await page.locator(".lesson.finished").count();
    assert(finished === slugs.length, `${finished} of ${slugs.length} lessons marked finished`);
  });
}
