//! Predict, then observe: the student picks an answer while the run is held
//! paused, locks it in, and watches; once the run reaches the moment the
//! question is about, the panel says what really happened and why.

use leptos::prelude::*;

use crate::lessons::controls::Control;

use super::focus::focus_below_picture;
use super::spoken::spoken;
use crate::lessons::words::secs;
use crate::lessons::Question;

#[component]
pub fn PredictionBox(
    question: &'static Question,
    /// The locked-in answer.
    answer: RwSignal<Option<usize>>,
    /// The choice the run showed, once it has.
    revealed: RwSignal<Option<usize>>,
    playing: RwSignal<bool>,
    held: RwSignal<bool>,
    /// Jump the run to the moment the question is about, for a student who
    /// has watched enough at the step's slow speed.
    skip: Callback<()>,
) -> impl IntoView {
    let picked = RwSignal::new(None::<usize>);
    let lock_in = move |_| {
        answer.set(picked.get_untracked());
        held.set(false);
        playing.set(true);
        // The choices are now locked: focus goes to what is happening.
        request_animation_frame(|| focus_below_picture(".question-status"));
    };
    // The status line the lock-in focused empties once the result is in:
    // focus moves on to the result, so a keyboard or screen reader user is
    // not left on a blank line.
    Effect::new(move |_| {
        if revealed.get().is_some() {
            request_animation_frame(|| {
                let on_status = document()
                    .active_element()
                    .is_some_and(|element| element.class_list().contains("question-status"));
                if on_status {
                    focus_below_picture(".feedback");
                }
            });
        }
    });
    view! {
        <fieldset class="question" disabled=move || answer.get().is_some()>
            <legend class="question-prompt">
                <strong>"Predict: "</strong>
                {spoken(question.prompt)}
            </legend>
            {question
                .choices
                .iter()
                .enumerate()
                .map(|(i, choice)| {
                    view! {
                        <label class="choice">
                            <input
                                type="radio"
                                name="prediction"
                                prop:checked=move || picked.get() == Some(i)
                                on:change=move |_| picked.set(Some(i))
                            />
                            <span>{spoken(choice)}</span>
                        </label>
                    }
                })
                .collect_view()}
            <button
                class="lock-in"
                data-control=Control::LockIn.id()
                disabled=move || picked.get().is_none()
                aria-describedby="lock-in-why"
                on:click=lock_in
            >
                {Control::LockIn.label()}
            </button>
        </fieldset>
        <p class="question-status" id="lock-in-why" role="status" tabindex="-1">
            {move || match (answer.get(), revealed.get()) {
                (None, _) => "Pick an answer, then lock it in: the run waits for you.",
                (Some(_), None) => "Watching what really happens…",
                (Some(_), Some(_)) => "",
            }}
        </p>
        <Show when=move || answer.get().is_some() && revealed.get().is_none()>
            <button class="skip-to-result" data-control=Control::SkipToResult.id() on:click=move |_| skip.run(())>
                {format!("{} at {}", Control::SkipToResult.label(), secs(question.watch_until))}
            </button>
        </Show>
        {move || {
            revealed
                .get()
                .map(|outcome| {
                    let right = answer.get() == Some(outcome);
                    view! {
                        <div class="feedback" class:right=right tabindex="-1">
                            <p>
                                <strong>{if right { "You called it. " } else { "Not quite. " }}</strong>
                                "What happened: "
                                {spoken(question.choices.get(outcome).copied().unwrap_or_default())}
                            </p>
                            <p>{spoken(question.why.get(outcome).copied().unwrap_or_default())}</p>
                        </div>
                    }
                })
        }}
    }
}
