//! A sweep over seeds: the same scenario gives the same outcomes however
//! the work is sliced; lesson 8's "Answer anyway?" gives stale reads under
//! some seeds while the consistent choice never does; lesson 8's sweep
//! step shows both lucky and unlucky runs; and no call runs more engine
//! events than it is given.
#![cfg(not(target_arch = "wasm32"))]

use many_nodes::lessons::LESSONS;
use many_nodes::scenario::sweep::{horizon_of, Consistency, SeedOutcome, Sweep};
use many_nodes::scenario::Scenario;
use many_nodes::sim::seconds;

/// The scenario of the step of `lesson` titled `title`.
fn step_scenario(lesson: &str, title: &str) -> Scenario {
    let lesson = LESSONS.iter().find(|l| l.slug == lesson).expect("the lesson exists");
    let step = lesson.steps.iter().find(|s| s.title == title).expect("the step exists");
    (step.scenario.expect("the step loads a scenario"))()
}

/// Lesson 8's split with the store set to answer from both sides.
fn available_split() -> Scenario {
    step_scenario("partitions", "Answer anyway?")
}

/// The same split with the store set to refuse on the small side.
fn consistent_split() -> Scenario {
    let mut scenario = step_scenario("partitions", "When the network splits");
    scenario.interventions = available_split().interventions;
    scenario
}

/// Every outcome of a sweep of `scenario`, run in slices of `slice` events.
fn sweep(scenario: &Scenario, seeds: u32, slice: u64) -> Vec<SeedOutcome> {
    let mut sweep = Sweep::new(scenario, seconds(15), seeds).expect("the scenario is valid");
    loop {
        let mut budget = slice;
        if sweep.advance(&mut budget).finished() {
            return sweep.outcomes().to_vec();
        }
    }
}

#[test]
fn the_same_scenario_gives_the_same_outcomes_however_the_work_is_sliced() {
    let scenario = available_split();
    let coarse = sweep(&scenario, 6, 1_000_000);
    assert_eq!(coarse, sweep(&scenario, 6, 1_000_000));
    assert_eq!(coarse, sweep(&scenario, 6, 777));
    let seeds: Vec<u64> = coarse.iter().map(|o| o.seed).collect();
    let first = scenario.seed;
    assert_eq!(seeds, (first..first + 6).collect::<Vec<_>>());
}

#[test]
fn answering_from_both_sides_gives_stale_reads_under_some_seeds_and_refusing_under_none() {
    let available = sweep(&available_split(), 20, 1_000_000);
    let violations = available
        .iter()
        .filter(|o| o.consistency == Consistency::Violation { stale_read: true })
        .count();
    assert!(violations > 0, "no seed gave a stale read: {available:?}");
    assert!(available.iter().any(SeedOutcome::failed));

    let consistent = sweep(&consistent_split(), 20, 1_000_000);
    assert!(
        consistent.iter().all(|o| o.consistency == Consistency::Linearizable),
        "{consistent:?}"
    );
    assert!(consistent.iter().all(|o| o.requests_lost > 0), "the small side refuses");
    assert!(consistent.iter().all(|o| o.most_leaders_in_a_term.is_none()));
}

#[test]
fn lesson_8s_sweep_finds_the_one_round_store_stale_under_some_seeds_but_not_all() {
    // The step says one run may be lucky, and that one failing seed is
    // proof: its sweep must show both kinds of run.
    let scenario = step_scenario("partitions", "One run, or the rule?");
    let outcomes = sweep(&scenario, 100, 1_000_000);
    let stale = outcomes
        .iter()
        .filter(|o| o.consistency == Consistency::Violation { stale_read: true })
        .count();
    let linearizable = outcomes
        .iter()
        .filter(|o| o.consistency == Consistency::Linearizable)
        .count();
    assert!(
        stale > 0 && linearizable > 0,
        "stale in {stale}, linearizable in {linearizable}"
    );
}

/// The engine events each call of the budget test may run.
const SLICE: u64 = 40;

#[test]
fn no_call_runs_more_engine_events_than_its_budget() {
    for scenario in [available_split(), step_scenario("leader-election", "Who is in charge?")] {
        let mut sweep = Sweep::new(&scenario, seconds(10), 3).expect("the scenario is valid");
        let mut calls = 0;
        loop {
            let before = sweep.events_run();
            let mut budget = SLICE;
            let progress = sweep.advance(&mut budget);
            let spent = sweep.events_run() - before;
            assert!(spent <= SLICE, "one call ran {spent} events");
            assert_eq!(spent, SLICE - budget, "the budget says what was spent");
            calls += 1;
            if progress.finished() {
                break;
            }
        }
        assert!(
            calls > 3,
            "the work was spread over calls: {calls} calls, {} events",
            sweep.events_run()
        );
        let mut nothing = 0;
        let before = sweep.events_run();
        sweep.advance(&mut nothing);
        assert_eq!(sweep.events_run(), before);
    }
}

#[test]
fn a_cluster_with_elections_counts_its_leaders_per_term() {
    let scenario = step_scenario("leader-election", "Who is in charge?");
    let outcomes = sweep(&scenario, 3, 5_000);
    for outcome in &outcomes {
        assert_eq!(outcome.most_leaders_in_a_term, Some(1), "{outcome:?}");
        assert_eq!(outcome.consistency, Consistency::NoOperations);
        assert!(!outcome.failed());
    }
}

#[test]
fn a_sweep_lasts_past_the_last_scheduled_fault() {
    let mut scenario = available_split();
    assert_eq!(
        horizon_of(&Scenario {
            interventions: Vec::new(),
            ..scenario.clone()
        }),
        seconds(30)
    );
    if let Some(last) = scenario.interventions.last_mut() {
        last.at = seconds(50);
    }
    assert_eq!(horizon_of(&scenario), seconds(60));
}
