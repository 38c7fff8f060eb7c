//! The lesson beside the cluster: the current step's text, its hands-on
//! task or prediction, its chart or sweep over seeds, and the way on. Opening a step loads its
//! scenario; a task is checked against the live run a few times a second,
//! and a prediction is read from the run once it reaches the moment the
//! question is about. Finished steps are saved as progress.

use std::time::Duration;

use leptos::prelude::*;

use super::app::Stage;
use super::charts::ChartView;
use super::focus::{bring_into_view, focus_below_picture};
use super::network_panel::fold_network_panel;
use super::opening::open;
use super::prediction::PredictionBox;
use super::route::{go, show_step, Page};
use super::screen::Screen;
use super::spoken::spoken;
use super::sweep::SeedSweep;
use crate::lessons::controls::Control;
use crate::lessons::focus::{epochs_met, lamport_met};
use crate::lessons::progress::Progress;
use crate::lessons::words::sentence_start;
use crate::lessons::{Lesson, LESSONS};
use crate::scenario::{LessonStep, Scenario};
use crate::sim::words::clock_reading;

/// How often the task and the prediction are checked against the run: at
/// 10x a check every 100 ms lets the run go at most a second past the
/// moment a task is done before it stops there.
const CHECK_EVERY: Duration = Duration::from_millis(100);

/// What the lesson panel shares with the rest of the page.
#[derive(Clone, Copy)]
pub struct LessonContext {
    pub screen: Screen,
    pub scenario: StoredValue<Scenario, LocalStorage>,
    pub playing: RwSignal<bool>,
    /// Play is held until the student has made a prediction.
    pub held: RwSignal<bool>,
    pub progress: RwSignal<Progress>,
    /// The node name the canvas rings.
    pub highlight: RwSignal<Option<&'static str>>,
    pub page: RwSignal<Page>,
    /// The picture, whose peeks and tooltips a new step clears.
    pub stage: Stage,
    /// The run's speed, which a step may slow down.
    pub speed: RwSignal<f64>,
    /// The step on screen, as the strip above a phone's picture names it
    /// ("Step 2 of 5: Crash a web server"); `None` off the lessons.
    pub heading: RwSignal<Option<String>>,
}

/// A step's title as the panel and the phone's strip write it: "Step 2 of
/// 5: All or nothing".
fn step_heading(lesson: &Lesson, at: usize, title: &str) -> String {
    format!("Step {} of {}: {title}", at + 1, lesson.steps.len())
}

/// Scroll the panel's column (and, on a phone, the page) back to the top.
fn scroll_to_top() {
    if let Some(side) = document().query_selector(".side").ok().flatten() {
        side.set_scroll_top(0);
    }
    window().scroll_to_with_x_and_y(0.0, 0.0);
}

/// Outline the control a step talks about (and nothing else), so the
/// student finds it where they already look. A still outline: nothing
/// blinks.
fn spotlight(control: Option<Control>) {
    // One element is lit at a time; a few tries cover any leftover.
    for _ in 0..4 {
        match document().query_selector(".spotlight") {
            Ok(Some(lit)) => {
                let _ = lit.class_list().remove_1("spotlight");
            }
            _ => break,
        }
    }
    let Some(control) = control else { return };
    let wanted = format!("[data-control=\"{}\"]", control.id());
    if let Ok(Some(element)) = document().query_selector(&wanted) {
        let _ = element.class_list().add_1("spotlight");
    }
}

/// Why Next is not yet open, in the student's terms.
fn next_waits_for(step: &crate::lessons::Step) -> &'static str {
    if step.question.is_some() {
        "Next opens once you have locked in a prediction and watched what happens."
    } else {
        "Next opens once the task above is done."
    }
}

/// Where step `step` of lesson `lesson` sits in the course, for a link.
fn lesson_step(lesson: usize, step: usize) -> LessonStep {
    LessonStep {
        lesson: lesson as u8,
        step: step as u8,
    }
}

