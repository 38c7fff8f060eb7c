//! Where things go on the canvas: pure geometry, no browser, so it is
//! tested natively. A [`Layout`] is planned once per run from the starting
//! cluster: peers sit on a ring, a cluster with clients is drawn in tiers
//! (clients left, servers right), and nodes with places on the map stand
//! where they are, to scale. Drawing and clicking both use
//! [`Layout::positions`], so what is clicked is what is drawn. A message
//! sits on the line between its two nodes at the fraction of its trip that
//! sim time has covered.

mod hit;
mod map;

use crate::sim::{NodeView, Part, Place};

pub use hit::{hit_test, link_hit, nearest_within};
pub use map::{MapFrame, MIN_APART};

/// A point in CSS pixels.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Point {
    pub x: f64,
    pub y: f64,
}

impl Point {
    /// How far apart two points are, in CSS pixels.
    pub fn distance(self, other: Point) -> f64 {
        (self.x - other.x).hypot(self.y - other.y)
    }
}

/// One node's seat in the tiers: its column, its row, and how many rows
/// its column has.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Seat {
    pub column: usize,
    pub row: usize,
    pub rows: usize,
}

/// How a cluster is drawn.
#[derive(Clone, Debug, PartialEq)]
pub enum Shape {
    /// Peers evenly around a ring, the first at the top, clockwise; a lone
    /// node in the centre.
    Ring { nodes: usize },
    /// Columns from clients (left) to data (right).
    Tiers { columns: usize, seats: Vec<Seat> },
    /// Every node at its place on a flat map, to scale.
    Map { places: Vec<Place> },
}

/// A cluster's layout: its shape and the links drawn (pairs of node
/// indexes, lower first).
#[derive(Clone, Debug, PartialEq)]
pub struct Layout {
    pub shape: Shape,
    pub links: Vec<(usize, usize)>,
}

/// Which column a part belongs to, from the callers (left) to where the
/// data lives (right).
fn column_of(part: Part) -> usize {
    match part {
        Part::Client => 0,
        Part::Balancer => 1,
        Part::Server => 2,
        Part::Cache => 3,
        _ => 4,
    }
}

/// Margins around the tiers and the map, in CSS pixels: room for the true time at the
/// top and the labels under and beside the nodes; the sides narrow on a
/// narrow canvas, where the columns need the room more.
fn side(width: f64) -> f64 {
    (width * 0.08).clamp(20.0, 72.0)
}
const TOP: f64 = 36.0;
/// The room from the canvas's edge to the centre of a node in the first or
/// last column of the tiers, so the words beside it fit on its outer side.
const OUTER_COLUMN: f64 = WORDS_BESIDE + 20.0;

/// The margins either side of the tiers: [`side`], or wider where that
/// leaves the outer columns too little room for words on their outer side
/// and the columns still have room for words beside their nodes.
fn tier_side(width: f64, columns: usize) -> f64 {
    let plain = side(width);
    if columns < 2 {
        return plain;
    }
    let columns = columns as f64;
    // The first column's centre is at side + (width - 2 side) / (2 columns).
    let wanted = (OUTER_COLUMN - width / (2.0 * columns)) / (1.0 - 1.0 / columns);
    let across = (width - 2.0 * wanted) / columns;
    if wanted > plain && across >= 2.0 * SMALLEST_TIER_NODE + WORDS_BESIDE {
        wanted
    } else {
        plain
    }
}
/// The room one line of words needs between two nodes, clear of both.
const WORDS_BETWEEN: f64 = 28.0;
const BOTTOM: f64 = 28.0;
/// The radius below which a node in the tiers is too small to see and to
/// tap, in CSS pixels.
const SMALLEST_TIER_NODE: f64 = 10.0;
/// The room a node's short words ("client A") take beside it.
const WORDS_BESIDE: f64 = 70.0;
/// How far, as a share of its column's width, every other node of a column
/// whose nodes talk past each other steps aside (to the right, where there
/// is room).
const ZIGZAG: f64 = 0.2;

