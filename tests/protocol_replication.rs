//! Replication and the CAP trade-off: a backup takes over when the primary
//! dies, copies on other replicas keep data safe, a restarted replica catches
//! up, and during a partition replicas either refuse (Consistency) or serve
//! possibly stale data (Availability) and converge once it heals.

use many_nodes::protocols::replication::{
    client_config, cluster, primary_backup, replica_config, split_replicas, Client, PartitionChoice, Replica,
    ReplicaConfig, ReplicationNode, Target, WriteMode,
};
use many_nodes::sim::{millis, seconds, Action, Intervention, NetworkConfig, NodeId, NodeSetup, Part, Timeline, World};

const REPLICAS: u32 = 3;

fn replica(world: &World<ReplicationNode>, id: u32) -> &Replica {
    match world.behaviour(NodeId(id)).and_then(ReplicationNode::as_replica) {
        Some(replica) => replica,
        None => panic!("#{id} should be a replica"),
    }
}

fn client(world: &World<ReplicationNode>, id: u32) -> &Client {
    match world.behaviour(NodeId(id)).and_then(ReplicationNode::as_client) {
        Some(client) => client,
        None => panic!("#{id} should be a client"),
    }
}

fn apply(world: &mut World<ReplicationNode>, action: Action) {
    if let Err(e) = world.apply(&action) {
        panic!("{action:?}: {e}");
    }
}

fn primaries(world: &World<ReplicationNode>) -> Vec<u32> {
    (0..REPLICAS).filter(|&i| replica(world, i).is_primary()).collect()
}

/// Three replicas and two clients, the first asking the primary and the
/// second asking replica 2.
fn primary_and_replica_two(choice: PartitionChoice) -> (NetworkConfig, Vec<NodeSetup<ReplicationNode>>) {
    cluster(
        replica_config(REPLICAS, WriteMode::Synchronous, choice),
        vec![
            client_config(REPLICAS, Target::Primary),
            client_config(REPLICAS, Target::Replica(NodeId(2))),
        ],
    )
}

/// Three replicas under Availability and two clients that pick a random
/// replica for every attempt.
fn load_balanced() -> (NetworkConfig, Vec<NodeSetup<ReplicationNode>>) {
    let client = client_config(REPLICAS, Target::Random);
    cluster(
        replica_config(REPLICAS, WriteMode::Synchronous, PartitionChoice::Availability),
        vec![client, client],
    )
}

fn world((network, setups): (NetworkConfig, Vec<NodeSetup<ReplicationNode>>)) -> World<ReplicationNode> {
    World::new(11, &network, setups)
}

/// Requests refused to two clients of the primary in the first second of
/// ten runs, on links slow enough (30-40 ms) that a request can beat the
/// first heartbeats, with replicas that start in touch or not.
fn refused_at_boot(start_in_touch: bool) -> u64 {
    let replicas = ReplicaConfig {
        start_in_touch,
        ..replica_config(REPLICAS, WriteMode::Synchronous, PartitionChoice::Consistency)
    };
    (0..10)
        .map(|seed| {
            let (_, setups) = cluster(replicas, vec![client_config(REPLICAS, Target::Primary); 2]);
            let mut w = World::new(seed, &NetworkConfig::uniform(millis(30), millis(10)), setups);
            w.run_until(seconds(1));
            (REPLICAS..REPLICAS + 2)
                .map(|id| client(&w, id).tally().refused)
                .sum::<u64>()
        })
        .sum()
}

#[test]
fn replicas_set_up_together_refuse_nobody_at_boot() {
    assert!(
        refused_at_boot(false) > 0,
        "waiting for heartbeats, the primary refuses what comes before them"
    );
    assert_eq!(refused_at_boot(true), 0, "replicas that start in touch serve at once");
}

#[test]
fn a_restarted_replica_waits_for_heartbeats_even_if_it_started_in_touch() {
    let replicas = ReplicaConfig {
        start_in_touch: true,
        ..replica_config(REPLICAS, WriteMode::Synchronous, PartitionChoice::Consistency)
    };
    let mut w = world(cluster(replicas, vec![]));
    w.run_until(millis(150));
    assert_eq!(replica(&w, 2).heard_from().0, 3, "at its first tick it counts everyone");
    for id in 0..REPLICAS {
        apply(&mut w, Action::Crash(NodeId(id)));
    }
    w.run_until(seconds(2));
    apply(&mut w, Action::Restart(NodeId(2)));
    w.run_until(seconds(2) + millis(150));
    assert_eq!(
        replica(&w, 2).heard_from().0,
        1,
        "back alone after a crash, it counts only itself until it hears the others"
    );
}

