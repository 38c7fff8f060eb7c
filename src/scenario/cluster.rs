//! Which cluster a scenario runs: one preset of one protocol family, with
//! the few parameters that preset takes. Each variant maps onto a preset
//! function in `crate::protocols`; the mapping itself lives in `build`.
//! Here each one knows how many nodes it makes and which parameters make
//! sense, so a scenario can be checked before anything is built.

use serde::{Deserialize, Serialize};

use super::error::ScenarioError;
use super::limits::{MAX_CHAT_ROUNDS, MAX_CLOCK_BEHIND_MS, MAX_DRIFT, MAX_PPM, MAX_PRESET_MS, MAX_RETRIES};

/// A ready-made cluster and its parameters. Times are whole milliseconds,
/// probabilities parts per million.
///
/// The variants' order is part of the link format: add new ones at the end.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ClusterSpec {
    /// One program alone on one computer (`rpc::lone_process`).
    LoneProcess,
    /// One client and one server (`rpc::client_and_server`): the client
    /// makes `requests` requests (`None`: never stops), retries each up to
    /// `max_retries` times, with idempotency keys if asked.
    ClientServer {
        requests: Option<u32>,
        max_retries: u32,
        idempotency_keys: bool,
    },
    /// Client, web server, database (`rpc::web_and_database`).
    WebAndDatabase,
    /// A small WordPress-like site of ten nodes (`rpc::wordpress`).
    Wordpress,
    /// A client saving over a lossy link (`rpc::retrying_save`).
    RetryingSave { loss_ppm: u32, idempotency_keys: bool },
    /// Clients, a load balancer and servers (`rpc::scale_out`).
    ScaleOut {
        clients: u32,
        servers: u32,
        service_ms: u32,
        every_ms: u32,
    },
    /// Two clients and two servers half a world apart (`rpc::geography`).
    Geography { local_servers: bool },
    /// Primary/backup replication (`replication::primary_backup`).
    PrimaryBackup {
        replicas: u32,
        clients: u32,
        synchronous: bool,
        prefer_availability: bool,
    },
    /// Quorum reads and writes (`quorum::quorum_cluster`).
    Quorum { n: u32, r: u32, w: u32, clients: u32 },
    /// A sharded store, with key 0 drawing `hot_key_ppm` of all requests
    /// (0: keys chosen evenly) (`sharding::cluster`).
    Shards {
        shards: u32,
        clients: u32,
        hot_key_ppm: u32,
    },
    /// Gossiping peers whose clocks are off (`lamport::skewed_gossip`).
    ClockGossip { nodes: u32 },
    /// The chat with B's clock running behind (`lamport::chat`).
    ClockChat { b_behind_ms: u32, rounds: u32 },
    /// Leader election with timeouts from `timeout_ms` to twice that
    /// (`election::cluster_with`).
    Election { nodes: u32, timeout_ms: u32 },
    /// Many clients and one central server (`rpc::central_server`).
    CentralServer { clients: u32 },
    /// Gossiping peers whose clocks drift apart by `drift_ppm`
    /// (`lamport::drifting_gossip`).
    ClockDrift { nodes: u32, drift_ppm: i32 },
    /// Like `ScaleOut`, behind a load balancer that skips a server gone
    /// silent and tries it again a second later
    /// (`rpc::scale_out_skipping_silent`).
    ScaleOutSkippingSilent {
        clients: u32,
        servers: u32,
        service_ms: u32,
        every_ms: u32,
    },
}

