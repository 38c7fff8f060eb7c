//! Per-run metrics, fed by what behaviours observe: requests started,
//! served, failed and timed out; a latency histogram for percentiles; and a
//! time series of outcomes for throughput and availability over time.
//! Memory is bounded: the histogram is fixed-size, and the series halves its
//! resolution (merging neighbours) whenever it would grow past a cap.

use std::collections::BTreeMap;

use super::time::{Duration, SimTime, SECOND};

/// Something a behaviour saw that the metrics count.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Observation {
    /// A client started a new request (retries are not new requests).
    RequestStarted,
    /// A client got a good answer, this long after it first asked.
    RequestSucceeded { latency: Duration },
    /// A client got a refusal or an error.
    RequestFailed,
    /// A client gave up waiting.
    RequestTimedOut,
    /// A client tried again.
    Retry,
    /// A protocol-specific tally, e.g. "applied twice".
    Count(&'static str),
}

/// Outcomes within one slice of time.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Bucket {
    pub started: u64,
    pub succeeded: u64,
    pub failed: u64,
    pub timed_out: u64,
}

impl Bucket {
    /// Answered requests over all that ended, in parts per million; `None`
    /// when nothing ended in this slice.
    pub fn availability_ppm(&self) -> Option<u64> {
        let ended = self.succeeded + self.failed + self.timed_out;
        (ended > 0).then(|| self.succeeded * 1_000_000 / ended)
    }

    fn add(&mut self, other: &Bucket) {
        self.started += other.started;
        self.succeeded += other.succeeded;
        self.failed += other.failed;
        self.timed_out += other.timed_out;
    }
}

/// The most slices the series keeps before halving its resolution.
pub const MAX_BUCKETS: usize = 2_048;

const SUB_BUCKETS: u64 = 16;
const HISTOGRAM_SLOTS: usize = (SUB_BUCKETS + 60 * SUB_BUCKETS) as usize;

/// Everything measured in a run.
#[derive(Clone, Debug)]
pub struct Metrics {
    pub totals: Bucket,
    pub retries: u64,
    pub counts: BTreeMap<&'static str, u64>,
    bucket_width: Duration,
    series: Vec<Bucket>,
    latencies: Box<[u64; HISTOGRAM_SLOTS]>,
}

impl Default for Metrics {
    fn default() -> Self {
        Metrics {
            totals: Bucket::default(),
            retries: 0,
            counts: BTreeMap::new(),
            bucket_width: SECOND,
            series: Vec::new(),
            latencies: Box::new([0; HISTOGRAM_SLOTS]),
        }
    }
}

impl Metrics {
    pub fn record(&mut self, now: SimTime, observation: Observation) {
        let mut slice = Bucket::default();
        match observation {
            Observation::RequestStarted => slice.started = 1,
            Observation::RequestSucceeded { latency } => {
                slice.succeeded = 1;
                self.latencies[slot(latency)] += 1;
            }
            Observation::RequestFailed => slice.failed = 1,
            Observation::RequestTimedOut => slice.timed_out = 1,
            Observation::Retry => {
                self.retries += 1;
                return;
            }
            Observation::Count(what) => {
                *self.counts.entry(what).or_insert(0) += 1;
                return;
            }
        }
        self.totals.add(&slice);
        let mut index = (now / self.bucket_width) as usize;
        while index >= MAX_BUCKETS {
            self.halve_resolution();
            index = (now / self.bucket_width) as usize;
        }
        if self.series.len() <= index {
            self.series.resize(index + 1, Bucket::default());
        }
        self.series[index].add(&slice);
    }

    fn halve_resolution(&mut self) {
        self.series = self
            .series
            .chunks(2)
            .map(|pair| {
                let mut merged = Bucket::default();
                pair.iter().for_each(|b| merged.add(b));
                merged
            })
            .collect();
        self.bucket_width *= 2;
    }

