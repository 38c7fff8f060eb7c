//! The sharded store's nodes as one behaviour: shards that hold the data
//! and clients that send requests straight to each key's home shard.

use crate::sim::{Behaviour, Context, Fact, Headline, NodeId, Outcomes, Part, Role, TimerTag};

use super::client::Client;
use super::message::ShardMsg;
use super::shard::Shard;

/// A node of the sharded store.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ShardNode {
    Shard(Shard),
    Client(Client),
}

impl ShardNode {
    pub fn as_shard(&self) -> Option<&Shard> {
        match self {
            ShardNode::Shard(shard) => Some(shard),
            ShardNode::Client(_) => None,
        }
    }

    pub fn as_client(&self) -> Option<&Client> {
        match self {
            ShardNode::Client(client) => Some(client),
            ShardNode::Shard(_) => None,
        }
    }
}

impl Behaviour for ShardNode {
    type Msg = ShardMsg;

    fn on_start(&mut self, ctx: &mut Context<'_, ShardMsg>) {
        if let ShardNode::Client(client) = self {
            client.start(ctx);
        }
    }

    fn on_message(&mut self, ctx: &mut Context<'_, ShardMsg>, from: NodeId, msg: ShardMsg) {
        match self {
            ShardNode::Shard(shard) => shard.handle(ctx, from, msg),
            ShardNode::Client(client) => client.on_answer(ctx, msg),
        }
    }

    fn on_timer(&mut self, ctx: &mut Context<'_, ShardMsg>, tag: TimerTag) {
        if let ShardNode::Client(client) = self {
            client.on_timer(ctx, tag);
        }
    }

    fn on_crash(&mut self) {
        if let ShardNode::Client(client) = self {
            client.forget_volatile();
        }
    }

    fn role(&self) -> Role {
        match self {
            ShardNode::Shard(_) => Role::new(Part::Shard, "shard"),
            ShardNode::Client(_) => Role::new(Part::Client, "client"),
        }
    }

    fn headline(&self) -> Option<Headline> {
        let ShardNode::Shard(shard) = self else {
            return None;
        };
        Some(Headline::Keys {
            held: u32::try_from(shard.store().len()).unwrap_or(u32::MAX),
        })
    }

    fn outcomes(&self) -> Option<Outcomes> {
        let ShardNode::Client(client) = self else {
            return None;
        };
        Some(
            client
                .tallies()
                .iter()
                .fold(Outcomes::default(), |sum, shard| Outcomes {
                    refused: sum.refused + shard.refused,
                    gave_up: sum.gave_up + shard.timed_out,
                    ..sum
                }),
        )
    }

    fn describe(&self) -> Vec<Fact> {
        match self {
            ShardNode::Shard(shard) => shard.describe(),
            ShardNode::Client(client) => client.describe(),
        }
    }
}
