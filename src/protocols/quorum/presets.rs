//! Ready-made quorum stores: replicas are nodes `0..n` (R0, R1...), clients
//! come after them (C0, C1...). Links are 10 ms give or take 10 ms, so
//! replicas receive the same write at noticeably different times.

use crate::sim::{millis, NetworkConfig, NodeSetup};

use super::client::{Coordinator, QuorumConfig};
use super::node::QuorumNode;
use super::replica::Replica;

/// Every link: 10 ms plus up to 10 ms of jitter.
pub fn network() -> NetworkConfig {
    NetworkConfig::uniform(millis(10), millis(10))
}

/// N, R and W with the preset load: three keys, an operation every 20 to
/// 60 ms, half of them writes, failing after 200 ms without a quorum.
pub fn quorum_config(n: u32, r: u32, w: u32) -> QuorumConfig {
    QuorumConfig {
        n,
        r,
        w,
        keys: 3,
        every_min: millis(20),
        every_max: millis(60),
        write_ppm: 500_000,
        timeout: millis(200),
        two_rounds: false,
    }
}

/// `config.n` replicas and `clients` clients configured by `config`.
pub fn cluster_with(config: QuorumConfig, clients: u32) -> (NetworkConfig, Vec<NodeSetup<QuorumNode>>) {
    let replicas = (0..config.n).map(|i| NodeSetup::new(format!("R{i}"), QuorumNode::Replica(Replica::default())));
    let clients =
        (0..clients).map(|i| NodeSetup::new(format!("C{i}"), QuorumNode::Client(Box::new(Coordinator::new(config)))));
    (network(), replicas.chain(clients).collect())
}

/// `n` replicas, reads waiting for `r` answers, writes for `w`
/// acknowledgements, and `clients` clients with the preset load.
pub fn quorum_cluster(n: u32, r: u32, w: u32, clients: u32) -> (NetworkConfig, Vec<NodeSetup<QuorumNode>>) {
    cluster_with(quorum_config(n, r, w), clients)
}
