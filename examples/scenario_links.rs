//! Prints shared-scenario links (`#v1.…`) for the pictures the frame-time
//! benchmark and the screenshots open: crowded gossip rings of 50 and 200
//! nodes with slow links (so hundreds or thousands of messages are in
//! flight), a tiered web cluster and the geography map. One JSON object a
//! line: name, link, nodes, and messages in flight at the playhead.
//!
//! `cargo run --example scenario_links`

use many_nodes::protocols::{lamport, rpc};
use many_nodes::scenario::{encode, ClusterSpec, Scenario};
use many_nodes::sim::{millis, seconds, LinkConfig};

fn gossip(nodes: u32, latency_ms: u64) -> Scenario {
    let mut scenario = Scenario::new(ClusterSpec::ClockGossip(lamport::ClockGossip { nodes }), 7);
    scenario.network = Some(LinkConfig {
        latency: millis(latency_ms),
        jitter: millis(latency_ms / 4),
        ..LinkConfig::default()
    });
    scenario.playhead = seconds(5);
    scenario
}

fn main() {
    let mut tiers = Scenario::new(
        ClusterSpec::ScaleOut(rpc::ScaleOut {
            clients: 3,
            servers: 3,
            service_ms: 20,
            every_ms: 300,
            skip_silent: false,
        }),
        1,
    );
    tiers.playhead = millis(1_500);
    let mut map = Scenario::new(ClusterSpec::Geography(rpc::Geography { local_servers: false }), 1);
    map.playhead = millis(1_300);
    let scenarios = [
        ("gossip-50", gossip(50, 2_000)),
        ("gossip-200", gossip(200, 3_000)),
        ("tiers", tiers),
        ("map", map),
    ];
    for (name, scenario) in scenarios {
        let in_flight = match scenario.build() {
            Ok(mut run) => {
                run.seek(scenario.playhead);
                run.snapshot().messages.len()
            }
            Err(problem) => {
                eprintln!("{name} does not build: {problem}");
                std::process::exit(1);
            }
        };
        println!(
            "{{\"name\":\"{name}\",\"link\":\"{}\",\"nodes\":{},\"in_flight\":{in_flight}}}",
            encode(&scenario),
            scenario.cluster.node_count()
        );
    }
}
