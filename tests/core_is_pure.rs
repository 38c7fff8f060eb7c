//! The simulation core, the checker, the protocols and the labs must not import
//! anything from the browser, so that they build and are tested natively and behave the same
//! in WebAssembly. This test reads their sources and fails on any import of
//! a browser or UI crate.
#![cfg(not(target_arch = "wasm32"))]

use std::fs;
use std::path::{Path, PathBuf};

const FORBIDDEN: [&str; 6] = ["web_sys", "wasm_bindgen", "js_sys", "leptos", "gloo", "plotters_canvas"];

fn rust_files(dir: &Path, found: &mut Vec<PathBuf>) {
    let entries = fs::read_dir(dir).unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()));
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, found);
        } else if path.extension().is_some_and(|x| x == "rs") {
            found.push(path);
        }
    }
}

fn browser_imports_under(folder: &str) -> Vec<String> {
    code_lines_under(folder, |code| {
        FORBIDDEN
            .iter()
            .any(|name| code.contains(&format!("{name}::")) || code.contains(&format!("use {name}")))
    })
}

#[test]
fn simulation_core_has_no_browser_imports() {
    let hits = browser_imports_under("src/sim");
    assert!(hits.is_empty(), "browser imports in the core:\n{}", hits.join("\n"));
}

#[test]
fn checker_has_no_browser_imports() {
    let hits = browser_imports_under("src/check");
    assert!(hits.is_empty(), "browser imports in the checker:\n{}", hits.join("\n"));
}

#[test]
fn protocols_have_no_browser_imports() {
    let hits = browser_imports_under("src/protocols");
    assert!(
        hits.is_empty(),
        "browser imports in the protocols:\n{}",
        hits.join("\n")
    );
}

#[test]
fn scenario_codec_has_no_browser_imports() {
    let hits = browser_imports_under("src/scenario");
    assert!(
        hits.is_empty(),
        "browser imports in the scenario codec:\n{}",
        hits.join("\n")
    );
}

#[test]
fn lessons_have_no_browser_imports() {
    let hits = browser_imports_under("src/lessons");
    assert!(hits.is_empty(), "browser imports in the lessons:\n{}", hits.join("\n"));
}

#[test]
fn labs_have_no_browser_imports() {
    let hits = browser_imports_under("src/lab");
    assert!(hits.is_empty(), "browser imports in the labs:\n{}", hits.join("\n"));
}

/// Lines under `folder` that use any of `layers` (`crate::ui`...).
fn layer_imports_under(folder: &str, layers: &[&str]) -> Vec<String> {
    code_lines_under(folder, |code| {
        layers.iter().any(|layer| code.contains(&format!("crate::{layer}")))
    })
}

#[test]
fn the_core_imports_no_layer_above_it() {
    let hits = layer_imports_under("src/sim", &["protocols", "scenario", "lessons", "ui"]);
    assert!(hits.is_empty(), "the core reaches up:\n{}", hits.join("\n"));
}

#[test]
fn the_checker_imports_no_layer_above_the_core() {
    let hits = layer_imports_under("src/check", &["protocols", "scenario", "lessons", "ui"]);
    assert!(hits.is_empty(), "the checker reaches up:\n{}", hits.join("\n"));
}

#[test]
fn the_labs_import_nothing_from_the_lessons_or_the_ui() {
    let hits = layer_imports_under("src/lab", &["scenario", "lessons", "ui"]);
    assert!(hits.is_empty(), "the labs reach up:\n{}", hits.join("\n"));
}

/// The lesson app must not link the script engine: its bundle may not grow.
/// It reaches neither the labs nor the lab page (which is the entry of a
/// bundle of its own, `src/bin/lab.rs`).
#[test]
fn the_lesson_app_never_reaches_the_labs() {
    let reaches = |code: &str| code.contains("lab::") || code.contains("lab_page");
    let mut hits = code_lines_under("src/ui", reaches);
    let main = fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("src/main.rs")).unwrap_or_default();
    hits.extend(main.lines().filter(|line| reaches(line)).map(str::to_string));
    assert!(hits.is_empty(), "the lesson app uses the labs:\n{}", hits.join("\n"));
}

#[test]
fn the_lessons_import_nothing_from_the_ui() {
    let hits = layer_imports_under("src/lessons", &["ui"]);
    assert!(hits.is_empty(), "the lessons reach into the UI:\n{}", hits.join("\n"));
}

/// Lines of code under `folder` (comments aside) that `matches` picks, as
/// "file:line: text".
fn code_lines_under(folder: &str, matches: impl Fn(&str) -> bool) -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join(folder);
    let mut files = Vec::new();
    rust_files(&root, &mut files);
    assert!(!files.is_empty(), "no sources under {folder}");
    let mut hits = Vec::new();
    for file in files {
        let text = fs::read_to_string(&file).unwrap_or_default();
        for (number, line) in text.lines().enumerate() {
            if matches(line.split("//").next().unwrap_or("")) {
                hits.push(format!("{}:{}: {}", file.display(), number + 1, line.trim()));
            }
        }
    }
    hits
}

/// A node's menu lines (`details`) and its role's name are words for the
/// page: a lesson that checked them would break when they are reworded.
#[test]
fn the_lessons_check_typed_state_not_the_words_the_page_shows() {
    for words in [".details", "role.name", "kind.noun"] {
        let hits = code_lines_under("src/lessons", |code| code.contains(words));
        assert!(hits.is_empty(), "a lesson reads {words}:\n{}", hits.join("\n"));
    }
}
