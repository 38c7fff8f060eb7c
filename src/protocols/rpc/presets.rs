//! Ready-made request/reply systems for the lessons, as pure builders of a
//! network and a list of nodes. In every preset the clients come first
//! (ids 0, 1, ...), then whatever they talk to, in the order each builder
//! documents; [`node_named`] finds a node by name.

use crate::sim::{millis, seconds, DistanceLatency, Duration, LinkConfig, NetworkConfig, NodeId, NodeSetup, Place};

use super::balancer::{Balancer, BalancerConfig};
use super::client::{Client, ClientConfig, Pace};
use super::message::Op;
use super::node::RpcNode;
use super::process::{Process, ProcessConfig};
use super::server::{Server, ServerConfig, CACHE, DATABASE, SERVER, WEB_SERVER};

/// A network and the nodes on it, ready for `World::new`.
pub type Cluster = (NetworkConfig, Vec<NodeSetup<RpcNode>>);

/// A local network: 5 ms each way, give or take 1 ms, nothing lost.
pub fn lan() -> NetworkConfig {
    NetworkConfig::uniform(millis(5), millis(1))
}

/// "client A" ... "client Z", then "client 27" and on.
pub fn client_name(index: u32) -> String {
    match u8::try_from(index).ok().filter(|&i| i < 26) {
        Some(i) => format!("client {}", char::from(b'A' + i)),
        None => format!("client {}", index + 1),
    }
}

/// The id of the node with this name, if there is one.
pub fn node_named(setups: &[NodeSetup<RpcNode>], name: &str) -> Option<NodeId> {
    let index = setups.iter().position(|s| s.name == name)?;
    u32::try_from(index).ok().map(NodeId)
}

fn client(name: impl Into<String>, config: ClientConfig) -> NodeSetup<RpcNode> {
    NodeSetup::new(name, RpcNode::Client(Client::new(config)))
}

fn server(name: impl Into<String>, config: ServerConfig) -> NodeSetup<RpcNode> {
    NodeSetup::new(name, RpcNode::Server(Server::new(config)))
}

fn balancer(config: BalancerConfig) -> NodeSetup<RpcNode> {
    NodeSetup::new("load balancer", RpcNode::Balancer(Balancer::new(config)))
}

/// `count` clients sending every `every`, their first requests spread
/// evenly over the first interval so they do not all ask at once.
fn staggered_clients(count: u32, every: Duration, config: ClientConfig) -> impl Iterator<Item = NodeSetup<RpcNode>> {
    (0..count).map(move |i| {
        let offset = every * u64::from(i) / u64::from(count.max(1));
        client(
            client_name(i),
            config.pace(Pace::Every(every)).start_after(millis(100) + offset),
        )
    })
}

/// One program alone on one computer: "app" does a job every half second.
pub fn lone_process() -> Cluster {
    (
        lan(),
        vec![NodeSetup::new(
            "app",
            RpcNode::Process(Process::new(ProcessConfig::default())),
        )],
    )
}

/// "client" (0) and "server" (1). The client starts from
/// `ClientConfig::new(server)` (add 10 every second, 300 ms timeout, two
/// retries, no keys) changed by `tune`; e.g. `|c| c.limit(1).max_retries(0)`.
/// The server honours idempotency keys when the client sends them.
pub fn client_and_server(tune: impl FnOnce(ClientConfig) -> ClientConfig) -> Cluster {
    let target = NodeId(1);
    let config = ClientConfig {
        target,
        ..tune(ClientConfig::new(target))
    };
    let server_config = ServerConfig::new(SERVER)
        .idempotency_keys(config.idempotency_keys)
        .showing_repeats(config.max_retries > 0 || config.idempotency_keys);
    (lan(), vec![client("client", config), server("server", server_config)])
}

/// Many clients and one central "server" (id `clients`): a single point of
/// failure. Each client adds 10 every second.
pub fn central_server(clients: u32) -> Cluster {
    let target = NodeId(clients);
    let mut nodes: Vec<_> = staggered_clients(clients, seconds(1), ClientConfig::new(target)).collect();
    nodes.push(server("server", ServerConfig::new(SERVER)));
    (lan(), nodes)
}

