//! The history each run records: every client operation of the families
//! that have clients, stamped in true time, the same on every replay; and
//! what the checker finds in it for lesson 8's two choices and for quorum
//! stores of one round and of two.
#![cfg(not(target_arch = "wasm32"))]

use many_nodes::check::{check, Verdict};
use many_nodes::lessons::LESSONS;
use many_nodes::protocols::quorum::{Quorum, TwoRoundQuorum};
use many_nodes::scenario::{ClusterSpec, Scenario};
use many_nodes::sim::{seconds, Action, Call, Failure, Intervention, NodeId, Operation, Outcome, Ret, Run};

const BUDGET: u64 = 1_000_000;

/// The scenario of the step of `lesson` titled `title`.
fn step_scenario(lesson: &str, title: &str) -> Scenario {
    let lesson = LESSONS.iter().find(|l| l.slug == lesson).expect("the lesson exists");
    let step = lesson.steps.iter().find(|s| s.title == title).expect("the step exists");
    (step.scenario.expect("the step loads a scenario"))()
}

fn history_after(scenario: &Scenario, secs: u64) -> (Box<dyn Run>, Vec<Operation>) {
    let mut run = scenario.build().expect("the scenario builds");
    run.advance_to(seconds(secs));
    let ops = run.history().operations();
    (run, ops)
}

#[test]
fn every_family_with_clients_records_its_operations_in_true_time() {
    for (lesson, title, reads, changes) in [
        ("one-machine", "One server for everyone", false, true),
        ("lost-replies", "Idempotency keys", false, true),
        ("replication", "Three copies of the data", true, true),
        ("sharding", "Slices of the data", true, true),
    ] {
        let (_, ops) = history_after(&step_scenario(lesson, title), 20);
        assert!(ops.len() > 10, "{lesson}: only {} operations", ops.len());
        assert_eq!(ops.iter().any(|op| !op.call.changes()), reads, "{lesson}: reads");
        assert_eq!(
            ops.iter().any(|op| op.call.changes()),
            changes,
            "{lesson}: writes or adds"
        );
        for op in &ops {
            assert!(op.invoked <= seconds(20), "{lesson}: called in the future: {op:?}");
            if let Outcome::Returned { completed, .. } = op.outcome {
                assert!(
                    completed >= op.invoked,
                    "{lesson}: answered before it was called: {op:?}"
                );
            }
        }
        assert!(
            ops.windows(2).all(|pair| pair[0].invoked <= pair[1].invoked),
            "{lesson}: operations are in call order"
        );
    }
}

#[test]
fn the_history_and_its_digest_are_the_same_on_every_replay_and_after_a_seek_back() {
    let scenario = step_scenario("partitions", "Answer anyway?");
    let (mut first, ops) = history_after(&scenario, 12);
    let (second, again) = history_after(&scenario, 12);
    assert_eq!(ops, again);
    assert_eq!(first.history().digest(), second.history().digest());
    first.seek(seconds(5));
    first.advance_to(seconds(12));
    assert_eq!(
        first.history().operations(),
        ops,
        "a seek back and forward again gives the same history"
    );
    let (shorter, _) = history_after(&scenario, 6);
    assert_ne!(shorter.history().digest(), second.history().digest());
}

#[test]
fn answering_from_both_sides_of_a_split_gives_a_stale_read_the_checker_finds() {
    let (_, ops) = history_after(&step_scenario("partitions", "Answer anyway?"), 12);
    let Verdict::Violation(why) = check(&ops, BUDGET) else {
        panic!("no violation found")
    };
    let read = ops[why.blocked];
    assert!(
        matches!(read.call, Call::Read { .. }),
        "a read is what breaks it: {read:?}"
    );
    let Ret::Value(seen) = why.returned else {
        panic!("a read returns a value")
    };
    assert!(!why.possible.contains(&Ret::Value(seen)), "{why:?}");
    let since = why
        .finished_before(&ops)
        .expect("a write had finished before the stale read");
    assert!(matches!(ops[since].call, Call::Write { .. }));
}

#[test]
fn refusing_on_the_small_side_keeps_the_history_linearizable_but_refuses_operations() {
    let mut scenario = step_scenario("partitions", "When the network splits");
    scenario.interventions = step_scenario("partitions", "Answer anyway?").interventions;
    let (_, ops) = history_after(&scenario, 12);
    assert!(
        matches!(check(&ops, BUDGET), Verdict::Linearizable { .. }),
        "no stale read when the small side refuses"
    );
    assert!(ops.iter().any(|op| matches!(
        op.outcome,
        Outcome::Failed {
            why: Failure::Refused,
            ..
        }
    )));
}

/// Quorum stores of 3 replicas and 2 clients under seeds 1-20, with a
/// replica and a client split off at 2 s, run for 10 s: how many runs the
/// checker finds a violation in.
fn violations_over_seeds(cluster: ClusterSpec) -> usize {
    (1..=20)
        .filter(|&seed| {
            let mut scenario = Scenario::new(cluster, seed);
            scenario.interventions = vec![Intervention::new(
                seconds(2),
                Action::Partition(vec![vec![NodeId(2), NodeId(4)]]),
            )];
            let (_, ops) = history_after(&scenario, 10);
            assert!(ops.len() > 50, "seed {seed}: only {} operations", ops.len());
            matches!(check(&ops, BUDGET), Verdict::Violation(_))
        })
        .count()
}

#[test]
fn two_round_quorums_that_overlap_stay_linearizable_and_small_ones_do_not() {
    let two_rounds = |r, w| ClusterSpec::TwoRoundQuorum(TwoRoundQuorum { n: 3, r, w, clients: 2 });
    for (r, w) in [(2, 2), (1, 3), (3, 1)] {
        assert_eq!(violations_over_seeds(two_rounds(r, w)), 0, "R={r} W={w}");
    }
    assert!(
        violations_over_seeds(two_rounds(1, 1)) >= 15,
        "R=1 W=1 reads miss writes across the split"
    );
}

#[test]
fn one_round_quorums_are_not_linearizable_even_when_they_overlap() {
    let one_round = ClusterSpec::Quorum(Quorum {
        n: 3,
        r: 2,
        w: 2,
        clients: 2,
    });
    assert!(violations_over_seeds(one_round) > 0);
}
