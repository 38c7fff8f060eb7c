//! A server: it spends its service time on each request, then either does
//! the work itself against its durable [`Ledger`] (answering a repeated
//! idempotency key from memory, if it is set up to honour keys) or, if it
//! has a backend for that kind of operation (a web server in front of its
//! database), queries the backend and waits, answering with an error if the
//! backend does not answer in time. The same type plays the database, a
//! replica (which takes copies of the primary's writes) and a cache (which
//! answers reads from a remembered value while it is fresh). Its role name
//! is only for display.

use crate::sim::lookup::Lookup;
use crate::sim::{millis, Context, Duration, Fact, NodeId, Observation, Repeats, TimerTag, Value};
use crate::sim::{Part, Role};

use super::ledger::{Execution, Ledger};
use super::message::{Op, Outcome, RequestId, RpcMsg};

/// A server that answers requests itself.
pub const SERVER: Role = Role::new(Part::Server, "server");
/// A server that builds pages from the data behind it.
pub const WEB_SERVER: Role = Role::new(Part::Server, "web server");
/// A server that keeps recent answers from the database.
pub const CACHE: Role = Role::new(Part::Cache, "cache");
/// A server that keeps the data.
pub const DATABASE: Role = Role::new(Part::Database, "database");

/// How a server is set up.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ServerConfig {
    /// The part it plays and what the page calls it ([`SERVER`],
    /// [`WEB_SERVER`], [`CACHE`], [`DATABASE`]).
    pub role: Role,
    /// Local time it spends on each request or query before acting.
    pub service_time: Duration,
    /// Where it sends reads; `None` means it reads its own ledger.
    pub reads_via: Option<NodeId>,
    /// Where it sends writes; `None` means it writes its own ledger.
    pub writes_via: Option<NodeId>,
    /// How long it waits for a backend before answering with an error.
    pub backend_timeout: Duration,
    /// If set, a read result is kept and reused for this long (a cache).
    pub cache_for: Option<Duration>,
    /// Nodes it sends a copy of its state to after each write it applies.
    pub replicas: Vec<NodeId>,
    /// Whether it honours idempotency keys: remembers the answer given to
    /// each key and answers a repeat from memory. Without this it ignores
    /// keys, like a server that was never built for them.
    pub idempotency_keys: bool,
    /// Whether its picture shows the balance it keeps. Off where nothing
    /// about the balance matters: its clients only read, or the lesson is
    /// about something else.
    pub balance_shown: bool,
    /// Whether its picture shows the saves it ran twice and the keys it
    /// keeps: where its clients retry.
    pub repeats_shown: bool,
}

impl ServerConfig {
    /// A server that does everything itself, taking 2 ms per request.
    pub fn new(role: Role) -> Self {
        ServerConfig {
            role,
            service_time: millis(2),
            reads_via: None,
            writes_via: None,
            backend_timeout: millis(100),
            cache_for: None,
            replicas: Vec::new(),
            idempotency_keys: false,
            balance_shown: true,
            repeats_shown: false,
        }
    }

    /// Show the saves it ran twice and the keys it keeps, or not.
    pub fn showing_repeats(mut self, shown: bool) -> Self {
        self.repeats_shown = shown;
        self
    }

    /// Keep the balance out of its picture (it stays in its menu).
    pub fn hiding_balance(mut self) -> Self {
        self.balance_shown = false;
        self
    }

    pub fn serving_in(mut self, service_time: Duration) -> Self {
        self.service_time = service_time;
        self
    }

    /// Send reads and writes to `backend` (a web server and its database).
    pub fn backed_by(self, backend: NodeId) -> Self {
        self.reads_via(backend).writes_via(backend)
    }

    pub fn reads_via(mut self, backend: NodeId) -> Self {
        self.reads_via = Some(backend);
        self
    }

    pub fn writes_via(mut self, backend: NodeId) -> Self {
        self.writes_via = Some(backend);
        self
    }

    pub fn backend_timeout(mut self, timeout: Duration) -> Self {
        self.backend_timeout = timeout;
        self
    }

    pub fn caching_for(mut self, fresh_for: Duration) -> Self {
        self.cache_for = Some(fresh_for);
        self
    }

