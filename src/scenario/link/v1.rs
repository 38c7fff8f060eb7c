//! Link format 1, kept for reading: the scenario as version 1 wrote it, and
//! how it becomes today's. It differs only in its cluster: the kinds came
//! in another order, and the load balancer that skips silent servers was a
//! kind of its own rather than a switch of scale-out; and, as in format 2,
//! primary/backup had no `start_in_touch` switch. Frozen: nothing here
//! changes when kinds are added (`tests/old_links.rs` pins its links).

use serde::Deserialize;

use super::v2::PrimaryBackup;
use crate::protocols::{election, lamport, quorum, rpc, sharding};
use crate::scenario::ClusterSpec;

/// A scenario as link format 1 laid it out: as format 2 did, with the
/// clusters of format 1.
pub(super) type Scenario = super::v2::Scenario<Cluster>;

/// The clusters of format 1, in its order.
#[derive(Deserialize)]
pub(super) enum Cluster {
    LoneProcess(rpc::LoneProcess),
    ClientServer(rpc::ClientServer),
    WebAndDatabase(rpc::WebAndDatabase),
    Wordpress(rpc::Wordpress),
    RetryingSave(rpc::RetryingSave),
    ScaleOut(ScaleOut),
    Geography(rpc::Geography),
    PrimaryBackup(PrimaryBackup),
    Quorum(quorum::Quorum),
    Shards(sharding::Shards),
    ClockGossip(lamport::ClockGossip),
    ClockChat(lamport::ClockChat),
    Election(election::Election),
    CentralServer(rpc::CentralServer),
    ClockDrift(lamport::ClockDrift),
    ScaleOutSkippingSilent(ScaleOut),
}

/// Scale-out as format 1 wrote it, before the silent-server switch.
#[derive(Deserialize)]
pub(super) struct ScaleOut {
    clients: u32,
    servers: u32,
    service_ms: u32,
    every_ms: u32,
}

impl ScaleOut {
    fn skipping_silent(self, skip_silent: bool) -> ClusterSpec {
        ClusterSpec::ScaleOut(rpc::ScaleOut {
            clients: self.clients,
            servers: self.servers,
            service_ms: self.service_ms,
            every_ms: self.every_ms,
            skip_silent,
        })
    }
}

impl From<Cluster> for ClusterSpec {
    fn from(cluster: Cluster) -> ClusterSpec {
        match cluster {
            Cluster::LoneProcess(kind) => ClusterSpec::LoneProcess(kind),
            Cluster::ClientServer(kind) => ClusterSpec::ClientServer(kind),
            Cluster::WebAndDatabase(kind) => ClusterSpec::WebAndDatabase(kind),
            Cluster::Wordpress(kind) => ClusterSpec::Wordpress(kind),
            Cluster::RetryingSave(kind) => ClusterSpec::RetryingSave(kind),
            Cluster::ScaleOut(kind) => kind.skipping_silent(false),
            Cluster::Geography(kind) => ClusterSpec::Geography(kind),
            Cluster::PrimaryBackup(kind) => kind.into(),
            Cluster::Quorum(kind) => ClusterSpec::Quorum(kind),
            Cluster::Shards(kind) => ClusterSpec::Shards(kind),
            Cluster::ClockGossip(kind) => ClusterSpec::ClockGossip(kind),
            Cluster::ClockChat(kind) => ClusterSpec::ClockChat(kind),
            Cluster::Election(kind) => ClusterSpec::Election(kind),
            Cluster::CentralServer(kind) => ClusterSpec::CentralServer(kind),
            Cluster::ClockDrift(kind) => ClusterSpec::ClockDrift(kind),
            Cluster::ScaleOutSkippingSilent(kind) => kind.skipping_silent(true),
        }
    }
}
