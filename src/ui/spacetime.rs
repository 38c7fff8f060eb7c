//! The space-time (Lamport) diagram as a model, built from the trace: one
//! lane per node with the spans when it was down, and one arrow per message
//! from its send to its delivery, its loss, or where it is now. Pure and
//! tested natively; the painter only maps it to pixels.

mod stamps;

use std::collections::BTreeMap;

pub use stamps::{place_stamps, stamp_words, End, Stamped};

use super::layout::Point;
use crate::lessons::focus::Stamp;
use crate::sim::{Action, Kind, MessageId, NodeId, SimTime, Snapshot, Status, Trace, TraceKind};

/// How many trace events one diagram may look at.
const SCAN_LIMIT: usize = 20_000;

/// Above this many arrows, the most common kind of message is thinned out
/// (one in so many drawn), so the rest stay readable.
const THIN_ABOVE: usize = 150;

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
    pub kind: Kind,
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
    /// The kinds of message thinned out, and one in how many is drawn.
    pub thinned: Vec<(Kind, usize)>,
    /// What each send and arrival is stamped with, oldest first.
    pub stamps: Vec<Stamped>,
    pub stamp: Option<Stamp>,
    /// When the run went quiet, if nothing has happened for a while: the
    /// window then stops at its last events instead of sliding them off.
    pub quiet_since: Option<SimTime>,
}

/// Build the diagram for the last `span` of the run, ending at the
/// snapshot's time, its events stamped the `stamp` way.
pub fn space_time(trace: &Trace, snapshot: &Snapshot, span: SimTime, stamp: Option<Stamp>) -> SpaceTime {
    let (quiet_since, end) = window_end(trace, snapshot, span);
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
                kind,
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
                        kind: *kind,
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
    let thinned = thin(&mut arrows);
    SpaceTime {
        start,
        end,
        down,
        arrows,
        thinned,
        stamps: stamp.map_or_else(Vec::new, |stamp| stamps::stamps(trace, snapshot, start, stamp)),
        stamp,
        quiet_since,
    }
}

/// Where a window of `span` ending now should end instead: a run with no
/// message on the wire in which nothing has happened for a quarter of the
/// window keeps its last events in view, a quarter of the window from its
/// right edge, rather than leaving an empty picture. Returns when it went
/// quiet, if it has.
fn window_end(trace: &Trace, snapshot: &Snapshot, span: SimTime) -> (Option<SimTime>, SimTime) {
    let (now, margin) = (snapshot.time, span / 4);
    match trace.events().next_back().map(|e| e.time) {
        Some(last) if snapshot.messages.is_empty() && now.saturating_sub(last) > margin => (Some(last), last + margin),
        _ => (None, now),
    }
}

/// When there are too many arrows to read, draw only one in so many of the
/// commonest kinds (heartbeats, mostly), commonest first, until few enough
/// are left, keeping every lost one and every rare kind, and some on every
/// link the kind travels. Returns each kind
/// thinned and the share of it drawn.
fn thin(arrows: &mut Vec<Arrow>) -> Vec<(Kind, usize)> {
    let mut thinned = Vec::new();
    if arrows.len() <= THIN_ABOVE {
        return thinned;
    }
    let mut counts: BTreeMap<Kind, usize> = BTreeMap::new();
    for arrow in arrows.iter() {
        *counts.entry(arrow.kind).or_default() += 1;
    }
    let mut kinds: Vec<(Kind, usize)> = counts.into_iter().collect();
    kinds.sort_by_key(|&(label, count)| (std::cmp::Reverse(count), label));
    let mut total = arrows.len();
    for (label, count) in kinds {
        if total <= THIN_ABOVE {
            break;
        }
        let keep = count.saturating_sub(total - THIN_ABOVE).max(count / 20).max(1);
        let one_in = count.div_ceil(keep);
        if one_in > 1 {
            thinned.push((label, one_in));
            total -= count - count.div_ceil(one_in);
        }
    }
    // Counted link by link: a request that hops client, balancer, server
    // alternates between two links, and one in two of the kind as a whole
    // would keep every hop of one link and none of the other.
    let mut seen: BTreeMap<(Kind, NodeId, NodeId), usize> = BTreeMap::new();
    arrows.retain(|arrow| {
        let Some(&(_, one_in)) = thinned.iter().find(|(label, _)| *label == arrow.kind) else {
            return true;
        };
        let seen = seen.entry((arrow.kind, arrow.from, arrow.to)).or_default();
        let kept = (*seen).is_multiple_of(one_in);
        *seen += 1;
        arrow.end == ArrowEnd::Lost || kept
    });
    thinned
}

