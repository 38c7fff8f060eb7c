// Rhai, the language students write their nodes in, for CodeMirror: a
// line-by-line tokenizer (keywords, numbers, strings with escapes,
// back-tick strings with ${...} interpolation, nested block comments,
// operators, `#{` map literals, function-call names) and indentation that
// follows the open brackets, four spaces a level.
import { StreamLanguage } from "@codemirror/language";

const KEYWORDS = new Set([
  "fn", "let", "const", "if", "else", "while", "loop", "for", "in", "return",
  "break", "continue", "switch", "do", "until", "throw", "try", "catch",
  "private", "import", "export", "as", "global",
]);
const LITERALS = new Set(["true", "false"]);
const ESCAPED = /^(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|.)/;
const CHARACTER = /^'(\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|.)|[^\\'])'/;
const NUMBER = /^(0x[0-9a-fA-F_]+|0o[0-7_]+|0b[01_]+|\d[\d_]*(\.\d[\d_]*)?([eE][+-]?\d+)?)/;
const OPERATOR = /^(\.\.=?|::|=>|->|\?\.|\?\?|\*\*=?|<<=?|>>=?|&&|\|\||[-+*/%=!<>&|^]=?)/;
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*/;

/** A bracket left open: its opening text and the indentation of its line. */
function opened(state, text, stream) {
  state.open.push({ text, indent: stream.indentation() });
}

/** Inside a "..." string: an escape, or text up to the next escape or the closing quote. */
function quoted(stream, state) {
  if (stream.eat("\\")) {
    // A backslash at the end of the line carries the string on to the next.
    if (!stream.eol()) stream.match(ESCAPED);
    return "escape";
  }
  while (!stream.eol()) {
    const ch = stream.peek();
    if (ch === "\\") return "string";
    stream.next();
    if (ch === '"') {
      state.inside = null;
      return "string";
    }
  }
  // Unclosed at the end of the line: Rhai ends it there (an error it reports).
  state.inside = null;
  return "string";
}

/** Inside a `...` string: text up to the closing back-tick or a ${ interpolation. */
function backticked(stream, state) {
  if (stream.match("${")) {
    state.inside = null;
    opened(state, "${", stream);
    return "escape";
  }
  while (!stream.eol()) {
    if (stream.match("${", false)) return "string";
    if (stream.next() === "`") {
      state.inside = null;
      return "string";
    }
  }
  return "string";
}

/** Inside a block comment, which may hold nested block comments. */
function blockComment(stream, state) {
  while (!stream.eol()) {
    if (stream.match("/*")) state.depth += 1;
    else if (stream.match("*/")) {
      state.depth -= 1;
      if (state.depth === 0) {
        state.inside = null;
        return "comment";
      }
    } else stream.next();
  }
  return "comment";
}

/** A closing bracket: ends the innermost open one, and an interpolation returns to its string. */
function closing(state) {
  const innermost = state.open.pop();
  if (innermost?.text === "${") {
    state.inside = "`";
    return "escape";
  }
  return innermost?.text === "#{" ? "brace.special" : "punctuation";
}

/** Outside strings and comments: one token of code. */
function code(stream, state) {
  if (stream.eatSpace()) return null;
  if (stream.match("//")) {
    stream.skipToEnd();
    return "comment";
  }
  if (stream.match("/*")) {
    state.inside = "comment";
    state.depth = 1;
    return blockComment(stream, state);
  }
  if (stream.eat('"')) {
    state.inside = '"';
    return "string";
  }
  if (stream.eat("`")) {
    state.inside = "`";
    return "string";
  }
  if (stream.match(CHARACTER)) return "string";
  if (stream.match("#{")) {
    opened(state, "#{", stream);
    return "brace.special";
  }
  if (stream.match(NUMBER)) return "number";
  const word = stream.match(IDENTIFIER);
  if (word) {
    const name = word[0];
    if (KEYWORDS.has(name)) return "keyword";
    if (LITERALS.has(name)) return "bool";
    if (name === "this") return "self";
    return stream.match(/^\s*\(/, false) ? "variableName.function" : "variableName";
  }
  const ch = stream.peek();
  if ("([{".includes(ch)) {
    stream.next();
    opened(state, ch, stream);
    return "punctuation";
  }
  if (ch === ")" || ch === "]" || ch === "}") {
    stream.next();
    return closing(state);
  }
  if (stream.match(OPERATOR)) return "operator";
  stream.next();
  return "punctuation";
}

export const rhai = StreamLanguage.define({
  name: "rhai",
  startState: () => ({ inside: null, depth: 0, open: [] }),
  token(stream, state) {
    if (state.inside === "comment") return blockComment(stream, state);
    if (state.inside === '"') return quoted(stream, state);
    if (state.inside === "`") return backticked(stream, state);
    return code(stream, state);
  },
  indent(state, textAfter, context) {
    if (state.inside !== null) return null;
    const innermost = state.open.at(-1);
    if (!innermost) return 0;
    const closes = /^[)\]}]/.test(textAfter.trimStart());
    return closes ? innermost.indent : innermost.indent + context.unit;
  },
  languageData: {
    commentTokens: { line: "//", block: { open: "/*", close: "*/" } },
    indentOnInput: /^\s*[)\]}]$/,
  },
});
