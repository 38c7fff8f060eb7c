//! How much work a scenario asks of the engine, estimated from its
//! parameters alone: no simulation, a handful of arithmetic per cluster, so
//! it can run on every keystroke of a teacher building a link.
//!
//! Each cluster kind knows its rhythm from its presets: how often its
//! timers fire, which messages each timer or request sets off, and how the
//! link changes that. Every message sent is one engine event (it arrives or
//! is lost), a duplicated message two; a message sent after local work takes
//! one more (it leaves when the work is done); every timer that goes off is
//! one; a node that finishes work with more waiting in its inbox takes one
//! more.
//! Closed-loop clients (those that wait for an answer before the next
//! request) slow down as the link's latency grows; timeouts and retries add
//! work when the link loses messages or is slower than the timeout; a
//! server with more requests than it can serve answers only what it can.
//!
//! The figures are averages, meant to be within a small factor of a real
//! run (`tests/scenario_estimate.rs` measures that), not exact counts.

use crate::sim::{Action, LinkConfig, NetworkConfig, SECOND};

use super::cluster::ClusterSpec;
use super::Scenario;

const MILLION: f64 = 1_000_000.0;

/// Seconds as a float, from whole milliseconds.
fn ms(value: f64) -> f64 {
    value / 1_000.0
}

/// What a link does to the messages sent over it, on average.
#[derive(Clone, Copy, Debug)]
struct Wire {
    /// Mean one-way delay, in seconds.
    delay: f64,
    /// Longest one-way delay (without reordering), in seconds.
    slowest: f64,
    /// Shortest one-way delay, in seconds.
    fastest: f64,
    /// Engine events per message sent: one, or two when duplicated.
    sends: f64,
    /// Copies handled by the receiver per message sent.
    delivered: f64,
    /// Chance that at least one copy of a message arrives.
    reach: f64,
    /// Chance that a message is lost.
    loss: f64,
    /// Chance that a message is held back.
    reorder: f64,
}

impl Wire {
    fn new(link: &LinkConfig, extra_delay: f64) -> Self {
        let latency = link.latency as f64 / SECOND as f64 + extra_delay;
        let jitter = link.jitter as f64 / SECOND as f64;
        let loss = f64::from(link.loss.min(1_000_000)) / MILLION;
        let duplicate = f64::from(link.duplicate.min(1_000_000)) / MILLION;
        let reorder = f64::from(link.reorder.min(1_000_000)) / MILLION;
        let sends = 1.0 + duplicate;
        Wire {
            delay: latency + jitter / 2.0 + reorder * (latency + jitter),
            slowest: latency + jitter,
            fastest: latency,
            sends,
            delivered: sends * (1.0 - loss),
            reach: 1.0 - loss * (1.0 - duplicate + duplicate * loss),
            loss,
            reorder,
        }
    }

    /// Mean time for a message there and its answer back, in seconds.
    fn round_trip(&self) -> f64 {
        2.0 * self.delay
    }

    /// Chance that a request and its answer both get through.
    fn answered(&self) -> f64 {
        self.reach * self.reach
    }
}

/// What one request handed to a node costs, from the moment it is handled
/// until the node's answer is on the wire.
#[derive(Clone, Copy, Debug)]
struct Answer {
    /// Engine events it sets off, the answer's own included.
    events: f64,
    /// Seconds from handling the request to sending the answer.
    delay: f64,
}

/// The chance that a timer of `timeout` seconds, waiting for something that
/// takes `takes` seconds and gets through with chance `answered`, goes off.
fn fires(timeout: f64, takes: f64, answered: f64) -> f64 {
    if takes >= timeout {
        1.0
    } else {
        1.0 - answered
    }
}

