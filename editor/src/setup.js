// What the editor does beyond showing text: line numbers, Rhai highlighting,
// undo/redo, indentation by brackets with four spaces, Tab to indent (with
// CodeMirror's Escape-then-Tab way out), comment toggling, the active line,
// wrapped lines, and the error marks.
import { EditorState } from "@codemirror/state";
import { highlightActiveLine, highlightActiveLineGutter, keymap, lineNumbers } from "@codemirror/view";
import { defaultKeymap, history, historyKeymap, indentWithTab } from "@codemirror/commands";
import { bracketMatching, indentOnInput, indentUnit } from "@codemirror/language";
import { rhai } from "./rhai.js";
import { rhaiHighlighting } from "./highlight.js";
import { errorMarks } from "./errors.js";
import { lineWrapping } from "./wrapping.js";

export function rhaiEditing() {
  return [
    lineNumbers(),
    errorMarks,
    highlightActiveLineGutter(),
    highlightActiveLine(),
    history(),
    rhai,
    rhaiHighlighting,
    indentUnit.of("    "),
    EditorState.tabSize.of(4),
    indentOnInput(),
    bracketMatching(),
    lineWrapping,
    keymap.of([...defaultKeymap, ...historyKeymap, indentWithTab]),
  ];
}
