//! One lab open: what the student's node must do, the hints, the code
//! editor, "Run once" (the student's code for one seed on the cluster
//! picture, with its faults marked in the editor and named over the
//! picture), and the note that says whether the code is saved.

use std::rc::Rc;
use std::time::Duration;

use leptos::prelude::*;

use crate::lab::{Lab, Program};
use crate::lessons::LESSONS;
use crate::ui::{ClusterView, Screen};

use super::api_help::ApiHelp;
use super::editor::{CodeEditor, Editor, Mark};
use super::hints::Hints;
use super::node_notes::NodeNotes;
use super::run_verdict::{RunVerdict, RunVerdictNote};
use super::saved;
use super::share::ShareButton;
use super::tests_panel::{TestBench, TestButtons, TestsReport};
use super::trial::{empty_run, faults, lab_run, marks_of};

/// How long typing must pause before the code is saved.
const SAVE_AFTER: Duration = Duration::from_millis(400);

/// Whether the student asked the system for less motion: a run then opens
/// paused.
fn reduced_motion() -> bool {
    web_sys::window()
        .and_then(|w| w.match_media("(prefers-reduced-motion: reduce)").ok().flatten())
        .is_some_and(|m| m.matches())
}

/// "Builds on lesson 4, Lost replies".
fn lesson_words(lab: &Lab) -> (String, Option<String>) {
    let index = (lab.lesson as usize).saturating_sub(1);
    match LESSONS.get(index) {
        Some(lesson) => (
            format!("Builds on lesson {}: {}", lab.lesson, lesson.title),
            Some(format!("../?lesson={}", lesson.slug)),
        ),
        None => (format!("Builds on lesson {}", lab.lesson), None),
    }
}

/// What a lab page shares with its parts: the lab, the editor, the run on
/// the picture and what the page says.
#[derive(Clone, Copy)]
pub struct Bench {
    pub lab: &'static Lab,
    pub editor: Editor,
    pub screen: Screen,
    pub playing: RwSignal<bool>,
    /// The program and seed the picture runs, for its reset button, and
    /// the code it was compiled from, for the lines of its faults.
    pub trial: StoredValue<Option<(Rc<Program>, u64, String)>, LocalStorage>,
    /// Whether the picture shows a run yet.
    pub shown: RwSignal<bool>,
    pub seed: RwSignal<u64>,
    /// What just happened, said politely.
    pub status: RwSignal<String>,
    /// Whether the picture's run passes the tests.
    pub verdict: RunVerdict,
}

impl Bench {
    /// Compile the editor's code, marking its error if it has one.
    pub fn compile(&self) -> Option<Rc<Program>> {
        match Program::compile(&self.editor.text.get_untracked(), self.lab.kinds) {
            Ok(program) => {
                self.editor.mark(Vec::new());
                Some(program)
            }
            Err(fault) => {
                let mark = Mark::from(fault);
                self.status.set(format!("Your code cannot run. {}", mark.words()));
                self.editor.mark(vec![mark]);
                None
            }
        }
    }

    /// Run the editor's code for `seed` on the picture, from its start.
    pub fn run_once(&self, seed: u64) {
        let source = self.editor.text.get_untracked();
        let Some(program) = self.compile() else {
            return;
        };
        self.seed.set(seed);
        self.verdict.check(self.lab, &source, seed);
        self.screen.replace_run(lab_run(self.lab, &program, seed));
        self.trial.set_value(Some((program, seed, source)));
        self.shown.set(true);
        self.playing.set(!reduced_motion());
        self.status
            .set(format!("Your code runs on the cluster with seed {seed}."));
    }
}

