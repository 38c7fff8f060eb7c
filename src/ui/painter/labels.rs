//! Words next to each node: its name (inside the circle when it fits), its
//! role or state, and its local clock, placed by [`super::placement`] where
//! they touch no other node or label and stay inside the canvas. Names too
//! long for the room get shorter words, never words on top of each other.

use web_sys::CanvasRenderingContext2d;

use super::clock_label;
use super::placement::{
    clearly_own, nearer_another, place_labels, Area, Edge, KeepOff, Placed, Widths, Wording, CLEARANCE, LINE,
    NAME_RAISE, TAG_APART,
};
use crate::sim::words::{count, duration, holding, key_name, whole_millis};
use crate::sim::{Duration, Headline, NodeId, NodeView, Outcomes, Part, Repeats, Snapshot, Status, Written};
use crate::ui::layout::Point;
use crate::ui::palette::Palette;

const STATE_FONT: &str = "600 13px system-ui, sans-serif";
const CLOCK_FONT: &str = "12px ui-monospace, monospace";
const NAME_INSIDE_FONT: &str = "600 16px system-ui, sans-serif";
const TERM_INSIDE_FONT: &str = "600 11px system-ui, sans-serif";
const TAG_FONT: &str = "600 11px system-ui, sans-serif";

/// Whether a node's name is written inside its circle.
fn name_inside(node: &NodeView, radius: f64) -> bool {
    node.status == Status::Up && node.name.chars().count() as f64 * 9.0 <= 2.0 * radius - 6.0
}

/// The smallest circle that has room for a headline under the name.
const HEADLINE_INSIDE_RADIUS: f64 = 18.0;

/// What a node's circle holds: its name, and its headline under it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Inside {
    pub name: bool,
    pub headline: bool,
}

impl Inside {
    /// Words beside a node whose name is inside: its role alone.
    pub(super) const ROLE_BESIDE: Inside = Inside {
        name: true,
        headline: true,
    };

    /// A headline goes inside when the circle holds the name and has room
    /// under it for the widest number the headline can show, so it never
    /// hops out as its number grows.
    pub(super) fn of(node: &NodeView, radius: f64) -> Inside {
        let name = name_inside(node, radius);
        let room = node
            .headline
            .is_none_or(|h| widest_inside(h).chars().count() as f64 * INSIDE_CHAR <= width_inside(radius, 16.0));
        Inside {
            name,
            headline: name && radius >= HEADLINE_INSIDE_RADIUS && room,
        }
    }
}

/// A generous width for one character of a headline inside a circle.
const INSIDE_CHAR: f64 = 6.6;

/// The widest words a headline can show inside a circle, in its shortest
/// form.
fn widest_inside(headline: Headline) -> &'static str {
    match headline {
        Headline::Term { .. } => "999",
        Headline::Counter { .. } => "-99999",
        Headline::Balance { .. } => "balance -99999",
        Headline::Keys { .. } => "9999 keys",
        Headline::Holds { .. } => "x = 99999",
        Headline::Waited { .. } => "999 ms",
        Headline::AnswersFirst { .. } => ANSWERS_FIRST,
    }
}

/// "client A", "B (paused)", "web 1 (web server)"; just the role when the
/// name is inside the circle, and nothing when that role is the name. A
/// leader behind the newest leader's term (`newest_term`) is an "old leader".
/// A headline with no room in the circle follows ("C (candidate) · term 3,
/// 2 votes", "shard · 105 keys").
fn state_words(node: &NodeView, inside: Inside, newest_term: u64) -> String {
    state_words_with(node, inside, newest_term, headline_beside)
}

/// [`state_words`] with the headline written by `beside`.
fn state_words_with(node: &NodeView, inside: Inside, newest_term: u64, beside: fn(Headline) -> String) -> String {
    let name_inside = inside.name;
    let role = match node.headline {
        Some(Headline::Term { term, .. }) if node.role.part == Part::Leader && term < newest_term => "old leader",
        _ => node.role.name,
    };
    let state = match node.status {
        Status::Up if name_inside && node.name == role => String::new(),
        Status::Up if name_inside => role.to_string(),
        Status::Up if node.name.contains(role) => node.name.clone(),
        Status::Up => format!("{} ({role})", node.name),
        Status::Paused => format!("{} (paused)", node.name),
        Status::Crashed => format!("{} crashed", node.name),
    };
    match node.headline.filter(|_| !inside.headline) {
        Some(headline) if state.is_empty() => beside(headline),
        Some(headline) => format!("{state} · {}", beside(headline)),
        None => state,
    }
}

/// A headline beside its node in the short form of its version, "x = 12
/// (v17)", for a picture where another replica's words are short.
fn headline_beside_short(headline: Headline) -> String {
    match headline {
        Headline::Holds { written: Some(_), .. } => headline_reading(headline, Wording::Short),
        _ => headline_beside(headline),
    }
}

/// A node's name, with its state unless it is up: "web 2 crashed", "B
/// (paused)". Shorter words keep the state, since a student may not yet
/// read it from the circle's colour.
fn name_and_status(node: &NodeView) -> String {
    match node.status {
        Status::Up => node.name.clone(),
        Status::Paused => format!("{} (paused)", node.name),
        Status::Crashed => format!("{} crashed", node.name),
    }
}

/// A headline as a label beside its node writes it: "term 3, 2 votes",
/// "counter 12", "x = 12 (version 17)".
fn headline_beside(headline: Headline) -> String {
    match headline {
        Headline::Term {
            term,
            votes: Some(votes),
        } => format!("term {term}, {}", count(u64::from(votes), "vote")),
        Headline::Term { term, votes: None } => format!("term {term}"),
        Headline::Counter { value } => format!("counter {value}"),
        Headline::Balance { value, .. } => format!("balance {value}"),
        Headline::Keys { held } => count(u64::from(held), "key"),
        Headline::Holds { key, written, .. } => holds_words(key, written),
        Headline::Waited { last, answers } => {
            format!("waited {}, {}", wait_words(last), count(answers, "answer"))
        }
        Headline::AnswersFirst { answers } => format!("{} heard first", count(answers, "answer")),
    }
}

/// The widest count of answers heard first: too wide for any circle, so it
/// is always written beside the node.
const ANSWERS_FIRST: &str = "99 answers heard first";

/// A client's wait in whole milliseconds, "133 ms", since the tenths
/// would change on every answer; a second or more as `duration` says it.
fn wait_words(last: Duration) -> String {
    let ms = whole_millis(last);
    if ms < 1_000 {
        format!("{ms} ms")
    } else {
        duration(last)
    }
}

/// "x = 12 (version 17)", or "x empty" before any write reached it.
fn holds_words(key: u32, written: Option<Written>) -> String {
    match written {
        Some(written) => holding(&key_name(key), written),
        None => format!("{} empty", key_name(key)),
    }
}

