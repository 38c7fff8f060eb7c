// End-to-end tests: serve the release build (dist/) on loopback, open it in
// headless Chromium through playwright-core, and drive it like a student:
// look at the canvas, click a node, use the keyboard; then walk every lesson
// twice, once with recipes that know each task (lessons.mjs) and once as a
// new student who presses only what the hints name (student_walk.mjs); then
// the lab page (labs.mjs, which also runs alone) and its code editor on a
// test page of its own (editor.mjs).
// Fails on any console error, page error, failed request, or request that
// leaves the machine.
// Prints one line per check and ends with "e2e: N passed; M failed".
import { mkdir } from "node:fs/promises";
import { resolve } from "node:path";
import { launchChromium } from "./chromium.mjs";
import { RECIPES } from "./lesson_recipes.mjs";
import { walkAllLessons } from "./lessons.mjs";
import { walkAsStudent } from "./student_walk.mjs";
import { checkNothingFreezes } from "./freeze.mjs";
import { checkSandbox, SCENARIO_NAME } from "./sandbox.mjs";
import { checkSeedSweep } from "./seed_sweep.mjs";
import { serve } from "./serve.mjs";
import { checkStaticHost, savedForOffline } from "./static_host.mjs";
import { kickerReads } from "./course.mjs";
import { checkHistoryView } from "./history.mjs";
import { checkLabs } from "./labs.mjs";
import { checkEditor, serveEditorPage } from "./editor.mjs";

const ROOT = resolve(process.argv[2] ?? "dist");
const SHOTS = resolve("target/e2e");

let passed = 0;
let failed = 0;

async function check(name, body) {
  try {
    await body();
    passed += 1;
    console.log(`ok   ${name}`);
  } catch (error) {
    failed += 1;
    console.log(`FAIL ${name}: ${error.message}`);
  }
}

function assert(condition, message) {
  if (!condition) throw new Error(message);
}

/** Centre of node `index` of `count` on a canvas of the given CSS size (mirrors src/ui/layout.rs). */
function nodeCentre(index, count, width, height) {
  const ring = Math.max(Math.min(width, height) * 0.5 - 56, 20);
  // On a wide canvas the ring stretches into an oval (layout.rs, ring_reach_across).
  const across = Math.max(Math.min(ring * 1.5, width * 0.5 - 60), ring);
  const angle = -Math.PI / 2 + (2 * Math.PI * index) / count;
  return { x: width / 2 + across * Math.cos(angle), y: height / 2 + ring * Math.sin(angle) };
}

/** How many distinct colours the canvas shows, sampled on a grid. */
async function canvasColours(page) {
  return page.evaluate(() => {
    const canvas = document.querySelector("canvas.cluster-canvas");
    const ctx = canvas.getContext("2d");
    const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
    const seen = new Set();
    for (let i = 0; i < data.length; i += 4 * 97) seen.add(`${data[i]},${data[i + 1]},${data[i + 2]}`);
    return seen.size;
  });
}

/**
 * A point on a link of the five-node ring with no coloured message dot near
 * it (a message is drawn over its link, and a click there drops it); null
 * if every link is crowded.
 */
async function freeSpotOnALink(page, box) {
  const links = [];
  for (let i = 0; i < 5; i += 1) {
    for (let j = i + 1; j < 5; j += 1) {
      links.push({ from: nodeCentre(i, 5, box.width, box.height), to: nodeCentre(j, 5, box.width, box.height) });
    }
  }
  return page.evaluate((links) => {
    const canvas = document.querySelector("canvas.cluster-canvas");
    const scale = canvas.width / canvas.clientWidth;
    const ctx = canvas.getContext("2d");
    const colourful = (x, y) => {
      // A click reaches a message 9 px away, and a dot is 5 px across: look 20 px around.
      const half = Math.round(20 * scale);
      const { data } = ctx.getImageData(Math.round(x * scale) - half, Math.round(y * scale) - half, 2 * half, 2 * half);
      for (let i = 0; i < data.length; i += 4) {
        if (Math.max(data[i], data[i + 1], data[i + 2]) - Math.min(data[i], data[i + 1], data[i + 2]) > 60) return true;
      }
      return false;
    };
    for (const { from, to } of links) {
      for (let k = 0; k <= 8; k += 1) {
        const t = 0.5 + (k % 2 === 0 ? 1 : -1) * Math.ceil(k / 2) * 0.04;
        const spot = { x: from.x + (to.x - from.x) * t, y: from.y + (to.y - from.y) * t };
        if (!colourful(spot.x, spot.y)) return spot;
      }
    }
    return null;
  }, links);
}

