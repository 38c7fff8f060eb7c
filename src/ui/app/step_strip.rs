//! The strip above the picture on a phone: there the lesson sits under the
//! picture, the timeline and the controls, so the first screen would show
//! no word of it. The strip names the step on screen and takes the student
//! to its text.

use leptos::prelude::*;

use crate::ui::focus::focus_below_picture;

/// The step's name and a button to its text, while a lesson is open.
#[component]
pub fn StepStrip(heading: RwSignal<Option<String>>) -> impl IntoView {
    move || {
        heading.get().map(|heading| {
            view! {
                <p class="step-strip">
                    <span class="step-strip-title">{heading}</span>
                    <button
                        class="step-strip-read"
                        on:click=move |_| focus_below_picture(".lesson-panel .step-title")
                    >
                        "Read on ↓"
                    </button>
                </p>
            }
        })
    }
}
