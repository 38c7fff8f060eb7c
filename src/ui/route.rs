//! The page's address: `/lesson/<slug>` for each lesson, `/glossary` and
//! `/sandbox`; the start page is the first lesson. Moving between pages
//! pushes a history entry, so the browser's back button works.

use leptos::prelude::*;

use crate::lessons::{by_slug, LESSONS};

/// Which page the app shows beside the cluster.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Page {
    /// A lesson, by its place in the course.
    Lesson(usize),
    Glossary,
    Sandbox,
}

impl Page {
    /// The path that shows this page.
    pub fn path(self) -> String {
        match self {
            Page::Lesson(index) => format!("/lesson/{}", LESSONS.get(index).map_or("", |l| l.slug)),
            Page::Glossary => "/glossary".to_string(),
            Page::Sandbox => "/sandbox".to_string(),
        }
    }

    /// The page at `path`, or why there is none (then the first lesson opens).
    pub fn from_path(path: &str) -> Result<Page, String> {
        let path = path.trim_end_matches('/');
        match path {
            "" | "/index.html" => Ok(Page::Lesson(0)),
            "/glossary" => Ok(Page::Glossary),
            "/sandbox" => Ok(Page::Sandbox),
            _ => match path.strip_prefix("/lesson/") {
                Some(slug) => by_slug(slug)
                    .map(|(index, _)| Page::Lesson(index))
                    .ok_or_else(|| format!("there is no lesson called “{}”", printable(slug))),
                None => Err(format!("there is no page at “{}”", printable(path))),
            },
        }
    }
}

/// At most 40 characters of an address, for quoting it back safely.
fn printable(text: &str) -> String {
    text.chars().filter(|c| !c.is_control()).take(40).collect()
}

/// The page the address bar shows now.
pub fn current_page() -> Result<Page, String> {
    let path = web_sys::window()
        .and_then(|w| w.location().pathname().ok())
        .unwrap_or_default();
    Page::from_path(&path)
}

/// Show `page` in the address bar (keeping `?embed=1`, dropping any
/// scenario fragment), as a new history entry.
pub fn push(page: Page) {
    let Some(window) = web_sys::window() else { return };
    let search = window.location().search().unwrap_or_default();
    if let Ok(history) = window.history() {
        let url = format!("{}{search}", page.path());
        let _ = history.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
    }
}

/// Move to `page`: a new history entry, and the page signal follows.
pub fn go(page_signal: RwSignal<Page>, page: Page) {
    push(page);
    page_signal.set(page);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_page_reads_back_from_its_path() {
        let pages = (0..LESSONS.len())
            .map(Page::Lesson)
            .chain([Page::Glossary, Page::Sandbox]);
        for page in pages {
            assert_eq!(Page::from_path(&page.path()), Ok(page));
        }
        assert_eq!(Page::from_path("/"), Ok(Page::Lesson(0)));
    }

    #[test]
    fn an_unknown_address_says_what_is_wrong() {
        let problem = Page::from_path("/lesson/<script>").err().unwrap_or_default();
        assert!(problem.contains("no lesson called"), "{problem}");
        assert!(Page::from_path("/admin").is_err());
    }
}
