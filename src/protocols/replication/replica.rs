//! A replica: primary or backup, decided at run time. Every replica sends
//! heartbeats to the others; a backup that hears nothing from the primary
//! for a while takes over if it is the lowest-id replica it can still reach
//! (under Consistency only with a majority), in a higher epoch that the others
//! accept. Heartbeats also carry the versions a replica holds, so one that
//! fell behind (restarted, cut off, on the other side of a partition) fetches
//! what it misses and every copy converges.
//!
//! The store, the epoch and the write counter are durable; who is primary,
//! who was heard from and writes waiting for backups are forgotten in a crash.

use std::collections::BTreeMap;

use crate::sim::{Context, Fact, NodeId, Observation, TimerTag, Value};

use super::config::{PartitionChoice, ReplicaConfig};
use super::message::{ReplMsg, RequestId};
use super::version::{Entry, Key, Store, Version};

/// Time to send heartbeats and check on the primary.
pub const TICK: TimerTag = 1;

/// A synchronous write waiting for backups to store it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct PendingWrite {
    pub client: NodeId,
    pub request: RequestId,
    pub key: Key,
    pub version: Version,
    pub waiting: Vec<NodeId>,
}

/// One replica of the store.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Replica {
    pub config: ReplicaConfig,
    pub(super) id: NodeId,
    pub(super) store: Store,
    pub(super) epoch: u64,
    pub(super) counter: u64,
    starts: u32,
    pub(super) primary: Option<NodeId>,
    grace_from: i64,
    primary_heard: Option<i64>,
    last_heard: Vec<Option<i64>>,
    previous: BTreeMap<NodeId, Vec<(Key, Version)>>,
    pub(super) pending: Vec<PendingWrite>,
    reachable_at_tick: usize,
}

impl Replica {
    /// Replica `id`; every replica begins in epoch 1 with replica 0 as primary.
    pub fn new(id: NodeId, config: ReplicaConfig) -> Self {
        Replica {
            config,
            id,
            store: Store::default(),
            epoch: 1,
            counter: 0,
            starts: 0,
            primary: Some(NodeId(0)),
            grace_from: 0,
            primary_heard: None,
            last_heard: vec![None; config.replicas as usize],
            previous: BTreeMap::new(),
            pending: Vec::new(),
            reachable_at_tick: 1,
        }
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    /// How many replicas, itself included, it heard from within the
    /// contact window at its last tick, and how many there are.
    pub fn heard_from(&self) -> (usize, u32) {
        (self.reachable_at_tick, self.config.replicas)
    }

    pub fn epoch(&self) -> u64 {
        self.epoch
    }

    /// The replica it currently believes is the primary.
    pub fn primary(&self) -> Option<NodeId> {
        self.primary
    }

    pub fn is_primary(&self) -> bool {
        self.primary == Some(self.id)
    }

    fn peers(&self) -> impl Iterator<Item = NodeId> + '_ {
        (0..self.config.replicas).map(NodeId).filter(move |&n| n != self.id)
    }

    pub(super) fn heard_recently(&self, node: NodeId, now: i64) -> bool {
        self.last_heard
            .get(node.index())
            .copied()
            .flatten()
            .is_some_and(|at| now - at <= self.config.contact_within as i64)
    }

    /// The replicas it can reach now (itself included), in id order.
    pub(super) fn reachable(&self, now: i64) -> Vec<NodeId> {
        (0..self.config.replicas)
            .map(NodeId)
            .filter(|&n| n == self.id || self.heard_recently(n, now))
            .collect()
    }

    pub(super) fn has_majority(&self, now: i64) -> bool {
        self.reachable(now).len() >= self.config.majority()
    }

    /// Under Consistency, a replica without a majority serves nothing.
    pub(super) fn must_refuse(&self, now: i64) -> bool {
        self.config.choice == PartitionChoice::Consistency && !self.has_majority(now)
    }

    pub(super) fn start(&mut self, ctx: &mut Context<'_, ReplMsg>) {
        self.starts += 1;
        self.grace_from = ctx.local_now();
        let heard = (self.starts == 1 && self.config.start_in_touch).then_some(self.grace_from);
        self.last_heard = vec![heard; self.config.replicas as usize];
        if self.starts > 1 {
            for peer in self.peers().collect::<Vec<_>>() {
                ctx.send(peer, ReplMsg::CatchUp);
            }
        }
        ctx.set_timer(TICK, self.config.heartbeat_every);
    }

    pub(super) fn forget_volatile(&mut self) {
        self.primary = None;
        self.primary_heard = None;
        self.last_heard.iter_mut().for_each(|h| *h = None);
        self.previous.clear();
        self.pending.clear();
        self.reachable_at_tick = 1;
    }

    pub(super) fn tick(&mut self, ctx: &mut Context<'_, ReplMsg>) {
        self.consider_takeover(ctx);
        let heartbeat = ReplMsg::Heartbeat {
            epoch: self.epoch,
            primary: self.primary,
            summary: self.store.summary(),
        };
        for peer in self.peers().collect::<Vec<_>>() {
            ctx.send(peer, heartbeat.clone());
        }
        self.settle(ctx);
        ctx.set_timer(TICK, self.config.heartbeat_every);
    }

