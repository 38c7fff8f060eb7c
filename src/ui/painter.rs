//! Draws one snapshot of the cluster on a 2D canvas: the map or the links
//! behind, messages in flight, and nodes with their name, role, state and
//! local clock. State is shown by shape and words as well as colour (a
//! cross for crashed, bars for paused). Links go in one path and messages
//! of one colour in one path, so hundreds of nodes and thousands of
//! messages stay cheap; labels are left out when nodes are too many to
//! read them.

mod backdrop;
pub(crate) mod labels;
pub(crate) mod placement;
#[cfg(test)]
mod sights_tests;
mod travelled;

pub use travelled::Travelled;

use web_sys::CanvasRenderingContext2d;

use super::drops::RecentDrop;
use super::layout::{along, MapFrame, Point};
use super::palette::Palette;
use crate::sim::{MessageId, Snapshot, Status};
use labels::{node_words, Font, TAG_PADDING};
use placement::{Area, Edge, KeepOff, TAG_HIGH, TIMER_LINE, TIMER_RING, TRUE_TIME};

/// Seconds with millisecond precision, for clock labels.
pub use crate::sim::words::clock_reading as clock_label;

/// What stays put behind the nodes while the run plays: the surface, the
/// map's grid and scale, and the links. Drawn once into a cached canvas.
pub struct Backdrop<'a> {
    pub positions: &'a [Point],
    pub links: &'a [(usize, usize)],
    pub map: Option<MapFrame>,
    /// Where each node really is on a map (empty off a map).
    pub true_spots: &'a [Point],
    pub size: (f64, f64),
}

/// Paint the backdrop.
pub fn paint_backdrop(ctx: &CanvasRenderingContext2d, backdrop: &Backdrop<'_>, palette: &Palette) {
    let (width, height) = backdrop.size;
    ctx.set_fill_style_str(&palette.surface);
    ctx.fill_rect(0.0, 0.0, width, height);
    if let Some(map) = backdrop.map {
        backdrop::paint_map(ctx, &map, backdrop.size, palette);
    }
    backdrop::paint_cities(ctx, backdrop.positions, backdrop.true_spots, palette);
    backdrop::paint_links(ctx, backdrop.positions, backdrop.links, palette);
}

/// The words always on the picture that node words keep off: the true
/// time, and a map's scale.
pub fn readouts(map: Option<&MapFrame>, size: (f64, f64)) -> Vec<Area> {
    let scale = map.map(|map| backdrop::scale_area(map, size));
    [TRUE_TIME].into_iter().chain(scale).collect()
}

/// Everything one frame shows over the backdrop.
pub struct Scene<'a> {
    pub snapshot: &'a Snapshot,
    /// Messages lost recently, newest first, and how long a mark lasts.
    pub drops: &'a [RecentDrop],
    pub drop_window: u64,
    pub positions: &'a [Point],
    /// Where each message on the wire is, in snapshot order.
    pub messages_at: &'a [Option<Point>],
    pub radius: f64,
    /// The node the lesson points at, ringed.
    pub highlight: Option<usize>,
    /// The message pointed at, ringed.
    pub pointed: Option<MessageId>,
    /// What words keep off: see [`readouts`].
    pub readouts: &'a [Area],
    /// The links the backdrop draws (node indexes, lower first).
    pub links: &'a [(usize, usize)],
    /// Links messages have travelled that the backdrop does not draw: see
    /// [`Travelled`].
    pub travelled: &'a [(usize, usize)],
}

/// Where each message on the wire is drawn now, in snapshot order: on the
/// line between its nodes, from the edge of one circle to the edge of the
/// other, so a message never hides the words inside a circle.
pub fn message_positions(snapshot: &Snapshot, positions: &[Point], radius: f64) -> Vec<Option<Point>> {
    snapshot
        .messages
        .iter()
        .map(|m| {
            let (from, to) = (positions.get(m.from.index())?, positions.get(m.to.index())?);
            let (from, to) = edge_to_edge(*from, *to, radius);
            Some(along(from, to, m.departs, m.arrives, snapshot.time))
        })
        .collect()
}

