//! Leader election as a kind the scenario table lists: its parameters,
//! size, rhythm (for the work estimate) and preset.

use serde::{Deserialize, Serialize};

use super::config::ElectionConfig;
use super::presets::{cluster_with, network};
use crate::scenario::estimate::{ms, Wire};
use crate::scenario::kind::{count, number, Cluster, ClusterKind, Field, Values};
use crate::scenario::limits::MAX_PRESET_MS;
use crate::scenario::Scenario;
use crate::sim::{millis, LinkConfig, Run};

/// `nodes` servers electing a leader, with election timeouts from
/// `timeout_ms` to twice that (`election::cluster_with`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Election {
    pub nodes: u32,
    pub timeout_ms: u32,
}

impl ClusterKind for Election {
    const NAME: &'static str = "Leader election";
    const FIELDS: &'static [Field] = &[
        count("Servers", 1, 5),
        number("Election timeout", 1, MAX_PRESET_MS, "ms", 300),
    ];
    fn from_values(values: &Values<'_>) -> Self {
        Election {
            nodes: values.whole(0),
            timeout_ms: values.whole(1),
        }
    }
}

impl Cluster for Election {
    fn values(&self) -> Vec<i64> {
        vec![self.nodes.into(), self.timeout_ms.into()]
    }
    fn node_count(&self) -> u64 {
        self.nodes.into()
    }
    fn preset_link(&self) -> LinkConfig {
        network().default_link
    }
    /// Once a leader is elected, its heartbeats (every third of the
    /// timeout) and their replies are all, and it stays elected. When the
    /// timeout is shorter than the link's slowest delivery no vote gets
    /// back in time: every server keeps standing for election and asking
    /// everyone for votes. In between, and when the link loses enough
    /// heartbeats, the run mixes both (a geometric blend).
    fn events_per_second(&self, link: &LinkConfig) -> f64 {
        let wire = Wire::new(link, 0.0);
        let n = f64::from(self.nodes);
        let timeout = ms(f64::from(self.timeout_ms));
        let exchange = (n - 1.0) * (wire.sends + wire.delivered * wire.sends);
        let steady = (1.0 + exchange) / (timeout / 3.0);
        let chaos = n * (1.0 + exchange) / (1.5 * timeout);
        let room = if wire.slowest > 0.0 {
            timeout / wire.slowest
        } else {
            f64::INFINITY
        };
        if self.nodes <= 1 {
            return steady;
        }
        // A follower that misses the three heartbeats of a timeout stands
        // for election and unseats the leader; with many followers that
        // happens often even at modest loss.
        let too_slow = (2.0 - room).clamp(0.0, 1.0);
        let lossy = (((n - 1.0) * wire.loss.powi(3)).min(1.0) / 2.0).max(wire.loss.powi(8));
        let unsettled = too_slow + (1.0 - too_slow) * lossy;
        chaos.powf(unsettled) * steady.powf(1.0 - unsettled)
    }
    fn warm_up(&self) -> f64 {
        ms(f64::from(self.timeout_ms))
    }
    fn build(&self, scenario: &Scenario) -> Box<dyn Run> {
        scenario.run_preset(cluster_with(
            self.nodes as usize,
            ElectionConfig::with_timeout(millis(self.timeout_ms.into())),
        ))
    }
}
