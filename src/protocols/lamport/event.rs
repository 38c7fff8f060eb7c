//! What a node writes in its log for every event: what happened, and the
//! three timestamps it can give it (its own physical clock, its Lamport
//! clock and its vector clock).

use crate::sim::words::clock_reading;
use crate::sim::{NodeId, Phrase};

use super::vector::VectorClock;

/// Names one logged event: the node, and its place in that node's history
/// (the node's own entry of the event's vector clock, counted from 1).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct EventId {
    pub node: NodeId,
    pub index: u64,
}

impl EventId {
    /// "A.3": the node, then the event's place in its history.
    pub fn phrase(self) -> Phrase {
        Phrase::node(self.node).then(&format!(".{}", self.index))
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

impl EventKind {
    /// "sent question to B", "got answer from A", or the local event.
    pub fn phrase(self) -> Phrase {
        match self {
            EventKind::Local(what) => Phrase::from(what),
            EventKind::Sent { to, label } => Phrase::from(format!("sent {label} to ")).then_node(to),
            EventKind::Received { from, label } => Phrase::from(format!("got {label} from ")).then_node(from),
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

impl LoggedEvent {
    /// "A.3 sent question to B at 1.250 s, L=4, V=[3,1,0]".
    pub fn phrase(&self) -> Phrase {
        self.id
            .phrase()
            .then(" ")
            .then_phrase(self.kind.phrase())
            .then(&format!(
                " at {}, L={}, V={}",
                clock_reading(self.physical),
                self.lamport,
                self.vector
            ))
    }
}