impl Layout {
    /// The layout for a cluster as it starts: a map when its nodes stand in
    /// different places, tiers when it has clients, otherwise a ring. Roles
    /// that change later (a backup becoming primary) never move a node,
    /// because the plan is made once.
    pub fn plan(nodes: &[NodeView]) -> Layout {
        let count = nodes.len();
        let spread_out = nodes.iter().any(|n| n.place != nodes[0].place);
        let has_clients = count > 1 && nodes.iter().any(|n| n.role.part == Part::Client);
        let shape = if spread_out {
            Shape::Map {
                places: nodes.iter().map(|n| n.place).collect(),
            }
        } else if has_clients {
            tiers(nodes)
        } else {
            Shape::Ring { nodes: count }
        };
        // Clients never talk to each other: no link between them in tiers.
        let client = |i: usize| matches!(&shape, Shape::Tiers { seats, .. } if seats[i].column == 0);
        let links = (0..count)
            .flat_map(|i| (i + 1..count).map(move |j| (i, j)))
            .filter(|&(i, j)| !(client(i) && client(j)))
            .collect();
        Layout { shape, links }
    }

    /// The same layout drawing only the links messages really travel
    /// (`talkers`: pairs of node indexes, lower first) where nodes play
    /// different parts (tiers, a map). Peers on a ring keep every link:
    /// any of them may talk to any other (a candidate asks everyone for a
    /// vote), whoever happened to talk first.
    pub fn with_links(self, talkers: &[(usize, usize)]) -> Layout {
        if matches!(self.shape, Shape::Ring { .. }) {
            return self;
        }
        let count = self.len();
        let links = talkers.iter().copied().filter(|&(a, b)| a < b && b < count).collect();
        Layout { links, ..self }
    }

    /// How many nodes it places.
    pub fn len(&self) -> usize {
        match &self.shape {
            Shape::Ring { nodes } => *nodes,
            Shape::Tiers { seats, .. } => seats.len(),
            Shape::Map { places } => places.len(),
        }
    }

    /// Whether it places no node at all.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Every node's centre on a `width` x `height` canvas.
    pub fn positions(&self, width: f64, height: f64) -> Vec<Point> {
        match &self.shape {
            Shape::Ring { nodes } => ring_layout(*nodes, width, height),
            Shape::Tiers { columns, seats } => {
                let side = tier_side(width, *columns);
                let (inner_w, inner_h) = ((width - 2.0 * side).max(1.0), (height - TOP - BOTTOM).max(1.0));
                let across = inner_w / *columns as f64;
                let zigzag = self.zigzag_columns(seats);
                seats
                    .iter()
                    .map(|s| {
                        let aside = zigzag.contains(&s.column) && s.row % 2 == 1;
                        let centre = side + across * (s.column as f64 + 0.5);
                        // To the right, unless that leaves the room on the
                        // right too narrow for words ([`OUTER_COLUMN`]).
                        let way = if width - (centre + across * ZIGZAG) >= OUTER_COLUMN {
                            1.0
                        } else {
                            -1.0
                        };
                        Point {
                            x: centre + if aside { way * across * ZIGZAG } else { 0.0 },
                            y: TOP + inner_h * (s.row as f64 + 0.5) / s.rows as f64,
                        }
                    })
                    .collect()
            }
            Shape::Map { .. } => map::keep_inside(map::spread(self.true_spots(width, height)), width, height),
        }
    }

    /// The columns in which a link joins two nodes with another between
    /// them: drawn straight, it would run through the middle one and read
    /// as a chain, so every other node of such a column steps aside.
    fn zigzag_columns(&self, seats: &[Seat]) -> Vec<usize> {
        let mut columns: Vec<usize> = self
            .links
            .iter()
            .filter_map(|&(a, b)| {
                let (a, b) = (seats.get(a)?, seats.get(b)?);
                (a.column == b.column && a.row.abs_diff(b.row) >= 2).then_some(a.column)
            })
            .collect();
        columns.sort_unstable();
        columns.dedup();
        columns
    }