    pub fn copying_to(mut self, replicas: Vec<NodeId>) -> Self {
        self.replicas = replicas;
        self
    }

    /// Honour idempotency keys, or not.
    pub fn idempotency_keys(mut self, honoured: bool) -> Self {
        self.idempotency_keys = honoured;
        self
    }
}

/// How to answer whoever asked: a request gets a reply, a query a result.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Answer {
    Reply,
    Result(u64),
}

/// A request held while the backend works on it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Waiting {
    from: NodeId,
    id: RequestId,
    op: Op,
    answer: Answer,
}

/// A remembered read: the balance, and when (local time) it was fetched.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Cached {
    balance: i64,
    at: i64,
}

/// One server. The ledger, its tallies and its ticket counter are durable;
/// requests waiting on the backend and the cache are lost in a crash.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Server {
    pub config: ServerConfig,
    ledger: Ledger,
    served: u64,
    next_ticket: u64,
    waiting: Lookup<u64, Waiting>,
    cached: Option<Cached>,
}

impl Server {
    pub fn new(config: ServerConfig) -> Self {
        Server {
            config,
            ledger: Ledger::default(),
            served: 0,
            next_ticket: 0,
            waiting: Lookup::default(),
            cached: None,
        }
    }

    pub fn ledger(&self) -> &Ledger {
        &self.ledger
    }

    /// The stored balance.
    pub fn balance(&self) -> i64 {
        self.ledger.balance()
    }

    /// How many requests and queries it has taken on.
    pub fn served(&self) -> u64 {
        self.served
    }

    pub(super) fn on_message(&mut self, ctx: &mut Context<'_, RpcMsg>, from: NodeId, msg: RpcMsg) {
        match msg {
            RpcMsg::Request { id, key, op } => self.take(ctx, from, id, key, op, Answer::Reply),
            RpcMsg::Query { ticket, id, key, op } => self.take(ctx, from, id, key, op, Answer::Result(ticket)),
            RpcMsg::Result { ticket, outcome } => self.backend_answered(ctx, ticket, outcome),
            RpcMsg::Copy { version, balance } => self.ledger.copy_in(version, balance),
            RpcMsg::Reply { .. } => ctx.observe(Observation::Count("stray reply")),
        }
    }

    /// A backend query's timer is its ticket: no answer in time means an error.
    pub(super) fn on_timer(&mut self, ctx: &mut Context<'_, RpcMsg>, tag: TimerTag) {
        if let Some(waiting) = self.waiting.remove(&tag) {
            ctx.observe(Observation::Count("backend did not answer"));
            respond(ctx, waiting, Outcome::Error("the backend did not answer"));
        }
    }

    pub(super) fn forget_volatile(&mut self) {
        self.waiting.clear();
        self.cached = None;
    }

    fn take(
        &mut self,
        ctx: &mut Context<'_, RpcMsg>,
        from: NodeId,
        id: RequestId,
        key: Option<u64>,
        op: Op,
        answer: Answer,
    ) {
        ctx.work(self.config.service_time);
        self.served += 1;
        let request = Waiting { from, id, op, answer };
        if let (Op::Read, Some(cached)) = (op, self.fresh_cache(ctx.local_now())) {
            ctx.observe(Observation::Count("cache hit"));
            respond(ctx, request, Outcome::Ok(cached));
            return;
        }
        let backend = if op.writes() {
            self.config.writes_via
        } else {
            self.config.reads_via
        };
        match backend {
            Some(backend) => {
                let ticket = self.next_ticket;
                self.next_ticket += 1;
                self.waiting.insert(ticket, request);
                ctx.send(backend, RpcMsg::Query { ticket, id, key, op });
                ctx.set_timer(ticket, self.config.backend_timeout);
            }
            None => self.execute_here(ctx, request, key),
        }
    }

