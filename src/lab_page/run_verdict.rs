//! What "Run once" found: the run on the picture, graded the way Run tests
//! grades each of its runs (in slices, a frame's budget at a time), so the
//! student reads under the picture whether this very run passes, and if
//! not, which property it broke and why: what to look for as it plays.

use leptos::prelude::*;

use crate::lab::{Grading, Lab, Verdict};
use crate::ui::pacing::{within_ms, FRAME_BUDGET_MS};

/// Where the verdict on the picture's run stands.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Found {
    Checking,
    Passed {
        measured: Option<(&'static str, u64)>,
    },
    Failed {
        property: &'static str,
        explanation: String,
        measured: Option<(&'static str, u64)>,
    },
}

/// The lab's figure for one run: "In this run: 14 messages between your
/// nodes per value."
fn measured_words(measured: Option<(&'static str, u64)>) -> String {
    measured.map_or_else(String::new, |(name, value)| format!(" In this run: {value} {name}."))
}

/// The verdict on the run the picture shows.
#[derive(Clone, Copy)]
pub struct RunVerdict {
    found: RwSignal<Option<Found>>,
    /// The grading of that one seed under way; a new run replaces it.
    grading: StoredValue<Option<Grading>, LocalStorage>,
}

impl RunVerdict {
    pub fn new() -> RunVerdict {
        RunVerdict {
            found: RwSignal::new(None),
            grading: StoredValue::new_local(None),
        }
    }

    /// Grade `source` for `seed`, the run the picture has just opened.
    pub fn check(&self, lab: &'static Lab, source: &str, seed: u64) {
        let Ok(grading) = Grading::new(lab, source, seed..seed.saturating_add(1)) else {
            self.grading.set_value(None);
            self.found.set(None);
            return;
        };
        let first = self.grading.with_value(Option::is_none);
        self.grading.set_value(Some(grading));
        self.found.set(Some(Found::Checking));
        // A grading already under way has its frames coming: it goes on
        // with this one.
        if first {
            work_a_frame(*self);
        }
    }
}

/// Grade for one frame's budget, then ask for the next frame until done,
/// replaced by nothing, or the page goes.
fn work_a_frame(verdict: RunVerdict) {
    let worked = verdict
        .grading
        .try_update_value(|held| {
            let under_way = held.as_mut()?;
            let done = within_ms(FRAME_BUDGET_MS, |budget| under_way.work(budget));
            Some(done.then(|| under_way.grade()))
        })
        .flatten();
    match worked {
        None => {}
        Some(None) => request_animation_frame(move || work_a_frame(verdict)),
        Some(Some(grade)) => {
            verdict.grading.set_value(None);
            let measured = grade.measured;
            let found = match grade.first_failure() {
                Some((_, Verdict::Failed { property, explanation })) => Found::Failed {
                    property,
                    explanation: explanation.clone(),
                    measured,
                },
                _ => Found::Passed { measured },
            };
            verdict.found.set(Some(found));
        }
    }
}

/// The verdict in words, under the picture's title.
#[component]
pub fn RunVerdictNote(verdict: RunVerdict) -> impl IntoView {
    move || {
        verdict.found.get().map(|found| match found {
            Found::Checking => view! { <p class="run-verdict">"Checking this run against the tests…"</p> }.into_any(),
            Found::Passed { measured } => view! {
                <p class="run-verdict passed">{format!("This run passes every test.{}", measured_words(measured))}</p>
            }
            .into_any(),
            Found::Failed {
                property,
                explanation,
                measured,
            } => view! {
                <p class="run-verdict failed">
                    {format!("This run fails the test “{property}”: {explanation}.{}", measured_words(measured))}
                </p>
            }
            .into_any(),
        })
    }
}
