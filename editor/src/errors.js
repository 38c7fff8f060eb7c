// Errors marked at their lines: the line's text underlined, a mark in the
// error gutter, and the message written out in a box under the line, so it
// reads without hovering (on a phone too). The marks follow the text as the
// student edits, until the next markErrors or setText.
import { RangeSet, StateEffect, StateField } from "@codemirror/state";
import { Decoration, EditorView, GutterMarker, WidgetType, gutter } from "@codemirror/view";

/** Replace the marked errors with these ({ line, message }, lines 1-based). */
export const setErrors = StateEffect.define();

class ErrorMessage extends WidgetType {
  constructor(message) {
    super();
    this.message = message;
  }

  eq(other) {
    return other.message === this.message;
  }

  toDOM() {
    // The spacing is the outer element's padding: a block widget must have no margins.
    const widget = document.createElement("div");
    widget.className = "cm-rhai-errorMessage";
    const box = document.createElement("div");
    box.className = "cm-rhai-errorBox";
    const label = document.createElement("strong");
    label.textContent = "Error: ";
    box.append(label, this.message);
    widget.append(box);
    return widget;
  }
}

class ErrorMark extends GutterMarker {
  toDOM() {
    const mark = document.createElement("span");
    mark.className = "cm-rhai-errorMark";
    mark.textContent = "!";
    return mark;
  }
}

const errorLine = Decoration.line({ class: "cm-rhai-errorLine" });
const errorText = Decoration.mark({ class: "cm-rhai-errorText" });
const errorMark = new ErrorMark();

/** `line` as a line number of `doc`: whole, at least 1, at most the last line. */
function clampLine(doc, line) {
  const whole = Number.isFinite(line) ? Math.trunc(line) : 1;
  return Math.min(Math.max(whole, 1), doc.lines);
}

/** The marks for `errors` in `doc`; `listed` keeps what was marked, for the summary. */
function marksFor(doc, errors) {
  const listed = errors
    .map(({ line, message }) => ({ line: clampLine(doc, line), message: String(message ?? "") }))
    .sort((a, b) => a.line - b.line);
  const decorations = [];
  const gutterMarks = [];
  for (const [index, { line: number, message }] of listed.entries()) {
    const line = doc.line(number);
    const firstOnLine = index === 0 || listed[index - 1].line !== number;
    if (firstOnLine) {
      decorations.push(errorLine.range(line.from));
      gutterMarks.push(errorMark.range(line.from));
      const start = line.from + (line.text.length - line.text.trimStart().length);
      if (start < line.to) decorations.push(errorText.range(start, line.to));
    }
    decorations.push(Decoration.widget({ widget: new ErrorMessage(message), block: true, side: 1 }).range(line.to));
  }
  return {
    listed,
    decorations: Decoration.set(decorations, true),
    gutterMarks: RangeSet.of(gutterMarks, true),
  };
}

const noErrors = { listed: [], decorations: Decoration.none, gutterMarks: RangeSet.empty };

const errorField = StateField.define({
  create: () => noErrors,
  update(marks, transaction) {
    for (const effect of transaction.effects) {
      if (effect.is(setErrors)) return marksFor(transaction.state.doc, effect.value);
    }
    if (!transaction.docChanged) return marks;
    return {
      listed: marks.listed,
      decorations: marks.decorations.map(transaction.changes),
      gutterMarks: marks.gutterMarks.map(transaction.changes),
    };
  },
  provide: (field) => EditorView.decorations.from(field, (marks) => marks.decorations),
});

/** The errors last marked, in words for a screen reader ("" when there are none). */
export function errorSummary(state) {
  const { listed } = state.field(errorField);
  if (listed.length === 0) return "";
  const count = listed.length === 1 ? "1 error" : `${listed.length} errors`;
  return `${count}: ${listed.map(({ line, message }) => `line ${line}: ${message}`).join("; ")}`;
}

export const errorMarks = [
  errorField,
  gutter({
    class: "cm-rhai-errorGutter",
    markers: (view) => view.state.field(errorField).gutterMarks,
    // Always as wide as a mark, so marking errors never shifts the text.
    initialSpacer: () => errorMark,
  }),
];
