//! Short runs of the lessons' presets that the charts plot next to the live
//! run: the scale-out cluster with one server and then more, the geography
//! cluster's one-way delays, and the primary/backup store through a
//! partition under each choice. Every run is deterministic (fixed seed, no
//! student input), small enough to finish in a few milliseconds, and done
//! once per page: the results are kept for the charts to reuse.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use crate::protocols::replication::{self, PartitionChoice, Target, WriteMode};
use crate::protocols::rpc;
use crate::sim::{millis, seconds, Behaviour, Metrics, NetworkConfig, NodeId, NodeSetup, TraceKind, World};

/// The seed of every experiment run.
const SEED: u64 = 7;

/// The scale-out workload: clients, how often each asks, how long a server
/// takes per request, and the most servers tried.
pub const SCALE_CLIENTS: u32 = 8;
pub const SCALE_EVERY_MS: u64 = 100;
pub const SCALE_SERVICE_MS: u64 = 50;
pub const SCALE_MAX_SERVERS: u32 = 6;

/// How long each scale-out run lasts, and the warm-up left out of its count.
const SCALE_RUN_S: u64 = 6;
const SCALE_WARM_UP_S: u64 = 1;

/// What one size of the scale-out cluster achieved.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ScalePoint {
    pub servers: u32,
    /// Requests answered per second, after the warm-up.
    pub served_per_s: f64,
    /// The median time a client waited for an answer, in milliseconds.
    pub p50_ms: Option<f64>,
}

/// Requests per second the scale-out clients offer together.
pub fn offered_per_s() -> f64 {
    f64::from(SCALE_CLIENTS) * 1_000.0 / SCALE_EVERY_MS as f64
}

/// Requests per second one server can answer.
pub fn server_capacity_per_s() -> f64 {
    1_000.0 / SCALE_SERVICE_MS as f64
}

/// Throughput and median latency for 1 to [`SCALE_MAX_SERVERS`] servers
/// behind the load balancer, all facing the same clients.
pub fn scaling_curve() -> &'static [ScalePoint] {
    static CURVE: OnceLock<Vec<ScalePoint>> = OnceLock::new();
    CURVE.get_or_init(|| (1..=SCALE_MAX_SERVERS).map(scale_run).collect())
}

fn scale_run(servers: u32) -> ScalePoint {
    let cluster = rpc::scale_out(SCALE_CLIENTS, servers, millis(SCALE_SERVICE_MS), millis(SCALE_EVERY_MS));
    let world = run(cluster, seconds(SCALE_RUN_S));
    let metrics = world.metrics();
    let served = served_between(metrics, SCALE_WARM_UP_S, SCALE_RUN_S);
    ScalePoint {
        servers,
        served_per_s: served as f64 / (SCALE_RUN_S - SCALE_WARM_UP_S) as f64,
        p50_ms: metrics.latency_percentile(50).map(|us| us as f64 / 1_000.0),
    }
}

/// A world of `cluster` run to `until` with nothing done to it.
fn run<B: Behaviour>((network, setups): (NetworkConfig, Vec<NodeSetup<B>>), until: u64) -> World<B> {
    let mut world = World::new(SEED, &network, setups);
    world.run_until(until);
    world
}

/// Requests answered from second `from` up to second `to`.
fn served_between(metrics: &Metrics, from: u64, to: u64) -> u64 {
    window(metrics, from, to).map(|b| b.succeeded).sum()
}

/// The buckets of the metrics' series that lie within `[from, to)` seconds.
fn window(metrics: &Metrics, from: u64, to: u64) -> impl Iterator<Item = &crate::sim::metrics::Bucket> {
    let width = metrics.bucket_width().max(1);
    let (first, end) = ((seconds(from) / width) as usize, (seconds(to) / width) as usize);
    metrics.series().iter().take(end).skip(first)
}

/// One measured one-way trip: how far the message went and how long it took.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct DelaySample {
    pub km: f64,
    pub one_way_ms: f64,
}

/// How long the geography run lasts.
const GEOGRAPHY_RUN_S: u64 = 4;

/// The geography cluster (both clients asking the server in Europe) run
/// for a few seconds: for each distance a message travelled, the median
/// one-way delay of the messages that went that far, nearest first.
pub fn measured_delays() -> &'static [DelaySample] {
    static SAMPLES: OnceLock<Vec<DelaySample>> = OnceLock::new();
    SAMPLES.get_or_init(|| {
        let cluster = rpc::geography(false);
        let places: Vec<_> = cluster.1.iter().map(|s| s.place).collect();
        let world = run(cluster, seconds(GEOGRAPHY_RUN_S));
        let place = |node: NodeId| places.get(node.index()).copied();
        let mut trips: BTreeMap<u64, Vec<u64>> = BTreeMap::new();
        for event in world.trace().events() {
            if let TraceKind::Sent {
                from,
                to,
                departs,
                arrives,
                ..
            } = event.kind
            {
                if let (Some(a), Some(b)) = (place(from), place(to)) {
                    trips
                        .entry(a.distance_km(b))
                        .or_default()
                        .push(arrives.saturating_sub(departs));
                }
            }
        }
        trips
            .into_iter()
            .map(|(km, mut delays)| {
                delays.sort_unstable();
                DelaySample {
                    km: km as f64,
                    one_way_ms: delays[delays.len() / 2] as f64 / 1_000.0,
                }
            })
            .collect()
    })
}

