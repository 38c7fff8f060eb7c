//! What servers say to each other during an election: vote requests, votes,
//! and the leader's heartbeats with their replies. Every message carries the
//! sender's term, so a server that has fallen behind learns it at once.

use crate::kind;
use crate::sim::{Kind, Message, Phrase};

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

/// A request vote message's kind.
pub const REQUEST_VOTE: Kind = kind!("request vote", "vote request");

/// A vote message's kind.
pub const VOTE: Kind = kind!("vote", "vote");

/// A vote refused message's kind.
pub const VOTE_REFUSED: Kind = kind!("vote refused", "refused vote");

/// A heartbeat message's kind.
pub const HEARTBEAT: Kind = kind!("heartbeat", "heartbeat");

/// A heartbeat reply message's kind.
pub const HEARTBEAT_REPLY: Kind = kind!("heartbeat reply", "heartbeat reply");

impl Message for ElectionMsg {
    fn kind(&self) -> Kind {
        match self {
            ElectionMsg::RequestVote { .. } => REQUEST_VOTE,
            ElectionMsg::Vote { granted: true, .. } => VOTE,
            ElectionMsg::Vote { granted: false, .. } => VOTE_REFUSED,
            ElectionMsg::Heartbeat { .. } => HEARTBEAT,
            ElectionMsg::HeartbeatReply { .. } => HEARTBEAT_REPLY,
        }
    }

    fn describe(&self) -> Phrase {
        Phrase::from(match *self {
            ElectionMsg::RequestVote { term } => format!("vote for me in term {term}"),
            ElectionMsg::Vote { term, granted: true } => format!("yes, in term {term}"),
            ElectionMsg::Vote { term, granted: false } => format!("no, in term {term}"),
            ElectionMsg::Heartbeat { term } => format!("I lead term {term}"),
            ElectionMsg::HeartbeatReply { term } => format!("heard you, in term {term}"),
        })
    }

    fn size_bytes(&self) -> u32 {
        32
    }
}