    /// Run a request against this server's own ledger, copy a write to the
    /// replicas, and answer.
    fn execute_here(&mut self, ctx: &mut Context<'_, RpcMsg>, request: Waiting, key: Option<u64>) {
        let key = key.filter(|_| self.config.idempotency_keys);
        let execution = self.ledger.execute(request.id, key, request.op);
        match execution {
            Execution::Ran { again: true, .. } => ctx.observe(Observation::Count("applied twice")),
            Execution::Remembered(_) => ctx.observe(Observation::Count("answered from memory")),
            Execution::Ran { .. } => {}
        }
        let written = match execution {
            Execution::Ran {
                outcome: Outcome::Ok(balance),
                ..
            } if request.op.writes() => Some(balance),
            _ => None,
        };
        if let Some(balance) = written {
            let version = self.ledger.version();
            for &replica in &self.config.replicas {
                ctx.send(replica, RpcMsg::Copy { version, balance });
            }
        }
        respond(ctx, request, execution.outcome());
    }

    fn backend_answered(&mut self, ctx: &mut Context<'_, RpcMsg>, ticket: u64, outcome: Outcome) {
        let Some(waiting) = self.waiting.remove(&ticket) else {
            ctx.observe(Observation::Count("late result"));
            return;
        };
        ctx.cancel_timer(ticket);
        if let (Op::Read, Some(_), Outcome::Ok(balance)) = (waiting.op, self.config.cache_for, outcome) {
            self.cached = Some(Cached {
                balance,
                at: ctx.local_now(),
            });
        }
        respond(ctx, waiting, outcome);
    }

    fn fresh_cache(&self, now: i64) -> Option<i64> {
        let fresh_for = i64::try_from(self.config.cache_for?).unwrap_or(i64::MAX);
        self.cached
            .filter(|c| now.saturating_sub(c.at) < fresh_for)
            .map(|c| c.balance)
    }

    /// What its picture shows of repeated saves, where it shows them.
    pub fn repeats(&self) -> Option<Repeats> {
        self.config.repeats_shown.then(|| Repeats {
            twice: self.ledger.applied_twice(),
            keys_kept: self
                .config
                .idempotency_keys
                .then(|| u64::try_from(self.ledger.remembered_keys()).unwrap_or(u64::MAX)),
        })
    }

    pub(super) fn describe(&self) -> Vec<Fact> {
        let mut facts = vec![Fact::new("requests served", Value::number(self.served))];
        if self.config.writes_via.is_none() && self.config.balance_shown {
            facts.push(Fact::new("balance", Value::number(self.ledger.balance())));
            facts.push(Fact::new("writes applied", Value::number(self.ledger.version())));
            if self.config.idempotency_keys {
                facts.push(Fact::new(
                    "idempotency keys kept",
                    Value::number(self.ledger.remembered_keys()),
                ));
            }
            facts.push(Fact::new(
                "writes applied twice",
                Value::number(self.ledger.applied_twice()),
            ));
        }
        let backends = [
            ("reads go to", self.config.reads_via),
            ("writes go to", self.config.writes_via),
        ];
        for (what, backend) in backends.into_iter().filter(|(_, b)| b.is_some()) {
            facts.push(Fact::new(
                what,
                Value::Node {
                    node: backend,
                    none: "nobody",
                },
            ));
        }
        if self.config.reads_via.is_some() || self.config.writes_via.is_some() {
            facts.push(Fact::in_memory(
                "waiting on backend",
                Value::Count(self.waiting.len() as u64, "request"),
            ));
        }
        if self.config.cache_for.is_some() {
            let cached = self
                .cached
                .map_or(Value::words("nothing"), |c| Value::number(c.balance));
            facts.push(Fact::in_memory("cached balance", cached));
        }
        if !self.config.replicas.is_empty() {
            let replicas = self.config.replicas.clone();
            facts.push(Fact::new(
                "copies writes to",
                Value::Nodes {
                    nodes: replicas,
                    none: "nobody",
                },
            ));
        }
        facts
    }
}

fn respond(ctx: &mut Context<'_, RpcMsg>, to: Waiting, outcome: Outcome) {
    let msg = match to.answer {
        Answer::Reply => RpcMsg::Reply { id: to.id, outcome },
        Answer::Result(ticket) => RpcMsg::Result { ticket, outcome },
    };
    ctx.send(to.from, msg);
}
