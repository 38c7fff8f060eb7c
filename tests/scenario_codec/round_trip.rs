//! Short links, same runs: every valid scenario survives the trip through
//! a link, and a shared link rebuilds the very run the sender saw.

use super::strategies::scenario;
use many_nodes::protocols::{election, lamport, quorum, replication, rpc, sharding};
use many_nodes::scenario::limits::{MAX_PPM, MAX_PRESET_MS};
use many_nodes::scenario::{decode, encode, ClusterSpec, LessonStep, Scenario, LINK_PREFIX};
use many_nodes::sim::{millis, seconds, Action, DropReason, Intervention, LinkConfig, NodeId, TraceKind};
use proptest::prelude::*;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn any_valid_scenario_round_trips(scenario in scenario()) {
        prop_assert_eq!(scenario.validate(), Ok(()));
        let link = encode(&scenario);
        prop_assert!(link.starts_with(LINK_PREFIX));
        prop_assert!(link.bytes().all(|b| b.is_ascii_alphanumeric() || b"-_.".contains(&b)), "{}", link);
        prop_assert_eq!(decode(&link), Ok(scenario));
    }
}

/// Ten nodes, twenty interventions of every common kind, a name and a note.
pub fn classroom_scenario() -> Scenario {
    let mut scenario = Scenario::new(ClusterSpec::Wordpress(rpc::Wordpress), 0x5eed_cafe_f00d_0001);
    scenario.lesson = Some(LessonStep { lesson: 4, step: 2 });
    scenario.name = "The cache goes down".to_string();
    scenario.note = "Watch the database replica.\nWhat do the readers see?".to_string();
    scenario.network = Some(LinkConfig {
        loss: 20_000,
        ..LinkConfig::default()
    });
    scenario.interventions = (0..20u64)
        .map(|i| {
            let node = NodeId((i % 10) as u32);
            let action = match i % 5 {
                0 => Action::Crash(node),
                1 => Action::Restart(node),
                2 => Action::CutLink {
                    from: node,
                    to: NodeId(9),
                },
                3 => Action::Partition(vec![vec![NodeId(7), NodeId(8)], vec![node]]),
                _ => Action::HealAll,
            };
            Intervention::new(millis(350 * i + 123), action)
        })
        .collect();
    scenario.playhead = seconds(9) + 456;
    scenario
}

#[test]
fn a_ten_node_scenario_with_twenty_interventions_fits_in_a_short_link() {
    let scenario = classroom_scenario();
    assert_eq!(scenario.cluster.node_count(), 10);
    assert_eq!(scenario.interventions.len(), 20);
    let link = encode(&scenario);
    println!("10 nodes, 20 interventions, name and note: {} characters", link.len());
    assert!(link.len() < 1_000, "{} characters: {link}", link.len());
    assert_eq!(decode(&link), Ok(scenario));
}

#[test]
fn decoding_a_shared_link_gives_the_same_run() {
    for cluster in [
        ClusterSpec::Wordpress(rpc::Wordpress),
        ClusterSpec::PrimaryBackup(replication::PrimaryBackup {
            replicas: 3,
            clients: 2,
            synchronous: true,
            prefer_availability: false,
            start_in_touch: true,
        }),
        ClusterSpec::Election(election::Election {
            nodes: 5,
            timeout_ms: 150,
        }),
        ClusterSpec::ClockChat(lamport::ClockChat {
            b_behind_ms: 40,
            rounds: 5,
        }),
    ] {
        let mut sent = Scenario::new(cluster, 42);
        sent.network = Some(LinkConfig {
            loss: 30_000,
            duplicate: 20_000,
            reorder: 40_000,
            ..LinkConfig::default()
        });
        let mut sender = sent.build().expect("a valid scenario builds");
        assert_eq!(sender.now(), 0, "building does not move time on");
        sender.advance_to(millis(600));
        sender.intervene(Action::Crash(NodeId(1))).expect("node 1 exists");
        sender.advance_to(millis(1_300));
        if let Some(message) = sender.snapshot().messages.first() {
            sender
                .intervene(Action::DropMessage(message.id))
                .expect("it is on the wire");
        }
        sender
            .intervene(Action::Partition(vec![vec![NodeId(0), NodeId(2)]]))
            .expect("nodes exist");
        sender.advance_to(millis(2_100));
        sender.intervene(Action::HealAll).expect("always possible");
        sender.intervene(Action::Restart(NodeId(1))).expect("node 1 exists");
        sender.advance_to(millis(3_333));
        sent.capture(&*sender);

        let received = decode(&encode(&sent)).expect("a valid link opens");
        assert_eq!(received, sent);
        let mut receiver = received.build().expect("a valid scenario builds");
        receiver.seek(received.playhead);
        assert_eq!(receiver.now(), sender.now());
        assert_eq!(receiver.digest(), sender.digest(), "{cluster:?}");
        assert_eq!(receiver.snapshot(), sender.snapshot(), "{cluster:?}");
    }
}

