//! Draws one snapshot of the cluster on a 2D canvas: links, messages in
//! flight, and nodes with their name, role, state and local clock. State is
//! shown by shape and words as well as colour (a cross for crashed, bars for
//! paused).

use web_sys::CanvasRenderingContext2d;

use super::drops::RecentDrop;
use super::layout::{along, Point};
use super::palette::Palette;
use crate::sim::{NodeId, Snapshot, Status};

/// Seconds with millisecond precision, for clock labels.
pub fn clock_label(micros: i64) -> String {
    let sign = if micros < 0 { "-" } else { "" };
    let abs = micros.unsigned_abs();
    format!("{sign}{}.{:03} s", abs / 1_000_000, (abs / 1_000) % 1_000)
}

/// Everything one frame shows.
pub struct Scene<'a> {
    pub snapshot: &'a Snapshot,
    /// Messages lost recently, newest first, and how long a mark lasts.
    pub drops: &'a [RecentDrop],
    pub drop_window: u64,
    pub positions: &'a [Point],
    pub radius: f64,
    pub size: (f64, f64),
}

/// Where each message on the wire is drawn now, in snapshot order.
pub fn message_positions(snapshot: &Snapshot, positions: &[Point]) -> Vec<Option<Point>> {
    snapshot
        .messages
        .iter()
        .map(|m| {
            let (from, to) = (positions.get(m.from.index())?, positions.get(m.to.index())?);
            Some(along(*from, *to, m.departs, m.arrives, snapshot.time))
        })
        .collect()
}

/// Paint one frame of the cluster.
pub fn paint(ctx: &CanvasRenderingContext2d, scene: &Scene<'_>, palette: &Palette) {
    let Scene {
        snapshot,
        positions,
        radius,
        size: (width, height),
        ..
    } = *scene;
    ctx.set_fill_style_str(&palette.surface);
    ctx.fill_rect(0.0, 0.0, width, height);

    ctx.set_stroke_style_str(&palette.link);
    ctx.set_line_width(1.0);
    for (i, a) in positions.iter().enumerate() {
        for b in &positions[i + 1..] {
            ctx.begin_path();
            ctx.move_to(a.x, a.y);
            ctx.line_to(b.x, b.y);
            ctx.stroke();
        }
    }

    paint_cuts(ctx, snapshot, positions, radius, palette);

    paint_drops(ctx, scene, palette);
    for (message, at) in snapshot.messages.iter().zip(message_positions(snapshot, positions)) {
        let Some(at) = at else { continue };
        ctx.set_fill_style_str(palette.message(message.label));
        ctx.begin_path();
        let _ = ctx.arc(at.x, at.y, 5.0, 0.0, std::f64::consts::TAU);
        ctx.fill();
        if message.copy_of.is_some() {
            ctx.set_fill_style_str(&palette.ink);
            ctx.set_font("600 11px system-ui, sans-serif");
            let _ = ctx.fill_text("2", at.x + 7.0, at.y - 7.0);
        }
    }

    ctx.set_text_align("center");
    ctx.set_text_baseline("middle");
    for (node, p) in snapshot.nodes.iter().zip(positions) {
        let fill = match node.status {
            Status::Up if node.role == "leader" => &palette.leader,
            Status::Up => &palette.up,
            Status::Paused => &palette.paused,
            Status::Crashed => &palette.crashed,
        };
        ctx.set_fill_style_str(fill);
        ctx.begin_path();
        let _ = ctx.arc(p.x, p.y, radius, 0.0, std::f64::consts::TAU);
        ctx.fill();
        ctx.set_stroke_style_str(&palette.ink);
        ctx.set_line_width(if node.role == "leader" { 3.0 } else { 1.5 });
        ctx.stroke();

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
            Status::Up => {
                ctx.set_fill_style_str(&palette.surface);
                ctx.set_font("600 16px system-ui, sans-serif");
                let _ = ctx.fill_text(&node.name, p.x, p.y);
            }
        }

        let state = match node.status {
            Status::Up => node.role.to_string(),
            Status::Paused => format!("{} (paused)", node.name),
            Status::Crashed => format!("{} crashed", node.name),
        };
        ctx.set_fill_style_str(&palette.ink);
        ctx.set_font("600 13px system-ui, sans-serif");
        let _ = ctx.fill_text(&state, p.x, p.y + radius + 14.0);
        ctx.set_fill_style_str(&palette.muted);
        ctx.set_font("12px ui-monospace, monospace");
        let _ = ctx.fill_text(
            &format!("clock {}", clock_label(node.local_time)),
            p.x,
            p.y + radius + 30.0,
        );
    }

    ctx.set_text_align("left");
    ctx.set_fill_style_str(&palette.ink);
    ctx.set_font("13px ui-monospace, monospace");
    let _ = ctx.fill_text(&format!("true time {}", clock_label(snapshot.time as i64)), 12.0, 18.0);
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
    for drop in scene.drops {
        let (Some(from), Some(to)) = (
            scene.positions.get(drop.from.index()),
            scene.positions.get(drop.to.index()),
        ) else {
            continue;
        };
        let age = now.saturating_sub(drop.at) as f64 / scene.drop_window.max(1) as f64;
        let at = along(*from, *to, drop.departs, drop.arrives, drop.at);
        ctx.set_global_alpha((1.0 - age).clamp(0.15, 1.0));
        ctx.set_stroke_style_str(&palette.crashed);
        cross(ctx, at, 6.0 + 4.0 * age);
    }
    ctx.set_global_alpha(1.0);
}

