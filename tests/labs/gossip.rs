//! Lab 2, gossip: the reference nodes pass over 200 seeds, at a known price
//! in messages per value; the starter and the known-wrong nodes fail, each
//! the property it breaks and with the explanation a student should read.

use many_nodes::lab::grade::run;

use super::{fails_only_its_properties, first_failure, graded, passes_every_seed};
use many_nodes::lab::labs::gossip::{self, messages_per_value, LAB};
use many_nodes::lab::Program;

const REFERENCE: &str = include_str!("gossip/reference.rhai");
const TELL_ONCE: &str = include_str!("gossip/tell_once.rhai");
const SILENT_READER: &str = include_str!("gossip/silent_reader.rhai");
const ONE_PEER: &str = include_str!("gossip/one_peer.rhai");
const ONLY_NEW: &str = include_str!("gossip/only_new.rhai");
const GIVES_UP: &str = include_str!("gossip/gives_up.rhai");

#[test]
fn the_reference_nodes_pass_every_seed() {
    passes_every_seed(&LAB, REFERENCE);
}

#[test]
fn the_starter_never_passes_a_value_on() {
    let grade = graded(&LAB, LAB.starter);
    assert_eq!(grade.failures.len(), 200);
    let (property, explanation) = first_failure(&grade);
    assert_eq!(property, gossip::REACHES_EVERY_NODE);
    assert_eq!(explanation, "A never got value 2: read at 12.0 s, it held [1, 6]");
}

#[test]
fn telling_each_peer_once_loses_values_to_the_split() {
    let grade = graded(&LAB, TELL_ONCE);
    assert_eq!(grade.failures.len(), 200, "the split stops values 1 and 2 every time");
    let (property, _) = first_failure(&grade);
    assert_eq!(property, gossip::REACHES_EVERY_NODE);
}

#[test]
fn passing_a_value_on_to_one_peer_breaks_the_chain() {
    let grade = graded(&LAB, ONE_PEER);
    assert!(grade.failures.len() > 190, "{} failing seeds", grade.failures.len());
    let (property, explanation) = first_failure(&grade);
    assert_eq!(property, gossip::REACHES_EVERY_NODE);
    assert!(explanation.contains(" never got value "), "{explanation}");
}

#[test]
fn gossiping_only_new_values_never_repairs_a_loss() {
    let grade = graded(&LAB, ONLY_NEW);
    assert!(grade.failures.len() > 190, "{} failing seeds", grade.failures.len());
    let (property, explanation) = first_failure(&grade);
    assert_eq!(property, gossip::REACHES_EVERY_NODE);
    assert!(explanation.contains(" never got value "), "{explanation}");
}

#[test]
fn giving_up_on_a_value_before_the_split_heals_loses_it() {
    let grade = graded(&LAB, GIVES_UP);
    assert!(
        grade.failures.len() > 190,
        "the split outlasts 5 s of gossip: {} failing seeds",
        grade.failures.len()
    );
    let (property, explanation) = first_failure(&grade);
    assert_eq!(property, gossip::REACHES_EVERY_NODE);
    assert!(explanation.contains("read at 12.0 s, it held ["), "{explanation}");
}

#[test]
fn a_node_that_never_answers_a_read_fails() {
    let (property, explanation) = first_failure(&graded(&LAB, SILENT_READER));
    assert_eq!(property, gossip::ANSWERS_READS);
    assert_eq!(explanation, "A never answered the client's read");
}

#[test]
fn the_lab_counts_messages_per_value() {
    let program = Program::compile(REFERENCE, LAB.kinds).expect("the script compiles");
    let reference = messages_per_value(&run(&LAB, &program, 1));
    // Every node tells 4 peers every 500 ms for about 14 s: about 560
    // messages for 8 values.
    assert!((40..80).contains(&reference), "{reference}");
    let program = Program::compile(TELL_ONCE, LAB.kinds).expect("the script compiles");
    assert!(messages_per_value(&run(&LAB, &program, 1)) <= 4);
}

#[test]
fn no_known_wrong_node_fails_for_a_fault_in_its_code() {
    fails_only_its_properties(
        &LAB,
        &[LAB.starter, TELL_ONCE, SILENT_READER, ONE_PEER, ONLY_NEW, GIVES_UP],
    );
}
