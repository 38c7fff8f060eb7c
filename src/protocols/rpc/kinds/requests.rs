//! The kinds where clients make requests of one server directly: a client
//! and a server, a save over a lossy link, and many clients of one central
//! server.

use serde::{Deserialize, Serialize};

use crate::protocols::rpc::presets::{central_server, client_and_server, lan, retrying_save};
use crate::scenario::estimate::{load, ms, overloaded, request, server, Wire};
use crate::scenario::kind::{count, number, share, toggle, Cluster, ClusterKind, Field, Values};
use crate::scenario::limits::MAX_RETRIES;
use crate::scenario::Scenario;
use crate::sim::{LinkConfig, Run};

/// One client and one server (`rpc::client_and_server`): the client makes
/// `requests` requests (`None`: never stops), retries each up to
/// `max_retries` times, with idempotency keys if asked.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClientServer {
    pub requests: Option<u32>,
    pub max_retries: u32,
    pub idempotency_keys: bool,
}

impl ClusterKind for ClientServer {
    const NAME: &'static str = "Client and server";
    const FIELDS: &'static [Field] = &[
        number("Requests (0: never stops)", 0, u32::MAX, "", 0),
        number("Retries per request", 0, MAX_RETRIES, "", 3),
        toggle("Idempotency keys", false),
    ];
    fn from_values(values: &Values<'_>) -> Self {
        ClientServer {
            requests: Some(values.whole(0)).filter(|&count| count > 0),
            max_retries: values.whole(1),
            idempotency_keys: values.on(2),
        }
    }
}

impl Cluster for ClientServer {
    fn values(&self) -> Vec<i64> {
        vec![
            self.requests.unwrap_or(0).into(),
            self.max_retries.into(),
            self.idempotency_keys.into(),
        ]
    }
    fn node_count(&self) -> u64 {
        2
    }
    fn preset_link(&self) -> LinkConfig {
        lan().default_link
    }
    fn events_per_second(&self, link: &LinkConfig) -> f64 {
        let wire = Wire::new(link, 0.0);
        let (busy, _) = load(wire.delivered * f64::from(self.max_retries + 1), ms(2.0));
        let answer = server(&wire, ms(2.0), busy, None);
        request(&wire, answer, ms(300.0), self.max_retries + 1).0
    }
    fn stops_after(&self) -> Option<f64> {
        self.requests.map(f64::from)
    }
    fn spread(&self, link: &LinkConfig) -> f64 {
        settling(link, self.max_retries + 1)
    }
    fn build(&self, scenario: &Scenario) -> Box<dyn Run> {
        let ClientServer {
            requests,
            max_retries,
            idempotency_keys,
        } = *self;
        scenario.run_preset(client_and_server(|client| {
            let client = client.max_retries(max_retries).idempotency_keys(idempotency_keys);
            match requests {
                Some(count) => client.limit(count),
                None => client,
            }
        }))
    }
}

/// Seconds until a request with `attempts` tries of 300 ms to a server
/// taking 2 ms is settled.
fn settling(link: &LinkConfig, attempts: u32) -> f64 {
    let wire = Wire::new(link, 0.0);
    request(&wire, server(&wire, ms(2.0), 0.0, None), ms(300.0), attempts).1
}

/// A client saving over a lossy link (`rpc::retrying_save`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RetryingSave {
    pub loss_ppm: u32,
    pub idempotency_keys: bool,
}

impl ClusterKind for RetryingSave {
    const NAME: &'static str = "Saving over a lossy link";
    const FIELDS: &'static [Field] = &[share("Messages lost", 30), toggle("Idempotency keys", false)];
    fn from_values(values: &Values<'_>) -> Self {
        RetryingSave {
            loss_ppm: values.whole(0),
            idempotency_keys: values.on(1),
        }
    }
}

impl Cluster for RetryingSave {
    fn values(&self) -> Vec<i64> {
        vec![self.loss_ppm.into(), self.idempotency_keys.into()]
    }
    fn node_count(&self) -> u64 {
        2
    }
    fn preset_link(&self) -> LinkConfig {
        LinkConfig {
            loss: self.loss_ppm,
            ..lan().default_link
        }
    }
    fn events_per_second(&self, link: &LinkConfig) -> f64 {
        let wire = Wire::new(link, 0.0);
        let answer = server(&wire, ms(2.0), 0.0, None);
        let (events, settled) = request(&wire, answer, ms(100.0), 4);
        events / (ms(400.0) + settled)
    }
    fn build(&self, scenario: &Scenario) -> Box<dyn Run> {
        scenario.run_preset(retrying_save(self.loss_ppm, self.idempotency_keys))
    }
}

/// Many clients and one central server (`rpc::central_server`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CentralServer {
    pub clients: u32,
}

impl ClusterKind for CentralServer {
    const NAME: &'static str = "Central server and many clients";
    const FIELDS: &'static [Field] = &[count("Clients", 0, 8)];
    fn from_values(values: &Values<'_>) -> Self {
        CentralServer {
            clients: values.whole(0),
        }
    }
}

impl Cluster for CentralServer {
    fn values(&self) -> Vec<i64> {
        vec![self.clients.into()]
    }
    fn node_count(&self) -> u64 {
        u64::from(self.clients) + 1
    }
    fn preset_link(&self) -> LinkConfig {
        lan().default_link
    }
    fn events_per_second(&self, link: &LinkConfig) -> f64 {
        let wire = Wire::new(link, 0.0);
        let clients = f64::from(self.clients);
        let first = server(&wire, ms(2.0), 0.0, None);
        let (_, settled) = request(&wire, first, ms(300.0), 3);
        let tries = 1.0 + (settled / ms(300.0)).floor().min(2.0);
        let (busy, served) = load(clients * tries * wire.delivered, ms(2.0));
        let answer = overloaded(server(&wire, ms(2.0), busy, None), served);
        clients * request(&wire, answer, ms(300.0), 3).0
    }
    fn spread(&self, link: &LinkConfig) -> f64 {
        settling(link, 3)
    }
    fn build(&self, scenario: &Scenario) -> Box<dyn Run> {
        scenario.run_preset(central_server(self.clients))
    }
}
