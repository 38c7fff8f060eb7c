//! Raft-style leader election: a leader is elected, only a majority can
//! elect one, a cut-off or paused leader is replaced and steps down when it
//! hears of the newer term, split votes resolve thanks to random timeouts,
//! and (a property over random clusters and fault schedules) no term ever
//! has two leaders, whatever crashes, pauses, partitions and lossy,
//! duplicating network come along.
#![cfg(not(target_arch = "wasm32"))]

use many_nodes::protocols::election::{cluster, current_leaders, split_vote_prone, ElectionNode, LeaderHistory, Term};
use many_nodes::sim::{millis, seconds, Action, Intervention, LinkConfig, NodeId, SimTime, World};
use proptest::prelude::*;

fn world(seed: u64, nodes: usize) -> World<ElectionNode> {
    let (network, setups) = cluster(nodes);
    World::new(seed, &network, setups)
}

/// Run to `until` one event at a time, noting the leaders after each.
fn run_watching(world: &mut World<ElectionNode>, history: &mut LeaderHistory, until: SimTime) {
    while world.next_event_time().is_some_and(|t| t <= until) {
        world.step();
        history.observe(world);
    }
    world.run_until(until);
}

fn act(world: &mut World<ElectionNode>, history: &mut LeaderHistory, action: Action) {
    world.apply(&action).unwrap_or_else(|e| panic!("{action:?}: {e}"));
    history.observe(world);
}

/// The one leader now, checking that every up node follows it in its term.
fn sole_leader(world: &World<ElectionNode>, who: &str) -> (NodeId, Term) {
    let leaders = current_leaders(world);
    assert_eq!(leaders.len(), 1, "{who}: expected one leader, got {leaders:?}");
    let (leader, term) = leaders[0];
    for id in (0..world.node_count() as u32).map(NodeId) {
        let Some(node) = world.behaviour(id) else {
            panic!("{who}: no node {id}");
        };
        assert_eq!(node.term(), term, "{who}: {id} is in another term");
        assert_eq!(node.leader(), Some(leader), "{who}: {id} does not follow {leader}");
    }
    (leader, term)
}

fn group(ids: &[u32]) -> Vec<NodeId> {
    ids.iter().copied().map(NodeId).collect()
}

#[test]
fn a_leader_is_elected() {
    for seed in 1..=5 {
        let mut w = world(seed, 5);
        let mut history = LeaderHistory::default();
        run_watching(&mut w, &mut history, seconds(2));
        let (_, term) = sole_leader(&w, &format!("seed {seed}"));
        assert!(term >= 1);
        assert!(history.conflicts().is_empty(), "seed {seed}: {:?}", history.conflicts());
        assert!(w.metrics().count("leader elected") >= 1);
    }
}

#[test]
fn minority_side_cannot_elect_a_leader() {
    let mut w = world(2, 5);
    let mut history = LeaderHistory::default();
    act(
        &mut w,
        &mut history,
        Action::Partition(vec![group(&[0, 1]), group(&[2, 3, 4])]),
    );
    run_watching(&mut w, &mut history, seconds(5));
    for (term, leaders) in history.terms_with_leaders() {
        assert!(
            leaders.iter().all(|l| l.0 >= 2),
            "term {term} was led from the minority side: {leaders:?}"
        );
    }
    for id in [0, 1] {
        let term = w.behaviour(NodeId(id)).map_or(0, ElectionNode::term);
        assert!(term > 5, "the minority keeps trying, in vain: term {term}");
    }
    let leaders = current_leaders(&w);
    assert_eq!(leaders.len(), 1, "{leaders:?}");
    assert!(leaders[0].0 .0 >= 2, "the majority side has the leader");

    act(&mut w, &mut history, Action::HealAll);
    run_watching(&mut w, &mut history, seconds(7));
    sole_leader(&w, "after healing");
    assert!(history.conflicts().is_empty(), "{:?}", history.conflicts());
}

#[test]
fn majority_side_elects_a_new_leader_after_leader_is_cut_off() {
    let mut w = world(3, 5);
    let mut history = LeaderHistory::default();
    run_watching(&mut w, &mut history, seconds(2));
    let (old, old_term) = sole_leader(&w, "before the cut");
    let buddy = (old.0 + 1) % 5;
    let rest: Vec<u32> = (0..5).filter(|&i| i != old.0 && i != buddy).collect();
    act(
        &mut w,
        &mut history,
        Action::Partition(vec![group(&[old.0, buddy]), group(&rest)]),
    );
    run_watching(&mut w, &mut history, seconds(4));
    let leaders = current_leaders(&w);
    assert!(
        leaders.contains(&(old, old_term)),
        "cut off, the old leader still believes it leads: {leaders:?}"
    );
    let new = leaders.iter().find(|&&(id, _)| id != old);
    let Some(&(new, new_term)) = new else {
        panic!("the majority side should have a new leader: {leaders:?}");
    };
    assert!(rest.contains(&new.0));
    assert!(new_term > old_term);

    act(&mut w, &mut history, Action::HealAll);
    run_watching(&mut w, &mut history, seconds(5));
    let (_, term) = sole_leader(&w, "after healing");
    assert!(term >= new_term);
    assert!(!w.behaviour(old).is_some_and(|n| n.is_leader() && n.term() == old_term));
    assert!(history.conflicts().is_empty(), "{:?}", history.conflicts());
}