/// The newest term any leader leads, for telling old leaders apart: a
/// leader is old once another leads a newer term. Candidates that keep
/// raising their terms without winning (on the small side of a split) do
/// not make the leader they cannot reach an old one.
fn newest_term(nodes: &[NodeView]) -> u64 {
    nodes
        .iter()
        // A crashed node keeps the role and the term it had: it leads nothing.
        .filter(|n| n.role.part == Part::Leader && n.status != Status::Crashed)
        .filter_map(|n| match n.headline {
            Some(Headline::Term { term, .. }) => Some(term),
            _ => None,
        })
        .max()
        .unwrap_or(0)
}

/// A candidate's votes, "2 votes", for the tag on its circle when its name
/// is inside it.
pub fn votes_tag(node: &NodeView, radius: f64) -> Option<String> {
    match node.headline {
        Some(Headline::Term { votes: Some(votes), .. }) if name_inside(node, radius) => {
            Some(count(u64::from(votes), "vote"))
        }
        _ => None,
    }
}

/// The widest words of the tag on a node's upper edge that the words
/// around it keep clear of, for a node that can show one: a server's
/// repeats (in their short form), a replica's epoch. Known from the kind of
/// its headline, so the words keep the tag's room all run long instead of
/// hopping when it shows. A candidate's votes take no room of their own:
/// see [`votes_edge`].
fn upper_tag(node: &NodeView) -> Option<&'static str> {
    match node.headline? {
        Headline::Balance { repeats: Some(_), .. } => Some("99 keys, 99 twice"),
        Headline::Holds { epoch: Some(_), .. } => Some("epoch 99"),
        _ => None,
    }
}

/// Whether a tag `wide` (its words' width) on this `edge` of the node at
/// `at` stays on the canvas (`room.size`) and off every label (`placed`)
/// and every other node's circle (`room.circles`). Labels keep a tag's room
/// clear unless that would leave a node unnamed or only named; a tag that
/// would then sit on words is left out, or written shorter, rather than
/// drawn under them.
fn clear_of_words(edge: Edge, at: Point, radius: f64, wide: f64, placed: &[Option<Placed>], room: &Others<'_>) -> bool {
    words_covered(edge.tag_area(at, radius, wide + 2.0 * TAG_PADDING), placed, room) == Some(0.0)
}

/// How much of the labels (`placed`), the other nodes' circles and the
/// readouts a tag filling `tag` covers, in square pixels; `None` where it
/// leaves the canvas.
fn words_covered(tag: Area, placed: &[Option<Placed>], room: &Others<'_>) -> Option<f64> {
    let size = room.size;
    let on_canvas = tag.left >= 0.0 && tag.top >= 0.0 && tag.right <= size.0 && tag.bottom <= size.1;
    let others = room.circles.iter().enumerate().filter(|&(i, _)| i != room.own);
    let crowded = placed
        .iter()
        .flatten()
        .map(|p| &p.area)
        .chain(others.map(|(_, c)| c))
        .chain(room.readouts);
    on_canvas.then(|| crowded.map(|area| area.shared(&tag)).sum())
}

/// What a node's tag under it must keep off besides words: the canvas's
/// edges, its readouts, and every node's circle but its own (`own`).
struct Others<'a> {
    size: (f64, f64),
    circles: &'a [Area],
    own: usize,
    readouts: &'a [Area],
}

/// Where a candidate's votes go on its node at `at`: above its timer's
/// ring (and above the dashed ring, on the node a step points at:
/// `pointed`) where they touch no label (`placed`), no node's room
/// (`circles`, its own among them: the tag sits just above it) and no
/// readout, and stay on the canvas; else on its circle's upper edge, over
/// the top of the ring, unless a readout ("true time") is there: then
/// under the node or beside it, wherever that is clear.
fn votes_edge(
    at: Point,
    radius: f64,
    wide: f64,
    placed: &[Option<Placed>],
    room: &Others<'_>,
    pointed: bool,
    upper: Edge,
) -> Edge {
    let above = Edge::above_rings(pointed);
    let tag = above.tag_area(at, radius, wide);
    if tag.top >= 0.0
        && tag.bottom <= room.size.1
        && placed
            .iter()
            .flatten()
            .map(|p| &p.area)
            .chain(room.circles)
            .chain(room.readouts)
            .all(|area| !area.overlaps(&tag))
    {
        return above;
    }
    let clear_of_readouts = |edge: Edge| {
        let tag = edge.tag_area(at, radius, wide);
        !room.readouts.iter().any(|area| area.overlaps(&tag))
    };
    let clear_of_words = |edge: Edge| words_covered(edge.tag_area(at, radius, wide), placed, room) == Some(0.0);
    // Above a raised name first; else on the plain upper edge, a little
    // lower on the name's capitals, before leaving the top of the node.
    if clear_of_readouts(upper) && (upper == Edge::Upper || clear_of_words(upper)) {
        return upper;
    }
    if upper != Edge::Upper && clear_of_readouts(Edge::Upper) {
        return Edge::Upper;
    }
    [Edge::Under, Edge::Right, Edge::Left]
        .into_iter()
        .find(|&edge| clear_of_words(edge))
        .unwrap_or(Edge::Upper)
}

/// The tag on a node's upper edge: a replica's epoch, "epoch 2" when every
/// replica's fits (`epochs_in_full`), else the bare number on each; or a
/// server's repeats (see [`repeats_tag`]).
fn upper_tag_words(node: &NodeView, fits: impl Fn(&String) -> bool, epochs_in_full: bool) -> Option<String> {
    match node.headline? {
        Headline::Holds { epoch: Some(epoch), .. } if epochs_in_full => Some(format!("epoch {epoch}")),
        Headline::Holds { epoch: Some(epoch), .. } => Some(epoch.to_string()),
        Headline::Balance {
            repeats: Some(repeats), ..
        } => Some(repeats_tag(repeats, fits)),
        _ => None,
    }
}

/// A server's repeats, for the tag on its upper edge: "2 saves ran
/// twice", "5 keys kept, 0 ran twice" where that fits the node's width,
/// else a shorter form that still names both ("2 ran twice", "5 keys, 0
/// twice"), wider than the node if it must be.
fn repeats_tag(Repeats { twice, keys_kept }: Repeats, fits: impl Fn(&String) -> bool) -> String {
    let (long, short) = match keys_kept {
        Some(keys) => (
            format!("{} kept, {twice} ran twice", count(keys, "key")),
            format!("{}, {twice} twice", count(keys, "key")),
        ),
        None => (
            format!("{} ran twice", count(twice, "save")),
            format!("{twice} ran twice"),
        ),
    };
    if fits(&long) {
        long
    } else {
        short
    }
}

/// How many of a client's requests went wrong in any way: the bare count
/// its tag shows where its words do not fit.
fn went_wrong(outcomes: Outcomes) -> u64 {
    outcomes.errors + outcomes.refused + outcomes.gave_up + outcomes.stale_reads
}

/// What went wrong with a client's requests, for the tag on its lower edge:
/// "2 errors, 1 gave up", "3 stale reads"; nothing while all went well.
pub fn outcomes_tag(outcomes: Outcomes) -> Option<String> {
    let parts: Vec<String> = [
        (outcomes.errors, count(outcomes.errors, "error")),
        (outcomes.refused, format!("{} refused", outcomes.refused)),
        (outcomes.gave_up, format!("{} gave up", outcomes.gave_up)),
        (outcomes.stale_reads, count(outcomes.stale_reads, "stale read")),
    ]
    .into_iter()
    .filter(|(n, _)| *n > 0)
    .map(|(_, words)| words)
    .collect();
    (!parts.is_empty()).then(|| parts.join(", "))
}