#[test]
fn backup_takes_over_after_primary_crash() {
    let mut w = world(primary_backup(
        REPLICAS,
        2,
        WriteMode::Synchronous,
        PartitionChoice::Consistency,
    ));
    w.run_until(seconds(2));
    assert_eq!(primaries(&w), vec![0]);
    apply(&mut w, Action::Crash(NodeId(0)));
    w.run_until(seconds(4));
    assert_eq!(primaries(&w), vec![1], "the lowest-id surviving backup took over");
    assert_eq!(replica(&w, 1).epoch(), 2, "in a new epoch");
    assert_eq!(replica(&w, 2).primary(), Some(NodeId(1)));
    assert_eq!(replica(&w, 2).epoch(), 2);
    assert_eq!(w.metrics().count("failover"), 1);
    let last_second = w.metrics().series()[3];
    assert!(
        last_second.succeeded > 10,
        "clients found the new primary: {last_second:?}"
    );
}

#[test]
fn a_crashed_primary_is_still_shown_as_the_primary_it_was() {
    let mut w = world(primary_backup(
        REPLICAS,
        2,
        WriteMode::Synchronous,
        PartitionChoice::Consistency,
    ));
    w.run_until(seconds(2));
    let role = |w: &World<ReplicationNode>, id: u32| w.snapshot().nodes[id as usize].role.part;
    assert_eq!((role(&w, 0), role(&w, 2)), (Part::Primary, Part::Backup));
    apply(&mut w, Action::Crash(NodeId(0)));
    w.run_until(seconds(4));
    assert_eq!(primaries(&w), vec![1], "a backup took over");
    assert_eq!(role(&w, 0), Part::Primary, "crashed while it was the primary");
    apply(&mut w, Action::Restart(NodeId(0)));
    w.run_until(seconds(6));
    assert_eq!(
        role(&w, 0),
        Part::Backup,
        "back up, it follows the primary elected meanwhile"
    );
    apply(&mut w, Action::Crash(NodeId(2)));
    assert_eq!(role(&w, 2), Part::Backup, "crashed while it was a backup");
}

#[test]
fn crashed_replica_loses_nothing_when_others_hold_copies() {
    let mut w = world(primary_backup(
        REPLICAS,
        2,
        WriteMode::Synchronous,
        PartitionChoice::Consistency,
    ));
    w.run_until(seconds(3));
    apply(&mut w, Action::Crash(NodeId(0)));
    let acknowledged: Vec<_> = (3..5).flat_map(|c| client(&w, c).acknowledged().clone()).collect();
    assert!(acknowledged.len() >= 3, "{acknowledged:?}");
    w.run_until(seconds(5));
    for survivor in [1, 2] {
        for &(key, version) in &acknowledged {
            let held = replica(&w, survivor).store().version(key);
            assert!(
                held >= Some(version),
                "replica {survivor} holds {held:?} for k{key}, acknowledged {version:?}"
            );
        }
    }
}

#[test]
fn restarted_replica_catches_up() {
    let mut w = world(primary_backup(
        REPLICAS,
        2,
        WriteMode::Synchronous,
        PartitionChoice::Consistency,
    ));
    w.run_until(seconds(1));
    apply(&mut w, Action::Crash(NodeId(2)));
    let at_crash = replica(&w, 2).store().clone();
    assert!(!at_crash.is_empty());
    w.run_until(seconds(3));
    let on_primary = replica(&w, 0).store().clone();
    assert_ne!(on_primary, at_crash, "writes went on while it was down");
    apply(&mut w, Action::Restart(NodeId(2)));
    assert_eq!(replica(&w, 2).store(), &at_crash, "its own copy survived the crash");
    w.run_until(millis(3_200));
    for (key, entry) in on_primary.entries() {
        let held = replica(&w, 2).store().version(key);
        assert!(held >= Some(entry.version), "k{key}: {held:?} < {:?}", entry.version);
    }
    assert_eq!(replica(&w, 2).primary(), Some(NodeId(0)));
}

