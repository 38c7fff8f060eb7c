//! Native tests: on the canvases students really see, every node of every
//! lesson is named, and no words sit on a node, on other words or off the
//! canvas.

use super::*;
use crate::lessons::LESSONS;
use crate::sim::seconds;
use crate::ui::layout::Layout;
use crate::ui::painter::labels::{node_widths, placements, Font};
use crate::ui::painter::readouts;

/// Canvas sizes measured in Chromium: a phone (390x844 and 360x640), a
/// laptop (1366x768), a small laptop (1024x768), a 640x400 embed and a
/// large screen.
const CANVASES: [(f64, f64); 6] = [
    (366.0, 228.0),
    (336.0, 224.0),
    (730.0, 282.0),
    (388.0, 282.0),
    (396.0, 193.0),
    (1284.0, 650.0),
];

/// Only the true time to keep off.
const TIME_ONLY: KeepOff<'static> = KeepOff {
    readouts: &[TRUE_TIME],
    links: &[],
};

/// Widths of a node's words, for a node with no tags.
fn untagged(state: f64, clock: f64, name: f64, reading: f64) -> Widths {
    Widths {
        state,
        clock,
        name,
        short: name,
        reading,
        brief: Some(reading),
        tag_above: 0.0,
        tag_on_top: 0.0,
        tag_below: 0.0,
        tag_lower: None,
        brief_drops_facts: true,
    }
}

/// Text widths judged generously from their length: 13 px bold words and
/// 12 px monospace clocks.
fn words(text: &str) -> f64 {
    text.chars().count() as f64 * 7.8
}

/// Text widths in each font, judged the same way: 11 px bold tags at
/// 6.6 px a character.
fn measure(font: Font, text: &str) -> f64 {
    match font {
        Font::Clock => text.chars().count() as f64 * 7.3,
        Font::Tag => text.chars().count() as f64 * 6.6,
        Font::State | Font::HeadlineInside => words(text),
    }
}

#[test]
fn every_node_of_every_lesson_is_named_and_no_words_overlap() {
    for lesson in LESSONS {
        for step in 0..lesson.steps.len() {
            let Some(scenario) = lesson.scenario_for(step) else {
                continue;
            };
            let Ok(run) = scenario.build() else {
                panic!("{} step {} does not build", lesson.slug, step + 1)
            };
            let nodes = run.snapshot().nodes;
            let layout = Layout::plan(&nodes);
            for size in CANVASES {
                let positions = layout.positions(size.0, size.1);
                let radius = layout.radius(size.0, size.1);
                let ringed = lesson.steps[step]
                    .point_at
                    .and_then(|name| nodes.iter().position(|n| n.name == name));
                let readouts = readouts(layout.map_frame(size.0, size.1).as_ref(), size);
                let keep_off = KeepOff {
                    readouts: &readouts,
                    links: &layout.links,
                };
                let placed = placements(&nodes, &positions, radius, size, measure, ringed, keep_off);
                let at = format!("{} step {} on {size:?}", lesson.slug, step + 1);
                let named: Vec<&Placed> = placed.iter().flatten().collect();
                assert_eq!(named.len(), nodes.len(), "{at}: a node has no words: {placed:?}");
                let circles: Vec<Area> = positions.iter().map(|&p| Area::around(p, radius)).collect();
                // A client's tag below it and a tag on a node's upper edge,
                // as wide as the room each keeps.
                let widths = node_widths(&nodes, radius, measure);
                let tags: Vec<Area> = widths
                    .iter()
                    .zip(&positions)
                    .flat_map(|(w, &p)| {
                        let under = (w.tag_below > 0.0).then(|| Edge::Under.tag_area(p, radius, w.tag_below));
                        let on_top = (w.tag_on_top > 0.0).then(|| Edge::Upper.tag_area(p, radius, w.tag_on_top));
                        under.into_iter().chain(on_top)
                    })
                    .collect();
                for (i, a) in named.iter().enumerate() {
                    assert!(a.area.inside(size.0, size.1), "{at}: off the canvas: {a:?}");
                    assert!(circles.iter().all(|c| !c.overlaps(&a.area)), "{at}: on a node: {a:?}");
                    // Tags give their room up only when keeping it leaves a node
                    // unnamed or with its name alone.
                    let on_tag = tags.iter().any(|t| t.overlaps(&a.area));
                    let kept =
                        || place_with_widths(&Room::new(&positions, radius, size, keep_off, 0.0), &widths, ringed);
                    assert!(
                        !on_tag || kept().iter().any(|p| p.is_none_or(|p| p.wording == Wording::Name)),
                        "{at}: on a tag: {a:?}"
                    );
                    assert!(
                        readouts.iter().all(|r| !r.overlaps(&a.area)),
                        "{at}: on the true time or the map's scale: {a:?}"
                    );
                    for b in &named[i + 1..] {
                        assert!(!a.area.overlaps(&b.area), "{at}: {a:?} on {b:?}");
                    }
                }
            }
        }
    }
}

