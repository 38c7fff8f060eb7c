// Long lines wrap (a phone is 390 px wide); a wrapped line's later rows
// hang two columns in from where its code starts, instead of at the left
// edge, so the block structure stays readable. On a narrow screen each
// space of indentation is drawn half as wide, so nested code keeps room.
import { countColumn } from "@codemirror/state";
import { Decoration, EditorView, ViewPlugin } from "@codemirror/view";

const indentation = Decoration.mark({ class: "cm-rhai-indent" });
const hangs = new Map();

/** The line decoration for a line whose code starts at `column`. */
function hangAt(column) {
  if (!hangs.has(column)) hangs.set(column, Decoration.line({ attributes: { style: `--rhai-columns: ${column}` } }));
  return hangs.get(column);
}

function indentedLines(view) {
  const marks = [];
  const { doc, tabSize } = view.state;
  for (const { from, to } of view.visibleRanges) {
    for (let pos = from; pos <= to; ) {
      const line = doc.lineAt(pos);
      const leading = /^\s*/.exec(line.text)[0];
      if (leading.length > 0) {
        marks.push(hangAt(countColumn(leading, tabSize)).range(line.from));
        marks.push(indentation.range(line.from, line.from + leading.length));
      }
      pos = line.to + 1;
    }
  }
  return Decoration.set(marks, true);
}

const hangingIndent = ViewPlugin.fromClass(
  class {
    constructor(view) {
      this.decorations = indentedLines(view);
    }

    update(update) {
      if (update.docChanged || update.viewportChanged) this.decorations = indentedLines(update.view);
    }
  },
  { decorations: (plugin) => plugin.decorations },
);

// The hang: the drawn width of the indentation, plus two columns.
const HANG = "(var(--rhai-columns, 0) * var(--rhai-space) + 2ch)";

const hangingLook = EditorView.baseTheme({
  ".cm-content": { "--rhai-space": "1ch" },
  ".cm-line": { paddingLeft: `calc(${HANG} + 6px)`, textIndent: `calc(-1 * ${HANG})` },
  "@media (max-width: 30rem)": {
    ".cm-content": { "--rhai-space": "0.5ch" },
    ".cm-rhai-indent": { letterSpacing: "-0.5ch" },
  },
});

export const lineWrapping = [EditorView.lineWrapping, hangingIndent, hangingLook];
