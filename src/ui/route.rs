//! The page's address. The app is one `index.html` in one directory, its
//! base (any sub-path of any static host), so every page is that document
//! with a query: `?lesson=<slug>`, `?page=glossary`, `?page=sandbox`, and no
//! query is the first lesson. A plain static server, with no fallback to
//! index.html, serves each of them and every reload. The older addresses
//! `<base>lesson/<slug>`, `<base>glossary` and `<base>sandbox` (served by
//! servers that answer every path with index.html) still open: index.html
//! rewrites them to the query form before it loads anything, and they read
//! back here too. Links keep naming the document as the address does, the
//! directory (`/course/`) or the file (`/course/index.html`), for hosts
//! that serve no directory index. Moving between pages pushes a history entry, so the
//! browser's back button works. Other parameters, such as `embed=1`, stay.
//! A lesson's address may also name the step to open at, counted from 1 as
//! the panel shows it: `?lesson=<slug>&step=<n>`; a step the lesson does
//! not have is refused with a sentence saying why.

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

/// Where the app is served from and which page an address asks for.
#[derive(Debug, PartialEq, Eq)]
pub struct Address {
    /// The path of the app's index.html as the address names it: its
    /// directory, ending in `/`, or the file itself.
    pub document: String,
    /// The page asked for, or why there is none (then the first lesson opens).
    pub page: Result<Page, String>,
}

impl Address {
    /// Read the address whose path is `path` and whose query is `query`
    /// (with or without its `?`).
    pub fn parse(path: &str, query: &str) -> Address {
        if let Some((base, page)) = older_route(path) {
            return Address {
                document: base.to_string(),
                page,
            };
        }
        let (directory, file) = path.rsplit_once('/').unwrap_or(("", path));
        if file.is_empty() || file.contains('.') {
            Address {
                document: format!("{directory}/{file}"),
                page: page_in_query(query),
            }
        } else {
            Address {
                document: format!("{directory}/"),
                page: Err(format!("there is no page at “{}”", printable(path))),
            }
        }
    }
}

impl Page {
    /// The query parameter that asks for this page.
    fn parameter(self) -> String {
        match self {
            Page::Lesson(index) => {
                format!("lesson={}", LESSONS.get(index).map_or("", |l| l.slug))
            }
            Page::Glossary => "page=glossary".to_string(),
            Page::Sandbox => "page=sandbox".to_string(),
        }
    }

    /// The address of this page of the app whose index.html is at
    /// `document`, keeping the other parameters of `query` (such as `embed=1`).
    pub fn address(self, document: &str, query: &str) -> String {
        self.address_at(document, query, None)
    }

    /// [`Page::address`], opening the lesson at `step` (counted from 0) when
    /// there is one; other pages have no steps and ignore it.
    fn address_at(self, document: &str, query: &str, step: Option<usize>) -> String {
        let kept = parameters(query)
            .filter(|(key, _, _)| !matches!(*key, "lesson" | "page" | "step"))
            .map(|(_, _, raw)| raw.to_string());
        let step = match self {
            Page::Lesson(_) => step.map(|s| format!("step={}", s + 1)),
            Page::Glossary | Page::Sandbox => None,
        };
        let query = std::iter::once(self.parameter())
            .chain(step)
            .chain(kept)
            .collect::<Vec<_>>()
            .join("&");
        format!("{document}?{query}")
    }

    /// The link to this page from the page open now.
    pub fn href(self) -> String {
        let (path, query) = here();
        self.address(&Address::parse(&path, &query).document, &query)
    }

    /// The link to step `step` (counted from 0) of this lesson from the page
    /// open now.
    pub fn step_href(self, step: usize) -> String {
        let (path, query) = here();
        self.address_at(&Address::parse(&path, &query).document, &query, Some(step))
    }
}

/// The step a query asks `page` to open at, counted from 0: `None` when it
/// names none, or why it cannot be opened (no such step, not a number, or
/// a page that has no steps).
pub fn step_in_query(query: &str, page: Page) -> Result<Option<usize>, String> {
    let Some((_, asked, _)) = parameters(query).find(|(key, _, _)| *key == "step") else {
        return Ok(None);
    };
    let Page::Lesson(index) = page else {
        return Err("only a lesson has steps to open".to_string());
    };
    let steps = LESSONS.get(index).map_or(0, |lesson| lesson.steps.len());
    match asked.parse::<usize>() {
        Ok(number) if (1..=steps).contains(&number) => Ok(Some(number - 1)),
        Ok(number) => Err(format!(
            "lesson {} has {steps} steps, so there is no step {number}",
            index + 1
        )),
        Err(_) => Err(format!("“{}” is not a step number", printable(asked))),
    }
}

