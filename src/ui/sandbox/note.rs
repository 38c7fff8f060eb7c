//! A shared scenario's name and note, shown to the students who open its
//! link. Both are rendered as plain text (never as markup), with the
//! note's line breaks kept by the stylesheet.

use leptos::prelude::*;

/// What the heading says when the teacher gave the scenario no name.
const UNNAMED: &str = "A scenario shared with you";

#[component]
pub fn ScenarioNote(name: String, note: String) -> impl IntoView {
    let title = if name.trim().is_empty() {
        UNNAMED.to_string()
    } else {
        name
    };
    let has_note = !note.trim().is_empty();
    view! {
        <aside class="scenario-note" aria-label="About this scenario">
            <h2 class="scenario-note-name">{title}</h2>
            {has_note.then(|| view! { <p class="scenario-note-text">{note}</p> })}
        </aside>
    }
}
