//! Draws the space-time diagram: time runs to the right, one lane per
//! node (dashed and marked "down" while it is crashed), messages as arrows
//! from send to arrival, a lost message's arrow ending in a cross, a
//! travelling one ending at a dot.

use web_sys::CanvasRenderingContext2d;

use super::layout::Point;
use super::painter::cross;
use super::palette::Palette;
use super::spacetime::{ArrowEnd, SpaceTime};
use crate::sim::{SimTime, SECOND};

const LEFT: f64 = 72.0;
const RIGHT: f64 = 16.0;
const TOP: f64 = 32.0;
const BOTTOM: f64 = 28.0;

/// Paint `diagram` with lanes named `names` on a `width` x `height` canvas.
pub fn paint_space_time(
    ctx: &CanvasRenderingContext2d,
    diagram: &SpaceTime,
    names: &[String],
    (width, height): (f64, f64),
    palette: &Palette,
) {
    ctx.set_fill_style_str(&palette.surface);
    ctx.fill_rect(0.0, 0.0, width, height);
    let lanes = names.len().max(1);
    let span = diagram.end.saturating_sub(diagram.start).max(1) as f64;
    let x = |t: SimTime| LEFT + (t.saturating_sub(diagram.start) as f64 / span) * (width - LEFT - RIGHT);
    let y = |lane: usize| TOP + (lane as f64 + 0.5) * (height - TOP - BOTTOM) / lanes as f64;

    ctx.set_font("12px ui-monospace, monospace");
    ctx.set_text_align("center");
    ctx.set_text_baseline("top");
    ctx.set_fill_style_str(&palette.muted);
    ctx.set_stroke_style_str(&palette.link);
    ctx.set_line_width(1.0);
    let first_tick = diagram.start.div_ceil(SECOND) * SECOND;
    for tick in (first_tick..=diagram.end).step_by(SECOND as usize) {
        let tx = x(tick);
        ctx.begin_path();
        ctx.move_to(tx, TOP - 6.0);
        ctx.line_to(tx, height - BOTTOM);
        ctx.stroke();
        let _ = ctx.fill_text(&format!("{} s", tick / SECOND), tx, height - BOTTOM + 6.0);
    }

    ctx.set_text_align("right");
    ctx.set_text_baseline("middle");
    ctx.set_font("600 13px system-ui, sans-serif");
    for (lane, name) in names.iter().enumerate() {
        let ly = y(lane);
        ctx.set_fill_style_str(&palette.ink);
        let _ = ctx.fill_text(name, LEFT - 12.0, ly);
        ctx.set_stroke_style_str(&palette.ink);
        ctx.set_line_width(2.0);
        ctx.begin_path();
        ctx.move_to(x(diagram.start), ly);
        ctx.line_to(x(diagram.end), ly);
        ctx.stroke();
        for &(from, to) in diagram.down.get(lane).map_or(&[][..], Vec::as_slice) {
            ctx.set_fill_style_str(&palette.surface);
            ctx.fill_rect(x(from), ly - 3.0, x(to) - x(from), 6.0);
            ctx.set_stroke_style_str(&palette.crashed);
            let _ = ctx.set_line_dash(&js_sys::Array::of2(&4.0.into(), &4.0.into()));
            ctx.begin_path();
            ctx.move_to(x(from), ly);
            ctx.line_to(x(to), ly);
            ctx.stroke();
            let _ = ctx.set_line_dash(&js_sys::Array::new());
            ctx.set_fill_style_str(&palette.crashed);
            ctx.set_text_align("left");
            ctx.set_font("12px system-ui, sans-serif");
            let _ = ctx.fill_text("down", x(from) + 4.0, ly - 10.0);
            ctx.set_text_align("right");
            ctx.set_font("600 13px system-ui, sans-serif");
        }
    }

    ctx.set_line_width(1.5);
    for arrow in &diagram.arrows {
        let (x0, y0) = (x(arrow.sent), y(arrow.from.index()));
        let due_y = y(arrow.to.index());
        let fraction = if arrow.due > arrow.sent {
            ((arrow.ended - arrow.sent) as f64 / (arrow.due - arrow.sent) as f64).clamp(0.0, 1.0)
        } else {
            1.0
        };
        let (x1, y1) = match arrow.end {
            ArrowEnd::Arrived => (x(arrow.ended), due_y),
            ArrowEnd::Lost | ArrowEnd::Travelling => (x(arrow.ended), y0 + (due_y - y0) * fraction),
        };
        let colour = palette.message(arrow.label);
        ctx.set_stroke_style_str(colour);
        ctx.set_fill_style_str(colour);
        ctx.begin_path();
        ctx.move_to(x0, y0);
        ctx.line_to(x1, y1);
        ctx.stroke();
        match arrow.end {
            ArrowEnd::Arrived => {
                let angle = (y1 - y0).atan2(x1 - x0);
                ctx.begin_path();
                ctx.move_to(x1, y1);
                ctx.line_to(x1 - 8.0 * (angle - 0.4).cos(), y1 - 8.0 * (angle - 0.4).sin());
                ctx.line_to(x1 - 8.0 * (angle + 0.4).cos(), y1 - 8.0 * (angle + 0.4).sin());
                ctx.fill();
            }
            ArrowEnd::Lost => {
                ctx.set_stroke_style_str(&palette.crashed);
                ctx.set_line_width(2.5);
                cross(ctx, Point { x: x1, y: y1 }, 5.0);
                ctx.set_line_width(1.5);
            }
            ArrowEnd::Travelling => {
                ctx.begin_path();
                let _ = ctx.arc(x1, y1, 4.0, 0.0, std::f64::consts::TAU);
                ctx.fill();
            }
        }
    }
}
