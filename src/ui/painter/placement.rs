//! Where words go on the canvas so that none sits on another: pure
//! geometry, tested natively. Each node gets the fullest label that fits
//! somewhere around it without touching a node, another label, the true
//! time or the canvas edge: its state with its clock, else its name with
//! the clock's reading, else its name alone. The room a label takes is
//! judged from the longest words it may show, so labels do not hop about
//! while the run plays.

use crate::ui::layout::Point;

/// A rectangle on the canvas, in CSS pixels.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Area {
    pub left: f64,
    pub top: f64,
    pub right: f64,
    pub bottom: f64,
}

impl Area {
    pub fn overlaps(&self, other: &Area) -> bool {
        self.left < other.right && other.left < self.right && self.top < other.bottom && other.top < self.bottom
    }

    /// The smallest rectangle holding both.
    pub fn union(&self, other: &Area) -> Area {
        Area {
            left: self.left.min(other.left),
            top: self.top.min(other.top),
            right: self.right.max(other.right),
            bottom: self.bottom.max(other.bottom),
        }
    }

    /// The rectangle with `by` more room on every side.
    pub fn grown(&self, by: f64) -> Area {
        Area {
            left: self.left - by,
            top: self.top - by,
            right: self.right + by,
            bottom: self.bottom + by,
        }
    }

    /// How much of `other` this rectangle covers, in square pixels.
    pub fn shared(&self, other: &Area) -> f64 {
        let across = self.right.min(other.right) - self.left.max(other.left);
        let down = self.bottom.min(other.bottom) - self.top.max(other.top);
        across.max(0.0) * down.max(0.0)
    }

    /// How far `p` is from the nearest point of the rectangle.
    fn distance_to(&self, p: Point) -> f64 {
        let dx = (self.left - p.x).max(p.x - self.right).max(0.0);
        let dy = (self.top - p.y).max(p.y - self.bottom).max(0.0);
        dx.hypot(dy)
    }

    /// Whether the straight line from `a` to `b` passes through the
    /// rectangle (clipping it to each side in turn).
    pub fn crossed_by(&self, a: Point, b: Point) -> bool {
        let (dx, dy) = (b.x - a.x, b.y - a.y);
        let (mut enter, mut leave) = (0.0_f64, 1.0_f64);
        let sides = [
            (-dx, a.x - self.left),
            (dx, self.right - a.x),
            (-dy, a.y - self.top),
            (dy, self.bottom - a.y),
        ];
        for (towards, room) in sides {
            if towards == 0.0 {
                if room < 0.0 {
                    return false;
                }
            } else {
                let t = room / towards;
                if towards < 0.0 {
                    enter = enter.max(t);
                } else {
                    leave = leave.min(t);
                }
            }
        }
        enter < leave
    }

    fn inside(&self, width: f64, height: f64) -> bool {
        self.left >= EDGE && self.top >= EDGE && self.right <= width - EDGE && self.bottom <= height - EDGE
    }

    /// The area around a node's circle that words keep clear of.
    pub fn around(p: Point, radius: f64) -> Area {
        let reach = radius + CLEARANCE;
        Area {
            left: p.x - reach,
            top: p.y - reach,
            right: p.x + reach,
            bottom: p.y + reach,
        }
    }
}

/// How much a node's label says.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Wording {
    /// Its name or role with its state, and "clock 1.234 s" under it.
    Full,
    /// Its name (its role, when the name is inside its circle), and
    /// "clock 1.234 s" under it, or its headline in short: "x = 3 (v2)".
    Short,
    /// The same with a bare reading under it: "x = 3".
    Brief,
    /// Its name (or role) alone.
    Name,
}

