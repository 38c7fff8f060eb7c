//! What a coordinating client and the replicas say to each other: writes and
//! reads of one key, each sent to every replica, and their answers.

use crate::sim::Message;

use super::value::{Key, Stored};

/// Numbers a client's operations, so it can match answers to them.
pub type OpId = u64;

/// A message of the quorum store.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum QuorumMsg {
    /// Store this value if it is newer than what you hold.
    Write { op: OpId, key: Key, stored: Stored },
    /// The write is stored (or something newer already was).
    Written { op: OpId },
    /// What do you hold for this key?
    Read { op: OpId, key: Key },
    /// What the replica holds (`None` if the key was never written).
    Value { op: OpId, stored: Option<Stored> },
}

impl Message for QuorumMsg {
    fn label(&self) -> &'static str {
        match self {
            QuorumMsg::Write { .. } => "write",
            QuorumMsg::Written { .. } => "ack",
            QuorumMsg::Read { .. } => "read",
            QuorumMsg::Value { .. } => "value",
        }
    }
}