/// A server spending `service` seconds per request, busy `busy` of the
/// time, answering itself or after asking `backend` (with a timeout).
/// Whatever it sends after its work (the answer, or the backend query)
/// leaves at an event of its own.
fn server(wire: &Wire, service: f64, busy: f64, backend: Option<(Answer, f64)>) -> Answer {
    let own = busy.min(1.0) + departs_after(service) + wire.sends;
    match backend {
        None => Answer {
            events: own,
            delay: service,
        },
        Some((below, timeout)) => {
            let takes = wire.round_trip() + below.delay;
            Answer {
                events: own + wire.sends + wire.delivered * below.events + fires(timeout, takes, wire.answered()),
                delay: service + takes.min(timeout),
            }
        }
    }
}

/// A load balancer forwarding a request to `server` (with a timeout) and
/// relaying every answer it gets back.
fn balancer(wire: &Wire, server: Answer, timeout: f64) -> Answer {
    let takes = wire.round_trip() + server.delay;
    Answer {
        events: wire.sends
            + wire.delivered * server.events
            + fires(timeout, takes, wire.answered())
            + wire.delivered * wire.delivered * wire.sends,
        delay: takes,
    }
}

/// An RPC client's request: the timer that starts it, then up to
/// `attempts` sends of it, each waiting `timeout` seconds for `answer`.
/// Returns the events per request and the seconds until it is settled.
fn request(wire: &Wire, answer: Answer, timeout: f64, attempts: u32) -> (f64, f64) {
    // The first answer back comes from whichever attempt had the quickest
    // trip: with many attempts under a wide jitter, much sooner than the
    // average trip. Trips take `slower` seconds more than the quickest on
    // average, and jitter spreads them over `width` seconds.
    let slower = (wire.round_trip() - 2.0 * wire.fastest).max(0.0);
    let width = 2.0 * (wire.slowest - wire.fastest);
    let first_back = if attempts > 1 {
        // Only trips held back on neither leg can be quick.
        let straight = (1.0 - wire.reorder).max(1e-3);
        let quick = 1.2 * (timeout * width).sqrt() / straight + timeout * (1.0 / (straight * straight) - 1.0);
        slower.min(quick)
    } else {
        slower
    };
    let attempts = f64::from(attempts.max(1));
    let takes = 2.0 * wire.fastest + first_back + answer.delay;
    let in_time = if takes < timeout { wire.answered() } else { 0.0 };
    let (sent, fired, settled) = if takes >= timeout * attempts {
        (attempts, attempts, timeout * attempts)
    } else {
        // Attempts made while the first answer is still on its way, then
        // more as long as losses make them time out.
        let waiting = (takes / timeout).floor();
        let left = attempts - waiting;
        let missed = 1.0 - in_time.max(if waiting > 0.0 { wire.answered() } else { 0.0 });
        let more = (0..left as u32).map(|j| missed.powi(j as i32)).sum::<f64>();
        let gave_up = missed.powf(left);
        let sent = (waiting + more).min(attempts);
        (sent, sent - 1.0 + gave_up, takes.max(timeout * (sent - 1.0)))
    };
    let per_attempt = wire.sends + wire.delivered * answer.events;
    (1.0 + sent * per_attempt + fired, settled)
}

/// The event of a message leaving once `service` seconds of work are done
/// (none when there is no work: the message leaves at once).
fn departs_after(service: f64) -> f64 {
    if service > 0.0 {
        1.0
    } else {
        0.0
    }
}

/// How busy a node with `arrivals` requests per second taking `service`
/// seconds each is, and the share of them it serves.
fn load(arrivals: f64, service: f64) -> (f64, f64) {
    let busy = arrivals * service;
    if busy <= 1.0 {
        (busy, 1.0)
    } else {
        (1.0, 1.0 / busy)
    }
}

/// Scale the answer of an overloaded server: only `served` of the requests
/// get served and answered, and those only after everyone gave up.
fn overloaded(answer: Answer, served: f64) -> Answer {
    if served < 1.0 {
        Answer {
            events: answer.events * served,
            delay: f64::INFINITY,
        }
    } else {
        answer
    }
}