/// How wide (in CSS pixels) each line of a node's label can get, and how
/// far above its circle's clear room a tag on its upper edge may reach.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Widths {
    pub state: f64,
    pub clock: f64,
    /// Its name alone: the fewest words it is given.
    pub name: f64,
    /// The first line of its short words: its name, with its state unless
    /// it is up.
    pub short: f64,
    /// The second line of its short words.
    pub reading: f64,
    /// The second line of its brief words, where it has them: a headline's
    /// bare reading ("x = 3"). A clock has none: "clock" is never dropped,
    /// since a bare time beside other nodes' clocks reads as a wait.
    pub brief: Option<f64>,
    /// Room a tag on its upper edge takes above [`Area::around`] (0 for a
    /// node that never shows one), so words above it keep clear of it.
    pub tag_above: f64,
    /// How wide that tag can get (0 for none), so words beside the node
    /// keep off the part wider than the node.
    pub tag_on_top: f64,
    /// How wide a room to keep clear for a tag under it (0 for a node that
    /// never shows one), so words beside and below keep off it; a wider tag
    /// is drawn only where it touches no words.
    pub tag_below: f64,
    /// The edge a tag on its lower edge sits on (a queue's, in its bare
    /// form) and how wide that tag can get, so words keep off the part of
    /// it beyond the node's clear room; `None` where words need not.
    pub tag_lower: Option<(Edge, f64)>,
    /// Whether its brief words drop a fact its fuller ones carry (a
    /// replica's version). A node takes shorter words in a spot that reads
    /// plainly as its own and that no link crosses over fuller words in a
    /// worse one, but never words that drop a fact: its version or its
    /// headline.
    pub brief_drops_facts: bool,
}

/// A node's label as placed: what it says and the box it fills.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Placed {
    pub wording: Wording,
    pub area: Area,
}

/// Room kept between words and the canvas's edge, in CSS pixels.
const EDGE: f64 = 4.0;
/// Room between a circle and the words around it, in CSS pixels.
pub const CLEARANCE: f64 = 5.0;
/// How far the ring around a node pointed at reaches beyond its circle.
pub const RING: f64 = 7.0;
/// The height of one line of a label.
pub const LINE: f64 = 16.0;
/// The height of a tag on a node's edge ("12 waiting", "2 votes").
pub const TAG_HIGH: f64 = 14.0;
/// The radius of the ring a node's running timer drains on, beyond its
/// circle's.
pub const TIMER_RING: f64 = CLEARANCE / 2.0 + 0.5;
/// The width of that ring's line.
pub const TIMER_LINE: f64 = 3.0;
/// The radius of the dashed ring around the node a step points at, beyond
/// its circle's.
pub const POINTER_RING: f64 = RING + 2.0;
/// The width of that ring's line.
pub const POINTER_LINE: f64 = 3.0;
/// Room kept between two nodes' words side by side, so that they never
/// read as one line ("web server database crashed").
const WORDS_APART: f64 = 10.0;
/// Room kept between a tag and the words beyond it.
const TAG_GAP: f64 = 3.0;
/// How far a tag keeps from another node's words and tags, so it never
/// reads as a line of theirs or stacks on theirs as if the two were a pair.
pub const TAG_APART: f64 = TAG_HIGH / 2.0;
/// Half the height of a name written inside a circle: a tag on a small
/// circle's edge moves out that far, so it never covers the name.
/// A 16 px name's capitals reach about 7 px above its middle; a pixel more
/// keeps a tag from touching them.
const NAME_HALF: f64 = 8.0;
/// How far a name written over a headline inside a circle sits above the
/// circle's middle.
pub const NAME_RAISE: f64 = 6.0;

