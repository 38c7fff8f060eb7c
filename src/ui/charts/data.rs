//! The numbers each chart plots that come from the live run or from a
//! formula: served requests and availability over time, one-way delays by
//! distance, what clients got since the network split, the speed of light
//! as a floor on delay, the "nines" as downtime a year, and an illustrative
//! model of what scaling up and scaling out cost. The preset runs the
//! charts compare against live in `experiments`.

use std::collections::{BTreeMap, BTreeSet};

use crate::check::stale_reads;
use crate::lessons::experiments::{served_between, split_time, SplitOutcome};
use crate::lessons::facts;
use crate::sim::{Metrics, Run, TraceKind, SECOND};

/// A point of a line: x, then y.
pub type Point = (f64, f64);

/// Seconds since the start of the run at the middle of each slice of the
/// metrics' series, paired with a value read from that slice.
fn per_slice(metrics: &Metrics, value: impl Fn(&crate::sim::metrics::Bucket) -> Option<f64>) -> Vec<Point> {
    let width = metrics.bucket_width().max(1) as f64 / SECOND as f64;
    metrics
        .series()
        .iter()
        .enumerate()
        .filter_map(|(i, bucket)| value(bucket).map(|v| ((i as f64 + 0.5) * width, v)))
        .collect()
}

/// Requests answered per second, for each slice of the run so far.
pub fn served_per_second(metrics: &Metrics) -> Vec<Point> {
    let width = metrics.bucket_width().max(1) as f64 / SECOND as f64;
    per_slice(metrics, |b| Some(b.succeeded as f64 / width))
}

/// The share of requests that ended with an answer, in percent, for each
/// slice of the run in which any request ended.
pub fn availability_percent(metrics: &Metrics) -> Vec<Point> {
    per_slice(metrics, |b| b.availability_ppm().map(|ppm| ppm as f64 / 10_000.0))
}

/// The share of all requests so far that ended with an answer, as a
/// fraction; `None` before any request ended.
pub fn overall_availability(metrics: &Metrics) -> Option<f64> {
    metrics.totals.availability_ppm().map(|ppm| ppm as f64 / 1_000_000.0)
}

/// One row of the "nines": an availability and the downtime it allows.
#[derive(Clone, Debug, PartialEq)]
pub struct Nines {
    /// "99.9%".
    pub label: String,
    pub availability: f64,
    pub downtime_hours_per_year: f64,
}

impl Nines {
    pub fn new(availability: f64) -> Nines {
        Nines {
            label: percent_label(availability),
            availability,
            downtime_hours_per_year: facts::downtime_hours_per_year(availability),
        }
    }
}

/// Two nines to five nines.
pub fn nines() -> Vec<Nines> {
    [0.99, 0.999, 0.9999, 0.99999].into_iter().map(Nines::new).collect()
}

/// An availability as a percentage with as many decimals as it needs (up
/// to three): 0.999 is "99.9%", 0.5 is "50%".
pub fn percent_label(fraction: f64) -> String {
    let text = format!("{:.3}", fraction * 100.0);
    let text = text.trim_end_matches('0').trim_end_matches('.');
    format!("{text}%")
}

/// A duration given in hours, in the largest unit that keeps it above one:
/// "3.7 days", "8.8 hours", "52.6 minutes", "32 seconds".
pub fn downtime_label(hours: f64) -> String {
    let (amount, unit) = if hours >= 24.0 {
        (hours / 24.0, "days")
    } else if hours >= 1.0 {
        (hours, "hours")
    } else if hours * 60.0 >= 1.0 {
        (hours * 60.0, "minutes")
    } else {
        return format!("{:.0} seconds", hours * 3_600.0);
    };
    format!("{amount:.1} {unit}")
}

/// A whole number with thousands separated by commas: "16,000".
pub fn thousands(value: f64) -> String {
    let digits = format!("{:.0}", value.abs());
    let grouped: Vec<&str> = digits
        .as_bytes()
        .rchunks(3)
        .rev()
        .filter_map(|chunk| std::str::from_utf8(chunk).ok())
        .collect();
    let sign = if value < -0.5 { "-" } else { "" };
    format!("{sign}{}", grouped.join(","))
}