/// The widest bare count (of a queue, or of a client's requests that went
/// wrong) that the words around a node keep room for; a longer one goes
/// where it covers least.
pub(super) const WIDE_QUEUE: &str = "999";

/// The edge a node's tags on its lower edge sit on: below the name inside
/// its circle, or at the bottom of its clear room when nothing is inside.
fn lower_edge(inside: Inside) -> Edge {
    if inside.name {
        Edge::Lower
    } else {
        Edge::Base
    }
}

/// The edge a node's tag on top sits on: above the name inside its
/// circle (raised, over a headline), or at the top of its clear room when
/// nothing is inside.
fn upper_edge(inside: Inside) -> Edge {
    match inside {
        Inside { headline: true, .. } => Edge::UpperRaised,
        Inside { name: true, .. } => Edge::Upper,
        _ => Edge::Top,
    }
}

/// The tag of a server a load balancer steps around as silent.
const SKIPPED: &str = "skipped";

/// A tag as wide as most a client shows; the words around a client keep
/// its room clear. A wider one is drawn where it touches no words.
const SHORT_OUTCOMES: &str = "99 gave up";

/// The headline written inside a node's circle under its name, when the
/// name is there and the circle has room: in full ("term 3", "counter
/// 12", "x = 12"), or as a bare number for a term or a counter in a small
/// circle whose text says what the number is.
fn headline_inside(node: &NodeView, radius: f64) -> Option<Vec<String>> {
    if !Inside::of(node, radius).headline {
        return None;
    }
    match node.headline? {
        Headline::Term { term, .. } => Some(vec![format!("term {term}"), term.to_string()]),
        Headline::Counter { value } => Some(vec![format!("counter {value}"), value.to_string()]),
        Headline::Waited { last, .. } => Some(vec![format!("waited {}", wait_words(last)), wait_words(last)]),
        headline @ (Headline::Balance { .. }
        | Headline::Keys { .. }
        | Headline::Holds { .. }
        | Headline::AnswersFirst { .. }) => Some(vec![headline_reading(headline, Wording::Brief)]),
    }
}

/// How wide a line of words may be inside a circle of `radius`, `below`
/// its centre.
fn width_inside(radius: f64, below: f64) -> f64 {
    2.0 * (radius * radius - below * below).max(0.0).sqrt() - 6.0
}

/// The longest words a node's first line may show while the run plays
/// (its state, role and headline can change), so its room stays the same.
pub(super) fn widest_state(node: &NodeView, inside: Inside) -> String {
    // Measured as if up, so the room stays the same through a crash.
    let up = NodeView {
        status: Status::Up,
        ..node.clone()
    };
    let state = state_words(&up, inside, 0);
    let changing = match (node.headline, inside.name) {
        (Some(Headline::Term { .. }), true) => "old leader".to_string(),
        (Some(Headline::Term { .. }), false) => format!("{} (old leader)", node.name),
        // A replica that can take over, or hand over, the writes.
        _ if node.role.part.changes_hands() => format!("{} (candidate)", node.name),
        // Every other node keeps its role: only its state changes, to
        // "(paused)" or "crashed", both narrower than this.
        _ => format!("{} (crashed)", node.name),
    };
    let widest = if state.chars().count() > changing.chars().count() {
        state
    } else {
        changing
    };
    match node.headline.filter(|_| !inside.headline) {
        Some(headline) => format!("{widest} · {}", widest_headline(headline)),
        None => widest,
    }
}

/// The longest words a headline of this kind may show beside its node.
fn widest_headline(headline: Headline) -> String {
    match headline {
        Headline::Holds { key, written, .. } => widest_holding(key, written, Wording::Full),
        Headline::Term { .. } => "term 999, 9 votes".to_string(),
        Headline::Counter { .. } => "counter -99999".to_string(),
        Headline::Balance { .. } => "balance -99999".to_string(),
        Headline::Keys { .. } => "9999 keys".to_string(),
        Headline::Waited { .. } => "waited 999 ms, 999 answers".to_string(),
        Headline::AnswersFirst { .. } => ANSWERS_FIRST.to_string(),
    }
}

/// The widest a replica's holding can get in `wording` before one of its
/// numbers gains a digit: room for three digits each, or as many as it
/// has. A lesson's run stays under a thousand writes for minutes, so its
/// words keep their room, while a long run gives a number more room only
/// as it grows, not four digits' worth from the start.
fn widest_holding(key: u32, written: Option<Written>, wording: Wording) -> String {
    let nines = |n: Option<u64>| "9".repeat(n.map_or(0, |n| n.to_string().len()).max(3));
    let (value, version) = (nines(written.map(|w| w.value)), nines(written.map(|w| w.version)));
    let key = key_name(key);
    match wording {
        Wording::Full => format!("{key} = {value} (version {version})"),
        Wording::Short => format!("{key} = {value} (v{version})"),
        Wording::Brief | Wording::Name => format!("{key} = {value}"),
    }
}

/// A headline as the reading line under short or brief words writes it:
/// "term 3", "x = 12 (v4)" ("x = 12" in brief), "105 keys", "133 ms, 12
/// answers".
fn headline_reading(headline: Headline, wording: Wording) -> String {
    match headline {
        Headline::Term { term, .. } => format!("term {term}"),
        Headline::Waited { last, answers } => format!("{}, {}", wait_words(last), count(answers, "answer")),
        Headline::Holds {
            key,
            written: Some(Written { value, version }),
            ..
        } => match wording {
            Wording::Full | Wording::Short => format!("{} = {value} (v{version})", key_name(key)),
            Wording::Brief | Wording::Name => format!("{} = {value}", key_name(key)),
        },
        _ => headline_beside(headline),
    }
}

/// The longest words a headline's reading line may show in `wording`.
fn widest_reading(headline: Headline, wording: Wording) -> String {
    match headline {
        Headline::Term { .. } => "term 999".to_string(),
        Headline::Holds { key, written, .. } => widest_holding(key, written, wording),
        Headline::Waited { .. } => "999 ms, 999 answers".to_string(),
        _ => widest_headline(headline),
    }
}

/// The longest clock line and bare clock reading a label may show.
pub(super) const WIDEST_CLOCK: &str = "clock -000.000 s";

/// Where every node's words go on this canvas, keeping off what `keep_off`
/// names, with `measure` giving the width of a text in a font.
pub(super) fn placements(
    nodes: &[NodeView],
    positions: &[Point],
    radius: f64,
    size: (f64, f64),
    measure: impl Fn(Font, &str) -> f64,
    ringed: Option<usize>,
    keep_off: KeepOff<'_>,
) -> Vec<Option<Placed>> {
    let widths = node_widths(nodes, radius, measure);
    // The words' room only changes with the picture's size or a node's
    // words: place them again only then, not every frame.
    let key = Placing {
        positions: positions.to_vec(),
        radius,
        size,
        widths: widths.clone(),
        ringed,
        readouts: keep_off.readouts.to_vec(),
        links: keep_off.links.to_vec(),
    };
    LAST_PLACED.with(|last| {
        let mut last = last.borrow_mut();
        match last.as_ref() {
            Some((placing, placed)) if *placing == key => placed.clone(),
            _ => {
                let placed = place_labels(positions, radius, size, &widths, ringed, keep_off);
                *last = Some((key, placed.clone()));
                placed
            }
        }
    })
}

