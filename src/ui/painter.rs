//! Draws one snapshot of the cluster on a 2D canvas: links, messages in
//! flight, and nodes with their name, role, state and local clock. State is
//! shown by shape and words as well as colour (a cross for crashed, bars for
//! paused).

use web_sys::CanvasRenderingContext2d;

use super::layout::{along, Point};
use super::palette::Palette;
use crate::sim::{Snapshot, Status};

/// Seconds with millisecond precision, for clock labels.
pub fn clock_label(micros: i64) -> String {
    let sign = if micros < 0 { "-" } else { "" };
    let abs = micros.unsigned_abs();
    format!("{sign}{}.{:03} s", abs / 1_000_000, (abs / 1_000) % 1_000)
}

/// Paint `snapshot` with nodes at `positions` on a `width` x `height` canvas.
pub fn paint(
    ctx: &CanvasRenderingContext2d,
    snapshot: &Snapshot,
    positions: &[Point],
    radius: f64,
    size: (f64, f64),
    palette: &Palette,
) {
    let (width, height) = size;
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

    for message in &snapshot.messages {
        let (Some(from), Some(to)) = (positions.get(message.from.index()), positions.get(message.to.index())) else {
            continue;
        };
        let at = along(*from, *to, message.departs, message.arrives, snapshot.time);
        ctx.set_fill_style_str(palette.message(message.label));
        ctx.begin_path();
        let _ = ctx.arc(at.x, at.y, 5.0, 0.0, std::f64::consts::TAU);
        ctx.fill();
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
                let d = radius * 0.5;
                ctx.begin_path();
                ctx.move_to(p.x - d, p.y - d);
                ctx.line_to(p.x + d, p.y + d);
                ctx.move_to(p.x + d, p.y - d);
                ctx.line_to(p.x - d, p.y + d);
                ctx.stroke();
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
