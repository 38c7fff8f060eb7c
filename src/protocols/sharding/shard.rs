//! A shard: it stores the keys whose home it is, spends a fixed service time
//! on every request (so requests queue when too many come its way) and
//! refuses keys that belong elsewhere.

use std::collections::BTreeMap;

use crate::sim::{Context, Duration, Fact, NodeId, Value};

use super::key::{home_of, Key};
use super::message::ShardMsg;

/// One shard's store and counters. The store is on disk: a crash makes the
/// shard unavailable but loses no data.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Shard {
    /// How many shards the cluster has (shards are nodes `0..shards`).
    pub shards: u32,
    /// Local time spent on each request.
    pub service_time: Duration,
    store: BTreeMap<Key, u64>,
    served: u64,
    refused: u64,
}

impl Shard {
    pub fn new(shards: u32, service_time: Duration) -> Self {
        Shard {
            shards,
            service_time,
            store: BTreeMap::new(),
            served: 0,
            refused: 0,
        }
    }

    /// The keys it stores, with their values, in key order.
    pub fn store(&self) -> &BTreeMap<Key, u64> {
        &self.store
    }

    /// Requests it answered.
    pub fn served(&self) -> u64 {
        self.served
    }

    /// Requests it refused because the key lives elsewhere.
    pub fn refused(&self) -> u64 {
        self.refused
    }

    pub(super) fn handle(&mut self, ctx: &mut Context<'_, ShardMsg>, from: NodeId, msg: ShardMsg) {
        let (request, key) = match msg {
            ShardMsg::Get { request, key } | ShardMsg::Put { request, key, .. } => (request, key),
            _ => return,
        };
        ctx.work(self.service_time);
        if home_of(key, self.shards) != ctx.me().0 {
            self.refused += 1;
            ctx.send(from, ShardMsg::NotMine { request, key });
            return;
        }
        self.served += 1;
        let reply = match msg {
            ShardMsg::Put { value, .. } => {
                self.store.insert(key, value);
                ShardMsg::Stored { request, key }
            }
            _ => ShardMsg::Value {
                request,
                key,
                value: self.store.get(&key).copied(),
            },
        };
        ctx.send(from, reply);
    }

    pub(super) fn describe(&self) -> Vec<Fact> {
        let mut facts = vec![
            Fact::new("keys stored", Value::number(self.store.len())),
            Fact::new("requests served", Value::number(self.served)),
            Fact::new("service time", Value::Time(self.service_time)),
        ];
        if self.refused > 0 {
            facts.push(Fact::new("refused (not mine)", Value::number(self.refused)));
        }
        facts
    }
}
