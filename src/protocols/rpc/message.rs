//! What the nodes of a request/reply system say to each other: a client's
//! request and the reply it hopes for, the query a server sends to its own
//! backend (a database, a cache) and the result it gets back, and the copy
//! of a write a database sends to its replicas.

use std::fmt;

use crate::kind;
use crate::sim::{Call, Kind, Message, NodeId, Phrase};

/// Names one request: the client that made it and its number at that
/// client. A retry carries the same id as the first attempt.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct RequestId {
    pub client: NodeId,
    pub seq: u64,
}

/// What a request asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Op {
    /// Add this amount to the stored balance (a "save"; negative takes away).
    Add(i64),
    /// Tell me the stored balance.
    Read,
}

impl Op {
    /// True for operations that change what is stored.
    pub fn writes(self) -> bool {
        matches!(self, Op::Add(_))
    }

    /// The operation as the run's history records it: the balance is one
    /// counter, key 0, starting at 0.
    pub fn call(self) -> Call {
        match self {
            Op::Add(by) => Call::Add { key: 0, by },
            Op::Read => Call::Total { key: 0 },
        }
    }
}

impl fmt::Display for Op {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Op::Add(amount) => write!(f, "add {amount}"),
            Op::Read => write!(f, "read"),
        }
    }
}

/// How a request ended, as the server saw it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Done; the balance afterwards.
    Ok(i64),
    /// The server understood and said no (e.g. not enough money).
    Refused(&'static str),
    /// Something behind the server failed (e.g. its database did not answer).
    Error(&'static str),
}

impl fmt::Display for Outcome {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Outcome::Ok(balance) => write!(f, "ok, balance {balance}"),
            Outcome::Refused(why) => write!(f, "refused: {why}"),
            Outcome::Error(why) => write!(f, "error: {why}"),
        }
    }
}

/// A message of the request/reply family.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RpcMsg {
    /// Please do `op`. `key` is the idempotency key, if the client sends one.
    Request { id: RequestId, key: Option<u64>, op: Op },
    /// The answer to request `id`.
    Reply { id: RequestId, outcome: Outcome },
    /// A server asking its backend to do `op` for request `id`; `ticket`
    /// lets it match the result to the request it is holding.
    Query {
        ticket: u64,
        id: RequestId,
        key: Option<u64>,
        op: Op,
    },
    /// The backend's answer to the query with this ticket.
    Result { ticket: u64, outcome: Outcome },
    /// A database telling a replica its state after its `version`-th write.
    Copy { version: u64, balance: i64 },
}

/// A request message's kind.
pub const REQUEST: Kind = kind!("request", "request");

/// A reply message's kind.
pub const REPLY: Kind = kind!("reply", "reply");

/// A query message's kind.
pub const QUERY: Kind = kind!("query", "database query");

/// A result message's kind.
pub const RESULT: Kind = kind!("result", "query result");

/// A copy message's kind.
pub const COPY: Kind = kind!("copy", "copy of the balance");

impl Message for RpcMsg {
    fn kind(&self) -> Kind {
        match self {
            RpcMsg::Request { .. } => REQUEST,
            RpcMsg::Reply {
                outcome: Outcome::Error(_),
                ..
            } => kind!("reply", "error reply"),
            RpcMsg::Reply {
                outcome: Outcome::Refused(_),
                ..
            } => kind!("reply", "refusal"),
            RpcMsg::Reply { .. } => REPLY,
            RpcMsg::Query { .. } => QUERY,
            RpcMsg::Result { .. } => RESULT,
            RpcMsg::Copy { .. } => COPY,
        }
    }

    fn describe(&self) -> Phrase {
        let keyed = |op: &Op, key: &Option<u64>| match key {
            Some(key) => format!("{op}, idempotency key {key}"),
            None => op.to_string(),
        };
        Phrase::from(match self {
            RpcMsg::Request { id, key, op } => format!("request {}: {}", id.seq, keyed(op, key)),
            RpcMsg::Reply { id, outcome } => format!("request {}: {outcome}", id.seq),
            RpcMsg::Query { op, key, .. } => keyed(op, key),
            RpcMsg::Result { outcome, .. } => outcome.to_string(),
            RpcMsg::Copy { version, balance } => format!("balance {balance} (version {version})"),
        })
    }
}
