// End-to-end checks of the lab's code editor bundle (editor/dist/editor.js)
// on its own test page (fixtures/editor.html): typing, onChange, undo,
// setText, indentation, Tab and the Escape-then-Tab way out, error marks,
// highlighting, colour contrast in both schemes, and a phone's width.
// Screenshots of the page (laptop and phone, light and dark, one error
// marked) go to target/e2e/editor-*.png.
// Exported for run.mjs (serveEditorPage, then checkEditor); also runs alone,
// building the bundle first if it is out of date:
//   node tests/e2e/editor.mjs
import { execFileSync } from "node:child_process";
import { mkdir } from "node:fs/promises";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { runAlone } from "./standalone.mjs";
import { serve } from "./serve.mjs";

const SHOTS = resolve("target/e2e");
const LAPTOP = { width: 1366, height: 768 };
const PHONE = { width: 390, height: 844 };
const CONTENT = ".cm-content";

/** Build the bundle if it is out of date and serve the repository; `url` is the test page's address. */
export async function serveEditorPage() {
  execFileSync(process.execPath, ["editor/build.mjs"], { stdio: "inherit" });
  const server = await serve(resolve("."), { fallback: "none" });
  return { url: `${server.url}tests/e2e/fixtures/editor.html`, close: server.close };
}

/** A fresh page on the test page that records anything going wrong in `problems`. */
async function openEditorPage(browser, url, problems, options = {}) {
  const context = await browser.newContext({ viewport: LAPTOP, ...options });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  page.on("console", (m) => m.type() === "error" && problems.push(`editor console error: ${m.text()}`));
  page.on("pageerror", (e) => problems.push(`editor page error: ${e.message}`));
  page.on("requestfailed", (r) => problems.push(`editor failed request: ${r.url()}`));
  page.on("request", (r) => {
    if (new URL(r.url()).hostname !== "127.0.0.1") problems.push(`editor request off the machine: ${r.url()}`);
  });
  await page.goto(url);
  await page.waitForSelector(CONTENT);
  return { context, page };
}

const text = (page) => page.evaluate(() => window.editor.text());
const changes = (page) => page.evaluate(() => window.changes);

/** Replace the text through the handle and put the cursor at its end, focused. */
async function startWith(page, code) {
  await page.evaluate((code) => {
    window.editor.setText(code);
    window.editor.focus();
  }, code);
  await page.keyboard.press("ControlOrMeta+End");
}

/** Where line `number` (1-based) and what follows it are drawn. */
function lineAndNext(page, number) {
  return page.evaluate((number) => {
    const line = document.querySelectorAll(".cm-content > .cm-line")[number - 1];
    const next = line.nextElementSibling;
    return { line: line.textContent, nextClass: next?.className ?? "", nextText: next?.textContent ?? "" };
  }, number);
}

/**
 * Every text colour the editor shows against the background it is shown
 * on, with its WCAG contrast ratio.
 */
