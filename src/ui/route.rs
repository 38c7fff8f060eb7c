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
        let kept = parameters(query)
            .filter(|(key, _, _)| !matches!(*key, "lesson" | "page"))
            .map(|(_, _, raw)| raw.to_string());
        let query = std::iter::once(self.parameter())
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
