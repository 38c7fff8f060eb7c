//! Ready-made gossip clusters: peers named A, B, C..., the first the source.

use crate::protocols::lamport::letter;
use crate::sim::{millis, NetworkConfig, NodeSetup};

use super::peer::{GossipConfig, Peer};

/// Every link: 40 ms, give or take 20 ms, so a round's messages are seen
/// flying.
pub fn network() -> NetworkConfig {
    NetworkConfig::uniform(millis(40), millis(20))
}

/// `nodes` peers gossiping as `config` says; A (node 0) is the source.
pub fn cluster(nodes: u32, config: GossipConfig) -> (NetworkConfig, Vec<NodeSetup<Peer>>) {
    let setups = (0..nodes as usize)
        .map(|i| {
            let peer = if i == 0 {
                Peer::source(config)
            } else {
                Peer::listener(config)
            };
            NodeSetup::new(letter(i), peer)
        })
        .collect();
    (network(), setups)
}
