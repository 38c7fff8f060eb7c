//! The work estimate against real runs: for random valid scenarios of every
//! cluster kind, with and without a network of their own, the events a run
//! processes to reach its playhead stay within [`FACTOR`] of
//! `Scenario::estimated_events`. Heavy scenarios are checked by the estimate
//! alone. A failing case prints the scenario and both numbers.
#![cfg(not(target_arch = "wasm32"))]

use many_nodes::lessons::LESSONS;
use many_nodes::protocols::{election, gossip, lamport, quorum, replication, rpc, sharding};
use many_nodes::scenario::{ClusterSpec, Scenario};
use many_nodes::sim::{millis, seconds, Action, Intervention, LinkConfig, MINUTE};
use proptest::prelude::*;

/// A run processes between the estimate divided by this and the estimate
/// times this.
const FACTOR: f64 = 4.0;

/// Tiny runs may be off by this many events whatever the factor: a request
/// or a tick more or less than the average is a large share of a few.
const SLACK: f64 = 40.0;

/// The most events a case is allowed to estimate, so each one runs quickly.
const BUDGET: u64 = 150_000;

/// The estimate is a rate: it does not see that a run's first messages are
/// still on the wire. Playheads are at least this many one-way delays long.
const DELAYS: u64 = 8;

/// The estimate is an average: it does not see the burst of first
/// heartbeats or requests most clusters send together near 100 ms, so
/// playheads are at least this late.
const EARLIEST: u64 = millis(150);

/// Runs are cut short once they pass this many times the estimate (they
/// fail anyway), so a bad estimate cannot make the test crawl.
const RUNAWAY: f64 = 2.0 * FACTOR;

/// Engine events of a run built as the app builds it, seeking to the
/// playhead in a few steps; stops early when it has clearly run away.
/// `None` when the playhead is too close to the start ([`EARLIEST`], and
/// [`DELAYS`] of the link's slowest delivery).
fn events_run(scenario: &Scenario, estimate: u64) -> Result<Option<u64>, String> {
    let mut run = scenario.build().map_err(|e| format!("{e:?}"))?;
    let link = run.default_link();
    if scenario.playhead < (DELAYS * (link.latency + link.jitter)).max(EARLIEST) {
        return Ok(None);
    }
    let cap = (estimate as f64 * RUNAWAY + SLACK) as u64;
    for step in 1..=8 {
        run.seek(scenario.playhead * step / 8);
        if run.events_processed() > cap {
            break;
        }
    }
    Ok(Some(run.events_processed()))
}

fn within_factor(actual: u64, estimate: u64) -> bool {
    let (actual, estimate) = (actual as f64, estimate as f64);
    actual <= estimate * FACTOR + SLACK && actual * FACTOR + SLACK >= estimate
}

/// Whether the run may, by bad luck, stop early with few events: gossip
/// whose news dies out unless enough of its messages arrive. The chance
/// that it dies out is that of a branching process where each peer who
/// hears tells `rounds * fanout` others, each message arriving with the
/// link's chance; above one in a hundred, only the upper side is checked.
fn may_die_out(scenario: &Scenario) -> bool {
    let ClusterSpec::Gossip(g) = scenario.cluster else {
        return false;
    };
    let link = scenario.network.unwrap_or(gossip::network().default_link);
    let (loss, duplicate) = (f64::from(link.loss) / 1e6, f64::from(link.duplicate) / 1e6);
    let reach = 1.0 - loss * (1.0 - duplicate + duplicate * loss);
    let tells = f64::from(g.rounds * g.fanout.min(g.nodes.saturating_sub(1)));
    let dies = (0..200).fold(0.0, |q: f64, _| (1.0 - reach + reach * q).powf(tells));
    g.nodes > 1 && dies > 0.01
}

fn node_count() -> impl Strategy<Value = u32> {
    prop_oneof![1..=5u32, 1..=40u32]
}