    /// The radius of a node's circle on a `width` x `height` canvas.
    pub fn radius(&self, width: f64, height: f64) -> f64 {
        match &self.shape {
            Shape::Ring { nodes } => node_radius(width, height, *nodes),
            Shape::Tiers { columns, seats } => {
                let rows = seats.iter().map(|s| s.rows).max().unwrap_or(1);
                let down = (height - TOP - BOTTOM).max(1.0) / rows as f64;
                let across = (width - 2.0 * tier_side(width, *columns)).max(1.0) / *columns as f64;
                // Nodes one above the other leave room for a line of words
                // between them. Where that would shrink them below
                // `SMALLEST_TIER_NODE` and the columns have room for words
                // beside a node, they keep that size and their words go
                // beside them.
                let smallest = SMALLEST_TIER_NODE.min(down * 0.3);
                let beside = across >= 2.0 * smallest + WORDS_BESIDE;
                let between = (down - WORDS_BETWEEN) / 2.0;
                (down.min(across) * 0.3)
                    .min(if beside { between.max(smallest) } else { between })
                    .clamp(3.0, 34.0)
            }
            Shape::Map { .. } => {
                let closest = hit::closest_pair(&self.positions(width, height)).unwrap_or(f64::INFINITY);
                (closest / 2.2).clamp(5.0, 16.0)
            }
        }
    }

    /// Where each node really is on a map, before close ones were moved
    /// apart; none off a map.
    pub fn true_spots(&self, width: f64, height: f64) -> Vec<Point> {
        match &self.shape {
            Shape::Map { places } => {
                let frame = MapFrame::fit(places, width, height);
                places.iter().map(|&p| frame.project(p)).collect()
            }
            _ => Vec::new(),
        }
    }

    /// The map's projection, for drawing its grid and scale, if this is a map.
    pub fn map_frame(&self, width: f64, height: f64) -> Option<MapFrame> {
        match &self.shape {
            Shape::Map { places } => Some(MapFrame::fit(places, width, height)),
            _ => None,
        }
    }
}

/// Clients in the first column, then the used columns in order; within a
/// column, nodes in id order.
fn tiers(nodes: &[NodeView]) -> Shape {
    let wanted: Vec<usize> = nodes.iter().map(|n| column_of(n.role.part)).collect();
    let mut used: Vec<usize> = wanted.clone();
    used.sort_unstable();
    used.dedup();
    let column = |w: usize| used.iter().position(|&u| u == w).unwrap_or(0);
    let rows_in = |w: usize| wanted.iter().filter(|&&x| x == w).count();
    let seats = wanted
        .iter()
        .enumerate()
        .map(|(i, &w)| Seat {
            column: column(w),
            row: wanted[..i].iter().filter(|&&x| x == w).count(),
            rows: rows_in(w),
        })
        .collect();
    Shape::Tiers {
        columns: used.len(),
        seats,
    }
}

/// The radius of a node's circle on a ring of `nodes` on this canvas.
pub fn node_radius(width: f64, height: f64, nodes: usize) -> f64 {
    let ring = ring_radius(width, height);
    let spacing = if nodes > 1 {
        std::f64::consts::TAU * ring / nodes as f64
    } else {
        ring
    };
    // A crowded ring lets circles shrink below 10 px rather than pile up.
    let smallest = if nodes > 12 { 2.0 } else { 10.0 };
    (spacing * 0.3).clamp(smallest, 34.0).min(width.min(height) / 6.0)
}

fn ring_radius(width: f64, height: f64) -> f64 {
    (width.min(height) * 0.5 - 56.0).max(20.0)
}

/// How far the ring reaches left and right of its centre: on a wide canvas
/// it stretches into an oval, up to half as wide again as it is high, so
/// neighbours on a short canvas keep a stretch of link between them.
fn ring_reach_across(width: f64, height: f64) -> f64 {
    let ring = ring_radius(width, height);
    (ring * 1.5).min(width * 0.5 - 60.0).max(ring)
}

/// `n` points evenly around a ring in a `width` x `height` box, the first
/// at the top, going clockwise; a single point in the centre.
pub fn ring_layout(n: usize, width: f64, height: f64) -> Vec<Point> {
    let center = Point {
        x: width / 2.0,
        y: height / 2.0,
    };
    if n == 1 {
        return vec![center];
    }
    let (across, down) = (ring_reach_across(width, height), ring_radius(width, height));
    (0..n)
        .map(|i| {
            let angle = -std::f64::consts::FRAC_PI_2 + std::f64::consts::TAU * i as f64 / n.max(1) as f64;
            Point {
                x: center.x + across * angle.cos(),
                y: center.y + down * angle.sin(),
            }
        })
        .collect()
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
mod tests;
