//! Request and reply over an unreliable network: a lost request and a lost
//! reply look the same to the client, retries apply a save twice unless the
//! request carries an idempotency key, a database the client never heard of
//! makes its requests fail, a load balancer spreads load so more servers
//! serve more, and far servers answer slower than near ones.

use many_nodes::protocols::rpc::{
    central_server, client_and_server, geography, lone_process, node_named, retrying_save, scale_out, web_and_database,
    wordpress, Client, ClientConfig, Cluster, Op, Outcome, RequestId, RpcNode, Server, ServerConfig,
};
use many_nodes::sim::{
    millis, seconds, Action, Fact, Intervention, LinkConfig, MessageId, NodeId, NodeSetup, SimTime, Timeline,
    TraceKind, Value, World,
};

const SEED: u64 = 11;
const CLIENT: NodeId = NodeId(0);
const SERVER: NodeId = NodeId(1);

fn world(cluster: Cluster) -> World<RpcNode> {
    let (network, setups) = cluster;
    World::new(SEED, &network, setups)
}

fn client(world: &World<RpcNode>, id: NodeId) -> &Client {
    match world.behaviour(id).and_then(RpcNode::as_client) {
        Some(client) => client,
        None => panic!("{id} should be a client"),
    }
}

fn server(world: &World<RpcNode>, id: NodeId) -> &Server {
    match world.behaviour(id).and_then(RpcNode::as_server) {
        Some(server) => server,
        None => panic!("{id} should be a server"),
    }
}

fn describe(world: &World<RpcNode>, id: NodeId) -> Vec<Fact> {
    world.snapshot().nodes[id.index()].details.clone()
}

fn id_of(cluster: &Cluster, name: &str) -> NodeId {
    match node_named(&cluster.1, name) {
        Some(id) => id,
        None => panic!("no node named {name}"),
    }
}

/// The first message with this label that was ever sent, and when it left.
fn first_sent(world: &World<RpcNode>, wanted: &str) -> Option<(MessageId, SimTime)> {
    world.trace().events().find_map(|e| match e.kind {
        TraceKind::Sent {
            message, kind, departs, ..
        } if kind.id == wanted => Some((message, departs)),
        _ => None,
    })
}

/// Run until the first message with this label is on the wire; its id.
fn on_the_wire(world: &mut World<RpcNode>, label: &str) -> MessageId {
    let (message, departs) = loop {
        if let Some(found) = first_sent(world, label) {
            break found;
        }
        assert!(world.step(), "no {label} was ever sent");
    };
    world.run_until(departs);
    message
}

/// Run until the first message with this label is on the wire, then drop it.
fn drop_first(world: &mut World<RpcNode>, label: &str) {
    let message = on_the_wire(world, label);
    assert_eq!(world.apply(&Action::DropMessage(message)), Ok(()));
}

fn first_request_id() -> RequestId {
    RequestId { client: CLIENT, seq: 0 }
}

#[test]
fn reply_lost_and_request_lost_look_the_same_to_the_client() {
    let once = |c: ClientConfig| c.limit(1).max_retries(0);

    let mut request_lost = world(client_and_server(once));
    drop_first(&mut request_lost, "request");
    request_lost.run_until(seconds(2));

    let mut reply_lost = world(client_and_server(once));
    drop_first(&mut reply_lost, "reply");
    reply_lost.run_until(seconds(2));

    let (a, b) = (client(&request_lost, CLIENT), client(&reply_lost, CLIENT));
    let seen: Vec<_> = a.records().copied().collect();
    assert_eq!(seen.len(), 1);
    assert_eq!(seen[0].answer, None, "the client gave up waiting");
    assert_eq!(seen[0].attempts, 1);
    assert_eq!(
        seen,
        b.records().copied().collect::<Vec<_>>(),
        "same history, same times"
    );
    assert_eq!(a.tally(), b.tally());
    assert_eq!(
        describe(&request_lost, CLIENT),
        describe(&reply_lost, CLIENT),
        "the inspector shows the same"
    );
    assert_eq!(request_lost.metrics().totals, reply_lost.metrics().totals);

    let (never, done) = (server(&request_lost, SERVER), server(&reply_lost, SERVER));
    assert_eq!((never.served(), never.balance()), (0, 0), "the request never arrived");
    assert_eq!(
        (done.served(), done.balance()),
        (1, 10),
        "the save happened; only the reply was lost"
    );
}

