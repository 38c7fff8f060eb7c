//! How far and how fast the news spreads on average, for the work estimate:
//! not a run, but the expected number of peers who hear it, followed round
//! by round. Peers who heard at the same moment pass it on together, so the
//! model keeps one entry per moment, not one per peer.

use std::collections::BTreeMap;

use crate::scenario::estimate::Wire;

use super::kind::Gossip;

/// Fewer new hearers than this, on average, start no rounds of their own.
const FEW: f64 = 0.01;

/// The most moments the model follows; beyond them the news has long
/// reached everyone it will.
const MOMENTS: usize = 20_000;

/// Microseconds, so that moments reached by different paths compare equal.
fn micros(seconds: f64) -> u64 {
    (seconds * 1e6).round() as u64
}

/// Engine events in the first `busy_for` seconds after the source has the
/// news (its own timer included), every message behaving as `wire` says.
pub fn events_within(gossip: &Gossip, wire: &Wire, busy_for: f64) -> f64 {
    if busy_for < 0.0 {
        return 0.0;
    }
    let until = micros(busy_for);
    let others = f64::from(gossip.nodes.saturating_sub(1));
    let told = f64::from(gossip.fanout).min(others);
    let round = u64::from(gossip.every_ms) * 1_000;
    let delay = micros(wire.delay);
    // Peers passing the news on at each moment.
    let mut passing: BTreeMap<u64, f64> = BTreeMap::new();
    let start = |passing: &mut BTreeMap<u64, f64>, heard_at: u64, peers: f64| {
        for k in 1..=u64::from(gossip.rounds) {
            *passing.entry(heard_at + k * round).or_default() += peers;
        }
    };
    start(&mut passing, 0, 1.0);
    let mut heard = 1.0;
    let mut events = 1.0;
    for _ in 0..MOMENTS {
        let Some((at, peers)) = passing.pop_first().filter(|&(at, _)| at <= until) else {
            break;
        };
        let sent = peers * told;
        let arrive = at + delay;
        events += peers;
        if arrive <= until {
            events += sent * wire.sends;
        }
        if others > 0.0 {
            let missed = (1.0 - wire.reach / others).max(0.0).powf(sent);
            let new = (f64::from(gossip.nodes) - heard) * (1.0 - missed);
            heard += new;
            if new >= FEW {
                start(&mut passing, arrive, new);
            }
        }
    }
    events
}