fn timing_ms() -> impl Strategy<Value = u32> {
    prop_oneof![1..=50u32, 1..=2_000u32, 1..=60_000u32]
}

/// Every cluster kind, parameters across their valid ranges but with node
/// counts kept small enough to simulate quickly.
fn cluster() -> impl Strategy<Value = ClusterSpec> {
    prop_oneof![
        Just(ClusterSpec::LoneProcess(rpc::LoneProcess)),
        (proptest::option::of(0..=30u32), 0..=100u32, any::<bool>()).prop_map(|(requests, max_retries, keys)| {
            ClusterSpec::ClientServer(rpc::ClientServer {
                requests,
                max_retries,
                idempotency_keys: keys,
            })
        }),
        Just(ClusterSpec::WebAndDatabase(rpc::WebAndDatabase)),
        Just(ClusterSpec::Wordpress(rpc::Wordpress)),
        (0..=1_000_000u32, any::<bool>()).prop_map(|(loss_ppm, keys)| ClusterSpec::RetryingSave(rpc::RetryingSave {
            loss_ppm,
            idempotency_keys: keys,
        })),
        (node_count(), node_count(), 0..=200u32, timing_ms(), any::<bool>()).prop_map(
            |(clients, servers, service_ms, every_ms, skip_silent)| {
                ClusterSpec::ScaleOut(rpc::ScaleOut {
                    clients,
                    servers,
                    service_ms,
                    every_ms,
                    skip_silent,
                })
            },
        ),
        any::<bool>().prop_map(|local_servers| ClusterSpec::Geography(rpc::Geography { local_servers })),
        (node_count(), 0..=10u32, any::<bool>(), any::<bool>(), any::<bool>()).prop_map(
            |(replicas, clients, synchronous, prefer_availability, start_in_touch)| ClusterSpec::PrimaryBackup(
                replication::PrimaryBackup {
                    replicas,
                    clients,
                    synchronous,
                    prefer_availability,
                    start_in_touch,
                }
            )
        ),
        (node_count(), any::<u32>(), any::<u32>(), 0..=10u32).prop_map(|(n, r, w, clients)| ClusterSpec::Quorum(
            quorum::Quorum {
                n,
                r: 1 + r % n,
                w: 1 + w % n,
                clients,
            }
        )),
        (node_count(), 0..=20u32, prop_oneof![Just(0u32), 0..=1_000_000u32]).prop_map(
            |(shards, clients, hot_key_ppm)| ClusterSpec::Shards(sharding::Shards {
                shards,
                clients,
                hot_key_ppm,
            })
        ),
        node_count().prop_map(|nodes| ClusterSpec::ClockGossip(lamport::ClockGossip { nodes })),
        (node_count(), -100_000..=100_000i32)
            .prop_map(|(nodes, drift_ppm)| ClusterSpec::ClockDrift(lamport::ClockDrift { nodes, drift_ppm })),
        (0..=3_600_000u32, 0..=10_000u32)
            .prop_map(|(b_behind_ms, rounds)| ClusterSpec::ClockChat(lamport::ClockChat { b_behind_ms, rounds })),
        (node_count(), timing_ms())
            .prop_map(|(nodes, timeout_ms)| ClusterSpec::Election(election::Election { nodes, timeout_ms })),
        (1..=200u32).prop_map(|clients| ClusterSpec::CentralServer(rpc::CentralServer { clients })),
        (node_count(), 1..=8u32, timing_ms(), 1..=20u32).prop_map(|(nodes, fanout, every_ms, rounds)| {
            ClusterSpec::Gossip(gossip::Gossip {
                nodes,
                fanout,
                every_ms: every_ms.max(10),
                rounds,
            })
        }),
    ]
}

fn delay() -> impl Strategy<Value = u64> {
    prop_oneof![0..=millis(20), 0..=millis(500), 0..=seconds(60)]
}

fn chance() -> impl Strategy<Value = u32> {
    prop_oneof![Just(0u32), 0..=200_000u32, 0..=1_000_000u32]
}