#[test]
fn retry_without_idempotency_key_applies_twice() {
    let mut w = world(client_and_server(|c| c.limit(1).max_retries(1)));
    drop_first(&mut w, "reply");
    w.run_until(seconds(2));
    let record = client(&w, CLIENT).records().copied().next();
    let record = record.map(|r| (r.attempts, r.answer));
    assert_eq!(record, Some((2, Some(Outcome::Ok(20)))), "the client sees a success");
    let bank = server(&w, SERVER);
    assert_eq!(bank.balance(), 20, "add 10, saved twice");
    assert_eq!(bank.ledger().times_applied(first_request_id()), 2);
    assert_eq!(w.metrics().count("applied twice"), 1);
}

#[test]
fn idempotency_key_makes_retry_safe() {
    let mut w = world(client_and_server(|c| c.limit(1).max_retries(1).idempotency_keys(true)));
    drop_first(&mut w, "reply");
    w.run_until(seconds(2));
    let record = client(&w, CLIENT).records().copied().next();
    let record = record.map(|r| (r.attempts, r.answer));
    assert_eq!(
        record,
        Some((2, Some(Outcome::Ok(10)))),
        "the stored answer to the first attempt"
    );
    let bank = server(&w, SERVER);
    assert_eq!(bank.balance(), 10);
    assert_eq!(bank.ledger().times_applied(first_request_id()), 1);
    assert_eq!(w.metrics().count("applied twice"), 0);
    assert_eq!(w.metrics().count("answered from memory"), 1);
}

#[test]
fn idempotency_facts_show_only_where_keys_are_used() {
    let facts = |cluster: Cluster, id: NodeId| {
        let mut w = world(cluster);
        w.run_until(seconds(2));
        describe(&w, id).into_iter().map(|fact| fact.what).collect::<Vec<_>>()
    };
    let plain = facts(client_and_server(|c| c), SERVER);
    assert!(!plain.contains(&"idempotency keys kept"), "{plain:?}");
    assert!(plain.contains(&"writes applied twice"), "{plain:?}");
    let keyed = facts(client_and_server(|c| c.idempotency_keys(true)), SERVER);
    assert!(keyed.contains(&"idempotency keys kept"), "{keyed:?}");
    let database = facts(web_and_database(), NodeId(2));
    assert!(!database.contains(&"idempotency keys kept"), "{database:?}");
    let plain_client = facts(client_and_server(|c| c.max_retries(0)), CLIENT);
    assert!(!plain_client.contains(&"idempotency keys"), "{plain_client:?}");
    assert!(
        !plain_client.contains(&"retries"),
        "a client that never retries shows no retries"
    );
    let keyed_client = facts(retrying_save(0, true), CLIENT);
    assert!(keyed_client.contains(&"idempotency keys") && keyed_client.contains(&"retries"));
}

#[test]
fn a_server_that_does_not_honour_keys_applies_a_keyed_retry_twice() {
    let (network, mut setups) = client_and_server(|c| c.limit(1).max_retries(1).idempotency_keys(true));
    setups[SERVER.index()] = NodeSetup::new(
        "server",
        RpcNode::Server(Server::new(ServerConfig::new(many_nodes::protocols::rpc::SERVER))),
    );
    let mut w = world((network, setups));
    drop_first(&mut w, "reply");
    w.run_until(seconds(2));
    assert_eq!(server(&w, SERVER).balance(), 20, "the key meant nothing to it");
    assert_eq!(server(&w, SERVER).ledger().remembered_keys(), 0);
}

#[test]
fn timeout_then_give_up_after_max_retries() {
    let cluster = client_and_server(|c| c.limit(1).max_retries(2).timeout(millis(300)));
    let mut w = world(cluster);
    let cut = Action::CutLink {
        from: CLIENT,
        to: SERVER,
    };
    assert_eq!(w.apply(&cut), Ok(()));
    w.run_until(seconds(3));
    let records: Vec<_> = client(&w, CLIENT).records().copied().collect();
    assert_eq!(records.len(), 1);
    assert_eq!(records[0].attempts, 3, "the first try and two retries");
    assert_eq!(records[0].answer, None);
    assert_eq!(records[0].waited(), 3 * millis(300), "three full timeouts");
    let totals = w.metrics().totals;
    assert_eq!((totals.started, totals.timed_out, totals.succeeded), (1, 1, 0));
    assert_eq!(w.metrics().retries, 2);
    assert_eq!(server(&w, SERVER).served(), 0);
}

