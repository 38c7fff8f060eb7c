//! What clients and replicas say to each other: reads and writes with their
//! answers, and between replicas heartbeats, replication, and fetching
//! missing entries.

use crate::sim::{Message, NodeId};

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

impl Message for ReplMsg {
    fn label(&self) -> &'static str {
        match self {
            ReplMsg::Read { .. } => "read",
            ReplMsg::Write { .. } => "write",
            ReplMsg::ReadOk { .. } => "value",
            ReplMsg::WriteOk { .. } => "written",
            ReplMsg::Redirect { .. } => "redirect",
            ReplMsg::Refused { .. } => "refused",
            ReplMsg::Heartbeat { .. } => "heartbeat",
            ReplMsg::Replicate { .. } => "replicate",
            ReplMsg::Replicated { .. } => "ack",
            ReplMsg::Fetch { .. } => "fetch",
            ReplMsg::CatchUp => "catch up",
            ReplMsg::Entries { .. } => "entries",
        }
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
