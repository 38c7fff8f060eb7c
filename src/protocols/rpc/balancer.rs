//! A load balancer: it takes clients' requests and forwards each one to one
//! of its servers, round-robin or to whichever has the fewest requests
//! outstanding, and passes the servers' replies back to the clients. It
//! does no work of its own. If a forwarded request is not answered in time
//! it stops counting it and, when configured to, avoids that server for a
//! while if it has not answered anything since; it takes the server back as
//! soon as it answers again.

use crate::sim::lookup::Lookup;
use crate::sim::{millis, Context, Duration, Fact, NodeId, Observation, Phrase, TimerTag, Value};

use super::message::{Outcome, RequestId, RpcMsg};

/// How the balancer picks a server.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Strategy {
    /// Each server in turn.
    RoundRobin,
    /// The server with the fewest requests outstanding (ties in turn).
    LeastOutstanding,
}

/// How a load balancer is set up.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BalancerConfig {
    pub servers: Vec<NodeId>,
    pub strategy: Strategy,
    /// How long it counts a forwarded request as outstanding.
    pub forward_timeout: Duration,
    /// If set, a server that let a request time out without answering
    /// anything since is skipped for this long (unless every server is).
    pub avoid_for: Option<Duration>,
}

impl BalancerConfig {
    /// Round-robin over `servers`, never skipping one, forgetting a
    /// forwarded request after 250 ms.
    pub fn new(servers: Vec<NodeId>) -> Self {
        BalancerConfig {
            servers,
            strategy: Strategy::RoundRobin,
            forward_timeout: millis(250),
            avoid_for: None,
        }
    }

    pub fn strategy(mut self, strategy: Strategy) -> Self {
        self.strategy = strategy;
        self
    }

    pub fn forward_timeout(mut self, timeout: Duration) -> Self {
        self.forward_timeout = timeout;
        self
    }

    pub fn avoiding_silent_servers_for(mut self, wait: Duration) -> Self {
        self.avoid_for = Some(wait);
        self
    }
}

/// A request forwarded and not yet answered: to the server at this index,
/// at this local time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Forwarded {
    id: RequestId,
    server: usize,
    sent_at: i64,
}

/// One load balancer. Its tallies and ticket counter are durable; what is
/// outstanding and which servers it avoids are lost in a crash.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Balancer {
    pub config: BalancerConfig,
    next_ticket: u64,
    /// Requests forwarded to each server, in all.
    forwarded: Vec<u64>,
    turn: usize,
    /// Outstanding forwards by ticket (also the ticket's timer tag).
    outstanding: Lookup<u64, Forwarded>,
    by_request: Lookup<(RequestId, NodeId), u64>,
    in_flight: Vec<u32>,
    /// Local time each server last answered.
    last_heard: Vec<i64>,
    /// Local time until which each server is avoided.
    avoid_until: Vec<i64>,
}

impl Balancer {
    pub fn new(config: BalancerConfig) -> Self {
        let n = config.servers.len();
        Balancer {
            config,
            next_ticket: 0,
            forwarded: vec![0; n],
            turn: 0,
            outstanding: Lookup::default(),
            by_request: Lookup::default(),
            in_flight: vec![0; n],
            last_heard: vec![i64::MIN; n],
            avoid_until: vec![i64::MIN; n],
        }
    }

    /// How many requests it has forwarded to each server, in server order.
    pub fn forwarded(&self) -> &[u64] {
        &self.forwarded
    }

    /// The servers it is avoiding at local time `now`.
    pub fn avoided(&self, now: i64) -> Vec<NodeId> {
        self.config
            .servers
            .iter()
            .zip(&self.avoid_until)
            .filter(|&(_, &until)| now < until)
            .map(|(&server, _)| server)
            .collect()
    }

    /// The servers it has stepped around since they last answered: each
    /// is tried again now and then, and taken back once it answers.
    pub fn silent(&self) -> Vec<NodeId> {
        self.config
            .servers
            .iter()
            .zip(&self.avoid_until)
            .filter(|&(_, &until)| until != i64::MIN)
            .map(|(&server, _)| server)
            .collect()
    }

    pub(super) fn on_message(&mut self, ctx: &mut Context<'_, RpcMsg>, from: NodeId, msg: RpcMsg) {
        match msg {
            RpcMsg::Request { id, key, op } => match self.pick(ctx.local_now()) {
                Some(server) => {
                    let to = self.config.servers[server];
                    let ticket = self.next_ticket;
                    self.next_ticket += 1;
                    let sent_at = ctx.local_now();
                    self.outstanding.insert(ticket, Forwarded { id, server, sent_at });
                    self.by_request.insert((id, to), ticket);
                    self.in_flight[server] += 1;
                    self.forwarded[server] += 1;
                    ctx.send(to, RpcMsg::Request { id, key, op });
                    ctx.set_timer(ticket, self.config.forward_timeout);
                }
                None => {
                    let outcome = Outcome::Error("no servers behind the load balancer");
                    ctx.send(from, RpcMsg::Reply { id, outcome });
                }
            },
            RpcMsg::Reply { id, outcome } => {
                if let Some(ticket) = self.by_request.remove(&(id, from)) {
                    ctx.cancel_timer(ticket);
                    self.settle(ticket);
                }
                if let Some(server) = self.config.servers.iter().position(|&s| s == from) {
                    self.last_heard[server] = ctx.local_now();
                    self.avoid_until[server] = i64::MIN;
                }
                ctx.send(id.client, RpcMsg::Reply { id, outcome });
            }
            RpcMsg::Query { .. } | RpcMsg::Result { .. } | RpcMsg::Copy { .. } => {
                ctx.observe(Observation::Count("stray message at the load balancer"));
            }
        }
    }