/// `n` choose at least `k` successes, each with chance `p`.
fn at_least(n: u32, k: u32, p: f64) -> f64 {
    if k == 0 {
        return 1.0;
    }
    if k > n {
        return 0.0;
    }
    // Walk the binomial terms with logarithms, so large n stays finite.
    let (n_f, p) = (f64::from(n), p.clamp(0.0, 1.0));
    if p >= 1.0 {
        return 1.0;
    }
    if p <= 0.0 {
        return 0.0;
    }
    let (ln_p, ln_q) = (p.ln(), (1.0 - p).ln());
    let mut ln_choose = 0.0;
    let mut below = 0.0;
    for i in 0..k {
        if i > 0 {
            ln_choose += (n_f - f64::from(i) + 1.0).ln() - f64::from(i).ln();
        }
        below += (ln_choose + f64::from(i) * ln_p + (n_f - f64::from(i)) * ln_q).exp();
    }
    (1.0 - below).clamp(0.0, 1.0)
}

impl ClusterSpec {
    /// Engine events per second of sim time this cluster makes, on
    /// average, with every link behaving as `link` (a float; a cluster
    /// that stops on its own, a client with a request limit or the chat,
    /// makes them only until it stops, see [`Scenario::estimated_events`]).
    pub fn events_per_second(&self, link: &LinkConfig) -> f64 {
        let wire = Wire::new(link, 0.0);
        match *self {
            ClusterSpec::LoneProcess => 1.0 / ms(520.0),
            ClusterSpec::ClientServer {
                max_retries,
                idempotency_keys: _,
                requests: _,
            } => {
                let (busy, _) = load(wire.delivered * f64::from(max_retries + 1), ms(2.0));
                let answer = server(&wire, ms(2.0), busy, None);
                request(&wire, answer, ms(300.0), max_retries + 1).0
            }
            ClusterSpec::CentralServer { clients } => {
                let clients = f64::from(clients);
                let first = server(&wire, ms(2.0), 0.0, None);
                let (_, settled) = request(&wire, first, ms(300.0), 3);
                let tries = 1.0 + (settled / ms(300.0)).floor().min(2.0);
                let (busy, served) = load(clients * tries * wire.delivered, ms(2.0));
                let answer = overloaded(server(&wire, ms(2.0), busy, None), served);
                clients * request(&wire, answer, ms(300.0), 3).0
            }
            ClusterSpec::WebAndDatabase => {
                let database = server(&wire, ms(3.0), 0.0, None);
                let web = server(&wire, ms(2.0), 0.0, Some((database, ms(100.0))));
                request(&wire, web, ms(300.0), 3).0
            }
            ClusterSpec::Wordpress => wordpress(&wire),
            ClusterSpec::RetryingSave { .. } => {
                let answer = server(&wire, ms(2.0), 0.0, None);
                let (events, settled) = request(&wire, answer, ms(100.0), 4);
                events / (ms(400.0) + settled)
            }
            ClusterSpec::ScaleOut {
                clients,
                servers,
                service_ms,
                every_ms,
            } => scale_out(&wire, clients, servers, service_ms, every_ms, ms(2_000.0)),
            ClusterSpec::ScaleOutSkippingSilent {
                clients,
                servers,
                service_ms,
                every_ms,
            } => scale_out(&wire, clients, servers, service_ms, every_ms, ms(500.0)),
            ClusterSpec::Geography { local_servers } => {
                let near = Wire::new(link, 0.0025);
                let far = if local_servers { near } else { Wire::new(link, 0.08) };
                [near, far]
                    .iter()
                    .map(|wire| request(wire, server(wire, ms(2.0), 0.0, None), 1.0, 1).0)
                    .sum()
            }
            ClusterSpec::PrimaryBackup {
                replicas,
                clients,
                synchronous,
                ..
            } => primary_backup(&wire, replicas, clients, synchronous),
            ClusterSpec::Quorum { n, r, w, clients } => quorum(&wire, n, r, w, clients),
            ClusterSpec::Shards {
                shards,
                clients,
                hot_key_ppm,
            } => sharded(&wire, shards, clients, hot_key_ppm),
            ClusterSpec::ClockGossip { nodes } | ClusterSpec::ClockDrift { nodes, .. } => {
                let sends = if nodes > 1 { 0.75 * wire.sends } else { 0.0 };
                f64::from(nodes) / ms(200.0) * (1.0 + sends)
            }
            ClusterSpec::ClockChat { .. } => {
                let (m, q) = (wire.sends, wire.delivered);
                (1.0 + 2.0 * m * (1.0 + q + q * q)) / ms(500.0)
            }
            ClusterSpec::Election { nodes, timeout_ms } => election(&wire, nodes, timeout_ms),
        }
    }