    /// A backup that has not heard from the primary for `failover_after`
    /// takes over if it is the lowest-id replica it can reach.
    fn consider_takeover(&mut self, ctx: &mut Context<'_, ReplMsg>) {
        let now = ctx.local_now();
        self.reachable_at_tick = self.reachable(now).len();
        if self.is_primary() {
            return;
        }
        let silent_since = self.primary_heard.unwrap_or(i64::MIN).max(self.grace_from);
        if now - silent_since < self.config.failover_after as i64 {
            return;
        }
        let reachable = self.reachable(now);
        if self.config.choice == PartitionChoice::Consistency && reachable.len() < self.config.majority() {
            return;
        }
        if reachable.first() == Some(&self.id) {
            self.epoch += 1;
            self.primary = Some(self.id);
            ctx.observe(Observation::Count("failover"));
        }
    }

    /// Handle a message from another replica.
    pub(super) fn on_replica_message(&mut self, ctx: &mut Context<'_, ReplMsg>, from: NodeId, msg: ReplMsg) {
        if let Some(slot) = self.last_heard.get_mut(from.index()) {
            *slot = Some(ctx.local_now());
        }
        match msg {
            ReplMsg::Heartbeat {
                epoch,
                primary,
                summary,
            } => {
                self.on_heartbeat(ctx, from, epoch, primary);
                self.pull_missing(ctx, from, summary);
            }
            ReplMsg::Replicate { key, entry } => {
                self.absorb(key, entry);
                ctx.send(from, ReplMsg::Replicated { version: entry.version });
            }
            ReplMsg::Replicated { version } => {
                for write in self.pending.iter_mut().filter(|w| w.version == version) {
                    write.waiting.retain(|&b| b != from);
                }
                self.settle(ctx);
            }
            ReplMsg::Fetch { keys } => {
                let entries = self.store.select(&keys);
                ctx.send(from, ReplMsg::Entries { entries });
            }
            ReplMsg::CatchUp => {
                let entries = self.store.entries().collect();
                ctx.send(from, ReplMsg::Entries { entries });
            }
            ReplMsg::Entries { entries } => {
                for (key, entry) in entries {
                    self.absorb(key, entry);
                }
            }
            _ => {}
        }
    }

    /// A higher epoch always wins; within an epoch, a replica claiming to be
    /// primary is followed, and of two primaries the lower id stays.
    fn on_heartbeat(&mut self, ctx: &mut Context<'_, ReplMsg>, from: NodeId, epoch: u64, primary: Option<NodeId>) {
        if epoch > self.epoch {
            self.epoch = epoch;
            self.follow(ctx, primary.filter(|&p| p != self.id));
        } else if epoch == self.epoch
            && primary == Some(from)
            && self.primary != Some(from)
            && (!self.is_primary() || from < self.id)
        {
            self.follow(ctx, Some(from));
        }
        if primary == Some(from) && self.primary == Some(from) {
            self.primary_heard = Some(ctx.local_now());
        }
    }

    fn follow(&mut self, ctx: &mut Context<'_, ReplMsg>, primary: Option<NodeId>) {
        if self.is_primary() {
            ctx.observe(Observation::Count("stepped down"));
            self.pending.clear();
        }
        self.primary = primary;
        self.primary_heard = None;
        self.grace_from = ctx.local_now();
    }

    /// Fetch the keys for which this peer's previous heartbeat already showed
    /// a newer version: a whole heartbeat later, that is no longer a write in
    /// flight but something this replica missed.
    fn pull_missing(&mut self, ctx: &mut Context<'_, ReplMsg>, from: NodeId, summary: Vec<(Key, Version)>) {
        let behind: Vec<Key> = self
            .previous
            .get(&from)
            .map(|before| {
                before
                    .iter()
                    .filter(|&&(key, version)| self.store.version(key) < Some(version))
                    .map(|&(key, _)| key)
                    .collect()
            })
            .unwrap_or_default();
        if !behind.is_empty() {
            ctx.send(from, ReplMsg::Fetch { keys: behind });
        }
        self.previous.insert(from, summary);
    }

    pub(super) fn absorb(&mut self, key: Key, entry: Entry) {
        self.counter = self.counter.max(entry.version.counter);
        self.store.merge(key, entry);
    }

    pub fn describe(&self) -> Vec<Fact> {
        let mut facts = vec![
            Fact::new("epoch", Value::number(self.epoch)),
            Fact::in_memory(
                "primary",
                Value::Node {
                    node: self.primary,
                    none: "unknown",
                },
            ),
            Fact::in_memory(
                "reachable",
                Value::OutOf {
                    n: self.reachable_at_tick as u64,
                    of: u64::from(self.config.replicas),
                    noun: "replica",
                },
            ),
            Fact::new("store", Value::Said(self.store.describe())),
        ];
        if self.is_primary() {
            facts.push(Fact::in_memory(
                "writes waiting for backups",
                Value::number(self.pending.len()),
            ));
        }
        facts
    }
}
