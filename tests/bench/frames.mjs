// Frame-time benchmark: serve the release build (dist/), open crowded
// scenarios in headless Chromium through shared-scenario links, play them,
// and time frames with requestAnimationFrame timestamps. Prints p50 and
// p95 frame time and dropped frames (longer than 1.5 x 16.7 ms) for each;
// the targets (p95 <= 16.7 ms at 50 nodes, <= 33 ms at 200) are reported,
// never asserted. The links come from `cargo run --example scenario_links`.
//
// node tests/bench/frames.mjs [dist] [seconds]
import { execFileSync } from "node:child_process";
import { resolve } from "node:path";
import { launchChromium } from "../e2e/chromium.mjs";
import { serve } from "../e2e/serve.mjs";

const ROOT = resolve(process.argv[2] ?? "dist");
const SECONDS = Number(process.argv[3] ?? 5);
const BENCHES = [
  { name: "gossip-50", target: 16.7 },
  { name: "gossip-200", target: 33.3 },
];
const DROPPED_MS = 1.5 * (1000 / 60);

const scenarios = Object.fromEntries(
  execFileSync("cargo", ["run", "--quiet", "--example", "scenario_links"], { encoding: "utf8" })
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line))
    .map((s) => [s.name, s]),
);

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

const server = await serve(ROOT);
const browser = await launchChromium();
try {
  for (const bench of BENCHES) {
    const scenario = scenarios[bench.name];
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    await page.goto(`${server.url}sandbox#${scenario.link}`);
    await page.waitForSelector("canvas.cluster-canvas");
    await page.click("button.play");
    await page.waitForTimeout(1_000);
    const frames = await page.evaluate(
      (ms) =>
        new Promise((done) => {
          const stamps = [];
          const tick = (t) => {
            stamps.push(t);
            if (t - stamps[0] < ms) requestAnimationFrame(tick);
            else done(stamps.slice(1).map((s, i) => s - stamps[i]));
          };
          requestAnimationFrame(tick);
        }),
      SECONDS * 1_000,
    );
    const sorted = [...frames].sort((a, b) => a - b);
    const [p50, p95] = [percentile(sorted, 50), percentile(sorted, 95)];
    const dropped = frames.filter((f) => f > DROPPED_MS).length;
    const verdict = Number(p95.toFixed(1)) <= bench.target ? "meets" : "misses";
    console.log(
      `${bench.name}: ${scenario.nodes} nodes, ~${scenario.in_flight} messages in flight: ` +
        `${frames.length} frames in ${SECONDS} s, p50 ${p50.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms, ` +
        `${dropped} dropped (> ${DROPPED_MS.toFixed(1)} ms); ${verdict} the p95 target of ${bench.target} ms`,
    );
    await page.close();
  }
} finally {
  await browser.close();
  await server.close();
}
