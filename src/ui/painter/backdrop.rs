//! What lies behind the nodes: the map's grid and scale, the links (one
//! path for all of them) and the cut links.

use web_sys::CanvasRenderingContext2d;

use super::cross;
use super::placement::{cross_spot, Area, CROSS_HALF};
use crate::sim::{NodeId, Snapshot};
use crate::ui::layout::{MapFrame, Point, MIN_APART};
use crate::ui::palette::Palette;

/// "2,000 km".
fn km_label(km: f64) -> String {
    let whole = km.round() as u64;
    let (thousands, rest) = (whole / 1_000, whole % 1_000);
    if thousands > 0 {
        format!("{thousands},{rest:03} km")
    } else {
        format!("{rest} km")
    }
}

/// Where the scale bar starts, from the canvas's left and bottom edges.
const SCALE_AT: (f64, f64) = (16.0, 18.0);

/// A generous width for one character of the scale's words.
const SCALE_CHAR: f64 = 7.0;

/// Canvases narrower than this (a phone's) get the scale's short words,
/// leaving the bottom of the map to the words of the nodes there.
const NARROW: f64 = 560.0;

/// The scale's words, after its bar: in full, or on a narrow canvas of
/// `width` just the length and that the map is to scale.
fn scale_words(map: &MapFrame, width: f64) -> String {
    if width < NARROW {
        format!("{}, to scale", km_label(map.step_km))
    } else {
        format!("{} (one grid square); drawn to scale", km_label(map.step_km))
    }
}

/// Where the scale bar and its words are drawn, bottom left, on a canvas
/// `size`: words on the picture keep off it.
pub fn scale_area(map: &MapFrame, size: (f64, f64)) -> Area {
    let (x, y) = (SCALE_AT.0, size.1 - SCALE_AT.1);
    let words = scale_words(map, size.0).chars().count() as f64 * SCALE_CHAR;
    Area {
        left: x - 2.0,
        top: y - 12.0,
        right: x + map.step_km * map.scale + 8.0 + words,
        bottom: y + 6.0,
    }
}

/// A faint grid, one square per grid step, and a scale bar one step long.
pub fn paint_map(ctx: &CanvasRenderingContext2d, map: &MapFrame, (width, height): (f64, f64), palette: &Palette) {
    let (columns, rows) = map.grid(width, height);
    ctx.set_global_alpha(0.45);
    ctx.set_stroke_style_str(&palette.link);
    ctx.set_line_width(1.0);
    let _ = ctx.set_line_dash(&js_sys::Array::of2(&2.0.into(), &4.0.into()));
    ctx.begin_path();
    for x in columns {
        ctx.move_to(x, 0.0);
        ctx.line_to(x, height);
    }
    for y in rows {
        ctx.move_to(0.0, y);
        ctx.line_to(width, y);
    }
    ctx.stroke();
    let _ = ctx.set_line_dash(&js_sys::Array::new());
    ctx.set_global_alpha(1.0);

    let length = map.step_km * map.scale;
    let (x, y) = (SCALE_AT.0, height - SCALE_AT.1);
    ctx.set_stroke_style_str(&palette.ink);
    ctx.set_line_width(2.0);
    ctx.begin_path();
    ctx.move_to(x, y - 5.0);
    ctx.line_to(x, y);
    ctx.line_to(x + length, y);
    ctx.line_to(x + length, y - 5.0);
    ctx.stroke();
    ctx.set_fill_style_str(&palette.ink);
    ctx.set_font("12px system-ui, sans-serif");
    ctx.set_text_align("left");
    ctx.set_text_baseline("bottom");
    let _ = ctx.fill_text(&scale_words(map, width), x + length + 8.0, y + 4.0);
}

/// Nodes in one city, moved apart on a map so that none covers another,
/// share a pale patch centred where they really are: the distances the
/// map's scale measures are the patches' centres.
pub fn paint_cities(ctx: &CanvasRenderingContext2d, positions: &[Point], spots: &[Point], palette: &Palette) {
    let moved: Vec<usize> = (0..positions.len().min(spots.len()))
        .filter(|&i| positions[i].distance(spots[i]) > MOVED)
        .collect();
    if moved.is_empty() {
        return;
    }
    // Moved nodes whose true spots are close enough to have been moved
    // apart belong to one city.
    let mut cities: Vec<Vec<usize>> = Vec::new();
    for &i in &moved {
        let near = |j: &usize| spots[i].distance(spots[*j]) < MIN_APART;
        match cities.iter_mut().find(|city| city.iter().any(near)) {
            Some(city) => city.push(i),
            None => cities.push(vec![i]),
        }
    }
    ctx.set_global_alpha(0.35);
    ctx.set_fill_style_str(&palette.link);
    ctx.begin_path();
    for city in &cities {
        let n = city.len() as f64;
        let centre = Point {
            x: city.iter().map(|&i| spots[i].x).sum::<f64>() / n,
            y: city.iter().map(|&i| spots[i].y).sum::<f64>() / n,
        };
        let reach = city.iter().map(|&i| positions[i].distance(centre)).fold(0.0, f64::max);
        let radius = reach + CITY_MARGIN;
        ctx.move_to(centre.x + radius, centre.y);
        let _ = ctx.arc(centre.x, centre.y, radius, 0.0, std::f64::consts::TAU);
    }
    ctx.fill();
    ctx.set_global_alpha(1.0);
}

/// A node this many pixels or fewer from where it really is is drawn
/// there.
const MOVED: f64 = 3.0;

/// How far a city's patch reaches past its farthest node's centre: past a
/// map's largest circle (16 px) and its status ring.
const CITY_MARGIN: f64 = 20.0;

/// Every link drawn, thin, in one path.
pub fn paint_links(ctx: &CanvasRenderingContext2d, positions: &[Point], links: &[(usize, usize)], palette: &Palette) {
    ctx.set_stroke_style_str(&palette.link);
    ctx.set_line_width(1.0);
    ctx.begin_path();
    for &(i, j) in links {
        if let (Some(a), Some(b)) = (positions.get(i), positions.get(j)) {
            ctx.move_to(a.x, a.y);
            ctx.line_to(b.x, b.y);
        }
    }
    ctx.stroke();
}

/// Cut links: dashed in the "crashed" colour with a cross in the middle,
/// or near it where words or a circle (`clear`) would hide it there;
/// a one-way cut also shows an arrowhead pointing where messages cannot go.
/// Links drawn (`linked`, by node indexes, lower first) between the two
/// sides of a partition count as cut both ways.
pub fn paint_cuts(
    ctx: &CanvasRenderingContext2d,
    snapshot: &Snapshot,
    positions: &[Point],
    linked: impl Fn(usize, usize) -> bool,
    radius: f64,
    clear: &[Area],
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
    if sides.iter().any(|&s| s != 0) {
        for a in 0..sides.len() as u32 {
            for b in 0..sides.len() as u32 {
                let drawn = linked(a.min(b) as usize, a.max(b) as usize);
                if a != b && drawn && split(NodeId(a), NodeId(b)) {
                    cuts.push((NodeId(a), NodeId(b)));
                }
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
        cross(ctx, cross_spot(*a, *b, clear), CROSS_HALF);
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
    use super::km_label;

    #[test]
    fn the_scale_reads_in_kilometres() {
        assert_eq!(km_label(2_000.0), "2,000 km");
        assert_eq!(km_label(500.0), "500 km");
        assert_eq!(km_label(10_000.0), "10,000 km");
    }
}
