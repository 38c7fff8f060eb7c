//! Messages on the wire: the envelope the engine wraps around a protocol's
//! payload, and the reasons a message can fail to arrive.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::node::NodeId;
use super::phrase::Phrase;
use super::time::SimTime;

/// Every message ever sent in a run has its own number, in send order.
pub type MessageId = u64;

/// A kind of message's words: a stable id that runs, checks and colours
/// key on, and the noun the page writes for it.
#[derive(Debug)]
pub struct Label {
    /// Never shown: "written".
    pub id: &'static str,
    /// What a student reads: "write confirmation".
    pub noun: &'static str,
}

/// A kind of message, as one pointer to its [`Label`], so that the trace
/// keeps it in a word. Made with [`kind!`](crate::kind). Kinds are equal,
/// hashed and ordered by id alone, so a noun may say more about one message
/// ("error reply") without making it another kind, and changing a noun
/// changes no run.
#[derive(Clone, Copy, Debug)]
pub struct Kind(&'static Label);

/// A kind of message from its id and noun, both literals:
/// `kind!("written", "write confirmation")`.
#[macro_export]
macro_rules! kind {
    ($id:literal, $noun:literal) => {
        $crate::sim::Kind::of(&$crate::sim::Label { id: $id, noun: $noun })
    };
}

impl Kind {
    /// The kind these words name; see [`kind!`](crate::kind).
    pub const fn of(label: &'static Label) -> Kind {
        Kind(label)
    }
}

impl std::ops::Deref for Kind {
    type Target = Label;

    fn deref(&self) -> &Label {
        self.0
    }
}

impl PartialEq for Kind {
    fn eq(&self, other: &Kind) -> bool {
        std::ptr::eq(self.0, other.0) || self.id == other.id
    }
}

impl Eq for Kind {}

impl std::hash::Hash for Kind {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.id.hash(state);
    }
}

impl PartialOrd for Kind {
    fn partial_cmp(&self, other: &Kind) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Kind {
    fn cmp(&self, other: &Kind) -> std::cmp::Ordering {
        self.id.cmp(other.id)
    }
}

/// What a protocol's payload must offer the engine and the UI.
pub trait Message: Clone + fmt::Debug {
    /// The kind of message ("request", "vote"), which gives it its colour
    /// and its name on the canvas.
    fn kind(&self) -> Kind;

    /// What it carries, in words a student reads: "x = 3 (write 12)"; a
    /// node it names stays a node, which the page names.
    fn describe(&self) -> Phrase;

    /// Its size on the wire, which matters only on links with a bandwidth.
    fn size_bytes(&self) -> u32 {
        100
    }
}

/// A payload on its way from one node to another.
#[derive(Clone, Debug)]
pub struct Envelope<M> {
    pub id: MessageId,
    pub from: NodeId,
    pub to: NodeId,
    /// True time the message leaves the sender (after any local work): from
    /// then on it is on the wire.
    pub departs: SimTime,
    /// True time it reaches the receiver, if nothing stops it.
    pub arrives: SimTime,
    /// The sender's Lamport clock when it sent this message.
    pub lamport: u64,
    /// For a duplicate made by the network, the message it copies.
    pub copy_of: Option<MessageId>,
    pub payload: M,
}

/// Why a message never reached the behaviour of its receiver.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum DropReason {
    /// The network lost it at random.
    Loss,
    /// The link was cut, one way or by a partition.
    LinkCut,
    /// The receiver was crashed when it arrived, or crashed before handling it.
    DestinationDown,
    /// The sender crashed while still working on the handler that sent it,
    /// so the message never left.
    SenderCrashed,
    /// The student dropped it by hand.
    ByHand,
    /// The receiver's inbox was full (it is far behind on its work).
    QueueFull,
}
