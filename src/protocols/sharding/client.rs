//! A client: it sends gets and puts straight to each key's home shard, on a
//! random timer, picking keys uniformly or (with a hot key configured) sending
//! a fixed share of its requests to one key. It gives up on a request after a
//! timeout and keeps a tally per shard, so a lesson can see which shard's
//! keys are unavailable.

use std::collections::{BTreeMap, BTreeSet};

use crate::protocols::written::stored_number;
use crate::sim::{
    Call, Context, Duration, Fact, Failure, NodeId, Observation, OperationId, Phrase, Ret, TimerTag, Value,
};

use super::key::{home_of, Key};
use super::message::{RequestId, ShardMsg};

/// Time to send the next request.
pub const SEND: TimerTag = 1;
/// Time to look for requests that have waited too long.
pub const SWEEP: TimerTag = 2;

const MILLION: u64 = 1_000_000;

/// One key that draws a share of all requests.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct HotKey {
    pub key: Key,
    /// Its share of requests, in parts per million.
    pub ppm: u32,
}

/// How a client behaves.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ClientConfig {
    /// How many shards there are (shards are nodes `0..shards`).
    pub shards: u32,
    /// Keys are drawn from `0..keys`.
    pub keys: u32,
    /// Shortest wait between two requests.
    pub every_min: Duration,
    /// Longest wait between two requests.
    pub every_max: Duration,
    /// Share of requests that are writes, in parts per million.
    pub put_ppm: u32,
    /// A key that gets more than its share, if any.
    pub hot: Option<HotKey>,
    /// How long it waits for an answer before giving up.
    pub timeout: Duration,
}

/// What happened to the requests sent to one shard.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ShardTally {
    pub sent: u64,
    pub answered: u64,
    pub refused: u64,
    pub timed_out: u64,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Outstanding {
    /// The operation in the run's history.
    called: OperationId,
    key: Key,
    shard: u32,
    started: i64,
}

/// One client. Its tallies, its request numbers and the keys whose writes
/// were acknowledged survive a crash; requests in flight are forgotten.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Client {
    pub config: ClientConfig,
    next_request: RequestId,
    outstanding: BTreeMap<RequestId, Outstanding>,
    tallies: Vec<ShardTally>,
    written: BTreeSet<Key>,
}

impl Client {
    pub fn new(config: ClientConfig) -> Self {
        Client {
            config,
            next_request: 0,
            outstanding: BTreeMap::new(),
            tallies: vec![ShardTally::default(); config.shards as usize],
            written: BTreeSet::new(),
        }
    }

    /// What happened to its requests, shard by shard.
    pub fn tallies(&self) -> &[ShardTally] {
        &self.tallies
    }

    /// The keys it wrote and got an acknowledgement for.
    pub fn written(&self) -> &BTreeSet<Key> {
        &self.written
    }

    /// Requests sent and not yet answered or given up on.
    pub fn in_flight(&self) -> usize {
        self.outstanding.len()
    }

    fn tally(&mut self, shard: u32) -> Option<&mut ShardTally> {
        self.tallies.get_mut(shard as usize)
    }

    pub(super) fn start(&mut self, ctx: &mut Context<'_, ShardMsg>) {
        let wait = ctx.random_between(self.config.every_min, self.config.every_max);
        ctx.set_timer(SEND, wait);
        ctx.set_timer(SWEEP, self.sweep_every());
    }

    fn sweep_every(&self) -> Duration {
        (self.config.timeout / 4).max(1)
    }

    pub(super) fn on_timer(&mut self, ctx: &mut Context<'_, ShardMsg>, tag: TimerTag) {
        match tag {
            SEND => {
                self.send_one(ctx);
                let wait = ctx.random_between(self.config.every_min, self.config.every_max);
                ctx.set_timer(SEND, wait);
            }
            SWEEP => {
                self.give_up_on_late(ctx);
                ctx.set_timer(SWEEP, self.sweep_every());
            }
            _ => {}
        }
    }

    fn pick_key(&self, ctx: &mut Context<'_, ShardMsg>) -> Key {
        if let Some(hot) = self.config.hot {
            if ctx.random_below(MILLION) < u64::from(hot.ppm) {
                return hot.key;
            }
        }
        ctx.random_below(u64::from(self.config.keys)) as Key
    }

