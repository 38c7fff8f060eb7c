//! What the lessons' checks observe of a run: a node by the name the
//! student sees, its status and partition side, the interventions made and
//! the messages delivered. Numbers a node keeps are read from its family's
//! own types ([`super::typed`]), never from the words its menu shows.

use crate::check::{check, Verdict};
use crate::sim::{Action, Intervention, Kind, NodeId, NodeView, Part, Run, SimTime, Snapshot, Status, TraceKind};

/// The most steps the checker may take for a lesson's question.
const CHECK_BUDGET: u64 = 1_000_000;

/// Whether the linearizability checker finds, in the run's history so far,
/// an answer that no one-at-a-time order of the operations explains (in
/// the lessons' stores, a read that returned old data).
pub fn checker_finds_a_violation(run: &dyn Run) -> bool {
    matches!(check(&run.history().operations(), CHECK_BUDGET), Verdict::Violation(_))
}

/// The choices of a prediction the checker answers: will it find a read
/// that returned old data?
pub const STALE_READ_CHOICES: &[&str] = &[
    "No: one order explains every answer",
    "Yes: some read returned old data",
];

/// Which of [`STALE_READ_CHOICES`] the run shows, as the checker finds.
pub fn stale_read_choice(run: &dyn Run) -> usize {
    usize::from(checker_finds_a_violation(run))
}

/// The node with this name, if the cluster has one.
pub fn node<'a>(snapshot: &'a Snapshot, name: &str) -> Option<&'a NodeView> {
    snapshot.nodes.iter().find(|n| n.name == name)
}

/// The partition side of a node (0 for everyone without a partition).
pub fn side(snapshot: &Snapshot, id: NodeId) -> Option<u16> {
    snapshot.sides.get(id.index()).copied()
}

/// Whether the node with this name is in this state.
pub fn status_is(snapshot: &Snapshot, name: &str, status: Status) -> bool {
    node(snapshot, name).is_some_and(|n| n.status == status)
}

/// Whether the network is whole: no partition and no cut link.
pub fn network_whole(snapshot: &Snapshot) -> bool {
    snapshot.cut_links.is_empty() && snapshot.sides.windows(2).all(|pair| pair[0] == pair[1])
}

/// Whether the network was split or cut at some point and is whole again.
pub fn healed_after_a_split(run: &dyn Run) -> bool {
    let split = last_time(run, |i| {
        matches!(i.action, Action::Partition(_) | Action::CutLink { .. })
    });
    split.is_some() && network_whole(&run.snapshot())
}

/// Up nodes playing `part` now.
pub fn up_playing(snapshot: &Snapshot, part: Part) -> impl Iterator<Item = &NodeView> {
    snapshot
        .nodes
        .iter()
        .filter(move |n| n.status == Status::Up && n.role.part == part)
}

/// When the student (or the scenario) last did something matching `what`,
/// up to now (a scenario's later interventions are still to come).
pub fn last_time(run: &dyn Run, what: impl Fn(&Intervention) -> bool) -> Option<SimTime> {
    let now = run.now();
    run.log().iter().filter(|i| i.at <= now && what(i)).map(|i| i.at).max()
}

/// How many messages of this kind were delivered from `from` to `to`
/// (any node if `None`) at or after `since`.
pub fn delivered_since(run: &dyn Run, kind: Kind, from: Option<NodeId>, to: Option<NodeId>, since: SimTime) -> usize {
    run.trace()
        .since(since)
        .filter(|e| match &e.kind {
            TraceKind::Delivered {
                from: f,
                to: t,
                kind: k,
                ..
            } => *k == kind && from.is_none_or(|x| x == *f) && to.is_none_or(|x| x == *t),
            _ => false,
        })
        .count()
}