/// The stretch of the line from `from` to `to` outside both circles (the
/// centres themselves when the circles touch).
fn edge_to_edge(from: Point, to: Point, radius: f64) -> (Point, Point) {
    let (dx, dy) = (to.x - from.x, to.y - from.y);
    let length = dx.hypot(dy);
    if length <= 2.0 * radius {
        return (from, to);
    }
    let (ux, uy) = (dx / length * radius, dy / length * radius);
    (
        Point {
            x: from.x + ux,
            y: from.y + uy,
        },
        Point {
            x: to.x - ux,
            y: to.y - uy,
        },
    )
}

/// Up to this many nodes, every node is labelled with its role and clock.
const LABELLED_NODES: usize = 24;

/// Paint one frame of the cluster over its backdrop, on a canvas `size`
/// (width, height) in CSS pixels.
pub fn paint(ctx: &CanvasRenderingContext2d, scene: &Scene<'_>, size: (f64, f64), palette: &Palette) {
    let Scene {
        snapshot,
        positions,
        radius,
        ..
    } = *scene;
    let used = scene.travelled;
    let labelled = snapshot.nodes.len() <= LABELLED_NODES;
    let words = if labelled {
        let measure = |font: Font, text: &str| {
            ctx.set_font(font.css());
            ctx.measure_text(text)
                .map_or(text.chars().count() as f64 * 8.0, |m| m.width())
        };
        node_words(
            snapshot,
            positions,
            radius,
            size,
            measure,
            scene.highlight,
            KeepOff {
                readouts: scene.readouts,
                links: scene.links,
            },
        )
    } else {
        Vec::new()
    };
    backdrop::paint_links(ctx, positions, used, palette);
    // A split cuts the links drawn, not pairs that never talk; its crosses
    // keep off the words and circles.
    let linked = |a, b| scene.links.contains(&(a, b)) || used.contains(&(a, b));
    let clear: Vec<Area> = words
        .iter()
        .filter_map(|w| w.label.as_ref().map(|label| label.0))
        .chain(positions.iter().map(|&p| Area::around(p, radius)))
        .collect();
    backdrop::paint_cuts(ctx, snapshot, positions, linked, radius, &clear, palette);
    paint_drops(ctx, scene, palette);

    if let Some(p) = scene.highlight.and_then(|i| positions.get(i)) {
        ctx.set_stroke_style_str(&palette.leader);
        ctx.set_line_width(placement::POINTER_LINE);
        let _ = ctx.set_line_dash(&js_sys::Array::of2(&6.0.into(), &4.0.into()));
        ctx.begin_path();
        let _ = ctx.arc(p.x, p.y, radius + placement::POINTER_RING, 0.0, std::f64::consts::TAU);
        ctx.stroke();
        let _ = ctx.set_line_dash(&js_sys::Array::new());
    }

    for (index, (node, p)) in snapshot.nodes.iter().zip(positions).enumerate() {
        let fill = match node.status {
            Status::Up if node.role.part.leads() => &palette.leader,
            Status::Up => &palette.up,
            Status::Paused => &palette.paused,
            Status::Crashed => &palette.crashed,
        };
        ctx.set_fill_style_str(fill);
        ctx.begin_path();
        let _ = ctx.arc(p.x, p.y, radius, 0.0, std::f64::consts::TAU);
        ctx.fill();
        ctx.set_stroke_style_str(&palette.ink);
        ctx.set_line_width(if node.role.part.leads() { 3.0 } else { 1.5 });
        ctx.stroke();
        if let Some(left) = words.get(index).and_then(|w| w.countdown) {
            paint_countdown(ctx, *p, radius, left, palette);
        }
        match node.status {
            Status::Crashed => {
                ctx.set_stroke_style_str(&palette.surface);
                ctx.set_line_width(3.0);
                cross(ctx, *p, radius * 0.5);
            }
            Status::Paused => {
                ctx.set_fill_style_str(&palette.surface);
                let (w, h) = (radius * 0.18, radius * 0.8);
                ctx.fill_rect(p.x - 2.5 * w, p.y - h / 2.0, 1.5 * w, h);
                ctx.fill_rect(p.x + w, p.y - h / 2.0, 1.5 * w, h);
            }
            Status::Up => {}
        }
    }
    // Dots go under the words, so a busy link never hides what a node says.
    paint_messages(ctx, scene, palette);
    if labelled {
        let mut tags = Vec::new();
        for (words, p) in words.iter().zip(positions) {
            let lower = match (&words.waiting, &words.outcomes) {
                (Some((waiting, edge)), _) => Some((waiting.as_str(), *edge)),
                (None, Some((outcomes, edge))) => Some((outcomes.as_str(), *edge)),
                (None, None) => None,
            };
            let upper = match (&words.votes, &words.upper) {
                (Some((votes, edge)), _) => Some((votes.as_str(), *edge)),
                (None, Some((upper, edge))) => Some((upper.as_str(), *edge)),
                (None, None) => None,
            };
            for (text, edge) in lower.into_iter().chain(upper) {
                tags.push(paint_tag(ctx, *p, radius, edge, text, palette));
            }
        }
        let labels = labels::paint_labels(ctx, &words, positions, palette);
        let circles = positions.iter().map(|&p| Area::around(p, radius));
        // Message names keep off the tags too.
        let taken = circles
            .chain(labels)
            .chain(tags)
            .chain(scene.readouts.iter().copied())
            .collect();
        paint_message_names(ctx, scene, taken, palette);
    }

    ctx.set_text_align("left");
    ctx.set_text_baseline("middle");
    ctx.set_fill_style_str(&palette.ink);
    ctx.set_font("13px ui-monospace, monospace");
    let _ = ctx.fill_text(&format!("true time {}", clock_label(snapshot.time as i64)), 12.0, 18.0);
}

