//! Moving keyboard focus to an element by CSS selector, for menus that open
//! and lesson steps that change, so keyboard and screen-reader users land
//! where the new content is.

use wasm_bindgen::JsCast;
use web_sys::HtmlElement;

/// Focus the first element matching `selector`, if there is one.
pub fn focus(selector: &str) {
    let element = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector(selector).ok().flatten())
        .and_then(|e| e.dyn_into::<HtmlElement>().ok());
    if let Some(element) = element {
        let _ = element.focus();
    }
}
