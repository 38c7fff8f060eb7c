//! Messages that died recently, with where they were on their way, so the
//! canvas can mark the spot instead of letting them silently vanish. Pure:
//! reads the trace only.

use crate::sim::{Kind, MessageId, NodeId, SimTime, Trace, TraceKind};

/// How far back to look for the send of a dropped message.
const SEARCH_LIMIT: usize = 8_192;

/// A message lost between `departs` and `arrives`, at time `at`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RecentDrop {
    pub message: MessageId,
    pub from: NodeId,
    pub to: NodeId,
    pub kind: Kind,
    pub departs: SimTime,
    pub arrives: SimTime,
    pub at: SimTime,
}

/// Drops within `window` before `now`, newest first.
pub fn recent_drops(trace: &Trace, now: SimTime, window: SimTime) -> Vec<RecentDrop> {
    let since = now.saturating_sub(window);
    let mut drops: Vec<RecentDrop> = Vec::new();
    for event in trace.events().rev().take(SEARCH_LIMIT) {
        if event.time < since && drops.is_empty() {
            break;
        }
        match event.kind {
            TraceKind::Dropped {
                message,
                from,
                to,
                kind,
                ..
            } if event.time >= since && event.time <= now => {
                drops.push(RecentDrop {
                    message,
                    from,
                    to,
                    kind,
                    departs: event.time,
                    arrives: event.time,
                    at: event.time,
                });
            }
            TraceKind::Sent {
                message,
                departs,
                arrives,
                ..
            } => {
                if let Some(drop) = drops.iter_mut().find(|d| d.message == message) {
                    drop.departs = departs;
                    drop.arrives = arrives;
                }
            }
            _ => {}
        }
    }
    drops
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::protocols::election;
    use crate::sim::{millis, seconds, Action, World};

    #[test]
    fn a_message_lost_to_a_cut_link_is_found_with_its_journey() {
        let (network, setups) = election::cluster(3);
        let mut world = World::new(4, &network, setups);
        world.run_until(seconds(1));
        world.apply(&Action::Partition(vec![vec![NodeId(0)]])).ok();
        world.run_until(seconds(2));
        let drops = recent_drops(world.trace(), world.now(), seconds(1));
        assert!(!drops.is_empty(), "heartbeats or votes die at the cut");
        for drop in &drops {
            assert!(drop.departs < drop.arrives, "the send was found: {drop:?}");
            assert!(drop.at >= drop.departs && drop.at <= drop.arrives);
            assert!(drop.at >= seconds(1));
        }
        assert!(recent_drops(world.trace(), world.now(), millis(0)).len() <= drops.len());
    }

    #[test]
    fn nothing_is_found_in_a_healthy_cluster() {
        let (network, setups) = election::cluster(3);
        let mut world = World::new(4, &network, setups);
        world.run_until(seconds(2));
        assert!(recent_drops(world.trace(), world.now(), seconds(2)).is_empty());
    }
}