#[test]
fn late_replies_are_ignored_and_counted() {
    let mut w = world(client_and_server(|c| c.limit(1).max_retries(0)));
    let reply = on_the_wire(&mut w, "reply");
    let hold = Action::DelayMessage {
        message: reply,
        by: seconds(1),
    };
    assert_eq!(w.apply(&hold), Ok(()));
    w.run_until(seconds(3));
    let c = client(&w, CLIENT);
    assert_eq!(c.tally().gave_up, 1);
    assert_eq!(c.tally().late_replies, 1);
    assert_eq!(c.tally().succeeded, 0, "an answer after giving up does not count");
    assert_eq!(w.metrics().count("late reply"), 1);
}

#[test]
fn crashing_the_database_fails_requests_at_the_client() {
    let cluster = web_and_database();
    let (web, db) = (id_of(&cluster, "web server"), id_of(&cluster, "database"));
    let mut w = world(cluster);
    w.run_until(seconds(3));
    let before = client(&w, CLIENT).tally();
    assert!(before.succeeded >= 2, "{before:?}");
    assert_eq!(before.failed, 0);

    assert_eq!(w.apply(&Action::Crash(db)), Ok(()));
    w.run_until(seconds(6));
    let after = client(&w, CLIENT).tally();
    assert!(after.failed >= 2, "{after:?}");
    assert_eq!(
        after.succeeded, before.succeeded,
        "nothing succeeds without the database"
    );
    let last = client(&w, CLIENT).records().last().and_then(|r| r.answer);
    assert_eq!(last, Some(Outcome::Error("the backend did not answer")));
    assert!(w.metrics().totals.failed >= 2);

    let talked_to_db = w
        .trace()
        .events()
        .any(|e| matches!(e.kind, TraceKind::Sent { from, to, .. } if from == CLIENT && to == db));
    assert!(!talked_to_db, "the client only ever talks to the web server");
    assert!(
        server(&w, web).served() > before.started,
        "the web server is up and answering"
    );
}

#[test]
fn a_central_server_is_a_single_point_of_failure() {
    let cluster = central_server(3);
    let central = id_of(&cluster, "server");
    let mut w = world(cluster);
    w.run_until(seconds(2));
    let served_before = w.metrics().totals.succeeded;
    assert!(served_before >= 3);
    assert_eq!(w.apply(&Action::Crash(central)), Ok(()));
    w.run_until(seconds(6));
    assert_eq!(
        w.metrics().totals.succeeded,
        served_before,
        "no client gets anything done"
    );
    for i in 0..3 {
        assert!(client(&w, NodeId(i)).tally().gave_up >= 2, "client {i} keeps giving up");
    }
}

#[test]
fn load_balancer_spreads_requests_across_servers() {
    let cluster = scale_out(2, 3, millis(5), millis(100));
    let lb = id_of(&cluster, "load balancer");
    let servers: Vec<NodeId> = ["server 1", "server 2", "server 3"]
        .iter()
        .map(|name| id_of(&cluster, name))
        .collect();
    let mut w = world(cluster);
    w.run_until(seconds(5));
    let served: Vec<u64> = servers.iter().map(|&s| server(&w, s).served()).collect();
    let (low, high) = (served.iter().min(), served.iter().max());
    assert!(low.is_some_and(|&low| low >= 10), "{served:?}");
    assert!(
        high.zip(low).is_some_and(|(h, l)| h - l <= 1),
        "round robin: {served:?}"
    );
    let forwarded = w
        .behaviour(lb)
        .and_then(RpcNode::as_balancer)
        .map(|b| b.forwarded().to_vec());
    assert_eq!(
        forwarded.map(|f| f.iter().sum::<u64>()),
        Some(served.iter().sum::<u64>())
    );
    assert_eq!(w.metrics().totals.timed_out, 0);
}

/// Requests the servers of a scale-out cluster handled in 10 s at 400
/// requests a second, each taking a server 10 ms.
fn heavy_load(servers: u32) -> (u64, u64) {
    let mut w = world(scale_out(4, servers, millis(10), millis(10)));
    w.run_until(seconds(10));
    let served = (0..servers).map(|i| server(&w, NodeId(5 + i)).served()).sum();
    (served, w.metrics().totals.succeeded)
}

