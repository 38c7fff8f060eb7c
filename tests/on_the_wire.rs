//! A message can be caught from the moment it is sent: for every protocol
//! family (and the engine's own test behaviour), stepping a rough run event
//! by event as the step button does, whatever the trace logs as sent is on
//! the wire at that very moment, stays there (shown and droppable) until it
//! arrives or is lost, and never arrives before its delivery time.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use std::collections::{BTreeMap, BTreeSet};

use many_nodes::protocols::replication::{PartitionChoice, WriteMode};
use many_nodes::protocols::{election, lamport, quorum, replication, rpc, sharding};
use many_nodes::sim::{
    millis, seconds, Action, Behaviour, DropReason, Intervention, LinkConfig, MessageId, NetworkConfig, NodeId,
    NodeSetup, Run, SimTime, Timeline, TraceKind, World,
};
use support::pingers;

/// How long each run is stepped through.
const UNTIL: SimTime = seconds(3);

/// A network that loses, duplicates and reorders.
fn rough(mut network: NetworkConfig) -> NetworkConfig {
    network.default_link = LinkConfig {
        loss: 50_000,
        duplicate: 30_000,
        reorder: 50_000,
        ..network.default_link
    };
    network
}

/// Crashes (some in the middle of a node's work), a partition, a pause.
fn faults() -> Vec<Intervention> {
    let mut faults = vec![
        Intervention::new(millis(1_200), Action::Partition(vec![vec![NodeId(1), NodeId(2)]])),
        Intervention::new(millis(2_000), Action::HealAll),
        Intervention::new(millis(2_500), Action::Pause(NodeId(2))),
        Intervention::new(millis(2_800), Action::Resume(NodeId(2))),
    ];
    for (crash, restart) in [(701, 900), (1_403, 1_600)] {
        for node in [NodeId(0), NodeId(1)] {
            faults.push(Intervention::new(millis(crash), Action::Crash(node)));
            faults.push(Intervention::new(millis(restart), Action::Restart(node)));
        }
    }
    faults
}

fn run_of<B: Behaviour + 'static>((network, setups): (NetworkConfig, Vec<NodeSetup<B>>)) -> Box<dyn Run> {
    Box::new(Timeline::new(World::new(5, &rough(network), setups), faults()))
}

/// One run of each family, each with nodes that work before they answer
/// where the family has them.
fn runs() -> Vec<(&'static str, Box<dyn Run>)> {
    vec![
        (
            "pingers",
            run_of((NetworkConfig::default(), pingers(4, millis(40), millis(7)))),
        ),
        ("election", run_of(election::cluster(5))),
        ("lamport", run_of(lamport::skewed_gossip(4))),
        ("rpc client and server", run_of(rpc::client_and_server(|c| c))),
        ("rpc wordpress", run_of(rpc::wordpress())),
        ("sharding", run_of(sharding::even_load())),
        (
            "replication",
            run_of(replication::primary_backup(
                3,
                2,
                WriteMode::Synchronous,
                PartitionChoice::Consistency,
            )),
        ),
        ("quorum", run_of(quorum::quorum_cluster(3, 2, 2, 2))),
    ]
}

/// When a message left and when it is due.
#[derive(Clone, Copy, Debug)]
struct Flight {
    departs: SimTime,
    arrives: SimTime,
}

/// Step `run` to [`UNTIL`], checking after every step that the messages on
/// the wire are exactly those sent and not yet arrived or lost. Some are
/// dropped by hand the moment they are sent, some halfway: both must work.
/// Returns how many messages were sent.
fn check(family: &str, run: &mut dyn Run) -> usize {
    let mut flying: BTreeMap<MessageId, Flight> = BTreeMap::new();
    let mut in_inboxes: BTreeSet<MessageId> = BTreeSet::new();
    let mut sent = 0;
    let mut read = 0u64;
    while run.now() < UNTIL && run.step() {
        let now = run.now();
        let trace = run.trace();
        let fresh = usize::try_from(read.saturating_sub(trace.forgotten())).unwrap_or(usize::MAX);
        let mut just_sent = Vec::new();
        for event in trace.events().skip(fresh) {
            match event.kind {
                TraceKind::Sent {
                    message,
                    departs,
                    arrives,
                    ..
                } => {
                    assert_eq!(
                        event.time, departs,
                        "{family}: message {message} logged as sent before it left"
                    );
                    assert!(
                        arrives > departs,
                        "{family}: message {message} spends no time on the wire"
                    );
                    flying.insert(message, Flight { departs, arrives });
                    just_sent.push(message);
                    sent += 1;
                }
                TraceKind::Delivered { message, .. } | TraceKind::Queued { message, .. } => {
                    if matches!(event.kind, TraceKind::Queued { .. }) {
                        in_inboxes.insert(message);
                    }
                    if let Some(flight) = flying.remove(&message) {
                        assert!(
                            event.time >= flight.arrives,
                            "{family}: message {message} arrived at {} µs, before it was due at {} µs",
                            event.time,
                            flight.arrives
                        );
                    }
                }
                TraceKind::Dropped { message, reason, .. } => {
                    let was_flying = flying.remove(&message).is_some();
                    let was_waiting = in_inboxes.remove(&message);
                    let never_left = reason == DropReason::SenderCrashed;
                    assert!(
                        [was_flying, was_waiting, never_left].iter().filter(|&&b| b).count() == 1,
                        "{family}: message {message} dropped ({reason:?}): on the wire {was_flying}, \
                         in an inbox {was_waiting}"
                    );
                }
                _ => {}
            }
        }
        read = trace.total();
        let shown: BTreeSet<MessageId> = run.snapshot().messages.iter().map(|m| m.id).collect();
        let expected: BTreeSet<MessageId> = flying.keys().copied().collect();
        assert_eq!(
            shown, expected,
            "{family}: at {now} µs the wire shows other messages than are in flight"
        );
        let to_drop: Vec<MessageId> = just_sent
            .into_iter()
            .filter(|m| m % 7 == 0)
            .chain(
                flying
                    .iter()
                    .filter(|(m, f)| *m % 7 == 3 && now >= f.departs + (f.arrives - f.departs) / 2)
                    .map(|(m, _)| *m),
            )
            .collect();
        for message in to_drop {
            if let Err(problem) = run.intervene(Action::DropMessage(message)) {
                panic!("{family}: message {message} is in flight at {now} µs but cannot be dropped: {problem}");
            }
        }
    }
    sent
}

#[test]
fn every_message_logged_as_sent_is_on_the_wire_until_it_arrives() {
    for (family, mut run) in runs() {
        let sent = check(family, run.as_mut());
        assert!(sent >= 5, "{family}: only {sent} messages in {UNTIL} µs");
    }
}
