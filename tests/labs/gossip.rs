//! Lab 2, gossip: the reference nodes pass over 200 seeds, at a known price
//! in messages per value; the starter and the known-wrong nodes fail, each
//! the property it breaks and with the explanation a student should read.

use many_nodes::lab::grade::run;

use super::{first_failure, graded, passes_every_seed};
use many_nodes::lab::labs::gossip::{self, messages_per_value, LAB};
use many_nodes::lab::Program;

const REFERENCE: &str = include_str!("gossip/reference.rhai");
const TELL_ONCE: &str = include_str!("gossip/tell_once.rhai");
const SILENT_READER: &str = include_str!("gossip/silent_reader.rhai");

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
    assert_eq!(explanation, "A never got value 2: read at 10.0 s, it held [1, 6]");
}

#[test]
fn telling_each_peer_once_loses_values_to_the_split() {
    let grade = graded(&LAB, TELL_ONCE);
    assert_eq!(grade.failures.len(), 200, "the split stops values 1 and 2 every time");
    let (property, _) = first_failure(&grade);
    assert_eq!(property, gossip::REACHES_EVERY_NODE);
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
    // Every node tells 4 peers every 500 ms for about 12 s: about 480
    // messages for 8 values.
    assert!((40..80).contains(&reference), "{reference}");
    let program = Program::compile(TELL_ONCE, LAB.kinds).expect("the script compiles");
    assert!(messages_per_value(&run(&LAB, &program, 1)) <= 4);
}
