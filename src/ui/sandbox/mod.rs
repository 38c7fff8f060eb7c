//! The sandbox: after the lessons, build a cluster from the same parts and
//! play with it. A teacher picks the kind of cluster and its parameters,
//! the seed and the network, schedules faults, names the scenario and
//! writes a note for students, then builds and runs it; the Share button
//! turns it into a link. Everything is edited in a draft, so a scenario
//! that does not validate never replaces the run on screen. Before sharing,
//! the teacher can run the draft under 100 seeds and open any that fails.

mod cluster_form;
mod fault_kind;
mod faults;
mod note;
mod preview;
pub(super) mod words;

use leptos::prelude::*;

use super::opening::open;
use super::screen::Screen;
use super::sweep::SeedSweep;
use crate::scenario::limits::{MAX_NAME, MAX_NOTE};
use crate::scenario::Scenario;
use cluster_form::ClusterForm;
use faults::FaultEditor;
use preview::Preview;
use words::why_not;

pub use note::ScenarioNote;

/// The draft the sandbox opens with: the scenario on screen, taken out of
/// its lesson and watched from the start.
fn starting_draft(mut scenario: Scenario) -> Scenario {
    scenario.lesson = None;
    scenario.playhead = 0;
    scenario.sort_schedule();
    scenario
}

/// What the sandbox says about a scenario that cannot run.
fn refused(reason: &str) -> String {
    format!("This scenario cannot run: {reason}. The current run is unchanged.")
}

#[component]
pub fn Sandbox(
    screen: Screen,
    scenario: StoredValue<Scenario, LocalStorage>,
    playing: RwSignal<bool>,
) -> impl IntoView {
    let draft = RwSignal::new(starting_draft(scenario.get_value()));
    let cluster = Memo::new(move |_| draft.with(|s| s.cluster));
    let preview = Memo::new(move |_| Preview::of(cluster.get()));
    let names = Memo::new(move |_| preview.with(|p| p.names.clone()));
    let said = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<String>);

    let build_and_run = move || {
        let ready = starting_draft(draft.get_untracked());
        if let Err(reason) = ready.validate() {
            problem.set(Some(refused(&why_not(&reason))));
            return;
        }
        match open(&ready) {
            Ok(run) => {
                screen.replace_run(run);
                let what = if ready.name.is_empty() {
                    "The scenario".to_string()
                } else {
                    format!("“{}”", ready.name)
                };
                scenario.set_value(ready);
                problem.set(None);
                said.set(format!("{what} is built and running."));
                screen.announcement.set(format!("{what} is built and running."));
                playing.set(true);
            }
            Err(reason) => problem.set(Some(refused(&reason))),
        }
    };
    let open_seed = Callback::new(move |seed| {
        draft.update(|s| s.seed = seed);
        build_and_run();
    });
    let swept = Signal::derive(move || starting_draft(draft.get()));

    view! {
        <section class="sandbox" aria-labelledby="sandbox-title">
            <h2 id="sandbox-title" class="panel-title">"Sandbox"</h2>
            <p class="sandbox-intro">
                "Build a cluster from the same parts as the lessons, schedule faults, and run it. Share the run to hand it to a class."
            </p>
            <ClusterForm draft preview problem />
            <FaultEditor draft names said problem />
            <fieldset class="sandbox-group sandbox-about">
                <legend>"For your students"</legend>
                <label class="sandbox-field">
                    <span class="sandbox-label">"Scenario name"</span>
                    <input
                        type="text"
                        class="sandbox-name"
                        maxlength=MAX_NAME.to_string()
                        prop:value=move || draft.with(|s| s.name.clone())
                        on:input=move |ev| draft.update(|s| s.name = event_target_value(&ev))
                    />
                </label>
                <label class="sandbox-field">
                    <span class="sandbox-label">"Note: what to look for"</span>
                    <textarea
                        class="sandbox-note"
                        rows="3"
                        maxlength=MAX_NOTE.to_string()
                        prop:value=move || draft.with(|s| s.note.clone())
                        on:input=move |ev| draft.update(|s| s.note = event_target_value(&ev))
                    ></textarea>
                </label>
            </fieldset>
            <p class="sandbox-problem" role="alert">{move || problem.get().unwrap_or_default()}</p>
            <p class="sandbox-said" role="status">{move || said.get()}</p>
            <button class="sandbox-build" on:click=move |_| build_and_run()>"Build and run"</button>
            <SeedSweep scenario=swept open=open_seed />
            <p class="sandbox-hint">
                "\"Share this run\" opens where you are now; \"Share from the start\" lets students watch the scheduled faults happen."
            </p>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::protocols::lamport;
    use crate::scenario::{ClusterSpec, LessonStep};

    #[test]
    fn a_lesson_scenario_opens_in_the_sandbox_as_a_free_one_from_the_start() {
        let mut lesson = Scenario::new(ClusterSpec::ClockGossip(lamport::ClockGossip { nodes: 3 }), 4);
        lesson.lesson = Some(LessonStep { lesson: 2, step: 1 });
        lesson.playhead = 9_000_000;
        let draft = starting_draft(lesson.clone());
        assert_eq!(draft.lesson, None);
        assert_eq!(draft.playhead, 0);
        assert_eq!((draft.cluster, draft.seed), (lesson.cluster, lesson.seed));
    }
}
