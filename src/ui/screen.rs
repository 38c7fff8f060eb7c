//! What the page shows about the run, as signals, and how it is refreshed
//! from the run: node summaries, the clock, the furthest time reached, the
//! interventions the timeline marks, and the latest lines of the event log.

use leptos::prelude::*;

use super::narration::narrate;
use super::travel::{Journey, Progress};
use crate::sim::{
    Action, Intervention, LinkConfig, MessageView, NodeId, NodeView, Role, Run, SimTime, Snapshot, Status,
};

/// Messages listed in a node's menu (those it sent or will receive).
pub const MENU_MESSAGES: usize = 6;

/// Lines the event log keeps on screen.
pub const LOG_LINES: usize = 8;

/// What the node buttons and the status line show about one node.
#[derive(Clone, Debug, PartialEq)]
pub struct NodeSummary {
    pub name: String,
    pub status: Status,
    pub role: Role,
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
    /// Everything done to the run, the lesson's or the teacher's scheduled
    /// faults as well as the student's own moves: the timeline marks each.
    pub markers: RwSignal<Vec<Intervention>>,
    pub log: RwSignal<Vec<(SimTime, String)>>,
    /// The node whose menu is open, if any.
    pub selected: RwSignal<Option<usize>>,
    /// The selected node in full, for the inspector.
    pub inspected: RwSignal<Option<NodeView>>,
    /// Messages on the wire to or from the selected node.
    pub wire: RwSignal<Vec<MessageView>>,
    /// How every link behaves now.
    pub link: RwSignal<LinkConfig>,
    /// Links cut one way, as (from, to).
    pub cuts: RwSignal<Vec<(NodeId, NodeId)>>,
    /// What the status line says happened last.
    pub announcement: RwSignal<String>,
    /// The run's trace digest so far, in hex.
    pub digest: RwSignal<String>,
    /// A long replay under way, done a slice a frame.
    pub journey: StoredValue<Option<Journey>, LocalStorage>,
    /// How far that replay has come, for its progress bar.
    pub travel: RwSignal<Option<Progress>>,
    /// The speed the run really plays at, when it cannot keep up with the
    /// chosen one.
    pub behind: RwSignal<Option<f64>>,
    /// How many runs have been put on screen: a new one is planned afresh
    /// (its links are the ones its own nodes use), and what the page says
    /// about its scenario is read again, even when its nodes have the same
    /// names as the last one's.
    pub generation: RwSignal<u64>,
    /// A moment playing stops at: the lesson holds a prediction's run at
    /// the moment its answer is read, so the picture shows that moment.
    pub hold_at: StoredValue<Option<SimTime>>,
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
            selected: RwSignal::new(None),
            inspected: RwSignal::new(None),
            wire: RwSignal::new(Vec::new()),
            link: RwSignal::new(LinkConfig::default()),
            cuts: RwSignal::new(Vec::new()),
            announcement: RwSignal::new(String::new()),
            digest: RwSignal::new(String::new()),
            journey: StoredValue::new_local(None),
            travel: RwSignal::new(None),
            behind: RwSignal::new(None),
            generation: RwSignal::new(0),
            hold_at: StoredValue::new(None),
        };
        screen.refresh(true);
        screen
    }

    /// Start over with a fresh run.
    pub fn replace_run(&self, run: Box<dyn Run>) {
        self.cancel_seek();
        self.behind.set(None);
        self.run.set_value(run);
        self.generation.update(|g| *g += 1);
        self.horizon.set(0);
        self.selected.set(None);
        self.refresh(true);
    }

    /// Carry out an action on the run now and say what happened.
    pub fn act(&self, action: Action, done: String) {
        self.cancel_seek();
        let outcome = self.run.try_update_value(|run| run.intervene(action));
        match outcome {
            Some(Ok(())) => self.announcement.set(done),
            Some(Err(error)) => self.announcement.set(format!("That did not work: {error}.")),
            None => {}
        }
        self.refresh(true);
    }

    /// Bring the signals up to date; the event log only when `with_log`
    /// (it is throttled while playing, so screen readers are not flooded).
    pub fn refresh(&self, with_log: bool) {
        if let Some(snapshot) = self.run.try_with_value(|run| run.snapshot()) {
            self.refresh_from(&snapshot, with_log);
        }
    }

    /// [`Screen::refresh`] from a snapshot of the run just taken (the frame
    /// loop draws from the same one).
    pub fn refresh_from(&self, snapshot: &Snapshot, with_log: bool) {
        let selected = self.selected.get_untracked();
        // Read everything first, then set signals: effects that run on a
        // change may read the run again.
        let fresh = self
            .run
            .with_value(|run| Fresh::read(run.as_ref(), snapshot, selected, with_log));
        set_if_changed(self.inspected, fresh.inspected);
        set_if_changed(self.wire, fresh.wire);
        set_if_changed(self.link, fresh.link);
        set_if_changed(self.cuts, fresh.cuts);
        set_if_changed(self.nodes, fresh.nodes);
        set_if_changed(self.now, fresh.now);
        set_if_changed(self.horizon, self.horizon.get_untracked().max(fresh.now));
        set_if_changed(self.markers, fresh.markers);
        set_if_changed(self.digest, fresh.digest);
        if let Some(log) = fresh.log {
            set_if_changed(self.log, log);
        }
    }
}

/// One reading of the run, for [`Screen::refresh`].
struct Fresh {
    nodes: Vec<NodeSummary>,
    now: SimTime,
    markers: Vec<Intervention>,
    log: Option<Vec<(SimTime, String)>>,
    inspected: Option<NodeView>,
    wire: Vec<MessageView>,
    link: LinkConfig,
    cuts: Vec<(NodeId, NodeId)>,
    digest: String,
}

impl Fresh {
    fn read(run: &dyn Run, snapshot: &Snapshot, selected: Option<usize>, with_log: bool) -> Fresh {
        let wire = selected
            .map(|i| NodeId(i as u32))
            .map(|node| {
                snapshot
                    .messages
                    .iter()
                    .filter(|m| (m.to == node || m.from == node) && m.doomed.is_none())
                    .take(MENU_MESSAGES)
                    .cloned()
                    .collect()
            })
            .unwrap_or_default();
        let names: Vec<String> = snapshot.nodes.iter().map(|n| n.name.clone()).collect();
        Fresh {
            inspected: selected.and_then(|i| snapshot.nodes.get(i).cloned()),
            nodes: snapshot
                .nodes
                .iter()
                .map(|n| NodeSummary {
                    name: n.name.clone(),
                    status: n.status,
                    role: n.role,
                })
                .collect(),
            now: run.now(),
            markers: run.log().to_vec(),
            log: with_log.then(|| latest_lines(run, &names)),
            wire,
            link: run.default_link(),
            cuts: snapshot.cut_links.clone(),
            digest: run.digest().hex(),
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