#[test]
fn the_seed_and_the_network_override_shape_the_run() {
    let digest_of = |scenario: &Scenario| {
        let mut run = scenario.build().expect("a valid scenario builds");
        run.advance_to(seconds(2));
        run.digest()
    };
    let spec = ClusterSpec::Quorum(quorum::Quorum {
        n: 3,
        r: 2,
        w: 2,
        clients: 2,
    });
    assert_ne!(digest_of(&Scenario::new(spec, 1)), digest_of(&Scenario::new(spec, 2)));

    let mut lossless = Scenario::new(
        ClusterSpec::ClientServer(rpc::ClientServer {
            requests: None,
            max_retries: 2,
            idempotency_keys: false,
        }),
        1,
    );
    lossless.network = Some(LinkConfig {
        loss: MAX_PPM,
        ..LinkConfig::default()
    });
    let mut run = lossless.build().expect("a valid scenario builds");
    run.advance_to(seconds(3));
    let fates: Vec<_> = run
        .trace()
        .events()
        .filter_map(|e| match e.kind {
            TraceKind::Delivered { .. } => Some(None),
            TraceKind::Dropped { reason, .. } => Some(Some(reason)),
            _ => None,
        })
        .collect();
    assert!(!fates.is_empty());
    assert!(fates.iter().all(|&fate| fate == Some(DropReason::Loss)), "{fates:?}");
}

/// Every cluster at the small and the large ends of its ranges: it has the
/// nodes it says and runs without trouble.
#[test]
fn every_cluster_has_the_nodes_it_says_and_runs_at_the_edges_of_its_ranges() {
    let small = [
        ClusterSpec::LoneProcess(rpc::LoneProcess),
        ClusterSpec::ClientServer(rpc::ClientServer {
            requests: Some(0),
            max_retries: 0,
            idempotency_keys: false,
        }),
        ClusterSpec::WebAndDatabase(rpc::WebAndDatabase),
        ClusterSpec::Wordpress(rpc::Wordpress),
        ClusterSpec::RetryingSave(rpc::RetryingSave {
            loss_ppm: MAX_PPM,
            idempotency_keys: true,
        }),
        ClusterSpec::ScaleOut(rpc::ScaleOut {
            clients: 1,
            servers: 1,
            service_ms: 0,
            every_ms: 1,
            skip_silent: false,
        }),
        ClusterSpec::ScaleOut(rpc::ScaleOut {
            clients: 1,
            servers: 1,
            service_ms: 0,
            every_ms: 1,
            skip_silent: true,
        }),
        ClusterSpec::Geography(rpc::Geography { local_servers: true }),
        ClusterSpec::PrimaryBackup(replication::PrimaryBackup {
            replicas: 1,
            clients: 0,
            synchronous: false,
            prefer_availability: true,
            start_in_touch: true,
        }),
        ClusterSpec::Quorum(quorum::Quorum {
            n: 1,
            r: 1,
            w: 1,
            clients: 0,
        }),
        ClusterSpec::Shards(sharding::Shards {
            shards: 1,
            clients: 0,
            hot_key_ppm: MAX_PPM,
        }),
        ClusterSpec::ClockGossip(lamport::ClockGossip { nodes: 1 }),
        ClusterSpec::ClockChat(lamport::ClockChat {
            b_behind_ms: 0,
            rounds: 0,
        }),
        ClusterSpec::Election(election::Election {
            nodes: 1,
            timeout_ms: 1,
        }),
        ClusterSpec::CentralServer(rpc::CentralServer { clients: 0 }),
        ClusterSpec::ClockDrift(lamport::ClockDrift {
            nodes: 1,
            drift_ppm: -100_000,
        }),
    ];
    let large = [
        ClusterSpec::ClientServer(rpc::ClientServer {
            requests: Some(u32::MAX),
            max_retries: 100,
            idempotency_keys: true,
        }),
        ClusterSpec::ScaleOut(rpc::ScaleOut {
            clients: 200,
            servers: 299,
            service_ms: MAX_PRESET_MS,
            every_ms: 5,
            skip_silent: false,
        }),
        ClusterSpec::PrimaryBackup(replication::PrimaryBackup {
            replicas: 250,
            clients: 250,
            synchronous: true,
            prefer_availability: false,
            start_in_touch: true,
        }),
        ClusterSpec::Quorum(quorum::Quorum {
            n: 400,
            r: 400,
            w: 1,
            clients: 100,
        }),
        ClusterSpec::Shards(sharding::Shards {
            shards: 450,
            clients: 50,
            hot_key_ppm: 0,
        }),
        ClusterSpec::ClockGossip(lamport::ClockGossip { nodes: 500 }),
        ClusterSpec::ClockChat(lamport::ClockChat {
            b_behind_ms: 3_600_000,
            rounds: 10_000,
        }),
        ClusterSpec::Election(election::Election {
            nodes: 500,
            timeout_ms: 20,
        }),
        ClusterSpec::CentralServer(rpc::CentralServer { clients: 499 }),
        ClusterSpec::ClockDrift(lamport::ClockDrift {
            nodes: 500,
            drift_ppm: 100_000,
        }),
    ];
    for (specs, run_for) in [(&small[..], seconds(1)), (&large[..], millis(100))] {
        for &spec in specs {
            let mut run = Scenario::new(spec, 9).build().expect("within its ranges");
            assert_eq!(run.snapshot().nodes.len() as u64, spec.node_count(), "{spec:?}");
            run.advance_to(run_for);
            assert_eq!(run.now(), run_for);
        }
    }
}
