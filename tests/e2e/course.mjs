// What the page says about the course as a whole, read from the page
// itself, so the checks hold however many lessons the course has.

/**
 * In the page: whether its lesson heading reads "Lesson <n> of <N>", where
 * N is the number of lessons the sidebar lists.
 */
function headingReads(n) {
  const total = document.querySelectorAll(".sidebar ol.lesson-list > li.lesson").length;
  const kicker = document.querySelector(".lesson-kicker")?.textContent.trim();
  return total > 0 && kicker === `Lesson ${n} of ${total}`;
}

/** Whether the page shows lesson `number` now. */
export function kickerReads(page, number) {
  return page.evaluate(headingReads, number);
}

/** Wait until the page shows lesson `number`; false if it never does. */
export async function showsLesson(page, number) {
  try {
    await page.waitForFunction(headingReads, number);
    return true;
  } catch {
    return false;
  }
}
