//! What clients and replicas say to each other: reads and writes with their
//! answers, and between replicas heartbeats, replication, and fetching
//! missing entries.

use crate::kind;
use crate::protocols::written::write_number;
use crate::sim::words::{holding, key_name};
use crate::sim::{Kind, Message, NodeId, Phrase};

use super::version::{Entry, Key, Version};

/// Numbers a client's requests, so it can match answers to them.
pub type RequestId = u64;

/// A message of the replicated store.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ReplMsg {
    /// Client: read a key.
    Read { request: RequestId, key: Key },
    /// Client: write a key.
    Write { request: RequestId, key: Key, value: u64 },
    /// The value held for a key (`None` if never written).
    ReadOk {
        request: RequestId,
        key: Key,
        entry: Option<Entry>,
    },
    /// The write is stored with this version.
    WriteOk {
        request: RequestId,
        key: Key,
        version: Version,
    },
    /// Ask the primary instead.
    Redirect { request: RequestId, primary: NodeId },
    /// The replica will not serve this now (it cannot reach a majority, or
    /// knows no primary).
    Refused { request: RequestId },
    /// Replica to replica, every heartbeat period: "I am alive, in this
    /// epoch, I follow this primary, and I hold these versions".
    Heartbeat {
        epoch: u64,
        primary: Option<NodeId>,
        summary: Vec<(Key, Version)>,
    },
    /// The primary passes one write on to a backup.
    Replicate { key: Key, entry: Entry },
    /// A backup has stored the write with this version.
    Replicated { version: Version },
    /// Send me what you hold for these keys (a peer's heartbeat showed newer).
    Fetch { keys: Vec<Key> },
    /// Send me everything you hold (sent by a replica that just restarted).
    CatchUp,
    /// The answer to a fetch or a catch-up.
    Entries { entries: Vec<(Key, Entry)> },
}

/// A read message's kind.
pub const READ: Kind = kind!("read", "read");

/// A write message's kind.
pub const WRITE: Kind = kind!("write", "write");

/// A value message's kind.
pub const VALUE: Kind = kind!("value", "value");

/// A written message's kind.
pub const WRITTEN: Kind = kind!("written", "write confirmation");

/// A redirect message's kind.
pub const REDIRECT: Kind = kind!("redirect", "redirect");

/// A refused message's kind.
pub const REFUSED: Kind = kind!("refused", "refusal");

/// A heartbeat message's kind.
pub const HEARTBEAT: Kind = kind!("heartbeat", "heartbeat");

/// A replicate message's kind.
pub const REPLICATE: Kind = kind!("replicate", "copy of a write");

/// A ack message's kind.
pub const ACK: Kind = kind!("ack", "acknowledgement");

/// A fetch message's kind.
pub const FETCH: Kind = kind!("fetch", "request for newer values");

/// A catch up message's kind.
pub const CATCH_UP: Kind = kind!("catch up", "request for missed writes");

/// A entries message's kind.
pub const ENTRIES: Kind = kind!("entries", "batch of values");

impl Message for ReplMsg {
    fn kind(&self) -> Kind {
        match self {
            ReplMsg::Read { .. } => READ,
            ReplMsg::Write { .. } => WRITE,
            ReplMsg::ReadOk { .. } => VALUE,
            ReplMsg::WriteOk { .. } => WRITTEN,
            ReplMsg::Redirect { .. } => REDIRECT,
            ReplMsg::Refused { .. } => REFUSED,
            ReplMsg::Heartbeat { .. } => HEARTBEAT,
            ReplMsg::Replicate { .. } => REPLICATE,
            ReplMsg::Replicated { .. } => ACK,
            ReplMsg::Fetch { .. } => FETCH,
            ReplMsg::CatchUp => CATCH_UP,
            ReplMsg::Entries { .. } => ENTRIES,
        }
    }

    fn describe(&self) -> Phrase {
        let holds = |key: Key, entry: &Entry| holding(&key_name(key), entry.written());
        let words = match self {
            ReplMsg::Read { key, .. } => format!("what is {}?", key_name(*key)),
            ReplMsg::Write { key, value, .. } => format!("{} = {}", key_name(*key), write_number(*value)),
            ReplMsg::ReadOk {
                key,
                entry: Some(entry),
                ..
            } => holds(*key, entry),
            ReplMsg::ReadOk { key, entry: None, .. } => format!("{} has no value yet", key_name(*key)),
            ReplMsg::WriteOk { key, version, .. } => {
                format!("{} written, version {}", key_name(*key), version.counter)
            }
            ReplMsg::Redirect { primary, .. } => {
                return Phrase::from("ask ").then_node(*primary).then(": it is the primary");
            }
            ReplMsg::Refused { .. } => "refused: no primary can reach a majority".to_string(),
            ReplMsg::Heartbeat { epoch, primary, .. } => {
                let alive = Phrase::from(format!("alive; epoch {epoch}, "));
                return match primary {
                    Some(primary) => alive.then("primary ").then_node(*primary),
                    None => alive.then("no primary"),
                };
            }
            ReplMsg::Replicate { key, entry } => format!("store {}", holds(*key, entry)),
            ReplMsg::Replicated { version } => format!("stored version {}", version.counter),
            ReplMsg::Fetch { keys } => {
                let names: Vec<String> = keys.iter().map(|&k| key_name(k)).collect();
                format!("send me your newer {}", names.join(", "))
            }
            ReplMsg::CatchUp => "send me every write I missed".to_string(),
            ReplMsg::Entries { entries } => match entries.as_slice() {
                [(key, entry)] => holds(*key, entry),
                _ => format!("{} values", entries.len()),
            },
        };
        words.into()
    }

    fn size_bytes(&self) -> u32 {
        let items = match self {
            ReplMsg::Heartbeat { summary, .. } => summary.len(),
            ReplMsg::Fetch { keys } => keys.len(),
            ReplMsg::Entries { entries } => entries.len(),
            _ => 0,
        };
        100 + 32 * u32::try_from(items).unwrap_or(u32::MAX / 64)
    }
}