/// What clients saw while the replicas were split, under one choice.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ChoiceOutcome {
    pub choice: PartitionChoice,
    /// Requests answered.
    pub served: u64,
    /// Requests refused, failed or given up on.
    pub refused: u64,
    /// Answered reads that returned an older value than the client had written.
    pub stale: u64,
}

/// The primary/backup experiment: replicas, clients, when the primary is cut
/// off from the other replicas and when the network heals, in seconds.
pub const PARTITION_REPLICAS: u32 = 3;
pub const PARTITION_CLIENTS: u32 = 2;
pub const PARTITION_FROM_S: u64 = 2;
pub const PARTITION_UNTIL_S: u64 = 6;

/// Requests served and refused while the primary is cut off from both
/// backups, first preferring availability, then consistency.
pub fn partition_outcomes() -> &'static [ChoiceOutcome; 2] {
    static OUTCOMES: OnceLock<[ChoiceOutcome; 2]> = OnceLock::new();
    OUTCOMES.get_or_init(|| [PartitionChoice::Availability, PartitionChoice::Consistency].map(partition_run))
}

fn partition_run(choice: PartitionChoice) -> ChoiceOutcome {
    let client = replication::client_config(PARTITION_REPLICAS, Target::Random);
    let cluster = replication::cluster(
        replication::replica_config(PARTITION_REPLICAS, WriteMode::Synchronous, choice),
        (0..PARTITION_CLIENTS).map(|_| client).collect(),
    );
    let mut world = run(cluster, seconds(PARTITION_FROM_S));
    let stale_before = world.metrics().count("stale read");
    let backups: Vec<NodeId> = (1..PARTITION_REPLICAS).map(NodeId).collect();
    for action in replication::split_replicas(&[NodeId(0)], &backups) {
        // Cutting links between nodes that exist cannot be refused.
        let _ = world.apply(&action);
    }
    world.run_until(seconds(PARTITION_UNTIL_S));
    let metrics = world.metrics();
    let during: Vec<_> = window(metrics, PARTITION_FROM_S, PARTITION_UNTIL_S).collect();
    ChoiceOutcome {
        choice,
        served: during.iter().map(|b| b.succeeded).sum(),
        refused: during.iter().map(|b| b.failed + b.timed_out).sum(),
        stale: metrics.count("stale read") - stale_before,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lessons::facts;

    #[test]
    fn throughput_grows_with_servers_while_load_exceeds_capacity() {
        let curve = scaling_curve();
        assert_eq!(curve.len(), SCALE_MAX_SERVERS as usize);
        let offered = offered_per_s();
        for pair in curve.windows(2) {
            let (fewer, more) = (pair[0], pair[1]);
            if f64::from(fewer.servers) * server_capacity_per_s() < offered {
                assert!(more.served_per_s > fewer.served_per_s, "{fewer:?} then {more:?}");
            }
        }
        let last = curve[curve.len() - 1];
        assert!(
            (last.served_per_s - offered).abs() < 1.0,
            "enough servers answer all: {last:?}"
        );
    }

    #[test]
    fn waits_collapse_once_servers_can_keep_up() {
        let wait = |servers: u32| curve_at(servers).and_then(|p| p.p50_ms).unwrap_or(f64::NAN);
        let enough = (offered_per_s() / server_capacity_per_s()).ceil() as u32;
        assert!(wait(1) > 500.0, "one server: queues form ({} ms)", wait(1));
        assert!(wait(enough) < 100.0, "{enough} servers: no queue ({} ms)", wait(enough));
    }

    fn curve_at(servers: u32) -> Option<ScalePoint> {
        scaling_curve().iter().copied().find(|p| p.servers == servers)
    }

    #[test]
    fn far_messages_take_longer_but_never_beat_light_in_fibre() {
        let delays = measured_delays();
        assert!(delays.len() >= 2, "{delays:?}");
        for sample in delays {
            let floor = facts::light_ms_in_fibre(sample.km);
            assert!(sample.one_way_ms >= floor, "{sample:?} beats light ({floor} ms)");
        }
        let (near, far) = (delays[0], delays[delays.len() - 1]);
        assert!(far.km > 16_000.0 && near.km < 1_000.0, "{near:?} {far:?}");
        assert!(far.one_way_ms > 53.0 && near.one_way_ms < 10.0, "{near:?} {far:?}");
    }

    #[test]
    fn keeping_answering_serves_stale_data_while_refusing_serves_less() {
        let [available, consistent] = partition_outcomes();
        assert_eq!(available.choice, PartitionChoice::Availability);
        assert_eq!(available.refused, 0, "{available:?}");
        assert!(available.stale > 0, "{available:?}");
        assert_eq!(consistent.stale, 0, "{consistent:?}");
        assert!(consistent.refused > 0, "{consistent:?}");
        assert!(available.served > consistent.served, "{available:?} {consistent:?}");
    }
}