/// Where a tag sits on a node.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Edge {
    /// On the lower edge of its circle, below the name written inside it:
    /// a queue, where it cannot hang [`Edge::Under`] a small circle clear
    /// of words.
    Lower,
    /// The same on a circle with nothing written inside: the tag's bottom
    /// on the edge of the room words keep clear of, so a narrow tag never
    /// touches words, however small the circle.
    Base,
    /// The same, but never higher than the bottom of words beside the node
    /// (so on a small circle it hangs under it), in room the words keep
    /// clear of: a client's requests that went wrong.
    Under,
    /// On the upper edge, above the name written inside the circle: a
    /// server's repeats.
    Upper,
    /// The same above a name raised over a headline inside the circle: a
    /// server's votes over its name and term.
    UpperRaised,
    /// The same on a circle with nothing written inside: the tag's top on
    /// the edge of the room words keep clear of, so it never reaches up
    /// into words, however small the circle.
    Top,
    /// Beside its circle, on the right, clear of its rings: where no
    /// edge of a crowded node has room.
    Right,
    /// The same on the left.
    Left,
    /// Above the timer ring, which it would otherwise cover where the ring
    /// starts and ends: a candidate's votes.
    AboveRing,
    /// Above the dashed ring that marks the node a step points at: the
    /// votes of the candidate it marks.
    AbovePointer,
}

impl Edge {
    /// Above the rings around a node: its timer's, or the dashed ring of
    /// the node a step points at (`pointed`), which reaches further.
    pub fn above_rings(pointed: bool) -> Edge {
        if pointed {
            Edge::AbovePointer
        } else {
            Edge::AboveRing
        }
    }

    /// The top of a tag on this edge of a circle of `radius` centred at `y`.
    pub fn tag_top(self, y: f64, radius: f64) -> f64 {
        match self {
            Edge::Lower => (y + radius + CLEARANCE - TAG_HIGH).max(y + NAME_HALF),
            Edge::Base => y + radius + CLEARANCE - TAG_HIGH,
            Edge::Right | Edge::Left => y - TAG_HIGH / 2.0,
            Edge::Under => (y + radius + CLEARANCE - TAG_HIGH).max(y + LINE + 1.0),
            Edge::Upper => (y - radius - CLEARANCE).min(y - NAME_HALF - TAG_HIGH),
            Edge::UpperRaised => (y - radius - CLEARANCE).min(y - NAME_RAISE - NAME_HALF - TAG_HIGH),
            Edge::Top => y - radius - CLEARANCE,
            Edge::AboveRing => y - radius - TIMER_RING - TIMER_LINE / 2.0 - 1.0 - TAG_HIGH,
            Edge::AbovePointer => y - radius - POINTER_RING - POINTER_LINE / 2.0 - 1.0 - TAG_HIGH,
        }
    }

    /// The box a tag `wide` across on this edge of a circle of `radius`
    /// centred at `at` fills.
    pub fn tag_area(self, at: Point, radius: f64, wide: f64) -> Area {
        let top = self.tag_top(at.y, radius);
        let left = match self {
            Edge::Right => at.x + radius + CLEARANCE,
            Edge::Left => at.x - radius - CLEARANCE - wide,
            _ => at.x - wide / 2.0,
        };
        Area {
            left,
            top,
            right: left + wide,
            bottom: top + TAG_HIGH,
        }
    }

    /// How far above the room words keep clear of around a circle a tag on
    /// this edge reaches, with a gap for the words above it.
    pub fn reach_above(self, radius: f64) -> f64 {
        match self {
            Edge::Lower | Edge::Base | Edge::Under | Edge::Right | Edge::Left => 0.0,
            Edge::Upper | Edge::UpperRaised | Edge::Top | Edge::AboveRing | Edge::AbovePointer => {
                (-self.tag_top(0.0, radius) - radius - CLEARANCE).max(0.0) + TAG_GAP
            }
        }
    }

    /// How far below that room a tag on this edge reaches, with a gap for
    /// the words below it (0 where it stays inside the room).
    pub fn reach_below(self, radius: f64) -> f64 {
        let beyond = self.tag_top(0.0, radius) + TAG_HIGH - radius - CLEARANCE;
        if beyond > 0.0 {
            beyond + TAG_GAP
        } else {
            0.0
        }
    }
}

/// Half the width of the cross marking a cut link.
pub const CROSS_HALF: f64 = 7.0;