    /// A forward's timer is its ticket: its server did not answer in time.
    pub(super) fn on_timer(&mut self, ctx: &mut Context<'_, RpcMsg>, tag: TimerTag) {
        let Some(gone) = self.settle(tag) else {
            return;
        };
        let to = self.config.servers[gone.server];
        if self.by_request.get(&(gone.id, to)) == Some(&tag) {
            self.by_request.remove(&(gone.id, to));
        }
        let silent = self.last_heard[gone.server] < gone.sent_at;
        if let (Some(wait), true) = (self.config.avoid_for, silent) {
            let wait = i64::try_from(wait).unwrap_or(i64::MAX);
            self.avoid_until[gone.server] = ctx.local_now().saturating_add(wait);
            ctx.observe(Observation::Count("server avoided"));
        }
    }

    pub(super) fn forget_volatile(&mut self) {
        self.turn = 0;
        self.outstanding.clear();
        self.by_request.clear();
        self.in_flight.iter_mut().for_each(|n| *n = 0);
        self.last_heard.iter_mut().for_each(|t| *t = i64::MIN);
        self.avoid_until.iter_mut().for_each(|t| *t = i64::MIN);
    }

    fn settle(&mut self, ticket: u64) -> Option<Forwarded> {
        let gone = self.outstanding.remove(&ticket)?;
        self.in_flight[gone.server] = self.in_flight[gone.server].saturating_sub(1);
        Some(gone)
    }

    /// The index of the server to use next, or `None` if there are none.
    fn pick(&mut self, now: i64) -> Option<usize> {
        let n = self.config.servers.len();
        let in_turn = (0..n).map(|i| (self.turn + i) % n);
        let avoid_until = &self.avoid_until;
        let healthy = |s: usize| now >= avoid_until[s];
        let any_healthy = in_turn.clone().any(healthy);
        let mut candidates = in_turn.filter(|&s| !any_healthy || healthy(s));
        let chosen = match self.config.strategy {
            Strategy::RoundRobin => candidates.next(),
            Strategy::LeastOutstanding => candidates.min_by_key(|&s| self.in_flight[s]),
        }?;
        self.turn = (chosen + 1) % n;
        Some(chosen)
    }

    pub(super) fn describe(&self) -> Vec<Fact> {
        let per_server = self
            .config
            .servers
            .iter()
            .zip(self.forwarded.iter().zip(&self.in_flight))
            .map(|(&server, (sent, waiting))| Phrase::node(server).then(&format!(": {sent} sent, {waiting} waiting")));
        let strategy = match self.config.strategy {
            Strategy::RoundRobin => "round robin",
            Strategy::LeastOutstanding => "fewest outstanding",
        };
        vec![
            Fact::new("picks by", Value::words(strategy)),
            Fact::new("servers", Value::Said(Phrase::joined(per_server, "; "))),
            Fact::in_memory("outstanding", Value::Count(self.outstanding.len() as u64, "request")),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn balancer(strategy: Strategy) -> Balancer {
        Balancer::new(BalancerConfig::new(vec![NodeId(1), NodeId(2), NodeId(3)]).strategy(strategy))
    }

    #[test]
    fn round_robin_takes_turns() {
        let mut b = balancer(Strategy::RoundRobin);
        let picks: Vec<_> = (0..5).filter_map(|_| b.pick(0)).collect();
        assert_eq!(picks, vec![0, 1, 2, 0, 1]);
    }

    #[test]
    fn least_outstanding_prefers_the_idle_server() {
        let mut b = balancer(Strategy::LeastOutstanding);
        b.in_flight = vec![3, 0, 1];
        assert_eq!(b.pick(0), Some(1));
        b.in_flight = vec![2, 2, 2];
        assert_eq!(b.pick(0), Some(2), "a tie goes to whoever's turn it is");
    }

    #[test]
    fn avoided_servers_are_skipped_until_all_are() {
        let mut b = balancer(Strategy::RoundRobin);
        b.avoid_until = vec![100, i64::MIN, 100];
        assert_eq!(b.pick(0), Some(1));
        assert_eq!(b.pick(0), Some(1));
        assert_eq!(b.avoided(0), vec![NodeId(1), NodeId(3)]);
        b.avoid_until = vec![100; 3];
        assert_eq!(b.pick(0), Some(2), "with every server avoided, it takes turns anyway");
        assert_eq!(b.pick(200), Some(0), "avoidance runs out");
    }

    #[test]
    fn no_servers_no_pick() {
        let mut b = Balancer::new(BalancerConfig::new(Vec::new()));
        assert_eq!(b.pick(0), None);
    }
}