#[test]
fn in_the_first_lessons_words_that_carry_no_facts_read_as_their_node_s_and_no_link_strikes_them() {
    // On the phone and laptop canvases, with the links each step's run
    // really uses: fuller words that add only "clock" are not worth words
    // that sit in the gap between two nodes or on a line. (In busier
    // pictures, such as a load balancer's, every spot may be on a line or
    // between two nodes.)
    let mut misplaced = Vec::new();
    let first = ["one-machine", "clocks", "lost-replies"];
    for lesson in LESSONS.iter().filter(|l| first.contains(&l.slug)) {
        for step in 0..lesson.steps.len() {
            let Some(Ok(run)) = lesson.scenario_for(step).map(|s| s.build()) else {
                continue;
            };
            let nodes = run.snapshot().nodes;
            let layout = Layout::plan(&nodes).with_links(&run.talkers(seconds(10), 10_000));
            for size in [CANVASES[0], CANVASES[2]] {
                let positions = layout.positions(size.0, size.1);
                let radius = layout.radius(size.0, size.1);
                let ringed = lesson.steps[step]
                    .point_at
                    .and_then(|name| nodes.iter().position(|n| n.name == name));
                let readouts = readouts(layout.map_frame(size.0, size.1).as_ref(), size);
                let keep_off = KeepOff {
                    readouts: &readouts,
                    links: &layout.links,
                };
                let placed = placements(&nodes, &positions, radius, size, measure, ringed, keep_off);
                let widths = node_widths(&nodes, radius, measure);
                for (i, (placed, w)) in placed.iter().zip(&widths).enumerate() {
                    let Some(placed) = placed.filter(|_| !w.brief_drops_facts) else {
                        continue;
                    };
                    let struck = layout
                        .links
                        .iter()
                        .any(|&(a, b)| placed.area.crossed_by(positions[a], positions[b]));
                    if !clearly_own(&placed.area, i, &positions) || struck {
                        misplaced.push(format!(
                            "{} step {} on {size:?}: {}",
                            lesson.slug,
                            step + 1,
                            nodes[i].name
                        ));
                    }
                }
            }
        }
    }
    assert!(
        misplaced.is_empty(),
        "words read as another's or struck by a link: {misplaced:#?}"
    );
}

#[test]
fn a_replica_keeps_its_version_in_a_clean_spot_over_fuller_words_on_a_line() {
    // Lesson 7's first step on a laptop: R1 sits right of the link from R0
    // down to R2, with too little room on its right for its full words.
    // Full words on its left sat on that link, between R0 and R2; its
    // short words, which keep its version, fit on its right.
    let (r0, r1, r2) = (
        Point { x: 300.0, y: 60.0 },
        Point { x: 360.0, y: 140.0 },
        Point { x: 300.0, y: 220.0 },
    );
    let widths = untagged(200.0, 100.0, 50.0, 80.0);
    let positions = [r0, r1, r2];
    let keep_off = KeepOff {
        readouts: &[TRUE_TIME],
        links: &[(0, 2)],
    };
    let placed = place_labels(&positions, 20.0, (480.0, 280.0), &[widths; 3], None, keep_off);
    let Some(r1_words) = placed[1] else {
        panic!("R1 has no words: {placed:?}")
    };
    assert_eq!(r1_words.wording, Wording::Short, "{r1_words:?}");
    assert!(
        !r1_words.area.crossed_by(r0, r2),
        "the link runs through R1's words: {r1_words:?}"
    );
    assert!(clearly_own(&r1_words.area, 1, &positions), "{r1_words:?}");
}