function contrasts(page) {
  return page.evaluate(() => {
    const rgb = (colour) => colour.match(/[\d.]+/g).slice(0, 3).map(Number);
    const luminance = (colour) => {
      const [r, g, b] = rgb(colour).map((v) => {
        const c = v / 255;
        return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
      });
      return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
    const ratio = (a, b) => {
      const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
      return (light + 0.05) / (dark + 0.05);
    };
    const colour = (selector, property = "color") => getComputedStyle(document.querySelector(selector))[property];
    const surfaces = {
      plain: colour(".cm-editor", "backgroundColor"),
      "active line": colour(".cm-activeLine", "backgroundColor"),
      "error line": colour(".cm-rhai-errorLine", "backgroundColor"),
    };
    const inks = { text: colour(".cm-line") };
    for (const token of document.querySelectorAll(".cm-line [class^=rhai-]")) {
      inks[token.className] = getComputedStyle(token).color;
    }
    const found = [];
    for (const [ink, fg] of Object.entries(inks)) {
      for (const [surface, bg] of Object.entries(surfaces)) found.push({ what: `${ink} on ${surface}`, ratio: ratio(fg, bg) });
    }
    const pairs = {
      "line number": [".cm-lineNumbers .cm-gutterElement:not(.cm-activeLineGutter)", ".cm-gutters"],
      "error message": [".cm-rhai-errorBox", ".cm-rhai-errorBox"],
      "keyboard note": [".cm-rhai-keys", ".cm-panels"],
    };
    for (const [what, [fg, bg]] of Object.entries(pairs)) {
      found.push({ what, ratio: ratio(colour(fg), colour(bg, "backgroundColor")) });
    }
    return { surface: surfaces.plain, found };
  });
}

/** The editor's checks on the test page at `url`. */
export async function checkEditor(browser, url, check, assert, problems) {
  const { context, page } = await openEditorPage(browser, url, problems);
  const starter = await text(page);
  try {
    await check("editor: mounts with its text, the label, and the keyboard note", async () => {
      assert(starter.startsWith("// Gossip") && starter.split("\n").length === 14, `text(): ${starter.slice(0, 40)}`);
      const label = await page.getAttribute(CONTENT, "aria-label");
      assert(label === "Your node's code", `aria-label: ${label}`);
      const described = await page.evaluate((content) => {
        const ids = document.querySelector(content).getAttribute("aria-describedby").split(" ");
        return ids.map((id) => document.getElementById(id)?.textContent ?? "missing").join(" ");
      }, CONTENT);
      assert(/Escape, then Tab/.test(described), `aria-describedby says how to leave: ${described}`);
      assert(await page.getByText("press Escape, then Tab").isVisible(), "the note is visible too");
      const loaded = await page.evaluate(() => performance.getEntriesByType("resource").map((r) => new URL(r.name).pathname));
      assert(loaded.join() === "/style/main.css,/editor/dist/editor.js", `the page loaded only its style sheet and the bundle: ${loaded}`);
    });

    await check("editor: typing changes text() and calls onChange", async () => {
      await page.click(CONTENT);
      await page.keyboard.press("ControlOrMeta+End");
      await page.keyboard.type("\nlet x = 1;");
      const now = await text(page);
      assert(now === `${starter}\nlet x = 1;`, `text() after typing ends: ${JSON.stringify(now.slice(-20))}`);
      const seen = await changes(page);
      assert(seen.length > 0 && seen.at(-1) === now, `onChange saw ${seen.length} changes, the last one the text`);
    });

    await check("editor: undo restores the text and redo brings it back", async () => {
      await page.waitForTimeout(600); // past the history's grouping of nearby edits
      await page.keyboard.press("ControlOrMeta+z");
      assert((await text(page)) === starter, `after undo: ${JSON.stringify((await text(page)).slice(-20))}`);
      assert((await changes(page)).at(-1) === starter, "onChange heard the undo");
      await page.keyboard.press("ControlOrMeta+Shift+z");
      assert((await text(page)).endsWith("let x = 1;"), "after redo");
    });

    await check("editor: setText replaces the text without onChange, as one undoable step", async () => {
      const before = await text(page);
      const heard = (await changes(page)).length;
      await page.evaluate(() => window.editor.setText("let a = 1;"));
      assert((await text(page)) === "let a = 1;", "text() is the new text");
      assert((await changes(page)).length === heard, "onChange was not called");
      await page.evaluate(() => window.editor.setText("let a = 1;"));
      await page.evaluate(() => window.editor.focus());
      await page.keyboard.press("ControlOrMeta+z");
      assert((await text(page)) === before, "one undo brings back the text from before");
    });

    await check("editor: Enter after `fn f() {` indents four spaces, and `}` goes back", async () => {
      await startWith(page, "");
      await page.keyboard.type("fn f() {");
      await page.keyboard.press("Enter");
      assert((await text(page)) === "fn f() {\n    ", `after Enter: ${JSON.stringify(await text(page))}`);
      await page.keyboard.type("if x {");
      await page.keyboard.press("Enter");
      assert((await text(page)).endsWith("if x {\n        "), `nested: ${JSON.stringify(await text(page))}`);
      await page.keyboard.type("}");
      assert((await text(page)).endsWith("if x {\n    }"), `} lines up with its opener: ${JSON.stringify(await text(page))}`);
    });

    await check("editor: Enter between brackets opens an indented line", async () => {
      await startWith(page, "send(peer, #{});");
      await page.keyboard.press("Home");
      for (let i = 0; i < "send(peer, #{".length; i += 1) await page.keyboard.press("ArrowRight");
      await page.keyboard.press("Enter");
      assert((await text(page)) === "send(peer, #{\n    \n});", `after Enter: ${JSON.stringify(await text(page))}`);
    });

    await check("editor: Tab indents and keeps focus; Escape then Tab leaves the editor", async () => {
      await startWith(page, "let a = 1;");
      await page.keyboard.press("Tab");
      assert((await text(page)) === "    let a = 1;", `after Tab: ${JSON.stringify(await text(page))}`);
      const inside = await page.evaluate((c) => document.activeElement.matches(c), CONTENT);
      assert(inside, "Tab alone keeps focus in the editor");
      await page.keyboard.press("Shift+Tab");
      assert((await text(page)) === "let a = 1;", "Shift+Tab outdents");
      await page.keyboard.press("Escape");
      await page.keyboard.press("Tab");
      const focused = await page.evaluate(() => document.activeElement.id);
      assert(focused === "run", `focus moved on to the next control, now on "${focused}"`);
      await page.keyboard.press("Shift+Tab");
      const ring = await page.evaluate((c) => {
        const editor = document.querySelector(".cm-editor");
        return { back: document.activeElement.matches(c), outline: getComputedStyle(editor).outlineWidth };
      }, CONTENT);
      assert(ring.back && ring.outline === "3px", `Shift+Tab comes back, with a focus ring: ${JSON.stringify(ring)}`);
    });

    await check("editor: Ctrl+/ turns a line into a comment and back", async () => {
      await startWith(page, "let a = 1;");
      await page.keyboard.press("ControlOrMeta+/");
      assert((await text(page)) === "// let a = 1;", `commented: ${await text(page)}`);
      await page.keyboard.press("ControlOrMeta+/");
      assert((await text(page)) === "let a = 1;", `uncommented: ${await text(page)}`);
    });

    await check("editor: markErrors shows the message under line 2, and [] clears it", async () => {
      await page.evaluate((code) => window.editor.setText(code), starter);
      await page.evaluate(() => window.editor.markErrors([{ line: 2, message: "x" }]));
      const shown = await lineAndNext(page, 2);
      assert(shown.line === "fn on_message(msg) {", `line 2 is ${shown.line}`);
      assert(shown.nextClass.includes("cm-rhai-errorMessage") && shown.nextText === "Error: x", `under it: ${JSON.stringify(shown)}`);
      assert(await page.locator(".cm-rhai-errorMessage").isVisible(), "the message is visible");
      assert((await page.locator(".cm-rhai-errorMark:visible").count()) === 1, "one mark in the gutter");
      assert((await page.locator(".cm-line.cm-rhai-errorLine").count()) === 1, "line 2 is marked");
      const summary = await page.textContent(".cm-rhai-errorSummary");
      assert(summary === "1 error: line 2: x", `screen readers get: ${summary}`);
      const announced = await page.textContent(".cm-announced");
      assert(announced.includes("line 2: x"), `announced: ${announced}`);
      await page.evaluate(() => window.editor.markErrors([]));
      const left = await page.locator(".cm-rhai-errorMessage, .cm-rhai-errorLine, .cm-rhai-errorMark:visible").count();
      assert(left === 0, `${left} marks left`);
      assert((await page.textContent(".cm-rhai-errorSummary")) === "", "the summary is empty");
    });

    await check("editor: an error past the end marks the last line; two on one line both show", async () => {
      await page.evaluate(() =>
        window.editor.markErrors([
          { line: 99, message: "late" },
          { line: 3, message: "first" },
          { line: 3, message: "second" },
        ]),
      );
      const last = await lineAndNext(page, 14);
      assert(last.nextText === "Error: late", `after the last line: ${JSON.stringify(last)}`);
      const messages = await page.locator(".cm-rhai-errorMessage").allTextContents();
      assert(messages.join("|") === "Error: first|Error: second|Error: late", `messages in order: ${messages}`);
      assert((await page.locator(".cm-rhai-errorMark:visible").count()) === 2, "a mark for each marked line");
      await page.evaluate(() => window.editor.markErrors([]));
    });

    await check("editor: a keyword and a string get different token classes", async () => {
      const classOf = (word) =>
        page.evaluate((word) => [...document.querySelectorAll(".cm-line span")].find((s) => s.textContent === word)?.className, word);
      const keyword = await classOf("fn");
      const string = await classOf('"broadcast"');
      const call = await classOf("send");
      const map = await classOf("#{");
      const comment = await classOf("// Gossip: pass each new value on to every neighbour.");
      assert(keyword === "rhai-keyword" && string === "rhai-string", `fn: ${keyword}, "broadcast": ${string}`);
      assert(call === "rhai-call" && map === "rhai-map" && comment === "rhai-comment", `send: ${call}, #{: ${map}, comment: ${comment}`);
    });

    await check("editor: the tokenizer knows ranges, nested comments, escapes and interpolation", async () => {
      await page.evaluate(() =>
        window.editor.setText('for i in 0..10 {}\n/* a /* b */ c */ let\n"a\\"b" `x ${y} z`'),
      );
      const tokens = await page.evaluate(() =>
        [...document.querySelectorAll(".cm-line span")].map((s) => `${s.textContent}=${s.className}`).join(" "),
      );
      for (const expected of [
        "0=rhai-literal",
        "..=rhai-operator",
        "/* a /* b */ c */=rhai-comment",
        "let=rhai-keyword",
        '\\"=rhai-escape',
        "${=rhai-escape",
        " z`=rhai-string",
      ]) {
        assert(tokens.includes(expected), `${expected} in ${tokens}`);
      }
      await page.evaluate((code) => window.editor.setText(code), starter);
    });

    for (const scheme of ["light", "dark"]) {
      await check(`editor: every text colour reads at WCAG AA in the ${scheme} scheme`, async () => {
        await page.emulateMedia({ colorScheme: scheme });
        await page.evaluate(() => window.editor.markErrors([{ line: 9, message: "x" }]));
        await page.click(".cm-line:nth-child(3)");
        const { surface, found } = await contrasts(page);
        const dark = scheme === "dark";
        assert(dark === surface.startsWith("rgb(28,"), `the editor follows the scheme: ${surface}`);
        const low = found.filter(({ ratio }) => ratio < 4.5).map(({ what, ratio }) => `${what} ${ratio.toFixed(2)}`);
        assert(found.length > 20 && low.length === 0, `below 4.5:1: ${low.join(", ")}`);
        await page.evaluate(() => window.editor.markErrors([]));
      });
    }

    await check("editor: screenshots at 1366x768, light and dark, one error marked", async () => {
      await mkdir(SHOTS, { recursive: true });
      await page.evaluate(() => window.editor.markErrors([{ line: 6, message: "Function not found: neighbours (line 6, position 25)" }]));
      for (const scheme of ["light", "dark"]) {
        await page.emulateMedia({ colorScheme: scheme });
        await page.click(".cm-line:nth-child(4)");
        await page.screenshot({ path: `${SHOTS}/editor-laptop-${scheme}.png` });
      }
      await page.emulateMedia({ colorScheme: "light" });
    });

    await check("editor: destroy removes it from the page", async () => {
      await page.evaluate(() => window.editor.destroy());
      assert((await page.locator(".cm-editor").count()) === 0, "no editor left");
    });
  } finally {
    await context.close();
  }

  const phone = await openEditorPage(browser, url, problems, { viewport: PHONE, isMobile: true, hasTouch: true, deviceScaleFactor: 3 });
  try {
    await check("editor: on a 390 px phone no sideways scroll, 16px text, long lines wrap", async () => {
      const long = `let note = "${"a long line that has to wrap ".repeat(4)}";`;
      await phone.page.evaluate((long) => window.editor.setText(`${window.editor.text()}\n${long}`), long);
      const fit = await phone.page.evaluate(() => ({
        page: document.documentElement.scrollWidth,
        scroller: document.querySelector(".cm-scroller").scrollWidth - document.querySelector(".cm-scroller").clientWidth,
        font: Number.parseFloat(getComputedStyle(document.querySelector(".cm-content")).fontSize),
        tall: document.querySelector(".cm-content > .cm-line:last-child").getBoundingClientRect().height,
        one: document.querySelector(".cm-content > .cm-line").getBoundingClientRect().height,
      }));
      assert(fit.page <= PHONE.width, `the page is ${fit.page} px wide`);
      assert(fit.scroller === 0, `the editor scrolls sideways by ${fit.scroller} px`);
      assert(fit.font >= 16, `the text is ${fit.font}px`);
      assert(fit.tall > 2 * fit.one, `the long line wraps (${fit.tall} px tall, a line is ${fit.one})`);
    });

    await check("editor: screenshots at 390x844, light and dark, one error marked", async () => {
      await phone.page.evaluate(() => window.editor.markErrors([{ line: 6, message: "Function not found: neighbours (line 6, position 25)" }]));
      for (const scheme of ["light", "dark"]) {
        await phone.page.emulateMedia({ colorScheme: scheme });
        await phone.page.screenshot({ path: `${SHOTS}/editor-phone-${scheme}.png`, fullPage: true });
      }
    });
  } finally {
    await phone.context.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const host = await serveEditorPage();
  await runAlone(async (browser, check, assert) => {
    let passed = 0;
    let failed = 0;
    const counted = (name, body) =>
      check(name, async () => {
        try {
          await body();
          passed += 1;
        } catch (error) {
          failed += 1;
          throw error;
        }
      });
    const problems = [];
    try {
      await checkEditor(browser, host.url, counted, assert, problems);
      await counted("editor: nothing went wrong in the browser", async () => assert(problems.length === 0, problems.join("; ")));
    } finally {
      await host.close();
    }
    console.log(`editor: ${passed} passed; ${failed} failed`);
  });
}
