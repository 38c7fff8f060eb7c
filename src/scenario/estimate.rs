//! How much work a scenario asks of the engine, estimated from its
//! parameters alone: no simulation, a handful of arithmetic per cluster, so
//! it can run on every keystroke of a teacher building a link.
//!
//! Each cluster kind knows its rhythm from its presets, and works it out in
//! its protocol folder from the pieces here: how often its timers fire,
//! which messages each timer or request sets off, and how the link changes
//! that. Every message sent is one engine event (it arrives or
//! is lost), a duplicated message two; a message sent after local work takes
//! one more (it leaves when the work is done); every timer that goes off is
//! one; a node that finishes work with more waiting in its inbox takes one
//! more.
//! Closed-loop clients (those that wait for an answer before the next
//! request) slow down as the link's latency grows; timeouts and retries add
//! work when the link loses messages or is slower than the timeout; a
//! server with more requests than it can serve answers only what it can.
//! News passed from peer to peer does not come at a steady rate: gossip
//! follows its spread round by round instead (`Cluster::events_within`).
//!
//! The figures are averages, meant to be within a small factor of a real
//! run (`tests/scenario_estimate.rs` measures that), not exact counts.

use crate::sim::{Action, LinkConfig, SECOND};

use super::cluster::ClusterSpec;
use super::Scenario;

pub const MILLION: f64 = 1_000_000.0;

/// Seconds as a float, from whole milliseconds.
pub fn ms(value: f64) -> f64 {
    value / 1_000.0
}

/// What a link does to the messages sent over it, on average.
#[derive(Clone, Copy, Debug)]
pub struct Wire {
    /// Mean one-way delay, in seconds.
    pub delay: f64,
    /// Longest one-way delay (without reordering), in seconds.
    pub slowest: f64,
    /// Shortest one-way delay, in seconds.
    pub fastest: f64,
    /// Engine events per message sent: one, or two when duplicated.
    pub sends: f64,
    /// Copies handled by the receiver per message sent.
    pub delivered: f64,
    /// Chance that at least one copy of a message arrives.
    pub reach: f64,
    /// Chance that a message is lost.
    pub loss: f64,
    /// Chance that a message is held back.
    pub reorder: f64,
}

impl Wire {
    pub fn new(link: &LinkConfig, extra_delay: f64) -> Self {
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
    pub fn round_trip(&self) -> f64 {
        2.0 * self.delay
    }

    /// Chance that a request and its answer both get through.
    pub fn answered(&self) -> f64 {
        self.reach * self.reach
    }
}

/// What one request handed to a node costs, from the moment it is handled
/// until the node's answer is on the wire.
#[derive(Clone, Copy, Debug)]
pub struct Answer {
    /// Engine events it sets off, the answer's own included.
    pub events: f64,
    /// Seconds from handling the request to sending the answer.
    pub delay: f64,
}

/// The chance that a timer of `timeout` seconds, waiting for something that
/// takes `takes` seconds and gets through with chance `answered`, goes off.
pub fn fires(timeout: f64, takes: f64, answered: f64) -> f64 {
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
pub fn server(wire: &Wire, service: f64, busy: f64, backend: Option<(Answer, f64)>) -> Answer {
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
pub fn balancer(wire: &Wire, server: Answer, timeout: f64) -> Answer {
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
pub fn request(wire: &Wire, answer: Answer, timeout: f64, attempts: u32) -> (f64, f64) {
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
pub fn departs_after(service: f64) -> f64 {
    if service > 0.0 {
        1.0
    } else {
        0.0
    }
}

/// How busy a node with `arrivals` requests per second taking `service`
/// seconds each is, and the share of them it serves.
pub fn load(arrivals: f64, service: f64) -> (f64, f64) {
    let busy = arrivals * service;
    if busy <= 1.0 {
        (busy, 1.0)
    } else {
        (1.0, 1.0 / busy)
    }
}

/// Scale the answer of an overloaded server: only `served` of the requests
/// get served and answered, and those only after everyone gave up.
pub fn overloaded(answer: Answer, served: f64) -> Answer {
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
pub fn at_least(n: u32, k: u32, p: f64) -> f64 {
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

impl Scenario {
    /// About how many engine events a run of this scenario processes to
    /// reach its playhead from time zero, taking the busiest of the links it
    /// uses (its network, or the preset's, and every network set by an
    /// intervention) for the whole run. A real run processes between a
    /// quarter of this and four times this (a factor of 4 either way,
    /// checked by `tests/scenario_estimate.rs`); cheap enough to call on
    /// every change.
    pub fn estimated_events(&self) -> u64 {
        let cluster = self.cluster.cluster();
        let first = self.network.unwrap_or_else(|| cluster.preset_link());
        let later = self.interventions.iter().filter_map(|i| match &i.action {
            Action::SetNetwork(link) => Some(*link),
            _ => None,
        });
        // A rate that is not a number (an invalid link) counts as endless,
        // so such a scenario is never taken for cheap.
        let rate = |link: &LinkConfig| {
            let rate = cluster.events_per_second(link);
            if rate.is_nan() {
                f64::INFINITY
            } else {
                rate
            }
        };
        let busiest = std::iter::once(first)
            .chain(later)
            .map(|link| (rate(&link), link))
            .fold((f64::NEG_INFINITY, first), |busiest, this| {
                if this.0 > busiest.0 {
                    this
                } else {
                    busiest
                }
            });
        let busy_for = self.playhead as f64 / SECOND as f64 - cluster.warm_up();
        let work = cluster.events_within(&busiest.1, busy_for);
        let work = if work.is_nan() { f64::INFINITY } else { work };
        // Saturating: a float beyond u64 becomes u64::MAX.
        (self.cluster.node_count() as f64 + work) as u64
    }
}

/// Engine events in the first `busy_for` seconds of a cluster that makes
/// `rate` a second, whose requests each keep it busy for `spread` seconds,
/// and which starts no new ones after `stops_after` seconds.
pub fn ramped(rate: f64, spread: f64, stops_after: Option<f64>, busy_for: f64) -> f64 {
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
    let stopped_for = stops_after.map_or(0.0, |active| busy_for - active);
    rate * (ramp(busy_for) - ramp(stopped_for))
}

impl ClusterSpec {
    /// Engine events per second of sim time this cluster makes, on
    /// average, with every link behaving as `link` (a cluster that stops
    /// on its own makes them only until it stops, see
    /// [`Scenario::estimated_events`]).
    pub fn events_per_second(&self, link: &LinkConfig) -> f64 {
        self.cluster().events_per_second(link)
    }
}
