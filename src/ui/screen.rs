//! What the page shows about the run, as signals, and how it is refreshed
//! from the run: node summaries, the clock, the furthest time reached, the
//! intervention markers, and the latest lines of the event log.

use leptos::prelude::*;

use super::narration::narrate;
use crate::sim::{Run, SimTime, Status};

/// Lines the event log keeps on screen.
pub const LOG_LINES: usize = 8;

/// What the node buttons and the status line show about one node.
#[derive(Clone, Debug, PartialEq)]
pub struct NodeSummary {
    pub name: String,
    pub status: Status,
    pub role: &'static str,
}

/// The run, shared by the components of the page.
pub type SharedRun = StoredValue<Box<dyn Run>, LocalStorage>;

/// The signals the page reads.
#[derive(Clone, Copy)]
pub struct Screen {
    pub run: SharedRun,
    pub nodes: RwSignal<Vec<NodeSummary>>,
    pub now: RwSignal<SimTime>,
    pub horizon: RwSignal<SimTime>,
    pub markers: RwSignal<Vec<SimTime>>,
    pub log: RwSignal<Vec<(SimTime, String)>>,
}

impl Screen {
    pub fn new(run: Box<dyn Run>) -> Screen {
        let screen = Screen {
            run: StoredValue::new_local(run),
            nodes: RwSignal::new(Vec::new()),
            now: RwSignal::new(0),
            horizon: RwSignal::new(0),
            markers: RwSignal::new(Vec::new()),
            log: RwSignal::new(Vec::new()),
        };
        screen.refresh(true);
        screen
    }

    /// Start over with a fresh run.
    pub fn replace_run(&self, run: Box<dyn Run>) {
        self.run.set_value(run);
        self.horizon.set(0);
        self.refresh(true);
    }

    /// Bring the signals up to date; the event log only when `with_log`
    /// (it is throttled while playing, so screen readers are not flooded).
    pub fn refresh(&self, with_log: bool) {
        let (nodes, now, markers, log) = self.run.with_value(|run| {
            let snapshot = run.snapshot();
            let names: Vec<String> = snapshot.nodes.iter().map(|n| n.name.clone()).collect();
            let nodes: Vec<NodeSummary> = snapshot
                .nodes
                .into_iter()
                .map(|n| NodeSummary {
                    name: n.name,
                    status: n.status,
                    role: n.role,
                })
                .collect();
            let markers: Vec<SimTime> = run.log().iter().map(|i| i.at).collect();
            let log = with_log.then(|| latest_lines(run.as_ref(), &names));
            (nodes, run.now(), markers, log)
        });
        set_if_changed(self.nodes, nodes);
        set_if_changed(self.now, now);
        set_if_changed(self.horizon, self.horizon.get_untracked().max(now));
        set_if_changed(self.markers, markers);
        if let Some(log) = log {
            set_if_changed(self.log, log);
        }
    }
}

fn set_if_changed<T: PartialEq + Send + Sync + 'static>(signal: RwSignal<T>, value: T) {
    if signal.with_untracked(|current| *current != value) {
        signal.set(value);
    }
}

/// The last few things that happened, oldest first, in plain words.
fn latest_lines(run: &dyn Run, names: &[String]) -> Vec<(SimTime, String)> {
    let mut lines: Vec<(SimTime, String)> = run
        .trace()
        .events()
        .rev()
        .filter_map(|e| narrate(e, names).map(|line| (e.time, line)))
        .take(LOG_LINES)
        .collect();
    lines.reverse();
    lines
}
