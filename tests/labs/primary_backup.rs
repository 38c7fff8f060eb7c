//! Lab 4, primary/backup: the reference replicas pass over 200 seeds, the
//! history checker finding every run linearizable; the starter and the
//! known-wrong replicas fail with a stale read the checker explains.

use super::{fails_only_its_properties, first_failure, graded, passes_every_seed};
use many_nodes::lab::labs::primary_backup::{self, LAB};

const REFERENCE: &str = include_str!("primary_backup/reference.rhai");
const BACKUP_READS_OWN_COPY: &str = include_str!("primary_backup/backup_reads_own_copy.rhai");
const ACK_BEFORE_STORE: &str = include_str!("primary_backup/ack_before_store.rhai");
const ONE_BACKUP_ENOUGH: &str = include_str!("primary_backup/one_backup_enough.rhai");
const VALUE_BEFORE_BACKUPS: &str = include_str!("primary_backup/value_before_backups.rhai");
const FIRST_VIEW_ONLY: &str = include_str!("primary_backup/first_view_only.rhai");

#[test]
fn the_reference_replicas_pass_every_seed() {
    passes_every_seed(&LAB, REFERENCE);
}

#[test]
fn the_starter_never_copies_a_write_and_reads_go_stale() {
    let grade = graded(&LAB, LAB.starter);
    assert_eq!(grade.failures.len(), 200);
    let (property, explanation) = first_failure(&grade);
    assert_eq!(property, primary_backup::LINEARIZABLE);
    assert!(explanation.contains("that read is stale"), "{explanation}");
}

#[test]
fn a_backup_answering_from_its_own_copy_reads_stale() {
    let grade = graded(&LAB, BACKUP_READS_OWN_COPY);
    let (property, explanation) = first_failure(&grade);
    assert_eq!(property, primary_backup::LINEARIZABLE);
    assert!(
        explanation.starts_with("reader read ") || explanation.starts_with("writer read "),
        "{explanation}"
    );
    assert!(
        explanation.ends_with("no order of the operations explains it"),
        "{explanation}"
    );
}

#[test]
fn confirming_a_write_before_the_backups_store_it_loses_it_in_the_crash() {
    let grade = graded(&LAB, ACK_BEFORE_STORE);
    let (property, explanation) = first_failure(&grade);
    assert_eq!(property, primary_backup::LINEARIZABLE);
    assert!(explanation.contains("that read is stale"), "{explanation}");
    // From 2 s nothing A sends reaches B, so a write A confirms then is
    // missing from the next primary's copy.
    assert!(grade.failures.len() > 60, "{} failing seeds", grade.failures.len());
}

#[test]
fn confirming_a_write_once_one_backup_has_it_loses_it_when_the_other_takes_over() {
    let grade = graded(&LAB, ONE_BACKUP_ENOUGH);
    let (property, explanation) = first_failure(&grade);
    assert_eq!(property, primary_backup::LINEARIZABLE);
    assert!(explanation.contains("that read is stale"), "{explanation}");
    assert!(grade.failures.len() > 40, "{} failing seeds", grade.failures.len());
}

#[test]
fn a_primary_that_takes_a_value_before_its_backups_shows_a_write_the_crash_loses() {
    let grade = graded(&LAB, VALUE_BEFORE_BACKUPS);
    let (property, explanation) = first_failure(&grade);
    assert_eq!(property, primary_backup::LINEARIZABLE);
    assert!(explanation.contains(" read "), "{explanation}");
    assert!(
        explanation.contains("no order of the operations explains it"),
        "{explanation}"
    );
    assert!(grade.failures.len() > 20, "{} failing seeds", grade.failures.len());
}

#[test]
fn replicas_that_ignore_the_new_view_stop_answering() {
    let grade = graded(&LAB, FIRST_VIEW_ONLY);
    assert_eq!(grade.failures.len(), 200);
    let (property, explanation) = first_failure(&grade);
    assert_eq!(property, primary_backup::ANSWERS);
    assert_eq!(explanation, "no call was answered after B became the primary at 3.0 s");
}

#[test]
fn replicas_that_never_answer_fail_for_it() {
    let (property, explanation) = first_failure(&graded(&LAB, "fn on_message(from, msg) {}\n"));
    assert_eq!(property, primary_backup::ANSWERS);
    assert_eq!(explanation, "no call was answered before A crashed at 2.5 s");
}

#[test]
fn no_known_wrong_replica_fails_for_a_fault_in_its_code() {
    fails_only_its_properties(
        &LAB,
        &[
            LAB.starter,
            BACKUP_READS_OWN_COPY,
            ACK_BEFORE_STORE,
            ONE_BACKUP_ENOUGH,
            VALUE_BEFORE_BACKUPS,
            FIRST_VIEW_ONLY,
        ],
    );
}