#[test]
fn a_node_with_no_neighbours_gets_its_full_words_below_it() {
    let p = Point { x: 200.0, y: 100.0 };
    let widths = untagged(80.0, 100.0, 50.0, 60.0);
    let placed = place_labels(&[p], 20.0, (400.0, 300.0), &[widths], None, TIME_ONLY);
    let Some(Placed { wording, area }) = placed[0] else {
        panic!("no words for a lone node")
    };
    assert_eq!(wording, Wording::Full);
    assert!(
        area.top > p.y + 20.0 && (area.left + area.right) / 2.0 == p.x,
        "{area:?}"
    );
}

#[test]
fn words_take_a_spot_no_link_runs_through() {
    // A link runs straight down from A to B: words below A would be struck
    // through, so they go above; without the link, below as ever.
    let a = Point { x: 200.0, y: 120.0 };
    let b = Point { x: 200.0, y: 280.0 };
    let widths = untagged(80.0, 100.0, 50.0, 60.0);
    let top_of_a = |keep_off| {
        let placed = place_labels(&[a, b], 20.0, (400.0, 400.0), &[widths; 2], None, keep_off);
        placed[0].map(|p| p.area)
    };
    let Some(unlinked) = top_of_a(TIME_ONLY) else {
        panic!("A has no words")
    };
    assert!(unlinked.top > a.y, "below A: {unlinked:?}");
    let linked = KeepOff {
        readouts: &[TRUE_TIME],
        links: &[(0, 1)],
    };
    let Some(clear) = top_of_a(linked) else {
        panic!("A has no words")
    };
    assert!(!clear.crossed_by(a, b), "the link runs through A's words: {clear:?}");
}

#[test]
fn a_line_crosses_a_box_only_where_it_runs_through_it() {
    let area = Area {
        left: 10.0,
        top: 10.0,
        right: 20.0,
        bottom: 20.0,
    };
    let p = |x, y| Point { x, y };
    assert!(area.crossed_by(p(0.0, 15.0), p(30.0, 15.0)), "straight across");
    assert!(area.crossed_by(p(12.0, 12.0), p(100.0, 100.0)), "from inside");
    assert!(area.crossed_by(p(0.0, 0.0), p(30.0, 30.0)), "corner to corner");
    assert!(!area.crossed_by(p(0.0, 0.0), p(5.0, 30.0)), "beside it");
    assert!(!area.crossed_by(p(0.0, 0.0), p(8.0, 8.0)), "stopping short");
    assert!(!area.crossed_by(p(0.0, 25.0), p(30.0, 25.0)), "level, below it");
}

#[test]
fn crowded_nodes_get_shorter_words_or_none_but_never_overlapping_ones() {
    // Twelve nodes in a tight row: not every full label fits.
    let positions: Vec<Point> = (0..12)
        .map(|i| Point {
            x: 30.0 + 28.0 * f64::from(i),
            y: 100.0,
        })
        .collect();
    let widths = Widths {
        state: 90.0,
        clock: 110.0,
        name: 40.0,
        short: 40.0,
        reading: 70.0,
        brief: Some(70.0),
        tag_above: 0.0,
        tag_on_top: 0.0,
        tag_below: 0.0,
        tag_lower: None,
        brief_drops_facts: true,
    };
    let placed = place_labels(&positions, 10.0, (380.0, 200.0), &[widths; 12], Some(3), TIME_ONLY);
    assert!(placed.iter().any(|p| p.is_none_or(|p| p.wording != Wording::Full)));
    let areas: Vec<Area> = placed.iter().flatten().map(|p| p.area).collect();
    for (i, a) in areas.iter().enumerate() {
        assert!(areas[i + 1..].iter().all(|b| !a.overlaps(b)));
    }
}

