//! A client of the replicated store: one request at a time, reads and writes
//! of a few keys, sent to the primary, to a fixed replica or to a random one.
//! It follows redirects, tries again after a timeout, and gives up after a
//! few attempts. It remembers the newest version it has seen of each key, so
//! it notices a stale read: an older version than one it already saw.

use std::collections::BTreeMap;

use crate::sim::{Call, Context, Fact, Failure, NodeId, Observation, OperationId, Phrase, Ret, TimerTag, Value};

use super::config::{ClientConfig, Target};
use super::message::{ReplMsg, RequestId};
use super::version::{value_words, Entry, Key, Version};
use crate::protocols::written::{stored_number, written_value};
use crate::sim::words::key_name;

/// Time to start the next request.
pub const NEXT: TimerTag = 1;
/// The current attempt has waited too long.
pub const TIMEOUT: TimerTag = 2;

const MILLION: u64 = 1_000_000;

/// What happened to a client's requests.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ClientTally {
    pub succeeded: u64,
    pub refused: u64,
    pub failed: u64,
    pub timed_out: u64,
    /// Reads that returned an older version than the client had already seen.
    pub stale_reads: u64,
}

/// A read or a write.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Op {
    Read(Key),
    Write(Key, u64),
}

impl Op {
    /// The operation as the run's history records it.
    fn call(self) -> Call {
        match self {
            Op::Read(key) => Call::Read { key },
            Op::Write(key, value) => Call::Write {
                key,
                value: stored_number(value),
            },
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Ongoing {
    request: RequestId,
    /// The operation in the run's history.
    called: OperationId,
    op: Op,
    started: i64,
    sends: u32,
}

/// One client. Its tally, request numbers and the versions it has seen
/// survive a crash; the request in progress is forgotten.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Client {
    pub config: ClientConfig,
    next_request: RequestId,
    current: Option<Ongoing>,
    guess: NodeId,
    seen: BTreeMap<Key, Version>,
    acknowledged: BTreeMap<Key, Version>,
    tally: ClientTally,
}

impl Client {
    pub fn new(config: ClientConfig) -> Self {
        Client {
            config,
            next_request: 0,
            current: None,
            guess: NodeId(0),
            seen: BTreeMap::new(),
            acknowledged: BTreeMap::new(),
            tally: ClientTally::default(),
        }
    }

    pub fn tally(&self) -> ClientTally {
        self.tally
    }

    /// The newest version of each key whose write was acknowledged to it.
    pub fn acknowledged(&self) -> &BTreeMap<Key, Version> {
        &self.acknowledged
    }

    /// The request in progress, if any.
    pub fn current(&self) -> Option<Op> {
        self.current.map(|c| c.op)
    }

    pub(super) fn start(&mut self, ctx: &mut Context<'_, ReplMsg>) {
        self.pause(ctx);
    }

    pub(super) fn forget_volatile(&mut self) {
        self.current = None;
    }

    fn pause(&mut self, ctx: &mut Context<'_, ReplMsg>) {
        let wait = ctx.random_between(self.config.every_min, self.config.every_max);
        ctx.set_timer(NEXT, wait);
    }

    pub(super) fn on_timer(&mut self, ctx: &mut Context<'_, ReplMsg>, tag: TimerTag) {
        match tag {
            NEXT => self.begin(ctx),
            TIMEOUT => self.on_timeout(ctx),
            _ => {}
        }
    }

    fn begin(&mut self, ctx: &mut Context<'_, ReplMsg>) {
        let key = ctx.random_below(u64::from(self.config.keys.max(1))) as Key;
        self.next_request += 1;
        let request = self.next_request;
        let op = if ctx.random_below(MILLION) < u64::from(self.config.write_ppm) {
            Op::Write(key, written_value(ctx.me(), request))
        } else {
            Op::Read(key)
        };
        let called = ctx.invoke(op.call());
        self.current = Some(Ongoing {
            request,
            called,
            op,
            started: ctx.local_now(),
            sends: 0,
        });
        ctx.observe(Observation::RequestStarted);
        let to = self.first_choice(ctx);
        self.send(ctx, to);
    }

    fn first_choice(&mut self, ctx: &mut Context<'_, ReplMsg>) -> NodeId {
        match self.config.target {
            Target::Primary => self.guess,
            Target::Replica(replica) => replica,
            Target::Random => NodeId(ctx.random_below(u64::from(self.config.replicas)) as u32),
        }
    }

    fn send(&mut self, ctx: &mut Context<'_, ReplMsg>, to: NodeId) {
        let Some(ongoing) = self.current.as_mut() else {
            return;
        };
        ongoing.sends += 1;
        let msg = match ongoing.op {
            Op::Read(key) => ReplMsg::Read {
                request: ongoing.request,
                key,
            },
            Op::Write(key, value) => ReplMsg::Write {
                request: ongoing.request,
                key,
                value,
            },
        };
        ctx.send(to, msg);
        ctx.set_timer(TIMEOUT, self.config.timeout);
    }

    fn out_of_attempts(&self) -> bool {
        self.current.is_none_or(|c| c.sends >= self.config.attempts)
    }

    fn on_timeout(&mut self, ctx: &mut Context<'_, ReplMsg>) {
        if self.current.is_none() {
            return;
        }
        if self.config.target == Target::Primary {
            self.guess = NodeId((self.guess.0 + 1) % self.config.replicas.max(1));
        }
        if self.out_of_attempts() {
            self.tally.timed_out += 1;
            ctx.observe(Observation::RequestTimedOut);
            self.fail(ctx, Failure::TimedOut);
        } else {
            ctx.observe(Observation::Retry);
            let to = self.first_choice(ctx);
            self.send(ctx, to);
        }
    }

    pub(super) fn on_answer(&mut self, ctx: &mut Context<'_, ReplMsg>, msg: ReplMsg) {
        let Some(ongoing) = self.current else {
            return;
        };
        match msg {
            ReplMsg::ReadOk { request, key, entry } if request == ongoing.request => {
                self.read_returned(ctx, key, entry);
                ctx.answered(ongoing.called, Ret::Value(entry.map(|e| stored_number(e.value))));
                self.succeed(ctx, ongoing);
            }
            ReplMsg::WriteOk { request, key, version } if request == ongoing.request => {
                ctx.answered(ongoing.called, Ret::Done);
                self.note(key, Some(version));
                let acked = self.acknowledged.entry(key).or_insert(version);
                *acked = (*acked).max(version);
                self.succeed(ctx, ongoing);
            }
            ReplMsg::Redirect { request, primary } if request == ongoing.request => {
                if self.config.target == Target::Primary {
                    self.guess = primary;
                }
                if self.out_of_attempts() {
                    self.tally.failed += 1;
                    ctx.observe(Observation::RequestFailed);
                    self.fail(ctx, Failure::Refused);
                } else {
                    self.send(ctx, primary);
                }
            }
            ReplMsg::Refused { request } if request == ongoing.request => {
                self.tally.refused += 1;
                ctx.observe(Observation::Count("refused"));
                ctx.observe(Observation::RequestFailed);
                self.fail(ctx, Failure::Refused);
            }
            _ => {}
        }
    }

    fn read_returned(&mut self, ctx: &mut Context<'_, ReplMsg>, key: Key, entry: Option<Entry>) {
        let version = entry.map(|e| e.version);
        if version < self.seen.get(&key).copied() {
            self.tally.stale_reads += 1;
            ctx.observe(Observation::Count("stale read"));
        }
        self.note(key, version);
    }

    fn note(&mut self, key: Key, version: Option<Version>) {
        if let Some(version) = version {
            let seen = self.seen.entry(key).or_insert(version);
            *seen = (*seen).max(version);
        }
    }

    fn succeed(&mut self, ctx: &mut Context<'_, ReplMsg>, ongoing: Ongoing) {
        let latency = u64::try_from(ctx.local_now() - ongoing.started).unwrap_or(0);
        self.tally.succeeded += 1;
        ctx.observe(Observation::RequestSucceeded { latency });
        self.finish(ctx);
    }

    fn fail(&mut self, ctx: &mut Context<'_, ReplMsg>, why: Failure) {
        if let Some(ongoing) = self.current {
            ctx.failed(ongoing.called, why);
        }
        self.finish(ctx);
    }

    fn finish(&mut self, ctx: &mut Context<'_, ReplMsg>) {
        self.current = None;
        ctx.cancel_timer(TIMEOUT);
        self.pause(ctx);
    }

    pub fn describe(&self) -> Vec<Fact> {
        let doing = match self.current.map(|c| c.op) {
            Some(Op::Read(key)) => Phrase::from(format!("reading {}", key_name(key))),
            Some(Op::Write(key, value)) => {
                Phrase::from(format!("writing {} = ", key_name(key))).then_phrase(value_words(value))
            }
            None => Phrase::from("idle"),
        };
        let target = match self.config.target {
            Target::Primary => Phrase::from("the primary (thinks ").then_node(self.guess).then(")"),
            Target::Replica(r) => Phrase::from("replica ").then_node(r),
            Target::Random => Phrase::from("a random replica"),
        };
        let t = self.tally;
        vec![
            Fact::in_memory("doing", Value::Said(doing)),
            Fact::new("asks", Value::Said(target)),
            Fact::new("succeeded", Value::number(t.succeeded)),
            Fact::new("refused", Value::number(t.refused)),
            Fact::new("timed out", Value::number(t.timed_out)),
            Fact::new("stale reads", Value::number(t.stale_reads)),
        ]
    }
}