/// How wide each node's words and tags can get, with `measure` giving the
/// width of a text in a font.
pub(super) fn node_widths(nodes: &[NodeView], radius: f64, measure: impl Fn(Font, &str) -> f64) -> Vec<Widths> {
    let words = |text: &str| measure(Font::State, text);
    let second_line = |text: &str| measure(Font::Clock, text);
    let clock = second_line(WIDEST_CLOCK);
    // A client's tag keeps room clear for a short tag or its node's width,
    // whichever is wider, and hangs under a small circle.
    let tag_below = (2.0 * (radius + CLEARANCE)).max(measure(Font::Tag, SHORT_OUTCOMES) + 2.0 * TAG_PADDING);
    // The bare count of a queue, or of a client's requests that went
    // wrong, keeps its room on every node.
    let queue_wide = measure(Font::Tag, WIDE_QUEUE) + 2.0 * TAG_PADDING;
    // A load balancer may step around any server as silent, and say so
    // with a tag on its upper edge: words keep clear of that edge.
    let balanced = nodes.iter().any(|n| n.role.part == Part::Balancer);
    nodes
        .iter()
        .map(|node| {
            let inside = Inside::of(node, radius);
            let widest = widest_state(node, inside);
            // A name inside its circle is not written again: its role is,
            // in its short words and alone.
            let role_beside = inside.name.then(|| words(&widest_state(node, Inside::ROLE_BESIDE)));
            Widths {
                state: words(&widest),
                clock,
                name: role_beside.unwrap_or_else(|| words(&node.name)),
                short: role_beside.unwrap_or_else(|| words(&name_and_status(node))),
                reading: match node.headline.filter(|_| !inside.headline) {
                    Some(headline) => second_line(&widest_reading(headline, Wording::Short)),
                    None => clock,
                },
                brief: node
                    .headline
                    .filter(|_| !inside.headline)
                    .map(|headline| second_line(&widest_reading(headline, Wording::Brief))),
                tag_above: if upper_tag(node).is_some() || (balanced && node.role.part == Part::Server) {
                    upper_edge(inside).reach_above(radius)
                } else {
                    0.0
                },
                tag_on_top: upper_tag(node).map_or(0.0, |widest| measure(Font::Tag, widest) + 2.0 * TAG_PADDING),
                tag_below: node.outcomes.map_or(0.0, |_| tag_below),
                tag_lower: Some((lower_edge(inside), queue_wide)),
                brief_drops_facts: matches!(node.headline, Some(Headline::Holds { .. })) && !inside.headline,
            }
        })
        .collect()
}

/// The box the label of node `index` filled in the frame painted last, if
/// it had one.
pub fn last_label_area(index: usize) -> Option<Area> {
    LAST_PLACED.with(|last| {
        let last = last.borrow();
        let (_, placed) = last.as_ref()?;
        placed.get(index).copied().flatten().map(|p| p.area)
    })
}

/// What a placement of labels was made from.
#[derive(PartialEq)]
struct Placing {
    positions: Vec<Point>,
    radius: f64,
    size: (f64, f64),
    widths: Vec<Widths>,
    ringed: Option<usize>,
    readouts: Vec<Area>,
    links: Vec<(usize, usize)>,
}

thread_local! {
    static LAST_PLACED: std::cell::RefCell<Option<(Placing, Vec<Option<Placed>>)>> = const { std::cell::RefCell::new(None) };
}

/// The fonts the canvas writes a node's words in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Font {
    /// Names and states beside a node.
    State,
    /// Clock readings under them.
    Clock,
    /// The headline under a name inside its circle.
    HeadlineInside,
    /// The tags on a circle's edges.
    Tag,
}

impl Font {
    pub fn css(self) -> &'static str {
        match self {
            Font::State => STATE_FONT,
            Font::Clock => CLOCK_FONT,
            Font::HeadlineInside => TERM_INSIDE_FONT,
            Font::Tag => TAG_FONT,
        }
    }
}

/// Padding on each side of a tag's words.
pub const TAG_PADDING: f64 = 4.0;

/// Everything the canvas writes and marks for one node, decided before any
/// pixel is drawn: the painter draws exactly this, and native tests read
/// it to check that what a lesson tells the student to look at is there.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct NodeWords {
    /// Inside its circle: its name, and its headline under it when it fits.
    pub inside: Option<(String, Option<String>)>,
    /// Beside it: where its label goes, its first line and its clock line.
    pub label: Option<(Area, String, Option<String>)>,
    /// The tag on its lower edge, or under a small circle where that
    /// touches no words: how many messages wait in its inbox.
    pub waiting: Option<(String, Edge)>,
    /// The tag over its circle with the votes it holds as a candidate, and
    /// where: above its timer's ring, or on its edge where words crowd it.
    pub votes: Option<(String, Edge)>,
    /// The tag on top of it, and where (its upper edge, or above its rings
    /// where it is wider than the node): a replica's epoch; on a server
    /// that clients retry against, the saves it ran twice and the
    /// idempotency keys it keeps; or "skipped" while a load balancer steps
    /// around it as silent.
    pub upper: Option<(String, Edge)>,
    /// The tag counting a client's requests that went wrong, and where:
    /// under it in the room its words keep clear; where words took that
    /// room, above its rings if that is clear, else on its lower edge,
    /// never left out (lessons point at it).
    pub outcomes: Option<(String, Edge)>,
    /// Its clock's reading, when its label writes it.
    pub clock: Option<String>,
    /// Its headline as written, inside its circle or in its label.
    pub headline: Option<String>,
    /// The share (0 to 1) left of the wait it shows as a draining ring.
    pub countdown: Option<f64>,
}

