//! Quorum reads and writes as a kind the scenario table lists: its
//! parameters, size, rhythm (for the work estimate) and preset.

use serde::{Deserialize, Serialize};

use super::presets::{network, quorum_cluster};
use crate::scenario::estimate::{at_least, ms, Wire};
use crate::scenario::kind::{count, Cluster, ClusterKind, Field, Values};
use crate::scenario::Scenario;
use crate::sim::{LinkConfig, Run};

/// `n` replicas, reads that wait for `r` of them, writes for `w`, and
/// `clients` clients (`quorum::quorum_cluster`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Quorum {
    pub n: u32,
    pub r: u32,
    pub w: u32,
    pub clients: u32,
}

impl ClusterKind for Quorum {
    const NAME: &'static str = "Quorum store";
    const FIELDS: &'static [Field] = &[
        count("Replicas (N)", 1, 3),
        count("Read quorum (R)", 1, 2),
        count("Write quorum (W)", 1, 2),
        count("Clients", 0, 1),
    ];
    fn from_values(values: &Values<'_>) -> Self {
        Quorum {
            n: values.whole(0),
            r: values.whole(1),
            w: values.whole(2),
            clients: values.whole(3),
        }
    }
}

impl Cluster for Quorum {
    fn values(&self) -> Vec<i64> {
        vec![self.n.into(), self.r.into(), self.w.into(), self.clients.into()]
    }
    fn node_count(&self) -> u64 {
        u64::from(self.n) + u64::from(self.clients)
    }
    fn rules(&self) -> Vec<(bool, &'static str)> {
        vec![
            (self.r <= self.n, "a read quorum R must be between 1 and N"),
            (self.w <= self.n, "a write quorum W must be between 1 and N"),
        ]
    }
    fn preset_link(&self) -> LinkConfig {
        network().default_link
    }
    /// Clients that each wait 20-60 ms, then ask all `n` replicas and
    /// finish with the R-th (read) or W-th (write) answer, or after 200 ms.
    fn events_per_second(&self, link: &LinkConfig) -> f64 {
        let wire = Wire::new(link, 0.0);
        let replicas = f64::from(self.n);
        let jitter = 2.0 * (wire.slowest - wire.delay);
        let mut per_client = 0.0;
        for needed in [self.r, self.w] {
            let waits = wire.round_trip() + 2.0 * jitter * f64::from(needed) / (replicas + 1.0);
            let ok = if waits < ms(200.0) {
                at_least(self.n, needed, wire.answered())
            } else {
                0.0
            };
            let events = 1.0 + replicas * (wire.sends + wire.delivered * wire.sends) + (1.0 - ok);
            let cycle = ms(40.0) + ok * waits + (1.0 - ok) * ms(200.0);
            per_client += events / cycle / 2.0;
        }
        f64::from(self.clients) * per_client
    }
    fn warm_up(&self) -> f64 {
        ms(40.0)
    }
    fn build(&self, scenario: &Scenario) -> Box<dyn Run> {
        scenario.run_preset(quorum_cluster(self.n, self.r, self.w, self.clients))
    }
}
