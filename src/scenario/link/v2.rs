//! Link format 2, kept for reading: the scenario as version 2 wrote it, and
//! how it becomes today's. It differs only in primary/backup clusters,
//! which had no `start_in_touch` switch: their replicas waited for each
//! other's heartbeats at boot, and links of this format keep that run.
//! Frozen: nothing here changes when kinds are added (`tests/old_links.rs`
//! pins its links).

use serde::Deserialize;

use crate::protocols::{election, gossip, lamport, quorum, replication, rpc, sharding};
use crate::scenario::{ClusterSpec, LessonStep};
use crate::sim::{Intervention, LinkConfig, SimTime};

/// A scenario as link formats 1 and 2 laid it out, around a cluster of
/// the format's own table (`C`).
#[derive(Deserialize)]
pub(super) struct Scenario<C = Cluster> {
    lesson: Option<LessonStep>,
    seed: u64,
    name: String,
    note: String,
    cluster: C,
    network: Option<LinkConfig>,
    interventions: Vec<Intervention>,
    playhead: SimTime,
}

/// The clusters of format 2, in its order.
#[derive(Deserialize)]
pub(super) enum Cluster {
    Election(election::Election),
    ClientServer(rpc::ClientServer),
    ScaleOut(rpc::ScaleOut),
    PrimaryBackup(PrimaryBackup),
    Quorum(quorum::Quorum),
    Shards(sharding::Shards),
    ClockGossip(lamport::ClockGossip),
    ClockDrift(lamport::ClockDrift),
    ClockChat(lamport::ClockChat),
    CentralServer(rpc::CentralServer),
    RetryingSave(rpc::RetryingSave),
    Geography(rpc::Geography),
    WebAndDatabase(rpc::WebAndDatabase),
    Wordpress(rpc::Wordpress),
    LoneProcess(rpc::LoneProcess),
    Gossip(gossip::Gossip),
    TwoRoundQuorum(quorum::TwoRoundQuorum),
}

/// Primary and backups as formats 1 and 2 wrote them, before replicas could
/// start in touch.
#[derive(Deserialize)]
pub(super) struct PrimaryBackup {
    replicas: u32,
    clients: u32,
    synchronous: bool,
    prefer_availability: bool,
}

impl From<PrimaryBackup> for ClusterSpec {
    fn from(old: PrimaryBackup) -> ClusterSpec {
        ClusterSpec::PrimaryBackup(replication::PrimaryBackup {
            replicas: old.replicas,
            clients: old.clients,
            synchronous: old.synchronous,
            prefer_availability: old.prefer_availability,
            start_in_touch: false,
        })
    }
}

impl From<Cluster> for ClusterSpec {
    fn from(cluster: Cluster) -> ClusterSpec {
        match cluster {
            Cluster::Election(kind) => ClusterSpec::Election(kind),
            Cluster::ClientServer(kind) => ClusterSpec::ClientServer(kind),
            Cluster::ScaleOut(kind) => ClusterSpec::ScaleOut(kind),
            Cluster::PrimaryBackup(kind) => kind.into(),
            Cluster::Quorum(kind) => ClusterSpec::Quorum(kind),
            Cluster::Shards(kind) => ClusterSpec::Shards(kind),
            Cluster::ClockGossip(kind) => ClusterSpec::ClockGossip(kind),
            Cluster::ClockDrift(kind) => ClusterSpec::ClockDrift(kind),
            Cluster::ClockChat(kind) => ClusterSpec::ClockChat(kind),
            Cluster::CentralServer(kind) => ClusterSpec::CentralServer(kind),
            Cluster::RetryingSave(kind) => ClusterSpec::RetryingSave(kind),
            Cluster::Geography(kind) => ClusterSpec::Geography(kind),
            Cluster::WebAndDatabase(kind) => ClusterSpec::WebAndDatabase(kind),
            Cluster::Wordpress(kind) => ClusterSpec::Wordpress(kind),
            Cluster::LoneProcess(kind) => ClusterSpec::LoneProcess(kind),
            Cluster::Gossip(kind) => ClusterSpec::Gossip(kind),
            Cluster::TwoRoundQuorum(kind) => ClusterSpec::TwoRoundQuorum(kind),
        }
    }
}

impl<C: Into<ClusterSpec>> From<Scenario<C>> for crate::scenario::Scenario {
    fn from(old: Scenario<C>) -> Self {
        crate::scenario::Scenario {
            lesson: old.lesson,
            seed: old.seed,
            name: old.name,
            note: old.note,
            cluster: old.cluster.into(),
            network: old.network,
            interventions: old.interventions,
            playhead: old.playhead,
        }
    }
}
