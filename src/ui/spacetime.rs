//! The space-time (Lamport) diagram as a model, built from the trace: one
//! lane per node with the spans when it was down, and one arrow per message
//! from its send to its delivery, its loss, or where it is now. Pure and
//! tested natively; the painter only maps it to pixels.

use std::collections::BTreeMap;

use crate::sim::{Action, MessageId, NodeId, SimTime, Snapshot, Status, Trace, TraceKind};

/// How many trace events one diagram may look at.
const SCAN_LIMIT: usize = 20_000;

/// How a message's arrow ends.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ArrowEnd {
    /// Handed to the receiver (or waiting in its queue) at this time.
    Arrived,
    /// Lost on the way at this time.
    Lost,
    /// Still on the wire: the arrow stops where the message is now.
    Travelling,
}

/// One message, from its sender's lane at `sent` to its receiver's lane.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Arrow {
    pub message: MessageId,
    pub from: NodeId,
    pub to: NodeId,
    pub label: &'static str,
    pub sent: SimTime,
    /// When it would arrive (for drawing a lost or travelling message's slope).
    pub due: SimTime,
    /// When the arrow ends.
    pub ended: SimTime,
    pub end: ArrowEnd,
}

/// Everything the diagram shows for the window `start..=end`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SpaceTime {
    pub start: SimTime,
    pub end: SimTime,
    /// Per node: the spans (from, to) within the window when it was down.
    pub down: Vec<Vec<(SimTime, SimTime)>>,
    pub arrows: Vec<Arrow>,
}

/// Build the diagram for the last `span` of the run, ending at the
/// snapshot's time.
pub fn space_time(trace: &Trace, snapshot: &Snapshot, span: SimTime) -> SpaceTime {
    let end = snapshot.time;
    let start = end.saturating_sub(span);
    let nodes = snapshot.nodes.len();
    // Walk back from now: a node's status before a crash was "up", before a
    // restart "down".
    let mut down_since: Vec<Option<SimTime>> = snapshot
        .nodes
        .iter()
        .map(|n| (n.status == Status::Crashed).then_some(end))
        .collect();
    let mut down: Vec<Vec<(SimTime, SimTime)>> = vec![Vec::new(); nodes];
    let mut endings: BTreeMap<MessageId, (SimTime, ArrowEnd)> = BTreeMap::new();
    let mut arrows = Vec::new();
    for event in trace.events().rev().take(SCAN_LIMIT) {
        if event.time < start.saturating_sub(span) {
            break;
        }
        match &event.kind {
            TraceKind::Intervened(action) => match **action {
                Action::Crash(node) if node.index() < nodes => {
                    if let Some(until) = down_since[node.index()].take() {
                        down[node.index()].push((event.time.max(start), until));
                    }
                }
                Action::Restart(node) if node.index() < nodes => {
                    down_since[node.index()].get_or_insert(event.time);
                }
                _ => {}
            },
            TraceKind::Delivered { message, .. } | TraceKind::Queued { message, .. } => {
                endings.insert(*message, (event.time, ArrowEnd::Arrived));
            }
            TraceKind::Dropped { message, .. } => {
                endings.insert(*message, (event.time, ArrowEnd::Lost));
            }
            TraceKind::Sent {
                message,
                from,
                to,
                label,
                departs,
                arrives,
                ..
            } => {
                let (ended, end_kind) = endings.remove(message).unwrap_or((end, ArrowEnd::Travelling));
                if ended >= start && *departs <= end {
                    arrows.push(Arrow {
                        message: *message,
                        from: *from,
                        to: *to,
                        label,
                        sent: *departs,
                        due: *arrives,
                        ended,
                        end: end_kind,
                    });
                }
            }
            _ => {}
        }
    }
    for (node, since) in down_since.into_iter().enumerate() {
        if let Some(until) = since {
            down[node].push((start, until));
        }
    }
    arrows.reverse();
    SpaceTime {
        start,
        end,
        down,
        arrows,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::protocols::election;
    use crate::sim::{millis, seconds, World};

    fn world() -> World<election::ElectionNode> {
        let (network, setups) = election::cluster(3);
        World::new(9, &network, setups)
    }

    #[test]
    fn every_arrow_runs_forward_in_time_within_the_window() {
        let mut w = world();
        w.run_until(seconds(3));
        let diagram = space_time(w.trace(), &w.snapshot(), seconds(1));
        assert!(!diagram.arrows.is_empty());
        for arrow in &diagram.arrows {
            assert!(arrow.sent <= arrow.ended, "{arrow:?}");
            assert!(arrow.ended >= diagram.start && arrow.sent <= diagram.end);
            assert_ne!(arrow.from, arrow.to);
        }
        assert!(diagram.arrows.iter().any(|a| a.end == ArrowEnd::Arrived));
    }

    #[test]
    fn a_crash_shows_as_a_gap_and_messages_to_it_as_lost() {
        let mut w = world();
        w.run_until(seconds(1));
        w.apply(&Action::Crash(NodeId(2))).ok();
        w.run_until(millis(1_800));
        w.apply(&Action::Restart(NodeId(2))).ok();
        w.run_until(seconds(2));
        let diagram = space_time(w.trace(), &w.snapshot(), seconds(2));
        assert_eq!(diagram.down[2], vec![(seconds(1), millis(1_800))]);
        assert!(diagram.down[0].is_empty());
        let lost_to_c = diagram
            .arrows
            .iter()
            .filter(|a| a.to == NodeId(2) && a.end == ArrowEnd::Lost)
            .count();
        assert!(lost_to_c > 0, "heartbeats to the crashed node end in a cross");
    }

    #[test]
    fn a_node_still_down_is_down_until_now() {
        let mut w = world();
        w.run_until(seconds(1));
        w.apply(&Action::Crash(NodeId(0))).ok();
        w.run_until(seconds(2));
        let diagram = space_time(w.trace(), &w.snapshot(), seconds(3));
        assert_eq!(diagram.down[0], vec![(seconds(1), seconds(2))]);
    }
}