#[test]
fn consistency_choice_refuses_on_the_minority_side() {
    let mut w = world(primary_and_replica_two(PartitionChoice::Consistency));
    w.run_until(seconds(2));
    apply(
        &mut w,
        Action::Partition(vec![vec![NodeId(0), NodeId(1), NodeId(3)], vec![NodeId(2), NodeId(4)]]),
    );
    w.run_until(millis(2_500));
    let minority_before = client(&w, 4).tally();
    let majority_before = client(&w, 3).tally();
    let store_before = replica(&w, 2).store().clone();
    w.run_until(seconds(5));
    let minority = client(&w, 4).tally();
    let majority = client(&w, 3).tally();
    assert_eq!(
        minority.succeeded, minority_before.succeeded,
        "nothing served on the minority side"
    );
    assert!(minority.refused >= minority_before.refused + 10, "{minority:?}");
    assert_eq!(
        replica(&w, 2).store(),
        &store_before,
        "no write accepted on the minority side"
    );
    assert!(majority.succeeded >= majority_before.succeeded + 10, "{majority:?}");
    assert_eq!(majority.refused, 0);
    assert_eq!(w.metrics().count("stale read"), 0);
    apply(&mut w, Action::HealAll);
    w.run_until(seconds(6));
    assert!(
        client(&w, 4).tally().succeeded > minority.succeeded,
        "served again after healing"
    );
}

#[test]
fn availability_choice_serves_stale_reads_during_partition() {
    let mut w = world(load_balanced());
    w.run_until(seconds(2));
    let stale_before = w.metrics().count("stale read");
    let served_before: Vec<u64> = (3..5).map(|c| client(&w, c).tally().succeeded).collect();
    for action in split_replicas(&[NodeId(0), NodeId(1)], &[NodeId(2)]) {
        apply(&mut w, action);
    }
    w.run_until(seconds(5));
    let stale = w.metrics().count("stale read") - stale_before;
    assert!(stale >= 5, "stale reads before {stale_before}, during {stale}");
    assert_eq!(w.metrics().count("refused"), 0, "nobody refuses under Availability");
    for (c, before) in (3..5).zip(served_before) {
        assert!(
            client(&w, c).tally().succeeded >= before + 10,
            "client #{c} kept being served"
        );
    }
    assert_eq!(primaries(&w), vec![0, 2], "each side has its own primary");
}

#[test]
fn replicas_converge_after_partition_heals() {
    let mut w = world(load_balanced());
    w.run_until(seconds(1));
    for action in split_replicas(&[NodeId(0), NodeId(1)], &[NodeId(2)]) {
        apply(&mut w, action);
    }
    w.run_until(seconds(4));
    assert_ne!(replica(&w, 0).store(), replica(&w, 2).store(), "the sides diverged");
    apply(&mut w, Action::HealAll);
    w.run_until(seconds(5));
    apply(&mut w, Action::Crash(NodeId(3)));
    apply(&mut w, Action::Crash(NodeId(4)));
    w.run_until(seconds(6));
    assert_eq!(replica(&w, 0).store(), replica(&w, 2).store());
    assert_eq!(replica(&w, 1).store(), replica(&w, 2).store());
    assert_eq!(primaries(&w).len(), 1, "one primary again");
    let epochs: Vec<u64> = (0..REPLICAS).map(|r| replica(&w, r).epoch()).collect();
    assert!(epochs.iter().all(|&e| e == epochs[0]), "{epochs:?}");
}

#[test]
fn pausing_the_primary_looks_like_a_crash_to_the_backups() {
    let mut w = world(primary_backup(
        REPLICAS,
        2,
        WriteMode::Synchronous,
        PartitionChoice::Consistency,
    ));
    w.run_until(seconds(2));
    apply(&mut w, Action::Pause(NodeId(0)));
    w.run_until(seconds(4));
    assert!(replica(&w, 1).is_primary(), "a backup took over");
    assert_eq!(replica(&w, 1).epoch(), 2);
    assert!(
        replica(&w, 0).is_primary(),
        "the paused primary still believes it leads"
    );
    apply(&mut w, Action::Resume(NodeId(0)));
    w.run_until(millis(4_500));
    assert!(!replica(&w, 0).is_primary(), "on waking it learns of the new epoch");
    assert_eq!(replica(&w, 0).primary(), Some(NodeId(1)));
    assert_eq!(replica(&w, 0).epoch(), 2);
    assert_eq!(w.metrics().count("stepped down"), 1);
    assert_eq!(w.metrics().count("stale read"), 0);
}

#[test]
fn same_seed_and_interventions_give_the_same_run() {
    let faults = vec![
        Intervention::new(millis(800), Action::Crash(NodeId(0))),
        Intervention::new(millis(1_500), Action::Partition(vec![vec![NodeId(1), NodeId(3)]])),
        Intervention::new(millis(2_500), Action::HealAll),
        Intervention::new(millis(2_600), Action::Restart(NodeId(0))),
        Intervention::new(millis(3_000), Action::Pause(NodeId(1))),
        Intervention::new(millis(3_800), Action::Resume(NodeId(1))),
    ];
    let digest = || {
        let mut run = Timeline::new(world(load_balanced()), faults.clone());
        run.advance_to(seconds(5));
        run.world().trace().digest()
    };
    assert_eq!(digest(), digest());
}
