//! Long replays without freezing the page. Dragging the timeline, or
//! opening a link to late in a busy run, may need seconds of simulation.
//! The work is done at once if it is quick ([`AT_ONCE_MS`]); otherwise it
//! goes on in slices, [`SLICE_MS`] a frame, behind a progress bar with a
//! Cancel button, while the page keeps answering. The run on screen stays
//! as it was until the replay arrives; Cancel forgets the replay.

use leptos::prelude::*;

use super::pacing::within_ms;
use super::painter::clock_label;
use super::screen::Screen;
use crate::sim::{Run, SimTime};

/// How long a replay may run in the handler that asked for it before the
/// rest is spread over frames, in milliseconds.
pub const AT_ONCE_MS: f64 = 60.0;

/// How long each frame spends on a replay under way, in milliseconds.
pub const SLICE_MS: f64 = 12.0;

/// What the run is arriving at when a new run is opened.
pub type Arrival = Box<dyn FnOnce(Box<dyn Run>)>;

/// A replay under way.
pub enum Journey {
    /// The run on screen travels to a time.
    Seek(SimTime),
    /// A new run (from a link) travels to its playhead; `arrive` takes it
    /// there, and `cancelled` says what happens if the student cancels.
    Open {
        run: Box<dyn Run>,
        target: SimTime,
        arrive: Arrival,
        cancelled: String,
    },
}

/// What the progress bar shows.
#[derive(Clone, Debug, PartialEq)]
pub struct Progress {
    pub what: String,
    /// From 0 to 1.
    pub done: f64,
}

impl Screen {
    /// Travel the run on screen to `t`: at once if that is quick, otherwise
    /// in slices behind a progress bar.
    pub fn seek_to(&self, t: SimTime) {
        if self.journey.with_value(|j| matches!(j, Some(Journey::Open { .. }))) {
            self.cancel_travel(false);
        }
        let arrived = self
            .run
            .try_update_value(|run| within_ms(AT_ONCE_MS, |budget| run.seek_within(t, budget)))
            .unwrap_or(true);
        if arrived {
            self.journey.set_value(None);
            self.travel.set(None);
            self.refresh(true);
        } else {
            self.journey.set_value(Some(Journey::Seek(t)));
            self.show_progress();
        }
    }

    /// Bring `run` to `target` and hand it to `arrive`: at once if that is
    /// quick, otherwise in slices behind a progress bar saying `what`. If
    /// the student cancels, the announcement says `cancelled`.
    pub fn open_run(&self, mut run: Box<dyn Run>, target: SimTime, arrive: Arrival, cancelled: String) {
        self.cancel_travel(true);
        if within_ms(AT_ONCE_MS, |budget| run.seek_within(target, budget)) {
            arrive(run);
        } else {
            self.journey.set_value(Some(Journey::Open {
                run,
                target,
                arrive,
                cancelled,
            }));
            self.show_progress();
        }
    }

    /// Forget a seek of the run on screen, if one is under way (a link
    /// being opened goes on: it brings a run of its own).
    pub fn cancel_seek(&self) {
        if self.journey.with_value(|j| matches!(j, Some(Journey::Seek(_)))) {
            self.cancel_travel(true);
        }
    }

    /// Whether a replay is under way (the run then waits for it).
    pub fn travelling(&self) -> bool {
        self.journey.with_value(Option::is_some)
    }

    /// Spend one frame's slice on the replay under way, if there is one.
    pub fn keep_travelling(&self) {
        let Some(journey) = self.journey.try_update_value(Option::take).flatten() else {
            return;
        };
        match journey {
            Journey::Seek(t) => {
                let arrived = self
                    .run
                    .try_update_value(|run| within_ms(SLICE_MS, |budget| run.seek_within(t, budget)))
                    .unwrap_or(true);
                if arrived {
                    self.travel.set(None);
                    self.refresh(true);
                } else {
                    self.journey.set_value(Some(Journey::Seek(t)));
                    self.show_progress();
                }
            }
            Journey::Open {
                mut run,
                target,
                arrive,
                cancelled,
            } => {
                if within_ms(SLICE_MS, |budget| run.seek_within(target, budget)) {
                    self.travel.set(None);
                    arrive(run);
                } else {
                    self.journey.set_value(Some(Journey::Open {
                        run,
                        target,
                        arrive,
                        cancelled,
                    }));
                    self.show_progress();
                }
            }
        }
    }

    /// Stop the replay under way; the run on screen stays as it was. The
    /// status line says so, unless `quietly`.
    pub fn cancel_travel(&self, quietly: bool) {
        let Some(journey) = self.journey.try_update_value(Option::take).flatten() else {
            return;
        };
        let said = match journey {
            Journey::Seek(_) => "Cancelled. The run stays where it was.".to_string(),
            Journey::Open { cancelled, .. } => cancelled,
        };
        self.run.update_value(|run| run.cancel_seek());
        self.travel.set(None);
        if !quietly {
            self.announcement.set(said);
        }
    }

    fn show_progress(&self) {
        let progress = self.journey.with_value(|journey| match journey {
            Some(Journey::Seek(t)) => self.run.with_value(|run| {
                run.seek_progress().map(|p| Progress {
                    what: format!("Travelling to {}…", clock_label(*t as i64)),
                    done: p.fraction(),
                })
            }),
            Some(Journey::Open { run, target, .. }) => run.seek_progress().map(|p| Progress {
                what: format!(
                    "Opening the link: replaying the run to {}…",
                    clock_label(*target as i64)
                ),
                done: p.fraction(),
            }),
            None => None,
        });
        self.travel.set(progress);
    }
}

/// The progress bar over the picture, with its Cancel button.
#[component]
pub fn TravelBar(screen: Screen) -> impl IntoView {
    view! {
        <Show when=move || screen.travel.with(Option::is_some)>
            <div class="travel" role="group" aria-label="Replaying the run">
                <p class="travel-what" role="status">
                    {move || screen.travel.with(|t| t.as_ref().map(|t| t.what.clone()))}
                </p>
                <progress
                    class="travel-bar"
                    max="1"
                    prop:value=move || screen.travel.with(|t| t.as_ref().map_or(0.0, |t| t.done))
                    aria-label="How much of the replay is done"
                ></progress>
                <button
                    class="travel-cancel"
                    on:click=move |_| screen.cancel_travel(false)
                >
                    "Cancel"
                </button>
            </div>
        </Show>
    }
}
