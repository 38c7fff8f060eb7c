//! Properties of the engine over random clusters, network settings and fault
//! schedules, checked against the trace: every message has exactly one
//! fate; nothing arrives across a cut link or at a crashed node; a crashed or
//! paused node handles nothing; Lamport clocks respect happens-before; and
//! time travel (seeking) gives exactly the straight run. A failing case
//! prints its seed and schedule.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use std::collections::{BTreeMap, BTreeSet};

use many_nodes::sim::network::Network;
use many_nodes::sim::{
    millis, Action, Intervention, LinkConfig, NetworkConfig, NodeId, Place, Status, Timeline, TraceKind, World,
};
use proptest::prelude::*;
use support::{pingers, Pinger};

#[derive(Clone, Debug)]
struct Case {
    seed: u64,
    nodes: usize,
    link: LinkConfig,
    work_ms: u64,
    faults: Vec<Intervention>,
}

fn action(kind: u8, a: u32, b: u32, nodes: u32) -> Action {
    let (a, b) = (NodeId(a % nodes), NodeId(b % nodes));
    match kind % 10 {
        0 => Action::Crash(a),
        1 => Action::Restart(a),
        2 => Action::Pause(a),
        3 => Action::Resume(a),
        4 => Action::CutLink { from: a, to: b },
        5 => Action::HealLink { from: a, to: b },
        6 => Action::Partition(vec![(0..nodes).filter(|i| (i + a.0) % 3 == 0).map(NodeId).collect()]),
        7 => Action::HealAll,
        8 => Action::SetNetwork(LinkConfig {
            loss: 200_000,
            duplicate: 100_000,
            ..LinkConfig::default()
        }),
        _ => Action::Restart(b),
    }
}

fn case() -> impl Strategy<Value = Case> {
    (
        any::<u64>(),
        2usize..7,
        (1u64..30, 0u64..20, 0u32..300_000, 0u32..300_000, 0u32..300_000),
        0u64..5,
        prop::collection::vec((0u64..4_000, any::<u8>(), any::<u32>(), any::<u32>()), 0..12),
    )
        .prop_map(
            |(seed, nodes, (latency, jitter, loss, duplicate, reorder), work_ms, raw)| {
                let faults = raw
                    .into_iter()
                    .map(|(at, kind, a, b)| Intervention::new(millis(at), action(kind, a, b, nodes as u32)))
                    .collect();
                let link = LinkConfig {
                    latency: millis(latency),
                    jitter: millis(jitter),
                    loss,
                    duplicate,
                    reorder,
                    bandwidth: None,
                };
                Case {
                    seed,
                    nodes,
                    link,
                    work_ms,
                    faults,
                }
            },
        )
}

fn timeline(case: &Case) -> Timeline<Pinger> {
    let network = NetworkConfig {
        default_link: case.link,
        ..NetworkConfig::default()
    };
    let world = World::new(
        case.seed,
        &network,
        pingers(case.nodes, millis(40), millis(case.work_ms)),
    );
    Timeline::new(world, case.faults.clone())
}

const END: u64 = 5_000_000;

