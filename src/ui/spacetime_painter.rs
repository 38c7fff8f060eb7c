//! Draws the space-time diagram: time runs to the right, one lane per
//! node (dashed and marked "down" while it is crashed), messages as arrows
//! from send to arrival, a lost message's arrow ending in a cross, a
//! travelling one ending at a dot. Arrows of one colour go in one path, so
//! thousands of them stay cheap; the message pointed at is drawn last,
//! thick and ringed.

use web_sys::CanvasRenderingContext2d;

use super::layout::Point;
use super::painter::cross;
use super::palette::Palette;
use super::spacetime::{
    place_stamps, stamp_words, tick_seconds, Arrow, ArrowEnd, End, Lanes, SpaceTime, TICK_LABEL_ROOM,
};
use crate::sim::{MessageId, SimTime, SECOND};

/// Paint `diagram` with lanes named `names` on a `width` x `height` canvas,
/// the `pointed` message highlighted, and the `linked` ones (those of the
/// operation pointed at in the history view).
pub fn paint_space_time(
    ctx: &CanvasRenderingContext2d,
    diagram: &SpaceTime,
    names: &[String],
    size: (f64, f64),
    palette: &Palette,
    (pointed, linked): (Option<MessageId>, &[MessageId]),
) {
    let (width, height) = size;
    ctx.set_fill_style_str(&palette.surface);
    ctx.fill_rect(0.0, 0.0, width, height);
    let lanes = Lanes::new(diagram, names, size);
    paint_time_axis(ctx, diagram, &lanes, palette);
    paint_lanes(ctx, diagram, &lanes, names, palette);

    ctx.set_line_width(1.5);
    for colour in &palette.messages {
        let mine = || {
            diagram
                .arrows
                .iter()
                .filter(move |a| std::ptr::eq(palette.message(a.kind.id), colour.as_str()))
        };
        ctx.set_stroke_style_str(colour);
        ctx.set_fill_style_str(colour);
        ctx.begin_path();
        for arrow in mine() {
            let (a, b) = lanes.arrow(arrow);
            ctx.move_to(a.x, a.y);
            ctx.line_to(b.x, b.y);
        }
        ctx.stroke();
        ctx.begin_path();
        for arrow in mine() {
            head(ctx, &lanes, arrow);
        }
        ctx.fill();
    }
    ctx.set_stroke_style_str(&palette.crashed);
    ctx.set_line_width(2.5);
    for arrow in diagram.arrows.iter().filter(|a| a.end == ArrowEnd::Lost) {
        cross(ctx, lanes.arrow(arrow).1, 5.0);
    }
    paint_down_words(ctx, diagram, &lanes, palette);

    paint_stamps(ctx, diagram, &lanes, palette);
    paint_legend(ctx, diagram, names, &lanes, palette);

    let highlighted = diagram
        .arrows
        .iter()
        .filter(|a| Some(a.message) == pointed || linked.contains(&a.message));
    for arrow in highlighted {
        let (a, b) = lanes.arrow(arrow);
        ctx.set_stroke_style_str(&palette.ink);
        ctx.set_line_width(5.0);
        ctx.begin_path();
        ctx.move_to(a.x, a.y);
        ctx.line_to(b.x, b.y);
        ctx.stroke();
        let colour = palette.message(arrow.kind.id);
        ctx.set_stroke_style_str(colour);
        ctx.set_fill_style_str(colour);
        ctx.set_line_width(3.0);
        ctx.stroke();
        ctx.begin_path();
        head(ctx, &lanes, arrow);
        ctx.fill();
        ring(ctx, a, palette);
        ring(ctx, b, palette);
    }
}

