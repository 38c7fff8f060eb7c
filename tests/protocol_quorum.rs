//! Quorum reads and writes: with R + W > N a read always overlaps the last
//! acknowledged write, with R + W <= N it can miss it, and with too few
//! replicas answering an operation fails.

use many_nodes::protocols::quorum::{quorum_cluster, QuorumNode, QuorumTally};
use many_nodes::sim::{millis, seconds, Action, Intervention, NodeId, Timeline, World};

/// The tally of client `n`.
fn tally(world: &World<QuorumNode>, n: u32) -> QuorumTally {
    match world.behaviour(NodeId(n)).and_then(QuorumNode::as_client) {
        Some(client) => client.tally(),
        None => panic!("#{n} should be a client"),
    }
}

/// Three replicas and one client (#3): first all together, then every half
/// second the client switches between reaching only replica 0 and reaching
/// only replicas 1 and 2.
fn shifting_partitions() -> Vec<Intervention> {
    let (r0, r1, r2, client) = (NodeId(0), NodeId(1), NodeId(2), NodeId(3));
    (0..6)
        .map(|i| {
            let groups = if i % 2 == 0 {
                vec![vec![r0, client], vec![r1, r2]]
            } else {
                vec![vec![r1, r2, client], vec![r0]]
            };
            Intervention::new(millis(1_000 + 500 * i), Action::Partition(groups))
        })
        .collect()
}

fn run(n: u32, r: u32, w: u32, clients: u32, faults: Vec<Intervention>, until: u64) -> World<QuorumNode> {
    let (network, setups) = quorum_cluster(n, r, w, clients);
    let mut run = Timeline::new(World::new(5, &network, setups), faults);
    run.advance_to(until);
    run.world().clone()
}

#[test]
fn overlapping_quorums_read_the_latest_write() {
    for (r, w) in [(2, 2), (1, 3), (3, 1)] {
        let world = run(3, r, w, 1, shifting_partitions(), seconds(4));
        let t = tally(&world, 3);
        assert_eq!(t.stale_reads, 0, "R={r} W={w}: {t:?}");
        assert!(t.reads_ok >= 5, "R={r} W={w}: {t:?}");
    }
    let crash_and_return = vec![
        Intervention::new(seconds(1), Action::Crash(NodeId(0))),
        Intervention::new(seconds(2), Action::Restart(NodeId(0))),
        Intervention::new(seconds(2), Action::Crash(NodeId(4))),
        Intervention::new(seconds(3), Action::Partition(vec![vec![NodeId(1)]])),
    ];
    let world = run(5, 3, 3, 3, crash_and_return, seconds(5));
    assert_eq!(world.metrics().count("stale read"), 0);
    assert!(world.metrics().totals.succeeded > 150, "{:?}", world.metrics().totals);
}

#[test]
fn small_quorums_can_read_stale_data() {
    let world = run(3, 1, 1, 1, shifting_partitions(), seconds(4));
    let t = tally(&world, 3);
    assert!(t.stale_reads >= 3, "{t:?}");
    assert!(t.reads_ok + t.writes_ok >= 30, "small quorums stay available: {t:?}");
}

#[test]
fn too_few_replicas_means_the_write_fails() {
    let (network, setups) = quorum_cluster(3, 2, 2, 2);
    let mut world = World::new(9, &network, setups);
    world.run_until(seconds(1));
    let before = tally(&world, 3);
    assert!(before.writes_ok > 0 && before.writes_failed == 0, "{before:?}");
    for replica in [1, 2] {
        if let Err(e) = world.apply(&Action::Crash(NodeId(replica))) {
            panic!("{e}");
        }
    }
    world.run_until(seconds(4));
    let after = tally(&world, 3);
    let succeeded = |t: QuorumTally| t.reads_ok + t.writes_ok;
    assert!(
        succeeded(after) <= succeeded(before) + 1,
        "at most the operation in flight: {after:?}"
    );
    assert!(after.writes_failed >= 3, "{after:?}");
    assert!(after.reads_failed >= 3, "reads need two answers too: {after:?}");
    assert!(world.metrics().count("no quorum") >= 12);
}

#[test]
fn same_seed_and_interventions_give_the_same_run() {
    let faults = vec![
        Intervention::new(millis(700), Action::Crash(NodeId(1))),
        Intervention::new(millis(1_500), Action::Partition(vec![vec![NodeId(0), NodeId(5)]])),
        Intervention::new(millis(2_500), Action::HealAll),
        Intervention::new(millis(2_600), Action::Restart(NodeId(1))),
        Intervention::new(millis(3_000), Action::Pause(NodeId(2))),
        Intervention::new(millis(3_800), Action::Resume(NodeId(2))),
    ];
    let digest = || run(5, 2, 2, 3, faults.clone(), seconds(5)).trace().digest();
    assert_eq!(digest(), digest());
}
