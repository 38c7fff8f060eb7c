//! The engine on its own, with a tiny ping-pong behaviour: time, delivery,
//! crashes, pauses, cuts and replay.

mod support;

use many_nodes::sim::{
    millis, seconds, Action, DropReason, Intervention, LinkConfig, NetworkConfig, NodeId, Status, Timeline, TraceKind,
    World,
};
use support::{pingers, Pinger};

fn network(latency_ms: u64) -> NetworkConfig {
    NetworkConfig {
        default_link: LinkConfig {
            latency: millis(latency_ms),
            jitter: millis(1),
            ..LinkConfig::default()
        },
        ..NetworkConfig::default()
    }
}

fn world(n: usize) -> World<Pinger> {
    World::new(7, &network(10), pingers(n, millis(50), millis(2)))
}

fn pongs(world: &World<Pinger>, node: u32) -> u64 {
    world.behaviour(NodeId(node)).map_or(0, |b| b.pongs)
}

#[test]
fn messages_take_time_to_arrive_and_get_answered() {
    let mut w = world(3);
    w.run_until(seconds(2));
    let delivered: Vec<_> = w
        .trace()
        .events()
        .filter_map(|e| match e.kind {
            TraceKind::Delivered { message, .. } => Some((message, e.time)),
            _ => None,
        })
        .collect();
    assert!(delivered.len() > 50, "{}", delivered.len());
    for e in w.trace().events() {
        if let TraceKind::Sent {
            message,
            departs,
            arrives,
            ..
        } = e.kind
        {
            assert!(arrives >= departs + millis(10), "latency is at least the link's");
            if let Some(&(_, at)) = delivered.iter().find(|(m, _)| *m == message) {
                assert!(at >= arrives);
            }
        }
    }
    assert!((0..3).all(|n| pongs(&w, n) > 0));
}

#[test]
fn same_seed_same_digest_different_seed_different_digest() {
    let mut a = world(5);
    let mut b = world(5);
    a.run_until(seconds(3));
    b.run_until(seconds(3));
    assert_eq!(a.trace().digest(), b.trace().digest());
    let mut c = World::new(8, &network(10), pingers(5, millis(50), millis(2)));
    c.run_until(seconds(3));
    assert_ne!(a.trace().digest(), c.trace().digest());
}

#[test]
fn a_crashed_node_handles_nothing_and_forgets_volatile_state() {
    let mut w = world(3);
    w.run_until(seconds(1));
    assert!(pongs(&w, 1) > 0);
    let answered_before = w.behaviour(NodeId(1)).map_or(0, |b| b.answered);
    w.apply(&Action::Crash(NodeId(1))).unwrap();
    assert_eq!(pongs(&w, 1), 0, "volatile state is gone");
    w.run_until(seconds(2));
    assert_eq!(w.status(NodeId(1)), Some(Status::Crashed));
    assert_eq!(w.behaviour(NodeId(1)).map(|b| b.answered), Some(answered_before));
    let dropped_at_b = w.trace().events().any(|e| {
        matches!(
            e.kind,
            TraceKind::Dropped {
                to: NodeId(1),
                reason: DropReason::DestinationDown,
                ..
            }
        )
    });
    assert!(dropped_at_b, "pings to the crashed node are dropped");
    w.apply(&Action::Restart(NodeId(1))).unwrap();
    w.run_until(seconds(3));
    assert!(pongs(&w, 1) > 0, "it works again after restart");
}

#[test]
fn a_paused_node_keeps_its_inbox_and_catches_up() {
    let mut w = world(3);
    w.run_until(seconds(1));
    w.apply(&Action::Pause(NodeId(2))).unwrap();
    w.run_until(seconds(2));
    let queued = w.snapshot().nodes[2].queue;
    assert!(queued > 0, "messages wait while paused");
    w.apply(&Action::Resume(NodeId(2))).unwrap();
    w.run_until(seconds(3));
    assert!(w.snapshot().nodes[2].queue < queued);
}