/// Margins around the lanes, in CSS pixels: names on the left, seconds
/// along the bottom.
const LEFT: f64 = 72.0;
const LEFT_MOST: f64 = 170.0;
const RIGHT: f64 = 16.0;
const TOP: f64 = 32.0;
const BOTTOM: f64 = 28.0;

/// Where the diagram's parts go on a canvas: time to the right, one lane
/// per node. Shared by the painter and by pointing at arrows.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Lanes {
    left: f64,
    start: SimTime,
    span: f64,
    lanes: usize,
    width: f64,
    height: f64,
}

impl Lanes {
    /// Lanes for `names`, with room on the left for the longest name.
    pub fn new(diagram: &SpaceTime, names: &[String], (width, height): (f64, f64)) -> Lanes {
        let longest = names.iter().map(|n| n.chars().count()).max().unwrap_or(0);
        Lanes {
            left: (longest as f64 * 8.0 + 20.0).clamp(LEFT, LEFT_MOST),
            start: diagram.start,
            span: diagram.end.saturating_sub(diagram.start).max(1) as f64,
            lanes: names.len().max(1),
            width,
            height,
        }
    }

    /// The x of a moment.
    pub fn x(&self, t: SimTime) -> f64 {
        self.left + (t.saturating_sub(self.start) as f64 / self.span) * (self.width - self.left - RIGHT)
    }

    /// The y of a node's lane.
    pub fn y(&self, lane: usize) -> f64 {
        TOP + (lane as f64 + 0.5) * (self.height - TOP - BOTTOM) / self.lanes as f64
    }

    /// Where the lane names end and the time axis begins.
    pub fn left(&self) -> f64 {
        self.left
    }

    /// Where the time axis ends.
    pub fn right(&self) -> f64 {
        self.width - RIGHT
    }

    /// How many lanes there are.
    pub fn count(&self) -> usize {
        self.lanes
    }

    /// The top and bottom of the lanes' area.
    pub fn top_and_bottom(&self) -> (f64, f64) {
        (TOP, self.height - BOTTOM)
    }

    /// Where an arrow starts and ends: from its sender's lane at the send,
    /// to the receiver's lane on arrival, or part of the way there when it
    /// was lost or is still travelling.
    pub fn arrow(&self, arrow: &Arrow) -> (Point, Point) {
        let from = Point {
            x: self.x(arrow.sent),
            y: self.y(arrow.from.index()),
        };
        let due_y = self.y(arrow.to.index());
        let fraction = if arrow.due > arrow.sent {
            ((arrow.ended - arrow.sent) as f64 / (arrow.due - arrow.sent) as f64).clamp(0.0, 1.0)
        } else {
            1.0
        };
        let y = match arrow.end {
            ArrowEnd::Arrived => due_y,
            ArrowEnd::Lost | ArrowEnd::Travelling => from.y + (due_y - from.y) * fraction,
        };
        (
            from,
            Point {
                x: self.x(arrow.ended),
                y,
            },
        )
    }
}

/// The message whose arrow passes nearest `point`, within `reach` pixels.
pub fn arrow_under(diagram: &SpaceTime, lanes: &Lanes, point: Point, reach: f64) -> Option<MessageId> {
    let mut best: Option<(f64, MessageId)> = None;
    for arrow in &diagram.arrows {
        let (a, b) = lanes.arrow(arrow);
        let (dx, dy) = (b.x - a.x, b.y - a.y);
        let length_squared = (dx * dx + dy * dy).max(f64::EPSILON);
        let t = (((point.x - a.x) * dx + (point.y - a.y) * dy) / length_squared).clamp(0.0, 1.0);
        let distance = ((a.x + t * dx - point.x).powi(2) + (a.y + t * dy - point.y).powi(2)).sqrt();
        if distance <= reach && best.is_none_or(|(d, _)| distance < d) {
            best = Some((distance, arrow.message));
        }
    }
    best.map(|(_, message)| message)
}

