//! An embedded run plays only while it can be seen: a scenario in a slide
//! deck waits until its slide is shown, and stops when the slide moves on,
//! so the class sees it from its start. A run the student paused stays
//! paused.

use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{IntersectionObserver, IntersectionObserverEntry};

/// Hold `playing` while the page is out of sight, and give it back when the
/// page comes into view, if it was this watch that held it.
pub fn play_only_when_seen(playing: RwSignal<bool>) {
    let held_by_us = StoredValue::new(false);
    let seen = Closure::<dyn FnMut(js_sys::Array)>::new(move |entries: js_sys::Array| {
        let visible = entries
            .iter()
            .filter_map(|entry| entry.dyn_into::<IntersectionObserverEntry>().ok())
            .any(|entry| entry.is_intersecting());
        if !visible && playing.get_untracked() {
            held_by_us.set_value(true);
            playing.set(false);
        } else if visible && held_by_us.get_value() {
            held_by_us.set_value(false);
            playing.set(true);
        }
    });
    let observer = IntersectionObserver::new(seen.as_ref().unchecked_ref());
    if let (Ok(observer), Some(page)) = (observer, document().document_element()) {
        observer.observe(&page);
        // The watch lasts as long as the page.
        seen.forget();
    }
}