/// Load `scenario` as the run of step `step` of lesson `lesson`.
fn load(context: LessonContext, mut scenario: Scenario, lesson: usize, step: usize) {
    scenario.lesson = Some(lesson_step(lesson, step));
    match open(&scenario) {
        Ok(run) => {
            // The scenario first: what the page says about the run is read
            // again when the run is replaced.
            let playhead = scenario.playhead;
            context.scenario.set_value(scenario);
            context.screen.replace_run(run);
            if playhead > 0 {
                context.screen.seek_to(playhead);
            }
        }
        Err(problem) => context
            .screen
            .announcement
            .set(format!("This step's cluster could not be built: {problem}.")),
    }
}

/// The panel for lesson `index`, opening at step `first_step`. With
/// `keep_run` the run already on screen (from a shared link) stays.
#[component]
pub fn LessonPanel(context: LessonContext, index: usize, first_step: usize, keep_run: bool) -> impl IntoView {
    let lesson: &'static Lesson = LESSONS[index.min(LESSONS.len() - 1)];
    let last = lesson.steps.len().saturating_sub(1);
    let step = RwSignal::new(first_step.min(last));
    let task_done = RwSignal::new(false);
    // What the student caused, read from the run when the task was done.
    let praise = RwSignal::new(String::new());
    // When the task was done, in the run's time: the praise describes that
    // moment, and playing stops there until the student plays on.
    let done_at = RwSignal::new(0);
    let answer = RwSignal::new(None::<usize>);
    let revealed = RwSignal::new(None::<usize>);
    // The first step shown loads the scenario in effect, unless the run on
    // screen came from a link; later steps load only their own.
    let entering = StoredValue::new(true);
    // The step whose scenario the run on screen was loaded from: a step
    // that carries on another step's run reloads it when the run on screen
    // is a different step's (the student went back past a step that loads
    // its own).
    let shown_owner = StoredValue::new(None::<usize>);

    let complete = move |at: usize| {
        context.progress.update(|p| {
            if p.complete(index, at) {
                super::saved_progress::save(p);
            }
        });
    };

    // Opening a step: load its scenario (or, on entering the lesson, the one
    // in effect), point at its node, and hold play for a prediction.
    Effect::new(move |_| {
        let at = step.get();
        let Some(current) = lesson.steps.get(at) else { return };
        task_done.set(false);
        answer.set(None);
        revealed.set(None);
        context.screen.hold_at.set_value(None);
        context.screen.announcement.set(String::new());
        let first = entering.get_value();
        entering.set_value(false);
        let owner = lesson.scenario_owner(at);
        let fresh = match current.scenario {
            Some(make) if !(first && keep_run) => Some(make()),
            None if first && !keep_run => lesson.scenario_for(at),
            None if !first && shown_owner.get_value() != owner => lesson.scenario_for(at),
            _ => None,
        };
        shown_owner.set_value(owner);
        let loaded = fresh.is_some();
        if let Some(scenario) = fresh {
            load(context, scenario, index, at);
        } else {
            // The run stays; a link shared from here opens at this step.
            context
                .scenario
                .update_value(|s| s.lesson = Some(lesson_step(index, at)));
        }
        context.highlight.set(current.point_at);
        context.heading.set(Some(step_heading(lesson, at, current.title)));
        context.stage.forget_pointer();
        context.stage.stamp.set_value(current.focus.stamps());
        context.stage.lamport_shown.set_value(lamport_met(index, at));
        context.stage.epochs_shown.set_value(epochs_met(index, at));
        if let Some(view) = current.focus.view() {
            context.stage.view.set(view);
        }
        // The history shows where a step is about it. A step that names
        // what to look at in a view, and every lesson's first step shown,
        // puts it away: on a phone it would cover the picture, on a laptop
        // squash it.
        if current.focus.opens_history() {
            context.stage.history_shown.set(true);
        } else if first || current.focus.view().is_some() {
            context.stage.history_shown.set(false);
        }
        if first {
            context.stage.history_offered.set(current.focus.opens_history());
            fold_network_panel();
        }
        // A step sets its own speed; the first step shown (a link may open
        // any) also takes the speed the lesson has set by then.
        let speed = if first {
            lesson.speed_at(at)
        } else {
            current.focus.speed
        };
        if let Some(speed) = speed {
            context.speed.set(speed);
        }
        spotlight(current.focus.spotlight);
        let held = current.question.is_some();
        context.held.set(held);
        if held {
            context.playing.set(false);
        } else if loaded || !first || (current.task.is_some() && !keep_run) {
            // A task needs the cluster running: a step with one starts it
            // (the panel says so plainly whenever time is stopped), and a
            // later step plays on the run it carries over, which the last
            // step's done task stopped. A shared run stays paused at its
            // moment, so everyone sees the same.
            context.playing.set(!super::app::prefers_reduced_motion());
        }
        if current.task.is_none() && current.question.is_none() {
            complete(at);
        }
        // A new step (not the first one shown): bring its title into view
        // and focus, so nobody is left on a button that just went away. A
        // new lesson starts at the top of the panel, title and goal first.
        // The address names the step shown, so a reload or a copied
        // address opens it.
        if first {
            request_animation_frame(scroll_to_top);
        } else {
            show_step(Page::Lesson(index), at);
            request_animation_frame(|| focus_below_picture(".lesson-panel .step-title"));
        }
    });

    let checker = set_interval_with_handle(
        move || {
            let Some(current) = lesson.steps.get(step.get_untracked()) else {
                return;
            };
            let run = context.screen.run;
            if let Some(task) = &current.task {
                if !task_done.get_untracked() && run.with_value(|r| (task.done)(r.as_ref())) {
                    praise.set(run.with_value(|r| (task.praise)(r.as_ref())));
                    done_at.set(run.with_value(|r| r.now()));
                    task_done.set(true);
                    context.screen.announcement.set("Task done.".to_string());
                    // The picture stays on the moment the praise describes.
                    context.playing.set(false);
                    complete(step.get_untracked());
                    request_animation_frame(|| bring_into_view(".lesson-panel .task-status"));
                }
            }
            if let Some(question) = &current.question {
                let waiting = answer.get_untracked().is_some() && revealed.get_untracked().is_none();
                context
                    .screen
                    .hold_at
                    .set_value(waiting.then_some(question.watch_until));
                let watched = run.with_value(|r| r.now() >= question.watch_until);
                if waiting && watched {
                    let outcome = run.with_value(|r| (question.outcome)(r.as_ref()));
                    revealed.set(Some(outcome.min(question.choices.len().saturating_sub(1))));
                    context.screen.hold_at.set_value(None);
                    context.playing.set(false);
                    complete(step.get_untracked());
                    request_animation_frame(|| bring_into_view(".lesson-panel .feedback"));
                }
            }
        },
        CHECK_EVERY,
    );
    on_cleanup(move || {
        if let Ok(handle) = checker {
            handle.clear();
        }
        context.held.set(false);
        context.highlight.set(None);
        context.heading.set(None);
        context.stage.stamp.set_value(None);
        context.stage.lamport_shown.set_value(true);
        context.stage.epochs_shown.set_value(true);
        spotlight(None);
    });

    let step_done = move || context.progress.with(|p| p.is_done(index, step.get()));
    let current = move || lesson.steps.get(step.get());

    view! {
        <section class="lesson-panel" aria-labelledby="lesson-title">
            <div class="lesson-top">
                <p class="lesson-kicker">{format!("Lesson {} of {}", index + 1, LESSONS.len())}</p>
                <a
                    class="glossary-link"
                    data-control=Control::Glossary.id()
                    href=Page::Glossary.href()
                    on:click=move |ev| {
                        ev.prevent_default();
                        go(context.page, Page::Glossary);
                    }
                >
                    {Control::Glossary.label()}
                </a>
            </div>
            <h2 id="lesson-title" class="lesson-heading">{lesson.title}</h2>
            <p class="lesson-goal">{lesson.goal}</p>
            <ol class="step-dots" aria-label="Steps">
                {(0..lesson.steps.len())
                    .map(|i| {
                        view! {
                            <li
                                class="step-dot"
                                class:done=move || context.progress.with(|p| p.is_done(index, i))
                                aria-current=move || (step.get() == i).then_some("step")
                            >
                                <span class="visually-hidden">{format!("Step {}", i + 1)}</span>
                            </li>
                        }
                    })
                    .collect_view()}
            </ol>
            {move || {
                let at = step.get();
                current()
                    .map(|s| {
                        view! {
                            <h3 class="step-title" tabindex="-1">{step_heading(lesson, at, s.title)}</h3>
                            <div class="step-text">
                                {s.text.iter().map(|p| view! { <p>{spoken(p)}</p> }).collect_view()}
                            </div>
                            {s.task.as_ref().map(|task| {
                                view! {
                                    <div class="task" class:done=move || task_done.get()>
                                        <p class="task-instruction">
                                            <strong>"Your turn: "</strong>
                                            {spoken(task.instruction)}
                                        </p>
                                        <p class="task-status" role="status">
                                            {move || if task_done.get() { spoken(&format!("✓ Done at {}. {}", clock_reading(done_at.get() as i64), sentence_start(&praise.get()))) } else { "Not done yet.".into_any() }}
                                        </p>
                                        <Show when=move || !task_done.get() && !context.playing.get()>
                                            <p class="time-stopped">
                                                {spoken("Time is stopped: nothing happens in the cluster until you press {play} (or {step}, for one event at a time).")}
                                            </p>
                                        </Show>
                                        // Done stops the run on the moment the praise describes: say
                                        // so, and how to watch on.
                                        <Show when=move || task_done.get() && !context.playing.get() && context.screen.now.get() == done_at.get()>
                                            <p class="time-stopped">
                                                {spoken("The run is paused on that moment. Press {play} to watch it carry on.")}
                                            </p>
                                        </Show>
                                        <details
                                            class="task-hint"
                                            prop:open=false
                                            on:toggle=move |_| {
                                                // An opened hint shows whole, clear of the fade at the column's foot.
                                                request_animation_frame(|| bring_into_view(".lesson-panel .task-hint[open]"));
                                            }
                                        >
                                            <summary data-control=Control::Hint.id()>{Control::Hint.label()}</summary>
                                            <p>{spoken(task.hint)}</p>
                                        </details>
                                    </div>
                                }
                            })}
                            {s.chart.map(|chart| view! { <ChartView chart screen=context.screen /> })}
                            {s.focus.offers_sweep().then(|| lesson.scenario_for(at)).flatten().map(|swept| {
                                let base = swept.clone();
                                let open = Callback::new(move |seed| {
                                    let mut scenario = base.clone();
                                    scenario.seed = seed;
                                    load(context, scenario, index, at);
                                    context.screen.announcement.set(format!("Seed {seed} is running from the start."));
                                    context.playing.set(!super::app::prefers_reduced_motion());
                                });
                                view! { <SeedSweep scenario=swept open /> }
                            })}
                            {s.question.as_ref().map(|question| {
                                let skip = Callback::new(move |()| context.screen.seek_to(question.watch_until));
                                view! { <PredictionBox question answer revealed playing=context.playing held=context.held skip /> }
                            })}
                        }
                    })
            }}
            {move || {
                (step.get() == last && step_done())
                    .then(|| view! { <p class="takeaway"><strong>"Takeaway: "</strong>{lesson.takeaway}</p> })
            }}
            <Show when=move || !step_done()>
                <p class="next-waits" id="next-waits">{move || current().map(next_waits_for).unwrap_or_default()}</p>
            </Show>
            <div class="step-nav">
                <button
                    class="step-back"
                    data-control=Control::Back.id()
                    disabled=move || step.get() == 0
                    on:click=move |_| step.update(|s| *s = s.saturating_sub(1))
                >
                    {format!("← {}", Control::Back.label())}
                </button>
                {move || {
                    if step.get() < last {
                        view! {
                            <button
                                class="step-next"
                                data-control=Control::NextStep.id()
                                disabled=move || !step_done()
                                aria-describedby="next-waits"
                                on:click=move |_| step.update(|s| *s += 1)
                            >
                                {format!("{} →", Control::NextStep.label())}
                            </button>
                        }
                            .into_any()
                    } else if index + 1 < LESSONS.len() {
                        view! {
                            <button class="step-next" disabled=move || !step_done() aria-describedby="next-waits" on:click=move |_| go(context.page, Page::Lesson(index + 1))>
                                "Next lesson →"
                            </button>
                        }
                            .into_any()
                    } else {
                        view! {
                            <button class="step-next" disabled=move || !step_done() aria-describedby="next-waits" on:click=move |_| go(context.page, Page::Sandbox)>
                                "On to the sandbox →"
                            </button>
                        }
                            .into_any()
                    }
                }}
            </div>
        </section>
    }
}
