//! Words next to each node: its name (inside the circle when it fits), its
//! role or state, and its local clock, placed by [`super::placement`] where
//! they touch no other node or label and stay inside the canvas. Names too
//! long for the room get shorter words, never words on top of each other.

use web_sys::CanvasRenderingContext2d;

use super::clock_label;
use super::placement::{place_labels, Area, Placed, Widths, Wording, LINE};
use crate::sim::words::count;
use crate::sim::{Headline, NodeView, Snapshot, Status};
use crate::ui::layout::Point;
use crate::ui::palette::Palette;

const STATE_FONT: &str = "600 13px system-ui, sans-serif";
const CLOCK_FONT: &str = "12px ui-monospace, monospace";
const NAME_INSIDE_FONT: &str = "600 16px system-ui, sans-serif";
const TERM_INSIDE_FONT: &str = "600 11px system-ui, sans-serif";

/// Whether a node's name is written inside its circle.
fn name_inside(node: &NodeView, radius: f64) -> bool {
    node.status == Status::Up && node.name.chars().count() as f64 * 9.0 <= 2.0 * radius - 6.0
}

/// "client A", "B (paused)", "web 1 (web server)"; just the role when the
/// name is inside the circle (its term and votes are shown on the circle),
/// and nothing when that role is the name. A leader left behind by a newer
/// term (`newest_term`) is an "old leader"; a node whose name is outside
/// its circle adds its term and votes ("C (candidate) · term 3, 2 votes").
fn state_words(node: &NodeView, name_inside: bool, newest_term: u64) -> String {
    let role = match node.headline {
        Some(Headline::Term { term, .. }) if node.role == "leader" && term < newest_term => "old leader",
        _ => node.role,
    };
    let state = match node.status {
        Status::Up if name_inside && node.name == role => String::new(),
        Status::Up if name_inside => role.to_string(),
        Status::Up if node.name.contains(role) => node.name.clone(),
        Status::Up => format!("{} ({role})", node.name),
        Status::Paused => format!("{} (paused)", node.name),
        Status::Crashed => format!("{} crashed", node.name),
    };
    match (name_inside, node.headline) {
        (true, _) | (false, None) => state,
        (
            false,
            Some(Headline::Term {
                term,
                votes: Some(votes),
            }),
        ) => {
            format!("{state} · term {term}, {}", count(u64::from(votes), "vote"))
        }
        (false, Some(Headline::Term { term, votes: None })) => format!("{state} · term {term}"),
        (false, Some(Headline::Counter { value })) => format!("{state} · counter {value}"),
    }
}

/// The newest term any node is in, for telling old leaders apart.
fn newest_term(nodes: &[NodeView]) -> u64 {
    nodes
        .iter()
        .filter_map(|n| match n.headline {
            Some(Headline::Term { term, .. }) => Some(term),
            _ => None,
        })
        .max()
        .unwrap_or(0)
}

/// A candidate's votes, "2 votes", for the tag on its circle when its name
/// is inside it.
pub fn votes_tag(node: &NodeView, radius: f64) -> Option<String> {
    match node.headline {
        Some(Headline::Term { votes: Some(votes), .. }) if name_inside(node, radius) => {
            Some(count(u64::from(votes), "vote"))
        }
        _ => None,
    }
}

/// The headline written inside a node's circle under its name, in full
/// ("term 3", "counter 12") and as a bare number for a small circle, when
/// the name is there and the circle has room.
fn headline_inside(node: &NodeView, radius: f64) -> Option<[String; 2]> {
    if !name_inside(node, radius) || radius < 18.0 {
        return None;
    }
    match node.headline? {
        Headline::Term { term, .. } => Some([format!("term {term}"), term.to_string()]),
        Headline::Counter { value } => Some([format!("counter {value}"), value.to_string()]),
    }
}

/// How wide a line of words may be inside a circle of `radius`, `below`
/// its centre.
fn width_inside(radius: f64, below: f64) -> f64 {
    2.0 * (radius * radius - below * below).max(0.0).sqrt() - 6.0
}

/// The longest words a node's first line may show while the run plays
/// (its state, role and headline can change), so its room stays the same.
pub(super) fn widest_state(node: &NodeView, name_inside: bool) -> String {
    let state = state_words(node, name_inside, 0);
    let changing = match (node.headline, name_inside) {
        (Some(Headline::Term { .. }), true) => "old leader".to_string(),
        (Some(Headline::Term { .. }), false) => format!("{} (old leader)", node.name),
        _ => format!("{} (candidate)", node.name),
    };
    let widest = if state.chars().count() > changing.chars().count() {
        state
    } else {
        changing
    };
    match node.headline {
        Some(Headline::Term { .. }) if !name_inside => format!("{widest} · term 999, 9 votes"),
        Some(Headline::Counter { .. }) if !name_inside => format!("{widest} · counter -99999"),
        _ => widest,
    }
}

/// The longest clock line and bare clock reading a label may show.
pub(super) const WIDEST_CLOCK: [&str; 2] = ["clock -000.000 s", "-000.000 s"];

