//! The page address: a shared scenario travels in the fragment (`#v1.…`,
//! never sent to any server), and `?embed=1` asks for the canvas and
//! controls only, for slides and course pages.

use crate::scenario::{decode, LinkError, Scenario};

/// The scenario in the address, if there is one: `None` without a
/// fragment, otherwise what decoding it gave.
pub fn linked_scenario() -> Option<Result<Scenario, LinkError>> {
    let hash = web_sys::window()?.location().hash().ok()?;
    let link = hash.strip_prefix('#').unwrap_or(&hash);
    (!link.is_empty()).then(|| decode(link))
}

/// Whether the page was opened for embedding.
pub fn embedded() -> bool {
    web_sys::window()
        .and_then(|w| w.location().search().ok())
        .is_some_and(|query| query.trim_start_matches('?').split('&').any(|p| p == "embed=1"))
}

/// The full address that opens `link`, and put it in the address bar
/// without reloading or adding a history entry.
pub fn publish(link: &str) -> Option<String> {
    let window = web_sys::window()?;
    let location = window.location();
    let base = format!(
        "{}{}{}",
        location.origin().ok()?,
        location.pathname().ok()?,
        location.search().ok()?
    );
    let url = format!("{base}#{link}");
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
    }
    Some(url)
}
