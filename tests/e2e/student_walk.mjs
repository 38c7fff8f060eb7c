// Walks every lesson as a new student who follows only the words on the
// page. Unlike lessons.mjs, nothing here knows a lesson's answer: for each
// task it reads the instruction and the hint, collects the controls the
// hint names (the `data-names` the control table puts on lesson text), the
// nodes and roles the words mention and the numbers with units they give,
// and then presses only those controls, found by their `data-control`. A
// prediction is answered with its first choice. Every step is photographed
// at laptop and at phone size into <shots>/walk/, and a task the page never
// confirms fails the lesson with the hint and what the page showed.
import { mkdir, writeFile } from "node:fs/promises";

/** How long a student waits for the page to confirm a task, in ms of wall time. */
const PATIENCE = 60_000;

/** Controls pressed on a node, from its menu. */
const NODE_CONTROLS = new Set(["crash", "restart", "pause-node", "resume"]);
/** Controls that are network sliders. */
const SLIDERS = new Set(["latency", "jitter", "loss", "duplication"]);

/** The words of a sentence that say it is another way, not the way. */
const ANOTHER_WAY = /\b(works too|also|instead|too)\b/i;

const LAPTOP = { viewport: { width: 1366, height: 768 }, deviceScaleFactor: 1 };
const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };

/** Escape `text` for use inside a regular expression. */
const literal = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** The page's text of `selector`, trimmed ("" when it is not there). */
async function textOf(page, selector) {
  const found = page.locator(selector).first();
  return (await found.count()) > 0 ? ((await found.textContent()) ?? "").trim() : "";
}

/**
 * The text of `selector` as a list of pieces, in reading order:
 * { words } for plain text and { control } for a control named through the
 * table (`<strong data-names>`).
 */
async function piecesOf(page, selector) {
  return page.locator(selector).first().evaluate((root) => {
    const out = [];
    const walk = (node) => {
      for (const child of node.childNodes) {
        if (child.nodeType === Node.TEXT_NODE) out.push({ words: child.textContent });
        else if (child.dataset?.names) {
          // The words a reader hears: an icon beside the label is decoration.
          const heard = [...child.childNodes].filter((n) => n.getAttribute?.("aria-hidden") !== "true");
          out.push({ control: child.dataset.names, label: heard.map((n) => n.textContent).join("") });
        }
        else if (child.tagName !== "SUMMARY") walk(child);
      }
    };
    walk(root);
    return out;
  });
}

/** The nodes under the canvas: { name, status, role } from "name: status (role)". */
async function nodesOnPage(page) {
  const texts = await page.locator(".node-button").allTextContents();
  return texts.map((text) => {
    const [, name, status, role] = /^(.*?):\s*([^()]*?)\s*(?:\((.*)\))?$/.exec(text.trim()) ?? [null, text.trim(), "", ""];
    return { name, status, role: role ?? "" };
  });
}

/**
 * Where node names occur in `text`, in order: [{ name, at }]. Longer names
 * win ("server 2" before "server"); a name of one or two characters ("A",
 * "R0") counts only as written, longer ones in any case; "client's" names
 * the client.
 */
function mentions(text, names) {
  const found = [];
  const taken = new Array(text.length).fill(false);
  for (const name of [...names].sort((a, b) => b.length - a.length)) {
    const pattern = new RegExp(`(?<![\\w])${literal(name)}(?![\\w])`, name.length <= 2 ? "g" : "gi");
    for (const match of text.matchAll(pattern)) {
      const span = [match.index, match.index + name.length];
      if (taken.slice(...span).some(Boolean)) continue;
      for (let i = span[0]; i < span[1]; i += 1) taken[i] = true;
      found.push({ name, at: match.index });
    }
  }
  return found.sort((a, b) => a.at - b.at);
}

/** Roles the words point at ("the leader", "C leads"), among the roles the nodes show. */
function rolesIn(text, roles) {
  const lower = text.toLowerCase();
  return roles.filter((role) => role && lower.includes(role.replace(/(er|or)$/, "").toLowerCase()));
}

/**
 * Read a hint as a student does: split it into sentences, set aside the
 * ones that offer another way ("... works too", "You can also ..."), and
 * return the pieces of the main way, or of the other ways when the main
 * way names no control.
 */
