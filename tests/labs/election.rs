//! Lab 5, leader election: the reference nodes pass over 200 seeds; the
//! starter and the known-wrong nodes fail, each the property it breaks and
//! with the explanation a student should read.

use super::{fails_only_its_properties, first_failure, graded, passes_every_seed};
use many_nodes::lab::labs::election::{self, LAB};
use many_nodes::lab::{timeline, Program, Verdict};
use many_nodes::sim::{millis, Headline, NodeView, Part, Status};

const REFERENCE: &str = include_str!("election/reference.rhai");
const VOTE_TWICE: &str = include_str!("election/vote_twice.rhai");
const FIXED_TIMEOUT: &str = include_str!("election/fixed_timeout.rhai");
const HALF_IS_ENOUGH: &str = include_str!("election/half_is_enough.rhai");
const NEVER_STEPS_DOWN: &str = include_str!("election/never_steps_down.rhai");

#[test]
fn the_reference_nodes_pass_every_seed() {
    passes_every_seed(&LAB, REFERENCE);
}

#[test]
fn the_starter_crowns_every_node_that_stands() {
    let grade = graded(&LAB, LAB.starter);
    assert!(grade.failures.len() > 50, "{} failing seeds", grade.failures.len());
    let (property, explanation) = first_failure(&grade);
    assert_eq!(property, election::ONE_LEADER);
    assert!(explanation.contains(" had two leaders: "), "{explanation}");
}

/// The running nodes the picture shows as leaders at `at_ms` into a run
/// of `source` under seed 3, with the terms they show.
fn leaders_shown(source: &str, at_ms: u64) -> Vec<(String, u64)> {
    let program = Program::compile(source, LAB.kinds).expect("the script compiles");
    let mut run = timeline(&LAB, &program, 3);
    run.advance_to(millis(at_ms));
    let shown = |node: &NodeView| match (node.role.part, node.headline) {
        _ if node.status != Status::Up => None,
        (Part::Leader, Some(Headline::Term { term, votes: None })) => Some((node.name.clone(), term)),
        (Part::Leader, other) => panic!("a leader shows {other:?}"),
        _ => None,
    };
    run.world().snapshot().nodes.iter().filter_map(shown).collect()
}

#[test]
fn the_picture_shows_the_leader_and_its_term() {
    let leaders = leaders_shown(REFERENCE, 3_000);
    assert_eq!(leaders.len(), 1, "one leader at 3 s: {leaders:?}");
    let after_crash = leaders_shown(REFERENCE, 7_000);
    assert_eq!(after_crash.len(), 1, "one leader once A and B crashed: {after_crash:?}");
    assert!(
        !["A", "B"].contains(&after_crash[0].0.as_str()),
        "a crashed node does not lead: {after_crash:?}"
    );
    assert!(
        after_crash[0].1 >= leaders[0].1,
        "terms only grow: {leaders:?} then {after_crash:?}"
    );
    let split = leaders_shown(LAB.starter, 10_000);
    assert_eq!(
        split.len(),
        2,
        "the starter leads on both sides of the split: {split:?}"
    );
}

#[test]
fn voting_twice_in_a_term_elects_two_leaders() {
    let grade = graded(&LAB, VOTE_TWICE);
    assert!(grade.failures.len() > 50, "{} failing seeds", grade.failures.len());
    let (property, explanation) = first_failure(&grade);
    assert_eq!(property, election::ONE_LEADER);
    assert!(explanation.starts_with("term "), "{explanation}");
    assert!(explanation.contains(" sent heartbeats for it from "), "{explanation}");
}

#[test]
fn the_same_timeout_everywhere_splits_every_vote() {
    let grade = graded(&LAB, FIXED_TIMEOUT);
    assert_eq!(grade.failures.len(), 200);
    let (property, explanation) = first_failure(&grade);
    assert_eq!(property, election::LEADER_WITH_MAJORITY);
    assert_eq!(
        explanation,
        "A, B, C, D, E could talk from the start, but at 3.0 s none of them was leading \
(none had sent a heartbeat in the last 300 ms)"
    );
}

#[test]
fn two_votes_of_five_crown_a_leader_cut_off_by_the_split() {
    let grade = graded(&LAB, HALF_IS_ENOUGH);
    assert!(grade.failures.len() > 190, "{} failing seeds", grade.failures.len());
    let failed: Vec<&str> = grade
        .failures
        .iter()
        .filter_map(|(_, verdict)| match verdict {
            Verdict::Failed { property, .. } => Some(*property),
            Verdict::Passed => None,
        })
        .collect();
    assert!(failed.contains(&election::NO_MINORITY_LEADER), "{failed:?}");
    let explanation = grade
        .failures
        .iter()
        .find_map(|(_, verdict)| match verdict {
            Verdict::Failed { property, explanation } if *property == election::NO_MINORITY_LEADER => Some(explanation),
            _ => None,
        })
        .expect("a run where a cut-off node led");
    assert!(explanation.contains(" started to lead term "), "{explanation}");
    assert!(explanation.contains("when it could talk only to "), "{explanation}");
    assert!(
        explanation.ends_with("a leader needs the votes of a majority, three of the five"),
        "{explanation}"
    );
}

#[test]
fn a_leader_that_takes_a_higher_term_without_stepping_down_leads_it_beside_its_winner() {
    let grade = graded(&LAB, NEVER_STEPS_DOWN);
    assert!(grade.failures.len() > 60, "{} failing seeds", grade.failures.len());
    let (property, explanation) = first_failure(&grade);
    assert_eq!(property, election::ONE_LEADER);
    assert!(explanation.contains(" had two leaders: "), "{explanation}");
}

#[test]
fn no_known_wrong_node_fails_for_a_fault_in_its_code() {
    fails_only_its_properties(
        &LAB,
        &[LAB.starter, VOTE_TWICE, FIXED_TIMEOUT, HALF_IS_ENOUGH, NEVER_STEPS_DOWN],
    );
}
