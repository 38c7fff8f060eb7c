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

/// The first element matching `selector`, if it is a `T`.
pub fn find_as<T: JsCast>(selector: &str) -> Option<T> {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector(selector).ok().flatten())
        .and_then(|e| e.dyn_into::<T>().ok())
}

fn find(selector: &str) -> Option<HtmlElement> {
    find_as(selector)
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

/// Call `method` of `target` with one options object made of `fields`.
fn call_with_options(target: &wasm_bindgen::JsValue, method: &str, fields: &[(&str, wasm_bindgen::JsValue)]) {
    let options = js_sys::Object::new();
    for (key, value) in fields {
        let _ = js_sys::Reflect::set(&options, &(*key).into(), value);
    }
    if let Ok(function) = js_sys::Reflect::get(target, &method.into()).and_then(|f| f.dyn_into::<js_sys::Function>()) {
        let _ = function.call1(target, &options);
    }
}

/// Scroll just enough to show the first element matching `selector` (new
/// feedback, say), without moving focus: smoothly unless the student asks
/// for reduced motion, and on a phone clear of the picture pinned above.
pub fn bring_into_view(selector: &str) {
    let Some(element) = find(selector) else { return };
    let Some(window) = web_sys::window() else { return };
    let behavior = if crate::ui::app::prefers_reduced_motion() {
        "auto"
    } else {
        "smooth"
    };
    let pinned = find(".cluster").filter(|cluster| computed_style(cluster, "position").is_some_and(|p| p == "sticky"));
    let Some(picture) = pinned else {
        call_with_options(
            &element,
            "scrollIntoView",
            &[("block", "nearest".into()), ("behavior", behavior.into())],
        );
        return;
    };
    let below = picture.get_bounding_client_rect().bottom();
    let bottom = window.inner_height().ok().and_then(|h| h.as_f64()).unwrap_or(0.0);
    let rect = element.get_bounding_client_rect();
    let by = if rect.top() < below + 8.0 {
        rect.top() - below - 8.0
    } else if rect.bottom() > bottom - 8.0 {
        (rect.bottom() - bottom + 8.0).min(rect.top() - below - 8.0)
    } else {
        return;
    };
    call_with_options(
        &window,
        "scrollBy",
        &[("top", by.into()), ("behavior", behavior.into())],
    );
}

/// Scroll `within`, a box that scrolls on its own, just enough that its
/// parts matching `selectors` (the first match of each) show whole below its sticky part `header`
/// (or as much of them as fits, top first). A box that does not scroll,
/// like a phone's history that grows instead, and the page around it are
/// left as they are.
pub fn reveal_within(within: &web_sys::Element, selectors: &[String], header: &str) {
    if within.scroll_height() <= within.client_height() {
        return;
    }
    let spans: Vec<(f64, f64)> = selectors
        .iter()
        .filter_map(|selector| within.query_selector(selector).ok().flatten())
        .map(|part| {
            let rect = part.get_bounding_client_rect();
            (rect.top(), rect.bottom())
        })
        .collect();
    let Some(wanted_top) = spans.iter().map(|s| s.0).reduce(f64::min) else {
        return;
    };
    let wanted_bottom = spans.iter().map(|s| s.1).fold(wanted_top, f64::max);
    let frame = within.get_bounding_client_rect();
    let top = within
        .query_selector(header)
        .ok()
        .flatten()
        .map_or(frame.top(), |h| h.get_bounding_client_rect().bottom());
    let bottom = frame.top() + f64::from(within.client_top() + within.client_height());
    let by = if wanted_top < top {
        wanted_top - top
    } else if wanted_bottom > bottom {
        (wanted_bottom - bottom).min(wanted_top - top)
    } else {
        return;
    };
    within.set_scroll_top(within.scroll_top() + by.round() as i32);
}
