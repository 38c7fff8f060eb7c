//! Messages that died recently, with where they were on their way, so the
//! canvas can mark the spot instead of letting them silently vanish. Pure:
//! reads the trace and the snapshot only.

use crate::sim::{DropReason, Kind, MessageId, NodeId, SimTime, Snapshot, Trace, TraceKind};

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

/// Drops within `window` before the snapshot's time, newest first. A
/// message lost at a cut is left out once its link is whole again, so its
/// mark never reads as a cut that is still there.
pub fn recent_drops(trace: &Trace, snapshot: &Snapshot, window: SimTime) -> Vec<RecentDrop> {
    let now = snapshot.time;
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
                reason,
            } if event.time >= since
                && event.time <= now
                && (reason != DropReason::LinkCut || cut(snapshot, from, to)) =>
            {
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

/// Whether messages from `from` to `to` die on the way now: the link is
/// cut that way, or a partition puts the two on different sides.
fn cut(snapshot: &Snapshot, from: NodeId, to: NodeId) -> bool {
    let sides = &snapshot.sides;
    snapshot.cut_links.contains(&(from, to)) || sides.get(from.index()) != sides.get(to.index())
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
        let drops = recent_drops(world.trace(), &world.snapshot(), seconds(1));
        assert!(!drops.is_empty(), "heartbeats or votes die at the cut");
        for drop in &drops {
            assert!(drop.departs < drop.arrives, "the send was found: {drop:?}");
            assert!(drop.at >= drop.departs && drop.at <= drop.arrives);
            assert!(drop.at >= seconds(1));
        }
        assert!(recent_drops(world.trace(), &world.snapshot(), millis(0)).len() <= drops.len());
    }

    #[test]
    fn a_loss_at_a_cut_is_no_longer_marked_once_the_link_heals() {
        let (network, setups) = election::cluster(3);
        let mut world = World::new(4, &network, setups);
        world.run_until(seconds(1));
        world.apply(&Action::Partition(vec![vec![NodeId(0)]])).ok();
        world.run_until(seconds(2));
        assert!(!recent_drops(world.trace(), &world.snapshot(), seconds(1)).is_empty());
        world.apply(&Action::HealAll).ok();
        let healed = world.snapshot();
        assert!(
            recent_drops(world.trace(), &healed, seconds(1)).is_empty(),
            "the cut is gone, so are its marks"
        );
    }

    #[test]
    fn nothing_is_found_in_a_healthy_cluster() {
        let (network, setups) = election::cluster(3);
        let mut world = World::new(4, &network, setups);
        world.run_until(seconds(2));
        assert!(recent_drops(world.trace(), &world.snapshot(), seconds(2)).is_empty());
    }
}