    /// A tally reported with [`Observation::Count`].
    pub fn count(&self, what: &str) -> u64 {
        self.counts.get(what).copied().unwrap_or(0)
    }

    /// How much time each slice of [`Metrics::series`] covers.
    pub fn bucket_width(&self) -> Duration {
        self.bucket_width
    }

    /// Outcomes per slice of time, from the start of the run.
    pub fn series(&self) -> &[Bucket] {
        &self.series
    }

    /// The latency below which `percent` of successful requests fell, to
    /// within 1/16 of its size; `None` before any success.
    pub fn latency_percentile(&self, percent: u64) -> Option<Duration> {
        let total: u64 = self.latencies.iter().sum();
        if total == 0 {
            return None;
        }
        let rank = (total * percent.min(100)).div_ceil(100).max(1);
        let mut seen = 0;
        for (index, &count) in self.latencies.iter().enumerate() {
            seen += count;
            if seen >= rank {
                return Some(slot_floor(index));
            }
        }
        None
    }
}

/// Log-linear histogram slot: exact below 16, then 16 slots per power of two.
fn slot(value: u64) -> usize {
    if value < SUB_BUCKETS {
        return value as usize;
    }
    let exponent = 63 - u64::from(value.leading_zeros());
    let sub = (value >> (exponent - 4)) & (SUB_BUCKETS - 1);
    (SUB_BUCKETS + (exponent - 4) * SUB_BUCKETS + sub) as usize
}

/// The smallest value that lands in `index`.
fn slot_floor(index: usize) -> u64 {
    let index = index as u64;
    if index < SUB_BUCKETS {
        return index;
    }
    let exponent = (index - SUB_BUCKETS) / SUB_BUCKETS + 4;
    let sub = (index - SUB_BUCKETS) % SUB_BUCKETS;
    (SUB_BUCKETS + sub) << (exponent - 4)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::time::millis;

    #[test]
    fn slots_round_trip_their_floor() {
        for value in [0, 1, 15, 16, 17, 31, 32, 1_000, 123_456, u64::MAX / 3] {
            let floor = slot_floor(slot(value));
            assert!(floor <= value, "{value}");
            assert!(value - floor <= value / 16, "{value} vs {floor}");
        }
    }

    #[test]
    fn percentiles_come_from_the_recorded_latencies() {
        let mut metrics = Metrics::default();
        assert_eq!(metrics.latency_percentile(50), None);
        for ms in 1..=100 {
            metrics.record(0, Observation::RequestSucceeded { latency: millis(ms) });
        }
        let p50 = metrics.latency_percentile(50).unwrap_or(0);
        let p99 = metrics.latency_percentile(99).unwrap_or(0);
        assert!((millis(47)..=millis(50)).contains(&p50), "{p50}");
        assert!((millis(93)..=millis(99)).contains(&p99), "{p99}");
    }

    #[test]
    fn availability_over_time_counts_each_second() {
        let mut metrics = Metrics::default();
        metrics.record(millis(100), Observation::RequestSucceeded { latency: 1 });
        metrics.record(millis(1_500), Observation::RequestTimedOut);
        metrics.record(millis(1_600), Observation::RequestSucceeded { latency: 1 });
        let series = metrics.series();
        assert_eq!(series.len(), 2);
        assert_eq!(series[0].availability_ppm(), Some(1_000_000));
        assert_eq!(series[1].availability_ppm(), Some(500_000));
        assert_eq!(metrics.totals.succeeded, 2);
    }

    #[test]
    fn long_runs_keep_the_series_bounded() {
        let mut metrics = Metrics::default();
        for s in 0..10_000u64 {
            metrics.record(s * SECOND, Observation::RequestFailed);
        }
        assert!(metrics.series().len() <= MAX_BUCKETS);
        let counted: u64 = metrics.series().iter().map(|b| b.failed).sum();
        assert_eq!(counted, 10_000);
    }
}
