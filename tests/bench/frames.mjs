// Frame-time benchmark: serve the release build (dist/) gzipped, open
// crowded scenarios in headless Chromium through shared-scenario links,
// play them, and time frames: the interval between requestAnimationFrame
// timestamps, and the app's own script work per frame (the "frame"
// measure its frame loop leaves with performance.measure). A frame is
// dropped when its interval is longer than 1.5 x 16.7 ms. Each scenario is
// played three times and the medians are printed beside issue 16's goals,
// never asserted; the machine is shared, so single runs are noisy. The
// links come from `cargo run --example scenario_links`.
//
// node tests/bench/frames.mjs [dist] [seconds]
import { execFileSync } from "node:child_process";
import { resolve } from "node:path";
import { launchChromium } from "../e2e/chromium.mjs";
import { serve } from "../e2e/serve.mjs";
import { figure, median, slowCpu } from "./figures.mjs";

const ROOT = resolve(process.argv[2] ?? "dist");
const SECONDS = Number(process.argv[3] ?? 5);
const REPEATS = 3;
const BENCHES = [
  { name: "gossip-50", cpuSlowdown: 4, figure: "50-node gossip, CPU slowed 4x" },
  { name: "gossip-200", cpuSlowdown: 1, figure: "200-node gossip, plain" },
];
const DROPPED_MS = 1.5 * (1000 / 60);

const scenarios = Object.fromEntries(
  execFileSync("cargo", ["run", "--quiet", "--example", "scenario_links"], { encoding: "utf8" })
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line))
    .map((s) => [s.name, s]),
);

function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** Play `scenario` and time `seconds` of frames: intervals and script work. */
async function timeFrames(browser, url, scenario, cpuSlowdown) {
  const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  try {
    if (cpuSlowdown > 1) await slowCpu(page, cpuSlowdown);
    await page.goto(`${url}sandbox#${scenario.link}`);
    await page.waitForSelector("canvas.cluster-canvas");
    await page.click("button.play");
    await page.waitForTimeout(1_000);
    return await page.evaluate(
      (ms) =>
        new Promise((done) => {
          const work = [];
          const observer = new PerformanceObserver((list) => {
            for (const entry of list.getEntriesByName("frame")) work.push(entry.duration);
          });
          observer.observe({ type: "measure" });
          const stamps = [];
          const tick = (t) => {
            stamps.push(t);
            if (t - stamps[0] < ms) return requestAnimationFrame(tick);
            observer.disconnect();
            done({ intervals: stamps.slice(1).map((s, i) => s - stamps[i]), work });
          };
          requestAnimationFrame(tick);
        }),
      SECONDS * 1_000,
    );
  } finally {
    await page.close();
  }
}

const server = await serve(ROOT, { gzip: true });
const browser = await launchChromium();
try {
  for (const bench of BENCHES) {
    const scenario = scenarios[bench.name];
    const runs = [];
    for (let i = 0; i < REPEATS; i += 1) {
      const { intervals, work } = await timeFrames(browser, server.url, scenario, bench.cpuSlowdown);
      const run = {
        frames: intervals.length,
        dropped: intervals.filter((f) => f > DROPPED_MS).length,
        p50: percentile(intervals, 50),
        p95: percentile(intervals, 95),
        workP95: work.length ? percentile(work, 95) : NaN,
      };
      runs.push(run);
      console.log(
        `${bench.name} (${scenario.nodes} nodes, ~${scenario.in_flight} messages in flight, CPU ${bench.cpuSlowdown}x), ` +
          `run ${i + 1}: ${run.frames} frames in ${SECONDS} s, p50 ${run.p50.toFixed(1)} ms, p95 ${run.p95.toFixed(1)} ms, ` +
          `${run.dropped} dropped (> ${DROPPED_MS.toFixed(1)} ms); script per frame p95 ${run.workP95.toFixed(1)} ms`,
      );
    }
    const of = (key) => median(runs.map((r) => r[key]));
    const work = `script per frame p95 ${of("workP95").toFixed(1)} ms`;
    if (bench.cpuSlowdown > 1) {
      figure(bench.figure, `${of("dropped")} of ${of("frames")} frames dropped in ${SECONDS} s; ${work}`, "0 dropped");
    } else {
      figure(bench.figure, `p95 ${of("p95").toFixed(1)} ms, ${of("dropped")} dropped; ${work}`, "0 dropped");
    }
  }
} finally {
  await browser.close();
  await server.close();
}
