//! Election timing: how long a server waits without hearing from a leader
//! before it stands for election (a random time in a range, so that servers
//! seldom stand at once), and how often a leader sends heartbeats.

use crate::sim::{millis, Duration};

/// A server's timing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ElectionConfig {
    /// Shortest election timeout.
    pub timeout_min: Duration,
    /// Longest election timeout; each wait is drawn from `timeout_min..=timeout_max`.
    pub timeout_max: Duration,
    /// How often a leader sends heartbeats; must be well under `timeout_min`.
    pub heartbeat_every: Duration,
}

impl ElectionConfig {
    /// Timeouts in `[t, 2t]` and heartbeats every `t / 3`.
    pub fn with_timeout(t: Duration) -> Self {
        ElectionConfig {
            timeout_min: t,
            timeout_max: 2 * t,
            heartbeat_every: (t / 3).max(1),
        }
    }
}

impl Default for ElectionConfig {
    /// Timeouts of 150 to 300 ms, heartbeats every 50 ms.
    fn default() -> Self {
        ElectionConfig::with_timeout(millis(150))
    }
}
