// The lab page's code editor, a classic script that defines
// window.ManyNodesEditor for the Rust side:
//   create(parent, text, label, onChange) -> handle
//   handle.text(), handle.setText(text), handle.markErrors([{ line, message }]),
//   handle.focus(), handle.destroy()
// onChange(text) is called for the student's edits (undo included), never
// for setText.
import { Annotation, EditorState } from "@codemirror/state";
import { EditorView } from "@codemirror/view";
import { isolateHistory } from "@codemirror/commands";
import { rhaiEditing } from "./setup.js";
import { editorLook } from "./theme.js";
import { errorSummary, setErrors } from "./errors.js";
import { noteIds, notes } from "./notes.js";

/** Marks the transactions of setText, which the page made itself. */
const fromPage = Annotation.define();

function create(parent, text, label, onChange) {
  const ids = noteIds();
  const reportEdits = EditorView.updateListener.of((update) => {
    const byStudent = update.transactions.some((t) => t.docChanged && !t.annotation(fromPage));
    if (byStudent) onChange(update.state.doc.toString());
  });
  const view = new EditorView({
    parent,
    state: EditorState.create({
      doc: text,
      extensions: [
        rhaiEditing(),
        editorLook(),
        notes(ids),
        EditorView.contentAttributes.of({ "aria-label": label, "aria-describedby": `${ids.errors} ${ids.keys}` }),
        reportEdits,
      ],
    }),
  });
  return {
    text: () => view.state.doc.toString(),
    setText(next) {
      // The same text again changes nothing; other text is one undoable
      // step of its own, and the errors marked on the old text go.
      if (next === view.state.doc.toString()) return;
      view.dispatch({
        changes: { from: 0, to: view.state.doc.length, insert: next },
        selection: { anchor: 0 },
        effects: [setErrors.of([]), EditorView.scrollIntoView(0)],
        annotations: [fromPage.of(true), isolateHistory.of("full")],
      });
    },
    markErrors(errors) {
      view.dispatch({ effects: setErrors.of(errors) });
      const summary = errorSummary(view.state);
      if (summary) view.dispatch({ effects: EditorView.announce.of(summary) });
    },
    focus: () => view.focus(),
    destroy: () => view.destroy(),
  };
}

window.ManyNodesEditor = { create };