/// What the canvas writes for every node of `snapshot`, keeping off what
/// `keep_off` names, with `measure` giving the width of a text in a font.
pub fn node_words(
    snapshot: &Snapshot,
    positions: &[Point],
    radius: f64,
    size: (f64, f64),
    measure: impl Fn(Font, &str) -> f64,
    ringed: Option<usize>,
    keep_off: KeepOff<'_>,
) -> Vec<NodeWords> {
    let placed = placements(&snapshot.nodes, positions, radius, size, &measure, ringed, keep_off);
    let newest = newest_term(&snapshot.nodes);
    // What each circle holds, read once for every use below.
    let insides: Vec<Inside> = snapshot.nodes.iter().map(|node| Inside::of(node, radius)).collect();
    // Versions are written in one form in a picture: "(v17)" everywhere
    // once any replica's words are short.
    let beside: fn(Headline) -> String =
        if snapshot
            .nodes
            .iter()
            .zip(&insides)
            .zip(&placed)
            .any(|((node, inside), spot)| {
                matches!(node.headline, Some(Headline::Holds { .. }))
                    && !inside.headline
                    && spot.is_some_and(|p| p.wording != Wording::Full)
            })
        {
            headline_beside_short
        } else {
            headline_beside
        };
    let tag_room = 2.0 * (radius + CLEARANCE);
    let fits_tag = |text: &String| measure(Font::Tag, text) + 2.0 * TAG_PADDING <= tag_room;
    let headline_room = width_inside(radius, 16.0);
    let circles: Vec<Area> = positions.iter().map(|&p| Area::around(p, radius)).collect();
    // The circles themselves, which a tag hanging under a node keeps off.
    let bodies: Vec<Area> = positions.iter().map(|&p| Area::around(p, radius - CLEARANCE)).collect();
    // The servers some load balancer steps around as silent.
    let skipped: Vec<NodeId> = snapshot
        .nodes
        .iter()
        .filter_map(|n| n.stepping_around.as_ref())
        .flatten()
        .copied()
        .collect();
    let others = |own: usize| Others {
        size,
        circles: &bodies,
        own,
        readouts: keep_off.readouts,
    };
    // The tags that may hang under or above a node, node by node, each
    // clear of those hung before it, so two nodes' tags never land in the
    // same gap between them. Clients' tags are written in one form: if one
    // must be a bare count, all are, so no "22" sits beside "22 gave up"
    // as if it counted something else.
    let hang = |outcomes_bare: bool| {
        let mut hung: Vec<Area> = Vec::new();
        let hanging: Vec<Hanging> = snapshot
            .nodes
            .iter()
            .zip(positions)
            .enumerate()
            .map(|(index, (node, &at))| {
                let others = others(index);
                let area =
                    |text: &String, edge: Edge| edge.tag_area(at, radius, measure(Font::Tag, text) + 2.0 * TAG_PADDING);
                // How much of the words, circles and tags hung before it a tag
                // would cover; `None` off the canvas.
                let covered = |text: &String, edge: Edge, hung: &[Area]| {
                    let tag = area(text, edge);
                    words_covered(tag, &placed, &others)
                        .map(|words| words + hung.iter().map(|h| h.shared(&tag)).sum::<f64>())
                };
                let above_rings = Edge::above_rings(ringed == Some(index));
                let lower = lower_edge(insides[index]);
                // The first of these tags, each on an edge (if any), that is
                // clear of words and of the tags hung before it, reads
                // plainly as this node's (see `clearly_own`) and keeps apart
                // from other nodes' words; else the first such one that may
                // touch them; else the first clear one nearer it than any
                // other; else the first clear one; else the one that covers
                // least.
                let first_free = |choices: &[(&String, Option<Edge>)], hung: &[Area]| {
                    let tried = choices
                        .iter()
                        .filter_map(|&(text, edge)| Some((text, edge?, covered(text, edge?, hung)?)));
                    let mut free = tried.clone().filter(|&(.., cover)| cover == 0.0);
                    // Clear of other nodes' words by `TAG_APART` too.
                    let apart = |tag: Area| {
                        let tag = tag.grown(TAG_APART);
                        placed
                            .iter()
                            .enumerate()
                            .filter(|&(other, _)| other != index)
                            .filter_map(|(_, spot)| spot.as_ref())
                            .all(|spot| !spot.area.overlaps(&tag))
                    };
                    let spaced = free.clone().find(|&(text, edge, _)| {
                        let tag = area(text, edge);
                        clearly_own(&tag, index, positions) && apart(tag)
                    });
                    let plainly = free
                        .clone()
                        .find(|&(text, edge, _)| clearly_own(&area(text, edge), index, positions));
                    let own = free
                        .clone()
                        .find(|&(text, edge, _)| !nearer_another(&area(text, edge), index, positions));
                    spaced
                        .or(plainly)
                        .or(own)
                        .or_else(|| free.next())
                        .or_else(|| tried.min_by(|a, b| a.2.total_cmp(&b.2)))
                        .map(|(text, edge, _)| (text.clone(), edge))
                };
                // A queue is always shown: as "17 waiting" where that hangs
                // clear under the node or fits its width (or hangs above it,
                // when nothing else is on top, or lies on its lower edge wider
                // than the node, or beside it), else as the bare number where
                // that is clear, else as the bare number on its lower edge.
                let waiting = (node.queue > 0).then(|| {
                    let (long, bare) = (format!("{} waiting", node.queue), node.queue.to_string());
                    let on_top_free =
                        votes_tag(node, radius).is_none() && upper_tag(node).is_none() && !skipped.contains(&node.id);
                    let above = on_top_free.then_some(above_rings);
                    let choices = [
                        (&long, Some(Edge::Under)),
                        (&long, fits_tag(&long).then_some(lower)),
                        (&long, above),
                        (&long, Some(lower)),
                        (&long, Some(Edge::Right)),
                        (&long, Some(Edge::Left)),
                        (&bare, Some(lower)),
                        (&bare, above),
                        (&bare, Some(Edge::Right)),
                        (&bare, Some(Edge::Left)),
                    ];
                    first_free(&choices, &hung).unwrap_or((bare, lower))
                });
                if let Some((text, edge)) = &waiting {
                    hung.push(area(text, *edge));
                }
                // A client's outcomes tag: under it, else above its rings, else
                // on its lower edge, else beside it, where it touches no words;
                // else the bare count in one of those spots (the bare count
                // alone where another client's is bare). Never left out
                // (lessons point at it).
                let outcomes = node.outcomes.and_then(|outcomes| {
                    let words = outcomes_tag(outcomes)?;
                    let bare = went_wrong(outcomes).to_string();
                    let text = if outcomes_bare { bare.clone() } else { words };
                    let choices = [
                        (&text, Some(Edge::Under)),
                        (&text, Some(above_rings)),
                        (&text, Some(lower)),
                        (&text, Some(Edge::Right)),
                        (&text, Some(Edge::Left)),
                        (&bare, Some(lower)),
                        (&bare, Some(above_rings)),
                        (&bare, Some(Edge::Right)),
                        (&bare, Some(Edge::Left)),
                    ];
                    Some(first_free(&choices, &hung).unwrap_or((bare, lower)))
                });
                if let Some((text, edge)) = &outcomes {
                    hung.push(area(text, *edge));
                }
                Hanging { waiting, outcomes }
            })
            .collect();
        (hanging, hung)
    };
    let (hanging, hung) = {
        let in_words = hang(false);
        let some_bare = snapshot.nodes.iter().zip(&in_words.0).any(|(node, hanging)| {
            let bare = node.outcomes.map(|outcomes| went_wrong(outcomes).to_string());
            hanging
                .outcomes
                .as_ref()
                .is_some_and(|(text, _)| Some(text) == bare.as_ref())
        });
        if some_bare {
            hang(true)
        } else {
            in_words
        }
    };
    // Where a tag on top of a node goes: on its upper edge where it is no
    // wider than the node (above the dashed ring of the node a step points
    // at, where that touches no words, so the ring stays whole); else
    // hanging above its rings, or on its edge wider than the node, or
    // beside it, where that touches no words and no hanging tag and reads
    // as this node's; `None` where none is clear.
    let on_top = |index: usize, at: Point, text: &String| {
        let wide = measure(Font::Tag, text);
        let upper = upper_edge(insides[index]);
        // Clear of words, and read as this node's: nearer it than any other
        // on top of it, and plainly its own (see `clearly_own`) beside it.
        let clear = |edge: Edge| {
            let area = edge.tag_area(at, radius, wide + 2.0 * TAG_PADDING);
            let own = match edge {
                Edge::Right | Edge::Left => clearly_own(&area, index, positions),
                _ => !nearer_another(&area, index, positions),
            };
            // Clear of hanging tags by `TAG_APART` too.
            let apart = area.grown(TAG_APART);
            own && clear_of_words(edge, at, radius, wide, &placed, &others(index))
                && !hung.iter().any(|tag| tag.overlaps(&apart))
        };
        let pointed = ringed == Some(index);
        if fits_tag(text) {
            return Some(if pointed && clear(Edge::AbovePointer) {
                Edge::AbovePointer
            } else {
                upper
            });
        }
        [Edge::above_rings(pointed), upper, Edge::Right, Edge::Left]
            .into_iter()
            .find(|&edge| clear(edge))
    };
    // Where a tag on top of a node that has no clear spot goes: on its
    // upper edge or beside it, wherever it covers the least words and tags.
    let least_covering = |index: usize, at: Point, text: &String| {
        let wide = measure(Font::Tag, text) + 2.0 * TAG_PADDING;
        let upper = upper_edge(insides[index]);
        [upper, Edge::Right, Edge::Left]
            .into_iter()
            .filter_map(|edge| {
                let area = edge.tag_area(at, radius, wide);
                let tags: f64 = hung.iter().map(|tag| tag.shared(&area)).sum();
                Some((edge, words_covered(area, &placed, &others(index))? + tags))
            })
            .min_by(|a, b| a.1.total_cmp(&b.1))
            .map_or(upper, |(edge, _)| edge)
    };
    // Epochs are written in full where each has a clear spot; if one has
    // not, all are bare numbers on their nodes' edges, alike.
    let epochs_in_full = snapshot.nodes.iter().enumerate().all(|(index, node)| {
        let Some(Headline::Holds { epoch: Some(epoch), .. }) = node.headline else {
            return true;
        };
        let at = positions.get(index).copied();
        at.is_some_and(|at| on_top(index, at, &format!("epoch {epoch}")).is_some())
    });
    snapshot
        .nodes
        .iter()
        .zip(placed.iter().zip(positions))
        .enumerate()
        .map(|(index, (node, (spot, at)))| {
            let inside = insides[index];
            // A crashed node runs nothing, so nothing reads its clock.
            let reading = if node.status == Status::Crashed {
                "off".to_string()
            } else {
                clock_label(node.local_time)
            };
            // A headline with no room inside goes in the label.
            let outside = node.headline.filter(|_| !inside.headline);
            // The label's lines, and which of them shows the clock and
            // which the headline.
            let (label, clock, beside) = match *spot {
                None => (None, None, None),
                Some(Placed { wording, area }) => {
                    // A name inside its circle is not written again: its role is.
                    let short = if inside.name {
                        state_words(node, Inside::ROLE_BESIDE, newest)
                    } else if wording == Wording::Name {
                        node.name.clone()
                    } else {
                        name_and_status(node)
                    };
                    match (wording, outside) {
                        (Wording::Full, _) => (
                            Some((
                                area,
                                state_words_with(node, inside, newest, beside),
                                Some(format!("clock {reading}")),
                            )),
                            Some(reading),
                            outside.map(beside),
                        ),
                        (Wording::Short | Wording::Brief, Some(headline)) => {
                            let words = headline_reading(headline, wording);
                            (Some((area, short, Some(words.clone()))), None, Some(words))
                        }
                        (Wording::Short, None) => (
                            Some((area, short, Some(format!("clock {reading}")))),
                            Some(reading),
                            None,
                        ),
                        // A clock has no brief words: a node with no
                        // headline is never given them.
                        (Wording::Name, _) | (Wording::Brief, None) => (Some((area, short, None)), None, None),
                    }
                }
            };
            let inside_words = inside.name.then(|| {
                let headline = headline_inside(node, radius).and_then(|forms| {
                    forms
                        .into_iter()
                        .find(|text| measure(Font::HeadlineInside, text) <= headline_room)
                });
                (node.name.clone(), headline)
            });
            NodeWords {
                clock,
                headline: inside_words.as_ref().and_then(|(_, h)| h.clone()).or(beside),
                inside: inside_words,
                label,
                waiting: hanging.get(index).and_then(|h| h.waiting.clone()),
                votes: votes_tag(node, radius).filter(fits_tag).map(|votes| {
                    let wide = measure(Font::Tag, &votes) + 2.0 * TAG_PADDING;
                    let room = Others {
                        circles: &circles,
                        ..others(index)
                    };
                    let pointed = ringed == Some(index);
                    let edge = votes_edge(*at, radius, wide, &placed, &room, pointed, upper_edge(insides[index]));
                    (votes, edge)
                }),
                upper: upper_tag_words(node, fits_tag, epochs_in_full)
                    .or_else(|| skipped.contains(&node.id).then(|| SKIPPED.to_string()))
                    .map(|text| {
                        let edge = on_top(index, *at, &text).unwrap_or_else(|| least_covering(index, *at, &text));
                        (text, edge)
                    }),
                outcomes: hanging.get(index).and_then(|h| h.outcomes.clone()),
                countdown: node
                    .countdown
                    .filter(|_| node.status != Status::Crashed)
                    .map(|c| c.left(snapshot.time)),
            }
        })
        .collect()
}