#[component]
pub fn Workbench(
    lab: &'static Lab,
    /// The code to open with: the saved code, the starter, or a link's.
    code: String,
    /// The seed to run first (a shared link's failing seed).
    seed: u64,
    /// Whether the code came in a shared link: then it is not saved over
    /// the student's own until they choose so.
    from_link: bool,
) -> impl IntoView {
    let editor = Editor::new(code);
    let bench = Bench {
        lab,
        editor,
        screen: Screen::new(empty_run()),
        playing: RwSignal::new(false),
        trial: StoredValue::new_local(None),
        shown: RwSignal::new(false),
        seed: RwSignal::new(1),
        status: RwSignal::new(String::new()),
        verdict: RunVerdict::new(),
    };
    let storage_note = RwSignal::new(None::<&'static str>);
    let tests = TestBench::new(bench);
    let shared = RwSignal::new(from_link);
    autosave(lab, editor, storage_note, shared);
    // The faults the code hits as the run goes, marked in the editor.
    let screen = bench.screen;
    let hit = Memo::new(move |_| {
        screen.now.track();
        screen.generation.track();
        screen.run.with_value(|run| faults(run.as_ref()))
    });
    Effect::new(move |_| {
        let found = hit.get();
        if bench.shown.get_untracked() && !found.is_empty() {
            editor.mark(marks_of(&found));
        }
    });
    let start_over = move || {
        let again = bench
            .trial
            .with_value(|trial| trial.as_ref().map(|(program, seed, _)| lab_run(lab, program, *seed)));
        again.unwrap_or_else(empty_run)
    };
    let restore_starter = move |_| {
        let sure = web_sys::window()
            .and_then(|w| {
                w.confirm_with_message("Start over with the lab's starter code? The code you wrote will be lost.")
                    .ok()
            })
            .unwrap_or(false);
        if sure {
            editor.replace(lab.starter.to_string());
            editor.mark(Vec::new());
            bench.status.set("The starter code is back in the editor.".to_string());
        }
    };
    // Whether the code on the picture is not the code in the editor.
    let stale = Memo::new(move |_| {
        screen.generation.track();
        let now = editor.text.get();
        bench
            .trial
            .with_value(|trial| trial.as_ref().is_some_and(|(_, _, source)| *source != now))
    });
    let (lesson, lesson_href) = lesson_words(lab);
    bench.run_once(seed);
    view! {
        <article class="workbench" aria-labelledby="lab-title">
            <header class="lab-head">
                <h2 id="lab-title">{lab.title}</h2>
                <p class="lab-lesson">
                    {match lesson_href {
                        Some(href) => view! { <a href=href>{lesson}</a> }.into_any(),
                        None => view! { <span>{lesson}</span> }.into_any(),
                    }}
                </p>
            </header>
            <section class="lab-brief" aria-labelledby="lab-spec-title">
                <h3 id="lab-spec-title">"What your node must do"</h3>
                <p class="lab-spec">{lab.spec}</p>
                <ApiHelp />
                <Hints hints=lab.hints />
            </section>
            <section class="lab-code" aria-label="Your code">
                <div class="lab-actions" role="toolbar" aria-label="Your code">
                    <button class="run-once" on:click=move |_| bench.run_once(bench.seed.get_untracked())>"Run once"</button>
                    <label class="seed-field">
                        "with seed "
                        <input
                            type="number"
                            min="0"
                            inputmode="numeric"
                            prop:value=move || bench.seed.get().to_string()
                            on:change=move |ev| {
                                if let Ok(seed) = event_target_value(&ev).trim().parse::<u64>() {
                                    bench.seed.set(seed);
                                }
                            }
                        />
                    </label>
                    <TestButtons tests />
                    <ShareButton bench />
                </div>
                <p class="lab-status" role="status" aria-live="polite">{move || bench.status.get()}</p>
                {move || storage_note.get().map(|note| view! { <p class="storage-note">{note}</p> })}
                <Show when=move || shared.get()>
                    <LinkNote bench shared storage_note />
                </Show>
                <TestsReport tests />
                <CodeEditor editor />
                <p class="lab-restart">
                    <button class="start-over" on:click=restore_starter>"Start over"</button>
                    " puts the lab's starter code back in the editor."
                </p>
            </section>
            <section class="lab-run" aria-labelledby="lab-run-title">
                <h3 id="lab-run-title">
                    {move || if bench.shown.get() { format!("Your cluster, seed {}", bench.seed.get()) } else { "Your cluster".to_string() }}
                </h3>
                <Show when=move || bench.shown.get()>
                    <RunVerdictNote verdict=bench.verdict />
                </Show>
                <Show when=move || stale.get()>
                    <p class="run-stale">"The picture still runs your code as it was when you last pressed Run once. Press Run once to run what the editor holds now."</p>
                </Show>
                <Show when=move || !bench.shown.get()>
                    <p class="run-waiting">"Your cluster appears here once your code compiles: fix the error above, then press Run once."</p>
                </Show>
                <div class="stage lab-stage" class:hidden=move || !bench.shown.get()>
                    <ClusterView screen playing=bench.playing start_over />
                </div>
                {move || {
                    hit.with(|found| found.first().map(|fault| fault.words()))
                        .map(|words| view! { <p class="crash-note">{format!("Your code crashed a node. {words}")}</p> })
                }}
                <NodeNotes screen />
            </section>
        </article>
    }
}

/// What the page says about code that came in a shared link, and the
/// student's two ways on: keep it as theirs, or go back to their own.
/// Make the address this lab's own (`?lab=<id>`), not the shared link's,
/// so a reload opens the student's saved code.
fn address_own_lab(lab: &Lab) {
    if let Some(history) = web_sys::window().and_then(|w| w.history().ok()) {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&format!("?lab={}", lab.id)));
    }
}