/// The room a tick's label ("40 s") takes along the time axis, centred on
/// its tick, in CSS pixels.
pub const TICK_LABEL_ROOM: f64 = 48.0;

/// The fewest seconds between two ticks of the time axis that leave each
/// tick's label ("40 s") room, when a second is `per_second` pixels wide.
pub fn tick_seconds(per_second: f64) -> u64 {
    [1, 2, 5, 10, 15, 30, 60]
        .into_iter()
        .find(|&step| step as f64 * per_second >= TICK_LABEL_ROOM)
        .unwrap_or(60)
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
        let diagram = space_time(w.trace(), &w.snapshot(), seconds(1), None);
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
        let diagram = space_time(w.trace(), &w.snapshot(), seconds(2), None);
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
    fn pointing_at_an_arrow_finds_its_message() {
        let mut w = world();
        w.run_until(seconds(3));
        let diagram = space_time(w.trace(), &w.snapshot(), seconds(1), None);
        let names = ["A", "B", "C"].map(String::from);
        let lanes = Lanes::new(&diagram, &names, (800.0, 400.0));
        let arrow = &diagram.arrows[diagram.arrows.len() / 2];
        let (a, b) = lanes.arrow(arrow);
        let middle = Point {
            x: (a.x + b.x) / 2.0,
            y: (a.y + b.y) / 2.0,
        };
        let found = arrow_under(&diagram, &lanes, middle, 4.0).expect("an arrow is there");
        let (fa, fb) = diagram
            .arrows
            .iter()
            .find(|x| x.message == found)
            .map(|x| lanes.arrow(x))
            .expect("the message is in the diagram");
        let on_line = |p: Point| {
            let cross = (fb.x - fa.x) * (p.y - fa.y) - (fb.y - fa.y) * (p.x - fa.x);
            cross.abs() / ((fb.x - fa.x).hypot(fb.y - fa.y)).max(1.0)
        };
        assert!(on_line(middle) <= 4.0, "the found arrow passes under the pointer");
        assert_eq!(arrow_under(&diagram, &lanes, Point { x: 1.0, y: 1.0 }, 4.0), None);
    }

    #[test]
    fn a_node_still_down_is_down_until_now() {
        let mut w = world();
        w.run_until(seconds(1));
        w.apply(&Action::Crash(NodeId(0))).ok();
        w.run_until(seconds(2));
        let diagram = space_time(w.trace(), &w.snapshot(), seconds(3), None);
        assert_eq!(diagram.down[0], vec![(seconds(1), seconds(2))]);
    }

    #[test]
    fn a_thinned_kind_keeps_arrows_on_every_link_it_travels() {
        // Lesson 6's first step: requests hop from the clients to the load
        // balancer and on to the server, and are thinned.
        let lesson = crate::lessons::LESSONS
            .iter()
            .find(|l| l.slug == "scaling-out")
            .expect("lesson 6");
        let Some(Ok(mut run)) = lesson.scenario_for(0).map(|s| s.build()) else {
            panic!("lesson 6 step 1 builds")
        };
        run.advance_to(seconds(12));
        let diagram = space_time(run.trace(), &run.snapshot(), seconds(10), None);
        assert!(!diagram.thinned.is_empty(), "the step's diagram is thinned");
        for &(kind, one_in) in &diagram.thinned {
            let travelled = diagram.arrows.iter().filter(|a| a.kind == kind);
            let senders: std::collections::BTreeSet<NodeId> = travelled.map(|a| a.from).collect();
            assert!(
                senders.len() > 1,
                "{} (1 in {one_in}) is drawn leaving only {senders:?}",
                kind.noun
            );
        }
    }

    #[test]
    fn thinning_keeps_an_arrow_on_every_link_even_one_used_less_often_than_one_in_so_many() {
        let (request, reply) = (crate::kind!("request", "request"), crate::kind!("reply", "reply"));
        let arrow = |message: u64, kind: Kind, from: u32, to: u32| Arrow {
            message,
            from: NodeId(from),
            to: NodeId(to),
            kind,
            sent: message,
            due: message + 1,
            ended: message + 1,
            end: ArrowEnd::Arrived,
        };
        // Requests hop from client 0 to the balancer (1) and on to the
        // server (2), in turn; client 3 sends a single one; replies come back.
        let mut arrows: Vec<Arrow> = (0..200)
            .map(|m| {
                arrow(
                    m,
                    request,
                    if m % 2 == 0 { 0 } else { 1 },
                    if m % 2 == 0 { 1 } else { 2 },
                )
            })
            .chain([arrow(200, request, 3, 1)])
            .chain((201..260).map(|m| arrow(m, reply, 2, 0)))
            .collect();
        let links = |arrows: &[Arrow]| -> std::collections::BTreeSet<(Kind, NodeId, NodeId)> {
            arrows.iter().map(|a| (a.kind, a.from, a.to)).collect()
        };
        let before = links(&arrows);
        let thinned = thin(&mut arrows);
        assert!(
            thinned.iter().any(|&(kind, one_in)| kind == request && one_in > 1),
            "{thinned:?}"
        );
        assert_eq!(links(&arrows), before, "every link keeps an arrow");
    }

    #[test]
    fn a_busy_cluster_draws_one_in_so_many_of_its_commonest_messages() {
        let (network, setups) = election::cluster(10);
        let mut w = World::new(9, &network, setups);
        w.run_until(seconds(12));
        let diagram = space_time(w.trace(), &w.snapshot(), seconds(10), None);
        let Some(&(kind, one_in)) = diagram.thinned.first() else {
            panic!("nothing thinned out of {} arrows", diagram.arrows.len())
        };
        assert!(one_in > 1);
        let lost = diagram.arrows.iter().filter(|a| a.end == ArrowEnd::Lost).count();
        assert!(
            diagram.arrows.len() <= 2 * THIN_ABOVE + lost,
            "{} arrows",
            diagram.arrows.len()
        );
        assert!(
            diagram.arrows.iter().any(|a| a.kind == kind),
            "some {} are still drawn",
            kind.noun
        );
        let quiet = space_time(w.trace(), &w.snapshot(), millis(200), None);
        assert!(quiet.thinned.is_empty(), "a short window is drawn in full");
    }

    #[test]
    fn a_run_gone_quiet_keeps_its_last_messages_in_view() {
        let spec = crate::scenario::ClusterSpec::ClockChat(crate::protocols::lamport::ClockChat {
            b_behind_ms: 500,
            rounds: 3,
        });
        let scenario = crate::scenario::Scenario::new(spec, 3);
        let build = || match scenario.build() {
            Ok(run) => run,
            Err(e) => panic!("{e}"),
        };
        let mut run = build();
        run.advance_to(seconds(30));
        let last = run.trace().events().next_back().map_or(0, |e| e.time);
        assert!(last < seconds(10), "the chat is over by 10 s");
        let diagram = space_time(run.trace(), &run.snapshot(), seconds(3), None);
        assert_eq!(diagram.quiet_since, Some(last));
        assert!(diagram.end < seconds(30) && diagram.end > last);
        assert!(!diagram.arrows.is_empty(), "the chat's last messages are still drawn");
        let mut run = build();
        run.advance_to(last);
        let busy = space_time(run.trace(), &run.snapshot(), seconds(3), None);
        assert_eq!(
            (busy.quiet_since, busy.end),
            (None, last),
            "a busy run's window ends now"
        );
    }

    #[test]
    fn time_ticks_leave_their_labels_room() {
        assert_eq!(tick_seconds(200.0), 1, "a wide second ticks every second");
        assert_eq!(tick_seconds(30.0), 2);
        assert_eq!(tick_seconds(5.0), 10, "60 s on a phone");
        assert_eq!(tick_seconds(0.1), 60);
        for per_second in [0.9, 3.0, 7.0, 20.0, 47.0] {
            let step = tick_seconds(per_second);
            assert!(step as f64 * per_second >= 48.0 || step == 60, "{per_second}: {step}");
        }
    }
}
