//! Moving keyboard focus to an element by CSS selector, for menus that open
//! and lesson steps that change, so keyboard and screen-reader users land
//! where the new content is.

use wasm_bindgen::JsCast;
use web_sys::{FocusOptions, HtmlElement};

/// The value the page's styles give `element` for `property` now.
pub fn computed_style(element: &web_sys::Element, property: &str) -> Option<String> {
    web_sys::window()?
        .get_computed_style(element)
        .ok()
        .flatten()?
        .get_property_value(property)
        .ok()
}

fn find(selector: &str) -> Option<HtmlElement> {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector(selector).ok().flatten())
        .and_then(|e| e.dyn_into::<HtmlElement>().ok())
}

/// Focus the first element matching `selector`, if there is one.
pub fn focus(selector: &str) {
    if let Some(element) = find(selector) {
        let _ = element.focus();
    }
}

/// Focus the first element matching `selector` and scroll the page so it
/// sits just below the picture where the picture stays pinned to the top
/// of the screen (a phone); elsewhere, as [`focus`] does.
pub fn focus_below_picture(selector: &str) {
    let Some(element) = find(selector) else { return };
    let Some(window) = web_sys::window() else { return };
    let pinned = find(".cluster").filter(|cluster| computed_style(cluster, "position").is_some_and(|p| p == "sticky"));
    let Some(picture) = pinned else {
        let _ = element.focus();
        return;
    };
    let options = FocusOptions::new();
    options.set_prevent_scroll(true);
    let _ = element.focus_with_options(&options);
    let below = picture.get_bounding_client_rect().height();
    let top = element.get_bounding_client_rect().top();
    window.scroll_by_with_x_and_y(0.0, top - below - 8.0);
}
