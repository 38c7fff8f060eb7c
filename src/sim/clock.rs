//! Each node's own clock. There is no global "now" a node can read: a node
//! sees only its local clock, which starts off by some offset and runs fast
//! or slow by a drift rate, optionally snapped back to true time at a fixed
//! period (as NTP would). The engine alone knows true time.

use serde::{Deserialize, Serialize};

use super::time::{Duration, SimTime};

/// Drift is in parts per million: +100 ppm gains 100 µs every second.
pub type DriftPpm = i32;

/// The largest drift a clock may have (±10%), so local timers stay sane.
pub const MAX_DRIFT_PPM: DriftPpm = 100_000;

/// How a node's clock relates to true time.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Clock {
    /// Local minus true time at the start of the run, in microseconds.
    pub offset: i64,
    /// How fast the clock runs, in ppm relative to true time.
    pub drift_ppm: DriftPpm,
    /// If set, the clock is corrected to true time at every multiple of this
    /// period (after which it drifts again from zero offset).
    pub resync_every: Option<Duration>,
}

impl Clock {
    pub fn perfect() -> Self {
        Clock::default()
    }

    pub fn new(offset: i64, drift_ppm: DriftPpm) -> Self {
        Clock {
            offset,
            drift_ppm: drift_ppm.clamp(-MAX_DRIFT_PPM, MAX_DRIFT_PPM),
            resync_every: None,
        }
    }

    pub fn resyncing_every(mut self, period: Duration) -> Self {
        self.resync_every = (period > 0).then_some(period);
        self
    }

    /// The reading of this clock at true time `now`, in microseconds.
    pub fn local_time(&self, now: SimTime) -> i64 {
        let (anchor, offset) = match self.resync_every {
            Some(period) if now >= period => (now - now % period, 0),
            _ => (0, self.offset),
        };
        if self.drift_ppm == 0 {
            // The common case, without 128-bit division (same result).
            return (now as i64).saturating_add(offset);
        }
        let drift = i128::from(self.drift_ppm) * i128::from(now - anchor) / 1_000_000;
        (i128::from(now) + i128::from(offset) + drift) as i64
    }

    /// How much true time passes while this clock measures `local` µs: a
    /// fast clock finishes its timers early. Rounded up, never zero for a
    /// non-zero wait.
    pub fn true_duration(&self, local: Duration) -> Duration {
        if self.drift_ppm == 0 {
            // A clock without drift measures true time: no 128-bit division.
            return local;
        }
        let rate = 1_000_000i128 + i128::from(self.drift_ppm.clamp(-MAX_DRIFT_PPM, MAX_DRIFT_PPM));
        let scaled = (i128::from(local) * 1_000_000 + rate - 1) / rate;
        scaled.clamp(0, i128::from(u64::MAX)) as Duration
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::time::{millis, seconds};

    #[test]
    fn a_perfect_clock_reads_true_time() {
        let clock = Clock::perfect();
        assert_eq!(clock.local_time(seconds(3)), 3_000_000);
        assert_eq!(clock.true_duration(millis(5)), millis(5));
    }

    #[test]
    fn offset_shifts_and_drift_accumulates() {
        let clock = Clock::new(-2_000, 100);
        assert_eq!(clock.local_time(0), -2_000);
        // After 10 s a +100 ppm clock has gained 1 ms.
        assert_eq!(clock.local_time(seconds(10)), 10_000_000 - 2_000 + 1_000);
    }

    #[test]
    fn fast_clock_fires_timers_early() {
        let fast = Clock::new(0, 50_000);
        assert!(fast.true_duration(seconds(1)) < seconds(1));
        let slow = Clock::new(0, -50_000);
        assert!(slow.true_duration(seconds(1)) > seconds(1));
        assert_eq!(fast.true_duration(0), 0);
        assert!(fast.true_duration(1) >= 1);
    }

    #[test]
    fn resync_removes_accumulated_error() {
        let clock = Clock::new(5_000, 1_000).resyncing_every(seconds(10));
        assert_eq!(clock.local_time(seconds(10)), 10_000_000);
        assert_eq!(clock.local_time(seconds(11)), 11_000_000 + 1_000);
        assert!(clock.local_time(seconds(9)) > 9_000_000 + 5_000);
    }
}
