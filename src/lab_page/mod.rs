//! The lab page: the student picks a lab, writes a node's code in the
//! browser, runs it once on the cluster picture, and has it tested over
//! many seeds under faults. A browser module of its own, outside `ui`, so
//! the lesson app never reaches it; it uses the lesson app's picture
//! pieces through `crate::ui` and the labs through `crate::lab`.

use leptos::prelude::*;

#[component]
pub fn LabPage() -> impl IntoView {
    view! { <main class="lab-page"><h1>"Labs"</h1></main> }
}