/// A timer the node waits on, as a ring just outside its circle that
/// drains clockwise from the top: full when set, gone when it goes off.
fn paint_countdown(ctx: &CanvasRenderingContext2d, at: Point, radius: f64, left: f64, palette: &Palette) {
    use std::f64::consts::{FRAC_PI_2, TAU};
    let ring = radius + TIMER_RING;
    ctx.set_line_width(TIMER_LINE);
    ctx.set_stroke_style_str(&palette.link);
    ctx.begin_path();
    let _ = ctx.arc(at.x, at.y, ring, 0.0, TAU);
    ctx.stroke();
    if left > 0.0 {
        ctx.set_stroke_style_str(&palette.ink);
        ctx.begin_path();
        let _ = ctx.arc(at.x, at.y, ring, -FRAC_PI_2, -FRAC_PI_2 + TAU * left.min(1.0));
        ctx.stroke();
    }
}

/// A dark tag on an edge of a node's circle ("12 waiting"), in room the
/// words around the node keep clear of, so it never covers them. Its
/// queue goes on the lower edge (a client's requests that went wrong too,
/// or under a small circle), a server's repeats on the upper one, and a
/// candidate's votes above its timer's ring.
fn paint_tag(
    ctx: &CanvasRenderingContext2d,
    at: Point,
    radius: f64,
    edge: Edge,
    text: &str,
    palette: &Palette,
) -> Area {
    ctx.set_font(Font::Tag.css());
    let wide = ctx.measure_text(text).map_or(text.len() as f64 * 7.0, |m| m.width()) + 2.0 * TAG_PADDING;
    let area = edge.tag_area(at, radius, wide);
    ctx.set_fill_style_str(&palette.ink);
    ctx.begin_path();
    let _ = ctx.round_rect_with_f64(area.left, area.top, wide, TAG_HIGH, TAG_HIGH / 2.0);
    ctx.fill();
    ctx.set_fill_style_str(&palette.surface);
    ctx.set_text_align("center");
    ctx.set_text_baseline("middle");
    let _ = ctx.fill_text(text, (area.left + area.right) / 2.0, area.top + TAG_HIGH / 2.0 + 0.5);
    area
}

/// Messages on the wire named beside their dot, while there are this few.
const LABELLED_MESSAGES: usize = 24;

