//! Where things go on the canvas: pure geometry, no browser, so it is
//! tested natively. Nodes sit on a ring; a message sits on the line between
//! its two nodes at the fraction of its trip that sim time has covered.

/// A point in CSS pixels.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Point {
    pub x: f64,
    pub y: f64,
}

/// The radius of a node's circle for a canvas of this size.
pub fn node_radius(width: f64, height: f64, nodes: usize) -> f64 {
    let ring = ring_radius(width, height);
    let spacing = if nodes > 1 {
        std::f64::consts::TAU * ring / nodes as f64
    } else {
        ring
    };
    (spacing * 0.3).clamp(10.0, 34.0).min(width.min(height) / 6.0)
}

fn ring_radius(width: f64, height: f64) -> f64 {
    (width.min(height) * 0.5 - 56.0).max(20.0)
}

/// `n` points evenly around a ring in a `width` x `height` box, the first
/// at the top, going clockwise.
pub fn ring_layout(n: usize, width: f64, height: f64) -> Vec<Point> {
    let center = Point {
        x: width / 2.0,
        y: height / 2.0,
    };
    let radius = ring_radius(width, height);
    (0..n)
        .map(|i| {
            let angle = -std::f64::consts::FRAC_PI_2 + std::f64::consts::TAU * i as f64 / n.max(1) as f64;
            Point {
                x: center.x + radius * angle.cos(),
                y: center.y + radius * angle.sin(),
            }
        })
        .collect()
}

/// The node whose circle contains `point`, if any.
pub fn hit_test(positions: &[Point], radius: f64, point: Point) -> Option<usize> {
    positions.iter().position(|p| {
        let (dx, dy) = (p.x - point.x, p.y - point.y);
        dx * dx + dy * dy <= radius * radius
    })
}

/// The link (pair of node indexes, lower first) passing within `tolerance`
/// of `point`, away from the nodes themselves, and whether the point is
/// nearer the first node than the second.
pub fn link_hit(positions: &[Point], radius: f64, point: Point, tolerance: f64) -> Option<(usize, usize, bool)> {
    if hit_test(positions, radius, point).is_some() {
        return None;
    }
    let mut best: Option<(f64, usize, usize, bool)> = None;
    for (i, a) in positions.iter().enumerate() {
        for (j, b) in positions.iter().enumerate().skip(i + 1) {
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
    }
    best.map(|(_, i, j, near_first)| (i, j, near_first))
}

/// Where a message is drawn: `fraction` of the way from `from` to `to`,
/// where `fraction` comes from sim time, so speed changes never distort it.
pub fn along(from: Point, to: Point, departs: u64, arrives: u64, now: u64) -> Point {
    let fraction = if arrives <= departs {
        1.0
    } else {
        (now.saturating_sub(departs) as f64 / (arrives - departs) as f64).clamp(0.0, 1.0)
    };
    Point {
        x: from.x + (to.x - from.x) * fraction,
        y: from.y + (to.y - from.y) * fraction,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ring_starts_at_the_top_and_stays_inside_the_box() {
        let points = ring_layout(5, 800.0, 600.0);
        assert_eq!(points.len(), 5);
        assert!((points[0].x - 400.0).abs() < 1e-9);
        assert!(points[0].y < 300.0);
        assert!(points
            .iter()
            .all(|p| p.x > 0.0 && p.x < 800.0 && p.y > 0.0 && p.y < 600.0));
        assert!(points[1].x > points[0].x, "clockwise: the second node is to the right");
    }

    #[test]
    fn hit_test_finds_the_node_under_the_pointer() {
        let points = ring_layout(5, 800.0, 600.0);
        let radius = node_radius(800.0, 600.0, 5);
        assert_eq!(hit_test(&points, radius, points[3]), Some(3));
        let near = Point {
            x: points[2].x + radius * 0.9,
            y: points[2].y,
        };
        assert_eq!(hit_test(&points, radius, near), Some(2));
        assert_eq!(hit_test(&points, radius, Point { x: 400.0, y: 300.0 }), None);
    }

    #[test]
    fn link_hit_finds_the_line_under_the_pointer_but_not_nodes() {
        let points = [
            Point { x: 0.0, y: 0.0 },
            Point { x: 100.0, y: 0.0 },
            Point { x: 0.0, y: 100.0 },
        ];
        assert_eq!(
            link_hit(&points, 10.0, Point { x: 30.0, y: 3.0 }, 6.0),
            Some((0, 1, true))
        );
        assert_eq!(
            link_hit(&points, 10.0, Point { x: 80.0, y: -2.0 }, 6.0),
            Some((0, 1, false))
        );
        assert_eq!(
            link_hit(&points, 10.0, Point { x: 52.0, y: 48.0 }, 6.0),
            Some((1, 2, true))
        );
        assert_eq!(
            link_hit(&points, 10.0, Point { x: 2.0, y: 1.0 }, 6.0),
            None,
            "that is node 0"
        );
        assert_eq!(
            link_hit(&points, 10.0, Point { x: 60.0, y: 30.0 }, 6.0),
            None,
            "nothing there"
        );
    }

    #[test]
    fn messages_move_with_sim_time() {
        let (a, b) = (Point { x: 0.0, y: 0.0 }, Point { x: 100.0, y: 0.0 });
        assert_eq!(along(a, b, 1_000, 2_000, 1_000).x, 0.0);
        assert_eq!(along(a, b, 1_000, 2_000, 1_500).x, 50.0);
        assert_eq!(along(a, b, 1_000, 2_000, 9_000).x, 100.0);
        assert_eq!(along(a, b, 1_000, 1_000, 1_000).x, 100.0);
    }
}
