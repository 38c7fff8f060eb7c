//! An embedded run moves only while it can be seen: a scenario in a slide
//! deck waits until its slide is shown, and waits again when the slide
//! moves on, so the class sees it from its start.

use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{IntersectionObserver, IntersectionObserverEntry};

/// Keep `in_view` saying whether any of the page is on screen (in an
/// iframe: whether the iframe is scrolled into the parent's view). Until
/// the browser first answers, the page counts as out of view.
pub fn watch_in_view(in_view: RwSignal<bool>) {
    in_view.set(false);
    let seen = Closure::<dyn FnMut(js_sys::Array)>::new(move |entries: js_sys::Array| {
        let visible = entries
            .iter()
            .filter_map(|entry| entry.dyn_into::<IntersectionObserverEntry>().ok())
            .any(|entry| entry.is_intersecting());
        in_view.set(visible);
    });
    let observer = IntersectionObserver::new(seen.as_ref().unchecked_ref());
    match (observer, document().document_element()) {
        (Ok(observer), Some(page)) => {
            observer.observe(&page);
            // The watch lasts as long as the page.
            seen.forget();
        }
        // No way to tell: play as a page on its own would.
        _ => in_view.set(true),
    }
}
