//! Ready-made clusters for the leader-election lesson.

use crate::sim::{millis, NetworkConfig, NodeSetup};

use super::config::ElectionConfig;
use super::node::ElectionNode;

/// Every link: 10 ms, give or take 2 ms.
pub fn network() -> NetworkConfig {
    NetworkConfig::uniform(millis(10), millis(2))
}

/// `nodes` servers (named A, B, C...) with the given timing.
pub fn cluster_with(nodes: usize, config: ElectionConfig) -> (NetworkConfig, Vec<NodeSetup<ElectionNode>>) {
    let setups = (0..nodes)
        .map(|i| NodeSetup::new(char::from(b'A' + (i % 26) as u8).to_string(), ElectionNode::new(config)))
        .collect();
    (network(), setups)
}

/// `nodes` servers with timeouts of 150 to 300 ms and heartbeats every 50 ms.
pub fn cluster(nodes: usize) -> (NetworkConfig, Vec<NodeSetup<ElectionNode>>) {
    cluster_with(nodes, ElectionConfig::default())
}

/// Timeouts of 100 to 110 ms, barely wider than a message's trip: servers
/// keep standing at nearly the same moment and splitting the vote, until
/// chance spreads them out.
pub fn narrow_timeouts() -> ElectionConfig {
    ElectionConfig {
        timeout_min: millis(100),
        timeout_max: millis(110),
        heartbeat_every: millis(30),
    }
}

/// `nodes` servers with [`narrow_timeouts`]: split votes are likely.
pub fn split_vote_prone(nodes: usize) -> (NetworkConfig, Vec<NodeSetup<ElectionNode>>) {
    cluster_with(nodes, narrow_timeouts())
}
