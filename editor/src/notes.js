// The line under the editor that says how to use it from the keyboard
// (Tab indents; Escape then Tab leaves, so no one is trapped), and a
// summary of the marked errors that only screen readers get. The content
// names both in its aria-describedby.
import { showPanel } from "@codemirror/view";
import { errorSummary } from "./errors.js";

const KEYS = "Tab indents, Shift+Tab outdents. To leave the editor, press Escape, then Tab. Ctrl+/ (⌘/ on a Mac) turns a line into a comment and back.";

let editors = 0;

/** Fresh element ids for one editor's notes. */
export function noteIds() {
  editors += 1;
  return { keys: `rhai-editor-${editors}-keys`, errors: `rhai-editor-${editors}-errors` };
}

/** The panel holding the notes with these ids. */
export function notes(ids) {
  return showPanel.of((view) => {
    const dom = document.createElement("div");
    const keys = document.createElement("p");
    keys.id = ids.keys;
    keys.className = "cm-rhai-keys";
    keys.textContent = KEYS;
    const errors = document.createElement("p");
    errors.id = ids.errors;
    errors.className = "cm-rhai-errorSummary";
    errors.textContent = errorSummary(view.state);
    dom.append(keys, errors);
    return {
      dom,
      update(update) {
        errors.textContent = errorSummary(update.state);
      },
    };
  });
}
