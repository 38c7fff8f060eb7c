//! "Run 100 seeds": the scenario being edited, run again under a hundred
//! seeds, a few milliseconds of each animation frame at a time, so the page
//! keeps answering while it works (a progress bar and Cancel show it is
//! going on). Then a chart of the outcomes, a sentence saying how often
//! the checker found a stale read, and each failing seed as a button that
//! opens it as a normal run, to replay and share.
//!
//! The sweep itself is the pure `scenario::sweep`; this module drives it
//! and words its typed outcomes.

mod chart;
pub mod tally;
pub mod words;

use leptos::prelude::*;

use super::pacing::within_ms;
use crate::lessons::controls::Control;
use crate::scenario::sweep::{horizon_of, Progress, SeedOutcome, Sweep, SEEDS};
use crate::scenario::Scenario;
use chart::SweepChart;
use tally::Tally;
use words::{details_sentence, failing_seed, open_seed, verdict_sentence};

/// How long each frame spends on the sweep, in milliseconds: the frame
/// loop playing the run on screen gets its own share besides.
const SLICE_MS: f64 = 6.0;

/// What the panel shows.
#[derive(Clone, Debug, PartialEq)]
enum Shown {
    Idle,
    Running(Progress),
    Cancelled(Progress),
    Refused(String),
    Done { tally: Tally, failing: Vec<SeedOutcome> },
}

/// The sweep under way and what the panel shows of it. A new sweep or a
/// Cancel bumps `generation`, so a frame queued for an older one stops.
#[derive(Clone, Copy)]
struct Sweeper {
    sweep: StoredValue<Option<Sweep>, LocalStorage>,
    generation: StoredValue<u32>,
    shown: RwSignal<Shown>,
}

impl Sweeper {
    fn start(self, scenario: &Scenario) {
        match Sweep::new(scenario, horizon_of(scenario), SEEDS) {
            Ok(sweep) => {
                let progress = sweep.progress();
                self.sweep.set_value(Some(sweep));
                self.generation.update_value(|g| *g = g.wrapping_add(1));
                let generation = self.generation.get_value();
                self.shown.set(Shown::Running(progress));
                request_animation_frame(move || self.frame(generation));
            }
            Err(reason) => self
                .shown
                .set(Shown::Refused(format!("This scenario cannot run: {reason}."))),
        }
    }

    /// Spend one frame's slice on the sweep, then ask for the next frame
    /// or show the outcomes.
    fn frame(self, generation: u32) {
        if self.generation.try_get_value() != Some(generation) {
            return;
        }
        let progress = self
            .sweep
            .try_update_value(|sweep| {
                sweep.as_mut().map(|sweep| {
                    within_ms(SLICE_MS, |budget| sweep.advance(budget).finished());
                    sweep.progress()
                })
            })
            .flatten();
        let Some(progress) = progress else {
            return;
        };
        if !progress.finished() {
            self.shown.set(Shown::Running(progress));
            request_animation_frame(move || self.frame(generation));
            return;
        }
        if let Some(sweep) = self.sweep.try_update_value(Option::take).flatten() {
            let outcomes = sweep.outcomes();
            self.shown.set(Shown::Done {
                tally: Tally::of(outcomes),
                failing: outcomes.iter().filter(|o| o.failed()).copied().collect(),
            });
        }
    }

    fn cancel(self) {
        self.generation.update_value(|g| *g = g.wrapping_add(1));
        if let Some(sweep) = self.sweep.try_update_value(Option::take).flatten() {
            self.shown.set(Shown::Cancelled(sweep.progress()));
        }
    }
}

/// The sweep's panel: `scenario` is what it sweeps, read when the button
/// is pressed; `open` opens a seed of it as the run on screen.
#[component]
pub fn SeedSweep(#[prop(into)] scenario: Signal<Scenario>, open: Callback<u64>) -> impl IntoView {
    let sweeper = Sweeper {
        sweep: StoredValue::new_local(None),
        generation: StoredValue::new(0),
        shown: RwSignal::new(Shown::Idle),
    };
    let shown = sweeper.shown;
    let running = move || matches!(shown.get(), Shown::Running(_));
    let progress = move || match shown.get() {
        Shown::Running(p) | Shown::Cancelled(p) => Some(p),
        _ => None,
    };
    let status = move || match shown.get() {
        Shown::Idle => String::new(),
        Shown::Running(_) => format!("Running {SEEDS} seeds…"),
        Shown::Cancelled(p) => format!("Cancelled after {} of {} runs.", p.done, p.total),
        Shown::Refused(reason) => reason,
        Shown::Done { tally, .. } => verdict_sentence(&tally),
    };
    let done = Memo::new(move |_| match shown.get() {
        Shown::Done { tally, failing } => Some((tally, failing)),
        _ => None,
    });

    view! {
        <fieldset class="sandbox-group sweep">
            <legend>"Many seeds"</legend>
            <p class="sweep-intro">
                "Is what this run shows the rule or luck? Run the same cluster and faults under 100 seeds."
            </p>
            <div class="sweep-controls">
                <button
                    class="sweep-start"
                    data-control=Control::RunSeeds.id()
                    prop:disabled=running
                    on:click=move |_| sweeper.start(&scenario.get_untracked())
                >
                    {Control::RunSeeds.label()}
                </button>
                <button class="sweep-cancel" prop:disabled=move || !running() on:click=move |_| sweeper.cancel()>
                    "Cancel"
                </button>
                <progress
                    class="sweep-progress"
                    max="1"
                    prop:value=move || progress().map_or(0.0, |p| p.fraction())
                    aria-label="Seeds run"
                    aria-valuetext=move || progress().map(|p| format!("{} of {} runs", p.done, p.total))
                ></progress>
            </div>
            <p class="sweep-verdict" role="status">{status}</p>
            {move || {
                done.get()
                    .map(|(tally, failing)| {
                        let details = details_sentence(&tally);
                        view! {
                            <p class="sweep-details">{details}</p>
                            <SweepChart tally />
                            <FailingSeeds failing open />
                        }
                    })
            }}
        </fieldset>
    }
}

/// Each failing seed as a button that opens it.
#[component]
fn FailingSeeds(failing: Vec<SeedOutcome>, open: Callback<u64>) -> impl IntoView {
    if failing.is_empty() {
        return view! { <p class="sweep-none">"No seed failed."</p> }.into_any();
    }
    view! {
        <p class="sweep-open-hint">"Failing seeds: open one as a normal run, to replay it or share it."</p>
        <ul class="sweep-failing" aria-label="Failing seeds">
            {failing
                .into_iter()
                .map(|outcome| {
                    let seed = outcome.seed;
                    view! {
                        <li>
                            <button
                                class="sweep-seed"
                                data-seed=seed.to_string()
                                aria-label=open_seed(&outcome)
                                title=open_seed(&outcome)
                                on:click=move |_| open.run(seed)
                            >
                                {failing_seed(&outcome)}
                            </button>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_button_says_how_many_seeds_it_runs() {
        assert_eq!(Control::RunSeeds.label(), format!("Run {SEEDS} seeds"));
    }
}