/// Add an arrow's end to the current path: an arrowhead on arrival, a dot
/// while it travels (a lost one's cross is drawn apart).
fn head(ctx: &CanvasRenderingContext2d, lanes: &Lanes, arrow: &Arrow) {
    let (a, b) = lanes.arrow(arrow);
    match arrow.end {
        ArrowEnd::Arrived => {
            let angle = (b.y - a.y).atan2(b.x - a.x);
            ctx.move_to(b.x, b.y);
            ctx.line_to(b.x - 8.0 * (angle - 0.4).cos(), b.y - 8.0 * (angle - 0.4).sin());
            ctx.line_to(b.x - 8.0 * (angle + 0.4).cos(), b.y - 8.0 * (angle + 0.4).sin());
            ctx.close_path();
        }
        ArrowEnd::Travelling => {
            ctx.move_to(b.x + 4.0, b.y);
            let _ = ctx.arc(b.x, b.y, 4.0, 0.0, std::f64::consts::TAU);
        }
        ArrowEnd::Lost => {}
    }
}

/// A ring around one end of the highlighted arrow.
fn ring(ctx: &CanvasRenderingContext2d, at: Point, palette: &Palette) {
    ctx.set_stroke_style_str(&palette.ink);
    ctx.set_line_width(2.0);
    ctx.begin_path();
    let _ = ctx.arc(at.x, at.y, 7.0, 0.0, std::f64::consts::TAU);
    ctx.stroke();
}

/// A faint line and a label for every whole second.
fn paint_time_axis(ctx: &CanvasRenderingContext2d, diagram: &SpaceTime, lanes: &Lanes, palette: &Palette) {
    let (top, bottom) = lanes.top_and_bottom();
    ctx.set_font("12px ui-monospace, monospace");
    ctx.set_text_align("center");
    ctx.set_text_baseline("top");
    ctx.set_fill_style_str(&palette.muted);
    ctx.set_stroke_style_str(&palette.link);
    ctx.set_line_width(1.0);
    let per_second = lanes.x(diagram.start + SECOND) - lanes.x(diagram.start);
    let step = tick_seconds(per_second) * SECOND;
    let first_tick = diagram.start.div_ceil(step) * step;
    // A run gone quiet says so at the axis's right end, where the window
    // has stopped: ticks under those words keep their line, not their label.
    let quiet = diagram
        .quiet_since
        .map(|since| format!("nothing has happened since {:.1} s", since as f64 / SECOND as f64));
    let words_from = quiet.as_ref().map_or(f64::INFINITY, |words| {
        let wide = ctx.measure_text(words).map_or(words.len() as f64 * 7.0, |m| m.width());
        lanes.right() - wide
    });
    for tick in (first_tick..=diagram.end).step_by(step as usize) {
        let tx = lanes.x(tick);
        ctx.begin_path();
        ctx.move_to(tx, top - 6.0);
        ctx.line_to(tx, bottom);
        ctx.stroke();
        if tx + TICK_LABEL_ROOM / 2.0 < words_from {
            let _ = ctx.fill_text(&format!("{} s", tick / SECOND), tx, bottom + 6.0);
        }
    }
    if let Some(words) = quiet {
        ctx.set_text_align("right");
        let _ = ctx.fill_text(&words, lanes.right(), bottom + 6.0);
    }
}

/// One line per node, named on the left, dashed while down.
fn paint_lanes(
    ctx: &CanvasRenderingContext2d,
    diagram: &SpaceTime,
    lanes: &Lanes,
    names: &[String],
    palette: &Palette,
) {
    let x = |t: SimTime| lanes.x(t);
    ctx.set_text_align("right");
    ctx.set_text_baseline("middle");
    ctx.set_font("600 13px system-ui, sans-serif");
    ctx.set_fill_style_str(&palette.ink);
    ctx.set_stroke_style_str(&palette.ink);
    ctx.set_line_width(2.0);
    // Names only where they fit, lanes in one path.
    let lane_gap = lanes.y(1) - lanes.y(0);
    ctx.begin_path();
    for (lane, name) in names.iter().enumerate() {
        let ly = lanes.y(lane);
        if lane_gap >= 12.0 {
            let _ = ctx.fill_text(name, lanes.left() - 12.0, ly);
        }
        ctx.move_to(x(diagram.start), ly);
        ctx.line_to(x(diagram.end), ly);
    }
    ctx.stroke();
    for (lane, spans) in diagram.down.iter().enumerate() {
        let ly = lanes.y(lane);
        for &(from, to) in spans {
            ctx.set_fill_style_str(&palette.surface);
            ctx.fill_rect(x(from), ly - 3.0, x(to) - x(from), 6.0);
            ctx.set_stroke_style_str(&palette.crashed);
            let _ = ctx.set_line_dash(&js_sys::Array::of2(&4.0.into(), &4.0.into()));
            ctx.begin_path();
            ctx.move_to(x(from), ly);
            ctx.line_to(x(to), ly);
            ctx.stroke();
            let _ = ctx.set_line_dash(&js_sys::Array::new());
        }
    }
}

