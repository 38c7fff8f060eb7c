//! Lab 1, exactly once: the reference server passes over 200 seeds; the
//! starter and the known-wrong servers fail, each the property it breaks
//! and with the explanation a student should read.

use super::{fails_only_its_properties, first_failure, graded, passes_every_seed};
use many_nodes::lab::labs::exactly_once::{self, LAB};

const REFERENCE: &str = include_str!("exactly_once/reference.rhai");
const NO_DEDUP: &str = include_str!("exactly_once/no_dedup.rhai");
const DEDUP_IN_STATE: &str = include_str!("exactly_once/dedup_in_state.rhai");
const SILENT_ON_REPEATS: &str = include_str!("exactly_once/silent_on_repeats.rhai");
const ANSWERS_FIRST: &str = include_str!("exactly_once/answers_first.rhai");
const DEDUP_ON_VALUE: &str = include_str!("exactly_once/dedup_on_value.rhai");
const FRESH_START: &str = include_str!("exactly_once/fresh_start.rhai");
const OTHER_ANSWER_ON_REPEATS: &str = include_str!("exactly_once/other_answer_on_repeats.rhai");

#[test]
fn the_reference_server_passes_every_seed() {
    passes_every_seed(&LAB, REFERENCE);
}

#[test]
fn the_starter_applies_a_repeated_save_twice() {
    let grade = graded(&LAB, LAB.starter);
    let (property, explanation) = first_failure(&grade);
    assert_eq!(property, exactly_once::APPLIED_ONCE);
    assert!(explanation.contains("was applied twice: at "), "{explanation}");
    assert!(grade.failures.len() > 150, "{} failing seeds", grade.failures.len());
}

#[test]
fn no_deduplication_fails_exactly_once() {
    let (property, explanation) = first_failure(&graded(&LAB, NO_DEDUP));
    assert_eq!(property, exactly_once::APPLIED_ONCE);
    assert!(explanation.starts_with("save "), "{explanation}");
    assert!(explanation.contains(" s and at "), "{explanation}");
}

#[test]
fn remembering_applied_saves_in_state_forgets_them_in_a_crash() {
    let grade = graded(&LAB, DEDUP_IN_STATE);
    let (property, explanation) = first_failure(&grade);
    assert_eq!(property, exactly_once::APPLIED_ONCE);
    assert!(explanation.contains("was applied twice"), "{explanation}");
    // The answers lost just before each crash bring a save back after it.
    assert!(grade.failures.len() > 150, "{} failing seeds", grade.failures.len());
}

#[test]
fn setting_up_durable_afresh_in_on_start_forgets_applied_saves_in_a_crash() {
    let grade = graded(&LAB, FRESH_START);
    let (property, explanation) = first_failure(&grade);
    assert_eq!(property, exactly_once::APPLIED_ONCE);
    assert!(explanation.contains("was applied twice: at "), "{explanation}");
    assert!(grade.failures.len() > 150, "{} failing seeds", grade.failures.len());
}

#[test]
fn remembering_values_instead_of_ids_leaves_a_save_unapplied() {
    let grade = graded(&LAB, DEDUP_ON_VALUE);
    let (property, explanation) = first_failure(&grade);
    assert_eq!(property, exactly_once::APPLIED_ONCE);
    assert!(explanation.contains("but never applied"), "{explanation}");
    // It passes only when no two of the 20 saves carry the same value.
    assert!(grade.failures.len() > 120, "{} failing seeds", grade.failures.len());
}

#[test]
fn answering_a_repeat_with_another_message_leaves_the_client_waiting() {
    let grade = graded(&LAB, OTHER_ANSWER_ON_REPEATS);
    let (property, explanation) = first_failure(&grade);
    assert_eq!(property, exactly_once::ANSWERED);
    assert!(
        explanation.contains("never got an answer, though the client kept sending it"),
        "{explanation}"
    );
    assert!(grade.failures.len() > 150, "{} failing seeds", grade.failures.len());
}

#[test]
fn ignoring_repeats_leaves_a_save_unanswered() {
    let (property, explanation) = first_failure(&graded(&LAB, SILENT_ON_REPEATS));
    assert_eq!(property, exactly_once::ANSWERED);
    assert!(explanation.contains("never got an answer"), "{explanation}");
}

#[test]
fn answering_before_applying_is_caught() {
    let (property, explanation) = first_failure(&graded(&LAB, ANSWERS_FIRST));
    assert_eq!(property, exactly_once::APPLIED_ONCE);
    assert!(explanation.contains("but never applied"), "{explanation}");
}

#[test]
fn no_known_wrong_server_fails_for_a_fault_in_its_code() {
    fails_only_its_properties(
        &LAB,
        &[
            LAB.starter,
            NO_DEDUP,
            DEDUP_IN_STATE,
            SILENT_ON_REPEATS,
            ANSWERS_FIRST,
            DEDUP_ON_VALUE,
            FRESH_START,
            OTHER_ANSWER_ON_REPEATS,
        ],
    );
}