/// One-way trips of a run's messages over one distance: how far they went
/// and the median time they took.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct DelaySample {
    pub km: f64,
    pub one_way_ms: f64,
}

/// For each distance a message of `run` has travelled (and arrived), the
/// median one-way delay of the messages that went that far, nearest first.
pub fn measured_delays(run: &dyn Run) -> Vec<DelaySample> {
    let snapshot = run.snapshot();
    let place = |node: crate::sim::NodeId| snapshot.nodes.get(node.index()).map(|n| n.place);
    let lost: BTreeSet<u64> = run
        .trace()
        .events()
        .filter_map(|e| match e.kind {
            TraceKind::Dropped { message, .. } => Some(message),
            _ => None,
        })
        .collect();
    let mut trips: BTreeMap<u64, Vec<u64>> = BTreeMap::new();
    for event in run.trace().events() {
        if let TraceKind::Sent {
            message,
            from,
            to,
            departs,
            arrives,
            ..
        } = event.kind
        {
            if arrives > snapshot.time || lost.contains(&message) {
                continue;
            }
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
}

/// What the clients of `run` got since its network last split, up to now;
/// `None` before any split. Stale answers are the reads called since the
/// split that were certainly out of date, as the history shows them.
pub fn since_the_split(run: &dyn Run) -> Option<SplitOutcome> {
    let from = split_time(run)?;
    let to = run.now();
    let ended = served_between(run.metrics(), from, to);
    Some(SplitOutcome {
        from,
        to,
        served: ended.succeeded,
        refused: ended.failed + ended.timed_out,
        stale: stale_reads(&run.history().operations(), from),
    })
}

/// The farthest distance the delay chart shows, in kilometres.
pub const MAX_KM: f64 = 20_000.0;

/// The least one-way delay at each distance from 0 to [`MAX_KM`], in
/// milliseconds: light in a vacuum, then light in fibre.
pub fn light_floors() -> (Vec<Point>, Vec<Point>) {
    let distances = || (0..=20).map(|i| f64::from(i) * MAX_KM / 20.0);
    (
        distances().map(|km| (km, facts::light_ms_in_vacuum(km))).collect(),
        distances().map(|km| (km, facts::light_ms_in_fibre(km))).collect(),
    )
}

/// The illustrative cost model: the largest machine on sale does this many
/// small servers' work.
pub const BIGGEST_MACHINE: f64 = 16.0;

/// The capacity the cost chart runs to, in small servers' worth of work.
pub const MAX_CAPACITY: f64 = 32.0;

/// Illustrative only, not real prices: a machine that does `capacity` small
/// servers' work costs the square of that (bigger machines cost more per
/// unit of work), and none bigger than [`BIGGEST_MACHINE`] can be bought.
pub fn scale_up_cost(capacity: f64) -> Option<f64> {
    (capacity <= BIGGEST_MACHINE).then(|| capacity.max(1.0).powi(2))
}

/// Illustrative only: enough small servers for `capacity`, at 1 each, plus
/// 1 for the load balancer in front of them.
pub fn scale_out_cost(capacity: f64) -> f64 {
    capacity.max(1.0).ceil() + 1.0
}

/// Both cost curves, capacity from 1 to [`MAX_CAPACITY`]: one bigger
/// machine (ending at the biggest on sale), then more small machines.
pub fn cost_curves() -> (Vec<Point>, Vec<Point>) {
    let capacities = || (4..=(MAX_CAPACITY as u32 * 4)).map(|q| f64::from(q) / 4.0);
    (
        capacities()
            .filter_map(|c| scale_up_cost(c).map(|cost| (c, cost)))
            .collect(),
        capacities().map(|c| (c, scale_out_cost(c))).collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::{millis, Observation};

    /// Metrics with `(answered, failed)` requests in each second.
    fn metrics_with(seconds: &[(u64, u64)]) -> Metrics {
        let mut metrics = Metrics::default();
        for (second, &(served, failed)) in seconds.iter().enumerate() {
            let at = second as u64 * SECOND + millis(10);
            for _ in 0..served {
                metrics.record(at, Observation::RequestSucceeded { latency: millis(5) });
            }
            for _ in 0..failed {
                metrics.record(at, Observation::RequestFailed);
            }
        }
        metrics
    }

    #[test]
    fn served_per_second_counts_answers_in_each_second() {
        let metrics = metrics_with(&[(10, 0), (4, 6)]);
        assert_eq!(served_per_second(&metrics), vec![(0.5, 10.0), (1.5, 4.0)]);
    }

    #[test]
    fn availability_drops_in_the_second_requests_failed() {
        let metrics = metrics_with(&[(10, 0), (4, 6), (0, 0), (1, 0)]);
        let percent = availability_percent(&metrics);
        assert_eq!(
            percent,
            vec![(0.5, 100.0), (1.5, 40.0), (3.5, 100.0)],
            "a quiet second has no value"
        );
        let overall = overall_availability(&metrics).unwrap_or(0.0);
        assert!((overall - 15.0 / 21.0).abs() < 1e-6, "{overall}");
        assert_eq!(overall_availability(&Metrics::default()), None);
    }

    #[test]
    fn three_nines_allow_about_eight_point_eight_hours_a_year() {
        let rows = nines();
        let labels: Vec<&str> = rows.iter().map(|n| n.label.as_str()).collect();
        assert_eq!(labels, ["99%", "99.9%", "99.99%", "99.999%"]);
        assert_eq!(downtime_label(rows[0].downtime_hours_per_year), "3.7 days");
        assert_eq!(downtime_label(rows[1].downtime_hours_per_year), "8.8 hours");
        assert_eq!(downtime_label(rows[2].downtime_hours_per_year), "52.6 minutes");
        assert_eq!(downtime_label(rows[3].downtime_hours_per_year), "5.3 minutes");
        assert_eq!(downtime_label(0.25 / 60.0), "15 seconds");
    }

    #[test]
    fn long_numbers_are_grouped_by_thousands() {
        assert_eq!(thousands(16_000.0), "16,000");
        assert_eq!(thousands(999.0), "999");
        assert_eq!(thousands(1_234_567.4), "1,234,567");
        assert_eq!(thousands(-2_500.0), "-2,500");
    }

    #[test]
    fn light_needs_about_53_ms_to_cross_16000_km() {
        let (vacuum, fibre) = light_floors();
        let at = |line: &[Point], km: f64| line.iter().find(|p| p.0 == km).map(|p| p.1);
        let ms = at(&vacuum, 16_000.0).unwrap_or(0.0);
        assert!((53.0..54.0).contains(&ms), "{ms}");
        let ms = at(&fibre, 16_000.0).unwrap_or(0.0);
        assert!((78.0..79.0).contains(&ms), "fibre is slower: {ms}");
        assert_eq!(vacuum.first(), Some(&(0.0, 0.0)));
        assert_eq!(vacuum.last().map(|p| p.0), Some(MAX_KM));
    }

    #[test]
    fn scaling_up_is_cheaper_at_first_then_dearer_then_impossible() {
        assert!(scale_up_cost(1.0) < Some(scale_out_cost(1.0)));
        assert!(scale_up_cost(8.0) > Some(scale_out_cost(8.0)));
        assert_eq!(scale_up_cost(BIGGEST_MACHINE + 1.0), None);
        let (up, out) = cost_curves();
        assert_eq!(up.last().map(|p| p.0), Some(BIGGEST_MACHINE));
        assert_eq!(out.last().map(|p| p.0), Some(MAX_CAPACITY));
        assert!(out.windows(2).all(|w| w[1].1 >= w[0].1), "more work never costs less");
    }
}
