//! Browser tests, run by wasm-bindgen-test in headless Chromium: the app
//! mounts with its frame, a node's menu opens from its keyboard-reachable
//! button and crashes, restarts and pauses it, and the WebAssembly build
//! runs the reference scenarios to exactly the digests the native build
//! pins.
#![cfg(target_arch = "wasm32")]

#[path = "support/reference.rs"]
mod reference;

use many_nodes::lessons::LESSONS;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::{Document, HtmlElement};

wasm_bindgen_test_configure!(run_in_browser);

fn document() -> Document {
    web_sys::window()
        .and_then(|w| w.document())
        .expect("a browser document")
}

fn text_of(selector: &str) -> String {
    document()
        .query_selector(selector)
        .ok()
        .flatten()
        .and_then(|e| e.text_content())
        .unwrap_or_default()
}

#[wasm_bindgen_test]
async fn app_shows_its_frame_and_a_node_menu_crashes_restarts_and_pauses() {
    // The sandbox opens on the built-in scenario: five servers electing a leader.
    let history = web_sys::window()
        .and_then(|w| w.history().ok())
        .expect("browser history");
    history
        .replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some("/sandbox"))
        .expect("moved to the sandbox");
    leptos::mount::mount_to_body(many_nodes::ui::App);
    leptos::task::tick().await;

    assert_eq!(text_of("h1"), "Many Nodes");
    let doc = document();
    assert!(doc.query_selector("canvas.cluster-canvas").ok().flatten().is_some());
    // Every lesson, then the glossary, the sandbox and the labs.
    let entries = doc.query_selector_all(".lesson").map(|l| l.length()).unwrap_or(0);
    assert_eq!(entries as usize, LESSONS.len() + 3);
    for control in ["button.play", "button.step", ".speed select"] {
        assert!(
            doc.query_selector(control).ok().flatten().is_some(),
            "{control} is missing"
        );
    }
    let buttons = doc.query_selector_all(".node-button").expect("node buttons");
    assert_eq!(buttons.length(), 5);
    assert!(text_of(".status-summary").starts_with("5 nodes: 5 up"));

    let third = buttons
        .item(2)
        .and_then(|b| b.dyn_into::<HtmlElement>().ok())
        .expect("button C");
    third.click();
    leptos::task::tick().await;
    assert!(
        text_of(".node-menu .menu-title").starts_with("C — "),
        "the menu of C is open"
    );
    assert_eq!(third.get_attribute("aria-expanded").as_deref(), Some("true"));
    click_menu("Crash").await;
    assert_eq!(text_of(".status-event"), "Node C crashed.");
    assert_eq!(text_of(".status-summary"), "5 nodes: 4 up, 1 crashed");
    assert!(
        document().query_selector(".node-menu").ok().flatten().is_none(),
        "the menu gets out of the way once its node has been dealt with"
    );
    assert_eq!(third.get_attribute("aria-expanded").as_deref(), Some("false"));

    third.click();
    leptos::task::tick().await;
    click_menu("Restart").await;
    assert_eq!(text_of(".status-event"), "Node C restarted.");
    third.click();
    leptos::task::tick().await;
    click_menu("Pause this node").await;
    assert_eq!(text_of(".status-summary"), "5 nodes: 4 up, 1 paused");
}

/// Press the node menu's button with this text.
async fn click_menu(label: &str) {
    let buttons = document()
        .query_selector_all(".node-menu button")
        .expect("menu buttons");
    let button = (0..buttons.length())
        .filter_map(|i| buttons.item(i))
        .filter_map(|b| b.dyn_into::<HtmlElement>().ok())
        .find(|b| b.text_content().as_deref() == Some(label))
        .unwrap_or_else(|| panic!("no {label} button in the node menu"));
    button.click();
    leptos::task::tick().await;
}

#[wasm_bindgen_test]
fn webassembly_runs_match_the_native_digests() {
    let computed: Vec<(String, String)> = reference::reference_digests()
        .into_iter()
        .map(|(f, d)| (f.to_string(), d))
        .collect();
    assert_eq!(computed, reference::pinned_digests());
}