function mainWay(pieces) {
  const sentences = [[]];
  for (const piece of pieces) {
    if (piece.control) {
      sentences.at(-1).push(piece);
      continue;
    }
    // A sentence ends after ".", "!" or "?"; words in brackets are a sentence of their own.
    const parts = piece.words.split(/(?<=[.!?])\s+|(?=\()|(?<=\))/);
    parts.forEach((part, i) => {
      if (i > 0) sentences.push([]);
      if (part) sentences.at(-1).push({ words: part });
    });
  }
  const wordsOf = (sentence) => sentence.map((p) => p.words ?? p.label).join("");
  const main = sentences.filter((s) => !ANOTHER_WAY.test(wordsOf(s)));
  const others = sentences.filter((s) => ANOTHER_WAY.test(wordsOf(s)));
  const names = (list) => list.flat().some((p) => p.control);
  return { pieces: (names(main) ? main : others).flat(), other: !names(main) && names(others) };
}

/**
 * The student's plan from the hint's pieces: one entry per named control,
 * with the words between it and the control before (`before`) and after
 * (`after`); `tail` is what follows the last control.
 */
function planFrom(pieces) {
  const plan = [];
  let before = "";
  for (const piece of pieces) {
    if (piece.control) {
      plan.push({ control: piece.control, before, after: "" });
      before = "";
    } else {
      before += piece.words;
      if (plan.length > 0) plan.at(-1).after += piece.words;
    }
  }
  return { plan, tail: before };
}

/** A number with a unit in `text` ("about 80 ms", "20 %"), or null. */
function numberIn(text) {
  const match = /(\d+(?:\.\d+)?)\s*(ms|%)/.exec(text);
  return match ? Number(match[1]) : null;
}

/** The student's walk through one page (one viewport). */
class Student {
  constructor(page, size, shots, journal) {
    this.page = page;
    this.size = size;
    this.shots = shots;
    this.journal = journal;
    this.noted = new Set();
    this.canvas = null;
  }

  /** Write a line in the journal of what the student did and saw. */
  say(line) {
    this.journal.push(`[${this.size}] ${line}`);
  }

  /**
   * Wait until the page has stopped scrolling: feedback is brought into
   * view with a smooth scroll, and a shot taken during it shows the page
   * half way, with parts not yet painted.
   */
  async settle() {
    let last = null;
    for (let i = 0; i < 30; i += 1) {
      const now = await this.page.evaluate(() => window.scrollY + (document.querySelector(".side")?.scrollTop ?? 0));
      if (now === last) return;
      last = now;
      await this.page.waitForTimeout(150);
    }
  }

  /** Press the control `id` (its `data-control`), inside `within` if given. */
  async press(id, within = "") {
    const control = this.page.locator(`${within} [data-control="${id}"]`.trim()).first();
    await control.click();
  }

  async has(id, within = "") {
    return (await this.page.locator(`${within} [data-control="${id}"]`.trim()).count()) > 0;
  }

  /**
   * Photograph what the student sees now (the viewport as it is scrolled:
   * on a phone the picture sticks to the top while the lesson scrolls, so a
   * full-page shot would not show what is on screen).
   */
  async shoot(what = "") {
    await this.page.screenshot({ path: `${this.shots}/${this.size}-${this.where}${what}.png` });
  }

  /**
   * Note what would trip a student here, once per lesson: a node button
   * something else covers, a tooltip left over the picture, a picture that
   * changed size or moved since the last step.
   */
  async look(moment) {
    const seen = await this.page.evaluate(() => {
      const box = (e) => e?.getBoundingClientRect();
      const covered = [];
      for (const button of document.querySelectorAll(".node-button")) {
        const [r, list] = [box(button), box(button.parentElement)];
        const name = button.textContent.split(":")[0];
        // The part of the button its list shows (the list scrolls when it holds many).
        const [top, bottom] = [Math.max(r.top, list.top), Math.min(r.bottom, list.bottom)];
        if (bottom - top < r.height / 2) {
          covered.push(`${name}'s button is out of sight in the list of node buttons (only scrolling inside the list shows it)`);
          continue;
        }
        if (bottom < 0 || top > innerHeight) continue;
        const y = Math.max(0, Math.min(innerHeight - 1, (top + bottom) / 2));
        const hit = document.elementFromPoint(r.left + r.width / 2, y);
        if (hit && hit !== button && !button.contains(hit)) {
          covered.push(`${name}'s button is covered by .${hit.className || hit.tagName}`);
        }
      }
      const tips = [...new Set(document.querySelectorAll(".node-peek, .message-inspector"))]
        .filter((e) => box(e).height > 0)
        .map((e) => `"${e.textContent.trim().slice(0, 60)}"`);
      const c = box(document.querySelector(".canvas-wrap"));
      return { covered, tips, canvas: c && [c.left, c.top, c.width, c.height].map(Math.round) };
    });
    const notes = [...seen.covered];
    if (seen.tips.length) notes.push(`${moment}: a tooltip is left over the picture: ${seen.tips.join(", ")}`);
    const [before, now] = [this.canvas, seen.canvas];
    // On a phone the picture sticks to the top as the page scrolls: only its size counts there.
    const counts = (i) => this.size !== "phone" || i >= 2;
    const moved = before && now && now.some((v, i) => counts(i) && Math.abs(v - before[i]) > 2);
    if (moved) notes.push(`${moment}: the picture moved or changed size: [${before}] -> [${now}] (left, top, width, height)`);
    this.canvas = now;
    for (const note of notes) {
      const key = `${this.lesson} ${note.replace(/^[^:]*: /, "").replace(/[\d.]+ s/g, "")}`;
      if (this.noted.has(key)) continue;
      this.noted.add(key);
      this.say(`${this.where} LOOK ${note}`);
    }
  }