async function statusEvent(page) {
  return (await page.textContent(".status-event"))?.trim() ?? "";
}

async function tabTo(page, selector, maxPresses = 60) {
  for (let i = 0; i < maxPresses; i += 1) {
    await page.keyboard.press("Tab");
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
  }
  throw new Error(`could not reach ${selector} with Tab`);
}

const server = await serve(ROOT);
const browser = await launchChromium();
const problems = [];
try {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, deviceScaleFactor: 2 });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  page.on("console", (m) => m.type() === "error" && problems.push(`console error: ${m.text()}`));
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  // A load the page itself cut short by going elsewhere (the browser's
  // icon request, when a check navigates at once) is not a failure; any
  // other failed request is, with the browser's reason.
  page.on("requestfailed", (r) => {
    const reason = r.failure()?.errorText ?? "";
    if (reason !== "net::ERR_ABORTED") problems.push(`failed request: ${r.url()} (${reason})`);
  });
  page.on("request", (r) => {
    const host = new URL(r.url()).hostname;
    if (!["127.0.0.1", "localhost"].includes(host) && !r.url().startsWith("data:")) {
      problems.push(`request off the machine: ${r.url()}`);
    }
  });

  await check("the app loads and shows its frame", async () => {
    // The sandbox opens on the built-in scenario: five servers electing a leader.
    await page.goto(`${server.url}sandbox`);
    await page.waitForSelector("canvas.cluster-canvas");
    assert((await page.textContent("h1")) === "Many Nodes", "header names the product");
    const extras = await page.locator(".lesson-list.extras .lesson-link").allTextContents();
    assert(extras.some((e) => e.includes("Glossary")) && extras.some((e) => e.includes("Sandbox")), `glossary and sandbox in the sidebar: ${extras}`);
    assert((await page.locator(".lesson-list:not(.extras) .lesson-link").count()) > 0, "the lessons in the sidebar");
    for (const control of ["button.play", "button.step", ".speed select"]) {
      assert((await page.locator(control).count()) === 1, `${control} present`);
    }
  });

  await check("the canvas is drawn, sharp and alive", async () => {
    await page.waitForTimeout(500);
    const colours = await canvasColours(page);
    assert(colours > 4, `canvas shows ${colours} colours`);
    const backing = await page.evaluate(() => {
      const c = document.querySelector("canvas.cluster-canvas");
      return { ratio: c.width / c.clientWidth, width: c.clientWidth, height: c.clientHeight };
    });
    assert(Math.abs(backing.ratio - 2) < 0.01, `backing store follows devicePixelRatio (${backing.ratio})`);
    // Below the true time, which changes every frame whatever else does:
    // what moves there is the cluster itself (its messages and clocks).
    const box = await page.locator("canvas.cluster-canvas").boundingBox();
    const cluster = { x: box.x, y: box.y + 40, width: box.width, height: box.height - 40 };
    const shot = () => page.screenshot({ clip: cluster });
    const before = await shot();
    await page.waitForTimeout(700);
    const after = await shot();
    assert(!before.equals(after), "the cluster moves while the run plays");
    await page.click("button.play");
    const held = await shot();
    await page.waitForTimeout(700);
    assert(held.equals(await shot()), "and stands still while it is paused");
    await page.click("button.play");
  });

  await check("the space-time diagram draws the same run as lanes and arrows", async () => {
    // Paused, so only the switch can change the picture.
    const wasPlaying = (await page.getAttribute("button.play", "aria-pressed")) === "true";
    if (wasPlaying) await page.click("button.play");
    await page.mouse.move(0, 0);
    await page.waitForTimeout(200);
    const cluster = await page.locator("canvas.cluster-canvas").screenshot();
    await page.click("button.view-spacetime");
    assert((await page.getAttribute("button.view-spacetime", "aria-pressed")) === "true", "the switch says so");
    await page.waitForTimeout(300);
    const diagram = await page.locator("canvas.cluster-canvas").screenshot();
    assert(!cluster.equals(diagram), "the switch changed the picture");
    assert((await canvasColours(page)) > 4, "the diagram is drawn");
    await page.click("button.view-cluster");
    await page.mouse.move(0, 0);
    await page.waitForTimeout(300);
    const back = await page.locator("canvas.cluster-canvas").screenshot();
    assert(back.equals(cluster), "switching back shows the same paused cluster");
    if (wasPlaying) await page.click("button.play");
  });

  await check("a message on the wire can be dropped from a node's menu", async () => {
    if ((await page.getAttribute("button.play", "aria-pressed")) === "true") await page.click("button.play");
    await page.click(".node-button:nth-child(1)");
    for (let i = 0; i < 200 && (await page.locator(".drop-message").count()) === 0; i += 1) {
      await page.click("button.step");
    }
    const what = await page.textContent(".wire-message span");
    await page.click(".drop-message");
    const said = await statusEvent(page);
    assert(said === `You dropped the ${what}.`, `status says: ${said}`);
    const log = await page.textContent(".log-lines");
    assert(log.includes("was lost: it was dropped by hand."), `event log tells it: ${log}`);
    assert((await page.locator(".node-menu").count()) === 0, "the menu gets out of the way to show the loss");
    await page.click("button.play");
  });

  await check("clicking a node on the canvas opens its menu, which crashes it", async () => {
    const box = await page.locator("canvas.cluster-canvas").boundingBox();
    const centre = nodeCentre(2, 5, box.width, box.height);
    await page.mouse.click(box.x + centre.x, box.y + centre.y);
    const title = await page.textContent(".node-menu .menu-title");
    assert(title.startsWith("C — "), `menu of C is open (${title})`);
    const menu = await page.locator(".node-menu").boundingBox();
    const [x, y] = [box.x + centre.x, box.y + centre.y];
    const covers = x >= menu.x && x <= menu.x + menu.width && y >= menu.y && y <= menu.y + menu.height;
    assert(!covers, `the menu keeps off the node it describes (${JSON.stringify(menu)}, node at ${x}, ${y})`);
    await page.click(".node-menu button:text-is('Crash')");
    assert((await statusEvent(page)) === "Node C crashed.", `status says: ${await statusEvent(page)}`);
    const summary = await page.textContent(".status-summary");
    assert(summary.includes("1 crashed"), `summary says: ${summary}`);
    assert((await page.locator(".node-menu").count()) === 0, "the menu gets out of the picture's way once used");
  });

  await check("a node can be crashed with the keyboard alone", async () => {
    await page.locator("body").click({ position: { x: 2, y: 2 } });
    await tabTo(page, ".node-button:nth-child(4)");
    await page.keyboard.press("Enter");
    await page.waitForFunction(() => document.activeElement?.closest(".node-menu") !== null);
    const focused = await page.evaluate(() => document.activeElement.textContent);
    assert(focused === "Crash", `focus moved to the menu's first action (${focused})`);
    await page.keyboard.press("Enter");
    assert((await statusEvent(page)) === "Node D crashed.", `status says: ${await statusEvent(page)}`);
    assert((await page.textContent(".status-summary")).includes("2 crashed"), "two nodes are down");
    assert((await page.locator(".node-menu").count()) === 0, "the menu closes once its node is dealt with");
    const back = await page.evaluate(() => document.activeElement.textContent);
    assert(back.startsWith("D:"), `focus is back on D's button (${back})`);
    await page.keyboard.press("Enter");
    await page.waitForFunction(() => document.activeElement?.closest(".node-menu") !== null);
    await page.keyboard.press("Escape");
    assert((await page.locator(".node-menu").count()) === 0, "Escape closes the menu");
    const again = await page.evaluate(() => document.activeElement.textContent);
    assert(again.startsWith("D:"), `focus is back on D's button after Escape (${again})`);
  });

  await check("a node can be paused from its menu", async () => {
    await page.click(".node-button:nth-child(2)");
    await page.click(".node-menu button:text-is('Pause this node')");
    assert((await statusEvent(page)) === "Node B paused.", `status says: ${await statusEvent(page)}`);
    assert((await page.textContent(".status-summary")).includes("1 paused"), "B is paused");
  });

  await check("clicking a link on the canvas cuts it", async () => {
    // Paused, so that no message moves onto the spot clicked: a message on
    // a link is drawn over it, and clicking it drops the message instead.
    if ((await page.getAttribute("button.play", "aria-pressed")) === "true") await page.click("button.play");
    await page.waitForTimeout(200); // a few frames, so the picture shows the paused moment
    const box = await page.locator("canvas.cluster-canvas").boundingBox();
    const spot = await freeSpotOnALink(page, box);
    assert(spot !== null, "some link has a spot free of messages");
    await page.mouse.click(box.x + spot.x, box.y + spot.y);
    const said = await statusEvent(page);
    assert(/^The link [A-E]↔[A-E] is cut\.$/.test(said), `status says: ${said}`);
  });

  await check("the network panel splits and heals the network and sets loss", async () => {
    await page.click(".network-panel summary");
    await page.check(".partition-node:nth-child(1) input");
    await page.check(".partition-node:nth-child(2) input");
    await page.click("button.split");
    const split = await statusEvent(page);
    assert(split === "The network is split: A, B on one side.", `status says: ${split}`);
    await page.click("button.heal-all");
    assert((await statusEvent(page)) === "The network is healed.", "healed");
    const loss = page.locator(".slider.loss input");
    await loss.focus();
    await page.keyboard.press("ArrowRight");
    await page.keyboard.press("ArrowRight");
    assert((await statusEvent(page)) === "Loss set to 2 %.", `status says: ${await statusEvent(page)}`);
    assert((await page.textContent(".slider.loss .slider-value")).trim() === "2 %", "slider shows 2 %");
  });

  await check("play and pause work from the keyboard", async () => {
    await tabTo(page, "button.play");
    const before = await page.getAttribute("button.play", "aria-pressed");
    await page.keyboard.press("Space");
    const after = await page.getAttribute("button.play", "aria-pressed");
    assert(before !== after, `pressing Space toggles play (${before} -> ${after})`);
  });

  await check("scrubbing back and forth replays exactly the same run", async () => {
    if ((await page.getAttribute("button.play", "aria-pressed")) === "true") await page.click("button.play");
    const range = page.locator(".scrubber-range");
    await range.focus();
    await page.keyboard.press("End");
    await page.keyboard.press("ArrowLeft");
    await page.keyboard.press("ArrowRight");
    const state = async () => ({
      time: await page.textContent(".sim-time"),
      log: await page.textContent(".log-lines"),
      nodes: await page.locator(".node-button").allTextContents(),
    });
    const before = await state();
    assert(before.log.length > 0, "the event log has lines");
    await page.keyboard.press("Home");
    const start = await state();
    assert(start.time.trim() === "0.000 s", `Home goes to the start (${start.time})`);
    assert(start.log !== before.log, "the log shows the start of the run");
    await page.keyboard.press("End");
    const after = await state();
    assert(JSON.stringify(after) === JSON.stringify(before), `same run after scrubbing back:\n${JSON.stringify(before)}\n${JSON.stringify(after)}`);
    const markers = await page.locator(".marker").count();
    assert(markers === 10, `every intervention is marked on the timeline (${markers})`);
  });

  await check("a shared link opens the very same run in a fresh browser", async () => {
    if ((await page.getAttribute("button.play", "aria-pressed")) === "true") await page.click("button.play");
    await page.click(".about-run summary");
    await page.click("button.share-button");
    const link = await page.inputValue(".share-link input");
    assert(link.startsWith(`${server.url}?page=sandbox#v`) && /#v\d+\./.test(link), `a link to this page: ${link}`);
    assert(link.length < 1000, `short enough to paste (${link.length} characters)`);
    const digest = (await page.textContent(".about-digest")).trim();
    const log = await page.textContent(".log-lines");
    const nodes = await page.locator(".node-button").allTextContents();
    const time = await page.textContent(".sim-time");

    const fresh = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    const student = await fresh.newPage();
    student.on("console", (m) => m.type() === "error" && problems.push(`student console error: ${m.text()}`));
    student.on("pageerror", (e) => problems.push(`student page error: ${e.message}`));
    await student.goto(link);
    await student.waitForSelector("canvas.cluster-canvas");
    await student.click(".about-run summary");
    assert((await student.getAttribute("button.play", "aria-pressed")) === "false", "a shared run opens paused");
    assert((await student.textContent(".about-digest")).trim() === digest, "same trace digest as the sender");
    assert((await student.textContent(".sim-time")) === time, "same moment");
    assert((await student.textContent(".log-lines")) === log, "same event log");
    assert(JSON.stringify(await student.locator(".node-button").allTextContents()) === JSON.stringify(nodes), "same nodes");
    const markers = await student.locator(".marker").count();
    assert(markers === (await page.locator(".marker").count()), `the interventions came along (${markers})`);
    await fresh.close();
  });

  await check("a bad link says what is wrong and opens the first lesson", async () => {
    const fresh = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    const student = await fresh.newPage();
    student.on("pageerror", (e) => problems.push(`bad-link page error: ${e.message}`));
    await student.goto(`${server.url}#v1.AAAA`);
    await student.waitForSelector(".banner");
    const alert = await student.textContent(".banner p");
    assert(alert.startsWith("This link could not be opened: "), `banner: ${alert}`);
    assert(/cut off|damaged/.test(alert), `the banner says why: ${alert}`);
    assert(await kickerReads(student, 1), "the first lesson opens");
    await student.goto(`${server.url}#v9.AAAA`);
    await student.reload();
    await student.waitForSelector(".banner");
    assert((await student.textContent(".banner p")).includes("newer version"), "a future link says so");
    await fresh.close();
  });

  await check("embed mode fits 640x400, asks its prediction, and plays only once in view", async () => {
    const fresh = await browser.newContext({ viewport: { width: 640, height: 400 } });
    const embedded = await fresh.newPage();
    await embedded.goto(`${server.url}?lesson=geography&embed=1`);
    await embedded.waitForSelector("canvas.cluster-canvas");
    assert(!(await embedded.isVisible(".sidebar")), "no lesson sidebar");
    assert(!(await embedded.isVisible(".app-header")), "no header");
    assert(!(await embedded.isVisible(".event-log")), "no event log");
    assert(await embedded.isVisible("button.play"), "controls are there");
    assert(await embedded.isVisible(".scrubber-range"), "the timeline is there");
    const tall = await embedded.evaluate(() => document.documentElement.scrollHeight - innerHeight);
    assert(tall <= 0, `the embed fits its frame (${tall}px too tall)`);
    await embedded.locator(".question").scrollIntoViewIfNeeded();
    assert(await embedded.isVisible(".question .choice input"), "the prediction is shown");
    await embedded.locator(".choice input").first().check();
    await embedded.click("[data-control=lock-in]");
    await embedded.waitForSelector(".feedback", { timeout: 60_000 });
    await mkdir(SHOTS, { recursive: true });
    await embedded.screenshot({ path: `${SHOTS}/embed-640x400.png` });

    // In a slide deck: an iframe below the fold waits until it is shown.
    const deck = await fresh.newPage();
    await deck.setViewportSize({ width: 1366, height: 768 });
    await deck.setContent(
      `<div style="height:3000px">Slide 1</div><iframe id="run" src="${server.url}?lesson=one-machine&embed=1" width="640" height="400"></iframe>`,
    );
    const frame = await (await deck.waitForSelector("#run")).contentFrame();
    await frame.waitForSelector(".sim-time");
    await deck.waitForTimeout(1_500);
    const hidden = (await frame.textContent(".sim-time")).trim();
    assert(hidden === "0.000 s", `out of view the run waits (it is at ${hidden})`);
    await deck.evaluate(() => document.getElementById("run").scrollIntoView());
    await frame.waitForFunction(() => document.querySelector(".sim-time").textContent.trim() !== "0.000 s", null, {
      timeout: 10_000,
    });
    await fresh.close();
  });

  await check("reset starts the run over", async () => {
    await page.click("button.reset");
    assert((await page.textContent(".sim-time")).trim() === "0.000 s", "back at time zero");
    assert((await page.locator(".marker").count()) === 0, "no interventions yet");
    assert((await page.textContent(".status-summary")).startsWith("5 nodes: 5 up"), "everyone is up again");
  });

  await check("the page fits a phone screen", async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.waitForTimeout(200);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert(overflow <= 0, `no sideways scrolling (${overflow}px too wide)`);
    await mkdir(SHOTS, { recursive: true });
    await page.screenshot({ path: `${SHOTS}/skeleton-phone.png`, fullPage: true });
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.waitForTimeout(200);
    await page.screenshot({ path: `${SHOTS}/skeleton.png` });
  });

  await check("once loaded, the app opens again with the network gone", async () => {
    const fresh = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    const student = await fresh.newPage();
    student.on("pageerror", (e) => problems.push(`offline page error: ${e.message}`));
    await student.goto(`${server.url}?lesson=one-machine`);
    await savedForOffline(student);
    await fresh.setOffline(true);
    await student.reload();
    await student.waitForSelector("canvas.cluster-canvas");
    assert(await kickerReads(student, 1), "the lesson is back");
    await student.goto(`${server.url}?lesson=clocks`);
    await student.waitForSelector(".lesson-panel .step-title");
    assert(await kickerReads(student, 3), "another lesson opens offline too");
    await fresh.close();
  });

  await check("the sandbox builds a cluster whose scheduled crash happens on time", async () => {
    await checkSandbox(page, server.url);
    await page.screenshot({ path: `${SHOTS}/sandbox.png` });
  });

  await check("hovering or focusing a node shows its role, state and local clock", async () => {
    const fresh = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    const other = await fresh.newPage();
    other.on("pageerror", (e) => problems.push(`peek page error: ${e.message}`));
    await other.goto(`${server.url}sandbox`);
    await other.waitForSelector(".node-button");
    if ((await other.getAttribute("button.play", "aria-pressed")) === "true") await other.click("button.play");
    // By keyboard: a glance comes with focus a student moved, not with
    // focus a closed menu hands back.
    await other.focus(".node-button >> nth=0");
    await other.keyboard.press("Tab");
    await other.waitForSelector(".node-peek");
    const glance = await other.textContent(".node-peek");
    assert(/^B — \w+, up/.test(glance) && glance.includes("local clock:"), `focusing B's button: ${glance}`);
    await other.locator(".node-button >> nth=1").blur();
    const box = await other.locator("canvas.cluster-canvas").boundingBox();
    const a = nodeCentre(0, 5, box.width, box.height);
    await other.mouse.move(box.x + a.x, box.y + a.y);
    await other.waitForFunction(() => document.querySelector(".node-peek")?.textContent.startsWith("A — "));
    // A menu opened and closed with the pointer hands focus back to the
    // node's button without leaving a glance behind.
    await other.mouse.move(1, 1);
    await other.click(".node-button >> nth=2");
    await other.click(".node-menu [data-control=close]");
    await other.waitForTimeout(200);
    assert((await other.locator(".node-peek").count()) === 0, "no glance left after the menu closed");
    assert(await other.evaluate(() => document.activeElement?.matches(".node-button:nth-child(3)")), "focus back on C's button");
    await fresh.close();
  });

  await check("a teacher's scenario shared from the start reaches the student with its name, note and faults", async () => {
    const note = page.getByLabel("Note: what to look for", { exact: true });
    await note.fill("Watch who leads after B crashes. <b>Not bold</b>");
    await note.blur();
    await page.getByRole("button", { name: "Build and run" }).click();
    await page.getByRole("button", { name: "Pause" }).click();
    await page.click("button.share-from-start");
    const link = await page.inputValue(".share-link input");
    const fresh = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    const student = await fresh.newPage();
    student.on("pageerror", (e) => problems.push(`note page error: ${e.message}`));
    await student.goto(link);
    await student.waitForSelector(".scenario-note");
    assert((await student.textContent(".sim-time")).trim() === "0.000 s", "shared from the start, it opens at 0 s");
    assert((await student.locator(".marker").count()) === 1, "the scheduled crash comes along, still to happen");
    const named = await student.textContent(".scenario-note-name");
    assert(named === SCENARIO_NAME, `the scenario's name is shown as typed: ${named}`);
    assert((await student.locator('img[src="x"]').count()) === 0, "markup in a name stays text");
    assert((await student.evaluate(() => window.pwned)) === undefined, "nothing in a shared name runs");
    const text = await student.textContent(".scenario-note-text");
    assert(text === "Watch who leads after B crashes. <b>Not bold</b>", `the note is shown as typed: ${text}`);
    assert((await student.locator(".scenario-note b").count()) === 0, "markup in a note stays text");
    await fresh.close();
  });

  await check("a link shared from a lesson step opens at that step with the very same run", async () => {
    await page.goto(`${server.url}?lesson=lost-replies`);
    await page.waitForSelector(".lesson-panel .step-title");
    await page.click("button.step-next");
    await RECIPES["lost-replies"][1](page);
    await page.waitForSelector(".task.done", { timeout: 60_000 });
    if ((await page.getAttribute("button.play", "aria-pressed")) === "true") await page.click("button.play");
    const step = (await page.textContent(".step-title")).trim();
    await page.click("button.share-button");
    const link = await page.inputValue(".share-link input");
    assert(link.startsWith(`${server.url}?lesson=lost-replies&step=2#v`) && /#v\d+\./.test(link), `a link to this lesson step: ${link}`);
    await page.click(".about-run summary");
    const digest = (await page.textContent(".about-digest")).trim();
    const fresh = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    const student = await fresh.newPage();
    student.on("pageerror", (e) => problems.push(`lesson link page error: ${e.message}`));
    await student.goto(link);
    await student.waitForSelector(".lesson-panel .step-title");
    assert((await student.textContent(".step-title")).trim() === step, "the same step opens");
    await student.click(".about-run summary");
    assert((await student.textContent(".about-digest")).trim() === digest, "same trace digest as the teacher");
    assert((await student.textContent(".sim-time")) === (await page.textContent(".sim-time")), "same moment");
    await fresh.close();
  });

  await mkdir(SHOTS, { recursive: true });
  await walkAllLessons(page, server.url, SHOTS, check, assert);
  await walkAsStudent(page, server.url, SHOTS, check, assert);

  await check("on a phone the first screen names the step, and its button brings the step's text into view", async () => {
    const fresh = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    try {
    const phone = await fresh.newPage();
    await phone.goto(`${server.url}?lesson=one-machine&step=2`);
    await phone.waitForSelector(".lesson-panel .step-title");
    const strip = await phone.locator(".step-strip-title").textContent();
    const title = await phone.locator(".lesson-panel .step-title").textContent();
    assert(strip === title, `the strip names the step on screen: "${strip}" for "${title}"`);
    const stripBox = await phone.locator(".step-strip").boundingBox();
    assert(stripBox && stripBox.y + stripBox.height <= 844, `the strip is on the first screen: ${JSON.stringify(stripBox)}`);
    await phone.tap(".step-strip-read");
    await phone.waitForFunction(() => document.activeElement?.classList.contains("step-title"));
    const picture = await phone.locator(".cluster").boundingBox();
    const shown = await phone.locator(".lesson-panel .step-title").boundingBox();
    assert(
      picture && shown && shown.y >= picture.y + picture.height - 1 && shown.y + shown.height <= 844,
      `the step's title shows under the pinned picture: ${JSON.stringify({ picture, shown })}`,
    );
    } finally {
      await fresh.close();
    }
  });

  // The living cluster: one-way cuts, long presses, message inspection and
  // layouts, each in a fresh page so the run above keeps its interventions.
  const freshPicture = async (address) => {
    const fresh = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    const picture = await fresh.newPage();
    picture.on("pageerror", (e) => problems.push(`picture page error: ${e.message}`));
    await picture.goto(address);
    await picture.waitForSelector("canvas.cluster-canvas");
    if ((await picture.getAttribute("button.play", "aria-pressed")) === "true") await picture.click("button.play");
    const box = await picture.locator("canvas.cluster-canvas").boundingBox();
    const between = (i, j, t) => {
      const [a, b] = [nodeCentre(i, 5, box.width, box.height), nodeCentre(j, 5, box.width, box.height)];
      return { x: box.x + a.x + (b.x - a.x) * t, y: box.y + a.y + (b.y - a.y) * t };
    };
    return { fresh, picture, between };
  };

  await check("Shift+click cuts a link one way, and the page says so", async () => {
    const { fresh, picture, between } = await freshPicture(`${server.url}sandbox`);
    const near = between(0, 1, 0.35);
    await picture.keyboard.down("Shift");
    await picture.mouse.click(near.x, near.y);
    await picture.keyboard.up("Shift");
    const said = (await picture.textContent(".status-event")).trim();
    assert(said === "The link A→B is cut.", `status says: ${said}`);
    const log = await picture.textContent(".log-lines");
    assert(log.includes("The link A→B was cut.") && !log.includes("B→A was cut"), `only one way: ${log}`);
    await fresh.close();
  });

  await check("a long press on a link cuts it one way, without a click as well", async () => {
    const { fresh, picture, between } = await freshPicture(`${server.url}sandbox`);
    const near = between(1, 2, 0.35);
    await picture.mouse.move(near.x, near.y);
    await picture.mouse.down();
    await picture.waitForTimeout(700);
    await picture.mouse.up();
    await picture.waitForTimeout(100);
    const said = (await picture.textContent(".status-event")).trim();
    assert(said === "The link B→C is cut.", `status says: ${said}`);
    const log = await picture.textContent(".log-lines");
    assert(!log.includes("C→B was cut"), `the click did not cut the way back: ${log}`);
    await fresh.close();
  });

  await check("pointing at a message in the event log shows who sent it to whom", async () => {
    const { fresh, picture } = await freshPicture(`${server.url}sandbox`);
    for (let i = 0; i < 200 && (await picture.locator(".log-line.about-message").count()) === 0; i += 1) {
      await picture.click("button.step");
    }
    const line = picture.locator(".log-line.about-message").last();
    const text = await line.textContent();
    await line.focus();
    const title = (await picture.textContent(".message-inspector .inspector-title")).trim();
    const [, from, to] = title.match(/ from (.+) to (.+)$/) ?? [];
    assert(from && to && text.includes(from) && text.includes(to), `"${title}" names the nodes in "${text}"`);
    assert((await picture.textContent(".message-inspector .inspector-times")).includes("sent"), "the times are shown");
    assert((await picture.locator(".log-line.pointed").count()) >= 1, "the line is highlighted");
    await picture.click("button.view-spacetime");
    await line.focus().catch(() => {});
    await picture.waitForTimeout(200);
    await mkdir(SHOTS, { recursive: true });
    await picture.locator(".canvas-wrap").screenshot({ path: `${SHOTS}/spacetime-pointed.png` });
    await fresh.close();
  });

  await check("a cluster with clients is drawn in tiers, clients on the left", async () => {
    // ScaleOut: three clients, a load balancer, three servers (a v1 link).
    const { fresh, picture } = await freshPicture(`${server.url}#v1.ylzUIwABAAAFAwMUrAIAAODGWw`);
    const said = await picture.getAttribute("canvas.cluster-canvas", "aria-label");
    assert(said.startsWith("The cluster in tiers, left to right: client A"), `the picture says: ${said}`);
    assert(said.indexOf("client C") < said.indexOf("load balancer") && said.indexOf("load balancer") < said.indexOf("server 1"), said);
    await picture.locator(".canvas-wrap").screenshot({ path: `${SHOTS}/tiers.png` });
    await fresh.close();
  });

  // The timing checks get the machine to themselves: the page that walked
  // the course would otherwise keep playing its last cluster beside them.
  await page.goto("about:blank");
  await checkHistoryView(browser, server.url, check, assert, problems);
  await checkNothingFreezes(browser, server.url, check, assert, problems);
  await checkStaticHost(browser, ROOT, check, assert);
  await checkSeedSweep(browser, server.url, check, assert);
  await checkLabs(browser, server.url, check, assert, problems);
  const editorPage = await serveEditorPage();
  try {
    await checkEditor(browser, editorPage.url, check, assert, problems);
  } finally {
    await editorPage.close();
  }

  await check("nothing went wrong in the browser", async () => {
    assert(problems.length === 0, problems.join("; "));
  });
} finally {
  await browser.close();
  await server.close();
}

console.log(`e2e: ${passed} passed; ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
