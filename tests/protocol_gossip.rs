//! Gossip broadcast: with nobody in charge the news still reaches every
//! peer, over a few rounds; the gossip stops by itself once every peer's
//! rounds run out; a peer cut off from everyone never hears; a crashed
//! peer forgets, while the source, which wrote the news, starts it again;
//! and the same seed spreads it the same way.
#![cfg(not(target_arch = "wasm32"))]

use many_nodes::protocols::gossip::{cluster, GossipConfig, Peer};
use many_nodes::sim::{millis, seconds, Action, NodeId, SimTime, World};

fn config(fanout: u32, rounds: u32) -> GossipConfig {
    GossipConfig {
        fanout,
        round: millis(200),
        rounds,
        news_after: millis(100),
    }
}

fn world(seed: u64, nodes: u32, config: GossipConfig) -> World<Peer> {
    let (network, setups) = cluster(nodes, config);
    World::new(seed, &network, setups)
}

/// The peers that have the news now.
fn knowing(world: &World<Peer>) -> Vec<u32> {
    (0..world.node_count() as u32)
        .filter(|&i| world.behaviour(NodeId(i)).is_some_and(Peer::knows))
        .collect()
}

fn act(world: &mut World<Peer>, action: Action) {
    world.apply(&action).unwrap_or_else(|e| panic!("{action:?}: {e}"));
}

/// When every peer first knew, stepping one event at a time.
fn everyone_knows_at(world: &mut World<Peer>, until: SimTime) -> Option<SimTime> {
    while let Some(at) = world.next_event_time().filter(|&t| t <= until) {
        world.step();
        if knowing(world).len() == world.node_count() {
            return Some(at);
        }
    }
    None
}

#[test]
fn the_news_reaches_every_peer_within_a_few_rounds() {
    for seed in 1..=20 {
        let mut w = world(seed, 16, config(3, 4));
        let at = everyone_knows_at(&mut w, seconds(5));
        let Some(at) = at else {
            panic!("seed {seed}: only {:?} heard", knowing(&w));
        };
        assert!(at > millis(100), "seed {seed}: known before the source had it");
    }
}

#[test]
fn the_gossip_stops_once_every_peers_rounds_run_out() {
    let mut w = world(7, 10, config(2, 3));
    w.run_until(seconds(60));
    assert_eq!(knowing(&w).len(), 10);
    assert_eq!(w.next_event_time(), None, "nothing is left to do");
}

#[test]
fn one_round_told_to_one_peer_reaches_only_a_chain() {
    let mut w = world(3, 10, config(1, 1));
    w.run_until(seconds(60));
    let heard = knowing(&w).len();
    assert!((2..10).contains(&heard), "{heard} peers know");
}

#[test]
fn a_peer_cut_off_from_everyone_never_hears() {
    let mut w = world(5, 6, config(2, 6));
    let alone = NodeId(4);
    let rest: Vec<NodeId> = (0..6).filter(|&i| i != 4).map(NodeId).collect();
    act(&mut w, Action::Partition(vec![rest, vec![alone]]));
    w.run_until(seconds(30));
    assert_eq!(knowing(&w), vec![0, 1, 2, 3, 5]);
}

#[test]
fn a_crashed_peer_forgets_and_the_source_starts_again() {
    let mut w = world(11, 8, config(2, 4));
    w.run_until(seconds(10));
    assert_eq!(knowing(&w).len(), 8);

    act(&mut w, Action::Crash(NodeId(5)));
    act(&mut w, Action::Restart(NodeId(5)));
    w.run_until(seconds(20));
    assert!(!knowing(&w).contains(&5), "gossip was over, so nobody told it again");

    act(&mut w, Action::Crash(NodeId(0)));
    act(&mut w, Action::Restart(NodeId(0)));
    w.run_until(seconds(30));
    assert!(knowing(&w).contains(&0), "the source has its news again");
}

#[test]
fn the_same_seed_spreads_it_the_same_way_and_another_differs() {
    let order = |seed| {
        let mut w = world(seed, 12, config(2, 3));
        let mut first_heard = Vec::new();
        while let Some(at) = w.next_event_time().filter(|&t| t <= seconds(10)) {
            w.step();
            for peer in knowing(&w) {
                if !first_heard.iter().any(|&(p, _)| p == peer) {
                    first_heard.push((peer, at));
                }
            }
        }
        first_heard
    };
    assert_eq!(order(1), order(1));
    assert!((2..=6).any(|seed| order(seed) != order(1)));
}
