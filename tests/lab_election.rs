//! Lab 5, leader election: the reference nodes pass over 200 seeds; the
//! starter and the known-wrong nodes fail, each the property it breaks and
//! with the explanation a student should read.
#![cfg(not(target_arch = "wasm32"))]

use many_nodes::lab::grade::{grade, CODE_RUNS};
use many_nodes::lab::labs::election::LAB;
use many_nodes::lab::{Grade, Verdict};

const REFERENCE: &str = include_str!("labs/election/reference.rhai");
const VOTE_TWICE: &str = include_str!("labs/election/vote_twice.rhai");
const FIXED_TIMEOUT: &str = include_str!("labs/election/fixed_timeout.rhai");

fn graded(source: &str) -> Grade {
    grade(&LAB, source, 0..200).expect("the script compiles")
}

fn first_failure(grade: &Grade) -> (&'static str, String) {
    match grade.first_failure() {
        Some((_, Verdict::Failed { property, explanation })) => (property, explanation.clone()),
        other => panic!("expected a failed run, got {other:?}"),
    }
}

#[test]
fn the_reference_nodes_pass_every_seed() {
    let grade = graded(REFERENCE);
    assert_eq!(grade.runs, 200);
    assert!(grade.passed(), "{:?}", grade.first_failure());
}

#[test]
fn the_starter_crowns_every_node_that_stands() {
    let grade = graded(LAB.starter);
    assert!(grade.failures.len() > 50, "{} failing seeds", grade.failures.len());
    let (property, explanation) = first_failure(&grade);
    assert_eq!(property, "at most one leader per term");
    assert!(explanation.contains(" had two leaders: "), "{explanation}");
}

#[test]
fn voting_twice_in_a_term_elects_two_leaders() {
    let (property, explanation) = first_failure(&graded(VOTE_TWICE));
    assert_eq!(property, "at most one leader per term");
    assert!(explanation.starts_with("term "), "{explanation}");
    assert!(explanation.contains(" sent heartbeats for it from "), "{explanation}");
}

#[test]
fn the_same_timeout_everywhere_splits_every_vote() {
    let grade = graded(FIXED_TIMEOUT);
    assert_eq!(grade.failures.len(), 200);
    let (property, explanation) = first_failure(&grade);
    assert_eq!(property, "a leader whenever a majority can talk");
    assert_eq!(
        explanation,
        "A, B, C, D, E could talk from the start, but at 3.0 s none of them was leading \
(none had sent a heartbeat in the last 300 ms)"
    );
}

#[test]
fn no_known_wrong_node_fails_for_a_fault_in_its_code() {
    for source in [LAB.starter, VOTE_TWICE, FIXED_TIMEOUT] {
        let grade = grade(&LAB, source, 0..20).expect("the script compiles");
        assert!(grade
            .failures
            .iter()
            .all(|(_, verdict)| !matches!(verdict, Verdict::Failed { property, .. } if *property == CODE_RUNS)));
    }
}