/// Where on the link from `a` to `b` the cross marking it as cut goes: its
/// middle, or the point nearest the middle whose cross covers none of
/// `clear` (labels, circles), so no words hide it.
pub fn cross_spot(a: Point, b: Point, clear: &[Area]) -> Point {
    let at = |t: f64| Point {
        x: a.x + (b.x - a.x) * t,
        y: a.y + (b.y - a.y) * t,
    };
    let covers = |p: Point| {
        let cross = Area {
            left: p.x - CROSS_HALF,
            top: p.y - CROSS_HALF,
            right: p.x + CROSS_HALF,
            bottom: p.y + CROSS_HALF,
        };
        clear.iter().any(|area| area.overlaps(&cross))
    };
    (0..=8)
        .map(|step| 0.5 + f64::from(step / 2 + step % 2) * 0.05 * if step % 2 == 0 { 1.0 } else { -1.0 })
        .map(at)
        .find(|&p| !covers(p))
        .unwrap_or_else(|| at(0.5))
}

/// Where the true time is written, top left: one of the readouts words
/// keep off.
pub const TRUE_TIME: Area = Area {
    left: 0.0,
    top: 0.0,
    right: 165.0,
    bottom: 30.0,
};

/// What words keep off besides nodes, tags and each other: the readouts
/// (the true time, a map's scale), which they never sit on, and the drawn
/// links (node indexes), which they avoid where they can.
#[derive(Clone, Copy, Debug, Default)]
pub struct KeepOff<'a> {
    pub readouts: &'a [Area],
    pub links: &'a [(usize, usize)],
}

/// Each node's label, in node order; `None` where even its name does not
/// fit (its button below the picture still names it). Words keep clear of
/// the room the tags above and below a node take, and of the ring around
/// the node the lesson points at (`ringed`) too, unless that would leave a
/// node unnamed or only named. Every node gets the fullest words that fit when all nodes
/// are given words no fuller than these, so a crowded picture names each
/// node before it adds clocks. Words never sit on the readouts, and of the
/// spots that fit equally well they take one that no link runs through
/// ([`KeepOff`]), so no line strikes them out.
pub fn place_labels(
    positions: &[Point],
    radius: f64,
    size: (f64, f64),
    widths: &[Widths],
    ringed: Option<usize>,
    keep_off: KeepOff<'_>,
) -> Vec<Option<Placed>> {
    let everyone = positions.len();
    // Words kept apart side by side first; where that costs a fact or a
    // name, words may sit close.
    let apart = place_all(
        &Room::new(positions, radius, size, keep_off, WORDS_APART),
        widths,
        ringed,
    );
    if fullness(&apart) == (everyone, everyone) {
        return apart;
    }
    let close = place_all(&Room::new(positions, radius, size, keep_off, 0.0), widths, ringed);
    if fullness(&close) > fullness(&apart) {
        close
    } else {
        apart
    }
}

/// [`place_labels`] in `room`.
fn place_all(room: &Room<'_>, widths: &[Widths], ringed: Option<usize>) -> Vec<Option<Placed>> {
    let clear_of_tags = place_with_widths(room, widths, ringed);
    let everyone = room.positions.len();
    if fullness(&clear_of_tags) == (everyone, everyone) {
        return clear_of_tags;
    }
    // Naming every node, and then saying more than names, matters more than
    // keeping room for the wide tags above and under a node: a tag above
    // then sits lower, on its node's edge, and one under it goes where it
    // touches no words. The narrow room of a queue's bare count on its
    // lower edge is always kept, so a queue always has a clear spot. The
    // room above a node for a tag on its upper edge as wide as the node (a
    // bare epoch, "skipped") goes last, since words would half hide it.
    let without = |above: bool| -> Vec<Widths> {
        widths
            .iter()
            .map(|w| Widths {
                tag_above: if above { w.tag_above } else { 0.0 },
                tag_on_top: 0.0,
                tag_below: 0.0,
                ..*w
            })
            .collect()
    };
    let mut best = clear_of_tags;
    for keep_above in [true, false] {
        let placed = place_with_widths(room, &without(keep_above), ringed);
        if fullness(&placed) > fullness(&best) {
            best = placed;
        }
        if fullness(&best) == (everyone, everyone) {
            break;
        }
    }
    best
}

