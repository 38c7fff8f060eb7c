//! Native tests of the layouts and the hit tests.

use super::*;

fn node(index: u32, role: &'static str, place: Place) -> NodeView {
    NodeView {
        place,
        ..NodeView::sketch(index, &format!("n{index}"), role)
    }
}

fn cluster(roles: &[&'static str]) -> Vec<NodeView> {
    roles
        .iter()
        .enumerate()
        .map(|(i, role)| node(i as u32, role, Place::default()))
        .collect()
}

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
fn peers_are_drawn_on_the_same_ring_as_before() {
    let layout = Layout::plan(&cluster(&["follower"; 5]));
    assert_eq!(layout.shape, Shape::Ring { nodes: 5 });
    assert_eq!(layout.positions(800.0, 600.0), ring_layout(5, 800.0, 600.0));
    assert_eq!(layout.radius(800.0, 600.0), node_radius(800.0, 600.0, 5));
    assert_eq!(layout.links.len(), 10, "every pair of peers is linked");
}

#[test]
fn a_crowded_ring_keeps_its_nodes_apart() {
    let points = ring_layout(200, 800.0, 600.0);
    let radius = node_radius(800.0, 600.0, 200);
    let gap = ((points[0].x - points[1].x).powi(2) + (points[0].y - points[1].y).powi(2)).sqrt();
    assert!(2.0 * radius < gap, "{radius} against a gap of {gap}");
}

#[test]
fn a_lone_node_sits_in_the_centre() {
    let layout = Layout::plan(&cluster(&["process"]));
    assert_eq!(layout.positions(800.0, 600.0), vec![Point { x: 400.0, y: 300.0 }]);
}

#[test]
fn clients_are_left_of_the_balancer_left_of_the_servers() {
    let layout = Layout::plan(&cluster(&[
        "client",
        "client",
        "load balancer",
        "server",
        "server",
        "server",
    ]));
    let at = layout.positions(900.0, 600.0);
    assert!(matches!(layout.shape, Shape::Tiers { columns: 3, .. }));
    assert!(at[0].x < at[2].x && at[2].x < at[3].x);
    assert_eq!(at[0].x, at[1].x, "clients share a column");
    assert!(at[0].y < at[1].y, "in id order, top to bottom");
    assert_eq!(at[3].x, at[5].x);
    assert!(at.iter().all(|p| p.x > 0.0 && p.x < 900.0 && p.y > 0.0 && p.y < 600.0));
    assert!(!layout.links.contains(&(0, 1)), "clients never talk to each other");
    assert!(layout.links.contains(&(0, 2)) && layout.links.contains(&(3, 4)));
}

#[test]
fn the_wordpress_site_reads_from_visitors_to_the_database() {
    let roles = [
        "client",
        "client",
        "client",
        "load balancer",
        "web server",
        "web server",
        "web server",
        "cache",
        "database",
        "database",
    ];
    let layout = Layout::plan(&cluster(&roles));
    let at = layout.positions(1000.0, 600.0);
    let xs: Vec<f64> = [0, 3, 4, 7, 8].iter().map(|&i| at[i].x).collect();
    assert!(xs.windows(2).all(|w| w[0] < w[1]), "columns left to right: {xs:?}");
}

#[test]
fn a_backup_becoming_primary_does_not_move() {
    let before = Layout::plan(&cluster(&["client", "primary", "backup", "backup"]));
    let after = Layout::plan(&cluster(&["client", "backup", "primary", "backup"]));
    assert_eq!(before.positions(800.0, 500.0), after.positions(800.0, 500.0));
}

#[test]
fn the_map_keeps_distance_as_distance() {
    let places = [
        Place::new(300, 400),
        Place::new(16_300, 900),
        Place::new(0, 0),
        Place::new(16_000, 500),
    ];
    let nodes: Vec<NodeView> = places
        .iter()
        .enumerate()
        .map(|(i, &p)| node(i as u32, if i < 2 { "client" } else { "server" }, p))
        .collect();
    let layout = Layout::plan(&nodes);
    assert!(matches!(layout.shape, Shape::Map { .. }), "places win over tiers");
    let frame = layout.map_frame(900.0, 500.0).expect("a map has a frame");
    let projected: Vec<Point> = places.iter().map(|&p| frame.project(p)).collect();
    let on_map = |a: usize, b: usize| (projected[a].x - projected[b].x).hypot(projected[a].y - projected[b].y);
    let km = |a: usize, b: usize| places[a].distance_km(places[b]) as f64;
    let scale = on_map(2, 3) / km(2, 3);
    assert!(
        (on_map(0, 2) / km(0, 2) - scale).abs() < scale * 0.01,
        "one scale both ways"
    );
    let at = layout.positions(900.0, 500.0);
    let px = |a: usize, b: usize| ((at[a].x - at[b].x).powi(2) + (at[a].y - at[b].y).powi(2)).sqrt();
    assert!(
        (px(1, 2) / km(1, 2) - scale).abs() < scale * 0.04,
        "a nudge apart barely bends the map"
    );
    assert!(at[2].x < at[3].x, "Europe is west of Australia");
    assert!(at.iter().all(|p| p.x > 0.0 && p.x < 900.0 && p.y > 0.0 && p.y < 500.0));
    let radius = layout.radius(900.0, 500.0);
    assert!(
        px(0, 2) - 2.0 * radius >= 20.0,
        "the link between two nodes in one city shows between their circles"
    );
    let (columns, _) = frame.grid(900.0, 500.0);
    assert!((2..=13).contains(&columns.len()), "a few grid lines: {}", columns.len());
    // On a phone the client and the server in one city would touch: they
    // are nudged apart until each circle stands alone.
    let at = layout.positions(366.0, 228.0);
    let radius = layout.radius(366.0, 228.0);
    for a in 0..at.len() {
        for b in a + 1..at.len() {
            let apart = (at[a].x - at[b].x).hypot(at[a].y - at[b].y);
            assert!(apart >= map::MIN_APART - 1e-6, "nodes {a} and {b} are {apart} px apart");
            assert!(apart > 2.0 * radius, "nodes {a} and {b} overlap");
        }
    }
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
    let links = [(0, 1), (0, 2), (1, 2)];
    let hit = |x, y| link_hit(&points, &links, 10.0, Point { x, y }, 6.0);
    assert_eq!(hit(30.0, 3.0), Some((0, 1, true)));
    assert_eq!(hit(80.0, -2.0), Some((0, 1, false)));
    assert_eq!(hit(52.0, 48.0), Some((1, 2, true)));
    assert_eq!(hit(2.0, 1.0), None, "that is node 0");
    assert_eq!(hit(60.0, 30.0), None, "nothing there");
    assert_eq!(
        link_hit(&points, &[(0, 2)], 10.0, Point { x: 30.0, y: 3.0 }, 6.0),
        None,
        "a link not drawn cannot be clicked"
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

#[test]
fn tiers_draw_the_links_used_and_peers_keep_them_all() {
    let tiers = Layout::plan(&cluster(&["client", "load balancer", "server"])).with_links(&[(0, 1), (1, 2), (2, 9)]);
    assert_eq!(
        tiers.links,
        vec![(0, 1), (1, 2)],
        "only links between nodes that exist and talk"
    );
    let ring = Layout::plan(&cluster(&["follower"; 4])).with_links(&[(0, 1)]);
    assert_eq!(ring.links.len(), 6, "any peer may talk to any other");
}

#[test]
fn on_a_phone_a_map_keeps_every_node_and_its_marking_ring_inside() {
    // Two continents, two nodes in each city: the nudge apart pushes one
    // of each pair towards the side.
    let places = [
        Place::new(0, 0),
        Place::new(20, 10),
        Place::new(16_000, 500),
        Place::new(16_010, 520),
    ];
    let nodes: Vec<NodeView> = places
        .iter()
        .enumerate()
        .map(|(i, &p)| node(i as u32, "server", p))
        .collect();
    let layout = Layout::plan(&nodes);
    for (width, height) in [(340.0, 300.0), (900.0, 500.0)] {
        let ring = layout.radius(width, height) + crate::ui::painter::placement::RING + 2.0 + 1.5;
        for p in layout.positions(width, height) {
            assert!(
                p.x - ring >= 0.0 && p.x + ring <= width,
                "{width}: x {} with a {ring} px ring",
                p.x
            );
            assert!(
                p.y - ring >= 0.0 && p.y + ring <= height,
                "{width}: y {} with a {ring} px ring",
                p.y
            );
        }
    }
}

/// How far `p` is from the segment from `a` to `b`.
fn distance_to_segment(p: Point, a: Point, b: Point) -> f64 {
    let (dx, dy) = (b.x - a.x, b.y - a.y);
    let length2 = dx * dx + dy * dy;
    let t = if length2 == 0.0 {
        0.0
    } else {
        (((p.x - a.x) * dx + (p.y - a.y) * dy) / length2).clamp(0.0, 1.0)
    };
    (p.x - (a.x + t * dx)).hypot(p.y - (a.y + t * dy))
}

#[test]
fn no_drawn_link_of_any_lesson_runs_through_a_third_node() {
    use crate::lessons::LESSONS;
    use crate::sim::seconds;
    for lesson in LESSONS {
        for step in 0..lesson.steps.len() {
            let Some(Ok(run)) = lesson.scenario_for(step).map(|s| s.build()) else {
                continue;
            };
            let nodes = run.snapshot().nodes;
            let layout = Layout::plan(&nodes).with_links(&run.talkers(seconds(10), 10_000));
            if matches!(layout.shape, Shape::Ring { .. }) {
                continue;
            }
            for (width, height) in [(366.0, 228.0), (730.0, 282.0), (730.0, 383.0)] {
                let points = layout.positions(width, height);
                let radius = layout.radius(width, height);
                for &(a, b) in &layout.links {
                    for (c, &p) in points.iter().enumerate().filter(|&(c, _)| c != a && c != b) {
                        let apart = distance_to_segment(p, points[a], points[b]);
                        assert!(
                            apart > radius,
                            "{} step {} on {width}x{height}: the link {} to {} runs through {}",
                            lesson.slug,
                            step + 1,
                            nodes[a].name,
                            nodes[b].name,
                            nodes[c].name
                        );
                    }
                }
            }
        }
    }
}

/// Lesson 6's cluster: four clients, a load balancer and `servers` servers.
fn lesson_6(servers: usize) -> Vec<NodeView> {
    let mut roles = vec!["client"; 4];
    roles.push("load balancer");
    roles.extend(std::iter::repeat_n("server", servers));
    cluster(&roles)
}

#[test]
fn four_clients_stacked_on_a_phone_stay_big_enough_to_see_and_tap() {
    let layout = Layout::plan(&lesson_6(1));
    let radius = layout.radius(366.0, 228.0);
    assert!(radius >= SMALLEST_TIER_NODE, "radius {radius}");
    let points = layout.positions(366.0, 228.0);
    let gap = points[0].distance(points[1]);
    assert!(2.0 * radius < gap, "{radius} against a gap of {gap}");
}

#[test]
fn on_a_phone_the_outer_columns_keep_room_for_words_on_their_outer_side() {
    // Lesson 6 on a phone: three servers stacked in the last column have
    // no room for words between them, so "server 2" goes beside it; the
    // even columns left it too little room on the right, and its words sat
    // between it and the load balancer.
    let layout = Layout::plan(&lesson_6(3)).with_links(&[(0, 4), (1, 4), (2, 4), (3, 4), (4, 5), (4, 6), (4, 7)]);
    let (width, height) = (366.0, 228.0);
    let radius = layout.radius(width, height);
    assert!(radius >= SMALLEST_TIER_NODE, "radius {radius}");
    let points = layout.positions(width, height);
    let reach = radius + crate::ui::painter::placement::CLEARANCE;
    for p in &points {
        let outer = (p.x - reach).min(width - p.x - reach);
        let middle = points[4].x;
        assert!(
            p.x == middle || outer >= WORDS_BESIDE,
            "{p:?} leaves {outer} px on its outer side"
        );
    }
}

#[test]
fn a_replica_stepping_aside_keeps_room_on_the_right_for_its_words() {
    // Lesson 7 on a phone: the primary's heartbeats to R2 would run through
    // R1, so R1 steps aside. To the right it left too little room for its
    // words, which went left, onto the clients' links.
    let layout = Layout::plan(&cluster(&["primary", "backup", "backup", "client", "client"])).with_links(&[
        (0, 1),
        (0, 2),
        (0, 3),
        (0, 4),
        (1, 2),
    ]);
    for (width, height) in [(366.0, 228.0), (730.0, 282.0)] {
        let points = layout.positions(width, height);
        assert_ne!(points[1].x, points[0].x, "R1 steps aside");
        let beyond = points.iter().map(|p| width - p.x).fold(f64::INFINITY, f64::min);
        assert!(
            beyond >= OUTER_COLUMN,
            "{beyond} px right of the replicas on {width} px"
        );
    }
}

#[test]
fn neighbours_on_a_phone_s_ring_keep_a_link_long_enough_to_tap() {
    for nodes in [2, 3, 5] {
        let (width, height) = (366.0, 228.0);
        let points = ring_layout(nodes, width, height);
        let radius = node_radius(width, height, nodes);
        let open = points[0].distance(points[1]) - 2.0 * radius;
        assert!(
            open >= 40.0,
            "{nodes} nodes: only {open} px of link between two circles"
        );
    }
}
