//! The flat map: kilometres projected onto the canvas at one scale both
//! ways, so distance on screen reads as distance on the ground, with a
//! grid step and a scale bar that make that visible. Nodes in the same
//! city would sit on one another at a continent's scale, so nodes closer
//! than [`MIN_APART`] pixels are nudged apart until each can be told from
//! the other.

use super::{side, Point, BOTTOM, TOP};
use crate::sim::Place;

/// Grid steps to choose from, in kilometres.
const STEPS_KM: [f64; 8] = [100.0, 200.0, 500.0, 1_000.0, 2_000.0, 5_000.0, 10_000.0, 20_000.0];

/// The least distance between two nodes' centres on the map, in pixels:
/// enough for the link between two nodes in one city to show, with a
/// message on it.
pub const MIN_APART: f64 = 56.0;

/// How many rounds of nudging close nodes apart: a few settle any
/// handful of nodes in one city.
const NUDGES: usize = 8;

/// The room kept between a node's centre and a side of the canvas: its
/// largest circle on a map (16 px), its status ring and the dashed ring
/// that marks the node a step is about, whole.
pub const EDGE_ROOM: f64 = 28.0;

/// The side margin of a map: the usual one, but never less than
/// [`EDGE_ROOM`] plus the most a nudge apart moves a pair of nodes.
fn map_side(width: f64) -> f64 {
    side(width).max(EDGE_ROOM + MIN_APART / 2.0)
}

/// `points` held inside the canvas, [`EDGE_ROOM`] from its sides and clear
/// of the words above and below, should nudges have pushed any out.
pub fn keep_inside(points: Vec<Point>, width: f64, height: f64) -> Vec<Point> {
    let (left, right) = (EDGE_ROOM, (width - EDGE_ROOM).max(EDGE_ROOM));
    let (top, bottom) = (TOP.max(EDGE_ROOM), (height - BOTTOM.max(EDGE_ROOM)).max(TOP));
    points
        .into_iter()
        .map(|p| Point {
            x: p.x.clamp(left, right),
            y: p.y.clamp(top, bottom),
        })
        .collect()
}

/// `points` with every pair closer than [`MIN_APART`] pushed apart along
/// the line between them, each moving half the shortfall (two on one spot
/// move apart sideways).
pub fn spread(mut points: Vec<Point>) -> Vec<Point> {
    for _ in 0..NUDGES {
        let mut moved = false;
        for i in 0..points.len() {
            for j in i + 1..points.len() {
                let (dx, dy) = (points[j].x - points[i].x, points[j].y - points[i].y);
                let apart = dx.hypot(dy);
                if apart >= MIN_APART {
                    continue;
                }
                let (ux, uy) = if apart > f64::EPSILON {
                    (dx / apart, dy / apart)
                } else {
                    (1.0, 0.0)
                };
                let half = (MIN_APART - apart) / 2.0;
                points[i].x -= ux * half;
                points[i].y -= uy * half;
                points[j].x += ux * half;
                points[j].y += uy * half;
                moved = true;
            }
        }
        if !moved {
            break;
        }
    }
    points
}

/// How places map onto the canvas: pixel = origin + km x scale.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct MapFrame {
    /// Where (0 km, 0 km) lands.
    pub origin: Point,
    /// Pixels per kilometre.
    pub scale: f64,
    /// The grid step, in kilometres: a few lines across the map.
    pub step_km: f64,
}

impl MapFrame {
    /// The largest scale that fits every place inside the margins, centred.
    pub fn fit(places: &[Place], width: f64, height: f64) -> MapFrame {
        let xs = places.iter().map(|p| f64::from(p.x_km));
        let ys = places.iter().map(|p| f64::from(p.y_km));
        let (min_x, max_x) = xs.fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), x| (a.min(x), b.max(x)));
        let (min_y, max_y) = ys.fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), y| (a.min(y), b.max(y)));
        let (min_x, max_x) = if min_x.is_finite() { (min_x, max_x) } else { (0.0, 0.0) };
        let (min_y, max_y) = if min_y.is_finite() { (min_y, max_y) } else { (0.0, 0.0) };
        let (inner_w, inner_h) = (
            (width - 2.0 * map_side(width)).max(1.0),
            (height - TOP - BOTTOM).max(1.0),
        );
        let (span_x, span_y) = ((max_x - min_x).max(1.0), (max_y - min_y).max(1.0));
        let scale = (inner_w / span_x).min(inner_h / span_y);
        let centre = Point {
            x: map_side(width) + inner_w / 2.0,
            y: TOP + inner_h / 2.0,
        };
        let origin = Point {
            x: centre.x - scale * (min_x + max_x) / 2.0,
            y: centre.y - scale * (min_y + max_y) / 2.0,
        };
        let across_km = width / scale;
        let step_km = STEPS_KM
            .iter()
            .copied()
            .find(|&s| across_km / s <= 12.0)
            .unwrap_or(STEPS_KM[STEPS_KM.len() - 1]);
        MapFrame { origin, scale, step_km }
    }

    /// Where a place lands on the canvas.
    pub fn project(&self, place: Place) -> Point {
        Point {
            x: self.origin.x + self.scale * f64::from(place.x_km),
            y: self.origin.y + self.scale * f64::from(place.y_km),
        }
    }

    /// The grid lines' offsets on a `width` x `height` canvas: vertical
    /// lines' x, horizontal lines' y.
    pub fn grid(&self, width: f64, height: f64) -> (Vec<f64>, Vec<f64>) {
        let step = self.step_km * self.scale;
        let lines = |origin: f64, extent: f64| {
            let first = (-origin / step).ceil() as i64;
            let last = ((extent - origin) / step).floor() as i64;
            (first..=last).map(|k| origin + k as f64 * step).collect::<Vec<_>>()
        };
        if step < 4.0 {
            return (Vec::new(), Vec::new());
        }
        (lines(self.origin.x, width), lines(self.origin.y, height))
    }
}