    fn send_one(&mut self, ctx: &mut Context<'_, ShardMsg>) {
        let key = self.pick_key(ctx);
        let put = ctx.random_below(MILLION) < u64::from(self.config.put_ppm);
        let shard = home_of(key, self.config.shards);
        self.next_request += 1;
        let request = self.next_request;
        let (msg, call) = if put {
            let value = request;
            let call = Call::Write {
                key,
                value: stored_number(value),
            };
            (ShardMsg::Put { request, key, value }, call)
        } else {
            (ShardMsg::Get { request, key }, Call::Read { key })
        };
        let started = ctx.local_now();
        let called = ctx.invoke(call);
        self.outstanding.insert(
            request,
            Outstanding {
                called,
                key,
                shard,
                started,
            },
        );
        if let Some(tally) = self.tally(shard) {
            tally.sent += 1;
        }
        ctx.observe(Observation::RequestStarted);
        ctx.send(NodeId(shard), msg);
    }

    fn give_up_on_late(&mut self, ctx: &mut Context<'_, ShardMsg>) {
        let now = ctx.local_now();
        let timeout = i64::try_from(self.config.timeout).unwrap_or(i64::MAX);
        let late: Vec<RequestId> = self
            .outstanding
            .iter()
            .filter(|(_, o)| now.saturating_sub(o.started) >= timeout)
            .map(|(&id, _)| id)
            .collect();
        for id in late {
            if let Some(gone) = self.outstanding.remove(&id) {
                ctx.failed(gone.called, Failure::TimedOut);
                if let Some(tally) = self.tally(gone.shard) {
                    tally.timed_out += 1;
                }
                ctx.observe(Observation::RequestTimedOut);
            }
        }
    }

    pub(super) fn on_answer(&mut self, ctx: &mut Context<'_, ShardMsg>, msg: ShardMsg) {
        let (request, refused) = match msg {
            ShardMsg::Value { request, .. } | ShardMsg::Stored { request, .. } => (request, false),
            ShardMsg::NotMine { request, .. } => (request, true),
            ShardMsg::Get { .. } | ShardMsg::Put { .. } => return,
        };
        let Some(done) = self.outstanding.remove(&request) else {
            return;
        };
        match msg {
            ShardMsg::Value { value, .. } => ctx.answered(done.called, Ret::Value(value.map(stored_number))),
            ShardMsg::Stored { .. } => ctx.answered(done.called, Ret::Done),
            _ => ctx.failed(done.called, Failure::Refused),
        }
        if refused {
            if let Some(tally) = self.tally(done.shard) {
                tally.refused += 1;
            }
            ctx.observe(Observation::RequestFailed);
            return;
        }
        if matches!(msg, ShardMsg::Stored { .. }) {
            self.written.insert(done.key);
        }
        if let Some(tally) = self.tally(done.shard) {
            tally.answered += 1;
        }
        let latency = u64::try_from(ctx.local_now().saturating_sub(done.started)).unwrap_or(0);
        ctx.observe(Observation::RequestSucceeded { latency });
    }

    pub(super) fn forget_volatile(&mut self) {
        self.outstanding.clear();
    }

    pub(super) fn describe(&self) -> Vec<Fact> {
        let total = self.tallies.iter().fold(ShardTally::default(), |mut sum, t| {
            sum.sent += t.sent;
            sum.answered += t.answered;
            sum.refused += t.refused;
            sum.timed_out += t.timed_out;
            sum
        });
        let per_shard = self
            .tallies
            .iter()
            .zip(0..)
            .map(|(t, shard)| Phrase::node(NodeId(shard)).then(&format!(": {} of {}", t.answered, t.sent)));
        let mut facts = vec![
            Fact::new("requests sent", Value::number(total.sent)),
            Fact::new("answered", Value::number(total.answered)),
            Fact::new("timed out", Value::number(total.timed_out)),
            Fact::in_memory("in flight", Value::number(self.outstanding.len())),
            Fact::new("answered per shard", Value::Said(Phrase::joined(per_shard, ", "))),
        ];
        if let Some(hot) = self.config.hot {
            facts.push(Fact::new("hot key", Value::number(hot.key)));
            facts.push(Fact::new("share of requests for it", Value::Share(hot.ppm)));
        }
        facts
    }
}