#[test]
fn more_servers_serve_more_requests_under_heavy_load() {
    let (one, two, four) = (heavy_load(1), heavy_load(2), heavy_load(4));
    assert!(one.0 < two.0 && two.0 < four.0, "served: {one:?} {two:?} {four:?}");
    assert!(one.1 < two.1 && two.1 < four.1, "succeeded: {one:?} {two:?} {four:?}");
    assert!(four.0 > 3 * one.0, "four servers handle several times what one does");
}

#[test]
fn queue_grows_when_load_exceeds_capacity() {
    let queue = |w: &World<RpcNode>, node: NodeId| w.snapshot().nodes[node.index()].queue;
    let mut overloaded = world(scale_out(4, 1, millis(10), millis(10)));
    let lone = NodeId(5);
    overloaded.run_until(seconds(2));
    let early = queue(&overloaded, lone);
    overloaded.run_until(seconds(4));
    let later = queue(&overloaded, lone);
    assert!(early > 50 && later > early + 50, "{early} then {later}");

    let mut enough = world(scale_out(4, 4, millis(10), millis(20)));
    enough.run_until(seconds(4));
    let worst = (5..9).map(|i| queue(&enough, NodeId(i))).max().unwrap_or(0);
    assert!(worst < 10, "with spare capacity queues stay short: {worst}");
}

fn waits(w: &World<RpcNode>, id: NodeId) -> (u64, u64) {
    let waited: Vec<u64> = client(w, id).records().map(|r| r.waited()).collect();
    assert!(waited.len() >= 3, "{id} finished too few requests");
    let min = waited.iter().copied().min().unwrap_or(0);
    (min, waited.iter().copied().max().unwrap_or(0))
}

#[test]
fn far_server_answers_slower_than_near_server() {
    let (europe, australia) = (NodeId(0), NodeId(1));
    let mut shared = world(geography(false));
    shared.run_until(seconds(6));
    let (_, near_worst) = waits(&shared, europe);
    let (far_best, _) = waits(&shared, australia);
    assert!(far_best > 10 * near_worst, "{far_best} vs {near_worst}");
    assert_eq!(shared.metrics().totals.timed_out, 0);

    let mut local = world(geography(true));
    local.run_until(seconds(6));
    let (_, local_worst) = waits(&local, australia);
    assert!(
        local_worst < far_best / 10,
        "a local server cuts the wait: {local_worst}"
    );
}

#[test]
fn wordpress_keeps_serving_when_one_web_server_crashes() {
    let cluster = wordpress();
    let web2 = id_of(&cluster, "web 2");
    let lb = id_of(&cluster, "load balancer");
    let mut w = world(cluster);
    w.run_until(seconds(3));
    assert_eq!(w.metrics().totals.failed + w.metrics().totals.timed_out, 0);
    assert_eq!(w.apply(&Action::Crash(web2)), Ok(()));
    let mut avoided_at_some_point = Vec::new();
    for step in 1..=140 {
        w.run_until(seconds(3) + step * millis(50));
        let local_now = w.snapshot().nodes[lb.index()].local_time;
        let avoided = w
            .behaviour(lb)
            .and_then(RpcNode::as_balancer)
            .map(|b| b.avoided(local_now))
            .unwrap_or_default();
        avoided_at_some_point.extend(avoided);
    }
    avoided_at_some_point.dedup();
    assert_eq!(
        avoided_at_some_point,
        vec![web2],
        "the balancer avoids the crashed web server and no other"
    );
    for reader in [NodeId(0), NodeId(1)] {
        let recent: Vec<_> = client(&w, reader).records().rev().take(5).map(|r| r.answer).collect();
        assert!(
            recent.iter().all(|a| matches!(a, Some(Outcome::Ok(_)))),
            "{reader}: {recent:?}"
        );
    }
    assert!(w.metrics().count("server avoided") >= 1);
    assert_eq!(w.metrics().totals.timed_out, 0, "a retry goes to a live web server");
}

#[test]
fn the_cache_spares_the_database_and_the_replica_follows_the_primary() {
    let cluster = wordpress();
    let (replica, primary) = (id_of(&cluster, "db replica"), id_of(&cluster, "db primary"));
    let mut w = world(cluster);
    w.run_until(seconds(10));
    let reads = client(&w, NodeId(0)).tally().succeeded + client(&w, NodeId(1)).tally().succeeded;
    assert!(
        w.metrics().count("cache hit") > reads / 2,
        "most reads never reach a database"
    );
    assert!(server(&w, replica).served() < reads / 2);
    let (p, r) = (server(&w, primary).ledger(), server(&w, replica).ledger());
    assert!(p.version() >= 8, "the writer's saves reach the primary");
    assert!(r.version() + 1 >= p.version(), "the replica is at most one copy behind");
    assert_eq!(p.balance(), 5 * i64::try_from(p.version()).unwrap_or(0));
}

