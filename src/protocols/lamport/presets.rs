//! Ready-made clusters for the clocks lesson: the scripted chat with one
//! clock running behind, and gossiping peers whose clocks are off or drift.

use crate::sim::{millis, Clock, Duration, NetworkConfig, NodeId, NodeSetup, World};

use super::event::LoggedEvent;
use super::node::{ChatConfig, ClockNode, GossipConfig};

/// Offsets the skewed gossip preset gives its clocks, in milliseconds, in turn.
const SKEWS_MS: [i64; 7] = [0, -45, 30, -20, 15, -60, 50];

/// Every link: 10 ms, give or take 2 ms.
pub fn network() -> NetworkConfig {
    NetworkConfig::uniform(millis(10), millis(2))
}

/// How the gossip presets' peers behave: an event every 100 to 300 ms, one
/// in four of them local.
pub fn gossip_config() -> GossipConfig {
    GossipConfig {
        every_min: millis(100),
        every_max: millis(300),
        local_ppm: 250_000,
    }
}

/// A, B, C... for node `index`.
pub fn letter(index: usize) -> String {
    char::from(b'A' + (index % 26) as u8).to_string()
}

/// The chat: A asks, B answers, C comments, for `rounds` rounds half a second
/// apart. B's clock runs `b_behind` µs behind true time; when that is more
/// than the latency, B's answer is stamped before A's question.
pub fn chat(b_behind: Duration, rounds: u32) -> (NetworkConfig, Vec<NodeSetup<ClockNode>>) {
    let asker = ClockNode::asker(ChatConfig {
        first_after: millis(100),
        ask_every: millis(500),
        rounds,
    });
    let behind = i64::try_from(b_behind).unwrap_or(i64::MAX);
    let setups = vec![
        NodeSetup::new("A", asker),
        NodeSetup::new("B", ClockNode::answerer()).with_clock(Clock::new(-behind, 0)),
        NodeSetup::new("C", ClockNode::commenter()),
    ];
    (network(), setups)
}

/// One gossiping peer per clock, named A, B, C...
pub fn gossip(clocks: Vec<Clock>) -> (NetworkConfig, Vec<NodeSetup<ClockNode>>) {
    let config = gossip_config();
    let setups = clocks
        .into_iter()
        .enumerate()
        .map(|(i, clock)| NodeSetup::new(letter(i), ClockNode::gossiper(config)).with_clock(clock))
        .collect();
    (network(), setups)
}

/// `nodes` gossipers whose clocks are off by tens of milliseconds (0, -45,
/// +30, -20, +15, -60, +50 ms, in turn) but do not drift.
pub fn skewed_gossip(nodes: usize) -> (NetworkConfig, Vec<NodeSetup<ClockNode>>) {
    let clocks = (0..nodes)
        .map(|i| Clock::new(SKEWS_MS[i % SKEWS_MS.len()] * 1_000, 0))
        .collect();
    gossip(clocks)
}

/// `nodes` gossipers whose clocks start right but drift apart: even nodes
/// run fast by `drift_ppm`, odd ones slow by as much.
pub fn drifting_gossip(nodes: usize, drift_ppm: i32) -> (NetworkConfig, Vec<NodeSetup<ClockNode>>) {
    let clocks = (0..nodes)
        .map(|i| Clock::new(0, if i % 2 == 0 { drift_ppm } else { -drift_ppm }))
        .collect();
    gossip(clocks)
}

/// Every node's logged events, node by node, for [`super::compare_orders`].
pub fn all_events(world: &World<ClockNode>) -> Vec<LoggedEvent> {
    (0..world.node_count() as u32)
        .filter_map(|i| world.behaviour(NodeId(i)))
        .flat_map(|node| node.peer().log().iter().cloned())
        .collect()
}