/// Where every node's words go on this canvas, with `words` giving the
/// width of a text in the state font, and `clock` the widths of
/// [`WIDEST_CLOCK`] in the clock font.
pub(super) fn placements(
    nodes: &[NodeView],
    positions: &[Point],
    radius: f64,
    size: (f64, f64),
    words: impl Fn(&str) -> f64,
    clock: [f64; 2],
    ringed: Option<usize>,
) -> Vec<Option<Placed>> {
    let widths: Vec<Widths> = nodes
        .iter()
        .map(|node| {
            let widest = widest_state(node, name_inside(node, radius));
            Widths {
                state: words(&widest),
                clock: clock[0],
                name: if name_inside(node, radius) {
                    words(&widest)
                } else {
                    words(&node.name)
                },
                reading: clock[1],
            }
        })
        .collect();
    // The words' room only changes with the picture's size or a node's
    // words: place them again only then, not every frame.
    let key = Placing {
        positions: positions.to_vec(),
        radius,
        size,
        widths: widths.clone(),
        ringed,
    };
    LAST_PLACED.with(|last| {
        let mut last = last.borrow_mut();
        match last.as_ref() {
            Some((placing, placed)) if *placing == key => placed.clone(),
            _ => {
                let placed = place_labels(positions, radius, size, &widths, ringed);
                *last = Some((key, placed.clone()));
                placed
            }
        }
    })
}

/// What a placement of labels was made from.
#[derive(PartialEq)]
struct Placing {
    positions: Vec<Point>,
    radius: f64,
    size: (f64, f64),
    widths: Vec<Widths>,
    ringed: Option<usize>,
}

thread_local! {
    static LAST_PLACED: std::cell::RefCell<Option<(Placing, Vec<Option<Placed>>)>> = const { std::cell::RefCell::new(None) };
}

/// Label every node; returns the boxes the labels fill, for other words to
/// keep clear of.
pub fn paint_labels(
    ctx: &CanvasRenderingContext2d,
    snapshot: &Snapshot,
    positions: &[Point],
    radius: f64,
    size: (f64, f64),
    ringed: Option<usize>,
    palette: &Palette,
) -> Vec<Area> {
    let measure = |text: &str| {
        ctx.measure_text(text)
            .map_or(text.chars().count() as f64 * 8.0, |m| m.width())
    };
    ctx.set_font(CLOCK_FONT);
    let clock = WIDEST_CLOCK.map(measure);
    ctx.set_font(STATE_FONT);
    let placed = placements(&snapshot.nodes, positions, radius, size, measure, clock, ringed);
    let newest = newest_term(&snapshot.nodes);
    ctx.set_text_align("center");
    ctx.set_text_baseline("middle");
    for ((node, p), placed) in snapshot.nodes.iter().zip(positions).zip(&placed) {
        let inside = name_inside(node, radius);
        if inside {
            ctx.set_fill_style_str(&palette.surface);
            ctx.set_font(NAME_INSIDE_FONT);
            let room = width_inside(radius, 16.0);
            ctx.set_font(TERM_INSIDE_FONT);
            let headline =
                headline_inside(node, radius).and_then(|forms| forms.into_iter().find(|text| measure(text) <= room));
            ctx.set_font(NAME_INSIDE_FONT);
            match headline {
                Some(headline) => {
                    let _ = ctx.fill_text(&node.name, p.x, p.y - 6.0);
                    ctx.set_font(TERM_INSIDE_FONT);
                    let _ = ctx.fill_text(&headline, p.x, p.y + 10.0);
                }
                None => {
                    let _ = ctx.fill_text(&node.name, p.x, p.y);
                }
            }
        }
        let Some(Placed { wording, area }) = placed else {
            continue;
        };
        let x = (area.left + area.right) / 2.0;
        // A name inside its circle is not written again: its role is.
        let short = if inside {
            state_words(node, inside, newest)
        } else {
            node.name.clone()
        };
        let (first, second) = match wording {
            Wording::Full => (
                state_words(node, inside, newest),
                Some(format!("clock {}", clock_label(node.local_time))),
            ),
            Wording::Short => (short, Some(clock_label(node.local_time))),
            Wording::Name => (short, None),
        };
        ctx.set_fill_style_str(&palette.ink);
        ctx.set_font(STATE_FONT);
        let _ = ctx.fill_text(&first, x, area.top + LINE / 2.0);
        if let Some(second) = second {
            ctx.set_fill_style_str(&palette.muted);
            ctx.set_font(CLOCK_FONT);
            let _ = ctx.fill_text(&second, x, area.top + 1.5 * LINE);
        }
    }
    placed.into_iter().flatten().map(|p| p.area).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn server(name: &str, role: &'static str, term: u64, votes: Option<u32>) -> NodeView {
        NodeView {
            headline: Some(Headline::Term { term, votes }),
            ..NodeView::sketch(0, name, role)
        }
    }

    #[test]
    fn a_leader_behind_the_newest_term_is_an_old_leader() {
        let nodes = [server("A", "candidate", 7, Some(2)), server("C", "leader", 3, None)];
        let newest = newest_term(&nodes);
        assert_eq!(state_words(&nodes[1], true, newest), "old leader");
        assert_eq!(state_words(&nodes[1], false, newest), "C (old leader) · term 3");
        assert_eq!(state_words(&nodes[0], false, newest), "A (candidate) · term 7, 2 votes");
        assert_eq!(votes_tag(&nodes[0], 20.0).as_deref(), Some("2 votes"));
        assert_eq!(
            headline_inside(&nodes[0], 20.0),
            Some(["term 7".to_string(), "7".to_string()])
        );
        assert!(width_inside(20.0, 16.0) < width_inside(30.0, 16.0));
        let current = server("D", "leader", 7, None);
        assert_eq!(state_words(&current, true, newest), "leader");
    }

    #[test]
    fn the_room_kept_fits_every_state_a_node_can_take() {
        for (role, votes) in [("follower", None), ("candidate", Some(5)), ("leader", None)] {
            let node = server("B", role, 12, votes);
            for inside in [true, false] {
                let widest = widest_state(&node, inside).chars().count();
                assert!(
                    state_words(&node, inside, 99).chars().count() <= widest,
                    "{role} {inside}"
                );
            }
        }
    }
}
