//! What clients and shards say to each other: reads and writes of one key,
//! and the shard's answers.

use crate::sim::Message;

use super::key::Key;

/// Numbers a client's requests, so it can match answers to them.
pub type RequestId = u64;

/// A message between a client and a shard.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ShardMsg {
    /// Read a key.
    Get { request: RequestId, key: Key },
    /// Write a key.
    Put { request: RequestId, key: Key, value: u64 },
    /// The value of a key, or `None` if it was never written.
    Value {
        request: RequestId,
        key: Key,
        value: Option<u64>,
    },
    /// The write is stored.
    Stored { request: RequestId, key: Key },
    /// The key does not live on this shard.
    NotMine { request: RequestId, key: Key },
}

impl Message for ShardMsg {
    fn label(&self) -> &'static str {
        match self {
            ShardMsg::Get { .. } => "get",
            ShardMsg::Put { .. } => "put",
            ShardMsg::Value { .. } => "value",
            ShardMsg::Stored { .. } => "stored",
            ShardMsg::NotMine { .. } => "not mine",
        }
    }
}
