//! The clock clusters as kinds the scenario table lists: gossip between
//! peers whose clocks are off or drift apart, and the chat with a slow
//! clock. Each with its parameters, size, rhythm (for the work estimate)
//! and preset.

use serde::{Deserialize, Serialize};

use super::presets::{chat, drifting_gossip, network, skewed_gossip};
use crate::scenario::estimate::{ms, Wire};
use crate::scenario::kind::{count, number, signed, Cluster, ClusterKind, Field, Values};
use crate::scenario::limits::{MAX_CHAT_ROUNDS, MAX_CLOCK_BEHIND_MS, MAX_DRIFT};
use crate::scenario::Scenario;
use crate::sim::{millis, LinkConfig, Run};

/// Events per second of `nodes` peers ticking every 200 ms and gossiping
/// on three ticks in four.
fn gossiping(nodes: u32, link: &LinkConfig) -> f64 {
    let wire = Wire::new(link, 0.0);
    let sends = if nodes > 1 { 0.75 * wire.sends } else { 0.0 };
    f64::from(nodes) / ms(200.0) * (1.0 + sends)
}

/// Gossiping peers whose clocks are off (`lamport::skewed_gossip`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClockGossip {
    pub nodes: u32,
}

impl ClusterKind for ClockGossip {
    const NAME: &'static str = "Clock gossip";
    const FIELDS: &'static [Field] = &[count("Nodes", 1, 4)];
    fn from_values(values: &Values<'_>) -> Self {
        ClockGossip { nodes: values.whole(0) }
    }
}

impl Cluster for ClockGossip {
    fn values(&self) -> Vec<i64> {
        vec![self.nodes.into()]
    }
    fn node_count(&self) -> u64 {
        self.nodes.into()
    }
    fn preset_link(&self) -> LinkConfig {
        network().default_link
    }
    fn events_per_second(&self, link: &LinkConfig) -> f64 {
        gossiping(self.nodes, link)
    }
    fn warm_up(&self) -> f64 {
        ms(200.0)
    }
    fn build(&self, scenario: &Scenario) -> Box<dyn Run> {
        scenario.run_preset(skewed_gossip(self.nodes as usize))
    }
}

/// Gossiping peers whose clocks drift apart by `drift_ppm`
/// (`lamport::drifting_gossip`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClockDrift {
    pub nodes: u32,
    pub drift_ppm: i32,
}

impl ClusterKind for ClockDrift {
    const NAME: &'static str = "Drifting clocks";
    const FIELDS: &'static [Field] = &[count("Nodes", 1, 3), signed("Clock drift", MAX_DRIFT, "ppm", 1_000)];
    fn from_values(values: &Values<'_>) -> Self {
        ClockDrift {
            nodes: values.whole(0),
            drift_ppm: values.signed(1),
        }
    }
}

impl Cluster for ClockDrift {
    fn values(&self) -> Vec<i64> {
        vec![self.nodes.into(), self.drift_ppm.into()]
    }
    fn node_count(&self) -> u64 {
        self.nodes.into()
    }
    fn preset_link(&self) -> LinkConfig {
        network().default_link
    }
    fn events_per_second(&self, link: &LinkConfig) -> f64 {
        gossiping(self.nodes, link)
    }
    fn warm_up(&self) -> f64 {
        ms(200.0)
    }
    fn build(&self, scenario: &Scenario) -> Box<dyn Run> {
        scenario.run_preset(drifting_gossip(self.nodes as usize, self.drift_ppm))
    }
}

/// The chat with B's clock running `b_behind_ms` behind, for `rounds`
/// rounds (`lamport::chat`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClockChat {
    pub b_behind_ms: u32,
    pub rounds: u32,
}

impl ClusterKind for ClockChat {
    const NAME: &'static str = "Chat with a slow clock";
    const FIELDS: &'static [Field] = &[
        number("B's clock behind", 0, MAX_CLOCK_BEHIND_MS, "ms", 1_000),
        number("Rounds", 0, MAX_CHAT_ROUNDS, "", 3),
    ];
    fn from_values(values: &Values<'_>) -> Self {
        ClockChat {
            b_behind_ms: values.whole(0),
            rounds: values.whole(1),
        }
    }
}

impl Cluster for ClockChat {
    fn values(&self) -> Vec<i64> {
        vec![self.b_behind_ms.into(), self.rounds.into()]
    }
    fn node_count(&self) -> u64 {
        3
    }
    fn preset_link(&self) -> LinkConfig {
        network().default_link
    }
    fn events_per_second(&self, link: &LinkConfig) -> f64 {
        let wire = Wire::new(link, 0.0);
        let (m, q) = (wire.sends, wire.delivered);
        (1.0 + 2.0 * m * (1.0 + q + q * q)) / ms(500.0)
    }
    fn stops_after(&self) -> Option<f64> {
        Some(ms(500.0) * f64::from(self.rounds))
    }
    fn build(&self, scenario: &Scenario) -> Box<dyn Run> {
        scenario.run_preset(chat(millis(self.b_behind_ms.into()), self.rounds))
    }
}
