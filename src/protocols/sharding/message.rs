//! What clients and shards say to each other: reads and writes of one key,
//! and the shard's answers.

use crate::kind;
use crate::sim::{Kind, Message, Phrase};

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

/// A get message's kind.
pub const GET: Kind = kind!("get", "read");

/// A put message's kind.
pub const PUT: Kind = kind!("put", "write");

/// A value message's kind.
pub const VALUE: Kind = kind!("value", "value");

/// A stored message's kind.
pub const STORED: Kind = kind!("stored", "write confirmation");

/// A not mine message's kind.
pub const NOT_MINE: Kind = kind!("not mine", "\"not my key\" reply");

impl Message for ShardMsg {
    fn kind(&self) -> Kind {
        match self {
            ShardMsg::Get { .. } => GET,
            ShardMsg::Put { .. } => PUT,
            ShardMsg::Value { .. } => VALUE,
            ShardMsg::Stored { .. } => STORED,
            ShardMsg::NotMine { .. } => NOT_MINE,
        }
    }

    fn describe(&self) -> Phrase {
        Phrase::from(match self {
            ShardMsg::Get { key, .. } => format!("what is key {key}?"),
            ShardMsg::Put { key, value, .. } => format!("key {key} = {value}"),
            ShardMsg::Value {
                key,
                value: Some(value),
                ..
            } => format!("key {key} = {value}"),
            ShardMsg::Value { key, value: None, .. } => format!("key {key} has no value yet"),
            ShardMsg::Stored { key, .. } => format!("key {key} stored"),
            ShardMsg::NotMine { key, .. } => format!("key {key} is not on this shard"),
        })
    }
}
