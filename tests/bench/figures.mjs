// The bench's figures, each printed beside its goal (issue 16's table) and,
// when $BENCH_FIGURES names a file, added to it as "figure<TAB>now<TAB>goal"
// for the summary `make bench` ends with. Goals are reported, never asserted.
import { appendFileSync } from "node:fs";

/** Print one figure beside its goal and record it. */
export function figure(name, now, goal) {
  console.log(`${name}: ${now} (goal ${goal})`);
  if (process.env.BENCH_FIGURES) appendFileSync(process.env.BENCH_FIGURES, `${name}\t${now}\t${goal}\n`);
}

/** The median of some numbers. */
export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Slow the page's CPU down `rate` times, through the DevTools protocol. */
export async function slowCpu(page, rate) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Emulation.setCPUThrottlingRate", { rate });
}