#[component]
fn LinkNote(bench: Bench, shared: RwSignal<bool>, storage_note: RwSignal<Option<&'static str>>) -> impl IntoView {
    // The student's own code for this lab, if this browser holds any.
    let own = saved::load(bench.lab.id).ok().flatten();
    let has_own = own.is_some();
    let own = StoredValue::new(own);
    let seed = bench.seed.get_untracked();
    let keep = move |_| {
        shared.set(false);
        address_own_lab(bench.lab);
        storage_note.set(saved::save(bench.lab.id, &bench.editor.text.get_untracked()).err());
        bench
            .status
            .set("The link's code is now your code for this lab, and saved.".to_string());
    };
    let back = move |_| {
        let code = own.get_value().unwrap_or_else(|| bench.lab.starter.to_string());
        bench.editor.replace(code);
        bench.editor.mark(Vec::new());
        shared.set(false);
        address_own_lab(bench.lab);
        bench.status.set(
            if has_own {
                "Your own saved code is back in the editor."
            } else {
                "The lab's starter code is in the editor."
            }
            .to_string(),
        );
    };
    let mine = if has_own {
        "Your own saved code for this lab is kept as it was, and this code is not saved unless you choose to keep it."
    } else {
        "You have no code of your own for this lab in this browser yet, and this code is not saved unless you choose to keep it."
    };
    view! {
        <div class="link-note">
            <p>
                {format!("You opened a shared link: the editor shows the code it carries, and the picture runs it with seed {seed}. {mine} To see which tests this code fails, press Run tests.")}
            </p>
            <button class="keep-link-code" on:click=keep>"Keep this code as mine"</button>
            <button class="back-to-mine" on:click=back>
                {if has_own { "Back to my saved code" } else { "Start from the starter code" }}
            </button>
        </div>
    }
}

/// Save the editor's code a moment after the student stops typing, and
/// when the page goes away; not while it is a shared link's code.
fn autosave(lab: &'static Lab, editor: Editor, note: RwSignal<Option<&'static str>>, shared: RwSignal<bool>) {
    let pending = StoredValue::new(None::<TimeoutHandle>);
    let save_now = move || {
        if let Some(timer) = pending.get_value() {
            timer.clear();
            pending.set_value(None);
        }
        let outcome = saved::save(lab.id, &editor.text.get_untracked()).err();
        if note.get_untracked() != outcome {
            note.set(outcome);
        }
    };
    Effect::new(move |first: Option<()>| {
        editor.text.track();
        if first.is_none() || shared.get_untracked() {
            return;
        }
        if let Some(timer) = pending.get_value() {
            timer.clear();
        }
        pending.set_value(set_timeout_with_handle(save_now, SAVE_AFTER).ok());
    });
    let leaving = window_event_listener(leptos::ev::pagehide, move |_| {
        if pending.get_value().is_some() {
            save_now();
        }
    });
    on_cleanup(move || leaving.remove());
}
