//! A client: it sends requests to one node (a server or a load balancer) at
//! its own pace, waits for each reply with a timeout, retries a request that
//! timed out (same id, same idempotency key) up to a limit, then gives up.
//! It reports to the run's metrics and keeps its own record of what it saw
//! for each request, which is all a client can ever know: whether and what
//! it was answered, never what happened on the far side.

use std::collections::{BTreeMap, VecDeque};

use crate::sim::words::count;
use crate::sim::{
    millis, seconds, Context, Duration, Fact, Failure, NodeId, Observation, OperationId, Ret, TimerTag, Value,
};

use super::message::{Op, Outcome, RequestId, RpcMsg};

/// The timer that starts the next request. A request's own timeout timer
/// is its sequence number plus one.
pub const NEXT_REQUEST: TimerTag = 0;

fn timeout_tag(seq: u64) -> TimerTag {
    seq + 1
}

/// How many finished requests a client keeps a record of.
pub const RECORDS_KEPT: usize = 64;

/// When a client starts new requests.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pace {
    /// A new request this often, whether or not earlier ones have finished.
    Every(Duration),
    /// The next request this long after the previous one finished.
    AfterEach(Duration),
}

/// How a client behaves.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ClientConfig {
    /// Where it sends its requests.
    pub target: NodeId,
    /// What every request asks for.
    pub op: Op,
    pub pace: Pace,
    /// Local time before its first request.
    pub start_after: Duration,
    /// How many requests it makes in all; `None` means it never stops.
    pub limit: Option<u32>,
    /// How long it waits for a reply before trying again or giving up.
    pub timeout: Duration,
    /// How many times it sends a request again after the first attempt.
    pub max_retries: u32,
    /// Whether each request carries an idempotency key (the same one on
    /// every retry), so the server can tell a retry from a new request.
    pub idempotency_keys: bool,
    /// Whether the picture shows how long its latest answer took.
    pub wait_shown: bool,
}

impl ClientConfig {
    /// A client that adds 10 to the balance at `target` every second,
    /// waiting 300 ms for each reply and retrying twice, without keys.
    pub fn new(target: NodeId) -> Self {
        ClientConfig {
            target,
            op: Op::Add(10),
            pace: Pace::Every(seconds(1)),
            start_after: millis(100),
            limit: None,
            timeout: millis(300),
            max_retries: 2,
            idempotency_keys: false,
            wait_shown: false,
        }
    }

    pub fn op(mut self, op: Op) -> Self {
        self.op = op;
        self
    }

    pub fn pace(mut self, pace: Pace) -> Self {
        self.pace = pace;
        self
    }

    pub fn start_after(mut self, wait: Duration) -> Self {
        self.start_after = wait;
        self
    }

    pub fn limit(mut self, requests: u32) -> Self {
        self.limit = Some(requests);
        self
    }

    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    pub fn max_retries(mut self, retries: u32) -> Self {
        self.max_retries = retries;
        self
    }

    pub fn idempotency_keys(mut self, on: bool) -> Self {
        self.idempotency_keys = on;
        self
    }

    /// Shows how long its latest answer took, on the picture.
    pub fn showing_wait(mut self) -> Self {
        self.wait_shown = true;
        self
    }
}

/// What the client saw of one finished request, by its own clock.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RequestRecord {
    pub seq: u64,
    /// How many times it was sent (1 + retries).
    pub attempts: u32,
    /// Local time of the first attempt.
    pub sent_at: i64,
    /// Local time it was answered or given up on.
    pub ended_at: i64,
    /// The answer, or `None` if the client gave up waiting.
    pub answer: Option<Outcome>,
}

impl RequestRecord {
    /// How long the client waited, by its own clock.
    pub fn waited(&self) -> Duration {
        u64::try_from(self.ended_at.saturating_sub(self.sent_at)).unwrap_or(0)
    }
}

/// A client's running totals.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ClientTally {
    pub started: u64,
    pub succeeded: u64,
    /// Answered with a refusal or an error.
    pub failed: u64,
    pub gave_up: u64,
    pub retries: u64,
    /// Replies for requests already finished (answered or given up on).
    pub late_replies: u64,
}

