// Which class each kind of Rhai token gets (rhai-keyword, rhai-string, ...);
// theme.js gives the classes their colours.
import { syntaxHighlighting } from "@codemirror/language";
import { tagHighlighter, tags } from "@lezer/highlight";

const rhaiClasses = tagHighlighter([
  { tag: [tags.keyword, tags.self], class: "rhai-keyword" },
  { tag: tags.string, class: "rhai-string" },
  { tag: tags.escape, class: "rhai-escape" },
  { tag: [tags.number, tags.bool], class: "rhai-literal" },
  { tag: tags.comment, class: "rhai-comment" },
  { tag: tags.operator, class: "rhai-operator" },
  { tag: tags.function(tags.variableName), class: "rhai-call" },
  { tag: tags.special(tags.brace), class: "rhai-map" },
]);

export const rhaiHighlighting = syntaxHighlighting(rhaiClasses);
