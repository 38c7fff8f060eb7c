//! Lab 3, Lamport clocks: the reference nodes pass over 200 seeds; the
//! starter and the known-wrong nodes fail, each the property it breaks and
//! with the explanation a student should read.

use super::{fails_only_its_properties, first_failure, graded, passes_every_seed};
use many_nodes::lab::labs::lamport::{self, LAB};

const REFERENCE: &str = include_str!("lamport/reference.rhai");
const NO_MAX: &str = include_str!("lamport/no_max.rhai");
const NO_TICK_ON_SEND: &str = include_str!("lamport/no_tick_on_send.rhai");
const MAX_WITHOUT_ONE: &str = include_str!("lamport/max_without_one.rhai");
const ADOPT_PLUS_ONE: &str = include_str!("lamport/adopt_plus_one.rhai");
const STAMP_THEN_TICK: &str = include_str!("lamport/stamp_then_tick.rhai");
const OWN_PLUS_ONE_OR_NOTE: &str = include_str!("lamport/own_plus_one_or_note.rhai");

#[test]
fn the_reference_nodes_pass_every_seed() {
    passes_every_seed(&LAB, REFERENCE);
}

#[test]
fn the_starter_leaves_its_clock_alone_on_a_receipt() {
    let grade = graded(&LAB, LAB.starter);
    assert_eq!(grade.failures.len(), 200);
    let (property, explanation) = first_failure(&grade);
    assert!(
        [lamport::RECEIPT_ABOVE_SEND, lamport::INCREASING].contains(&property),
        "{property}: {explanation}"
    );
}

#[test]
fn ignoring_the_notes_stamp_stamps_a_receipt_below_its_send() {
    let grade = graded(&LAB, NO_MAX);
    assert!(grade.failures.len() > 150, "{} failing seeds", grade.failures.len());
    let (property, explanation) = first_failure(&grade);
    assert_eq!(property, lamport::RECEIPT_ABOVE_SEND);
    assert!(explanation.contains("'s note stamped "), "{explanation}");
    assert!(explanation.contains("so its stamp must be more than"), "{explanation}");
}

#[test]
fn a_send_that_does_not_move_the_clock_shares_a_stamp_with_the_event_before() {
    let (property, explanation) = first_failure(&graded(&LAB, NO_TICK_ON_SEND));
    assert_eq!(property, lamport::INCREASING);
    assert!(explanation.contains(", not more than its "), "{explanation}");
}

#[test]
fn catching_up_without_moving_past_stamps_a_receipt_like_its_send() {
    let (property, explanation) = first_failure(&graded(&LAB, MAX_WITHOUT_ONE));
    assert_eq!(property, lamport::RECEIPT_ABOVE_SEND);
    assert!(explanation.contains("'s note stamped "), "{explanation}");
}

#[test]
fn taking_the_notes_stamp_plus_one_can_move_the_clock_back() {
    let grade = graded(&LAB, ADOPT_PLUS_ONE);
    assert!(grade.failures.len() > 190, "{} failing seeds", grade.failures.len());
    let (property, explanation) = first_failure(&grade);
    assert_eq!(property, lamport::INCREASING);
    assert!(explanation.contains("stamped its receipt of "), "{explanation}");
    assert!(
        explanation.contains("each must be stamped more than the one before"),
        "{explanation}"
    );
}

#[test]
fn stamping_a_note_before_moving_the_clock_repeats_a_stamp() {
    let grade = graded(&LAB, STAMP_THEN_TICK);
    assert!(grade.failures.len() > 190, "{} failing seeds", grade.failures.len());
    let (property, explanation) = first_failure(&grade);
    assert_eq!(property, lamport::INCREASING);
    assert!(explanation.contains("stamped its note to "), "{explanation}");
}

#[test]
fn moving_on_before_catching_up_stamps_a_receipt_like_its_send() {
    let grade = graded(&LAB, OWN_PLUS_ONE_OR_NOTE);
    assert!(grade.failures.len() > 190, "{} failing seeds", grade.failures.len());
    let (property, explanation) = first_failure(&grade);
    assert_eq!(property, lamport::RECEIPT_ABOVE_SEND);
    assert!(
        explanation.contains("the receipt comes after the send"),
        "{explanation}"
    );
}

#[test]
fn nodes_that_never_send_fail_for_it() {
    let (property, explanation) = first_failure(&graded(&LAB, "fn on_message(from, msg) {}\n"));
    assert_eq!(property, lamport::SENDS_NOTES);
    assert_eq!(explanation, "A sent 0 notes in 8.0 s; each node must send at least 5");
}

#[test]
fn no_known_wrong_node_fails_for_a_fault_in_its_code() {
    fails_only_its_properties(
        &LAB,
        &[
            LAB.starter,
            NO_MAX,
            NO_TICK_ON_SEND,
            MAX_WITHOUT_ONE,
            ADOPT_PLUS_ONE,
            STAMP_THEN_TICK,
            OWN_PLUS_ONE_OR_NOTE,
        ],
    );
}
