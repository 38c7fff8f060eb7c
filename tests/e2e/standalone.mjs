// Running one e2e module on its own (`node tests/e2e/<module>.mjs dist`):
// a browser, the `check` and `assert` that run.mjs also hands each module,
// and an exit code that says whether every check passed.
import { launchChromium } from "./chromium.mjs";

/** Run `body(browser, check, assert)`, print each check, exit 0 only if all passed. */
export async function runAlone(body) {
  const browser = await launchChromium();
  let failed = 0;
  const check = async (name, run) => {
    try {
      await run();
      console.log(`ok   ${name}`);
    } catch (error) {
      failed += 1;
      console.log(`FAIL ${name}: ${error.message}`);
    }
  };
  const assert = (condition, message) => {
    if (!condition) throw new Error(message);
  };
  try {
    await body(browser, check, assert);
  } finally {
    await browser.close();
  }
  process.exit(failed === 0 ? 0 : 1);
}
