//! A client that coordinates its own quorum operations, one at a time. A
//! write goes to all N replicas and succeeds once W have acknowledged it; a
//! read asks all N and, once R have answered, returns the newest version
//! among the answers. If too few answer before the timeout, the operation
//! fails. The client remembers the newest version it has seen of each key,
//! so it notices a stale read.

use std::collections::BTreeMap;

use crate::sim::rng::CERTAIN;
use crate::sim::words::{count, key_name};
use crate::sim::{Call, Context, Duration, Fact, Failure, NodeId, Observation, OperationId, Ret, TimerTag, Value};

use super::message::{OpId, QuorumMsg};
use super::value::{Key, Stored, Version};
use crate::protocols::written::{stored_number, written_value};

/// Time to start the next operation.
pub const NEXT: TimerTag = 1;
/// The current operation has waited too long for its quorum.
pub const TIMEOUT: TimerTag = 2;

/// N, R and W, and how a client loads the store. Replicas are nodes `0..n`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct QuorumConfig {
    /// How many replicas hold each key.
    pub n: u32,
    /// Answers a read waits for.
    pub r: u32,
    /// Acknowledgements a write waits for.
    pub w: u32,
    /// Keys are drawn from `0..keys`.
    pub keys: u32,
    /// Shortest pause between two operations.
    pub every_min: Duration,
    /// Longest such pause.
    pub every_max: Duration,
    /// Share of operations that are writes, in parts per million.
    pub write_ppm: u32,
    /// How long an operation waits for its quorum before failing.
    pub timeout: Duration,
    /// Whether every operation takes two rounds: a write first asks R
    /// replicas for the newest version, so that its own is newer; a read
    /// that found a value writes it back to W replicas before answering,
    /// so that no later read finds anything older. With R + W > N this
    /// makes the store linearizable.
    pub two_rounds: bool,
}

/// What happened to a client's operations.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct QuorumTally {
    pub reads_ok: u64,
    pub writes_ok: u64,
    pub reads_failed: u64,
    pub writes_failed: u64,
    /// Reads that returned an older version than the client had already seen.
    pub stale_reads: u64,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Read,
    /// A write of `value`, with the version it is (or will be) sent with.
    Write {
        value: u64,
        version: Version,
    },
}

/// Which round an operation is in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Round {
    /// Asking replicas what they hold; done after R answers.
    Ask,
    /// Sending replicas a value to store; done after W acknowledgements.
    Tell,
}

#[derive(Clone, Debug, PartialEq, Eq)]
struct Ongoing {
    op: OpId,
    /// The operation in the run's history.
    called: OperationId,
    key: Key,
    kind: Kind,
    round: Round,
    started: i64,
    answered: Vec<NodeId>,
    newest: Option<Stored>,
}

/// One coordinating client. Its counter, tally and the versions it has
/// seen survive a crash; the operation in progress is forgotten.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Coordinator {
    pub config: QuorumConfig,
    next_op: OpId,
    counter: u64,
    current: Option<Ongoing>,
    seen: BTreeMap<Key, Version>,
    tally: QuorumTally,
}

impl Coordinator {
    pub fn new(config: QuorumConfig) -> Self {
        Coordinator {
            config,
            next_op: 0,
            counter: 0,
            current: None,
            seen: BTreeMap::new(),
            tally: QuorumTally::default(),
        }
    }

    pub fn tally(&self) -> QuorumTally {
        self.tally
    }

    /// The newest version of each key it has written or read.
    pub fn seen(&self) -> &BTreeMap<Key, Version> {
        &self.seen
    }

    pub(super) fn start(&mut self, ctx: &mut Context<'_, QuorumMsg>) {
        self.pause(ctx);
    }

    pub(super) fn forget_volatile(&mut self) {
        self.current = None;
    }

    fn pause(&mut self, ctx: &mut Context<'_, QuorumMsg>) {
        let wait = ctx.random_between(self.config.every_min, self.config.every_max);
        ctx.set_timer(NEXT, wait);
    }

    pub(super) fn on_timer(&mut self, ctx: &mut Context<'_, QuorumMsg>, tag: TimerTag) {
        match tag {
            NEXT => self.begin(ctx),
            TIMEOUT => self.give_up(ctx),
            _ => {}
        }
    }

    fn begin(&mut self, ctx: &mut Context<'_, QuorumMsg>) {
        self.next_op += 1;
        let op = self.next_op;
        let key = ctx.random_below(u64::from(self.config.keys.max(1))) as Key;
        let write = ctx.random_below(u64::from(CERTAIN)) < u64::from(self.config.write_ppm);
        let (kind, call) = if write {
            let value = written_value(ctx.me(), op);
            let version = Version {
                counter: self.counter + 1,
                writer: ctx.me(),
            };
            let call = Call::Write {
                key,
                value: stored_number(value),
            };
            (Kind::Write { value, version }, call)
        } else {
            (Kind::Read, Call::Read { key })
        };
        let round = match kind {
            Kind::Write { .. } if !self.config.two_rounds => Round::Tell,
            _ => Round::Ask,
        };
        if round == Round::Tell {
            self.counter += 1;
        }
        let called = ctx.invoke(call);
        let ongoing = Ongoing {
            op,
            called,
            key,
            kind,
            round,
            started: ctx.local_now(),
            answered: Vec::new(),
            newest: None,
        };
        self.send_round(ctx, &ongoing);
        self.current = Some(ongoing);
        ctx.observe(Observation::RequestStarted);
        ctx.set_timer(TIMEOUT, self.config.timeout);
    }

