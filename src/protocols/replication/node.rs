//! The replicated store's nodes as one behaviour: replicas (primary or
//! backup, decided at run time) and the clients that use them.

use crate::sim::{Behaviour, Context, Fact, Headline, NodeId, Outcomes, Part, Role, TimerTag, ValueMeaning, Waiting};

use super::client::Client;
use super::message::ReplMsg;
use super::replica::{Replica, TICK};
use crate::protocols::written::SHOWN_KEY;

/// A node of the replicated store.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ReplicationNode {
    Replica(Replica),
    Client(Client),
}

impl ReplicationNode {
    pub fn as_replica(&self) -> Option<&Replica> {
        match self {
            ReplicationNode::Replica(replica) => Some(replica),
            ReplicationNode::Client(_) => None,
        }
    }

    pub fn as_client(&self) -> Option<&Client> {
        match self {
            ReplicationNode::Client(client) => Some(client),
            ReplicationNode::Replica(_) => None,
        }
    }
}

impl Behaviour for ReplicationNode {
    type Msg = ReplMsg;
    const VALUES: ValueMeaning = ValueMeaning::NumberedWrites;

    fn on_start(&mut self, ctx: &mut Context<'_, ReplMsg>) {
        match self {
            ReplicationNode::Replica(replica) => replica.start(ctx),
            ReplicationNode::Client(client) => client.start(ctx),
        }
    }

    fn on_message(&mut self, ctx: &mut Context<'_, ReplMsg>, from: NodeId, msg: ReplMsg) {
        match self {
            ReplicationNode::Replica(replica) => match msg {
                ReplMsg::Read { request, key } => replica.serve_read(ctx, from, request, key),
                ReplMsg::Write { request, key, value } => replica.serve_write(ctx, from, request, key, value),
                other => replica.on_replica_message(ctx, from, other),
            },
            ReplicationNode::Client(client) => client.on_answer(ctx, msg),
        }
    }

    fn on_timer(&mut self, ctx: &mut Context<'_, ReplMsg>, tag: TimerTag) {
        match self {
            ReplicationNode::Replica(replica) if tag == TICK => replica.tick(ctx),
            ReplicationNode::Replica(_) => {}
            ReplicationNode::Client(client) => client.on_timer(ctx, tag),
        }
    }

    fn waits_for(&self, tag: TimerTag) -> Option<Waiting> {
        (matches!(self, ReplicationNode::Client(_)) && tag == super::client::TIMEOUT).then_some(Waiting::Reply)
    }

    fn on_crash(&mut self) {
        match self {
            ReplicationNode::Replica(replica) => replica.forget_volatile(),
            ReplicationNode::Client(client) => client.forget_volatile(),
        }
    }

    fn role(&self) -> Role {
        match self {
            ReplicationNode::Replica(replica) if replica.is_primary() => Role::new(Part::Primary, "primary"),
            ReplicationNode::Replica(_) => Role::new(Part::Backup, "backup"),
            ReplicationNode::Client(_) => Role::new(Part::Client, "client"),
        }
    }

    fn headline(&self) -> Option<Headline> {
        let ReplicationNode::Replica(replica) = self else {
            return None;
        };
        Some(Headline::Holds {
            key: SHOWN_KEY,
            written: replica.store().get(SHOWN_KEY).map(|entry| entry.written()),
            epoch: Some(replica.epoch()),
        })
    }

    fn outcomes(&self) -> Option<Outcomes> {
        let ReplicationNode::Client(client) = self else {
            return None;
        };
        let tally = client.tally();
        Some(Outcomes {
            // Out of redirects is a refusal too: the history records it so.
            refused: tally.refused + tally.failed,
            gave_up: tally.timed_out,
            stale_reads: tally.stale_reads,
            ..Outcomes::default()
        })
    }

    fn describe(&self) -> Vec<Fact> {
        match self {
            ReplicationNode::Replica(replica) => replica.describe(),
            ReplicationNode::Client(client) => client.describe(),
        }
    }
}
