//! "Run tests": the student's code graded over many seeds, a slice of
//! engine events per animation frame (within the frame budget the picture
//! keeps), with progress and Cancel, so the page never stops answering.
//! The report lists each property as passed, or failed in K of the runs
//! with why it failed first, and opens that first failing seed as an
//! ordinary run on the picture.

use leptos::prelude::*;

use crate::lab::{Grading, PropertyOutcome};
use crate::ui::pacing::{within_ms, FRAME_BUDGET_MS};

use super::editor::Mark;
use super::workbench::Bench;

/// How many seeds "Run tests" runs.
pub const SEEDS: u64 = 200;

/// Where the tests stand.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Tests {
    NotRun,
    Running {
        done: u64,
        total: u64,
    },
    Cancelled {
        done: u64,
        total: u64,
    },
    Done {
        total: u64,
        outcomes: Vec<PropertyOutcome>,
        /// The lab's figure, averaged over the runs that ended.
        measured: Option<(&'static str, u64)>,
    },
}

/// One property's line in the report. A property checked in only some
/// runs (the others crashed first) says so.
fn outcome_words(outcome: &PropertyOutcome, total: u64) -> String {
    let (property, checked) = (outcome.property, outcome.checked_runs);
    let runs = if checked == total {
        format!("{total} runs")
    } else {
        format!("the {checked} runs where your code ran")
    };
    match &outcome.first_failure {
        None if checked == 0 => format!("Not checked: {property}, since your code crashed in every run."),
        None if checked == total => format!("Passed: {property}."),
        None => format!("Passed: {property}, in {runs}."),
        Some((seed, why)) => format!(
            "Failed: {property}, in {} of {runs}. First with seed {seed}: {why}.",
            outcome.failed_runs
        ),
    }
}

/// The first failing seed over every property.
fn first_failing_seed(outcomes: &[PropertyOutcome]) -> Option<u64> {
    outcomes
        .iter()
        .filter_map(|o| o.first_failure.as_ref().map(|(seed, _)| *seed))
        .min()
}

/// The tests' state, shared by the Run tests button in the code's toolbar
/// and the report under it.
#[derive(Clone, Copy)]
pub struct TestBench {
    bench: Bench,
    tests: RwSignal<Tests>,
    /// The code the report is about: once the student changes it, the
    /// report is old news and its failing run is not theirs any more.
    tested: RwSignal<Option<String>>,
    changed: Memo<bool>,
    /// The grading under way; dropping it cancels it.
    grading: StoredValue<Option<Grading>, LocalStorage>,
    alive: StoredValue<bool>,
    pub failing_seed: RwSignal<Option<u64>>,
}

impl TestBench {
    pub fn new(bench: Bench) -> TestBench {
        let tested = RwSignal::new(None::<String>);
        let changed =
            Memo::new(move |_| tested.with(|t| t.as_ref().is_some_and(|t| bench.editor.text.with(|now| now != t))));
        let alive = StoredValue::new(true);
        on_cleanup(move || alive.set_value(false));
        TestBench {
            bench,
            tests: RwSignal::new(Tests::NotRun),
            tested,
            changed,
            grading: StoredValue::new_local(None),
            alive,
            failing_seed: RwSignal::new(None),
        }
    }

    fn running(&self) -> bool {
        matches!(self.tests.get(), Tests::Running { .. })
    }

    fn cancel(&self) {
        self.grading.set_value(None);
        if let Tests::Running { done, total } = self.tests.get_untracked() {
            self.tests.set(Tests::Cancelled { done, total });
            self.bench
                .status
                .set(format!("Tests cancelled after {done} of {total} runs."));
        }
    }

    fn start(&self) {
        let (bench, this) = (self.bench, *self);
        if matches!(self.tests.get_untracked(), Tests::Running { .. }) {
            return;
        }
        let source = bench.editor.text.get_untracked();
        match Grading::new(bench.lab, &source, 0..SEEDS) {
            Err(fault) => {
                let mark = Mark::from(fault);
                bench
                    .status
                    .set(format!("Your code cannot run, so no test can. {}", mark.words()));
                bench.editor.mark(vec![mark]);
            }
            Ok(fresh) => {
                bench.editor.mark(Vec::new());
                // The picture waits, so the tests get the frames.
                bench.playing.set(false);
                self.failing_seed.set(None);
                self.grading.set_value(Some(fresh));
                self.tested.set(Some(source));
                self.tests.set(Tests::Running { done: 0, total: SEEDS });
                bench.status.set(format!("Testing your code over {SEEDS} runs…"));
                work_a_frame(this);
            }
        }
    }
}

/// Run tests, Cancel while they run, and the way to the first failing
/// run once they are done: buttons for the code's toolbar.
#[component]
pub fn TestButtons(tests: TestBench) -> impl IntoView {
    let bench = tests.bench;
    let open_failure = move |_| {
        if let Some(seed) = tests.failing_seed.get_untracked() {
            bench.run_once(seed);
            bring_into_view(".lab-run");
        }
    };
    view! {
        // Not disabled while the tests run: a disabled button would drop
        // the keyboard's focus to the page.
        <button class="run-tests" aria-disabled=move || tests.running().to_string() on:click=move |_| tests.start()>
            "Run tests"
        </button>
        <Show when=move || tests.running()>
            <button class="cancel-tests" on:click=move |_| tests.cancel()>"Cancel"</button>
        </Show>
        <Show when=move || tests.failing_seed.get().is_some() && !tests.running() && !tests.changed.get()>
            <button class="open-failure" on:click=open_failure>
                {move || format!("Watch the first failing run (seed {})", tests.failing_seed.get().unwrap_or_default())}
            </button>
        </Show>
    }
}