  async playing() {
    return (await this.page.locator('button.play[data-control="pause"]').count()) > 0;
  }

  /** Press Play when the page says time is stopped, naming the control to press. */
  async startTimeIfStopped() {
    const stopped = this.page.locator(".time-stopped");
    if ((await stopped.count()) === 0 || !(await stopped.isVisible())) return;
    // The note goes when the task is done, which may be right now.
    const quick = { timeout: 1_000 };
    const named = await stopped.locator("[data-names]").first().getAttribute("data-names", quick).catch(() => null);
    const said = await stopped.textContent(quick).catch(() => null);
    if (named && said !== null && (await this.has(named))) {
      this.say(`the page says "${said.trim()}": pressed ${named}`);
      await this.press(named);
    }
  }

  async openNetwork() {
    if (!(await this.page.evaluate(() => document.querySelector(".network-panel")?.open ?? false))) {
      await this.press("network");
    }
  }

  async openNode(name) {
    if ((await this.page.locator(".node-menu .menu-title").count()) > 0) {
      const title = await textOf(this.page, ".node-menu .menu-title");
      if (title.startsWith(`${name} — `)) return;
      await this.closeMenu();
    }
    await this.page.locator(".node-button").filter({ hasText: new RegExp(`^${literal(name)}:`) }).first().click();
    await this.page.waitForSelector(".node-menu");
  }

  async closeMenu() {
    if (await this.has("close", ".node-menu")) await this.press("close", ".node-menu");
  }

  /** Wait, with time running, until `ready()` holds; false after `patience` ms. */
  async waitUntil(ready, what, patience = PATIENCE) {
    const until = Date.now() + patience;
    while (Date.now() < until) {
      if (await ready()) return true;
      if (!(await this.playing())) await this.startTimeIfStopped();
      await this.page.waitForTimeout(200);
    }
    this.say(`waited ${patience / 1000} s for ${what}; it never came`);
    return false;
  }

  async taskDone() {
    return (await this.page.locator(".task.done").count()) > 0;
  }

  /**
   * Wait for what the words before a control ask for: "Once C leads",
   * "when another server shows as leader".
   */
  async waitForWords(words, lastTarget) {
    const clause = /\b(once|when|until|after)\b([^,;]*)/i.exec(words);
    if (!clause) return;
    const nodes = await nodesOnPage(this.page);
    const roles = [...new Set(nodes.map((n) => n.role))];
    const wanted = rolesIn(clause[2], roles);
    if (wanted.length === 0) return;
    const named = mentions(clause[2], nodes.map((n) => n.name)).map((m) => m.name);
    const another = /\banother\b|\bsomeone else\b|\bother\b/i.test(clause[2]);
    this.say(`the hint says "${clause[0].trim()}": waiting for it`);
    await this.waitUntil(async () => {
      const now = await nodesOnPage(this.page);
      return now.some(
        (n) =>
          wanted.includes(n.role) &&
          (another ? n.name !== lastTarget : named.length === 0 || named.includes(n.name)),
      );
    }, clause[0].trim());
  }

