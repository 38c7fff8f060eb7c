//! Turning a scenario into a run: the preset builds the network and the
//! nodes, the network override replaces every link's settings, the seed
//! seeds the world, and a timeline replays the interventions. Building does
//! not move time on; the caller seeks to the playhead.

use crate::protocols::election::{self, ElectionConfig};
use crate::protocols::replication::{self, PartitionChoice, WriteMode};
use crate::protocols::sharding::{self, HotKey};
use crate::protocols::{lamport, quorum, rpc};
use crate::sim::{millis, Behaviour, NetworkConfig, NodeSetup, Run, Timeline, World};

use super::cluster::ClusterSpec;
use super::error::ScenarioError;
use super::Scenario;

impl Scenario {
    /// Check the scenario, then build its run at time zero with every
    /// intervention scheduled. Seek the run to [`Scenario::playhead`] to see
    /// what the scenario shows.
    pub fn build(&self) -> Result<Box<dyn Run>, ScenarioError> {
        self.validate()?;
        Ok(match self.cluster {
            ClusterSpec::LoneProcess => self.run(rpc::lone_process()),
            ClusterSpec::ClientServer {
                requests,
                max_retries,
                idempotency_keys,
            } => self.run(rpc::client_and_server(|client| {
                let client = client.max_retries(max_retries).idempotency_keys(idempotency_keys);
                match requests {
                    Some(count) => client.limit(count),
                    None => client,
                }
            })),
            ClusterSpec::WebAndDatabase => self.run(rpc::web_and_database()),
            ClusterSpec::Wordpress => self.run(rpc::wordpress()),
            ClusterSpec::RetryingSave {
                loss_ppm,
                idempotency_keys,
            } => self.run(rpc::retrying_save(loss_ppm, idempotency_keys)),
            ClusterSpec::ScaleOut {
                clients,
                servers,
                service_ms,
                every_ms,
            } => self.run(rpc::scale_out(
                clients,
                servers,
                millis(service_ms.into()),
                millis(every_ms.into()),
            )),
            ClusterSpec::ScaleOutSkippingSilent {
                clients,
                servers,
                service_ms,
                every_ms,
            } => self.run(rpc::scale_out_skipping_silent(
                clients,
                servers,
                millis(service_ms.into()),
                millis(every_ms.into()),
            )),
            ClusterSpec::Geography { local_servers } => self.run(rpc::geography(local_servers)),
            ClusterSpec::CentralServer { clients } => self.run(rpc::central_server(clients)),
            ClusterSpec::PrimaryBackup {
                replicas,
                clients,
                synchronous,
                prefer_availability,
            } => {
                let mode = if synchronous {
                    WriteMode::Synchronous
                } else {
                    WriteMode::Asynchronous
                };
                let choice = if prefer_availability {
                    PartitionChoice::Availability
                } else {
                    PartitionChoice::Consistency
                };
                self.run(replication::primary_backup(replicas, clients, mode, choice))
            }
            ClusterSpec::Quorum { n, r, w, clients } => self.run(quorum::quorum_cluster(n, r, w, clients)),
            ClusterSpec::Shards {
                shards,
                clients,
                hot_key_ppm,
            } => {
                let hot = (hot_key_ppm > 0).then_some(HotKey {
                    key: 0,
                    ppm: hot_key_ppm,
                });
                self.run(sharding::cluster(shards, clients, hot))
            }
            ClusterSpec::ClockGossip { nodes } => self.run(lamport::skewed_gossip(nodes as usize)),
            ClusterSpec::ClockDrift { nodes, drift_ppm } => {
                self.run(lamport::drifting_gossip(nodes as usize, drift_ppm))
            }
            ClusterSpec::ClockChat { b_behind_ms, rounds } => {
                self.run(lamport::chat(millis(b_behind_ms.into()), rounds))
            }
            ClusterSpec::Election { nodes, timeout_ms } => self.run(election::cluster_with(
                nodes as usize,
                ElectionConfig::with_timeout(millis(timeout_ms.into())),
            )),
        })
    }

    /// A timeline of this scenario's world built from a preset's cluster.
    fn run<B: Behaviour + 'static>(&self, (mut network, setups): (NetworkConfig, Vec<NodeSetup<B>>)) -> Box<dyn Run> {
        if let Some(link) = self.network {
            network.default_link = link;
        }
        let world = World::new(self.seed, &network, setups);
        Box::new(Timeline::new(world, self.interventions.clone()))
    }
}