/// Cut links: dashed in the "crashed" colour with a cross in the middle;
/// a one-way cut also shows an arrowhead pointing where messages cannot go.
/// Links between the two sides of a partition count as cut both ways.
fn paint_cuts(
    ctx: &CanvasRenderingContext2d,
    snapshot: &Snapshot,
    positions: &[Point],
    radius: f64,
    palette: &Palette,
) {
    ctx.set_stroke_style_str(&palette.crashed);
    let sides = &snapshot.sides;
    let split = |a: NodeId, b: NodeId| sides.get(a.index()) != sides.get(b.index());
    let mut cuts: Vec<(NodeId, NodeId)> = snapshot
        .cut_links
        .iter()
        .copied()
        .filter(|&(a, b)| !split(a, b))
        .collect();
    for a in 0..sides.len() as u32 {
        for b in 0..sides.len() as u32 {
            if a != b && split(NodeId(a), NodeId(b)) {
                cuts.push((NodeId(a), NodeId(b)));
            }
        }
    }
    for &(from, to) in &cuts {
        let both = cuts.contains(&(to, from));
        if both && from > to {
            continue;
        }
        let (Some(a), Some(b)) = (positions.get(from.index()), positions.get(to.index())) else {
            continue;
        };
        ctx.set_line_width(3.0);
        let _ = ctx.set_line_dash(&js_sys::Array::of2(&8.0.into(), &6.0.into()));
        ctx.begin_path();
        ctx.move_to(a.x, a.y);
        ctx.line_to(b.x, b.y);
        ctx.stroke();
        let _ = ctx.set_line_dash(&js_sys::Array::new());
        let mid = Point {
            x: (a.x + b.x) / 2.0,
            y: (a.y + b.y) / 2.0,
        };
        cross(ctx, mid, 7.0);
        if !both {
            let length = ((b.x - a.x).powi(2) + (b.y - a.y).powi(2)).sqrt().max(1.0);
            let (ux, uy) = ((b.x - a.x) / length, (b.y - a.y) / length);
            let tip = Point {
                x: b.x - ux * (radius + 4.0),
                y: b.y - uy * (radius + 4.0),
            };
            ctx.set_fill_style_str(&palette.crashed);
            ctx.begin_path();
            ctx.move_to(tip.x, tip.y);
            ctx.line_to(tip.x - ux * 14.0 - uy * 7.0, tip.y - uy * 14.0 + ux * 7.0);
            ctx.line_to(tip.x - ux * 14.0 + uy * 7.0, tip.y - uy * 14.0 - ux * 7.0);
            ctx.fill();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::clock_label;

    #[test]
    fn clock_labels_show_milliseconds() {
        assert_eq!(clock_label(0), "0.000 s");
        assert_eq!(clock_label(12_345_678), "12.345 s");
        assert_eq!(clock_label(-1_500_000), "-1.500 s");
    }
}