  /** Press `id` in the menu of the first of `candidates` whose menu has it. */
  async nodeControl(id, candidates, reason) {
    for (const name of candidates) {
      await this.openNode(name);
      if (await this.has(id, ".node-menu")) {
        await this.shoot(`-menu-${name.replace(/\W+/g, "_")}`);
        await this.press(id, ".node-menu");
        this.say(`opened ${name}'s menu (${reason}) and pressed ${id}`);
        await this.closeMenu();
        return name;
      }
      this.say(`${name}'s menu has no ${id}`);
    }
    await this.closeMenu();
    throw new Error(`no node's menu offers "${id}" (tried ${candidates.join(", ")})`);
  }

  /**
   * No node named: press `id` on each node in turn, giving each a quarter
   * of the student's patience to be confirmed, as a student would.
   */
  async tryEachNode(id, names) {
    for (const name of names) {
      await this.openNode(name);
      if (!(await this.has(id, ".node-menu"))) continue;
      await this.press(id, ".node-menu");
      this.say(`no node named: opened ${name}'s menu and pressed ${id}`);
      await this.closeMenu();
      if (await this.waitUntil(() => this.taskDone(), "the task to be confirmed", PATIENCE / 4)) return name;
    }
    await this.closeMenu();
    return null;
  }

  /**
   * Drop a message of the kind the task names from node `name`'s menu: a
   * line on the wire is "<kind> <from>→<to>", and it is the one to drop
   * when the task's words name its kind ("Drop a reply ..."), or any when
   * they speak of a "message". With Step named: pause, then Step until one
   * shows. Without it: watch the menu at the slowest speed and pause when
   * one does.
   */
  async dropFrom(name, task, withStep) {
    const lines = this.page.locator(".node-menu .wire-message");
    const names = (await nodesOnPage(this.page)).map((n) => n.name);
    const wanted = (line) => {
      const cuts = names.map((n) => line.indexOf(` ${n}→`)).filter((at) => at > 0);
      const kind = cuts.length ? line.slice(0, Math.min(...cuts)) : line.split(" ")[0];
      return /\bmessages?\b/i.test(task) || new RegExp(`\\b${literal(kind)}\\b`, "i").test(task);
    };
    /** The first line on the wire the task asks for, or null. */
    const matching = async () => {
      const texts = await lines.locator("span").allTextContents();
      const at = texts.findIndex(wanted);
      return at < 0 ? null : lines.nth(at);
    };
    await this.openNode(name);
    await this.shoot(`-menu-${name.replace(/\W+/g, "_")}`);
    const speed = await this.page.inputValue(".speed select");
    if (!withStep) {
      await this.page.selectOption(".speed select", "0.1");
      if (!(await this.playing())) await this.press("play");
    }
    const until = Date.now() + PATIENCE;
    let found = null;
    while (Date.now() < until) {
      if (await matching()) {
        if (await this.playing()) await this.press("pause");
        found = await matching();
        if (found) break;
        await this.press("play");
      }
      if (withStep) await this.press("step");
      else await this.page.waitForTimeout(20);
    }
    if (!withStep) await this.page.selectOption(".speed select", speed);
    if (!found) throw new Error(`no message of the kind "${task}" names showed up in ${name}'s menu`);
    const line = (await found.locator("span").textContent()).trim();
    await this.shoot("-wire");
    await found.locator('[data-control="drop"]').click();
    this.say(`in ${name}'s menu, pressed drop beside "${line}"`);
    await this.closeMenu();
  }

  /** Set slider `id` as the words after it say: a number with a unit, or low/high. */
  async setSlider(id, words) {
    await this.openNetwork();
    const input = this.page.locator(`label[data-control="${id}"] input[type=range]`);
    const [min, max] = [Number(await input.getAttribute("min")), Number(await input.getAttribute("max"))];
    let value = numberIn(words);
    if (value === null && /\b(low|down|zero|off)\b/i.test(words)) value = min;
    if (value === null && /\b(high|up)\b/i.test(words)) value = max;
    if (value === null) throw new Error(`the hint names ${id} but not what to set it to`);
    await input.scrollIntoViewIfNeeded();
    await input.evaluate((element, v) => {
      element.value = v;
      element.dispatchEvent(new Event("input", { bubbles: true }));
      element.dispatchEvent(new Event("change", { bubbles: true }));
    }, String(value));
    this.say(`set ${id} to ${value} (the words: "${words.trim()}")`);
  }

