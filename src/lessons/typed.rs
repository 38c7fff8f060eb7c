//! A node's state as its family's own types hold it, for lesson checks
//! and praise: never the words its menu shows, so menus can be reworded
//! freely.

use crate::protocols::replication::{Replica, ReplicationNode};
use crate::sim::{world_of, Behaviour, NodeId, Run};

/// Node `id`'s behaviour, when the run is of family `B`.
pub fn at<B: Behaviour + 'static>(run: &dyn Run, id: NodeId) -> Option<&B> {
    world_of::<B>(run)?.behaviour(id)
}

/// The named node's behaviour, when the run is of family `B`. A caller
/// that already holds the node's view passes its id to [`at`] instead:
/// finding a name takes a snapshot of the whole run.
pub fn named<'a, B: Behaviour + 'static>(run: &'a dyn Run, name: &str) -> Option<&'a B> {
    let id = run.snapshot().nodes.iter().find(|n| n.name == name)?.id;
    at(run, id)
}

/// Replica `id` of a replicated store.
pub fn replica(run: &dyn Run, id: NodeId) -> Option<&Replica> {
    at::<ReplicationNode>(run, id).and_then(ReplicationNode::as_replica)
}