/// "down" over the start of each span a node was down, on a patch of the
/// canvas's colour: painted after the crosses of the messages lost to it,
/// which would otherwise break its letters.
fn paint_down_words(ctx: &CanvasRenderingContext2d, diagram: &SpaceTime, lanes: &Lanes, palette: &Palette) {
    ctx.set_text_align("left");
    ctx.set_text_baseline("middle");
    ctx.set_font("12px system-ui, sans-serif");
    let wide = ctx.measure_text("down").map_or(28.0, |m| m.width());
    for (lane, spans) in diagram.down.iter().enumerate() {
        let ly = lanes.y(lane);
        for &(from, _) in spans {
            let at = lanes.x(from) + 4.0;
            ctx.set_fill_style_str(&palette.surface);
            ctx.fill_rect(at - 1.0, ly - 17.0, wide + 2.0, 14.0);
            ctx.set_fill_style_str(&palette.crashed);
            let _ = ctx.fill_text("down", at, ly - 10.0);
        }
    }
}

const STAMP_FONT: &str = "11px ui-monospace, monospace";
/// The height of the patch behind a stamp, in CSS pixels.
const STAMP_HEIGHT: f64 = 12.0;
const LEGEND_FONT: &str = "12px system-ui, sans-serif";

/// A dot at every stamped event and its stamp beside it: sends above the
/// lane in ink, arrivals below it in grey.
fn paint_stamps(ctx: &CanvasRenderingContext2d, diagram: &SpaceTime, lanes: &Lanes, palette: &Palette) {
    if diagram.stamps.is_empty() {
        return;
    }
    ctx.set_font(STAMP_FONT);
    ctx.set_text_align("center");
    ctx.set_text_baseline("middle");
    let width = |text: &str| {
        ctx.measure_text(text)
            .map_or(text.chars().count() as f64 * 7.0, |m| m.width())
    };
    for (at, stamp) in place_stamps(&diagram.stamps, lanes, width) {
        let lane_y = lanes.y(stamp.node.index());
        ctx.set_fill_style_str(&palette.ink);
        ctx.begin_path();
        let _ = ctx.arc(lanes.x(stamp.at), lane_y, 2.5, 0.0, std::f64::consts::TAU);
        ctx.fill();
        let colour = match stamp.end {
            End::Send => &palette.ink,
            End::Arrival => &palette.muted,
        };
        // On a patch of the canvas's colour: arrows crossing a stamp would
        // break its digits.
        let wide = width(&stamp.text);
        ctx.set_fill_style_str(&palette.surface);
        ctx.fill_rect(
            at.x - wide / 2.0 - 1.0,
            at.y - STAMP_HEIGHT / 2.0,
            wide + 2.0,
            STAMP_HEIGHT,
        );
        ctx.set_fill_style_str(colour);
        let _ = ctx.fill_text(&stamp.text, at.x, at.y);
    }
}