  /** Do a task by its hint alone; resolves once the page confirms it, throws otherwise. */
  async doTask(where) {
    const page = this.page;
    const instruction = await textOf(page, ".task .task-instruction");
    if ((await page.locator(".task-hint").evaluate((d) => d.open)) === false) await this.press("hint", ".task");
    const hintPieces = await piecesOf(page, ".task .task-hint");
    const hint = hintPieces.map((p) => p.words ?? p.label).join("").trim();
    await this.shoot("-hint");
    const said = `${instruction} | hint: ${hint}`;
    this.say(`${where}: ${said}`);
    const nodes = await nodesOnPage(page);
    const names = nodes.map((n) => n.name);
    const roles = [...new Set(nodes.map((n) => n.role))];
    const way = mainWay(hintPieces);
    if (way.other) this.say("the hint's main way names no control; following the other way it offers");
    const { plan, tail } = planFrom(way.pieces);
    if (plan.length === 0) {
      throw new Error(`${where}: the hint names no control the student could press. ${said}`);
    }
    const wayText = way.pieces.map((p) => p.words ?? `{${p.control}}`).join("");
    const inHint = mentions(wayText, names).map((m) => m.name);
    const inInstruction = mentions(instruction, names).map((m) => m.name);
    const rolesNamed = rolesIn(`${instruction} ${hint}`, roles);
    const byRole = nodes.filter((n) => rolesNamed.includes(n.role)).map((n) => n.name);
    const withStep = plan.some((p) => p.control === "step");
    let target = null;
    for (const { control, before, after } of plan) {
      await this.waitForWords(before, target);
      const near = mentions(before, names).map((m) => m.name);
      if (control === "pause") {
        if (await this.playing()) await this.press("pause");
        this.say("pressed pause");
      } else if (control === "play") {
        if (!(await this.playing())) await this.press("play");
        this.say("pressed play");
      } else if (control === "step") {
        // Used while looking for a message to drop.
      } else if (control === "drop") {
        const from = near[0] ?? target ?? inHint[0] ?? inInstruction[0];
        if (!from) throw new Error(`${where}: the hint names ${control} but no node to drop from. ${said}`);
        target = from;
        await this.dropFrom(from, instruction, withStep);
      } else if (NODE_CONTROLS.has(control)) {
        const [candidates, why] = near.length
          ? [near, "named just before"]
          : target
            ? [[target], "the node the hint is about"]
            : inHint.length
              ? [inHint, "named in the hint"]
              : inInstruction.length
                ? [inInstruction, "named in the task"]
                : byRole.length
                  ? [byRole, "its role is the one the words name"]
                  : [null, ""];
        target = candidates ? await this.nodeControl(control, candidates, why) : await this.tryEachNode(control, names);
        // "do the same for server 3"
        if (/\bthe same\b/i.test(after)) {
          for (const other of mentions(after, names).map((m) => m.name)) {
            await this.nodeControl(control, [other], "the hint says to do the same");
          }
        }
      } else if (control === "network") {
        await this.openNetwork();
        this.say("opened network");
      } else if (control === "split-off") {
        await this.openNetwork();
        const tick = near.length ? near : inHint;
        for (const name of tick) {
          await page.locator(".partition-node").filter({ hasText: new RegExp(`^${literal(name)}$`) }).locator("input").check();
        }
        await this.press("split-off");
        this.say(`ticked ${tick.join(", ")} and pressed split-off`);
      } else if (control === "cut-both-ways" || control === "cut-one-way" || control === "heal-link") {
        await this.openNetwork();
        const ends = near.length >= 2 ? near : inHint;
        if (ends.length < 2) throw new Error(`${where}: the hint names ${control} but not two nodes. ${said}`);
        for (const [i, name] of ends.slice(0, 2).entries()) {
          await page.locator(".one-link .link-end").nth(i).locator("select").selectOption({ label: name });
        }
        await this.press(control);
        this.say(`chose ${ends[0]} to ${ends[1]} and pressed ${control}`);
      } else if (SLIDERS.has(control)) {
        await this.setSlider(control, after);
      } else if (control === "heal-everything") {
        await this.openNetwork();
        await this.press(control);
        this.say("pressed heal-everything");
      } else if (control === "speed") {
        this.say("the hint names speed; kept 10×");
      } else {
        this.say(`the hint names ${control}; nothing to do with it for this task`);
      }
    }
    if (tail.trim()) await this.waitForWords(tail, target);
    const done = await this.waitUntil(() => this.taskDone(), "the task to be confirmed");
    if (!done) {
      const shown = [
        `task says "${await textOf(page, ".task .task-status")}"`,
        `nodes: ${(await page.locator(".node-button").allTextContents()).join("; ")}`,
        `status: "${await textOf(page, ".status-event")}"`,
        `next: "${await textOf(page, ".next-waits")}"`,
      ].join(", ");
      throw new Error(`${where}: the page never confirmed the task in ${PATIENCE / 1000} s. ${said}. The page showed: ${shown}`);
    }
    this.say(`done: ${await textOf(page, ".task .task-status")}`);
  }

