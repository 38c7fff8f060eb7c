//! What a coordinating client and the replicas say to each other: writes and
//! reads of one key, each sent to every replica, and their answers.

use crate::kind;
use crate::sim::words::{holding, key_name};
use crate::sim::{Kind, Message, Phrase};

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

/// A write message's kind.
pub const WRITE: Kind = kind!("write", "write");

/// A ack message's kind.
pub const ACK: Kind = kind!("ack", "acknowledgement");

/// A read message's kind.
pub const READ: Kind = kind!("read", "read");

/// A value message's kind.
pub const VALUE: Kind = kind!("value", "value");

impl Message for QuorumMsg {
    fn kind(&self) -> Kind {
        match self {
            QuorumMsg::Write { .. } => WRITE,
            QuorumMsg::Written { .. } => ACK,
            QuorumMsg::Read { .. } => READ,
            QuorumMsg::Value { .. } => VALUE,
        }
    }

    fn describe(&self) -> Phrase {
        Phrase::from(match self {
            QuorumMsg::Write { key, stored, .. } => format!("store {}", holding(&key_name(*key), stored.written())),
            QuorumMsg::Written { .. } => "stored".to_string(),
            QuorumMsg::Read { key, .. } => format!("what is {}?", key_name(*key)),
            QuorumMsg::Value {
                stored: Some(stored), ..
            } => holding("it", stored.written()),
            QuorumMsg::Value { stored: None, .. } => "nothing stored yet".to_string(),
        })
    }
}