/// A node's tags that hang under or above it: its queue and, for a client,
/// what went wrong.
struct Hanging {
    waiting: Option<(String, Edge)>,
    outcomes: Option<(String, Edge)>,
}

/// Write every node's words; returns the boxes the labels fill, for other
/// words to keep clear of.
pub fn paint_labels(
    ctx: &CanvasRenderingContext2d,
    words: &[NodeWords],
    positions: &[Point],
    palette: &Palette,
) -> Vec<Area> {
    ctx.set_text_align("center");
    ctx.set_text_baseline("middle");
    for (words, p) in words.iter().zip(positions) {
        if let Some((name, headline)) = &words.inside {
            // Centred in the circle, whatever the last label beside a node
            // was aligned to.
            ctx.set_text_align("center");
            ctx.set_fill_style_str(&palette.surface);
            ctx.set_font(NAME_INSIDE_FONT);
            match headline {
                Some(headline) => {
                    let _ = ctx.fill_text(name, p.x, p.y - NAME_RAISE);
                    ctx.set_font(TERM_INSIDE_FONT);
                    let _ = ctx.fill_text(headline, p.x, p.y + 10.0);
                }
                None => {
                    let _ = ctx.fill_text(name, p.x, p.y);
                }
            }
        }
        let Some((area, first, second)) = &words.label else {
            continue;
        };
        let at = anchor(area, *p);
        ctx.set_text_align(at.1);
        ctx.set_font(STATE_FONT);
        haloed(ctx, first, at, area.top + LINE / 2.0, &palette.ink, palette);
        if let Some(second) = second {
            ctx.set_font(CLOCK_FONT);
            haloed(
                ctx,
                second,
                at,
                second_line_y(area, *p, first.is_empty()),
                &palette.muted,
                palette,
            );
        }
    }
    ctx.set_text_align("center");
    words.iter().filter_map(|w| w.label.as_ref().map(|l| l.0)).collect()
}