#[test]
fn a_pointed_at_node_s_words_keep_clear_of_its_ring_when_others_cannot() {
    // The left node's words fit nowhere clear of the right node's ring, so
    // they may cross it; the right node's own words still keep off it.
    let (left, right) = (Point { x: 40.0, y: 100.0 }, Point { x: 90.0, y: 100.0 });
    let widths = Widths {
        state: 60.0,
        clock: 60.0,
        name: 60.0,
        short: 60.0,
        reading: 60.0,
        brief: Some(60.0),
        tag_above: 0.0,
        tag_on_top: 0.0,
        tag_below: 0.0,
        tag_lower: None,
        brief_drops_facts: true,
    };
    let placed = place_labels(
        &[left, right],
        20.0,
        (400.0, 200.0),
        &[widths, widths],
        Some(1),
        TIME_ONLY,
    );
    assert!(placed.iter().all(Option::is_some), "{placed:?}");
    let ring = Area::around(right, 20.0 + RING);
    let own = placed[1].map(|p| p.area);
    assert!(own.is_some_and(|own| !ring.overlaps(&own)), "{own:?}");
}

#[test]
fn a_tag_above_the_timer_ring_leaves_the_ring_whole() {
    let (y, radius) = (100.0, 20.0);
    let tag_bottom = Edge::AboveRing.tag_top(y, radius) + TAG_HIGH;
    let ring_top = y - radius - TIMER_RING - TIMER_LINE / 2.0;
    assert!(
        tag_bottom < ring_top,
        "the tag ends at {tag_bottom}, the ring starts at {ring_top}"
    );
}

#[test]
fn a_tag_above_the_pointer_ring_leaves_it_whole() {
    let (y, radius) = (100.0, 20.0);
    let tag_bottom = Edge::AbovePointer.tag_top(y, radius) + TAG_HIGH;
    let ring_top = y - radius - POINTER_RING - POINTER_LINE / 2.0;
    assert!(
        tag_bottom < ring_top,
        "the tag ends at {tag_bottom}, the ring starts at {ring_top}"
    );
}

#[test]
fn words_above_a_node_keep_clear_of_the_tag_on_its_upper_edge() {
    // Squeezed between the canvas's sides and bottom, the label can only go above.
    let (p, radius) = (Point { x: 40.0, y: 120.0 }, 20.0);
    let widths = Widths {
        state: 70.0,
        clock: 70.0,
        name: 70.0,
        short: 70.0,
        reading: 70.0,
        brief: Some(70.0),
        tag_above: Edge::Upper.reach_above(radius),
        tag_on_top: 0.0,
        tag_below: 0.0,
        tag_lower: None,
        brief_drops_facts: true,
    };
    let placed = place_labels(&[p], radius, (80.0, 150.0), &[widths], None, TIME_ONLY);
    let Some(Placed { area, .. }) = placed[0] else {
        panic!("no words for the node")
    };
    assert!(area.bottom < Edge::Upper.tag_top(p.y, radius), "{area:?}");
}

#[test]
fn words_between_two_stacked_nodes_go_beside_their_own_instead() {
    // Lesson 1's last step: client B sits under client A with little room
    // between. Words above B would sit nearer A and read as A's.
    let (a, b) = (Point { x: 200.0, y: 100.0 }, Point { x: 200.0, y: 210.0 });
    let radius = 34.0;
    let widths = Widths {
        state: 70.0,
        clock: 90.0,
        name: 60.0,
        short: 60.0,
        reading: 70.0,
        brief: Some(70.0),
        tag_above: 0.0,
        tag_on_top: 0.0,
        tag_below: 0.0,
        tag_lower: None,
        brief_drops_facts: true,
    };
    // A third node just under B leaves no room below it.
    let c = Point { x: 200.0, y: 316.0 };
    let placed = place_labels(&[a, b, c], radius, (600.0, 400.0), &[widths; 3], None, TIME_ONLY);
    let Some(Placed { area, .. }) = placed[1] else {
        panic!("B has no words: {placed:?}")
    };
    assert!(
        area.distance_to(b) < area.distance_to(a) && area.distance_to(b) < area.distance_to(c),
        "B's words {area:?} read as another node's"
    );
}