/// "client" (0) → "web server" (1) → "database" (2). The client only knows
/// the web server; the web server keeps nothing and asks the database,
/// answering with an error if the database is silent for 100 ms.
pub fn web_and_database() -> Cluster {
    let web = ServerConfig::new(WEB_SERVER).backed_by(NodeId(2));
    let nodes = vec![
        client("client", ClientConfig::new(NodeId(1)).showing_wait()),
        server("web server", web),
        server("database", ServerConfig::new(DATABASE).serving_in(millis(3))),
    ];
    (lan(), nodes)
}

/// A small WordPress-like site. Readers "client A" (0) and "client B" (1)
/// read every 400 ms; writer "client C" (2) adds 5 every second. They all
/// talk to the "load balancer" (3), which spreads requests over "web 1",
/// "web 2" and "web 3" (4-6) and avoids a silent one for 2 s. Web servers
/// read through the "cache" (7), which keeps a read for 1 s and otherwise
/// asks the "db replica" (9); they write to the "db primary" (8), which
/// copies every write to the replica. (Writes sent to the cache would pass
/// through to the primary.)
pub fn wordpress() -> Cluster {
    let (lb, webs, cache, primary, replica) = (NodeId(3), [4, 5, 6].map(NodeId), NodeId(7), NodeId(8), NodeId(9));
    let reader = ClientConfig::new(lb).op(Op::Read).timeout(millis(400)).max_retries(1);
    let writer = reader.op(Op::Add(5));
    let mut nodes = vec![
        client(
            client_name(0),
            reader.pace(Pace::Every(millis(400))).start_after(millis(100)),
        ),
        client(
            client_name(1),
            reader.pace(Pace::Every(millis(400))).start_after(millis(300)),
        ),
        client(
            client_name(2),
            writer.pace(Pace::Every(seconds(1))).start_after(millis(200)),
        ),
        balancer(
            BalancerConfig::new(webs.to_vec())
                .forward_timeout(millis(200))
                .avoiding_silent_servers_for(seconds(2)),
        ),
    ];
    for (i, _) in webs.iter().enumerate() {
        let web = ServerConfig::new(WEB_SERVER)
            .reads_via(cache)
            .writes_via(primary)
            .backend_timeout(millis(120));
        nodes.push(server(format!("web {}", i + 1), web));
    }
    let cache_config = ServerConfig::new(CACHE)
        .serving_in(millis(1))
        .reads_via(replica)
        .writes_via(primary)
        .backend_timeout(millis(60))
        .caching_for(seconds(1));
    nodes.push(server("cache", cache_config));
    let database = ServerConfig::new(DATABASE).serving_in(millis(3)).hiding_balance();
    nodes.push(server("db primary", database.clone().copying_to(vec![replica])));
    nodes.push(server("db replica", database));
    (lan(), nodes)
}

/// "client" (0) saving "add 10" to "server" (1), one request at a time,
/// over links that lose `loss` parts per million of messages. It waits
/// 100 ms, retries up to three times, and sends idempotency keys if asked
/// (the server then honours them).
pub fn retrying_save(loss: u32, idempotency_keys: bool) -> Cluster {
    let mut network = lan();
    network.default_link.loss = loss;
    let config = ClientConfig::new(NodeId(1))
        .pace(Pace::AfterEach(millis(400)))
        .timeout(millis(100))
        .max_retries(3)
        .idempotency_keys(idempotency_keys);
    let server_config = ServerConfig::new(SERVER)
        .idempotency_keys(idempotency_keys)
        .showing_repeats(true);
    (network, vec![client("client", config), server("server", server_config)])
}