  /** Walk lesson `slug` from its first step to its last. */
  async walk(base, slug, number) {
    const page = this.page;
    const tag = `${String(number).padStart(2, "0")}-${slug}`;
    this.lesson = slug;
    this.canvas = null;
    await page.goto(`${base}?lesson=${slug}`);
    await page.waitForSelector(".lesson-panel .step-title");
    for (let step = 1; ; step += 1) {
      const title = await textOf(page, ".step-title");
      if (!title.startsWith(`Step ${step} of `)) throw new Error(`${slug}: expected step ${step}, saw "${title}"`);
      const steps = Number(/of (\d+)/.exec(title)[1]);
      const where = `lesson ${number} (${slug}) step ${step} "${title}"`;
      this.where = `${tag}-s${step}`;
      await page.selectOption(".speed select", "10");
      await page.waitForTimeout(300);
      await this.shoot();
      await this.look("on arriving");
      try {
        if ((await page.locator(".question").count()) > 0) {
          await page.locator(".choice input").first().check();
          await this.press("lock-in");
          await page.waitForSelector(".feedback", { timeout: 90_000 });
          this.say(`${where}: answered the prediction with its first choice`);
          await this.settle();
          await this.shoot("-answered");
        }
        if ((await page.locator(".task").count()) > 0) {
          await this.doTask(where);
          await this.settle();
          await this.shoot("-done");
          await this.look("once the task was done");
        }
      } catch (error) {
        await this.shoot("-FAIL");
        throw error;
      }
      if (step === steps) {
        await page.waitForSelector(".takeaway");
        return steps;
      }
      const next = page.locator('[data-control="next-step"]');
      if (await next.isDisabled()) {
        throw new Error(`${where}: Next stays shut: "${await textOf(page, ".next-waits")}"`);
      }
      await next.click();
      await page.waitForFunction((s) => document.querySelector(".step-title")?.textContent.includes(`Step ${s} of`), step + 1);
    }
  }
}

/**
 * Walk every lesson in the sidebar's order as a student who follows only
 * the words, at laptop size on `page` and again on a phone; one check per
 * lesson. What the student did is written to <shots>/walk/journal.txt.
 */
export async function walkAsStudent(page, base, shots, check, assert) {
  const dir = `${shots}/walk`;
  await mkdir(dir, { recursive: true });
  await page.goto(`${base}?lesson=one-machine`);
  await page.waitForSelector(".lesson-link");
  const slugs = await page
    .locator(".lesson-list:not(.extras) .lesson-link")
    .evaluateAll((links) => links.map((a) => new URL(a.href).searchParams.get("lesson")));
  const course = Number(/of (\d+)/.exec(await page.textContent(".lesson-kicker"))?.[1]);
  assert(course > 0 && slugs.length === course, `the sidebar lists every lesson of the course (${slugs.length} of ${course})`);
  const browser = page.context().browser();
  const contexts = [];
  const journal = [];
  const troubles = [];
  const open = async (size, options) => {
    const context = await browser.newContext(options);
    contexts.push(context);
    const fresh = await context.newPage();
    fresh.setDefaultTimeout(10_000);
    fresh.on("pageerror", (e) => troubles.push(`[${size}] page error: ${e.message}`));
    fresh.on("console", (m) => m.type() === "error" && troubles.push(`[${size}] console error: ${m.text()}`));
    return new Student(fresh, size, dir, journal);
  };
  try {
    const students = [await open("laptop", LAPTOP), await open("phone", PHONE)];
    for (const [index, slug] of slugs.entries()) {
      await check(`lesson ${index + 1} (${slug}): a student using only the controls its hints name gets to the end`, async () => {
        const failures = [];
        for (const student of students) {
          try {
            await student.walk(base, slug, index + 1);
          } catch (error) {
            failures.push(`[${student.size}] ${error.message}`);
            student.say(`FAIL ${error.message}`);
          }
        }
        failures.push(...troubles.splice(0));
        assert(failures.length === 0, failures.join(" || "));
      });
      await writeFile(`${dir}/journal.txt`, `${journal.join("\n")}\n`);
    }
  } finally {
    for (const context of contexts) await context.close();
  }
}