/// Replays the trace, keeping track of each node's status and of the
/// network's cuts, and checks every event against them.
fn check_trace(case: &Case, world: &World<Pinger>) -> Result<(), String> {
    let n = case.nodes;
    let mut status = vec![Status::Up; n];
    let mut network = Network::new(&NetworkConfig::default(), vec![Place::default(); n]);
    let mut sent: BTreeMap<u64, (NodeId, NodeId, u64)> = BTreeMap::new();
    let mut fated: BTreeSet<u64> = BTreeSet::new();
    let mut queued: BTreeSet<u64> = BTreeSet::new();
    let mut lamport = vec![0u64; n];
    let seed = case.seed;
    let mut copies: BTreeSet<u64> = BTreeSet::new();
    let arrive = |message: u64,
                  to: NodeId,
                  network: &Network,
                  status: &[Status],
                  sent: &BTreeMap<u64, (NodeId, NodeId, u64)>| {
        let Some(&(from, _, _)) = sent.get(&message) else {
            return Err(format!("seed {seed}: {message} arrived unsent"));
        };
        if network.blocks(from, to) {
            return Err(format!(
                "seed {seed}: message {message} crossed a cut link {from}->{to}"
            ));
        }
        if status[to.index()] == Status::Crashed {
            return Err(format!("seed {seed}: message {message} arrived at crashed {to}"));
        }
        Ok(())
    };
    for event in world.trace().events() {
        match &event.kind {
            TraceKind::Intervened(action) => match &**action {
                Action::Crash(a) => status[a.index()] = Status::Crashed,
                Action::Restart(a) if status[a.index()] == Status::Crashed => status[a.index()] = Status::Up,
                Action::Pause(a) if status[a.index()] == Status::Up => status[a.index()] = Status::Paused,
                Action::Resume(a) if status[a.index()] == Status::Paused => status[a.index()] = Status::Up,
                Action::CutLink { from, to } => network.cut(*from, *to),
                Action::HealLink { from, to } => network.heal(*from, *to),
                Action::Partition(groups) => network.partition(groups),
                Action::HealAll => network.heal_all(),
                _ => {}
            },
            TraceKind::Sent {
                message,
                from,
                to,
                lamport: stamp,
                departs,
                ..
            } => {
                if *departs != event.time {
                    return Err(format!("seed {seed}: message {message} logged as sent before it left"));
                }
                // A network duplicate is the same send: it carries the same stamp.
                let advanced = if copies.contains(message) {
                    *stamp == lamport[from.index()]
                } else {
                    *stamp > lamport[from.index()]
                };
                if !advanced {
                    return Err(format!("seed {seed}: {from}'s Lamport clock did not advance on send"));
                }
                lamport[from.index()] = *stamp;
                sent.insert(*message, (*from, *to, *stamp));
            }
            TraceKind::Queued { message, at } => {
                arrive(*message, *at, &network, &status, &sent)?;
                queued.insert(*message);
            }
            TraceKind::Delivered {
                message,
                to,
                lamport: after,
                ..
            } => {
                if !queued.contains(message) {
                    arrive(*message, *to, &network, &status, &sent)?;
                }
                if status[to.index()] != Status::Up {
                    return Err(format!(
                        "seed {seed}: {to} handled a message while {:?}",
                        status[to.index()]
                    ));
                }
                let stamp = sent.get(message).map_or(0, |s| s.2);
                if *after <= stamp || *after <= lamport[to.index()] {
                    return Err(format!(
                        "seed {seed}: Lamport clock at {to} does not follow message {message}"
                    ));
                }
                lamport[to.index()] = *after;
                if !fated.insert(*message) {
                    return Err(format!("seed {seed}: message {message} has two fates"));
                }
            }
            TraceKind::Dropped { message, .. } => {
                if !fated.insert(*message) {
                    return Err(format!("seed {seed}: message {message} has two fates"));
                }
            }
            TraceKind::TimerFired { node, .. } | TraceKind::Started { node } => {
                if status[node.index()] != Status::Up {
                    return Err(format!(
                        "seed {seed}: {node} ran a handler while {:?}",
                        status[node.index()]
                    ));
                }
            }
            TraceKind::Duplicated { copy, .. } => {
                copies.insert(*copy);
            }
            TraceKind::Failed { node } => status[node.index()] = Status::Crashed,
        }
    }
    let snapshot = world.snapshot();
    let on_the_wire: BTreeSet<u64> = snapshot.messages.iter().map(|m| m.id).collect();
    for (&message, _) in sent.iter().filter(|(m, _)| !fated.contains(m)) {
        if !queued.contains(&message) && !on_the_wire.contains(&message) {
            return Err(format!("seed {seed}: message {message} has no fate and is nowhere"));
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn every_run_obeys_the_rules_of_the_world(case in case()) {
        let mut run = timeline(&case);
        run.advance_to(END);
        let verdict = check_trace(&case, run.world());
        prop_assert!(verdict.is_ok(), "{}\n{:?}", verdict.unwrap_err(), case);
    }

    #[test]
    fn same_case_twice_gives_the_same_digest(case in case()) {
        let mut a = timeline(&case);
        let mut b = timeline(&case);
        a.advance_to(END);
        b.advance_to(END);
        prop_assert_eq!(a.world().trace().digest(), b.world().trace().digest(), "seed {}", case.seed);
    }

    #[test]
    fn seeking_then_running_equals_running_straight(case in case(), t in 0u64..END, t2 in 0u64..END) {
        let (t, t2) = (t.min(t2), t.max(t2));
        let mut straight = timeline(&case);
        straight.advance_to(t2);
        let mut seeker = timeline(&case);
        seeker.advance_to(END);
        seeker.seek(t);
        seeker.advance_to(t2);
        prop_assert_eq!(seeker.world().trace().digest(), straight.world().trace().digest(), "seed {}", case.seed);
        prop_assert_eq!(seeker.world().snapshot(), straight.world().snapshot(), "seed {}", case.seed);
    }
}
