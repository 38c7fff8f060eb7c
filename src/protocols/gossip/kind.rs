//! Gossip broadcast as a kind the scenario table lists: how many peers,
//! how many each tells a round, how long a round is and for how many
//! rounds each passes the news on; its rhythm for the work estimate.

use serde::{Deserialize, Serialize};

use super::peer::GossipConfig;
use super::presets::{cluster, network};
use super::spread;
use crate::scenario::estimate::{ms, Wire};
use crate::scenario::kind::{count, number, Cluster, ClusterKind, Field, Values};
use crate::scenario::limits::{MAX_NODES, MAX_PRESET_MS};
use crate::scenario::Scenario;
use crate::sim::{millis, LinkConfig, Run};

/// When the source has the news, from the start.
const NEWS_AFTER_MS: f64 = 100.0;

/// `nodes` peers spreading one piece of news (`gossip::cluster`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Gossip {
    pub nodes: u32,
    pub fanout: u32,
    pub every_ms: u32,
    pub rounds: u32,
}

impl Gossip {
    /// Rounds until about everyone has heard: each round the peers who
    /// know grow about `1 + fanout` times.
    fn rounds_to_reach_all(&self) -> f64 {
        let nodes = f64::from(self.nodes.max(1));
        let growth = 1.0 + f64::from(self.fanout.max(1));
        nodes.ln() / growth.ln()
    }

    /// About how many peers ever hear the news when each message arrives
    /// with chance `reach`. Each peer who hears tells about `spread` others
    /// in all: below one the news dies out after about `1 / (1 - spread)`
    /// peers; above it, it reaches the share `z` of peers that solves
    /// `z = 1 - e^(-spread z)` (and near one, about `n^(2/3)` of them).
    fn hearers(&self, reach: f64) -> f64 {
        let nodes = f64::from(self.nodes.max(1));
        let told = f64::from(self.fanout.min(self.nodes.saturating_sub(1)));
        let spread = f64::from(self.rounds) * told * reach;
        let heard = if spread < 1.0 {
            1.0 / (1.0 - spread)
        } else {
            let share = (0..50).fold(1.0, |share: f64, _| 1.0 - (-spread * share).exp());
            (nodes * share).max(nodes.powf(2.0 / 3.0))
        };
        heard.clamp(1.0, nodes)
    }

    /// How long the peers keep gossiping, in seconds, counted as if no
    /// message were lost.
    fn active(&self) -> f64 {
        let rounds = f64::from(self.rounds) + self.rounds_to_reach_all() + 1.0;
        rounds * ms(self.every_ms.into())
    }
}

impl ClusterKind for Gossip {
    const NAME: &'static str = "Gossip broadcast";
    const FIELDS: &'static [Field] = &[
        count("Peers", 1, 8),
        number("Peers told each round", 1, MAX_NODES as u32, "", 2),
        number("Round every", 10, MAX_PRESET_MS, "ms", 200),
        number("Rounds each peer passes it on", 1, 100, "", 4),
    ];
    fn from_values(values: &Values<'_>) -> Self {
        Gossip {
            nodes: values.whole(0),
            fanout: values.whole(1),
            every_ms: values.whole(2),
            rounds: values.whole(3),
        }
    }
}

impl Cluster for Gossip {
    fn values(&self) -> Vec<i64> {
        vec![
            self.nodes.into(),
            self.fanout.into(),
            self.every_ms.into(),
            self.rounds.into(),
        ]
    }
    fn node_count(&self) -> u64 {
        self.nodes.into()
    }
    fn preset_link(&self) -> LinkConfig {
        network().default_link
    }
    fn events_per_second(&self, link: &LinkConfig) -> f64 {
        let wire = Wire::new(link, 0.0);
        let told = f64::from(self.fanout.min(self.nodes.saturating_sub(1)));
        let per_peer = f64::from(self.rounds) * (1.0 + told * wire.sends);
        self.hearers(wire.reach) * per_peer / self.active()
    }
    fn warm_up(&self) -> f64 {
        ms(NEWS_AFTER_MS)
    }
    fn stops_after(&self) -> Option<f64> {
        Some(self.active())
    }
    fn events_within(&self, link: &LinkConfig, busy_for: f64) -> f64 {
        spread::events_within(self, &Wire::new(link, 0.0), busy_for)
    }
    fn build(&self, scenario: &Scenario) -> Box<dyn Run> {
        let config = GossipConfig {
            fanout: self.fanout,
            round: millis(self.every_ms.into()),
            rounds: self.rounds,
            news_after: millis(NEWS_AFTER_MS as u64),
        };
        scenario.run_preset(cluster(self.nodes, config))
    }
}