/// A request sent and not yet finished.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct InFlight {
    /// The operation in the run's history.
    called: OperationId,
    key: Option<u64>,
    attempts: u32,
    sent_at: i64,
}

/// One client. Its request numbers, tallies and records survive a crash
/// (ids are never reused); requests in flight are forgotten.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Client {
    pub config: ClientConfig,
    next_seq: u64,
    tally: ClientTally,
    records: VecDeque<RequestRecord>,
    in_flight: BTreeMap<u64, InFlight>,
}

impl Client {
    pub fn new(config: ClientConfig) -> Self {
        Client {
            config,
            next_seq: 0,
            tally: ClientTally::default(),
            records: VecDeque::new(),
            in_flight: BTreeMap::new(),
        }
    }

    pub fn tally(&self) -> ClientTally {
        self.tally
    }

    /// The most recent finished requests, oldest first.
    pub fn records(&self) -> impl DoubleEndedIterator<Item = &RequestRecord> + ExactSizeIterator + '_ {
        self.records.iter()
    }

    /// How long it waited for its latest answered request, by its own
    /// clock; `None` before any answer.
    pub fn last_wait(&self) -> Option<Duration> {
        self.records
            .iter()
            .rev()
            .find(|r| r.answer.is_some())
            .map(RequestRecord::waited)
    }

    /// How many of its requests were answered, well or not.
    pub fn answers(&self) -> u64 {
        self.tally.succeeded + self.tally.failed
    }

    /// The sequence numbers and attempts so far of requests still waiting.
    pub fn in_flight(&self) -> impl Iterator<Item = (u64, u32)> + '_ {
        self.in_flight.iter().map(|(&seq, f)| (seq, f.attempts))
    }

    fn may_start_more(&self) -> bool {
        self.config
            .limit
            .is_none_or(|limit| self.tally.started < u64::from(limit))
    }

    pub(super) fn on_start(&mut self, ctx: &mut Context<'_, RpcMsg>) {
        if self.may_start_more() {
            ctx.set_timer(NEXT_REQUEST, self.config.start_after);
        }
    }

    pub(super) fn on_timer(&mut self, ctx: &mut Context<'_, RpcMsg>, tag: TimerTag) {
        if tag == NEXT_REQUEST {
            self.begin(ctx);
            if let Pace::Every(every) = self.config.pace {
                if self.may_start_more() {
                    ctx.set_timer(NEXT_REQUEST, every);
                }
            }
        } else {
            self.timed_out(ctx, tag - 1);
        }
    }

    pub(super) fn on_message(&mut self, ctx: &mut Context<'_, RpcMsg>, msg: RpcMsg) {
        let RpcMsg::Reply { id, outcome } = msg else {
            return;
        };
        let mine = id.client == ctx.me();
        let Some(done) = mine.then(|| self.in_flight.remove(&id.seq)).flatten() else {
            self.tally.late_replies += 1;
            ctx.observe(Observation::Count("late reply"));
            return;
        };
        ctx.cancel_timer(timeout_tag(id.seq));
        match (self.config.op, outcome) {
            (Op::Read, Outcome::Ok(balance)) => ctx.answered(done.called, Ret::Value(Some(balance))),
            (Op::Add(_), Outcome::Ok(_)) => ctx.answered(done.called, Ret::Done),
            (_, Outcome::Refused(_) | Outcome::Error(_)) => ctx.failed(done.called, Failure::Refused),
        }
        if let Outcome::Ok(_) = outcome {
            self.tally.succeeded += 1;
            let latency = u64::try_from(ctx.local_now().saturating_sub(done.sent_at)).unwrap_or(0);
            ctx.observe(Observation::RequestSucceeded { latency });
        } else {
            self.tally.failed += 1;
            ctx.observe(Observation::RequestFailed);
        }
        self.finish(ctx, id.seq, done, Some(outcome));
    }

    pub(super) fn forget_volatile(&mut self) {
        self.in_flight.clear();
    }

    fn begin(&mut self, ctx: &mut Context<'_, RpcMsg>) {
        let seq = self.next_seq;
        self.next_seq += 1;
        let key = self.config.idempotency_keys.then(|| ctx.random_below(u64::MAX));
        let called = ctx.invoke(self.config.op.call());
        let request = InFlight {
            called,
            key,
            attempts: 1,
            sent_at: ctx.local_now(),
        };
        self.in_flight.insert(seq, request);
        self.tally.started += 1;
        ctx.observe(Observation::RequestStarted);
        self.send(ctx, seq, key);
    }

    fn send(&self, ctx: &mut Context<'_, RpcMsg>, seq: u64, key: Option<u64>) {
        let id = RequestId { client: ctx.me(), seq };
        ctx.send(
            self.config.target,
            RpcMsg::Request {
                id,
                key,
                op: self.config.op,
            },
        );
        ctx.set_timer(timeout_tag(seq), self.config.timeout);
    }

    fn timed_out(&mut self, ctx: &mut Context<'_, RpcMsg>, seq: u64) {
        let Some(request) = self.in_flight.get_mut(&seq) else {
            return;
        };
        if request.attempts <= self.config.max_retries {
            request.attempts += 1;
            let key = request.key;
            self.tally.retries += 1;
            ctx.observe(Observation::Retry);
            self.send(ctx, seq, key);
        } else if let Some(request) = self.in_flight.remove(&seq) {
            ctx.failed(request.called, Failure::TimedOut);
            self.tally.gave_up += 1;
            ctx.observe(Observation::RequestTimedOut);
            self.finish(ctx, seq, request, None);
        }
    }

    fn finish(&mut self, ctx: &mut Context<'_, RpcMsg>, seq: u64, request: InFlight, answer: Option<Outcome>) {
        if self.records.len() == RECORDS_KEPT {
            self.records.pop_front();
        }
        self.records.push_back(RequestRecord {
            seq,
            attempts: request.attempts,
            sent_at: request.sent_at,
            ended_at: ctx.local_now(),
            answer,
        });
        if let Pace::AfterEach(pause) = self.config.pace {
            if self.may_start_more() {
                ctx.set_timer(NEXT_REQUEST, pause);
            }
        }
    }

    pub(super) fn describe(&self) -> Vec<Fact> {
        let waiting: Vec<String> = self
            .in_flight
            .iter()
            .map(|(seq, f)| format!("request {seq} (attempt {})", f.attempts))
            .collect();
        let last = self.records.back().map_or("none yet".to_string(), |r| match r.answer {
            Some(outcome) => format!(
                "request {}: {outcome} after {}",
                r.seq,
                count(u64::from(r.attempts), "attempt")
            ),
            None => format!(
                "request {}: gave up after {}",
                r.seq,
                count(u64::from(r.attempts), "attempt")
            ),
        });
        let t = self.tally;
        let mut facts = vec![
            Fact::new(
                "sends to",
                Value::Node {
                    node: Some(self.config.target),
                    none: "nobody",
                },
            ),
            Fact::new("asks for", Value::words(self.config.op.to_string())),
        ];
        if self.config.idempotency_keys {
            facts.push(Fact::new("idempotency keys", Value::words("on every save")));
        }
        let waiting = if waiting.is_empty() {
            "nothing".to_string()
        } else {
            waiting.join(", ")
        };
        facts.extend([
            Fact::in_memory("waiting for", Value::words(waiting)),
            Fact::new("last request", Value::words(last)),
            Fact::new("started", Value::number(t.started)),
            Fact::new("succeeded", Value::number(t.succeeded)),
            Fact::new("failed", Value::number(t.failed)),
            Fact::new("gave up", Value::number(t.gave_up)),
        ]);
        if self.config.max_retries > 0 {
            facts.push(Fact::new("retries", Value::number(t.retries)));
        }
        facts.push(Fact::new("late replies", Value::number(t.late_replies)));
        facts
    }
}