#[test]
fn nothing_crosses_a_cut_link() {
    let mut w = world(2);
    w.apply(&Action::CutLink {
        from: NodeId(0),
        to: NodeId(1),
    })
    .unwrap();
    w.run_until(seconds(2));
    for e in w.trace().events() {
        if let TraceKind::Delivered { from, to, .. } = e.kind {
            assert!(!(from == NodeId(0) && to == NodeId(1)));
        }
    }
    assert_eq!(pongs(&w, 0), 0, "A's pings never reach B");
    assert_eq!(pongs(&w, 1), 0, "B's pings arrive but A's pongs are cut");
}

#[test]
fn dropping_a_message_by_hand_gives_it_exactly_one_fate() {
    let mut w = world(2);
    w.run_until(millis(60));
    let snapshot = w.snapshot();
    let victim = snapshot.messages.first().map(|m| m.id);
    let Some(victim) = victim else {
        panic!("something should be on the wire at 60 ms")
    };
    w.apply(&Action::DropMessage(victim)).unwrap();
    assert!(w.snapshot().messages.iter().all(|m| m.id != victim));
    w.run_until(seconds(1));
    let fates = w
        .trace()
        .events()
        .filter(|e| match e.kind {
            TraceKind::Delivered { message, .. } | TraceKind::Dropped { message, .. } => message == victim,
            _ => false,
        })
        .count();
    assert_eq!(fates, 1);
    assert!(w.apply(&Action::DropMessage(victim)).is_err());
}

#[test]
fn seeking_back_and_forth_reproduces_the_straight_run() {
    let mut straight = Timeline::new(world(4), vec![]);
    straight.advance_to(seconds(1));
    straight.intervene(Action::Crash(NodeId(2))).unwrap();
    straight.advance_to(seconds(3));
    straight.intervene(Action::Restart(NodeId(2))).unwrap();
    straight.advance_to(seconds(9));
    let expected = straight.world().trace().digest();

    let mut wandering = Timeline::new(world(4), straight.log().to_vec());
    wandering.seek(seconds(7));
    wandering.seek(seconds(2));
    wandering.seek(millis(500));
    wandering.seek(seconds(9));
    assert_eq!(wandering.world().trace().digest(), expected);
    assert_eq!(wandering.world().snapshot(), straight.world().snapshot());
}

#[test]
fn an_overloaded_node_drops_what_its_inbox_cannot_hold() {
    use many_nodes::sim::world::INBOX_LIMIT;
    // Five fast pingers against nodes that take 50 ms per ping: inboxes fill.
    let mut w = World::new(3, &network(1), pingers(6, millis(1), millis(50)));
    w.run_until(seconds(120));
    let snapshot = w.snapshot();
    assert!(snapshot.nodes.iter().all(|n| n.queue <= INBOX_LIMIT));
    let full = w.trace().events().any(|e| {
        matches!(
            e.kind,
            TraceKind::Dropped {
                reason: DropReason::QueueFull,
                ..
            }
        )
    });
    assert!(full, "some pings found a full inbox");
}

#[test]
fn acting_mid_instant_keeps_scheduled_faults_first() {
    // Every node starts at time 0, and a crash is scheduled at time 0 too.
    let scheduled = vec![Intervention::new(0, Action::Crash(NodeId(1)))];
    let mut live = Timeline::new(world(3), scheduled);
    assert!(
        live.step(),
        "one node starts; the others and the crash are still due at time 0"
    );
    live.intervene(Action::Restart(NodeId(1))).unwrap();
    assert_eq!(
        live.world().status(NodeId(1)),
        Some(Status::Up),
        "the crash came first, then the restart"
    );
    assert_eq!(live.log()[0].action, Action::Crash(NodeId(1)));
    live.advance_to(seconds(2));

    let mut replay = Timeline::new(world(3), live.log().to_vec());
    replay.advance_to(seconds(2));
    assert_eq!(replay.world().trace().digest(), live.world().trace().digest());
}