#[test]
fn over_a_lossy_network_only_idempotency_keys_keep_the_balance_right() {
    for keys in [false, true] {
        let mut w = world(retrying_save(200_000, keys));
        w.run_until(seconds(60));
        let asked = client(&w, CLIENT).tally().started;
        let ledger = server(&w, SERVER).ledger();
        let saved = ledger.version();
        assert_eq!(ledger.balance(), 10 * i64::try_from(saved).unwrap_or(0));
        if keys {
            assert_eq!(ledger.applied_twice(), 0);
            assert!(saved <= asked, "each save at most once: {saved} of {asked}");
            assert!(w.metrics().count("answered from memory") > 0);
        } else {
            assert!(ledger.applied_twice() > 0);
            assert!(
                saved > asked,
                "more saves than the client ever asked for: {saved} of {asked}"
            );
        }
    }
}

#[test]
fn a_lone_process_just_works_until_its_computer_stops() {
    let mut w = world(lone_process());
    w.run_until(seconds(5));
    let done = |w: &World<RpcNode>| w.behaviour(CLIENT).and_then(RpcNode::as_process).map(|p| p.jobs_done());
    let before = done(&w);
    assert!(before.is_some_and(|n| n >= 9), "{before:?}");
    assert_eq!(w.apply(&Action::Crash(CLIENT)), Ok(()));
    w.run_until(seconds(10));
    assert_eq!(done(&w), before, "nothing gets done while it is down");
    assert_eq!(w.apply(&Action::Restart(CLIENT)), Ok(()));
    w.run_until(seconds(12));
    assert!(done(&w) > before, "and its durable count carries on");
    let counter = w.behaviour(CLIENT).and_then(RpcNode::as_process).map(|p| p.counter());
    assert_eq!(counter.map(|c| c as u64), done(&w));
    let shown = describe(&w, CLIENT);
    let counter = counter.map(Value::number);
    assert!(
        shown
            .iter()
            .any(|f| f.what == "counter" && Some(&f.value) == counter.as_ref()),
        "{shown:?}"
    );
    assert_eq!(w.metrics().totals.failed + w.metrics().totals.timed_out, 0);
}

#[test]
fn same_seed_same_trace_digest() {
    let lossy = LinkConfig {
        loss: 100_000,
        ..many_nodes::protocols::rpc::lan().default_link
    };
    let presets: Vec<(&str, Cluster, NodeId)> = vec![
        ("lone process", lone_process(), NodeId(0)),
        ("client and server", client_and_server(|c| c), NodeId(1)),
        ("central server", central_server(3), NodeId(3)),
        ("web and database", web_and_database(), NodeId(2)),
        ("wordpress", wordpress(), NodeId(5)),
        ("retrying save", retrying_save(100_000, true), NodeId(1)),
        ("scale out", scale_out(4, 3, millis(10), millis(20)), NodeId(6)),
        ("geography", geography(false), NodeId(2)),
    ];
    for (name, cluster, victim) in presets {
        let log = vec![
            Intervention::new(seconds(1), Action::Crash(victim)),
            Intervention::new(millis(2_500), Action::Restart(victim)),
            Intervention::new(seconds(3), Action::SetNetwork(lossy)),
        ];
        let mut first = Timeline::new(world(cluster.clone()), log.clone());
        first.advance_to(seconds(6));
        let mut second = Timeline::new(world(cluster), log);
        second.seek(seconds(4));
        second.seek(millis(1_500));
        second.seek(seconds(6));
        assert_eq!(
            first.world().trace().digest(),
            second.world().trace().digest(),
            "{name}"
        );
        assert_eq!(first.world().snapshot(), second.world().snapshot(), "{name}");
        assert!(first.world().trace().total() > 10, "{name} did something");
    }
}

/// Operations are plain data: the lessons show them in words.
#[test]
fn operations_and_outcomes_read_as_words() {
    assert_eq!(Op::Add(10).to_string(), "add 10");
    assert_eq!(Outcome::Ok(20).to_string(), "ok, balance 20");
    assert_eq!(
        Outcome::Refused("not enough money").to_string(),
        "refused: not enough money"
    );
}