/// A line above the lanes: what the stamps are, then a swatch for each
/// colour of message drawn with the kinds it stands for, a cross for lost
/// ones, and how many of a thinned kind are drawn. On a narrow canvas the
/// swatches go on a second line under the stamps' words, or carry on there
/// when the first is full; items that still do not fit are left off the end.
fn paint_legend(
    ctx: &CanvasRenderingContext2d,
    diagram: &SpaceTime,
    names: &[String],
    lanes: &Lanes,
    palette: &Palette,
) {
    const Y: f64 = 13.0;
    const SWATCH: f64 = 10.0;
    const LEGEND_LINE: f64 = 14.0;
    // Kinds that share a colour share a swatch: "reply, query".
    let mut swatches: Vec<(&str, Vec<(&str, String)>)> = Vec::new();
    for arrow in &diagram.arrows {
        let colour = palette.message(arrow.kind.id);
        let words = match diagram.thinned.iter().find(|(thinned, _)| *thinned == arrow.kind) {
            Some((_, one_in)) => format!("{} (1 in {one_in} drawn)", arrow.kind.noun),
            None => arrow.kind.noun.to_string(),
        };
        let kind = (arrow.kind.id, words);
        match swatches.iter_mut().find(|(c, _)| std::ptr::eq(*c, colour)) {
            Some((_, kinds)) if !kinds.contains(&kind) => kinds.push(kind),
            Some(_) => {}
            None => swatches.push((colour, vec![kind])),
        }
    }
    // In the kinds' own order, not the order the window first shows them,
    // so the legend keeps its order from step to step and as the run plays.
    for (_, kinds) in &mut swatches {
        kinds.sort();
    }
    swatches.sort_by(|a, b| a.1.first().cmp(&b.1.first()));
    ctx.set_font(LEGEND_FONT);
    ctx.set_text_align("left");
    ctx.set_text_baseline("middle");
    let width = |text: &str| ctx.measure_text(text).map_or(text.len() as f64 * 7.0, |m| m.width());
    let mut x = 8.0;
    let mut y = Y;
    let end = lanes.right();
    let swatched: Vec<(&str, String)> = swatches
        .into_iter()
        .map(|(c, kinds)| {
            (
                c,
                kinds.into_iter().map(|(_, words)| words).collect::<Vec<_>>().join(", "),
            )
        })
        .collect();
    let swatches_wide: f64 = swatched.iter().map(|(_, words)| SWATCH + 16.0 + width(words)).sum();
    if let Some(stamp) = diagram.stamp {
        let words = stamp_words(stamp, names);
        if x + width(&words) <= end {
            ctx.set_fill_style_str(&palette.ink);
            let _ = ctx.fill_text(&words, x, y);
            x += width(&words) + 16.0;
            if x + swatches_wide > end {
                (x, y) = (8.0, Y + LEGEND_LINE);
            }
        }
    }
    // An item that does not fit on the first line starts the second; one
    // that fits on neither is left off.
    let mut room_for = |wide: f64| {
        if x + wide > end && y == Y {
            (x, y) = (8.0, Y + LEGEND_LINE);
        }
        let at = (x + wide <= end).then_some((x, y));
        if at.is_some() {
            x += wide + 12.0;
        }
        at
    };
    for (colour, words) in swatched {
        let Some((x, y)) = room_for(SWATCH + 4.0 + width(&words)) else {
            return;
        };
        ctx.set_fill_style_str(colour);
        ctx.fill_rect(x, y - SWATCH / 2.0, SWATCH, SWATCH);
        ctx.set_fill_style_str(&palette.ink);
        let _ = ctx.fill_text(&words, x + SWATCH + 4.0, y);
    }
    if diagram.arrows.iter().any(|a| a.end == ArrowEnd::Lost) {
        if let Some((x, y)) = room_for(SWATCH + 4.0 + width("lost")) {
            ctx.set_stroke_style_str(&palette.crashed);
            ctx.set_line_width(2.0);
            cross(ctx, Point { x: x + SWATCH / 2.0, y }, SWATCH / 2.0);
            ctx.set_fill_style_str(&palette.ink);
            let _ = ctx.fill_text("lost", x + SWATCH + 4.0, y);
        }
    }
}
