//! The request-and-reply clusters as kinds the scenario table lists: each
//! one's parameters, size, rhythm (for the work estimate) and preset. The
//! three with no parameters are here; the others have files of their own.

mod geography;
mod requests;
mod scale_out;

pub use geography::Geography;
pub use requests::{CentralServer, ClientServer, RetryingSave};
pub use scale_out::ScaleOut;

use serde::{Deserialize, Serialize};

use super::presets::{lan, lone_process, web_and_database, wordpress};
use crate::scenario::estimate::{balancer, ms, request, server, Answer, Wire};
use crate::scenario::kind::{Cluster, ClusterKind, Field, Values};
use crate::scenario::Scenario;
use crate::sim::{LinkConfig, Run};

/// One program alone on one computer (`rpc::lone_process`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LoneProcess;

impl ClusterKind for LoneProcess {
    const NAME: &'static str = "One program alone";
    const FIELDS: &'static [Field] = &[];
    fn from_values(_: &Values<'_>) -> Self {
        LoneProcess
    }
}

impl Cluster for LoneProcess {
    fn values(&self) -> Vec<i64> {
        Vec::new()
    }
    fn node_count(&self) -> u64 {
        1
    }
    fn preset_link(&self) -> LinkConfig {
        lan().default_link
    }
    fn events_per_second(&self, _: &LinkConfig) -> f64 {
        1.0 / ms(520.0)
    }
    fn warm_up(&self) -> f64 {
        0.0
    }
    fn build(&self, scenario: &Scenario) -> Box<dyn Run> {
        scenario.run_preset(lone_process())
    }
}

/// Client, web server, database (`rpc::web_and_database`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WebAndDatabase;

impl ClusterKind for WebAndDatabase {
    const NAME: &'static str = "Web server and database";
    const FIELDS: &'static [Field] = &[];
    fn from_values(_: &Values<'_>) -> Self {
        WebAndDatabase
    }
}

impl Cluster for WebAndDatabase {
    fn values(&self) -> Vec<i64> {
        Vec::new()
    }
    fn node_count(&self) -> u64 {
        3
    }
    fn preset_link(&self) -> LinkConfig {
        lan().default_link
    }
    fn events_per_second(&self, link: &LinkConfig) -> f64 {
        let wire = Wire::new(link, 0.0);
        let database = server(&wire, ms(3.0), 0.0, None);
        let web = server(&wire, ms(2.0), 0.0, Some((database, ms(100.0))));
        request(&wire, web, ms(300.0), 3).0
    }
    fn build(&self, scenario: &Scenario) -> Box<dyn Run> {
        scenario.run_preset(web_and_database())
    }
}

/// A small WordPress-like site of ten nodes (`rpc::wordpress`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Wordpress;

impl ClusterKind for Wordpress {
    const NAME: &'static str = "A WordPress site";
    const FIELDS: &'static [Field] = &[];
    fn from_values(_: &Values<'_>) -> Self {
        Wordpress
    }
}

impl Cluster for Wordpress {
    fn values(&self) -> Vec<i64> {
        Vec::new()
    }
    fn node_count(&self) -> u64 {
        10
    }
    fn preset_link(&self) -> LinkConfig {
        lan().default_link
    }
    /// Readers every 400 ms and a writer every second, through a balancer,
    /// web servers, a cache that keeps a read for a second, and two
    /// databases.
    fn events_per_second(&self, link: &LinkConfig) -> f64 {
        let wire = &Wire::new(link, 0.0);
        let database = server(wire, ms(3.0), 0.0, None);
        let cache_miss = server(wire, ms(1.0), 0.0, Some((database, ms(60.0))));
        // The cache asks the replica about once a second, or for every read
        // when the replica's answer comes too late to be kept.
        let misses = if wire.round_trip() + database.delay >= ms(60.0) {
            1.0
        } else {
            (1.0 / 5.0) * wire.answered() + (1.0 - wire.answered())
        };
        let cache = Answer {
            events: server(wire, ms(1.0), 0.0, None).events * (1.0 - misses) + cache_miss.events * misses,
            delay: cache_miss.delay * misses + ms(1.0) * (1.0 - misses),
        };
        let primary = Answer {
            events: database.events + wire.sends,
            delay: database.delay,
        };
        let read = server(wire, ms(2.0), 0.0, Some((cache, ms(120.0))));
        let write = server(wire, ms(2.0), 0.0, Some((primary, ms(120.0))));
        let reads = request(wire, balancer(wire, read, ms(200.0)), ms(400.0), 2).0;
        let writes = request(wire, balancer(wire, write, ms(200.0)), ms(400.0), 2).0;
        2.0 * reads / ms(400.0) + writes
    }
    fn build(&self, scenario: &Scenario) -> Box<dyn Run> {
        scenario.run_preset(wordpress())
    }
}
