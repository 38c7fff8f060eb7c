//! The network between nodes, as data: how long a message takes on each link
//! and how likely it is to be lost, duplicated or held back; which links are
//! cut (each direction separately) and which partition side each node is on.
//! The engine asks it two questions: "can `from` reach `to` right now?" and
//! "when does a message sent now arrive, if at all?".

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use super::node::{NodeId, Place};
use super::rng::{PartsPerMillion, SimRng};
use super::time::{millis, Duration, SimTime};

/// How one direction of a link behaves.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LinkConfig {
    /// Fixed one-way delay.
    pub latency: Duration,
    /// Extra delay drawn uniformly from `0..=jitter` for each message.
    pub jitter: Duration,
    /// Chance a message is lost on the way.
    pub loss: PartsPerMillion,
    /// Chance a message arrives twice.
    pub duplicate: PartsPerMillion,
    /// Chance a message is held back by an extra `latency + jitter`, so it
    /// overtakes nothing but is overtaken by later ones.
    pub reorder: PartsPerMillion,
    /// Bytes per second the link can carry; `None` means unlimited. When set,
    /// messages queue behind each other on the link.
    pub bandwidth: Option<u64>,
}

impl Default for LinkConfig {
    fn default() -> Self {
        LinkConfig {
            latency: millis(10),
            jitter: millis(2),
            loss: 0,
            duplicate: 0,
            reorder: 0,
            bandwidth: None,
        }
    }
}

/// Latency that grows with distance, for the geography lesson: light in
/// fibre covers a kilometre in about 5 µs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DistanceLatency {
    pub nanos_per_km: u64,
}

impl DistanceLatency {
    /// Light in glass fibre: about 200,000 km/s.
    pub const FIBRE: DistanceLatency = DistanceLatency { nanos_per_km: 5_000 };

    /// What `km` kilometres add to a message's trip.
    pub fn across(self, km: u64) -> Duration {
        km * self.nanos_per_km / 1_000
    }
}

/// The network's settings, as a scenario describes them.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NetworkConfig {
    /// How every link behaves.
    pub default_link: LinkConfig,
    /// Added on top of the link latency from the distance between nodes.
    pub distance: Option<DistanceLatency>,
}

impl NetworkConfig {
    /// Every link alike: `latency` plus up to `jitter`, nothing lost.
    pub fn uniform(latency: Duration, jitter: Duration) -> Self {
        NetworkConfig {
            default_link: LinkConfig {
                latency,
                jitter,
                ..LinkConfig::default()
            },
            ..NetworkConfig::default()
        }
    }
}

/// What happens to a message the network has accepted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Journey {
    /// It reaches the far end at `arrives`.
    Arrives { arrives: SimTime },
    /// It is lost on the way, at `lost_at`; it would have arrived at `arrives`.
    Lost { lost_at: SimTime, arrives: SimTime },
}

/// The live network: settings plus the current faults.
#[derive(Clone, Debug)]
pub struct Network {
    default_link: LinkConfig,
    distance: Option<DistanceLatency>,
    places: Vec<Place>,
    cut: BTreeSet<(NodeId, NodeId)>,
    side: Vec<u16>,
    link_free_at: BTreeMap<(NodeId, NodeId), SimTime>,
}

impl Network {
    pub fn new(config: &NetworkConfig, places: Vec<Place>) -> Self {
        Network {
            default_link: config.default_link,
            distance: config.distance,
            side: vec![0; places.len()],
            places,
            cut: BTreeSet::new(),
            link_free_at: BTreeMap::new(),
        }
    }

    pub fn default_link(&self) -> LinkConfig {
        self.default_link
    }

    /// What distance adds to each trip, if it adds anything.
    pub fn distance(&self) -> Option<DistanceLatency> {
        self.distance
    }

    /// Replace every link's settings (the network sliders).
    pub fn set_default_link(&mut self, link: LinkConfig) {
        self.default_link = link;
    }

    /// True when a message from `from` to `to` cannot get through right now.
    pub fn blocks(&self, from: NodeId, to: NodeId) -> bool {
        if from == to {
            return false;
        }
        self.side_of(from) != self.side_of(to) || (!self.cut.is_empty() && self.cut.contains(&(from, to)))
    }

    fn side_of(&self, node: NodeId) -> u16 {
        self.side.get(node.index()).copied().unwrap_or(0)
    }

    /// Cut one direction of a link.
    pub fn cut(&mut self, from: NodeId, to: NodeId) {
        if from != to {
            self.cut.insert((from, to));
        }
    }

    /// Heal one direction of a link.
    pub fn heal(&mut self, from: NodeId, to: NodeId) {
        self.cut.remove(&(from, to));
    }

    /// Split the cluster: each group becomes a side that can only talk
    /// within itself; nodes in no group share one more side.
    pub fn partition(&mut self, groups: &[Vec<NodeId>]) {
        self.side.iter_mut().for_each(|s| *s = 0);
        for (i, group) in groups.iter().enumerate() {
            for node in group {
                if let Some(s) = self.side.get_mut(node.index()) {
                    *s = u16::try_from(i + 1).unwrap_or(u16::MAX);
                }
            }
        }
    }

