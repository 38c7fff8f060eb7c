//! Sharding: every key lives on its home shard, a hot key overloads one
//! shard while the others idle, and a crashed shard takes only its own keys
//! with it.

use many_nodes::protocols::sharding::{even_load, home_of, with_hot_key, ShardNode, ShardTally};
use many_nodes::sim::{seconds, Action, NodeId, World};

const SHARDS: u32 = 4;
const CLIENTS: u32 = 3;

fn shard_ids() -> impl Iterator<Item = NodeId> {
    (0..SHARDS).map(NodeId)
}

fn client_ids() -> impl Iterator<Item = NodeId> {
    (SHARDS..SHARDS + CLIENTS).map(NodeId)
}

/// Every client's tallies, added up shard by shard.
fn tallies(world: &World<ShardNode>) -> Vec<ShardTally> {
    let mut sum = vec![ShardTally::default(); SHARDS as usize];
    for client in client_ids().filter_map(|id| world.behaviour(id)?.as_client()) {
        for (total, t) in sum.iter_mut().zip(client.tallies()) {
            total.sent += t.sent;
            total.answered += t.answered;
            total.refused += t.refused;
            total.timed_out += t.timed_out;
        }
    }
    sum
}

#[test]
fn every_key_lives_on_its_home_node() {
    let (network, setups) = even_load();
    let mut world = World::new(1, &network, setups);
    world.run_until(seconds(5));
    let mut stored = 0;
    for id in shard_ids() {
        let Some(shard) = world.behaviour(id).and_then(ShardNode::as_shard) else {
            panic!("{id} should be a shard");
        };
        assert!(shard.served() > 0, "{id} served nothing");
        assert_eq!(shard.refused(), 0, "clients always ask the home shard");
        for &key in shard.store().keys() {
            assert_eq!(home_of(key, SHARDS), id.0, "key {key} is on {id}");
        }
        stored += shard.store().len();
    }
    assert!(stored > 200, "{stored}");
    for client in client_ids().filter_map(|id| world.behaviour(id)?.as_client()) {
        assert!(!client.written().is_empty());
        for &key in client.written() {
            let home = NodeId(home_of(key, SHARDS));
            let on_home = world
                .behaviour(home)
                .and_then(ShardNode::as_shard)
                .is_some_and(|s| s.store().contains_key(&key));
            assert!(on_home, "acknowledged key {key} is not on its home {home}");
        }
    }
    assert!(tallies(&world).iter().all(|t| t.timed_out == 0));
}

#[test]
fn hot_key_overloads_one_shard() {
    let (network, setups) = with_hot_key(600_000);
    let mut world = World::new(2, &network, setups);
    world.run_until(seconds(5));
    let hot = home_of(0, SHARDS) as usize;
    let snapshot = world.snapshot();
    for (i, node) in snapshot.nodes.iter().take(SHARDS as usize).enumerate() {
        if i == hot {
            assert!(node.queue > 200, "the hot shard's queue grows: {}", node.queue);
        } else {
            assert!(node.queue < 10, "shard {i} keeps up: {}", node.queue);
        }
    }
    let tallies = tallies(&world);
    assert!(tallies[hot].timed_out > 0, "requests to the hot shard time out");
    for (i, t) in tallies.iter().enumerate().filter(|&(i, _)| i != hot) {
        assert_eq!(t.timed_out, 0, "shard {i}'s keys are still fast");
    }

    // With an even load no queue builds up.
    let (network, setups) = even_load();
    let mut even = World::new(2, &network, setups);
    even.run_until(seconds(5));
    assert!(even.snapshot().nodes.iter().all(|n| n.queue < 10));
}

#[test]
fn crashing_a_shard_only_loses_its_keys() {
    let (network, setups) = even_load();
    let mut world = World::new(3, &network, setups);
    world.run_until(seconds(2));
    let before = tallies(&world);
    assert!(before.iter().all(|t| t.timed_out == 0 && t.answered > 0));
    let victim = NodeId(1);
    let keys_before = world
        .behaviour(victim)
        .and_then(ShardNode::as_shard)
        .map_or(0, |s| s.store().len());
    world.apply(&Action::Crash(victim)).unwrap_or_else(|e| panic!("{e}"));
    world.run_until(seconds(4));
    let during = tallies(&world);
    for (i, (b, d)) in before.iter().zip(&during).enumerate() {
        let answered = d.answered - b.answered;
        let timed_out = d.timed_out - b.timed_out;
        if i == victim.index() {
            assert!(answered <= 3, "only answers already on their way: {answered}");
            assert!(timed_out > 50, "its keys are unavailable: {timed_out}");
        } else {
            assert!(answered > 100, "shard {i} still answers: {answered}");
            assert_eq!(timed_out, 0, "shard {i}'s keys stay available");
        }
    }
    world.apply(&Action::Restart(victim)).unwrap_or_else(|e| panic!("{e}"));
    world.run_until(seconds(6));
    let after = tallies(&world);
    assert!(
        after[1].answered > during[1].answered + 100,
        "it serves again after restart"
    );
    let keys_after = world
        .behaviour(victim)
        .and_then(ShardNode::as_shard)
        .map_or(0, |s| s.store().len());
    assert!(keys_after >= keys_before, "its data was on disk");
}

#[test]
fn same_seed_same_run() {
    let run = |seed| {
        let (network, setups) = with_hot_key(400_000);
        let mut world = World::new(seed, &network, setups);
        world.run_until(seconds(3));
        (world.trace().digest(), world.snapshot())
    };
    let (digest, snapshot) = run(4);
    assert_eq!(run(4), (digest, snapshot));
    assert_ne!(run(5).0, digest);
}
