//! The clocks lesson: physical clocks can put a reply before its request,
//! Lamport clocks never put an effect before its cause, vector clocks tell
//! concurrent events apart, and drifting clocks drift further apart.

use many_nodes::protocols::lamport::{
    all_events, by_lamport, chat, compare_orders, contradictions, drifting_gossip, skewed_gossip, Causality, ClockNode,
    EventKind, LoggedEvent,
};
use many_nodes::sim::{millis, seconds, NodeId, TraceKind, World};

fn chat_world(seed: u64, b_behind_ms: u64) -> World<ClockNode> {
    let (network, setups) = chat(millis(b_behind_ms), 1);
    World::new(seed, &network, setups)
}

fn gossip_world(seed: u64) -> World<ClockNode> {
    let (network, setups) = skewed_gossip(4);
    World::new(seed, &network, setups)
}

/// The one event at `node` matching `pick`.
fn find(events: &[LoggedEvent], node: u32, pick: impl Fn(&EventKind) -> bool) -> &LoggedEvent {
    let found: Vec<_> = events
        .iter()
        .filter(|e| e.id.node == NodeId(node) && pick(&e.kind))
        .collect();
    assert_eq!(found.len(), 1, "expected one such event at node {node}: {found:?}");
    found[0]
}

fn sent(label: &'static str, to: u32) -> impl Fn(&EventKind) -> bool {
    move |k| *k == EventKind::Sent { to: NodeId(to), label }
}

fn received(label: &'static str, from: u32) -> impl Fn(&EventKind) -> bool {
    move |k| {
        *k == EventKind::Received {
            from: NodeId(from),
            label,
        }
    }
}

#[test]
fn skewed_clocks_can_order_a_reply_before_its_request() {
    // B's clock is 50 ms behind; messages take 10 to 12 ms.
    let mut world = chat_world(1, 50);
    world.run_until(seconds(1));
    let events = all_events(&world);
    let question = find(&events, 0, sent("question", 1));
    let answer = find(&events, 1, sent("answer", 0));
    assert!(question.vector.happened_before(&answer.vector));
    assert!(
        answer.physical < question.physical,
        "B stamps its answer ({} µs) before A asked ({} µs)",
        answer.physical,
        question.physical
    );
    let report = compare_orders(&events);
    assert!(report
        .physical_contradictions
        .iter()
        .any(|c| c.cause == question.id && c.effect == answer.id && c.physical_gap > 0));
    assert!(report.lamport_contradictions.is_empty());

    // With B's clock only 2 ms behind (less than the latency), physical time
    // gets this chat right.
    let mut honest = chat_world(1, 2);
    honest.run_until(seconds(1));
    assert!(compare_orders(&all_events(&honest)).physical_contradictions.is_empty());
}

#[test]
fn lamport_order_respects_causality() {
    let mut world = gossip_world(3);
    world.run_until(seconds(10));
    let events = all_events(&world);
    assert!(events.len() > 100, "{}", events.len());
    for a in &events {
        for b in &events {
            if a.vector.happened_before(&b.vector) {
                assert!(a.lamport < b.lamport, "{a:?} happened before {b:?}");
            }
        }
    }
    assert!(contradictions(&by_lamport(&events)).is_empty());
    let report = compare_orders(&events);
    assert!(report.lamport_contradictions.is_empty());
    assert!(
        !report.physical_contradictions.is_empty(),
        "clocks tens of ms apart should get some gossip the wrong way round"
    );

    // The Lamport stamps the peers log for their sends are the ones the
    // engine put on the wire.
    let mut wire: Vec<(NodeId, u64)> = world
        .trace()
        .events()
        .filter_map(|e| match e.kind {
            TraceKind::Sent { from, lamport, .. } => Some((from, lamport)),
            _ => None,
        })
        .collect();
    let mut logged: Vec<(NodeId, u64)> = events
        .iter()
        .filter(|e| matches!(e.kind, EventKind::Sent { .. }))
        .map(|e| (e.id.node, e.lamport))
        .collect();
    wire.sort();
    logged.sort();
    assert!(logged.iter().all(|s| wire.binary_search(s).is_ok()));
}

#[test]
fn vector_clocks_detect_concurrent_events() {
    let mut world = chat_world(5, 0);
    world.run_until(seconds(1));
    let events = all_events(&world);
    let question = find(&events, 0, sent("question", 1));
    let c_hears_question = find(&events, 2, received("question", 0));
    let b_answers = find(&events, 1, sent("answer", 0));
    let c_hears_answer = find(&events, 2, received("answer", 1));
    assert_eq!(question.vector.compare(&b_answers.vector), Causality::Before);
    assert_eq!(c_hears_answer.vector.compare(&b_answers.vector), Causality::After);
    assert_eq!(
        c_hears_question.vector.compare(&b_answers.vector),
        Causality::Concurrent,
        "C hearing the question and B answering it cannot affect each other"
    );
    assert_eq!(
        b_answers.vector.compare(&c_hears_question.vector),
        Causality::Concurrent
    );

    let mut gossip = gossip_world(9);
    gossip.run_until(seconds(5));
    let events = all_events(&gossip);
    let mut concurrent = 0;
    let mut lamport_suggests_an_order = false;
    for a in &events {
        for b in &events {
            let forward = a.vector.compare(&b.vector);
            let backward = b.vector.compare(&a.vector);
            let mirrored = match forward {
                Causality::Before => Causality::After,
                Causality::After => Causality::Before,
                other => other,
            };
            assert_eq!(backward, mirrored);
            if forward == Causality::Concurrent {
                concurrent += 1;
                lamport_suggests_an_order |= a.lamport < b.lamport;
                assert_ne!(a.id.node, b.id.node, "one node's events are never concurrent");
            }
        }
    }
    assert!(concurrent > 0);
    assert!(
        lamport_suggests_an_order,
        "a smaller Lamport stamp does not mean it happened before"
    );
}

/// The largest difference between any two nodes' clocks now, in µs.
fn spread(world: &World<ClockNode>) -> i64 {
    let readings: Vec<i64> = (0..world.node_count() as u32)
        .filter_map(|i| world.local_time(NodeId(i)))
        .collect();
    readings.iter().max().unwrap_or(&0) - readings.iter().min().unwrap_or(&0)
}

#[test]
fn drifting_clocks_disagree_more_over_time() {
    // ±2,000 ppm: two clocks part by 4 ms every second; messages take 10 ms.
    let (network, setups) = drifting_gossip(4, 2_000);
    let mut world = World::new(11, &network, setups);
    world.run_until(seconds(2));
    let early = spread(&world);
    let early_report = compare_orders(&all_events(&world));
    assert!(
        early_report.physical_contradictions.is_empty(),
        "while clocks are closer than the latency, physical time respects causality"
    );
    world.run_until(seconds(20));
    let middle = spread(&world);
    world.run_until(seconds(40));
    let late = spread(&world);
    assert!(early < middle && middle < late, "{early} < {middle} < {late}");
    assert!(late > millis(100) as i64, "{late}");
    let late_report = compare_orders(&all_events(&world));
    assert!(!late_report.physical_contradictions.is_empty());
    assert!(late_report.lamport_contradictions.is_empty());
}

#[test]
fn same_seed_same_run() {
    let run = |seed| {
        let mut world = gossip_world(seed);
        world.run_until(seconds(5));
        (world.trace().digest(), all_events(&world))
    };
    let (digest_a, events_a) = run(21);
    let (digest_b, events_b) = run(21);
    assert_eq!(digest_a, digest_b);
    assert_eq!(events_a, events_b);
    assert_ne!(run(22).0, digest_a);
}