/// The picture words are placed in: the nodes' centres and radius, the
/// canvas's size, the readouts words keep off and the links' lines.
struct Room<'a> {
    positions: &'a [Point],
    radius: f64,
    size: (f64, f64),
    readouts: &'a [Area],
    lines: Vec<(Point, Point)>,
    /// Room kept between two nodes' words side by side.
    apart: f64,
}

impl<'a> Room<'a> {
    fn new(positions: &'a [Point], radius: f64, size: (f64, f64), keep_off: KeepOff<'a>, apart: f64) -> Room<'a> {
        let lines = keep_off
            .links
            .iter()
            .filter_map(|&(a, b)| Some((*positions.get(a)?, *positions.get(b)?)))
            .collect();
        Room {
            positions,
            radius,
            size,
            readouts: keep_off.readouts,
            lines,
            apart,
        }
    }
}

/// [`place_labels`] keeping the room `widths` give each node's tags above
/// and below it.
fn place_with_widths(room: &Room<'_>, widths: &[Widths], ringed: Option<usize>) -> Vec<Option<Placed>> {
    let everyone = room.positions.len();
    let mut best: Vec<Option<Placed>> = Vec::new();
    // Naming every node matters more than keeping off the ring. At each
    // way of keeping off it, words are placed with each wording as the
    // fullest allowed, and the placing that says most is kept: giving the
    // first nodes their fullest words can leave a later one its name
    // alone, where shorter words all round would have said more.
    for kept in [KeptClearBy::Everyone, KeptClearBy::ItsNode, KeptClearBy::Nobody] {
        let ringed = ringed.map(|i| (i, kept));
        let mut most: Option<Vec<Option<Placed>>> = None;
        for fullest in [Wording::Full, Wording::Short, Wording::Brief, Wording::Name] {
            let placed = place_up_to(fullest, room, widths, ringed);
            if fullness(&placed) == (everyone, everyone) {
                return placed;
            }
            if most.as_ref().is_none_or(|most| fullness(&placed) > fullness(most)) {
                most = Some(placed);
            }
        }
        let placed = most.unwrap_or_default();
        if fullness(&placed).0 == everyone {
            return placed;
        }
        if best.is_empty() || fullness(&placed).0 > fullness(&best).0 {
            best = placed;
        }
    }
    best
}

/// How many nodes are named, and how many of those with more than their
/// name (their headline or clock).
fn fullness(placed: &[Option<Placed>]) -> (usize, usize) {
    let named = placed.iter().flatten();
    (
        named.clone().count(),
        named.filter(|p| p.wording != Wording::Name).count(),
    )
}

/// Whose words keep clear of the ring around the node pointed at.
#[derive(Clone, Copy, PartialEq, Eq)]
enum KeptClearBy {
    Everyone,
    /// Its own words do, so they never sit on its ring; other nodes' words
    /// may cross it.
    ItsNode,
    Nobody,
}

