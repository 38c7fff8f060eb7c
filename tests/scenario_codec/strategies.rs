//! Generated valid scenarios, for the round-trip property.

use many_nodes::protocols::{election, gossip, lamport, quorum, replication, rpc, sharding};
use many_nodes::scenario::limits::{MAX_EVENTS_TO_OPEN, MAX_LINK_DELAY, MAX_PPM, MAX_PRESET_MS, MAX_TIME};
use many_nodes::scenario::{ClusterSpec, LessonStep, Scenario};
use many_nodes::sim::{Action, Intervention, LinkConfig, NodeId};
use proptest::collection::vec;
use proptest::option;
use proptest::prelude::*;

pub fn cluster() -> impl Strategy<Value = ClusterSpec> {
    prop_oneof![
        Just(ClusterSpec::LoneProcess(rpc::LoneProcess)),
        (option::of(0..50u32), 0..=5u32, any::<bool>()).prop_map(|(requests, max_retries, idempotency_keys)| {
            ClusterSpec::ClientServer(rpc::ClientServer {
                requests,
                max_retries,
                idempotency_keys,
            })
        }),
        Just(ClusterSpec::WebAndDatabase(rpc::WebAndDatabase)),
        Just(ClusterSpec::Wordpress(rpc::Wordpress)),
        (0..=MAX_PPM, any::<bool>()).prop_map(|(loss_ppm, idempotency_keys)| ClusterSpec::RetryingSave(
            rpc::RetryingSave {
                loss_ppm,
                idempotency_keys
            }
        )),
        any::<bool>().prop_map(|local_servers| ClusterSpec::Geography(rpc::Geography { local_servers })),
        (1..8u32, 0..8u32, any::<bool>(), any::<bool>(), any::<bool>()).prop_map(
            |(replicas, clients, synchronous, prefer_availability, start_in_touch)| ClusterSpec::PrimaryBackup(
                replication::PrimaryBackup {
                    replicas,
                    clients,
                    synchronous,
                    prefer_availability,
                    start_in_touch
                }
            )
        ),
        (1..8u32, 0..8u32)
            .prop_flat_map(|(n, clients)| (Just(n), 1..=n, 1..=n, Just(clients)))
            .prop_map(|(n, r, w, clients)| ClusterSpec::Quorum(quorum::Quorum { n, r, w, clients })),
        (1..10u32, 0..10u32, 0..=MAX_PPM).prop_map(|(shards, clients, hot_key_ppm)| ClusterSpec::Shards(
            sharding::Shards {
                shards,
                clients,
                hot_key_ppm
            }
        )),
        (1..30u32).prop_map(|nodes| ClusterSpec::ClockGossip(lamport::ClockGossip { nodes })),
        (0..3_600_000u32, 0..100u32)
            .prop_map(|(b_behind_ms, rounds)| ClusterSpec::ClockChat(lamport::ClockChat { b_behind_ms, rounds })),
        (1..30u32, 1..=MAX_PRESET_MS)
            .prop_map(|(nodes, timeout_ms)| ClusterSpec::Election(election::Election { nodes, timeout_ms })),
        (0..30u32).prop_map(|clients| ClusterSpec::CentralServer(rpc::CentralServer { clients })),
        (1..30u32, -100_000..=100_000i32)
            .prop_map(|(nodes, drift_ppm)| ClusterSpec::ClockDrift(lamport::ClockDrift { nodes, drift_ppm })),
        (1..20u32, 1..20u32, 0..=MAX_PRESET_MS, 1..=MAX_PRESET_MS, any::<bool>()).prop_map(
            |(clients, servers, service_ms, every_ms, skip_silent)| ClusterSpec::ScaleOut(rpc::ScaleOut {
                clients,
                servers,
                service_ms,
                every_ms,
                skip_silent,
            })
        ),
        (1..40u32, 1..40u32, 10..=MAX_PRESET_MS, 1..=100u32).prop_map(|(nodes, fanout, every_ms, rounds)| {
            ClusterSpec::Gossip(gossip::Gossip {
                nodes,
                fanout,
                every_ms,
                rounds,
            })
        }),
    ]
}

pub fn link_config() -> impl Strategy<Value = LinkConfig> {
    (
        0..=MAX_LINK_DELAY,
        0..=MAX_LINK_DELAY,
        0..=MAX_PPM,
        0..=MAX_PPM,
        0..=MAX_PPM,
        option::of(any::<u64>()),
    )
        .prop_map(|(latency, jitter, loss, duplicate, reorder, bandwidth)| LinkConfig {
            latency,
            jitter,
            loss,
            duplicate,
            reorder,
            bandwidth,
        })
}

pub fn action(nodes: u32) -> impl Strategy<Value = Action> {
    let node = (0..nodes).prop_map(NodeId);
    prop_oneof![
        node.clone().prop_map(Action::Crash),
        node.clone().prop_map(Action::Restart),
        node.clone().prop_map(Action::Pause),
        node.clone().prop_map(Action::Resume),
        (node.clone(), node.clone()).prop_map(|(from, to)| Action::CutLink { from, to }),
        (node.clone(), node.clone()).prop_map(|(from, to)| Action::HealLink { from, to }),
        vec(vec(node, 0..5), 0..4).prop_map(Action::Partition),
        Just(Action::HealAll),
        any::<u64>().prop_map(Action::DropMessage),
        (any::<u64>(), 0..=MAX_TIME).prop_map(|(message, by)| Action::DelayMessage { message, by }),
        link_config().prop_map(Action::SetNetwork),
    ]
}

pub fn scenario() -> impl Strategy<Value = Scenario> {
    cluster()
        .prop_flat_map(|cluster| {
            let nodes = cluster.node_count() as u32;
            (
                Just(cluster),
                option::of((any::<u8>(), any::<u8>())),
                any::<u64>(),
                "[a-zA-Z0-9 <>&'\"/éß漢字🙂]{0,80}",
                "[a-z .<>\n漢🙂]{0,300}",
                option::of(link_config()),
                vec((0..=MAX_TIME, action(nodes)), 0..30),
                0..=MAX_TIME,
            )
        })
        .prop_map(
            |(cluster, lesson, seed, name, note, network, interventions, playhead)| {
                within_the_work_limit(Scenario {
                    lesson: lesson.map(|(lesson, step)| LessonStep { lesson, step }),
                    seed,
                    name,
                    note,
                    cluster,
                    network,
                    interventions: interventions
                        .into_iter()
                        .map(|(at, action)| Intervention::new(at, action))
                        .collect(),
                    playhead,
                })
            },
        )
}

/// The scenario with its playhead brought early enough that reaching it is
/// within the work limit (halving it until it is).
pub fn within_the_work_limit(mut scenario: Scenario) -> Scenario {
    while scenario.playhead > 0 && scenario.estimated_events() > MAX_EVENTS_TO_OPEN {
        scenario.playhead /= 2;
    }
    scenario
}
