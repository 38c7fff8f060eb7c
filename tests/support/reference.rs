//! Reference runs: fixed scenarios with faults, one per protocol family,
//! and each lab's starter code under its lab's faults, whose trace digests are pinned in `tests/fixtures/reference_digests.txt`.
//! The native test and the browser test both compare against that file, so
//! together they prove the WebAssembly build runs exactly like the native
//! one.

use many_nodes::lab::{grade, labs, Program};
use many_nodes::protocols::replication::{PartitionChoice, WriteMode};
use many_nodes::protocols::{election, lamport, quorum, replication, rpc, sharding};
use many_nodes::sim::{
    millis, seconds, Action, Behaviour, Intervention, LinkConfig, NetworkConfig, NodeId, NodeSetup, Timeline, Trace,
    World,
};

/// A network that loses, duplicates and reorders, so the digest covers the
/// random choices too.
fn rough(mut network: NetworkConfig) -> NetworkConfig {
    network.default_link = LinkConfig {
        loss: 50_000,
        duplicate: 30_000,
        reorder: 50_000,
        ..network.default_link
    };
    network
}

fn faults() -> Vec<Intervention> {
    vec![
        Intervention::new(millis(700), Action::Crash(NodeId(0))),
        Intervention::new(millis(1_200), Action::Partition(vec![vec![NodeId(1), NodeId(2)]])),
        Intervention::new(millis(2_000), Action::HealAll),
        Intervention::new(millis(2_100), Action::Restart(NodeId(0))),
        Intervention::new(millis(2_500), Action::Pause(NodeId(2))),
        Intervention::new(millis(3_000), Action::Resume(NodeId(2))),
    ]
}

/// The seed every reference run uses.
pub const SEED: u64 = 20_261_123;

fn trace<B: Behaviour>(seed: u64, (network, setups): (NetworkConfig, Vec<NodeSetup<B>>)) -> Trace {
    let world = World::new(seed, &rough(network), setups);
    let mut run = Timeline::new(world, faults());
    run.advance_to(seconds(5));
    run.world().trace().clone()
}

/// (family, digest of its reference run).
pub fn reference_digests() -> Vec<(&'static str, String)> {
    reference_traces(SEED)
        .into_iter()
        .map(|(family, trace)| (family, trace.digest().hex()))
        .collect()
}

/// (family, trace of its reference run under `seed`).
pub fn reference_traces(seed: u64) -> Vec<(&'static str, Trace)> {
    vec![
        ("election", trace(seed, election::cluster(5))),
        ("lamport", trace(seed, lamport::skewed_gossip(4))),
        ("rpc", trace(seed, rpc::wordpress())),
        ("sharding", trace(seed, sharding::even_load())),
        (
            "replication",
            trace(
                seed,
                replication::primary_backup(3, 2, WriteMode::Synchronous, PartitionChoice::Consistency),
            ),
        ),
        ("quorum", trace(seed, quorum::quorum_cluster(3, 2, 2, 2))),
    ]
    .into_iter()
    .chain(lab_traces(seed))
    .collect()
}

/// (lab, trace of its starter code's test run under `seed`): the student's
/// Rhai code, its seeded randomness and the lab's own faults.
fn lab_traces(seed: u64) -> Vec<(&'static str, Trace)> {
    labs::all()
        .into_iter()
        .map(|lab| {
            let program = Program::compile(lab.starter, lab.kinds).expect("every starter compiles");
            let name: &'static str = Box::leak(format!("lab-{}", lab.id).into_boxed_str());
            (name, grade::run(lab, &program, seed).trace().clone())
        })
        .collect()
}

/// The pinned digests, as written in the fixture file.
pub fn pinned_digests() -> Vec<(String, String)> {
    include_str!("../fixtures/reference_digests.txt")
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .filter_map(|l| l.split_once(' ').map(|(a, b)| (a.to_string(), b.trim().to_string())))
        .collect()
}
