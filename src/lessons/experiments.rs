//! Short runs that the charts plot beside the live run, each built from the
//! scenario of the lesson step that shows the chart, so a chart always
//! describes the lesson's own cluster: the scale-out cluster with one
//! server and then more, and the replicated store through the lesson's own
//! split, set to refuse when cut off. Every run is deterministic (the
//! lesson's seed, no student input), small enough to finish in a few
//! milliseconds, and done once per page: the results are kept for the
//! charts to reuse. They run here, through scenarios and `Run`, so the UI
//! only draws what they measured.

use std::sync::OnceLock;

use super::{first_showing, Chart};
use crate::check::stale_reads;
use crate::protocols::{replication, rpc};
use crate::scenario::{ClusterSpec, Scenario};
use crate::sim::{seconds, Action, Metrics, Run, SimTime};

/// The load the scale-out chart's clusters face: the lesson's own.
#[derive(Clone, Debug, PartialEq)]
pub struct ScaleWorkload {
    pub clients: u32,
    /// How often each client asks, in milliseconds.
    pub every_ms: u32,
    /// How long a server spends on a request, in milliseconds.
    pub service_ms: u32,
    /// The servers the lesson's cluster has.
    pub servers: u32,
    /// The lesson's scenario, for its network, seed and balancer.
    scenario: Scenario,
}

impl ScaleWorkload {
    /// Requests per second the clients offer together.
    pub fn offered_per_s(&self) -> f64 {
        f64::from(self.clients) * 1_000.0 / f64::from(self.every_ms.max(1))
    }

    /// Requests per second one server can answer.
    pub fn server_capacity_per_s(&self) -> f64 {
        1_000.0 / f64::from(self.service_ms.max(1))
    }

    /// The most servers the chart tries: one more than the lesson has.
    pub fn max_servers(&self) -> u32 {
        self.servers + 1
    }

    /// The lesson's cluster with `servers` servers, all running.
    fn with_servers(&self, servers: u32) -> Scenario {
        let mut scenario = self.scenario.clone();
        scenario.interventions.clear();
        if let ClusterSpec::ScaleOut(scale_out) = &mut scenario.cluster {
            scale_out.servers = servers;
        }
        scenario
    }
}

/// The scale-out load of the lesson step that shows [`Chart::ScalingOut`].
pub fn scale_workload() -> Option<&'static ScaleWorkload> {
    static WORKLOAD: OnceLock<Option<ScaleWorkload>> = OnceLock::new();
    WORKLOAD
        .get_or_init(|| {
            let (lesson, index) = first_showing(Chart::ScalingOut)?;
            let scenario = lesson.scenario_for(index)?;
            let ClusterSpec::ScaleOut(rpc::ScaleOut {
                clients,
                servers,
                service_ms,
                every_ms,
                ..
            }) = scenario.cluster
            else {
                return None;
            };
            Some(ScaleWorkload {
                clients,
                every_ms,
                service_ms,
                servers,
                scenario,
            })
        })
        .as_ref()
}

/// How long each scale-out run lasts, and the warm-up left out of its count.
const SCALE_RUN_S: u64 = 8;
const SCALE_WARM_UP_S: u64 = 2;

/// What one size of the scale-out cluster achieved.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ScalePoint {
    pub servers: u32,
    /// Requests answered per second, after the warm-up.
    pub served_per_s: f64,
    /// The median time a client waited for an answer, in milliseconds.
    pub p50_ms: Option<f64>,
}

/// Throughput and median latency for one server up to
/// [`ScaleWorkload::max_servers`], all facing the lesson's clients.
pub fn scaling_curve() -> &'static [ScalePoint] {
    static CURVE: OnceLock<Vec<ScalePoint>> = OnceLock::new();
    CURVE.get_or_init(|| {
        scale_workload().map_or_else(Vec::new, |workload| {
            (1..=workload.max_servers())
                .filter_map(|servers| scale_run(workload, servers))
                .collect()
        })
    })
}

fn scale_run(workload: &ScaleWorkload, servers: u32) -> Option<ScalePoint> {
    let mut run = workload.with_servers(servers).build().ok()?;
    run.advance_to(seconds(SCALE_RUN_S));
    let metrics = run.metrics();
    let served = served_between(metrics, seconds(SCALE_WARM_UP_S), seconds(SCALE_RUN_S));
    Some(ScalePoint {
        servers,
        served_per_s: served.succeeded as f64 / (SCALE_RUN_S - SCALE_WARM_UP_S) as f64,
        p50_ms: metrics.latency_percentile(50).map(|us| us as f64 / 1_000.0),
    })
}

