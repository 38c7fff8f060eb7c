//! What a node writes in its log for every event: what happened, and the
//! three timestamps it can give it (its own physical clock, its Lamport
//! clock and its vector clock).

use std::fmt;

use crate::sim::words::clock_reading;
use crate::sim::NodeId;

use super::vector::VectorClock;

/// Names one logged event: the node, and its place in that node's history
/// (the node's own entry of the event's vector clock, counted from 1).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct EventId {
    pub node: NodeId,
    pub index: u64,
}

impl fmt::Display for EventId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}", self.node, self.index)
    }
}

/// What the event was.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EventKind {
    /// Something the node did on its own.
    Local(&'static str),
    /// It sent a message (`label` says which kind).
    Sent { to: NodeId, label: &'static str },
    /// It took in a message.
    Received { from: NodeId, label: &'static str },
}

impl fmt::Display for EventKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EventKind::Local(what) => write!(f, "{what}"),
            EventKind::Sent { to, label } => write!(f, "sent {label} to {to}"),
            EventKind::Received { from, label } => write!(f, "got {label} from {from}"),
        }
    }
}

/// One line of a node's event log.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LoggedEvent {
    pub id: EventId,
    pub kind: EventKind,
    /// The node's own clock when it happened, in microseconds (may be off).
    pub physical: i64,
    /// Its Lamport timestamp.
    pub lamport: u64,
    /// Its vector timestamp.
    pub vector: VectorClock,
}

impl fmt::Display for LoggedEvent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} {} at {}, L={}, V={}",
            self.id,
            self.kind,
            clock_reading(self.physical),
            self.lamport,
            self.vector
        )
    }
}