    /// Seconds after its warm-up when the cluster stops starting new work
    /// on its own, if it does.
    fn stops_after(&self) -> Option<f64> {
        match *self {
            ClusterSpec::ClientServer {
                requests: Some(requests),
                ..
            } => Some(f64::from(requests)),
            ClusterSpec::ClockChat { rounds, .. } => Some(ms(500.0) * f64::from(rounds)),
            _ => None,
        }
    }

    /// Seconds over which the events one request sets off are spread, when
    /// that is long: a client retrying many times keeps at it for a while.
    fn spread(&self, link: &LinkConfig) -> f64 {
        let wire = Wire::new(link, 0.0);
        let attempts = match *self {
            ClusterSpec::ClientServer { max_retries, .. } => max_retries + 1,
            ClusterSpec::CentralServer { .. } => 3,
            _ => return 0.0,
        };
        request(&wire, server(&wire, ms(2.0), 0.0, None), ms(300.0), attempts).1
    }

    /// Seconds from the start before the cluster settles into its rhythm:
    /// until the first requests, ticks or election timeouts.
    fn warm_up(&self) -> f64 {
        match *self {
            ClusterSpec::LoneProcess => 0.0,
            ClusterSpec::PrimaryBackup { .. } => ms(50.0),
            ClusterSpec::Shards { .. } => ms(6.0),
            ClusterSpec::Quorum { .. } => ms(40.0),
            ClusterSpec::ClockGossip { .. } | ClusterSpec::ClockDrift { .. } => ms(200.0),
            ClusterSpec::Election { timeout_ms, .. } => ms(f64::from(timeout_ms)),
            _ => ms(100.0),
        }
    }

    /// The link every message takes unless the scenario sets another.
    fn preset_link(&self) -> LinkConfig {
        use crate::protocols::{election, lamport, quorum, rpc, sharding};
        match *self {
            ClusterSpec::LoneProcess
            | ClusterSpec::ClientServer { .. }
            | ClusterSpec::WebAndDatabase
            | ClusterSpec::Wordpress
            | ClusterSpec::ScaleOut { .. }
            | ClusterSpec::ScaleOutSkippingSilent { .. }
            | ClusterSpec::CentralServer { .. } => rpc::lan().default_link,
            ClusterSpec::RetryingSave { loss_ppm, .. } => LinkConfig {
                loss: loss_ppm,
                ..rpc::lan().default_link
            },
            ClusterSpec::Geography { .. } => rpc::geography(true).0.default_link,
            ClusterSpec::PrimaryBackup { .. } => NetworkConfig::default().default_link,
            ClusterSpec::Quorum { .. } => quorum::network().default_link,
            ClusterSpec::Shards { .. } => sharding::network().default_link,
            ClusterSpec::ClockGossip { .. } | ClusterSpec::ClockDrift { .. } | ClusterSpec::ClockChat { .. } => {
                lamport::network().default_link
            }
            ClusterSpec::Election { .. } => election::network().default_link,
        }
    }
}

