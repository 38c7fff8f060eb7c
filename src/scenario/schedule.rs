//! A teacher's schedule of faults: the interventions a scenario carries for
//! moments still to come, such as "crash B at 3 s" or "split the network at
//! 10 s". Faults can be added, moved to another time and deleted; the
//! scenario's interventions stay sorted by time (same-time ones keep their
//! order, which is the order the run applies them in) and within the
//! [`limits`](super::limits), and every refusal is a typed [`ScheduleError`].

use std::fmt::{self, Display, Formatter};

use crate::sim::words::count;
use crate::sim::{Action, Intervention, NodeId, SimTime};

use super::limits::{MAX_INTERVENTIONS, MAX_TIME};
use super::Scenario;

/// The faults a teacher can schedule: the subset of [`Action`]s that make
/// sense before a run exists (no message ids, which only a run has).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Fault {
    Crash(NodeId),
    Restart(NodeId),
    Pause(NodeId),
    Resume(NodeId),
    /// Cut the link from one node to another, both ways.
    CutLink(NodeId, NodeId),
    /// Heal the link between two nodes, both ways.
    HealLink(NodeId, NodeId),
    /// Split the cluster in two: these nodes on one side, the rest on the other.
    Partition(Vec<NodeId>),
    /// Heal every partition and every cut link.
    HealAll,
}

impl Fault {
    /// The interventions that carry this fault out at `at`, in order.
    fn interventions(&self, at: SimTime) -> Vec<Intervention> {
        let actions = match self {
            Fault::Crash(node) => vec![Action::Crash(*node)],
            Fault::Restart(node) => vec![Action::Restart(*node)],
            Fault::Pause(node) => vec![Action::Pause(*node)],
            Fault::Resume(node) => vec![Action::Resume(*node)],
            Fault::CutLink(a, b) => vec![
                Action::CutLink { from: *a, to: *b },
                Action::CutLink { from: *b, to: *a },
            ],
            Fault::HealLink(a, b) => vec![
                Action::HealLink { from: *a, to: *b },
                Action::HealLink { from: *b, to: *a },
            ],
            Fault::Partition(side) => vec![Action::Partition(vec![side.clone()])],
            Fault::HealAll => vec![Action::HealAll],
        };
        actions
            .into_iter()
            .map(|action| Intervention::new(at, action))
            .collect()
    }

    /// Every node the fault names.
    fn nodes(&self) -> Vec<NodeId> {
        match self {
            Fault::Crash(node) | Fault::Restart(node) | Fault::Pause(node) | Fault::Resume(node) => vec![*node],
            Fault::CutLink(a, b) | Fault::HealLink(a, b) => vec![*a, *b],
            Fault::Partition(side) => side.clone(),
            Fault::HealAll => vec![],
        }
    }
}

/// Why a fault cannot be scheduled, moved or deleted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ScheduleError {
    /// The fault names a node the cluster does not have.
    NoSuchNode { node: NodeId, nodes: u64 },
    /// The time is later than the latest a scenario may mention (µs).
    TooLate { at: SimTime, limit: SimTime },
    /// The scenario already carries as many interventions as it may.
    Full { limit: usize },
    /// There is no scheduled fault at this place in the list.
    NoSuchFault { index: usize, count: usize },
    /// A link joins two different nodes.
    SameNode { node: NodeId },
    /// A partition needs at least one node on each side.
    OneSided,
}

impl Display for ScheduleError {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self {
            ScheduleError::NoSuchNode { node, nodes } => {
                write!(f, "there is no node {node}: the cluster has {}", count(*nodes, "node"))
            }
            ScheduleError::TooLate { limit, .. } => {
                write!(f, "a fault can happen at most {} hours into the run", limit / HOUR)
            }
            ScheduleError::Full { limit } => write!(f, "a scenario can carry at most {limit} interventions"),
            ScheduleError::NoSuchFault { index, count } => {
                write!(f, "there is no fault number {} (there are {count})", index + 1)
            }
            ScheduleError::SameNode { .. } => f.write_str("a link joins two different nodes: pick another for one end"),
            ScheduleError::OneSided => f.write_str("a split needs at least one node on each side"),
        }
    }
}

impl std::error::Error for ScheduleError {}

/// An hour of sim time, in microseconds.
const HOUR: SimTime = 3_600_000_000;

fn check_time(at: SimTime) -> Result<(), ScheduleError> {
    if at > MAX_TIME {
        return Err(ScheduleError::TooLate { at, limit: MAX_TIME });
    }
    Ok(())
}

impl Scenario {
    /// Schedule `fault` at `at`, after anything already scheduled at that
    /// moment. Returns where its first intervention now sits in
    /// [`Scenario::interventions`]. A link is cut or healed both ways, so
    /// it takes two interventions.
    pub fn schedule_fault(&mut self, at: SimTime, fault: Fault) -> Result<usize, ScheduleError> {
        check_time(at)?;
        let nodes = self.cluster.node_count();
        if let Some(&node) = fault.nodes().iter().find(|node| u64::from(node.0) >= nodes) {
            return Err(ScheduleError::NoSuchNode { node, nodes });
        }
        match &fault {
            Fault::CutLink(a, b) | Fault::HealLink(a, b) if a == b => return Err(ScheduleError::SameNode { node: *a }),
            Fault::Partition(side) => {
                let mut distinct = side.clone();
                distinct.sort_unstable();
                distinct.dedup();
                if distinct.is_empty() || distinct.len() as u64 >= nodes {
                    return Err(ScheduleError::OneSided);
                }
                return self.insert(Fault::Partition(distinct).interventions(at));
            }
            _ => {}
        }
        self.insert(fault.interventions(at))
    }

    /// Move the intervention at `index` to time `to`, after anything
    /// already scheduled then. Returns where it now sits.
    pub fn move_fault(&mut self, index: usize, to: SimTime) -> Result<usize, ScheduleError> {
        check_time(to)?;
        let mut moved = self.remove_fault(index)?;
        moved.at = to;
        self.insert(vec![moved])
    }

    /// Delete the intervention at `index` and hand it back.
    pub fn remove_fault(&mut self, index: usize) -> Result<Intervention, ScheduleError> {
        self.sort_schedule();
        let count = self.interventions.len();
        if index >= count {
            return Err(ScheduleError::NoSuchFault { index, count });
        }
        Ok(self.interventions.remove(index))
    }

    /// Sort the interventions by time, keeping same-time ones in their
    /// order: the order the run applies them in, so nothing changes.
    pub fn sort_schedule(&mut self) {
        self.interventions.sort_by_key(|intervention| intervention.at);
    }

    /// Put `new` (all at one time) after everything scheduled at or before it.
    fn insert(&mut self, new: Vec<Intervention>) -> Result<usize, ScheduleError> {
        if self.interventions.len() + new.len() > MAX_INTERVENTIONS {
            return Err(ScheduleError::Full {
                limit: MAX_INTERVENTIONS,
            });
        }
        self.sort_schedule();
        let at = new.first().map_or(0, |intervention| intervention.at);
        let place = self.interventions.partition_point(|intervention| intervention.at <= at);
        self.interventions.splice(place..place, new);
        Ok(place)
    }
}

#[cfg(test)]
mod tests;
