//! Placeholder until the per-kind estimate lands.

use super::{ClusterSpec, Scenario};
use crate::sim::LinkConfig;

impl ClusterSpec {
    /// Engine events per second of sim time.
    pub fn events_per_second(&self, _link: &LinkConfig) -> f64 {
        self.node_count() as f64 * 1_000.0
    }
}

impl Scenario {
    /// About how many engine events a run of this scenario processes to reach its playhead.
    pub fn estimated_events(&self) -> u64 {
        self.cluster.node_count() * (self.playhead / 1_000)
    }
}