#[test]
fn any_run_can_be_driven_through_the_run_trait() {
    use many_nodes::sim::Run;
    let mut run: Box<dyn Run> = Box::new(Timeline::new(world(3), vec![]));
    run.advance_to(seconds(1));
    run.intervene(Action::Crash(NodeId(0))).unwrap();
    run.advance_to(seconds(2));
    let digest = run.digest();
    assert_eq!(run.snapshot().nodes[0].status, Status::Crashed);
    run.seek(millis(500));
    assert_eq!(run.snapshot().nodes[0].status, Status::Up, "before the crash");
    run.seek(seconds(2));
    assert_eq!(run.digest(), digest);
    assert_eq!(run.log().len(), 1);
    assert!(run.metrics().totals.succeeded > 0);
    let typed = many_nodes::sim::world_of::<Pinger>(run.as_ref());
    assert!(
        typed.is_some_and(|w| w.now() == seconds(2)),
        "the typed world is behind it"
    );
    assert!(many_nodes::sim::world_of::<many_nodes::protocols::election::ElectionNode>(run.as_ref()).is_none());
}

/// Step `w` until the last event traced is a ping handed to its receiver;
/// that receiver.
fn step_until_a_ping_is_handled(w: &mut World<Pinger>) -> NodeId {
    loop {
        assert!(w.step(), "the run ended before a ping was handled");
        if let Some(TraceKind::Delivered { to, kind, .. }) = w.trace().events().last().map(|e| &e.kind) {
            if kind.id == "ping" {
                return *to;
            }
        }
    }
}

fn pongs_sent(w: &World<Pinger>) -> Vec<(u64, u64)> {
    w.trace()
        .events()
        .filter_map(|e| match e.kind {
            TraceKind::Sent {
                message, kind, departs, ..
            } if kind.id == "pong" => Some((message, departs)),
            _ => None,
        })
        .collect()
}

#[test]
fn an_answer_is_sent_when_its_work_is_done_and_is_on_the_wire_from_then() {
    // Pings are answered after 30 ms of work.
    let mut w = World::new(7, &network(10), pingers(2, millis(200), millis(30)));
    step_until_a_ping_is_handled(&mut w);
    let handled_at = w.now();
    assert!(pongs_sent(&w).is_empty(), "the pong is not sent while the work goes on");
    assert!(w.snapshot().messages.iter().all(|m| m.kind.id != "pong"));
    while pongs_sent(&w).is_empty() {
        assert!(w.step());
    }
    let (pong, departs) = pongs_sent(&w)[0];
    assert_eq!(w.now(), handled_at + millis(30), "sent the moment the work is done");
    assert_eq!(departs, w.now());
    let shown = w.snapshot().messages.into_iter().find(|m| m.id == pong);
    assert!(
        shown.is_some_and(|m| m.arrives >= departs + millis(10)),
        "on the wire for the link's delay"
    );
    assert!(
        w.clone().apply(&Action::DropMessage(pong)).is_ok(),
        "and it can be dropped"
    );
}

#[test]
fn a_node_that_crashes_mid_work_never_sends_its_answer() {
    let mut w = World::new(7, &network(10), pingers(2, millis(200), millis(30)));
    let worker = step_until_a_ping_is_handled(&mut w);
    w.apply(&Action::Crash(worker)).unwrap();
    let crashed_at = w.now();
    let lost = w.trace().events().find_map(|e| match e.kind {
        TraceKind::Dropped {
            message,
            from,
            kind,
            reason: DropReason::SenderCrashed,
            ..
        } if from == worker && kind.id == "pong" => Some((message, e.time)),
        _ => None,
    });
    let Some((pong, at)) = lost else {
        panic!("the unfinished pong is recorded as lost with its sender")
    };
    assert_eq!(at, crashed_at, "lost at the crash");
    w.run_until(seconds(1));
    assert!(pongs_sent(&w).iter().all(|&(m, _)| m != pong), "it never left");
    assert!(w.snapshot().messages.iter().all(|m| m.id != pong));
}
