//! A sharded store as a kind the scenario table lists: its parameters,
//! size, rhythm (for the work estimate) and preset.

use serde::{Deserialize, Serialize};

use super::client::HotKey;
use super::presets::{cluster, network};
use crate::scenario::estimate::{departs_after, load, ms, Wire, MILLION};
use crate::scenario::kind::{count, share, Cluster, ClusterKind, Field, Values};
use crate::scenario::Scenario;
use crate::sim::{LinkConfig, Run};

/// `shards` shards and `clients` clients, with key 0 drawing `hot_key_ppm`
/// of all requests (0: keys chosen evenly) (`sharding::cluster`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Shards {
    pub shards: u32,
    pub clients: u32,
    pub hot_key_ppm: u32,
}

impl ClusterKind for Shards {
    const NAME: &'static str = "Sharded store";
    const FIELDS: &'static [Field] = &[
        count("Shards", 1, 3),
        count("Clients", 0, 2),
        share("Share of requests for key 0", 0),
    ];
    fn from_values(values: &Values<'_>) -> Self {
        Shards {
            shards: values.whole(0),
            clients: values.whole(1),
            hot_key_ppm: values.whole(2),
        }
    }
}

impl Cluster for Shards {
    fn values(&self) -> Vec<i64> {
        vec![self.shards.into(), self.clients.into(), self.hot_key_ppm.into()]
    }
    fn node_count(&self) -> u64 {
        u64::from(self.shards) + u64::from(self.clients)
    }
    fn preset_link(&self) -> LinkConfig {
        network().default_link
    }
    /// Clients sending a get or put every 4-8 ms to the key's home shard,
    /// which takes 4 ms per request; one key may draw a share of all
    /// requests.
    fn events_per_second(&self, link: &LinkConfig) -> f64 {
        let wire = Wire::new(link, 0.0);
        let c = f64::from(self.clients);
        let s = f64::from(self.shards.max(1));
        let hot = f64::from(self.hot_key_ppm.min(1_000_000)) / MILLION;
        let asked = c / ms(6.0);
        let sweeps = c / ms(125.0);
        let service = ms(4.0);
        let shard_events = |share: f64| {
            let (busy, served) = load(asked * share * wire.delivered, service);
            asked * share * wire.delivered * served * (busy + departs_after(service) + wire.sends)
        };
        let even = (1.0 - hot) / s;
        let served = shard_events(hot + even) + (s - 1.0) * shard_events(even);
        sweeps + asked * (1.0 + wire.sends) + served
    }
    fn warm_up(&self) -> f64 {
        ms(6.0)
    }
    fn build(&self, scenario: &Scenario) -> Box<dyn Run> {
        let hot = (self.hot_key_ppm > 0).then_some(HotKey {
            key: 0,
            ppm: self.hot_key_ppm,
        });
        scenario.run_preset(cluster(self.shards, self.clients, hot))
    }
}
