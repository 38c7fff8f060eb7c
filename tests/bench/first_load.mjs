// First-load benchmark: serve the release build (dist/) gzipped, as a
// static host would, and measure the first lesson's start on a slow device.
// Canvas ready: headless Chromium with its CPU slowed 4x opens the first
// lesson with an empty cache, and the time from navigation to the app's
// "canvas-ready" mark (left when its frame loop first paints the picture)
// is taken, five times. Lighthouse (pinned 12.2.3, its default mobile
// settings: a mid-range phone on a slow 4G link, simulated) scores the same
// page three times. Medians are printed beside issue 16's goals, never
// asserted; the machine is shared, so single runs are noisy.
//
// node tests/bench/first_load.mjs [dist]
import { resolve } from "node:path";
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";
import { launchChromium } from "../e2e/chromium.mjs";
import { serve } from "../e2e/serve.mjs";
import { figure, median, slowCpu } from "./figures.mjs";

const ROOT = resolve(process.argv[2] ?? "dist");
const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";
const READY_RUNS = 5;
const LIGHTHOUSE_RUNS = 3;

/** Milliseconds from navigation to the first painted picture, CPU slowed 4x. */
async function canvasReady(browser, url) {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  try {
    const page = await context.newPage();
    await slowCpu(page, 4);
    await page.goto(url);
    const ready = await page.waitForFunction(() => performance.getEntriesByName("canvas-ready")[0]?.startTime, null, {
      timeout: 60_000,
    });
    return await ready.jsonValue();
  } finally {
    await context.close();
  }
}

/** One Lighthouse mobile run: performance score, LCP and TBT in ms. */
async function lighthouseRun(url) {
  const chrome = await chromeLauncher.launch({
    chromePath: CHROMIUM,
    chromeFlags: ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
  });
  try {
    const { lhr } = await lighthouse(url, {
      port: chrome.port,
      output: "json",
      logLevel: "error",
      onlyCategories: ["performance"],
    });
    return {
      score: Math.round(lhr.categories.performance.score * 100),
      lcp: lhr.audits["largest-contentful-paint"].numericValue,
      tbt: lhr.audits["total-blocking-time"].numericValue,
    };
  } finally {
    await chrome.kill();
  }
}

const server = await serve(ROOT, { gzip: true });
try {
  const browser = await launchChromium();
  const readies = [];
  try {
    for (let i = 0; i < READY_RUNS; i += 1) readies.push(await canvasReady(browser, server.url));
  } finally {
    await browser.close();
  }
  console.log(`canvas ready, CPU slowed 4x, runs: ${readies.map((ms) => `${Math.round(ms)} ms`).join(", ")}`);
  figure("canvas ready, CPU slowed 4x", `${(median(readies) / 1_000).toFixed(2)} s`, "≤ 0.6 s");

  const scores = [];
  for (let i = 0; i < LIGHTHOUSE_RUNS; i += 1) {
    const run = await lighthouseRun(server.url);
    scores.push(run);
    console.log(
      `Lighthouse mobile, run ${i + 1}: performance ${run.score}; ` +
        `LCP ${(run.lcp / 1_000).toFixed(1)} s; TBT ${Math.round(run.tbt)} ms`,
    );
  }
  const of = (key) => median(scores.map((s) => s[key]));
  figure(
    "Lighthouse performance, mobile",
    `${of("score")}; LCP ${(of("lcp") / 1_000).toFixed(1)} s; TBT ${Math.round(of("tbt"))} ms`,
    "≥ 95; LCP ≤ 2.0 s; TBT ≤ 100 ms",
  );
} finally {
  await server.close();
}
