//! What servers say to each other during an election: vote requests, votes,
//! and the leader's heartbeats with their replies. Every message carries the
//! sender's term, so a server that has fallen behind learns it at once.

use crate::sim::Message;

/// An election term: a period with at most one leader.
pub type Term = u64;

/// A message between servers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ElectionMsg {
    /// A candidate asks for a vote in its term.
    RequestVote { term: Term },
    /// The answer to a vote request.
    Vote { term: Term, granted: bool },
    /// The leader of `term` is alive.
    Heartbeat { term: Term },
    /// The answer to a heartbeat, carrying the receiver's term.
    HeartbeatReply { term: Term },
}

impl ElectionMsg {
    /// The term the sender was in.
    pub fn term(self) -> Term {
        match self {
            ElectionMsg::RequestVote { term }
            | ElectionMsg::Vote { term, .. }
            | ElectionMsg::Heartbeat { term }
            | ElectionMsg::HeartbeatReply { term } => term,
        }
    }
}

impl Message for ElectionMsg {
    fn label(&self) -> &'static str {
        match self {
            ElectionMsg::RequestVote { .. } => "request vote",
            ElectionMsg::Vote { granted: true, .. } => "vote",
            ElectionMsg::Vote { granted: false, .. } => "vote refused",
            ElectionMsg::Heartbeat { .. } => "heartbeat",
            ElectionMsg::HeartbeatReply { .. } => "heartbeat reply",
        }
    }

    fn size_bytes(&self) -> u32 {
        32
    }
}