/// Each node in turn, the fullest words no fuller than `fullest` that fit,
/// in the spot that leaves the nodes still to come the most room for their
/// names, keeping clear of the ring around node `ringed.0` as `ringed.1`
/// says.
fn place_up_to(
    fullest: Wording,
    room: &Room<'_>,
    widths: &[Widths],
    ringed: Option<(usize, KeptClearBy)>,
) -> Vec<Option<Placed>> {
    let Room {
        positions,
        radius,
        size,
        readouts,
        ref lines,
        apart,
    } = *room;
    let ring_for = |i: usize, others: bool| match ringed {
        Some((r, KeptClearBy::Everyone)) if r == i => radius + RING,
        Some((r, KeptClearBy::ItsNode)) if r == i && !others => radius + RING,
        _ => radius,
    };
    let reach = |i: usize| ring_for(i, false);
    // How far a node's tag under it reaches below the room around it.
    let below = |w: &Widths| {
        let under = if w.tag_below > 0.0 {
            Edge::Under.reach_below(radius)
        } else {
            0.0
        };
        w.tag_lower
            .map_or(under, |(edge, _)| under.max(edge.reach_below(radius)))
    };
    // Half the width of a node's tag on its lower edge, which words beside
    // it keep clear of where it is wider than the node.
    let lower_half = |w: &Widths| w.tag_lower.map_or(0.0, |(_, wide)| wide / 2.0);
    let mut taken: Vec<Area> = positions
        .iter()
        .zip(widths)
        .enumerate()
        .map(|(i, (&p, w))| {
            let around = Area::around(p, ring_for(i, true));
            Area {
                top: around.top - w.tag_above,
                bottom: around.bottom + below(w),
                ..around
            }
        })
        .collect();
    taken.extend(positions.iter().zip(widths).flat_map(|(&p, w)| {
        let under = (w.tag_below > 0.0).then(|| Edge::Under.tag_area(p, radius, w.tag_below));
        // On the upper edge above a name inside the circle (raised over a
        // headline or not), or on the top of an empty one's room: the room
        // kept reaches from the highest of those, above a raised name, down
        // to the lowest, so it covers all three.
        let on_top = (w.tag_on_top > 0.0).then(|| {
            Edge::UpperRaised
                .tag_area(p, radius, w.tag_on_top)
                .union(&Edge::Top.tag_area(p, radius, w.tag_on_top))
        });
        let lower = w.tag_lower.map(|(edge, wide)| edge.tag_area(p, radius, wide));
        under.into_iter().chain(on_top).chain(lower)
    }));
    taken.extend_from_slice(readouts);
    let name_spots: Vec<Vec<Area>> = positions
        .iter()
        .zip(widths)
        .enumerate()
        .map(|(i, (&p, w))| {
            fitting(
                spots(p, reach(i), (w.tag_above, below(w)), lower_half(w), w.name, LINE),
                size,
            )
            .collect()
        })
        .collect();
    let mut placed = Vec::with_capacity(positions.len());
    for (index, (&p, w)) in positions.iter().zip(widths).enumerate() {
        let blocks = |area: &Area| {
            name_spots[index + 1..]
                .iter()
                .flatten()
                .filter(|spot| spot.overlaps(area))
                .count()
        };
        let crossings = |area: &Area| lines.iter().filter(|&&(a, b)| area.crossed_by(a, b)).count();
        let clean = |area: &Area| clearly_own(area, index, positions) && crossings(area) == 0;
        // The fullest words no shorter than `fewest` with a free spot (only
        // a clean one, when `clean_only`), in the first of the spots that
        // read as this node's (nearer to it than to any other node), then
        // plainly so, and among those one that blocks the fewest names to
        // come, then one the fewest links cross.
        let fullest_in = |clean_only: bool, fewest: Wording| {
            [
                Some((Wording::Full, w.state.max(w.clock), 2.0 * LINE)),
                Some((Wording::Short, w.short.max(w.reading), 2.0 * LINE)),
                w.brief.map(|brief| (Wording::Brief, w.short.max(brief), 2.0 * LINE)),
                Some((Wording::Name, w.name, LINE)),
            ]
            .into_iter()
            .flatten()
            .filter(|&(wording, ..)| wording >= fullest && wording <= fewest)
            .find_map(|(wording, wide, high)| {
                let area = fitting(
                    spots(p, reach(index), (w.tag_above, below(w)), lower_half(w), wide, high),
                    size,
                )
                .filter(|area| taken.iter().all(|t| !t.overlaps(area)))
                .filter(|area| !clean_only || clean(area))
                .min_by_key(|area| {
                    (
                        nearer_another(area, index, positions),
                        !clearly_own(area, index, positions),
                        blocks(area),
                        crossings(area),
                    )
                })?;
                Some(Placed { wording, area })
            })
        };
        // Words in a clean spot win over fuller ones in a worse spot, but
        // never at the cost of a fact: a node with a headline keeps it (a
        // replica's brief words drop its version, so only its short words
        // may stand in for its full ones), and only a node without one
        // may fall to its name alone.
        let fewest_clean = match w.brief {
            _ if w.brief_drops_facts => Wording::Short,
            Some(_) => Wording::Brief,
            None => Wording::Name,
        };
        let choice = fullest_in(true, fewest_clean).or_else(|| fullest_in(false, Wording::Name));
        if let Some(choice) = choice {
            taken.push(Area {
                left: choice.area.left - apart,
                right: choice.area.right + apart,
                ..choice.area
            });
        }
        placed.push(choice);
    }
    placed
}

