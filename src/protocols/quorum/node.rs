//! The quorum store's nodes as one behaviour: replicas that hold versioned
//! values, and clients that coordinate quorum reads and writes.

use crate::sim::{Behaviour, Context, Fact, Headline, NodeId, Outcomes, Part, Role, TimerTag, ValueMeaning, Waiting};

use super::client::Coordinator;
use super::message::QuorumMsg;
use super::replica::Replica;
use super::value::Stored;
use crate::protocols::written::SHOWN_KEY;

/// A node of the quorum store.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum QuorumNode {
    Replica(Replica),
    Client(Box<Coordinator>),
}

impl QuorumNode {
    pub fn as_replica(&self) -> Option<&Replica> {
        match self {
            QuorumNode::Replica(replica) => Some(replica),
            QuorumNode::Client(_) => None,
        }
    }

    pub fn as_client(&self) -> Option<&Coordinator> {
        match self {
            QuorumNode::Client(client) => Some(client),
            QuorumNode::Replica(_) => None,
        }
    }
}

impl Behaviour for QuorumNode {
    type Msg = QuorumMsg;
    const VALUES: ValueMeaning = ValueMeaning::NumberedWrites;

    fn on_start(&mut self, ctx: &mut Context<'_, QuorumMsg>) {
        if let QuorumNode::Client(client) = self {
            client.start(ctx);
        }
    }

    fn on_message(&mut self, ctx: &mut Context<'_, QuorumMsg>, from: NodeId, msg: QuorumMsg) {
        match self {
            QuorumNode::Replica(replica) => replica.handle(ctx, from, msg),
            QuorumNode::Client(client) => client.on_answer(ctx, from, msg),
        }
    }

    fn on_timer(&mut self, ctx: &mut Context<'_, QuorumMsg>, tag: TimerTag) {
        if let QuorumNode::Client(client) = self {
            client.on_timer(ctx, tag);
        }
    }

    fn waits_for(&self, tag: TimerTag) -> Option<Waiting> {
        (matches!(self, QuorumNode::Client(_)) && tag == super::client::TIMEOUT).then_some(Waiting::Reply)
    }

    fn on_crash(&mut self) {
        if let QuorumNode::Client(client) = self {
            client.forget_volatile();
        }
    }

    fn role(&self) -> Role {
        match self {
            QuorumNode::Replica(_) => Role::new(Part::Replica, "replica"),
            QuorumNode::Client(_) => Role::new(Part::Client, "client"),
        }
    }

    fn headline(&self) -> Option<Headline> {
        let QuorumNode::Replica(replica) = self else {
            return None;
        };
        Some(Headline::Holds {
            key: SHOWN_KEY,
            written: replica.store().get(&SHOWN_KEY).map(Stored::written),
            epoch: None,
        })
    }

    fn outcomes(&self) -> Option<Outcomes> {
        let QuorumNode::Client(client) = self else {
            return None;
        };
        let tally = client.tally();
        Some(Outcomes {
            gave_up: tally.reads_failed + tally.writes_failed,
            stale_reads: tally.stale_reads,
            ..Outcomes::default()
        })
    }

    fn describe(&self) -> Vec<Fact> {
        match self {
            QuorumNode::Replica(replica) => replica.describe(),
            QuorumNode::Client(client) => client.describe(),
        }
    }
}
