// Headless Chromium as every browser script here launches it: Debian's
// chromium (or $CHROMIUM), with nothing that reaches for the network.
import { chromium } from "playwright-core";

const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";
const FLAGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

/** Launch headless Chromium. */
export function launchChromium() {
  return chromium.launch({ executablePath: CHROMIUM, args: FLAGS, timeout: 30_000 });
}
