//! Words next to each node: its name (inside the circle when it fits), its
//! role or state, and its local clock. They go below the node, or above it
//! when a neighbour sits just below, or beside it in a column of nodes, and
//! always stay inside the canvas.

use web_sys::CanvasRenderingContext2d;

use super::clock_label;
use crate::sim::{NodeView, Snapshot, Status};
use crate::ui::layout::Point;
use crate::ui::palette::Palette;

/// Where a node's words go.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Side {
    Below,
    Above,
    /// Beside the node, to the right (`true`) or to the left.
    Beside(bool),
    /// Crowded on every side: one short line just under the node.
    Tight,
}

/// How much room two lines of words need beside a node, in CSS pixels.
const BESIDE_ROOM: f64 = 150.0;

/// In a column (a neighbour straight above or below): beside the node,
/// towards the middle if there is room there, else the other way, else one
/// tight line. Otherwise below, unless a neighbour sits there, then above.
fn side(positions: &[Point], index: usize, radius: f64, width: f64) -> Side {
    let Some(me) = positions.get(index) else {
        return Side::Below;
    };
    let near = |direction: f64, across: f64| {
        positions.iter().enumerate().any(|(other, p)| {
            let gap = (p.y - me.y) * direction;
            other != index && (p.x - me.x).abs() < across && gap > 0.0 && gap < 2.0 * radius + 40.0
        })
    };
    // The free width to the right (or left) of the node: up to the canvas
    // edge, or up to a neighbour less the room its own words may take.
    let room = |right: bool| {
        let edge = if right { width - me.x } else { me.x };
        positions
            .iter()
            .enumerate()
            .filter(|&(other, p)| other != index && (p.y - me.y).abs() < 2.0 * radius + 16.0)
            .map(|(_, p)| if right { p.x - me.x } else { me.x - p.x })
            .filter(|&dx| dx > 0.0)
            .map(|dx| dx - BESIDE_ROOM)
            .fold(edge, f64::min)
            - radius
    };
    if near(1.0, radius) || near(-1.0, radius) {
        let inward = me.x < width / 2.0;
        if room(inward) >= BESIDE_ROOM {
            Side::Beside(inward)
        } else if room(!inward) >= BESIDE_ROOM {
            Side::Beside(!inward)
        } else {
            Side::Tight
        }
    } else if near(1.0, 80.0) {
        Side::Above
    } else {
        Side::Below
    }
}

/// "client A", "B (paused)", "web 1 (web server)".
fn state_words(node: &NodeView, name_inside: bool) -> String {
    match node.status {
        Status::Up if name_inside => node.role.to_string(),
        Status::Up if node.name.contains(node.role) => node.name.clone(),
        Status::Up => format!("{} ({})", node.name, node.role),
        Status::Paused => format!("{} (paused)", node.name),
        Status::Crashed => format!("{} crashed", node.name),
    }
}

/// Write `text` centred on `x`, moved in so that it stays inside `width`
/// (judging its width from its length, for a 12-13 px font).
fn fill_inside(ctx: &CanvasRenderingContext2d, text: &str, x: f64, y: f64, width: f64) {
    let wide = text.chars().count() as f64 * 7.4;
    let x = x.clamp(wide / 2.0 + 4.0, (width - wide / 2.0 - 4.0).max(wide / 2.0 + 4.0));
    let _ = ctx.fill_text(text, x, y);
}

/// Label every node.
pub fn paint_labels(
    ctx: &CanvasRenderingContext2d,
    snapshot: &Snapshot,
    positions: &[Point],
    radius: f64,
    width: f64,
    palette: &Palette,
) {
    ctx.set_text_align("center");
    ctx.set_text_baseline("middle");
    for (index, (node, p)) in snapshot.nodes.iter().zip(positions).enumerate() {
        let name_inside = node.status == Status::Up && node.name.chars().count() as f64 * 9.0 <= 2.0 * radius - 6.0;
        if name_inside {
            ctx.set_fill_style_str(&palette.surface);
            ctx.set_font("600 16px system-ui, sans-serif");
            let _ = ctx.fill_text(&node.name, p.x, p.y);
        }
        let state = state_words(node, name_inside);
        let clock = format!("clock {}", clock_label(node.local_time));
        let (x, state_y, clock_y) = match side(positions, index, radius, width) {
            Side::Below => (p.x, p.y + radius + 14.0, p.y + radius + 30.0),
            Side::Above => (p.x, p.y - radius - 30.0, p.y - radius - 14.0),
            Side::Beside(true) => (p.x + radius + 70.0, p.y - 8.0, p.y + 8.0),
            Side::Beside(false) => (p.x - radius - 70.0, p.y - 8.0, p.y + 8.0),
            Side::Tight => {
                let line = format!("{} · {}", node.name, clock_label(node.local_time));
                ctx.set_fill_style_str(&palette.ink);
                ctx.set_font("10px system-ui, sans-serif");
                fill_inside(ctx, &line, p.x, p.y + radius + 8.0, width);
                continue;
            }
        };
        ctx.set_fill_style_str(&palette.ink);
        ctx.set_font("600 13px system-ui, sans-serif");
        fill_inside(ctx, &state, x, state_y, width);
        ctx.set_fill_style_str(&palette.muted);
        ctx.set_font("12px ui-monospace, monospace");
        fill_inside(ctx, &clock, x, clock_y, width);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(x: f64, y: f64) -> Point {
        Point { x, y }
    }

    #[test]
    fn words_go_where_there_is_room() {
        let column = [at(100.0, 50.0), at(100.0, 120.0), at(100.0, 190.0)];
        assert!((0..3).all(|i| side(&column, i, 20.0, 600.0) == Side::Beside(true)));
        let two_far_columns = [at(100.0, 50.0), at(100.0, 120.0), at(500.0, 50.0), at(500.0, 120.0)];
        assert_eq!(side(&two_far_columns, 0, 20.0, 600.0), Side::Beside(true));
        assert_eq!(side(&two_far_columns, 2, 20.0, 600.0), Side::Beside(false));
        let staggered = [at(100.0, 50.0), at(130.0, 80.0)];
        assert_eq!(side(&staggered, 0, 20.0, 600.0), Side::Above);
        assert_eq!(side(&staggered, 1, 20.0, 600.0), Side::Below);
        let apart = [at(100.0, 50.0), at(400.0, 60.0)];
        assert_eq!(side(&apart, 0, 20.0, 600.0), Side::Below);
    }

    #[test]
    fn columns_too_close_for_words_beside_get_one_tight_line() {
        // Two columns 117 px apart, three rows each: no room beside.
        let tiers: Vec<Point> = [100.0, 217.0]
            .iter()
            .flat_map(|&x| [50.0, 103.0, 156.0].map(|y| at(x, y)))
            .collect();
        assert_eq!(side(&tiers, 0, 16.0, 320.0), Side::Tight);
        let right_column_near_the_edge = [at(500.0, 50.0), at(500.0, 103.0)];
        assert_eq!(side(&right_column_near_the_edge, 0, 16.0, 560.0), Side::Beside(false));
    }
}