/// Each message's name beside its dot, off its link, where it covers no
/// node, no node's words (`taken`) and no other message's name; a
/// duplicate marked "2".
fn paint_message_names(ctx: &CanvasRenderingContext2d, scene: &Scene<'_>, mut taken: Vec<Area>, palette: &Palette) {
    let on_wire = || scene.snapshot.messages.iter().zip(scene.messages_at);
    ctx.set_fill_style_str(&palette.ink);
    ctx.set_font("600 11px system-ui, sans-serif");
    ctx.set_text_align("left");
    ctx.set_text_baseline("alphabetic");
    for (_, at) in on_wire().filter(|(m, _)| m.copy_of.is_some()) {
        if let Some(at) = at {
            let _ = ctx.fill_text("2", at.x + 7.0, at.y - 7.0);
        }
    }
    if scene.snapshot.messages.len() > LABELLED_MESSAGES {
        return;
    }
    ctx.set_fill_style_str(&palette.muted);
    ctx.set_font("12px system-ui, sans-serif");
    ctx.set_text_baseline("middle");
    for (message, at) in on_wire() {
        let Some(at) = at else { continue };
        let ends = scene
            .positions
            .get(message.from.index())
            .zip(scene.positions.get(message.to.index()));
        let Some((from, to)) = ends else { continue };
        let spot = beside_link(*at, *from, *to, message.kind.noun.chars().count() as f64 * 6.6);
        // A label that would sit on other words is left out; the dot
        // still shows, and pointing at it names it.
        if taken.iter().all(|other| !other.overlaps(&spot.area)) {
            ctx.set_text_align(spot.align);
            let _ = ctx.fill_text(message.kind.noun, spot.x, spot.y);
            taken.push(spot.area);
        }
    }
}

/// Messages as dots, one path per colour; the message pointed at bigger
/// and ringed.
fn paint_messages(ctx: &CanvasRenderingContext2d, scene: &Scene<'_>, palette: &Palette) {
    let on_wire = || scene.snapshot.messages.iter().zip(scene.messages_at);
    for colour in &palette.messages {
        ctx.set_fill_style_str(colour);
        ctx.begin_path();
        for (message, at) in on_wire() {
            let Some(at) = at else { continue };
            if std::ptr::eq(palette.message(message.kind.id), colour.as_str()) {
                ctx.move_to(at.x + 5.0, at.y);
                let _ = ctx.arc(at.x, at.y, 5.0, 0.0, std::f64::consts::TAU);
            }
        }
        ctx.fill();
    }
    let pointed = scene
        .pointed
        .and_then(|id| on_wire().find(|(m, _)| m.id == id))
        .and_then(|(m, at)| at.map(|at| (m, at)));
    if let Some((message, at)) = pointed {
        ctx.set_fill_style_str(palette.message(message.kind.id));
        ctx.begin_path();
        let _ = ctx.arc(at.x, at.y, 8.0, 0.0, std::f64::consts::TAU);
        ctx.fill();
        ctx.set_stroke_style_str(&palette.ink);
        ctx.set_line_width(2.0);
        ctx.begin_path();
        let _ = ctx.arc(at.x, at.y, 12.0, 0.0, std::f64::consts::TAU);
        ctx.stroke();
    }
}

/// Stroke an X centred on `at`, `half` wide each way, in the current style.
pub fn cross(ctx: &CanvasRenderingContext2d, at: Point, half: f64) {
    ctx.begin_path();
    ctx.move_to(at.x - half, at.y - half);
    ctx.line_to(at.x + half, at.y + half);
    ctx.move_to(at.x + half, at.y - half);
    ctx.line_to(at.x - half, at.y + half);
    ctx.stroke();
}

/// A cross, fading out, where each recently lost message died.
fn paint_drops(ctx: &CanvasRenderingContext2d, scene: &Scene<'_>, palette: &Palette) {
    let now = scene.snapshot.time;
    ctx.set_line_width(2.5);
    ctx.set_stroke_style_str(&palette.crashed);
    for drop in scene.drops {
        let (Some(from), Some(to)) = (
            scene.positions.get(drop.from.index()),
            scene.positions.get(drop.to.index()),
        ) else {
            continue;
        };
        let age = now.saturating_sub(drop.at) as f64 / scene.drop_window.max(1) as f64;
        let (from, to) = edge_to_edge(*from, *to, scene.radius);
        let at = along(from, to, drop.departs, drop.arrives, drop.at);
        ctx.set_global_alpha((1.0 - age).clamp(0.15, 1.0));
        cross(ctx, at, 6.0 + 4.0 * age);
    }
    ctx.set_global_alpha(1.0);
}