impl ClusterSpec {
    /// How many nodes the built cluster has (ids `0..count`).
    pub fn node_count(&self) -> u64 {
        let sum = |a: u32, b: u32| u64::from(a) + u64::from(b);
        match *self {
            ClusterSpec::LoneProcess => 1,
            ClusterSpec::ClientServer { .. } | ClusterSpec::RetryingSave { .. } => 2,
            ClusterSpec::WebAndDatabase | ClusterSpec::ClockChat { .. } => 3,
            ClusterSpec::Geography { .. } => 4,
            ClusterSpec::Wordpress => 10,
            ClusterSpec::ScaleOut { clients, servers, .. }
            | ClusterSpec::ScaleOutSkippingSilent { clients, servers, .. } => sum(clients, servers) + 1,
            ClusterSpec::PrimaryBackup { replicas, clients, .. } => sum(replicas, clients),
            ClusterSpec::Quorum { n, clients, .. } => sum(n, clients),
            ClusterSpec::Shards { shards, clients, .. } => sum(shards, clients),
            ClusterSpec::ClockGossip { nodes }
            | ClusterSpec::ClockDrift { nodes, .. }
            | ClusterSpec::Election { nodes, .. } => u64::from(nodes),
            ClusterSpec::CentralServer { clients } => u64::from(clients) + 1,
        }
    }

    /// Check that every parameter is in the range its preset is meant for
    /// (the node count is checked separately).
    pub fn check_parameters(&self) -> Result<(), ScenarioError> {
        let preset_ms = |ms: u32| (1..=MAX_PRESET_MS).contains(&ms);
        // Each rule: whether it holds, and what it says when it does not.
        let rules = match *self {
            ClusterSpec::LoneProcess
            | ClusterSpec::WebAndDatabase
            | ClusterSpec::Wordpress
            | ClusterSpec::Geography { .. }
            | ClusterSpec::CentralServer { .. } => vec![],
            ClusterSpec::ClientServer { max_retries, .. } => {
                vec![(max_retries <= MAX_RETRIES, "a client retries at most 100 times")]
            }
            ClusterSpec::RetryingSave { loss_ppm, .. } => {
                vec![(loss_ppm <= MAX_PPM, "a link cannot lose more than every message")]
            }
            ClusterSpec::ScaleOut {
                clients,
                servers,
                service_ms,
                every_ms,
            }
            | ClusterSpec::ScaleOutSkippingSilent {
                clients,
                servers,
                service_ms,
                every_ms,
            } => vec![
                (clients >= 1, "scaling out needs at least one client"),
                (servers >= 1, "scaling out needs at least one server"),
                (
                    service_ms <= MAX_PRESET_MS,
                    "a server takes at most a minute per request",
                ),
                (preset_ms(every_ms), "clients ask every 1 ms to every minute"),
            ],
            ClusterSpec::PrimaryBackup { replicas, .. } => {
                vec![(replicas >= 1, "replication needs at least one replica")]
            }
            ClusterSpec::Quorum { n, r, w, .. } => vec![
                (n >= 1, "a quorum store needs at least one replica (N)"),
                ((1..=n).contains(&r), "a read quorum R must be between 1 and N"),
                ((1..=n).contains(&w), "a write quorum W must be between 1 and N"),
            ],
            ClusterSpec::Shards {
                shards, hot_key_ppm, ..
            } => vec![
                (shards >= 1, "a sharded store needs at least one shard"),
                (hot_key_ppm <= MAX_PPM, "a hot key cannot draw more than every request"),
            ],
            ClusterSpec::ClockGossip { nodes } => vec![(nodes >= 1, "gossip needs at least one node")],
            ClusterSpec::ClockDrift { nodes, drift_ppm } => vec![
                (nodes >= 1, "gossip needs at least one node"),
                (
                    (-MAX_DRIFT..=MAX_DRIFT).contains(&drift_ppm),
                    "a clock drifts by at most 10% (100,000 ppm)",
                ),
            ],
            ClusterSpec::ClockChat { b_behind_ms, rounds } => vec![
                (
                    b_behind_ms <= MAX_CLOCK_BEHIND_MS,
                    "B's clock runs at most an hour behind",
                ),
                (rounds <= MAX_CHAT_ROUNDS, "the chat runs at most 10,000 rounds"),
            ],
            ClusterSpec::Election { nodes, timeout_ms } => vec![
                (nodes >= 1, "an election needs at least one server"),
                (preset_ms(timeout_ms), "an election timeout is from 1 ms to a minute"),
            ],
        };
        match rules.into_iter().find(|&(holds, _)| !holds) {
            Some((_, what)) => Err(ScenarioError::InvalidParameter { what }),
            None => Ok(()),
        }
    }
}