    /// Remove every partition and every cut link.
    pub fn heal_all(&mut self) {
        self.side.iter_mut().for_each(|s| *s = 0);
        self.cut.clear();
    }

    /// The links cut one way, in order.
    pub fn cut_links(&self) -> impl Iterator<Item = (NodeId, NodeId)> + '_ {
        self.cut.iter().copied()
    }

    /// Each node's partition side (all zero when there is no partition).
    pub fn sides(&self) -> &[u16] {
        &self.side
    }

    /// Where a node stands on the map.
    pub fn place(&self, node: NodeId) -> Place {
        self.places.get(node.index()).copied().unwrap_or_default()
    }

    /// Decide, with the run's randomness, when a message leaving `from` at
    /// `departs` reaches `to`, or where it is lost. Does not look at cuts:
    /// those are checked when the message arrives.
    pub fn journey(
        &mut self,
        from: NodeId,
        to: NodeId,
        departs: SimTime,
        size_bytes: u32,
        rng: &mut SimRng,
    ) -> Journey {
        let link = self.default_link;
        let mut delay = link.latency + rng.between(0, link.jitter);
        if let (Some(distance), Some(a), Some(b)) = (
            self.distance,
            self.places.get(from.index()),
            self.places.get(to.index()),
        ) {
            delay += distance.across(a.distance_km(*b));
        }
        if rng.chance(link.reorder) {
            delay += link.latency + link.jitter;
        }
        let leaves = match link.bandwidth {
            Some(bytes_per_second) if bytes_per_second > 0 => {
                let free = self.link_free_at.entry((from, to)).or_insert(0);
                let start = departs.max(*free);
                let transmit = u64::from(size_bytes) * 1_000_000 / bytes_per_second;
                *free = start + transmit;
                start + transmit
            }
            _ => departs,
        };
        let arrives = leaves + delay;
        if rng.chance(link.loss) {
            Journey::Lost {
                lost_at: departs + (arrives - departs) / 2,
                arrives,
            }
        } else {
            Journey::Arrives { arrives }
        }
    }

    /// Whether this message should also arrive a second time.
    pub fn duplicates(&self, rng: &mut SimRng) -> bool {
        rng.chance(self.default_link.duplicate)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn net(n: usize) -> Network {
        Network::new(&NetworkConfig::default(), vec![Place::default(); n])
    }

    #[test]
    fn cuts_are_one_way() {
        let mut network = net(3);
        network.cut(NodeId(0), NodeId(1));
        assert!(network.blocks(NodeId(0), NodeId(1)));
        assert!(!network.blocks(NodeId(1), NodeId(0)));
        network.heal(NodeId(0), NodeId(1));
        assert!(!network.blocks(NodeId(0), NodeId(1)));
    }

    #[test]
    fn partition_separates_sides_until_healed() {
        let mut network = net(5);
        network.partition(&[vec![NodeId(0), NodeId(1)]]);
        assert!(network.blocks(NodeId(0), NodeId(2)));
        assert!(network.blocks(NodeId(3), NodeId(1)));
        assert!(!network.blocks(NodeId(0), NodeId(1)));
        assert!(!network.blocks(NodeId(2), NodeId(4)));
        network.heal_all();
        assert!(!network.blocks(NodeId(0), NodeId(2)));
    }

    #[test]
    fn distance_adds_light_delay() {
        let config = NetworkConfig {
            default_link: LinkConfig {
                latency: 0,
                jitter: 0,
                ..LinkConfig::default()
            },
            distance: Some(DistanceLatency::FIBRE),
        };
        let mut network = Network::new(&config, vec![Place::new(0, 0), Place::new(16_000, 0)]);
        let mut rng = SimRng::seeded(1);
        let journey = network.journey(NodeId(0), NodeId(1), 0, 100, &mut rng);
        assert_eq!(journey, Journey::Arrives { arrives: millis(80) });
    }

    #[test]
    fn bandwidth_makes_messages_queue_on_the_link() {
        let config = NetworkConfig {
            default_link: LinkConfig {
                latency: 0,
                jitter: 0,
                bandwidth: Some(1_000),
                ..LinkConfig::default()
            },
            ..NetworkConfig::default()
        };
        let mut network = Network::new(&config, vec![Place::default(); 2]);
        let mut rng = SimRng::seeded(1);
        let first = network.journey(NodeId(0), NodeId(1), 0, 500, &mut rng);
        let second = network.journey(NodeId(0), NodeId(1), 0, 500, &mut rng);
        assert_eq!(first, Journey::Arrives { arrives: millis(500) });
        assert_eq!(second, Journey::Arrives { arrives: millis(1_000) });
    }

    #[test]
    fn certain_loss_loses_halfway() {
        let config = NetworkConfig {
            default_link: LinkConfig {
                latency: millis(10),
                jitter: 0,
                loss: 1_000_000,
                ..LinkConfig::default()
            },
            ..NetworkConfig::default()
        };
        let mut network = Network::new(&config, vec![Place::default(); 2]);
        let mut rng = SimRng::seeded(1);
        let journey = network.journey(NodeId(0), NodeId(1), 0, 100, &mut rng);
        assert_eq!(
            journey,
            Journey::Lost {
                lost_at: millis(5),
                arrives: millis(10)
            }
        );
    }
}