/// Where a label's second line (its clock) is written: under the first,
/// or, when the first says nothing (a node whose name inside its circle is
/// its role), as close to its node at `p` as the label's box allows, so
/// the clock does not float a blank line away from it.
fn second_line_y(area: &Area, p: Point, first_empty: bool) -> f64 {
    if first_empty && area.top >= p.y {
        area.top + LINE / 2.0
    } else if first_empty && area.bottom > p.y {
        (area.top + area.bottom) / 2.0
    } else {
        area.top + 1.5 * LINE
    }
}

/// Words in `ink` on a patch of the canvas's own colour, so that a link, a
/// cut mark or a message passing under them does not break their letters.
/// `x` is where the words are anchored as `align` says.
fn haloed(ctx: &CanvasRenderingContext2d, text: &str, (x, align): (f64, &str), y: f64, ink: &str, palette: &Palette) {
    let wide = ctx.measure_text(text).map_or(0.0, |m| m.width());
    let left = match align {
        "right" => x - wide,
        "left" => x,
        _ => x - wide / 2.0,
    };
    ctx.set_fill_style_str(&palette.surface);
    ctx.fill_rect(left - 2.0, y - LINE / 2.0, wide + 4.0, LINE);
    ctx.set_fill_style_str(ink);
    let _ = ctx.fill_text(text, x, y);
}