/// Requests that ended from `from` up to `to`, by how they ended, summed
/// over the slices of the metrics' series that lie within that time.
pub fn served_between(metrics: &Metrics, from: SimTime, to: SimTime) -> crate::sim::metrics::Bucket {
    let width = metrics.bucket_width().max(1);
    let (first, end) = (from.div_ceil(width) as usize, (to / width) as usize);
    let mut sum = crate::sim::metrics::Bucket::default();
    for bucket in metrics.series().iter().take(end).skip(first) {
        sum.started += bucket.started;
        sum.succeeded += bucket.succeeded;
        sum.failed += bucket.failed;
        sum.timed_out += bucket.timed_out;
    }
    sum
}

/// What clients got after the network split.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SplitOutcome {
    /// When the network split, and the end of the time counted.
    pub from: SimTime,
    pub to: SimTime,
    /// Requests answered.
    pub served: u64,
    /// Requests refused, failed or given up on.
    pub refused: u64,
    /// Answered reads that returned an older value than the client had
    /// written, since the split.
    pub stale: u64,
}

/// When a run's network was last split, up to now.
pub fn split_time(run: &dyn Run) -> Option<SimTime> {
    let now = run.now();
    run.log()
        .iter()
        .filter(|i| i.at <= now && matches!(i.action, Action::Partition(_) | Action::CutLink { .. }))
        .map(|i| i.at)
        .max()
}

/// The lesson's store for [`Chart::PartitionChoice`], split as the lesson
/// splits it but set to refuse when cut off, counted from the split to the
/// moment the lesson's question reads its answer.
pub fn refusing_store() -> Option<&'static SplitOutcome> {
    static OUTCOME: OnceLock<Option<SplitOutcome>> = OnceLock::new();
    OUTCOME
        .get_or_init(|| {
            let (lesson, index) = first_showing(Chart::PartitionChoice)?;
            let mut scenario = lesson.scenario_for(index)?;
            let ClusterSpec::PrimaryBackup(store) = scenario.cluster else {
                return None;
            };
            scenario.cluster = ClusterSpec::PrimaryBackup(replication::PrimaryBackup {
                prefer_availability: false,
                ..store
            });
            let until = lesson.steps[index]
                .question
                .as_ref()
                .map_or(seconds(8), |q| q.watch_until);
            let mut run = scenario.build().ok()?;
            let from = scenario
                .interventions
                .iter()
                .filter(|i| matches!(i.action, Action::Partition(_)))
                .map(|i| i.at)
                .min()?;
            run.advance_to(from);
            run.advance_to(until);
            let ended = served_between(run.metrics(), from, until);
            Some(SplitOutcome {
                from,
                to: until,
                served: ended.succeeded,
                refused: ended.failed + ended.timed_out,
                stale: stale_reads(&run.history().operations(), from),
            })
        })
        .as_ref()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_scaling_load_is_the_lesson_s_own() {
        let Some(workload) = scale_workload() else {
            panic!("no lesson step shows the scale-out chart on a scale-out cluster");
        };
        let Some((lesson, index)) = first_showing(Chart::ScalingOut) else {
            panic!("no step shows the chart");
        };
        let shown = lesson.scenario_for(index).map(|s| s.cluster);
        let Some(ClusterSpec::ScaleOut(rpc::ScaleOut {
            clients,
            servers,
            service_ms,
            every_ms,
            ..
        })) = shown
        else {
            panic!("the lesson's cluster is not a scale-out one: {shown:?}");
        };
        assert_eq!(
            (
                workload.clients,
                workload.servers,
                workload.service_ms,
                workload.every_ms
            ),
            (clients, servers, service_ms, every_ms)
        );
    }

    #[test]
    fn throughput_grows_with_servers_while_load_exceeds_capacity() {
        let Some(workload) = scale_workload() else {
            panic!("no workload");
        };
        let curve = scaling_curve();
        assert_eq!(curve.len(), workload.max_servers() as usize);
        let offered = workload.offered_per_s();
        for pair in curve.windows(2) {
            let (fewer, more) = (pair[0], pair[1]);
            if f64::from(fewer.servers) * workload.server_capacity_per_s() < offered {
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
        let Some(workload) = scale_workload() else {
            panic!("no workload");
        };
        let wait = |servers: u32| {
            scaling_curve()
                .iter()
                .find(|p| p.servers == servers)
                .and_then(|p| p.p50_ms)
                .unwrap_or(f64::NAN)
        };
        let enough = (workload.offered_per_s() / workload.server_capacity_per_s()).ceil() as u32 + 1;
        assert!(wait(1) > 2.0 * wait(enough), "one server: queues form ({} ms)", wait(1));
    }

    #[test]
    fn the_refusing_store_split_as_the_lesson_splits_refuses_and_is_never_stale() {
        let Some(outcome) = refusing_store() else {
            panic!("no lesson step shows the partition chart on a replicated store");
        };
        assert_eq!(outcome.from, seconds(2), "the lesson splits at 2 s");
        assert!(outcome.refused > 0, "{outcome:?}");
        assert!(outcome.served > 0, "the majority side keeps serving: {outcome:?}");
        assert_eq!(outcome.stale, 0, "{outcome:?}");
    }
}
