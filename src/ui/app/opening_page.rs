//! Which page the address opens, and what to tell the student when the
//! address names a page or a step that does not exist.

use crate::ui::route::{current_page, current_step, Page};

/// The page to open and, for a wrong address, why the first lesson opens
/// instead. A step the address names (`&step=n`) must exist in its lesson.
pub fn opening_page() -> (Page, Option<String>) {
    // The address says which page; a wrong address gets the first lesson.
    // A link, once open, moves to its own page.
    let (first_page, route_problem) = match current_page() {
        Ok(page) => (page, None),
        Err(reason) => (
            Page::Lesson(0),
            Some(format!(
                "This address could not be opened: {reason}. Here is the first lesson instead."
            )),
        ),
    };
    // A step the address names (`&step=n`) must exist in its lesson.
    let route_problem = route_problem.or_else(|| {
        current_step().err().map(|reason| {
            format!("This address could not be opened at that step: {reason}. Here is the lesson's first step instead.")
        })
    });
    (first_page, route_problem)
}
