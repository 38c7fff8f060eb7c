//! The code editor. When the page carries the editor bundle (a classic
//! script defining `window.ManyNodesEditor`), its editor is used through
//! that contract: `create(parent, text, label, onChange)` gives a handle
//! with `text()`, `setText(text)`, `markErrors([{line, message}])` (lines
//! from 1; `[]` clears), `focus()` and `destroy()`. Without it, a plain
//! text area: monospace, labelled, Tab indents, and Escape then Tab leaves
//! it. Either way the text lives in one signal and errors are listed under
//! the editor with their lines.

use std::rc::Rc;

use crate::lab::ScriptFault;
use js_sys::{Array, Function, Object, Reflect};
use leptos::html::{Div, Textarea};
use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{HtmlElement, KeyboardEvent};

/// An error to mark at a line of the code (from 1).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mark {
    pub line: Option<usize>,
    pub message: String,
}

impl From<ScriptFault> for Mark {
    fn from(fault: ScriptFault) -> Mark {
        Mark {
            line: fault.line,
            message: fault.message,
        }
    }
}

impl Mark {
    /// "Line 4: …", or the message alone when no line is known.
    pub fn words(&self) -> String {
        match self.line {
            Some(line) => format!("Line {line}: {}", self.message),
            None => self.message.clone(),
        }
    }
}

/// What the page keeps of the editor: the text, the marks, and the
/// external editor's handle when there is one.
#[derive(Clone, Copy)]
pub struct Editor {
    pub text: RwSignal<String>,
    pub marks: RwSignal<Vec<Mark>>,
    handle: StoredValue<Option<JsValue>, LocalStorage>,
}

impl Editor {
    pub fn new(text: String) -> Editor {
        Editor {
            text: RwSignal::new(text),
            marks: RwSignal::new(Vec::new()),
            handle: StoredValue::new_local(None),
        }
    }

    /// Put `text` in the editor (starting over, a shared link).
    pub fn replace(&self, text: String) {
        self.handle.with_value(|handle| {
            if let Some(handle) = handle {
                call(handle, "setText", &[JsValue::from_str(&text)]);
            }
        });
        self.text.set(text);
    }

    /// Mark `marks` in the editor, and list them under it.
    pub fn mark(&self, marks: Vec<Mark>) {
        self.handle.with_value(|handle| {
            if let Some(handle) = handle {
                call(handle, "markErrors", &[marks_for_js(&marks).into()]);
            }
        });
        self.marks.set(marks);
    }
}

/// Call `handle.method(args…)`, ignoring a missing method or a throw: the
/// page keeps working with what it has.
fn call(handle: &JsValue, method: &str, args: &[JsValue]) -> Option<JsValue> {
    let function = Reflect::get(handle, &JsValue::from_str(method))
        .ok()?
        .dyn_into::<Function>()
        .ok()?;
    function.apply(handle, &args.iter().collect::<Array>()).ok()
}

fn marks_for_js(marks: &[Mark]) -> Array {
    marks
        .iter()
        .filter_map(|mark| {
            let entry = Object::new();
            let line = mark.line?;
            Reflect::set(&entry, &"line".into(), &JsValue::from_f64(line as f64)).ok()?;
            Reflect::set(&entry, &"message".into(), &JsValue::from_str(&mark.message)).ok()?;
            Some(JsValue::from(entry))
        })
        .collect()
}

/// The editor bundle's entry, `window.ManyNodesEditor`, if the page has it.
fn editor_bundle() -> Option<JsValue> {
    let window = web_sys::window()?;
    let bundle = Reflect::get(&window, &JsValue::from_str("ManyNodesEditor")).ok()?;
    bundle.is_object().then_some(bundle)
}

const LABEL: &str = "Your node's code";
const KEYS: &str = "Tab indents. To leave the editor with the keyboard, press Escape, then Tab.";

#[component]
pub fn CodeEditor(editor: Editor) -> impl IntoView {
    let marks = move || {
        editor.marks.with(|marks| {
            marks
                .iter()
                .map(|mark| view! { <li>{mark.words()}</li> })
                .collect_view()
        })
    };
    // The bundled editor says itself how its keys work, and marks errors
    // at their lines; the list under it names them too.
    let body = match editor_bundle() {
        Some(bundle) => view! {
            <p class="editor-label">{LABEL}</p>
            <BundledEditor editor bundle />
        }
        .into_any(),
        None => view! {
            <PlainEditor editor />
            <p class="editor-keys" id="editor-keys">{KEYS}</p>
        }
        .into_any(),
    };
    view! {
        <div class="code-editor">
            {body}
            <ul class="editor-marks" id="editor-marks" aria-live="polite">{marks}</ul>
        </div>
    }
}

/// The editor bundle's editor, in a box of its own.
#[component]
fn BundledEditor(editor: Editor, bundle: JsValue) -> impl IntoView {
    let parent = NodeRef::<Div>::new();
    let on_change = Rc::new(Closure::<dyn Fn(String)>::new(move |text: String| {
        editor.text.set(text)
    }));
    let kept = StoredValue::new_local(Some(Rc::clone(&on_change)));
    Effect::new(move |made: Option<bool>| {
        if made == Some(true) {
            return true;
        }
        let Some(parent) = parent.get() else {
            return false;
        };
        let element: &HtmlElement = &parent;
        let args = [
            JsValue::from(element.clone()),
            JsValue::from_str(&editor.text.get_untracked()),
            JsValue::from_str(LABEL),
            on_change.as_ref().as_ref().clone(),
        ];
        let handle = call(&bundle, "create", &args);
        editor.handle.set_value(handle);
        true
    });
    on_cleanup(move || {
        editor.handle.with_value(|handle| {
            if let Some(handle) = handle {
                call(handle, "destroy", &[]);
            }
        });
        editor.handle.set_value(None);
        kept.set_value(None);
    });
    view! { <div class="bundled-editor" node_ref=parent></div> }
}

/// A plain text area, for when the editor bundle is not there.
#[component]
fn PlainEditor(editor: Editor) -> impl IntoView {
    let area = NodeRef::<Textarea>::new();
    // After Escape, Tab leaves the editor instead of indenting.
    let leaving = StoredValue::new(false);
    let on_key = move |ev: KeyboardEvent| {
        let key = ev.key();
        if key == "Escape" {
            leaving.set_value(true);
            return;
        }
        let leave = leaving.get_value();
        leaving.set_value(false);
        if key != "Tab" || leave || ev.shift_key() || ev.ctrl_key() || ev.alt_key() || ev.meta_key() {
            return;
        }
        ev.prevent_default();
        if let Some(area) = area.get_untracked() {
            let _ = area.set_range_text_with_start_and_end_and_mode(
                "    ",
                area.selection_start().ok().flatten().unwrap_or(0),
                area.selection_end().ok().flatten().unwrap_or(0),
                "end",
            );
            editor.text.set(area.value());
        }
    };
    view! {
        <label class="editor-label" for="code">{LABEL}</label>
        <textarea
            id="code"
            class="plain-editor"
            node_ref=area
            spellcheck="false"
            autocomplete="off"
            autocapitalize="off"
            rows="18"
            aria-describedby="editor-keys editor-marks"
            aria-invalid=move || editor.marks.with(|m| !m.is_empty()).then_some("true")
            prop:value=move || editor.text.get()
            on:input=move |ev| editor.text.set(event_target_value(&ev))
            on:keydown=on_key
        ></textarea>
    }
}