/// Readers every 400 ms and a writer every second, through a balancer, web
/// servers, a cache that keeps a read for a second, and two databases.
fn wordpress(wire: &Wire) -> f64 {
    let database = server(wire, ms(3.0), 0.0, None);
    let cache_miss = server(wire, ms(1.0), 0.0, Some((database, ms(60.0))));
    // The cache asks the replica about once a second, or for every read when
    // the replica's answer comes too late to be kept.
    let misses = if wire.round_trip() + database.delay >= ms(60.0) {
        1.0
    } else {
        (1.0 / 5.0) * wire.answered() + (1.0 - wire.answered())
    };
    let cache = Answer {
        events: server(wire, ms(1.0), 0.0, None).events * (1.0 - misses) + cache_miss.events * misses,
        delay: cache_miss.delay * misses + ms(1.0) * (1.0 - misses),
    };
    let primary = Answer {
        events: database.events + wire.sends,
        delay: database.delay,
    };
    let read = server(wire, ms(2.0), 0.0, Some((cache, ms(120.0))));
    let write = server(wire, ms(2.0), 0.0, Some((primary, ms(120.0))));
    let reads = request(wire, balancer(wire, read, ms(200.0)), ms(400.0), 2).0;
    let writes = request(wire, balancer(wire, write, ms(200.0)), ms(400.0), 2).0;
    2.0 * reads / ms(400.0) + writes
}

/// Clients reading every `every_ms` through a round-robin balancer from
/// servers taking `service_ms` each; the balancer gives up on a server
/// after `forward` seconds, a client on the balancer after two.
fn scale_out(wire: &Wire, clients: u32, servers: u32, service_ms: u32, every_ms: u32, forward: f64) -> f64 {
    let asked = f64::from(clients) / ms(f64::from(every_ms.max(1)));
    let per_server = asked * wire.delivered * wire.delivered / f64::from(servers.max(1));
    let service = ms(f64::from(service_ms));
    let (busy, served) = load(per_server, service);
    let answer = overloaded(server(wire, service, busy, None), served);
    asked * request(wire, balancer(wire, answer, forward), ms(2_000.0), 1).0
}

/// Replicas heartbeating every 100 ms; clients that each wait 50-150 ms,
/// then read or write (half each) at the primary and wait for the answer.
fn primary_backup(wire: &Wire, replicas: u32, clients: u32, synchronous: bool) -> f64 {
    let r = f64::from(replicas);
    let heartbeats = r / ms(100.0) * (1.0 + (r - 1.0) * wire.sends);
    let copies = (r - 1.0) * (wire.sends + wire.delivered * wire.sends);
    let read = server(wire, 0.0, 0.0, None);
    let write = Answer {
        events: read.events + copies,
        delay: if synchronous && replicas > 1 {
            wire.round_trip() + wire.slowest
        } else {
            0.0
        },
    };
    let op = Answer {
        events: (read.events + write.events) / 2.0,
        delay: write.delay / 2.0,
    };
    let (events, settled) = request(wire, op, ms(200.0), 3);
    heartbeats + f64::from(clients) * events / (ms(100.0) + settled)
}

/// Clients that each wait 20-60 ms, then ask all `n` replicas and finish
/// with the R-th (read) or W-th (write) answer, or after 200 ms.
fn quorum(wire: &Wire, n: u32, r: u32, w: u32, clients: u32) -> f64 {
    let replicas = f64::from(n);
    let jitter = 2.0 * (wire.slowest - wire.delay);
    let mut per_client = 0.0;
    for needed in [r, w] {
        let waits = wire.round_trip() + 2.0 * jitter * f64::from(needed) / (replicas + 1.0);
        let ok = if waits < ms(200.0) {
            at_least(n, needed, wire.answered())
        } else {
            0.0
        };
        let events = 1.0 + replicas * (wire.sends + wire.delivered * wire.sends) + (1.0 - ok);
        let cycle = ms(40.0) + ok * waits + (1.0 - ok) * ms(200.0);
        per_client += events / cycle / 2.0;
    }
    f64::from(clients) * per_client
}