/// The step the address bar asks the lesson on it to open at, counted from
/// 0, or why it cannot be opened.
pub fn current_step() -> Result<Option<usize>, String> {
    let (path, query) = here();
    match Address::parse(&path, &query).page {
        Ok(page) => step_in_query(&query, page),
        Err(_) => Ok(None),
    }
}

/// The page an older path asks for, `<base>lesson/<slug>`, `<base>glossary`
/// or `<base>sandbox`, with that base; `None` for any other path.
fn older_route(path: &str) -> Option<(&str, Result<Page, String>)> {
    let (rest, last) = path.rsplit_once('/')?;
    let base = &path[..=rest.len()];
    match last {
        "glossary" => Some((base, Ok(Page::Glossary))),
        "sandbox" => Some((base, Ok(Page::Sandbox))),
        slug if !slug.is_empty() && !slug.contains('.') => {
            let base = &rest[..rest.strip_suffix("/lesson")?.len() + 1];
            Some((base, lesson(slug)))
        }
        _ => None,
    }
}

/// The page a query asks for; the first lesson when it asks for none.
fn page_in_query(query: &str) -> Result<Page, String> {
    for (key, value, _) in parameters(query) {
        match (key, value) {
            ("lesson", slug) => return lesson(slug),
            ("page", "glossary") => return Ok(Page::Glossary),
            ("page", "sandbox") => return Ok(Page::Sandbox),
            ("page", other) => return Err(format!("there is no page called “{}”", printable(other))),
            _ => {}
        }
    }
    Ok(Page::Lesson(0))
}

/// The lesson called `slug`, or why there is none.
fn lesson(slug: &str) -> Result<Page, String> {
    by_slug(slug)
        .map(|(index, _)| Page::Lesson(index))
        .ok_or_else(|| format!("there is no lesson called “{}”", printable(slug)))
}

/// Each `key=value` of a query: key, value and the pair as written.
fn parameters(query: &str) -> impl Iterator<Item = (&str, &str, &str)> {
    query
        .trim_start_matches('?')
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            (key, value, pair)
        })
}

/// At most 40 characters of an address, for quoting it back safely.
fn printable(text: &str) -> String {
    text.chars().filter(|c| !c.is_control()).take(40).collect()
}

/// The path and query of the address bar now.
fn here() -> (String, String) {
    let location = web_sys::window().map(|w| w.location());
    let read = |part: fn(&web_sys::Location) -> Result<String, wasm_bindgen::JsValue>| {
        location.as_ref().and_then(|l| part(l).ok()).unwrap_or_default()
    };
    (read(web_sys::Location::pathname), read(web_sys::Location::search))
}

/// The page the address bar shows now.
pub fn current_page() -> Result<Page, String> {
    let (path, query) = here();
    Address::parse(&path, &query).page
}

/// Show `page` in the address bar (keeping `?embed=1`, dropping any
/// scenario fragment), as a new history entry.
pub fn push(page: Page) {
    let Some(window) = web_sys::window() else { return };
    if let Ok(history) = window.history() {
        let url = page.href();
        let _ = history.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
    }
}

/// Move to `page`: a new history entry, and the page signal follows.
pub fn go(page_signal: RwSignal<Page>, page: Page) {
    push(page);
    page_signal.set(page);
}

/// Move to step `step` (counted from 0) of lesson `page`, as [`go`] does;
/// the address names the step, and the lesson panel opens at the step the
/// address names.
pub fn go_to_step(page_signal: RwSignal<Page>, page: Page, step: usize) {
    if let Some(history) = web_sys::window().and_then(|w| w.history().ok()) {
        let url = page.step_href(step);
        let _ = history.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
    }
    page_signal.set(page);
}

