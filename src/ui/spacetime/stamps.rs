//! The stamps the space-time diagram writes beside each send and each
//! arrival: the reading of the node's own clock, its Lamport number, or its
//! vector clock. Clock readings follow from each node's clock, Lamport
//! numbers are in the trace, and vector clocks follow from who heard from
//! whom: a node ticks its own entry at each send and arrival, and an
//! arrival first takes in everything the sender had heard of. An arrival's
//! stamp is written only beside its send's, since a rule like Lamport's
//! reads the two together.

use std::collections::{HashMap, HashSet};

use super::SCAN_LIMIT;
use crate::lessons::focus::Stamp;
use crate::sim::words::clock_reading;
use crate::sim::{MessageId, NodeId, SimTime, Snapshot, Trace, TraceKind};

/// Vector clocks are worked out from the start of the run, so only while
/// the trace still holds every event and no more than this many.
const VECTOR_EVENTS: u64 = 100_000;

/// Vector clocks are written only for clusters this small: wider ones do
/// not fit beside an event.
pub const VECTOR_NODES: usize = 5;

/// Which end of a message's arrow an event is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum End {
    Send,
    Arrival,
}

/// A stamp written beside one event of the diagram.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Stamped {
    pub node: NodeId,
    pub at: SimTime,
    pub end: End,
    pub text: String,
    /// The message the event sent or took in (a duplicate's arrival
    /// counts as the original's), for pairing a send with its arrivals.
    pub message: MessageId,
}

/// The stamps of every send and arrival from `start` on, oldest first;
/// none when they cannot be worked out exactly.
pub fn stamps(trace: &Trace, snapshot: &Snapshot, start: SimTime, stamp: Stamp) -> Vec<Stamped> {
    let mut stamped = Vec::new();
    let mut keep = |end: End, node: NodeId, at: SimTime, text: String, message: MessageId| {
        if at >= start {
            stamped.push(Stamped {
                node,
                at,
                end,
                text,
                message,
            });
        }
    };
    // Each copy a duplication made, and the message it copies.
    let mut copied: HashMap<MessageId, MessageId> = HashMap::new();
    match stamp {
        Stamp::Clock | Stamp::Lamport => {
            for event in trace.events().rev().take(SCAN_LIMIT) {
                if event.time < start {
                    break;
                }
                match event.kind {
                    TraceKind::Sent {
                        message,
                        from,
                        departs,
                        lamport,
                        ..
                    } => {
                        let text = match stamp {
                            Stamp::Lamport => lamport.to_string(),
                            _ => clock_at(snapshot, from, departs),
                        };
                        keep(End::Send, from, departs, text, message);
                    }
                    TraceKind::Duplicated { message, copy } => {
                        copied.insert(copy, message);
                    }
                    TraceKind::Delivered {
                        message, to, lamport, ..
                    } => {
                        let text = match stamp {
                            Stamp::Lamport => lamport.to_string(),
                            _ => clock_at(snapshot, to, event.time),
                        };
                        keep(End::Arrival, to, event.time, text, message);
                    }
                    _ => {}
                }
            }
            // Back in the order things happened, as the vector stamps are,
            // so two sends at one moment stack the same way whatever the
            // stamp: the first nearest the line.
            stamped.reverse();
        }
        Stamp::Vector => {
            let nodes = snapshot.nodes.len();
            if nodes > VECTOR_NODES || trace.forgotten() > 0 || trace.total() > VECTOR_EVENTS {
                return Vec::new();
            }
            let mut clocks = vec![vec![0u64; nodes]; nodes];
            let mut carried: HashMap<MessageId, Vec<u64>> = HashMap::new();
            for event in trace.events() {
                match event.kind {
                    TraceKind::Sent {
                        message, from, departs, ..
                    } if from.index() < nodes => {
                        let clock = &mut clocks[from.index()];
                        clock[from.index()] += 1;
                        carried.insert(message, clock.clone());
                        keep(End::Send, from, departs, vector_words(clock), message);
                    }
                    TraceKind::Duplicated { message, copy } => {
                        copied.insert(copy, message);
                        if let Some(clock) = carried.get(&message).cloned() {
                            carried.insert(copy, clock);
                        }
                    }
                    TraceKind::Delivered { message, to, .. } if to.index() < nodes => {
                        let clock = &mut clocks[to.index()];
                        if let Some(heard) = carried.remove(&message) {
                            for (mine, theirs) in clock.iter_mut().zip(heard) {
                                *mine = (*mine).max(theirs);
                            }
                        }
                        clock[to.index()] += 1;
                        keep(End::Arrival, to, event.time, vector_words(clock), message);
                    }
                    TraceKind::Dropped { message, .. } => {
                        carried.remove(&message);
                    }
                    _ => {}
                }
            }
        }
    }
    for stamp in &mut stamped {
        // A copy of a copy leads back to the message first sent.
        while let Some(&original) = copied.get(&stamp.message) {
            stamp.message = original;
        }
    }
    stamped.sort_by_key(|s| (s.at, s.node, s.end == End::Arrival));
    stamped
}

