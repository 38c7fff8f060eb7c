//! What lies under the pointer: a node, a link, or the nearest of a set of
//! points (messages), all in CSS pixels.

use super::Point;

fn distance_squared(a: Point, b: Point) -> f64 {
    (a.x - b.x).powi(2) + (a.y - b.y).powi(2)
}

/// The node whose circle contains `point`, if any (the nearest when
/// circles overlap).
pub fn hit_test(positions: &[Point], radius: f64, point: Point) -> Option<usize> {
    nearest_within(positions.iter().copied(), point, radius)
}

/// The index of the point nearest to `point`, if it is within `reach`.
pub fn nearest_within(points: impl IntoIterator<Item = Point>, point: Point, reach: f64) -> Option<usize> {
    let mut best: Option<(f64, usize)> = None;
    for (index, p) in points.into_iter().enumerate() {
        let d = distance_squared(p, point);
        if d <= reach * reach && best.is_none_or(|(b, _)| d < b) {
            best = Some((d, index));
        }
    }
    best.map(|(_, index)| index)
}

/// The distance between the two closest points, if there are two.
pub fn closest_pair(points: &[Point]) -> Option<f64> {
    let mut best: Option<f64> = None;
    for (i, a) in points.iter().enumerate() {
        for b in &points[i + 1..] {
            let d = distance_squared(*a, *b);
            if best.is_none_or(|x| d < x) {
                best = Some(d);
            }
        }
    }
    best.map(f64::sqrt)
}

/// The link among `links` (pairs of node indexes, lower first) passing
/// within `tolerance` of `point`, away from the nodes themselves, and
/// whether the point is nearer the first node than the second.
pub fn link_hit(
    positions: &[Point],
    links: &[(usize, usize)],
    radius: f64,
    point: Point,
    tolerance: f64,
) -> Option<(usize, usize, bool)> {
    if hit_test(positions, radius, point).is_some() {
        return None;
    }
    let mut best: Option<(f64, usize, usize, bool)> = None;
    for &(i, j) in links {
        let (Some(a), Some(b)) = (positions.get(i), positions.get(j)) else {
            continue;
        };
        let (dx, dy) = (b.x - a.x, b.y - a.y);
        let length_squared = dx * dx + dy * dy;
        if length_squared == 0.0 {
            continue;
        }
        let t = (((point.x - a.x) * dx + (point.y - a.y) * dy) / length_squared).clamp(0.0, 1.0);
        let (px, py) = (a.x + t * dx - point.x, a.y + t * dy - point.y);
        let distance = (px * px + py * py).sqrt();
        if distance <= tolerance && best.is_none_or(|(d, ..)| distance < d) {
            best = Some((distance, i, j, t < 0.5));
        }
    }
    best.map(|(_, i, j, near_first)| (i, j, near_first))
}
