//! Clients, a load balancer and servers (`rpc::scale_out`), the balancer
//! optionally skipping a server gone silent
//! (`rpc::scale_out_skipping_silent`).

use serde::{Deserialize, Serialize};

use crate::protocols::rpc::presets::{lan, scale_out, scale_out_skipping_silent};
use crate::scenario::estimate::{balancer, load, ms, overloaded, request, server, Wire};
use crate::scenario::kind::{count, number, toggle, Cluster, ClusterKind, Field, Values};
use crate::scenario::limits::MAX_PRESET_MS;
use crate::scenario::Scenario;
use crate::sim::{millis, LinkConfig, Run};

/// `clients` clients each asking every `every_ms`, a balancer, and
/// `servers` servers taking `service_ms` per request. With `skip_silent`
/// the balancer skips a server that stopped answering and tries it again a
/// second later.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScaleOut {
    pub clients: u32,
    pub servers: u32,
    pub service_ms: u32,
    pub every_ms: u32,
    pub skip_silent: bool,
}

impl ClusterKind for ScaleOut {
    const NAME: &'static str = "Load balancer and servers";
    const FIELDS: &'static [Field] = &[
        count("Clients", 1, 4),
        count("Servers", 1, 2),
        number("Time to serve a request", 0, MAX_PRESET_MS, "ms", 50),
        number("Each client asks every", 1, MAX_PRESET_MS, "ms", 100),
        toggle("Skip a server gone silent", false),
    ];
    fn from_values(values: &Values<'_>) -> Self {
        ScaleOut {
            clients: values.whole(0),
            servers: values.whole(1),
            service_ms: values.whole(2),
            every_ms: values.whole(3),
            skip_silent: values.on(4),
        }
    }
}

impl Cluster for ScaleOut {
    fn values(&self) -> Vec<i64> {
        vec![
            self.clients.into(),
            self.servers.into(),
            self.service_ms.into(),
            self.every_ms.into(),
            self.skip_silent.into(),
        ]
    }
    fn node_count(&self) -> u64 {
        u64::from(self.clients) + u64::from(self.servers) + 1
    }
    fn preset_link(&self) -> LinkConfig {
        lan().default_link
    }
    /// Clients reading through a round-robin balancer; the balancer gives
    /// up on a server after 2 s (half a second when it skips silent ones),
    /// a client on the balancer after 2 s.
    fn events_per_second(&self, link: &LinkConfig) -> f64 {
        let wire = &Wire::new(link, 0.0);
        let forward = if self.skip_silent { ms(500.0) } else { ms(2_000.0) };
        let asked = f64::from(self.clients) / ms(f64::from(self.every_ms.max(1)));
        let per_server = asked * wire.delivered * wire.delivered / f64::from(self.servers.max(1));
        let service = ms(f64::from(self.service_ms));
        let (busy, served) = load(per_server, service);
        let answer = overloaded(server(wire, service, busy, None), served);
        asked * request(wire, balancer(wire, answer, forward), ms(2_000.0), 1).0
    }
    fn build(&self, scenario: &Scenario) -> Box<dyn Run> {
        let preset = if self.skip_silent {
            scale_out_skipping_silent
        } else {
            scale_out
        };
        scenario.run_preset(preset(
            self.clients,
            self.servers,
            millis(self.service_ms.into()),
            millis(self.every_ms.into()),
        ))
    }
}
