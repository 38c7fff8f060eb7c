// How the editor looks: the colours of each scheme (every text colour keeps
// at least 4.5:1 contrast on the plain, active-line and error-line
// backgrounds), 16px system monospace (no font is fetched, and iOS does not
// zoom), a visible focus ring, and the error marks. The page's scheme is
// followed live through `prefers-color-scheme`.
import { Compartment } from "@codemirror/state";
import { EditorView, ViewPlugin } from "@codemirror/view";

const MONO = 'ui-monospace, "SFMono-Regular", Menlo, Consolas, "Liberation Mono", monospace';
const SANS = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';

const light = {
  "--rhai-surface": "#ffffff",
  "--rhai-ink": "#1b1b1b",
  "--rhai-muted": "#595959",
  "--rhai-border": "#d2d2cb",
  "--rhai-focus": "var(--focus, #0072b2)",
  "--rhai-active-line": "#eaf1f8",
  "--rhai-keyword": "#8b2f97",
  "--rhai-string": "#1f6f2b",
  "--rhai-escape": "#8a5300",
  "--rhai-literal": "#0b5fa5",
  "--rhai-operator": "#a33b00",
  "--rhai-call": "#005f73",
  "--rhai-error-surface": "#fdecea",
  "--rhai-error-ink": "#9b1c00",
  "--rhai-error-edge": "#b33c00",
  "--rhai-error-mark-ink": "#ffffff",
};

const dark = {
  "--rhai-surface": "#1c1c1c",
  "--rhai-ink": "#ececec",
  "--rhai-muted": "#a8a8a8",
  "--rhai-border": "#3a3a3a",
  "--rhai-focus": "var(--focus, #56b4e9)",
  "--rhai-active-line": "#27303a",
  "--rhai-keyword": "#e0a3f0",
  "--rhai-string": "#8fd694",
  "--rhai-escape": "#f2c46d",
  "--rhai-literal": "#7cc4f5",
  "--rhai-operator": "#ffa066",
  "--rhai-call": "#6ed3e0",
  "--rhai-error-surface": "#3a2321",
  "--rhai-error-ink": "#ffb4a3",
  "--rhai-error-edge": "#ff9a7a",
  "--rhai-error-mark-ink": "#000000",
};

const look = EditorView.baseTheme({
  "&light": light,
  "&dark": dark,
  "&": {
    color: "var(--rhai-ink)",
    backgroundColor: "var(--rhai-surface)",
    border: "1px solid var(--rhai-border)",
    borderRadius: "0.5rem",
    overflow: "hidden",
    fontSize: "16px",
    maxHeight: "75vh",
    maxWidth: "100%",
  },
  "&.cm-focused": { outline: "3px solid var(--rhai-focus)", outlineOffset: "2px" },
  ".cm-scroller": { fontFamily: MONO, lineHeight: "1.5" },
  ".cm-content": { caretColor: "var(--rhai-ink)", minHeight: "12em" },
  ".cm-gutters": {
    backgroundColor: "var(--rhai-surface)",
    color: "var(--rhai-muted)",
    borderRight: "1px solid var(--rhai-border)",
  },
  ".cm-lineNumbers .cm-gutterElement": { minWidth: "2ch", padding: "0 4px 0 6px" },
  ".cm-activeLine": { backgroundColor: "var(--rhai-active-line)" },
  ".cm-activeLineGutter": { backgroundColor: "var(--rhai-active-line)", color: "var(--rhai-ink)" },
  ".rhai-keyword": { color: "var(--rhai-keyword)", fontWeight: "600" },
  ".rhai-string": { color: "var(--rhai-string)" },
  ".rhai-escape": { color: "var(--rhai-escape)" },
  ".rhai-literal": { color: "var(--rhai-literal)" },
  ".rhai-comment": { color: "var(--rhai-muted)", fontStyle: "italic" },
  ".rhai-operator": { color: "var(--rhai-operator)" },
  ".rhai-call": { color: "var(--rhai-call)" },
  ".rhai-map": { color: "var(--rhai-operator)", fontWeight: "600" },
  ".cm-rhai-errorLine": { backgroundColor: "var(--rhai-error-surface)" },
  ".cm-rhai-errorText": {
    textDecoration: "underline wavy var(--rhai-error-edge)",
    textDecorationSkipInk: "none",
    textUnderlineOffset: "4px",
  },
  ".cm-rhai-errorMessage": { padding: "0 2px 4px 6px" },
  ".cm-rhai-errorBox": {
    padding: "4px 8px",
    borderLeft: "4px solid var(--rhai-error-edge)",
    backgroundColor: "var(--rhai-error-surface)",
    color: "var(--rhai-error-ink)",
    fontFamily: SANS,
    whiteSpace: "pre-wrap",
    overflowWrap: "anywhere",
  },
  ".cm-rhai-errorGutter .cm-gutterElement": { padding: "0 2px" },
  ".cm-rhai-errorMark": {
    display: "inline-block",
    width: "1.2em",
    borderRadius: "50%",
    backgroundColor: "var(--rhai-error-edge)",
    color: "var(--rhai-error-mark-ink)",
    fontFamily: SANS,
    fontWeight: "700",
    lineHeight: "1.2em",
    textAlign: "center",
  },
  ".cm-panels": { backgroundColor: "var(--rhai-surface)", color: "var(--rhai-muted)" },
  ".cm-panels-bottom": { borderTop: "1px solid var(--rhai-border)" },
  ".cm-rhai-keys": { margin: "0", padding: "4px 8px", fontFamily: SANS, fontSize: "14px" },
  ".cm-rhai-errorSummary": {
    position: "absolute",
    width: "1px",
    height: "1px",
    margin: "-1px",
    overflow: "hidden",
    clipPath: "inset(50%)",
    whiteSpace: "nowrap",
  },
});

const scheme = new Compartment();

/** The look, in the scheme the page shows now and in any scheme it switches to later. */
export function editorLook() {
  const darkQuery = window.matchMedia("(prefers-color-scheme: dark)");
  const schemeNow = () => EditorView.darkTheme.of(darkQuery.matches);
  const follower = ViewPlugin.define((view) => {
    const follow = () => view.dispatch({ effects: scheme.reconfigure(schemeNow()) });
    darkQuery.addEventListener("change", follow);
    return { destroy: () => darkQuery.removeEventListener("change", follow) };
  });
  return [look, scheme.of(schemeNow()), follower];
}