#[test]
fn split_votes_resolve_with_randomized_timeouts() {
    let mut splits = 0;
    for seed in 1..=10 {
        let (network, setups) = split_vote_prone(9);
        let mut w = World::new(seed, &network, setups);
        let mut history = LeaderHistory::default();
        run_watching(&mut w, &mut history, seconds(20));
        let (_, term) = sole_leader(&w, &format!("seed {seed}"));
        let leaderless: Vec<Term> = history
            .terms_without_leader()
            .into_iter()
            .filter(|&t| t < term)
            .collect();
        if !leaderless.is_empty() {
            splits += 1;
        }
        assert!(history.conflicts().is_empty(), "seed {seed}: {:?}", history.conflicts());
    }
    assert!(
        splits >= 5,
        "with narrow timeouts most runs split votes first: {splits} of 10"
    );
}

#[test]
fn a_paused_leader_looks_dead_and_is_replaced() {
    let mut w = world(4, 5);
    let mut history = LeaderHistory::default();
    run_watching(&mut w, &mut history, seconds(2));
    let (old, old_term) = sole_leader(&w, "before the pause");
    act(&mut w, &mut history, Action::Pause(old));
    run_watching(&mut w, &mut history, seconds(3));
    let leaders = current_leaders(&w);
    assert!(
        leaders.contains(&(old, old_term)),
        "frozen, it still thinks it leads: {leaders:?}"
    );
    let Some(&(new, new_term)) = leaders.iter().find(|&&(id, _)| id != old) else {
        panic!("the others should have replaced the silent leader: {leaders:?}");
    };
    assert!(new_term > old_term);

    act(&mut w, &mut history, Action::Resume(old));
    run_watching(&mut w, &mut history, seconds(3) + millis(200));
    let (leader, term) = sole_leader(&w, "after resuming");
    assert_eq!(
        (leader, term),
        (new, new_term),
        "the old leader steps down, the new one stays"
    );
    assert!(w.metrics().count("leader stepped down") >= 1);
    assert!(history.conflicts().is_empty(), "{:?}", history.conflicts());
}

#[test]
fn same_seed_same_run() {
    let run = |seed| {
        let mut w = world(seed, 5);
        w.apply(&Action::Crash(NodeId(0))).unwrap_or_else(|e| panic!("{e}"));
        w.run_until(seconds(1));
        w.apply(&Action::Restart(NodeId(0))).unwrap_or_else(|e| panic!("{e}"));
        w.run_until(seconds(3));
        (w.trace().digest(), w.snapshot())
    };
    let (digest, snapshot) = run(8);
    assert_eq!(run(8), (digest, snapshot));
    assert_ne!(run(9).0, digest);
}

/// A random cluster and fault schedule.
#[derive(Clone, Debug)]
struct Case {
    seed: u64,
    nodes: usize,
    faults: Vec<Intervention>,
}

fn fault(kind: u8, node: u32, nodes: u32) -> Action {
    let a = NodeId(node % nodes);
    match kind % 8 {
        0 => Action::Crash(a),
        1 => Action::Restart(a),
        2 => Action::Pause(a),
        3 => Action::Resume(a),
        4 => Action::Partition(vec![(0..nodes)
            .filter(|i| (i + a.0).is_multiple_of(2))
            .map(NodeId)
            .collect()]),
        5 => Action::Partition(vec![vec![a]]),
        6 => Action::SetNetwork(LinkConfig {
            loss: 100_000,
            duplicate: 100_000,
            reorder: 100_000,
            ..LinkConfig::default()
        }),
        _ => Action::HealAll,
    }
}

fn case() -> impl Strategy<Value = Case> {
    (
        any::<u64>(),
        3usize..=7,
        prop::collection::vec((0u64..4_000, any::<u8>(), any::<u32>()), 0..14),
    )
        .prop_map(|(seed, nodes, raw)| {
            let mut faults: Vec<Intervention> = raw
                .into_iter()
                .map(|(at, kind, node)| Intervention::new(millis(at), fault(kind, node, nodes as u32)))
                .collect();
            faults.sort_by_key(|f| f.at);
            Case { seed, nodes, faults }
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn at_most_one_leader_per_term(case in case()) {
        let seed = case.seed;
        let mut w = world(seed, case.nodes);
        let mut history = LeaderHistory::default();
        for fault in &case.faults {
            run_watching(&mut w, &mut history, fault.at);
            w.apply(&fault.action).unwrap_or_else(|e| panic!("seed {seed}: {e}"));
            history.observe(&w);
            prop_assert!(history.conflicts().is_empty(), "seed {}: two leaders in a term: {:?}", seed, history.conflicts());
        }
        run_watching(&mut w, &mut history, seconds(5));
        prop_assert!(history.conflicts().is_empty(), "seed {}: two leaders in a term: {:?}", seed, history.conflicts());
        for id in (0..case.nodes as u32).map(NodeId) {
            let node = w.behaviour(id);
            let voted_ok = node.is_some_and(|n| n.server().voted_for().is_none_or(|v| v.index() < case.nodes));
            prop_assert!(voted_ok, "seed {}: {} voted for a node that does not exist", seed, id);
        }
    }
}
