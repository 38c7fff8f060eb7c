//! Ready-made replicated stores: replicas are nodes `0..replicas` (replica 0
//! starts as primary), clients come after them. Also a helper that splits the
//! replicas into groups that cannot talk to each other while every client
//! still reaches all of them.

use crate::sim::{millis, Action, NetworkConfig, NodeId, NodeSetup};

use super::client::Client;
use super::config::{ClientConfig, PartitionChoice, ReplicaConfig, Target, WriteMode};
use super::node::ReplicationNode;
use super::replica::Replica;

/// Heartbeats every 100 ms; a replica silent for 300 ms counts as
/// unreachable; a backup takes over after 600 ms without the primary. A
/// replica waits for the others' heartbeats before it counts them.
pub fn replica_config(replicas: u32, mode: WriteMode, choice: PartitionChoice) -> ReplicaConfig {
    ReplicaConfig {
        replicas,
        mode,
        choice,
        heartbeat_every: millis(100),
        contact_within: millis(300),
        failover_after: millis(600),
        start_in_touch: false,
    }
}

/// Three keys, a request every 50 to 150 ms, half of them writes, 200 ms
/// before trying again, at most three messages per request.
pub fn client_config(replicas: u32, target: Target) -> ClientConfig {
    ClientConfig {
        replicas,
        target,
        keys: 3,
        every_min: millis(50),
        every_max: millis(150),
        write_ppm: 500_000,
        timeout: millis(200),
        attempts: 3,
    }
}

/// Replicas R0, R1... configured by `replica`, then one client (C0, C1...)
/// per entry of `clients`.
pub fn cluster(replica: ReplicaConfig, clients: Vec<ClientConfig>) -> (NetworkConfig, Vec<NodeSetup<ReplicationNode>>) {
    let replicas = (0..replica.replicas).map(|i| {
        NodeSetup::new(
            format!("R{i}"),
            ReplicationNode::Replica(Replica::new(NodeId(i), replica)),
        )
    });
    let clients = clients
        .into_iter()
        .enumerate()
        .map(|(i, c)| NodeSetup::new(format!("C{i}"), ReplicationNode::Client(Client::new(c))));
    (NetworkConfig::default(), replicas.chain(clients).collect())
}

/// `replicas` replicas and `clients` clients that talk to the primary, with
/// the preset timings.
pub fn primary_backup(
    replicas: u32,
    clients: u32,
    mode: WriteMode,
    choice: PartitionChoice,
) -> (NetworkConfig, Vec<NodeSetup<ReplicationNode>>) {
    let client = client_config(replicas, Target::Primary);
    cluster(
        replica_config(replicas, mode, choice),
        (0..clients).map(|_| client).collect(),
    )
}

/// Cut every link between the two groups of replicas, both ways, leaving
/// clients connected to everyone: the replicas are partitioned, the clients
/// can still reach both sides.
pub fn split_replicas(one: &[NodeId], other: &[NodeId]) -> Vec<Action> {
    one.iter()
        .flat_map(|&a| {
            other
                .iter()
                .flat_map(move |&b| [Action::CutLink { from: a, to: b }, Action::CutLink { from: b, to: a }])
        })
        .collect()
}