/// Where a message's label goes: beside its dot, off the link it travels
/// on, on the side below (or, on an upright link, to the right of) it.
#[derive(Clone, Copy, Debug, PartialEq)]
struct LabelSpot {
    x: f64,
    y: f64,
    align: &'static str,
    area: Area,
}

/// How far a label sits from its link, in CSS pixels.
const LABEL_GAP: f64 = 13.0;

fn beside_link(at: Point, from: Point, to: Point, text_width: f64) -> LabelSpot {
    let (dx, dy) = (to.x - from.x, to.y - from.y);
    let length = dx.hypot(dy).max(1e-9);
    // The normal to the link that points down (or right when upright).
    let (mut nx, mut ny) = (-dy / length, dx / length);
    if ny < 0.0 || (ny == 0.0 && nx < 0.0) {
        (nx, ny) = (-nx, -ny);
    }
    let (x, y) = (at.x + nx * LABEL_GAP, at.y + ny * LABEL_GAP);
    let (align, left) = if nx > 0.5 {
        ("left", x)
    } else if nx < -0.5 {
        ("right", x - text_width)
    } else {
        ("center", x - text_width / 2.0)
    };
    LabelSpot {
        x,
        y,
        align,
        area: Area {
            left,
            top: y - 7.0,
            right: left + text_width,
            bottom: y + 7.0,
        },
    }
}

#[cfg(test)]
mod label_tests {
    use super::*;

    /// The distance from `p` to the line through `a` and `b`.
    fn off_line(p: Point, a: Point, b: Point) -> f64 {
        let (dx, dy) = (b.x - a.x, b.y - a.y);
        ((p.x - a.x) * dy - (p.y - a.y) * dx).abs() / dx.hypot(dy)
    }

    #[test]
    fn a_message_label_keeps_off_its_link_at_every_angle() {
        let from = Point { x: 200.0, y: 200.0 };
        for step in 0..16 {
            let angle = f64::from(step) * std::f64::consts::TAU / 16.0;
            let to = Point {
                x: 200.0 + 150.0 * angle.cos(),
                y: 200.0 + 150.0 * angle.sin(),
            };
            let at = Point {
                x: (from.x + to.x) / 2.0,
                y: (from.y + to.y) / 2.0,
            };
            let spot = beside_link(at, from, to, 40.0);
            let centre = Point {
                x: (spot.area.left + spot.area.right) / 2.0,
                y: (spot.area.top + spot.area.bottom) / 2.0,
            };
            assert!(off_line(centre, from, to) >= 10.0, "angle {step}/16: {spot:?}");
        }
    }

    #[test]
    fn messages_travel_from_circle_edge_to_circle_edge() {
        let (from, to) = edge_to_edge(Point { x: 0.0, y: 0.0 }, Point { x: 100.0, y: 0.0 }, 20.0);
        assert_eq!((from.x, to.x), (20.0, 80.0));
        let close = (Point { x: 0.0, y: 0.0 }, Point { x: 30.0, y: 0.0 });
        assert_eq!(
            edge_to_edge(close.0, close.1, 20.0),
            close,
            "touching circles keep the centres"
        );
    }

    #[test]
    fn labels_of_messages_side_by_side_overlap_and_far_apart_do_not() {
        let (from, to) = (Point { x: 0.0, y: 100.0 }, Point { x: 300.0, y: 100.0 });
        let a = beside_link(Point { x: 100.0, y: 100.0 }, from, to, 40.0);
        let b = beside_link(Point { x: 110.0, y: 100.0 }, to, from, 40.0);
        let c = beside_link(Point { x: 200.0, y: 100.0 }, from, to, 40.0);
        assert!(a.area.overlaps(&b.area));
        assert!(!a.area.overlaps(&c.area));
    }
}