/// Clients sending a get or put every 4-8 ms to the key's home shard, which
/// takes 4 ms per request; one key may draw a share of all requests.
fn sharded(wire: &Wire, shards: u32, clients: u32, hot_key_ppm: u32) -> f64 {
    let c = f64::from(clients);
    let s = f64::from(shards.max(1));
    let hot = f64::from(hot_key_ppm.min(1_000_000)) / MILLION;
    let asked = c / ms(6.0);
    let sweeps = c / ms(125.0);
    let service = ms(4.0);
    let shard_events = |share: f64| {
        let (busy, served) = load(asked * share * wire.delivered, service);
        asked * share * wire.delivered * served * (busy + departs_after(service) + wire.sends)
    };
    let even = (1.0 - hot) / s;
    let served = shard_events(hot + even) + (s - 1.0) * shard_events(even);
    sweeps + asked * (1.0 + wire.sends) + served
}

/// Raft elections with timeouts of `timeout_ms` to twice that. Once a
/// leader is elected, its heartbeats (every third of the timeout) and their
/// replies are all, and it stays elected. When the timeout is shorter than
/// the link's slowest delivery no vote gets back in time: every server keeps
/// standing for election and asking everyone for votes. In between, and when
/// the link loses enough heartbeats, the run mixes both (a geometric blend).
fn election(wire: &Wire, nodes: u32, timeout_ms: u32) -> f64 {
    let n = f64::from(nodes);
    let timeout = ms(f64::from(timeout_ms));
    let exchange = (n - 1.0) * (wire.sends + wire.delivered * wire.sends);
    let steady = (1.0 + exchange) / (timeout / 3.0);
    let chaos = n * (1.0 + exchange) / (1.5 * timeout);
    let room = if wire.slowest > 0.0 {
        timeout / wire.slowest
    } else {
        f64::INFINITY
    };
    if nodes <= 1 {
        return steady;
    }
    // A follower that misses the three heartbeats of a timeout stands for
    // election and unseats the leader; with many followers that happens
    // often even at modest loss.
    let too_slow = (2.0 - room).clamp(0.0, 1.0);
    let lossy = (((n - 1.0) * wire.loss.powi(3)).min(1.0) / 2.0).max(wire.loss.powi(8));
    let unsettled = too_slow + (1.0 - too_slow) * lossy;
    chaos.powf(unsettled) * steady.powf(1.0 - unsettled)
}

impl Scenario {
    /// About how many engine events a run of this scenario processes to
    /// reach its playhead from time zero, taking the busiest of the links it
    /// uses (its network, or the preset's, and every network set by an
    /// intervention) for the whole run. A real run processes between a
    /// quarter of this and four times this (a factor of 4 either way,
    /// checked by `tests/scenario_estimate.rs`); cheap enough to call on
    /// every change.
    pub fn estimated_events(&self) -> u64 {
        let first = self.network.unwrap_or_else(|| self.cluster.preset_link());
        let later = self.interventions.iter().filter_map(|i| match &i.action {
            Action::SetNetwork(link) => Some(*link),
            _ => None,
        });
        let (rate, spread) = std::iter::once(first)
            .chain(later)
            .map(|link| {
                // A rate that is not a number (an invalid link) counts as
                // endless, so such a scenario is never taken for cheap.
                let rate = self.cluster.events_per_second(&link);
                let rate = if rate.is_nan() { f64::INFINITY } else { rate };
                (rate, self.cluster.spread(&link))
            })
            .fold(
                (0.0, 0.0),
                |busiest, this| if this.0 > busiest.0 { this } else { busiest },
            );
        // Requests started in the last `spread` seconds have done only part
        // of their work; a cluster that stops starts none after it stops.
        let ramp = |busy: f64| {
            if busy <= 0.0 {
                0.0
            } else if busy >= spread {
                busy - spread / 2.0
            } else {
                busy * busy / (2.0 * spread)
            }
        };
        let busy_for = self.playhead as f64 / SECOND as f64 - self.cluster.warm_up();
        let stopped_for = self.cluster.stops_after().map_or(0.0, |active| busy_for - active);
        let done_for = ramp(busy_for) - ramp(stopped_for);
        let events = self.cluster.node_count() as f64 + rate * done_for;
        // Saturating: a float beyond u64 becomes u64::MAX.
        events as u64
    }
}