/// What `node`'s clock read at true time `at`.
fn clock_at(snapshot: &Snapshot, node: NodeId, at: SimTime) -> String {
    let reading = snapshot
        .nodes
        .get(node.index())
        .map_or(at as i64, |n| n.clock.local_time(at));
    clock_reading(reading)
}

/// "[2,1,0]".
fn vector_words(clock: &[u64]) -> String {
    let entries: Vec<String> = clock.iter().map(u64::to_string).collect();
    format!("[{}]", entries.join(","))
}

/// What the stamps are, in words, for the diagram's legend.
pub fn stamp_words(stamp: Stamp, names: &[String]) -> String {
    match stamp {
        Stamp::Clock => "stamped with each node's clock".to_string(),
        Stamp::Lamport => "stamped with Lamport numbers".to_string(),
        Stamp::Vector => format!("stamped with vector clocks [{}]", names.join(",")),
    }
}

/// Rows of stamps go this far apart, in CSS pixels.
const ROW: f64 = 13.0;

/// Where each stamp that fits is written: sends above their lane,
/// arrivals below it, in as many rows as the lanes leave room for (sends
/// take the odd one), and a
/// stamp that would touch another on its row is left out, and with it the
/// stamps of that message's arrivals. Two sends at once from one node read
/// the same: they are written once. `width` gives a text's width.
pub fn place_stamps<'a>(
    stamps: &'a [Stamped],
    lanes: &super::Lanes,
    width: impl Fn(&str) -> f64,
) -> Vec<(super::Point, &'a Stamped)> {
    let gap = if lanes.count() > 1 {
        lanes.y(1) - lanes.y(0)
    } else {
        lanes.top_and_bottom().1 - lanes.top_and_bottom().0
    };
    // The rows between two lanes, shared by the upper lane's arrivals and
    // the lower lane's sends; the sends take the odd one, so that two sent
    // at once (A asking B, then C) both show on a short diagram.
    let fit = ((gap - 5.0) / ROW).floor().max(0.0) as usize;
    let rows = |above: bool| if above { fit.div_ceil(2) } else { fit / 2 }.min(3);
    // The right edge of the last stamp on each lane, side and row.
    let mut ends: HashMap<(usize, bool, usize), f64> = HashMap::new();
    let (low, high) = (lanes.left(), lanes.right());
    let mut placed: Vec<(super::Point, &Stamped)> = Vec::new();
    let sends: HashSet<MessageId> = stamps
        .iter()
        .filter(|s| s.end == End::Send)
        .map(|s| s.message)
        .collect();
    let mut written: HashSet<MessageId> = HashSet::new();
    // The last send written on each lane: the one a send at the same moment
    // with the same reading shares.
    let mut last_send: HashMap<usize, &Stamped> = HashMap::new();
    for stamp in stamps {
        let lane = stamp.node.index();
        let above = stamp.end == End::Send;
        if above {
            let shared = last_send
                .get(&lane)
                .is_some_and(|s| s.at == stamp.at && s.text == stamp.text);
            if shared {
                written.insert(stamp.message);
                continue;
            }
        } else if sends.contains(&stamp.message) && !written.contains(&stamp.message) {
            continue;
        }
        let wide = width(&stamp.text);
        let x = lanes
            .x(stamp.at)
            .clamp(low + wide / 2.0, (high - wide / 2.0).max(low + wide / 2.0));
        let free = (0..rows(above)).find(|&row| {
            ends.get(&(lane, above, row))
                .is_none_or(|&end| x - wide / 2.0 > end + 4.0)
        });
        let Some(row) = free else { continue };
        ends.insert((lane, above, row), x + wide / 2.0);
        if above {
            written.insert(stamp.message);
            last_send.insert(lane, stamp);
        }
        let offset = 9.0 + row as f64 * ROW;
        let y = if above {
            lanes.y(lane) - offset
        } else {
            lanes.y(lane) + offset
        };
        placed.push((super::Point { x, y }, stamp));
    }
    placed
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;
    use crate::protocols::lamport::{all_events, chat};
    use crate::sim::{millis, seconds, World};

    fn chat_world() -> World<crate::protocols::lamport::ClockNode> {
        let (network, setups) = chat(millis(500), 6);
        let mut world = World::new(303, &network, setups);
        world.run_until(seconds(4));
        world
    }

    #[test]
    fn vector_stamps_are_the_vector_clocks_the_nodes_logged() {
        let world = chat_world();
        let stamped = stamps(world.trace(), &world.snapshot(), 0, Stamp::Vector);
        assert!(stamped.len() > 20, "{stamped:?}");
        let logged = all_events(&world);
        for node in 0..world.node_count() {
            let drawn: BTreeSet<&str> = stamped
                .iter()
                .filter(|s| s.node.index() == node)
                .map(|s| s.text.as_str())
                .collect();
            let kept: Vec<String> = logged
                .iter()
                .filter(|e| e.id.node.index() == node)
                .map(|e| vector_words(e.vector.entries()))
                .collect();
            let kept: BTreeSet<&str> = kept.iter().map(String::as_str).collect();
            assert_eq!(drawn, kept, "node {node}");
        }
    }

    #[test]
    fn clock_stamps_read_each_nodes_own_clock_and_lamport_stamps_grow_along_a_message() {
        let world = chat_world();
        let snapshot = world.snapshot();
        let clocks = stamps(world.trace(), &snapshot, 0, Stamp::Clock);
        // B's clock is 500 ms behind: its first answer is stamped before
        // the question it answers.
        let first_send = |node: u32| {
            clocks
                .iter()
                .find(|s| s.node == NodeId(node) && s.end == End::Send)
                .map(|s| s.text.clone())
        };
        assert_eq!(first_send(0).as_deref(), Some("0.100 s"));
        assert!(first_send(1).is_some_and(|t| t.starts_with('-')), "{clocks:?}");
        let lamport = stamps(world.trace(), &snapshot, 0, Stamp::Lamport);
        let number = |s: &Stamped| s.text.parse::<u64>().unwrap_or(0);
        let on = |node: u32, end: End| lamport.iter().filter(move |s| s.node == NodeId(node) && s.end == end);
        // The first question, B taking it in, B's answers: each bigger.
        let asked = on(0, End::Send).map(number).min();
        let heard = on(1, End::Arrival).map(number).next();
        let answered = on(1, End::Send).map(number).next();
        assert!(asked < heard && heard < answered, "{asked:?} {heard:?} {answered:?}");
    }

    #[test]
    fn sends_at_one_moment_come_in_the_order_they_left_whatever_the_stamp() {
        let world = chat_world();
        let snapshot = world.snapshot();
        let sent = |stamp: Stamp| -> Vec<MessageId> {
            stamps(world.trace(), &snapshot, 0, stamp)
                .iter()
                .filter(|s| s.end == End::Send)
                .map(|s| s.message)
                .collect()
        };
        let in_order = sent(Stamp::Vector);
        assert!(in_order.windows(2).all(|pair| pair[0] < pair[1]), "{in_order:?}");
        assert_eq!(sent(Stamp::Lamport), in_order);
        assert_eq!(sent(Stamp::Clock), in_order);
    }

    #[test]
    fn no_vector_stamps_for_a_cluster_too_wide_to_write_them() {
        let (network, setups) = crate::protocols::lamport::skewed_gossip(VECTOR_NODES + 1);
        let mut world = World::new(1, &network, setups);
        world.run_until(seconds(2));
        assert!(stamps(world.trace(), &world.snapshot(), 0, Stamp::Vector).is_empty());
        assert!(!stamps(world.trace(), &world.snapshot(), 0, Stamp::Lamport).is_empty());
    }

    #[test]
    fn an_arrival_is_stamped_only_beside_its_sends_stamp_even_when_room_runs_short() {
        let world = chat_world();
        let snapshot = world.snapshot();
        let names: Vec<String> = snapshot.nodes.iter().map(|n| n.name.clone()).collect();
        for stamp in [Stamp::Clock, Stamp::Lamport, Stamp::Vector] {
            let diagram = super::super::space_time(world.trace(), &snapshot, seconds(3), Some(stamp));
            // A diagram too narrow for every stamp.
            let lanes = super::super::Lanes::new(&diagram, &names, (240.0, 200.0));
            let placed = place_stamps(&diagram.stamps, &lanes, |t| t.chars().count() as f64 * 7.0);
            assert!(placed.len() < diagram.stamps.len(), "{stamp:?}: every stamp fitted");
            let sends: BTreeSet<MessageId> = diagram
                .stamps
                .iter()
                .filter(|s| s.end == End::Send)
                .map(|s| s.message)
                .collect();
            let written: BTreeSet<MessageId> = placed
                .iter()
                .filter(|(_, s)| s.end == End::Send)
                .map(|(_, s)| s.message)
                .collect();
            let arrivals: Vec<&Stamped> = placed
                .iter()
                .map(|(_, s)| *s)
                .filter(|s| s.end == End::Arrival)
                .collect();
            assert!(!arrivals.is_empty(), "{stamp:?}: no arrival written");
            for arrival in arrivals {
                let shares_a_written_reading = diagram.stamps.iter().any(|s| {
                    s.end == End::Send
                        && s.message == arrival.message
                        && placed
                            .iter()
                            .any(|(_, w)| w.end == End::Send && w.node == s.node && w.at == s.at && w.text == s.text)
                });
                assert!(
                    !sends.contains(&arrival.message) || written.contains(&arrival.message) || shares_a_written_reading,
                    "{stamp:?}: {arrival:?} written without its send"
                );
            }
        }
    }

    #[test]
    fn on_a_phone_both_of_a_s_first_questions_and_b_s_first_arrival_are_stamped() {
        let world = chat_world();
        let snapshot = world.snapshot();
        let names: Vec<String> = snapshot.nodes.iter().map(|n| n.name.clone()).collect();
        let diagram = super::super::space_time(world.trace(), &snapshot, seconds(3), Some(Stamp::Lamport));
        // The diagram's size on a 390 px wide phone.
        let lanes = super::super::Lanes::new(&diagram, &names, (366.0, 226.0));
        let placed = place_stamps(&diagram.stamps, &lanes, |t| t.chars().count() as f64 * 7.0);
        let first = |node: u32, end: End, n: usize| -> Vec<&Stamped> {
            diagram
                .stamps
                .iter()
                .filter(|s| s.node == NodeId(node) && s.end == end)
                .take(n)
                .collect()
        };
        let written = |stamp: &Stamped| placed.iter().any(|(_, w)| std::ptr::eq(*w, stamp));
        let asked = first(0, End::Send, 2);
        assert_eq!(asked.len(), 2);
        assert!(asked.iter().all(|s| written(s)), "A's two questions: {asked:?}");
        let heard = first(1, End::Arrival, 1);
        assert!(heard.iter().all(|s| written(s)), "B's first arrival: {heard:?}");
        // Rows above and below one lane never meet the next lane's.
        for (at, stamp) in &placed {
            for (other_at, other) in &placed {
                if std::ptr::eq(*stamp, *other) {
                    continue;
                }
                let apart = (at.y - other_at.y).abs() >= ROW - 0.5
                    || (at.x - other_at.x).abs() * 2.0 >= (stamp.text.len() + other.text.len()) as f64 * 7.0;
                assert!(apart, "{stamp:?} at {at:?} touches {other:?} at {other_at:?}");
            }
        }
    }
}
