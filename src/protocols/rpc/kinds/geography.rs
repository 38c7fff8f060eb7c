//! Two clients and two servers half a world apart (`rpc::geography`).

use serde::{Deserialize, Serialize};

use crate::protocols::rpc::presets::geography;
use crate::scenario::estimate::{ms, request, server, Wire};
use crate::scenario::kind::{toggle, Cluster, ClusterKind, Field, Values};
use crate::scenario::Scenario;
use crate::sim::{LinkConfig, Run};

/// A client and a server in Europe, a client in Australia, and a server
/// there too that the Australian client uses when `local_servers` is on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Geography {
    pub local_servers: bool,
}

impl ClusterKind for Geography {
    const NAME: &'static str = "Two continents";
    const FIELDS: &'static [Field] = &[toggle("A server on each continent", false)];
    fn from_values(values: &Values<'_>) -> Self {
        Geography {
            local_servers: values.on(0),
        }
    }
}

impl Cluster for Geography {
    fn values(&self) -> Vec<i64> {
        vec![self.local_servers.into()]
    }
    fn node_count(&self) -> u64 {
        4
    }
    fn preset_link(&self) -> LinkConfig {
        geography(true).0.default_link
    }
    fn events_per_second(&self, link: &LinkConfig) -> f64 {
        let near = Wire::new(link, 0.0025);
        let far = if self.local_servers {
            near
        } else {
            Wire::new(link, 0.08)
        };
        [near, far]
            .iter()
            .map(|wire| request(wire, server(wire, ms(2.0), 0.0, None), 1.0, 1).0)
            .sum()
    }
    fn build(&self, scenario: &Scenario) -> Box<dyn Run> {
        scenario.run_preset(geography(self.local_servers))
    }
}
