//! Following a scenario link: the one in the address when the page opens,
//! or one pasted later. A link that cannot be opened leaves the run on
//! screen as it is and says why on the banner. One that can is built and
//! replayed to its moment (in slices, behind a progress bar, if that takes
//! a while), then opens on its own page: its lesson step, or the sandbox.

use leptos::prelude::*;

use crate::scenario::{LinkError, Scenario};
use crate::ui::opening::{check_link, open};
use crate::ui::route::Page;
use crate::ui::screen::Screen;

/// The parts of the page a link changes when it opens.
#[derive(Clone, Copy)]
pub struct LinkTargets {
    pub screen: Screen,
    pub scenario: StoredValue<Scenario, LocalStorage>,
    /// The linked scenario's name and note, shown to students.
    pub teacher_note: RwSignal<Option<(String, String)>>,
    pub playing: RwSignal<bool>,
    /// The banner.
    pub problem: RwSignal<Option<String>>,
    /// The step the next lesson panel opens at, keeping the run.
    pub keep_run: StoredValue<Option<usize>>,
    pub page: RwSignal<Page>,
}

/// What the banner says about a link that did not open.
fn refused(reason: &str) -> String {
    format!("This link could not be opened: {reason}. The run on screen is unchanged.")
}

/// The page a linked scenario belongs to, and the step to open at: its
/// lesson step, or the sandbox for a scenario made there.
fn linked_page(scenario: &Scenario) -> (Page, usize) {
    match scenario.lesson {
        Some(at) => (Page::Lesson(usize::from(at.lesson)), usize::from(at.step)),
        None => (Page::Sandbox, 0),
    }
}

impl LinkTargets {
    /// Follow what the address holds: `None` (no link) does nothing.
    pub fn follow(self, linked: Option<Result<Scenario, LinkError>>) {
        match linked {
            None => {}
            Some(Err(problem)) => self.problem.set(Some(refused(&problem.to_string()))),
            Some(Ok(scenario)) => self.open(scenario),
        }
    }

    fn open(self, linked: Scenario) {
        let run = check_link(&linked).and_then(|()| open(&linked));
        let run = match run {
            Ok(run) => run,
            Err(problem) => {
                self.problem.set(Some(refused(&problem)));
                return;
            }
        };
        self.playing.set(false);
        let target = linked.playhead;
        let arrive = Box::new(move |run| self.arrive(linked, run));
        let cancelled = "Opening the link was cancelled. The run on screen is unchanged.".to_string();
        self.screen.open_run(run, target, arrive, cancelled);
    }

    /// The linked run stands at its moment: show it, paused, on its page.
    fn arrive(self, linked: Scenario, run: Box<dyn crate::sim::Run>) {
        let (linked_to, step) = linked_page(&linked);
        self.teacher_note.set(Some((linked.name.clone(), linked.note.clone())));
        self.scenario.set_value(linked);
        self.playing.set(false);
        self.problem.set(None);
        self.screen.replace_run(run);
        self.keep_run.set_value(Some(step));
        self.page.set(linked_to);
    }
}