    /// Sends the operation's current round to every replica.
    fn send_round(&self, ctx: &mut Context<'_, QuorumMsg>, ongoing: &Ongoing) {
        let (op, key) = (ongoing.op, ongoing.key);
        let msg = match (ongoing.round, ongoing.kind, ongoing.newest) {
            (Round::Ask, ..) => QuorumMsg::Read { op, key },
            (Round::Tell, Kind::Write { value, version }, _) => QuorumMsg::Write {
                op,
                key,
                stored: Stored { version, value },
            },
            (Round::Tell, Kind::Read, Some(stored)) => QuorumMsg::Write { op, key, stored },
            (Round::Tell, Kind::Read, None) => return,
        };
        for replica in (0..self.config.n).map(NodeId) {
            ctx.send(replica, msg.clone());
        }
    }

    pub(super) fn on_answer(&mut self, ctx: &mut Context<'_, QuorumMsg>, from: NodeId, msg: QuorumMsg) {
        let Some(ongoing) = self.current.as_mut() else {
            return;
        };
        let (op, stored) = match (msg, ongoing.round) {
            (QuorumMsg::Written { op }, Round::Tell) => (op, None),
            (QuorumMsg::Value { op, stored }, Round::Ask) => (op, stored),
            _ => return,
        };
        if op != ongoing.op || ongoing.answered.contains(&from) {
            return;
        }
        ongoing.answered.push(from);
        ongoing.newest = ongoing.newest.into_iter().chain(stored).max_by_key(|s| s.version);
        if let Some(s) = stored {
            self.counter = self.counter.max(s.version.counter);
        }
        let needed = match ongoing.round {
            Round::Ask => self.config.r,
            Round::Tell => self.config.w,
        };
        if ongoing.answered.len() < needed as usize {
            return;
        }
        let writes_back = matches!(ongoing.kind, Kind::Read) && ongoing.newest.is_some();
        let next_round =
            ongoing.round == Round::Ask && self.config.two_rounds && (writes_back || ongoing.kind != Kind::Read);
        if !next_round {
            self.complete(ctx);
            return;
        }
        if let Kind::Write { value, .. } = ongoing.kind {
            self.counter += 1;
            let version = Version {
                counter: self.counter,
                writer: ctx.me(),
            };
            ongoing.kind = Kind::Write { value, version };
        }
        ongoing.round = Round::Tell;
        ongoing.answered.clear();
        let ongoing = ongoing.clone();
        self.send_round(ctx, &ongoing);
    }

    fn complete(&mut self, ctx: &mut Context<'_, QuorumMsg>) {
        let Some(done) = self.current.take() else {
            return;
        };
        let seen = self.seen.get(&done.key).copied();
        let ret = match done.kind {
            Kind::Read => Ret::Value(done.newest.map(|s| stored_number(s.value))),
            Kind::Write { .. } => Ret::Done,
        };
        ctx.answered(done.called, ret);
        let got = match done.kind {
            Kind::Read => {
                let read = done.newest.map(|s| s.version);
                if read < seen {
                    self.tally.stale_reads += 1;
                    ctx.observe(Observation::Count("stale read"));
                }
                self.tally.reads_ok += 1;
                read
            }
            Kind::Write { version, .. } => {
                self.tally.writes_ok += 1;
                Some(version)
            }
        };
        if let Some(newest) = got.max(seen) {
            self.seen.insert(done.key, newest);
        }
        let latency = u64::try_from(ctx.local_now() - done.started).unwrap_or(0);
        ctx.observe(Observation::RequestSucceeded { latency });
        ctx.cancel_timer(TIMEOUT);
        self.pause(ctx);
    }

    fn give_up(&mut self, ctx: &mut Context<'_, QuorumMsg>) {
        let Some(failed) = self.current.take() else {
            return;
        };
        ctx.failed(failed.called, Failure::TimedOut);
        match failed.kind {
            Kind::Read => self.tally.reads_failed += 1,
            Kind::Write { .. } => self.tally.writes_failed += 1,
        }
        ctx.observe(Observation::Count("no quorum"));
        ctx.observe(Observation::RequestFailed);
        self.pause(ctx);
    }

    pub fn describe(&self) -> Vec<Fact> {
        let c = self.config;
        let doing = match &self.current {
            Some(o) => {
                let (what, needed) = match (o.kind, o.round) {
                    (Kind::Read, Round::Ask) => ("reading", c.r),
                    (Kind::Read, Round::Tell) => ("writing back", c.w),
                    (Kind::Write { .. }, Round::Ask) => ("asking for the newest version of", c.r),
                    (Kind::Write { .. }, Round::Tell) => ("writing", c.w),
                };
                Value::words(format!(
                    "{what} {}: {} of {}",
                    key_name(o.key),
                    o.answered.len(),
                    count(u64::from(needed), "answer")
                ))
            }
            None => Value::words("idle"),
        };
        let t = self.tally;
        vec![
            Fact::new("quorums", Value::words(format!("N={} R={} W={}", c.n, c.r, c.w))),
            Fact::in_memory("doing", doing),
            Fact::new(
                "reads",
                Value::words(format!("{} ok, {} failed", t.reads_ok, t.reads_failed)),
            ),
            Fact::new(
                "writes",
                Value::words(format!("{} ok, {} failed", t.writes_ok, t.writes_failed)),
            ),
            Fact::new("stale reads", Value::number(t.stale_reads)),
        ]
    }
}