#[test]
fn shorter_words_all_round_win_over_full_words_that_leave_a_node_its_name_alone() {
    // Two nodes side by side near the top left: A's full words, placed
    // first, leave B room for its name only; short words let both say more.
    let widths = untagged(120.0, 100.0, 50.0, 60.0);
    let nodes = [Point { x: 20.0, y: 40.0 }, Point { x: 60.0, y: 40.0 }];
    let size = (220.0, 150.0);
    let greedy = place_up_to(
        Wording::Full,
        &Room::new(&nodes, 10.0, size, KeepOff::default(), 0.0),
        &[widths; 2],
        None,
    );
    assert_eq!(fullness(&greedy), (2, 1), "the case this guards against");
    let placed = place_labels(&nodes, 10.0, size, &[widths; 2], None, KeepOff::default());
    assert_eq!(fullness(&placed), (2, 2), "{placed:?}");
}

#[test]
fn a_tag_on_a_small_circle_s_edge_leaves_the_name_inside_uncovered() {
    let at = Point { x: 100.0, y: 100.0 };
    let name = Area {
        left: at.x - 10.0,
        top: at.y - NAME_HALF,
        right: at.x + 10.0,
        bottom: at.y + NAME_HALF,
    };
    for radius in [8.0, 12.0, 16.0, 25.0] {
        for edge in [Edge::Upper, Edge::Lower] {
            let tag = edge.tag_area(at, radius, 20.0);
            assert!(
                !tag.overlaps(&name),
                "{edge:?} tag on a circle of radius {radius} covers the name"
            );
        }
    }
}

#[test]
fn a_cut_link_s_cross_moves_along_it_off_words_that_cover_its_middle() {
    let (a, b) = (Point { x: 100.0, y: 50.0 }, Point { x: 100.0, y: 250.0 });
    let middle = Point { x: 100.0, y: 150.0 };
    assert_eq!(cross_spot(a, b, &[]), middle);
    let words = Area {
        left: 20.0,
        top: 134.0,
        right: 230.0,
        bottom: 166.0,
    };
    let spot = cross_spot(a, b, &[words]);
    let cross = Area {
        left: spot.x - CROSS_HALF,
        top: spot.y - CROSS_HALF,
        right: spot.x + CROSS_HALF,
        bottom: spot.y + CROSS_HALF,
    };
    assert!(!cross.overlaps(&words), "{spot:?}");
    assert!(
        (spot.y - middle.y).abs() <= 0.2 * (b.y - a.y),
        "{spot:?} strays from the middle"
    );
}

#[test]
fn two_nodes_words_side_by_side_keep_apart_where_there_is_room() {
    // Three nodes in a row, as lesson 1's client, web server and database
    // on a phone: the words under each fill the gap between the nodes, so
    // under the middle and the right one they would all but touch and read
    // as one line ("web server database crashed").
    let nodes = [
        Point { x: 40.0, y: 110.0 },
        Point { x: 170.0, y: 110.0 },
        Point { x: 300.0, y: 110.0 },
    ];
    let size = (340.0, 220.0);
    let widths = [
        untagged(60.0, 40.0, 60.0, 40.0),
        untagged(124.0, 40.0, 124.0, 40.0),
        untagged(124.0, 40.0, 124.0, 40.0),
    ];
    let placed = place_labels(&nodes, 20.0, size, &widths, None, KeepOff::default());
    assert_eq!(fullness(&placed), (3, 3), "{placed:?}");
    let areas: Vec<Area> = placed.iter().flatten().map(|p| p.area).collect();
    for (i, a) in areas.iter().enumerate() {
        for b in &areas[i + 1..] {
            let side_by_side = a.top < b.bottom && b.top < a.bottom;
            let gap = (b.left - a.right).max(a.left - b.right);
            assert!(
                !side_by_side || gap >= WORDS_APART,
                "{a:?} and {b:?} are {gap} px apart"
            );
        }
    }
}