/// What the tests found: how far they are, or each property passed or
/// failed.
#[component]
pub fn TestsReport(tests: TestBench) -> impl IntoView {
    let report = move || {
        match tests.tests.get() {
        Tests::NotRun => view! {
            <p class="tests-note">{format!("Run tests runs your code {SEEDS} times, each with another seed: other message losses, delays and timings.")}</p>
        }
        .into_any(),
        Tests::Running { done, total } => view! {
            <p class="tests-note">
                <label>
                    {format!("Tested {done} of {total} runs ")}
                    <progress max=total.to_string() value=done.to_string()></progress>
                </label>
            </p>
        }
        .into_any(),
        Tests::Cancelled { done, total } => view! {
            <p class="tests-note">{format!("Cancelled after {done} of {total} runs. Press Run tests to start again.")}</p>
        }
        .into_any(),
        Tests::Done { total, outcomes, measured } => {
            let passed = outcomes.iter().all(|o| o.first_failure.is_none());
            let verdict = if passed {
                format!("All tests passed in all {total} runs.")
            } else {
                "Some tests failed.".to_string()
            };
            view! {
                <p class="tests-verdict" class:passed=passed>{verdict}</p>
                <ul class="tests-report">
                    {outcomes
                        .iter()
                        .map(|outcome| {
                            let failed = outcome.first_failure.is_some() || outcome.checked_runs == 0;
                            view! { <li class="property" class:failed=failed>{outcome_words(outcome, total)}</li> }
                        })
                        .collect_view()}
                </ul>
                {measured.map(|(name, mean)| view! {
                    <p class="tests-measure">{format!("On average over the runs: {mean} {name}.")}</p>
                })}
            }
            .into_any()
        }
    }
    };
    view! {
        <section class="lab-tests" aria-labelledby="lab-tests-title">
            <h3 id="lab-tests-title">"Tests"</h3>
            <Show when=move || tests.changed.get() && !tests.running()>
                <p class="tests-old">"You changed your code since these results: press Run tests to test it again."</p>
            </Show>
            <div class="tests-body">{report}</div>
        </section>
    }
}

/// Scroll the element `selector` names into view: the picture, far above
/// the tests on a phone.
fn bring_into_view(selector: &str) {
    let found = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector(selector).ok().flatten());
    if let Some(element) = found {
        element.scroll_into_view();
    }
}

/// Grade for one frame's budget, then ask for the next frame until done,
/// cancelled, or the page goes.
fn work_a_frame(tests: TestBench) {
    if !tests.alive.try_get_value().unwrap_or(false) {
        return;
    }
    let worked = tests
        .grading
        .try_update_value(|held| {
            let under_way = held.as_mut()?;
            let done = within_ms(FRAME_BUDGET_MS, |budget| under_way.work(budget));
            let (ran, total) = under_way.progress();
            Some(if done {
                Ok((total, under_way.outcomes(), under_way.grade().measured))
            } else {
                Err((ran, total))
            })
        })
        .flatten();
    match worked {
        // Cancelled, or the page went.
        None => {}
        Some(Err((ran, total))) => {
            tests.tests.set(Tests::Running { done: ran, total });
            request_animation_frame(move || work_a_frame(tests));
        }
        Some(Ok((total, outcomes, measured))) => {
            tests.grading.set_value(None);
            let seed = first_failing_seed(&outcomes);
            tests.failing_seed.set(seed);
            tests.bench.status.set(match seed {
                None => format!("All tests passed in all {total} runs."),
                Some(seed) => format!("Some tests failed. The first failing run has seed {seed}."),
            });
            tests.tests.set(Tests::Done {
                total,
                outcomes,
                measured,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{outcome_words, PropertyOutcome};

    fn outcome(checked_runs: u64, failed_runs: u64) -> PropertyOutcome {
        PropertyOutcome {
            property: "each save applied once",
            checked_runs,
            failed_runs,
            first_failure: (failed_runs > 0).then(|| (4, "save 1 was applied twice".to_string())),
        }
    }

    #[test]
    fn a_property_says_in_how_many_runs_it_was_checked() {
        assert_eq!(outcome_words(&outcome(200, 0), 200), "Passed: each save applied once.");
        assert_eq!(
            outcome_words(&outcome(150, 0), 200),
            "Passed: each save applied once, in the 150 runs where your code ran."
        );
        assert_eq!(
            outcome_words(&outcome(0, 0), 200),
            "Not checked: each save applied once, since your code crashed in every run."
        );
        assert_eq!(
            outcome_words(&outcome(200, 7), 200),
            "Failed: each save applied once, in 7 of 200 runs. First with seed 4: save 1 was applied twice."
        );
    }
}
