//! Ready-made sharded stores: shards are nodes `0..shards`, clients come
//! after them. An even load, and a load where one hot key swamps its shard.

use crate::sim::{millis, Duration, NetworkConfig, NodeSetup};

use super::client::{Client, ClientConfig, HotKey};
use super::node::ShardNode;
use super::shard::Shard;

/// Local time a shard spends on each request in the presets.
pub const SERVICE_TIME: Duration = millis(4);

/// Every link: 5 ms, give or take 1 ms.
pub fn network() -> NetworkConfig {
    NetworkConfig::uniform(millis(5), millis(1))
}

/// The presets' clients: 1,000 keys, a request every 4 to 8 ms, three in ten
/// of them writes, giving up after half a second.
pub fn client_config(shards: u32) -> ClientConfig {
    ClientConfig {
        shards,
        keys: 1_000,
        every_min: millis(4),
        every_max: millis(8),
        put_ppm: 300_000,
        hot: None,
        timeout: millis(500),
    }
}

/// `shards` shards (named S0, S1...) spending `service_time` per request,
/// then `clients` clients (C0, C1...) configured by `client`.
pub fn cluster_with(
    shards: u32,
    clients: u32,
    service_time: Duration,
    client: ClientConfig,
) -> (NetworkConfig, Vec<NodeSetup<ShardNode>>) {
    let shard_nodes =
        (0..shards).map(|i| NodeSetup::new(format!("S{i}"), ShardNode::Shard(Shard::new(shards, service_time))));
    let client_nodes = (0..clients).map(|i| NodeSetup::new(format!("C{i}"), ShardNode::Client(Client::new(client))));
    (network(), shard_nodes.chain(client_nodes).collect())
}

/// `shards` shards and `clients` clients with the preset timings, keys
/// chosen evenly or with the given hot key.
pub fn cluster(shards: u32, clients: u32, hot: Option<HotKey>) -> (NetworkConfig, Vec<NodeSetup<ShardNode>>) {
    let client = ClientConfig {
        hot,
        ..client_config(shards)
    };
    cluster_with(shards, clients, SERVICE_TIME, client)
}

/// Four shards, three clients, keys chosen evenly: every shard is half busy.
pub fn even_load() -> (NetworkConfig, Vec<NodeSetup<ShardNode>>) {
    cluster(4, 3, None)
}

/// Four shards, three clients, and `ppm` parts per million of all requests
/// going to key 0: above a third (333,334 ppm) its shard cannot keep up.
pub fn with_hot_key(ppm: u32) -> (NetworkConfig, Vec<NodeSetup<ShardNode>>) {
    cluster(4, 3, Some(HotKey { key: 0, ppm }))
}