/// Whether a tag in `area` reads plainly as node `own`'s: no other node's
/// centre is within half as far again as its own, so a tag in the gap
/// between two nodes, only a little nearer one of them, does not count.
pub fn clearly_own(area: &Area, own: usize, positions: &[Point]) -> bool {
    another_within(area, own, positions, 1.5).is_some_and(|near| !near)
}

/// Whether words in `area` sit at least as near another node's centre as
/// node `own`'s, so that they could be read as the other node's.
pub fn nearer_another(area: &Area, own: usize, positions: &[Point]) -> bool {
    another_within(area, own, positions, 1.0).unwrap_or(false)
}

/// Whether some node other than `own` has its centre within `times` the
/// distance from `area` to `own`'s; `None` where `own` has no position.
fn another_within(area: &Area, own: usize, positions: &[Point], times: f64) -> Option<bool> {
    let mine = area.distance_to(*positions.get(own)?);
    Some(
        positions
            .iter()
            .enumerate()
            .any(|(i, &p)| i != own && area.distance_to(p) <= times * mine),
    )
}

/// The spots moved inside the canvas, leaving out any that cannot be.
fn fitting(spots: [Area; 8], size: (f64, f64)) -> impl Iterator<Item = Area> {
    spots
        .into_iter()
        .map(move |area| shifted_inside(area, size))
        .filter(move |area| area.inside(size.0, size.1))
}

/// The boxes a `wide` x `high` label may fill around a node at `p`, best
/// first: below, above (clear of tags reaching `tag_above` higher and
/// `tag_below` lower than the node's room), right, left (clear of a tag
/// on its lower edge reaching `lower_half` either side of it), then below
/// and above leaning either way.
fn spots(
    p: Point,
    radius: f64,
    (tag_above, tag_below): (f64, f64),
    lower_half: f64,
    wide: f64,
    high: f64,
) -> [Area; 8] {
    let reach = radius + CLEARANCE;
    let at = |left: f64, top: f64| Area {
        left,
        top,
        right: left + wide,
        bottom: top + high,
    };
    let (below, above) = (p.y + reach + tag_below, p.y - reach - tag_above - high);
    let beside = reach.max(lower_half);
    let (centred, middle) = (p.x - wide / 2.0, p.y - high / 2.0);
    [
        at(centred, below),
        at(centred, above),
        at(p.x + beside, middle),
        at(p.x - beside - wide, middle),
        at(p.x - reach, below),
        at(p.x + reach - wide, below),
        at(p.x - reach, above),
        at(p.x + reach - wide, above),
    ]
}

/// The area moved the least distance that brings it inside the canvas, when
/// it is not wider or taller than the canvas.
fn shifted_inside(area: Area, (width, height): (f64, f64)) -> Area {
    let dx = (EDGE - area.left).max(0.0) - (area.right - width + EDGE).max(0.0);
    let dy = (EDGE - area.top).max(0.0) - (area.bottom - height + EDGE).max(0.0);
    Area {
        left: area.left + dx,
        top: area.top + dy,
        right: area.right + dx,
        bottom: area.bottom + dy,
    }
}

#[cfg(test)]
mod tests;