fn link() -> impl Strategy<Value = LinkConfig> {
    (delay(), delay(), chance(), chance(), chance()).prop_map(|(latency, jitter, loss, duplicate, reorder)| {
        LinkConfig {
            latency,
            jitter: jitter / 4,
            loss,
            duplicate,
            reorder,
            bandwidth: None,
        }
    })
}

/// A scenario whose playhead is somewhere in the first half hour, brought
/// forward until its estimate fits the budget, on a link no slower than
/// [`DELAYS`] times shorter than the playhead.
fn scenario() -> impl Strategy<Value = Scenario> {
    (
        cluster(),
        any::<u64>(),
        proptest::option::of(link()),
        prop_oneof![1..=2_000u64, 1..=30 * 60_000u64],
    )
        .prop_map(|(cluster, seed, network, playhead_ms)| {
            let mut scenario = Scenario::new(cluster, seed);
            scenario.network = network;
            scenario.playhead = millis(playhead_ms);
            for _ in 0..4 {
                let estimate = scenario.estimated_events();
                if estimate > BUDGET {
                    scenario.playhead = (scenario.playhead as f64 * BUDGET as f64 / estimate as f64) as u64;
                }
                if let Some(link) = scenario.network.as_mut() {
                    link.latency = link.latency.min(scenario.playhead / DELAYS);
                    link.jitter = link.jitter.min(scenario.playhead / DELAYS);
                }
            }
            scenario
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn the_estimate_is_within_a_factor_of_the_events_run(scenario in scenario()) {
        let estimate = scenario.estimated_events();
        let actual = events_run(&scenario, estimate).map_err(TestCaseError::fail)?;
        prop_assume!(actual.is_some(), "the playhead is too early");
        let actual = actual.unwrap_or_default();
        let above = actual as f64 <= estimate as f64 * FACTOR + SLACK;
        prop_assert!(
            within_factor(actual, estimate) || (above && may_die_out(&scenario)),
            "ran {actual} events, estimated {estimate} (allowed a factor of {FACTOR}) for {scenario:?}"
        );
    }
}

fn at(cluster: ClusterSpec, playhead: u64) -> Scenario {
    let mut scenario = Scenario::new(cluster, 1);
    scenario.playhead = playhead;
    scenario
}

#[test]
fn a_huge_election_on_a_tiny_timeout_needs_billions_of_events() {
    let scenario = at(
        ClusterSpec::Election(election::Election {
            nodes: 499,
            timeout_ms: 1,
        }),
        29 * MINUTE + seconds(59),
    );
    let estimate = scenario.estimated_events();
    assert!(estimate > 1_000_000_000, "estimated {estimate}");
}

#[test]
fn busy_clusters_at_their_limits_need_far_more_than_fifty_million_events() {
    let long = 29 * MINUTE + seconds(59);
    let heavy = [
        ClusterSpec::ScaleOut(rpc::ScaleOut {
            clients: 250,
            servers: 249,
            service_ms: 1,
            every_ms: 1,
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
            n: 250,
            r: 125,
            w: 125,
            clients: 250,
        }),
        ClusterSpec::Shards(sharding::Shards {
            shards: 100,
            clients: 400,
            hot_key_ppm: 0,
        }),
    ];
    for cluster in heavy {
        let estimate = at(cluster, long).estimated_events();
        assert!(estimate > 250_000_000, "{cluster:?}: estimated {estimate}");
    }
}

#[test]
fn every_lesson_scenario_stays_well_under_fifty_million_events_to_ten_minutes() {
    let mut checked = 0;
    for lesson in LESSONS {
        for index in 0..lesson.steps.len() {
            let Some(mut scenario) = lesson.scenario_for(index) else {
                continue;
            };
            scenario.playhead = 10 * MINUTE;
            let estimate = scenario.estimated_events();
            assert!(
                estimate < 10_000_000,
                "{} step {index}: estimated {estimate}",
                lesson.slug
            );
            checked += 1;
        }
    }
    assert!(checked >= LESSONS.len(), "only {checked} lesson scenarios");
}

#[test]
fn the_busiest_link_set_during_the_run_counts() {
    let mut scenario = at(
        ClusterSpec::Election(election::Election {
            nodes: 30,
            timeout_ms: 150,
        }),
        MINUTE,
    );
    let calm = scenario.estimated_events();
    let slow = LinkConfig {
        latency: seconds(1),
        ..LinkConfig::default()
    };
    scenario.interventions.push(Intervention {
        at: seconds(30),
        action: Action::SetNetwork(slow),
    });
    let stormy = scenario.estimated_events();
    assert!(stormy > 2 * calm, "{stormy} against {calm}");
    scenario.network = Some(slow);
    scenario.interventions.clear();
    assert_eq!(scenario.estimated_events(), stormy);
}

#[test]
fn a_cluster_that_stops_makes_no_more_work_after_it_stops() {
    let chat = ClusterSpec::ClockChat(lamport::ClockChat {
        b_behind_ms: 0,
        rounds: 10,
    });
    assert_eq!(
        at(chat, MINUTE).estimated_events(),
        at(chat, 30 * MINUTE).estimated_events()
    );
    let busy = ClusterSpec::ClockGossip(lamport::ClockGossip { nodes: 3 });
    assert!(at(busy, 30 * MINUTE).estimated_events() > at(busy, MINUTE).estimated_events());
}

#[test]
fn the_rate_grows_with_the_cluster_and_the_link_s_duplicates() {
    let link = LinkConfig::default();
    let rate = |cluster: ClusterSpec, link: &LinkConfig| cluster.events_per_second(link);
    let small = ClusterSpec::Election(election::Election {
        nodes: 3,
        timeout_ms: 150,
    });
    let large = ClusterSpec::Election(election::Election {
        nodes: 30,
        timeout_ms: 150,
    });
    assert!(rate(large, &link) > 5.0 * rate(small, &link));
    let doubled = LinkConfig {
        duplicate: 1_000_000,
        ..link
    };
    assert!(rate(large, &doubled) > 1.5 * rate(large, &link));
}

#[test]
fn the_slowest_and_lossiest_links_give_a_finite_estimate() {
    let worst = LinkConfig {
        latency: seconds(60),
        jitter: seconds(60),
        loss: 1_000_000,
        duplicate: 1_000_000,
        reorder: 1_000_000,
        bandwidth: None,
    };
    let clusters = [
        ClusterSpec::Wordpress(rpc::Wordpress),
        ClusterSpec::ClientServer(rpc::ClientServer {
            requests: None,
            max_retries: 100,
            idempotency_keys: true,
        }),
        ClusterSpec::ScaleOut(rpc::ScaleOut {
            clients: 10,
            servers: 1,
            service_ms: 60_000,
            every_ms: 1,
            skip_silent: false,
        }),
        ClusterSpec::Quorum(quorum::Quorum {
            n: 5,
            r: 5,
            w: 5,
            clients: 5,
        }),
        ClusterSpec::Election(election::Election {
            nodes: 5,
            timeout_ms: 1,
        }),
        ClusterSpec::Gossip(gossip::Gossip {
            nodes: 5,
            fanout: 4,
            every_ms: 10,
            rounds: 100,
        }),
    ];
    for cluster in clusters {
        for link in [worst, LinkConfig { loss: 0, ..worst }] {
            let rate = cluster.events_per_second(&link);
            assert!(rate.is_finite() && rate > 0.0, "{cluster:?} on {link:?}: {rate}");
            let mut scenario = at(cluster, MINUTE);
            scenario.network = Some(link);
            assert!(
                scenario.estimated_events() > cluster.node_count(),
                "{cluster:?} on {link:?}"
            );
        }
    }
}