/// Where a label's lines are written in its box, and how they align: hard
/// against the node's side when the box is beside it (a box is as wide as
/// the longest words the label may ever show, so shorter words centred in
/// it would drift away from their node), and the same when the box is above
/// or below but leans far to one side of it (pushed in by the canvas's edge,
/// or leaning to keep off a link); centred when it is above or below.
pub fn anchor(area: &Area, node: Point) -> (f64, &'static str) {
    let quarter = (area.right - area.left) / 4.0;
    if node.x > area.right - quarter {
        (area.right, "right")
    } else if node.x < area.left + quarter {
        (area.left, "left")
    } else {
        ((area.left + area.right) / 2.0, "center")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ui::painter::placement::{TAG_HIGH, TRUE_TIME};

    #[test]
    fn a_tag_on_top_of_a_name_raised_over_its_term_clears_the_name() {
        let raised = upper_edge(Inside {
            name: true,
            headline: true,
        });
        assert_eq!(raised, Edge::UpperRaised);
        for radius in [12.0, 16.0, 20.0, 30.0] {
            let bottom = raised.tag_top(0.0, radius) + TAG_HIGH;
            // A 16 px name's capitals reach about 7 px above its middle.
            assert!(
                bottom <= -NAME_RAISE - 7.0,
                "radius {radius}: the tag ends {bottom} px from the middle"
            );
        }
    }

    #[test]
    fn words_beside_a_node_are_written_against_its_side() {
        let node = Point { x: 100.0, y: 50.0 };
        let boxed = |left: f64, right: f64| Area {
            left,
            top: 40.0,
            right,
            bottom: 72.0,
        };
        assert_eq!(anchor(&boxed(-200.0, 70.0), node), (70.0, "right"));
        assert_eq!(anchor(&boxed(130.0, 400.0), node), (130.0, "left"));
        assert_eq!(anchor(&boxed(20.0, 180.0), node), (100.0, "center"));
        assert_eq!(
            anchor(&boxed(70.0, 400.0), node),
            (70.0, "left"),
            "a box below that leans right starts at the node"
        );
        assert_eq!(anchor(&boxed(-200.0, 130.0), node), (130.0, "right"));
    }

    const IN: Inside = Inside {
        name: true,
        headline: true,
    };
    const OUT: Inside = Inside {
        name: false,
        headline: false,
    };
    const NAME_ONLY: Inside = Inside {
        name: true,
        headline: false,
    };

    fn server(name: &str, role: &'static str, term: u64, votes: Option<u32>) -> NodeView {
        NodeView {
            headline: Some(Headline::Term { term, votes }),
            ..NodeView::sketch(0, name, role)
        }
    }

    #[test]
    fn a_leader_behind_a_newer_leader_is_an_old_leader() {
        let cut_off = [server("A", "candidate", 7, Some(2)), server("C", "leader", 3, None)];
        let newest = newest_term(&cut_off);
        assert_eq!(
            state_words(&cut_off[1], IN, newest),
            "leader",
            "candidates climbing terms on the small side do not depose the leader they cannot reach"
        );
        let nodes = [
            server("A", "candidate", 7, Some(2)),
            server("C", "leader", 3, None),
            server("D", "leader", 7, None),
        ];
        let newest = newest_term(&nodes);
        assert_eq!(state_words(&nodes[1], IN, newest), "old leader");
        assert_eq!(state_words(&nodes[1], OUT, newest), "C (old leader) · term 3");
        assert_eq!(state_words(&nodes[0], OUT, newest), "A (candidate) · term 7, 2 votes");
        assert_eq!(votes_tag(&nodes[0], 20.0).as_deref(), Some("2 votes"));
        assert_eq!(
            headline_inside(&nodes[0], 24.0),
            Some(vec!["term 7".to_string(), "7".to_string()])
        );
        assert!(width_inside(20.0, 16.0) < width_inside(30.0, 16.0));
        let current = server("D", "leader", 7, None);
        assert_eq!(state_words(&current, IN, newest), "leader");
    }

    #[test]
    fn a_client_is_tagged_with_what_went_wrong_and_a_crashed_leader_is_no_newer_one() {
        let all_well = Outcomes::default();
        assert_eq!(outcomes_tag(all_well), None);
        let troubled = Outcomes {
            errors: 1,
            gave_up: 3,
            stale_reads: 2,
            ..all_well
        };
        assert_eq!(
            outcomes_tag(troubled).as_deref(),
            Some("1 error, 3 gave up, 2 stale reads")
        );
        let refused = Outcomes { refused: 4, ..all_well };
        assert_eq!(outcomes_tag(refused).as_deref(), Some("4 refused"));
        let mut nodes = [server("C", "leader", 3, None), server("D", "leader", 7, None)];
        nodes[1].status = Status::Crashed;
        assert_eq!(
            state_words(&nodes[0], IN, newest_term(&nodes)),
            "leader",
            "a crashed leader's term, shown from its disk, does not make the live one old"
        );
    }

    #[test]
    fn a_tag_on_the_node_a_step_points_at_sits_above_its_dashed_ring_where_there_is_room() {
        let mut saver = NodeView::sketch(0, "server", "server");
        saver.headline = Some(Headline::Balance {
            value: 120,
            repeats: Some(Repeats {
                twice: 1,
                keys_kept: None,
            }),
        });
        let snapshot = Snapshot {
            time: 0,
            nodes: vec![saver],
            messages: Vec::new(),
            cut_links: Vec::new(),
            sides: vec![0],
        };
        let (at, radius, size) = ([Point { x: 300.0, y: 150.0 }], 34.0, (600.0, 300.0));
        let measure = |_: Font, text: &str| text.chars().count() as f64 * 6.0;
        let edge = |ringed: Option<usize>| {
            let words = node_words(&snapshot, &at, radius, size, measure, ringed, KeepOff::default());
            words[0].upper.as_ref().map(|(_, edge)| *edge)
        };
        assert_eq!(edge(None), Some(Edge::Upper));
        assert_eq!(
            edge(Some(0)),
            Some(Edge::AbovePointer),
            "the tag covers the dashed ring"
        );
        let cramped = (600.0, 2.0 * (radius + 12.0));
        let at_top = [Point {
            x: 300.0,
            y: radius + 12.0,
        }];
        let words = node_words(
            &snapshot,
            &at_top,
            radius,
            cramped,
            measure,
            Some(0),
            KeepOff::default(),
        );
        assert_eq!(
            words[0].upper.as_ref().map(|(_, edge)| *edge),
            Some(Edge::Upper),
            "with no room above the ring, the tag stays on the node's edge"
        );
    }

    #[test]
    fn a_tag_hangs_under_a_node_only_where_it_touches_no_words_and_no_other_node() {
        let (at, radius) = (Point { x: 100.0, y: 100.0 }, 10.0);
        let circles = [Area::around(at, radius)];
        let alone = Others {
            size: (300.0, 300.0),
            circles: &circles,
            own: 0,
            readouts: &[],
        };
        assert!(
            clear_of_words(Edge::Under, at, radius, 50.0, &[], &alone),
            "its own circle is no obstacle"
        );
        let words_below = Placed {
            wording: Wording::Name,
            area: Area {
                left: 80.0,
                top: 120.0,
                right: 120.0,
                bottom: 136.0,
            },
        };
        assert!(!clear_of_words(
            Edge::Under,
            at,
            radius,
            50.0,
            &[Some(words_below)],
            &alone
        ));
        let neighbour = [circles[0], Area::around(Point { x: 100.0, y: 140.0 }, radius)];
        let crowded = Others {
            circles: &neighbour,
            ..alone
        };
        assert!(!clear_of_words(Edge::Under, at, radius, 50.0, &[], &crowded));
        let edge = Others {
            size: (300.0, 125.0),
            ..alone
        };
        assert!(
            !clear_of_words(Edge::Under, at, radius, 50.0, &[], &edge),
            "off the canvas's bottom"
        );
        let true_time = [TRUE_TIME];
        let high = Point { x: 100.0, y: 50.0 };
        let under_the_time = Others {
            readouts: &true_time,
            ..alone
        };
        assert!(clear_of_words(Edge::AboveRing, high, radius, 50.0, &[], &alone));
        assert!(
            !clear_of_words(Edge::AboveRing, high, radius, 50.0, &[], &under_the_time),
            "on the true time"
        );
    }

    /// What a tag on node 0 keeps off on a 400 x 300 canvas.
    fn room<'a>(circles: &'a [Area], readouts: &'a [Area]) -> Others<'a> {
        Others {
            size: (400.0, 300.0),
            circles,
            own: 0,
            readouts,
        }
    }

    #[test]
    fn votes_go_above_the_ring_unless_words_a_node_or_a_readout_are_there() {
        let (at, radius, wide) = (Point { x: 100.0, y: 100.0 }, 20.0, 40.0);
        let alone = [Area::around(at, radius)];
        assert_eq!(
            votes_edge(at, radius, wide, &[], &room(&alone, &[]), false, Edge::Upper),
            Edge::AboveRing
        );
        assert_eq!(
            votes_edge(at, radius, wide, &[], &room(&alone, &[]), true, Edge::Upper),
            Edge::AbovePointer
        );
        let words_above = Placed {
            wording: Wording::Full,
            area: Area {
                left: 60.0,
                top: 40.0,
                right: 140.0,
                bottom: 72.0,
            },
        };
        assert_eq!(
            votes_edge(
                at,
                radius,
                wide,
                &[Some(words_above)],
                &room(&[], &[]),
                false,
                Edge::Upper
            ),
            Edge::Upper
        );
        let node_above = [Area::around(Point { x: 110.0, y: 50.0 }, radius)];
        assert_eq!(
            votes_edge(at, radius, wide, &[None], &room(&node_above, &[]), false, Edge::Upper),
            Edge::Upper
        );
        let at_the_top = Point { x: 100.0, y: 30.0 };
        assert_eq!(
            votes_edge(at_the_top, radius, wide, &[], &room(&[], &[]), false, Edge::Upper),
            Edge::Upper
        );
        // The true time across the top of the canvas, over the node's upper
        // edge: the votes go under the node.
        const TRUE_TIME: [Area; 1] = [Area {
            left: 0.0,
            top: 0.0,
            right: 200.0,
            bottom: 20.0,
        }];
        assert_eq!(
            votes_edge(
                at_the_top,
                radius,
                wide,
                &[],
                &room(&[], &TRUE_TIME),
                false,
                Edge::Upper
            ),
            Edge::Under,
            "off the true time"
        );
    }

    #[test]
    fn a_clock_alone_in_its_label_sits_next_to_its_node() {
        let p = Point { x: 100.0, y: 100.0 };
        let box_at = |top: f64| Area {
            left: 60.0,
            top,
            right: 140.0,
            bottom: top + 2.0 * LINE,
        };
        let (below, above, beside) = (box_at(125.0), box_at(43.0), box_at(84.0));
        assert_eq!(second_line_y(&below, p, true), below.top + LINE / 2.0);
        assert_eq!(second_line_y(&above, p, true), above.top + 1.5 * LINE);
        assert_eq!(second_line_y(&beside, p, true), p.y);
        assert_eq!(second_line_y(&below, p, false), below.top + 1.5 * LINE);
    }

    #[test]
    fn a_headline_beside_a_node_named_for_its_role_stands_alone() {
        let server = NodeView {
            headline: Some(Headline::Balance {
                value: 10,
                repeats: None,
            }),
            ..NodeView::sketch(0, "server", "server")
        };
        assert_eq!(state_words(&server, NAME_ONLY, 0), "balance 10");
        assert_eq!(state_words(&server, OUT, 0), "server · balance 10");
    }

    #[test]
    fn the_room_kept_fits_every_state_a_node_can_take() {
        for (role, votes) in [("follower", None), ("candidate", Some(5)), ("leader", None)] {
            let node = server("B", role, 12, votes);
            for inside in [IN, OUT, NAME_ONLY] {
                let widest = widest_state(&node, inside).chars().count();
                assert!(
                    state_words(&node, inside, 99).chars().count() <= widest,
                    "{role} {inside:?}"
                );
            }
        }
    }
}
