//! The quorum store with two rounds per operation as a kind of its own: a
//! write first asks R replicas for the newest version, so that its own is
//! newer than every write that finished before it; a read that found a
//! value writes it back to W replicas before it answers. With R + W > N
//! this store is linearizable, which the one-round [`super::Quorum`] is
//! not (its versions need not follow real time, and a read can see a write
//! that a later read misses). A kind of its own, so that links to the
//! one-round store keep replaying the same runs.

use serde::{Deserialize, Serialize};

use super::kind::Quorum;
use super::presets::{cluster_with, quorum_config};
use crate::scenario::kind::{Cluster, ClusterKind, Field, Values};
use crate::scenario::Scenario;
use crate::sim::{LinkConfig, Run};

/// `n` replicas, reads that wait for `r` of them, writes for `w`, and
/// `clients` clients; every operation takes two rounds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TwoRoundQuorum {
    pub n: u32,
    pub r: u32,
    pub w: u32,
    pub clients: u32,
}

impl TwoRoundQuorum {
    /// The one-round store with the same numbers.
    fn one_round(&self) -> Quorum {
        Quorum {
            n: self.n,
            r: self.r,
            w: self.w,
            clients: self.clients,
        }
    }
}

impl ClusterKind for TwoRoundQuorum {
    const NAME: &'static str = "Quorum store, two rounds";
    const FIELDS: &'static [Field] = Quorum::FIELDS;
    fn from_values(values: &Values<'_>) -> Self {
        let one = Quorum::from_values(values);
        TwoRoundQuorum {
            n: one.n,
            r: one.r,
            w: one.w,
            clients: one.clients,
        }
    }
}

impl Cluster for TwoRoundQuorum {
    fn values(&self) -> Vec<i64> {
        self.one_round().values()
    }
    fn node_count(&self) -> u64 {
        self.one_round().node_count()
    }
    fn rules(&self) -> Vec<(bool, &'static str)> {
        self.one_round().rules()
    }
    fn preset_link(&self) -> LinkConfig {
        self.one_round().preset_link()
    }
    /// The one-round store's rhythm with each operation's messages twice
    /// (reads that find nothing take one round, so this is an upper side).
    fn events_per_second(&self, link: &LinkConfig) -> f64 {
        2.0 * self.one_round().events_per_second(link)
    }
    fn warm_up(&self) -> f64 {
        self.one_round().warm_up()
    }
    fn build(&self, scenario: &Scenario) -> Box<dyn Run> {
        let config = super::QuorumConfig {
            two_rounds: true,
            ..quorum_config(self.n, self.r, self.w)
        };
        scenario.run_preset(cluster_with(config, self.clients))
    }
}
