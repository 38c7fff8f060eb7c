//! What every server keeps whatever its role: its timing, and the two
//! things Raft writes to disk before answering, its current term and whom
//! it voted for in that term. Both survive a crash.

use crate::sim::NodeId;

use super::config::ElectionConfig;
use super::message::Term;

/// A server's durable state and timing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Server {
    pub config: ElectionConfig,
    /// This server's id, learned when it starts.
    pub(super) me: NodeId,
    /// How many servers the cluster has, learned when it starts.
    pub(super) nodes: u32,
    pub(super) term: Term,
    pub(super) voted_for: Option<NodeId>,
    pub(super) elections_started: u64,
    pub(super) times_elected: u64,
}

impl Server {
    pub fn new(config: ElectionConfig) -> Self {
        Server {
            config,
            me: NodeId(0),
            nodes: 0,
            term: 0,
            voted_for: None,
            elections_started: 0,
            times_elected: 0,
        }
    }

    /// The latest term this server knows of (durable).
    pub fn term(&self) -> Term {
        self.term
    }

    /// Whom it voted for in its current term, if anyone (durable).
    pub fn voted_for(&self) -> Option<NodeId> {
        self.voted_for
    }

    /// How many times it stood for election.
    pub fn elections_started(&self) -> u64 {
        self.elections_started
    }

    /// How many times it won.
    pub fn times_elected(&self) -> u64 {
        self.times_elected
    }

    /// Move to a later term, forgetting the vote cast in the old one.
    pub(super) fn adopt_term(&mut self, term: Term) {
        if term > self.term {
            self.term = term;
            self.voted_for = None;
        }
    }
}