/// Name step `step` (counted from 0) of lesson `page` in the address bar,
/// in place of the address there (moving between steps adds no history
/// entries).
pub fn show_step(page: Page, step: usize) {
    if let Some(history) = web_sys::window().and_then(|w| w.history().ok()) {
        let url = page.step_href(step);
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn every_page() -> impl Iterator<Item = Page> {
        (0..LESSONS.len())
            .map(Page::Lesson)
            .chain([Page::Glossary, Page::Sandbox])
    }

    #[test]
    fn every_page_reads_back_from_its_address_under_any_base() {
        let documents = ["/", "/course/", "/~ada/distributed/many-nodes/", "/course/index.html"];
        for document in documents {
            for page in every_page() {
                let address = page.address(document, "");
                let (path, query) = address.split_once('?').unwrap_or((&address, ""));
                assert_eq!(path, document, "{address} stays on the app's document");
                let read = Address::parse(path, query);
                assert_eq!(read.document, document);
                assert_eq!(read.page, Ok(page), "{address}");
            }
        }
    }

    #[test]
    fn the_query_form_names_the_page() {
        let clocks = by_slug("clocks").map(|(index, _)| Page::Lesson(index));
        assert_eq!(Page::Glossary.address("/course/", ""), "/course/?page=glossary");
        assert_eq!(Page::Sandbox.address("/", "?"), "/?page=sandbox");
        assert_eq!(Address::parse("/course/", "?lesson=clocks").page.ok(), clocks);
        assert_eq!(Address::parse("/course/", "").page, Ok(Page::Lesson(0)));
        assert_eq!(
            Address::parse("/course/", "?embed=1&page=sandbox").page,
            Ok(Page::Sandbox)
        );
    }

    #[test]
    fn links_keep_index_html_when_the_address_names_it() {
        let read = Address::parse("/course/index.html", "?page=glossary");
        assert_eq!(read.page, Ok(Page::Glossary));
        assert_eq!(
            Page::Sandbox.address(&read.document, "?page=glossary"),
            "/course/index.html?page=sandbox"
        );
        assert_eq!(Address::parse("/course/", "").document, "/course/");
        assert_eq!(Address::parse("", "").document, "/");
    }

    #[test]
    fn moving_keeps_embed_and_replaces_the_page() {
        assert_eq!(
            Page::Sandbox.address("/course/", "?lesson=clocks&embed=1"),
            "/course/?page=sandbox&embed=1"
        );
        assert_eq!(
            Page::Lesson(0).address("/", "?embed=1&page=glossary"),
            "/?lesson=one-machine&embed=1"
        );
    }

    #[test]
    fn the_older_paths_still_open_and_give_the_directory() {
        let clocks = by_slug("clocks").map(|(index, _)| Page::Lesson(index));
        let read = Address::parse("/course/lesson/clocks", "");
        assert_eq!((read.document.as_str(), read.page.ok()), ("/course/", clocks));
        let read = Address::parse("/lesson/clocks", "?embed=1");
        assert_eq!((read.document.as_str(), read.page.ok()), ("/", clocks));
        assert_eq!(
            Address::parse("/course/sandbox", ""),
            Address {
                document: "/course/".to_string(),
                page: Ok(Page::Sandbox)
            }
        );
        assert_eq!(Address::parse("/glossary", "").page, Ok(Page::Glossary));
    }

    #[test]
    fn a_directory_named_like_a_page_is_still_the_app() {
        for path in ["/sandbox/", "/lesson/", "/course/lesson/", "/lesson/index.html"] {
            let read = Address::parse(path, "");
            assert_eq!(read.page, Ok(Page::Lesson(0)), "{path}");
            assert_eq!(read.document, path);
        }
    }

    #[test]
    fn a_lesson_address_can_name_a_step() {
        let clocks = by_slug("clocks").map_or(Page::Lesson(0), |(index, _)| Page::Lesson(index));
        let address = clocks.address_at("/course/", "?embed=1&step=9", Some(2));
        assert_eq!(address, "/course/?lesson=clocks&step=3&embed=1");
        let (path, query) = address.split_once('?').unwrap_or((&address, ""));
        assert_eq!(Address::parse(path, query).page, Ok(clocks));
        assert_eq!(step_in_query(query, clocks), Ok(Some(2)));
        assert_eq!(step_in_query("?lesson=clocks", clocks), Ok(None));
        assert_eq!(
            Page::Glossary.address_at("/", "?lesson=clocks&step=3", Some(1)),
            "/?page=glossary",
            "moving away drops the step"
        );
    }

    #[test]
    fn a_step_the_lesson_does_not_have_says_what_is_wrong() {
        let steps = LESSONS[0].steps.len();
        let problem = |query: &str, page| step_in_query(query, page).err().unwrap_or_default();
        assert!(
            problem(&format!("?step={}", steps + 1), Page::Lesson(0)).contains(&format!(
                "lesson 1 has {steps} steps, so there is no step {}",
                steps + 1
            )),
            "{}",
            problem(&format!("?step={}", steps + 1), Page::Lesson(0))
        );
        assert!(problem("?step=0", Page::Lesson(0)).contains("no step 0"));
        assert!(problem("?step=two", Page::Lesson(0)).contains("“two” is not a step number"));
        assert!(problem("?step=-1", Page::Lesson(0)).contains("is not a step number"));
        assert!(problem("?step=2", Page::Glossary).contains("only a lesson has steps"));
        let long = "9".repeat(500);
        assert!(problem(&format!("?step={long}"), Page::Lesson(0)).chars().count() < 80);
    }

    #[test]
    fn an_unknown_address_says_what_is_wrong() {
        let problem = |path, query| Address::parse(path, query).page.err().unwrap_or_default();
        assert!(problem("/course/", "?lesson=<script>").contains("no lesson called “<script>”"));
        assert!(problem("/lesson/<script>", "").contains("no lesson called"));
        assert!(problem("/", "?page=admin").contains("no page called “admin”"));
        assert!(problem("/admin", "").contains("no page at “/admin”"));
        let long = "x".repeat(500);
        assert!(problem("/", &format!("?lesson={long}")).chars().count() < 80);
    }
}