/// `clients` clients each reading every `every`, a "load balancer" (id
/// `clients`) spreading requests round-robin over `servers` servers
/// ("server 1"...) that take `service_time` each. Clients wait up to 2 s and
/// never retry, so what the servers cannot absorb shows up as queues.
pub fn scale_out(clients: u32, servers: u32, service_time: Duration, every: Duration) -> Cluster {
    let lb = NodeId(clients);
    let server_ids = (1..=servers).map(|i| NodeId(clients + i)).collect();
    let config = ClientConfig::new(lb).op(Op::Read).timeout(seconds(2)).max_retries(0);
    let mut nodes: Vec<_> = staggered_clients(clients, every, config).collect();
    nodes.push(balancer(BalancerConfig::new(server_ids).forward_timeout(seconds(2))));
    for i in 1..=servers {
        nodes.push(server(
            format!("server {i}"),
            ServerConfig::new(SERVER).serving_in(service_time).hiding_balance(),
        ));
    }
    (lan(), nodes)
}

/// [`scale_out`] behind a load balancer that notices a silent server: when a
/// forwarded request goes unanswered for half a second and that server has
/// answered nothing since, the balancer skips it for a second, then tries it
/// again. A crashed server costs a request now and then instead of its whole
/// share, and a restarted one is back in the rotation within about a second.
pub fn scale_out_skipping_silent(clients: u32, servers: u32, service_time: Duration, every: Duration) -> Cluster {
    let (network, mut nodes) = scale_out(clients, servers, service_time, every);
    let server_ids = (1..=servers).map(|i| NodeId(clients + i)).collect();
    let watchful = BalancerConfig::new(server_ids)
        .forward_timeout(millis(500))
        .avoiding_silent_servers_for(seconds(1));
    if let Some(slot) = nodes.get_mut(clients as usize) {
        *slot = balancer(watchful);
    }
    (network, nodes)
}

/// Geography: light in fibre takes time. "client in Europe" (0) and
/// "client in Australia" (1) read once a second; "server in Europe" (2) is
/// 500 km from the first and "server in Australia" (3) 500 km from the
/// second, the two regions about 16,000 km apart. With `local_servers`
/// each client uses the server near it; without, both use Europe's.
pub fn geography(local_servers: bool) -> Cluster {
    let network = NetworkConfig {
        default_link: LinkConfig {
            latency: millis(1),
            jitter: millis(1),
            ..LinkConfig::default()
        },
        distance: Some(DistanceLatency::FIBRE),
    };
    let (europe, australia) = (NodeId(2), NodeId(3));
    let reader = ClientConfig::new(europe)
        .op(Op::Read)
        .timeout(seconds(1))
        .max_retries(0)
        .showing_wait();
    let far_target = if local_servers { australia } else { europe };
    let nodes = vec![
        client("client in Europe", reader).at(Place::new(300, 400)),
        client(
            "client in Australia",
            ClientConfig {
                target: far_target,
                ..reader
            },
        )
        .at(Place::new(16_300, 900)),
        server("server in Europe", ServerConfig::new(SERVER).hiding_balance()).at(Place::new(0, 0)),
        server("server in Australia", ServerConfig::new(SERVER).hiding_balance()).at(Place::new(16_000, 500)),
    ];
    (network, nodes)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn targets_exist(cluster: &Cluster) {
        let count = cluster.1.len() as u32;
        for setup in &cluster.1 {
            if let Some(client) = setup.behaviour.as_client() {
                assert!(client.config.target.0 < count, "{} sends nowhere", setup.name);
            }
        }
    }

    #[test]
    fn every_preset_points_at_nodes_it_has() {
        for cluster in [
            lone_process(),
            client_and_server(|c| c),
            central_server(3),
            web_and_database(),
            wordpress(),
            retrying_save(100_000, true),
            scale_out(4, 3, millis(10), millis(20)),
            geography(false),
        ] {
            targets_exist(&cluster);
        }
    }

    #[test]
    fn nodes_are_where_the_docs_say() {
        let (_, nodes) = wordpress();
        assert_eq!(node_named(&nodes, "load balancer"), Some(NodeId(3)));
        assert_eq!(node_named(&nodes, "web 3"), Some(NodeId(6)));
        assert_eq!(node_named(&nodes, "db replica"), Some(NodeId(9)));
        let (_, nodes) = scale_out(2, 3, millis(10), millis(20));
        assert_eq!(node_named(&nodes, "server 3"), Some(NodeId(5)));
        assert_eq!(client_name(2), "client C");
        assert_eq!(client_name(30), "client 31");
    }
}
