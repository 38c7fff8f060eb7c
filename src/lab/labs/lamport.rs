//! Lab 3, Lamport clocks (lesson 3): four student nodes send each other
//! notes, each on its own timer, over a network that delays and reorders
//! them. Every note carries the stamp of its send; the node's `state.clock`
//! after it handles a note is the stamp of that receipt. The lab reads the
//! nodes' journals and checks that happens-before implies a smaller stamp:
//! a receipt is stamped above its send, and each node's stamps increase.

use std::rc::Rc;

use crate::kind;
use crate::sim::{millis, seconds as secs, Kind, LinkConfig, NodeId, Part, Role, World};

use super::super::data::{Data, Entries};
use super::super::message::LabMessage;
use super::super::node::LabNode;
use super::super::program::Program;
use super::super::student::{Step, StudentNode};
use super::{network, seconds, student_nodes, Lab, Setup, Verdict};

const NOTE: Kind = kind!("note", "note");

/// The student's nodes.
const NODES: u32 = 4;
/// The fewest notes each node must send in a run.
pub const MIN_NOTES: usize = 5;

/// A property this lab checks, in the words the student reads.
pub const RECEIPT_ABOVE_SEND: &str = "a receipt is stamped above its send";
/// A property this lab checks, in the words the student reads.
pub const INCREASING: &str = "each node's stamps increase";
/// A property this lab checks, in the words the student reads.
pub const SENDS_NOTES: &str = "every node sends notes";
/// A property this lab checks, in the words the student reads.
pub const READABLE: &str = "stamps can be read";

pub static LAB: Lab = Lab {
    id: "lamport",
    title: "Lamport clocks",
    lesson: 3,
    spec: "Four nodes, A to D, send each other notes: every little while a node picks a peer \
and sends it #{type: \"note\", clock: n}, where n is the Lamport stamp of that send. Each node \
keeps its Lamport clock in state.clock; after your node handles a note, the lab reads \
state.clock as the stamp of that receipt (so send notes from on_timer, not while handling a \
note). The network delays notes and delivers them out of order. The tests fail if an event \
that happened before another has a stamp that is not smaller: a receipt stamped no more than \
its send, or a node whose stamps do not go up from one event to the next.",
    starter: STARTER,
    hints: &[
        "Sending is an event: move the clock on before you stamp the note.",
        "Receiving is an event too, and it happens after the send. msg.clock tells you \
the send's stamp.",
        "On a note, set your clock past both what it was and what the note says.",
    ],
    kinds: &[NOTE],
    properties: &[RECEIPT_ABOVE_SEND, INCREASING, SENDS_NOTES, READABLE],
    duration: secs(8),
    setup,
    check,
    measure: None,
};

const STARTER: &str = r#"// One of four nodes. Every little while it sends a note to a peer.
fn on_start() {
    state.clock = 0;
    set_timer("chat", 200 + random(400));
}

fn on_timer(name) {
    state.clock += 1;
    let others = peers();
    send(others[random(others.len())], #{type: "note", clock: state.clock});
    set_timer("chat", 200 + random(400));
}

fn on_message(from, msg) {
    // A note arrived. What should that do to state.clock?
}
"#;

fn setup(program: &Rc<Program>) -> Setup {
    let nodes = student_nodes(program, NODES, Role::new(Part::Peer, "peer"), StudentNode::journaling);
    let network = network(LinkConfig {
        latency: millis(20),
        jitter: millis(150),
        ..LinkConfig::default()
    });
    Setup {
        network,
        nodes,
        faults: Vec::new(),
    }
}

/// A node's latest event: what it was, and its stamp.
struct Last {
    what: String,
    stamp: i64,
}

/// The first broken rule in one node's journal: when, which property, why.
type Broken = (i64, &'static str, String);

/// Every receipt stamped above its send, every node's stamps increasing,
/// and every node sending notes.
fn check(world: &World<LabNode>) -> Verdict {
    let name = |node: NodeId| world.name(node).unwrap_or("?").to_string();
    let journals: Vec<(NodeId, &[Step])> = (0..NODES)
        .map(NodeId)
        .filter_map(|id| Some((id, world.behaviour(id)?.student()?.journal())))
        .collect();
    let first_broken = journals
        .iter()
        .filter_map(|(id, journal)| first_broken(&name(*id), journal, &name))
        .min_by_key(|(at_ms, ..)| *at_ms);
    if let Some((_, property, explanation)) = first_broken {
        return Verdict::Failed { property, explanation };
    }
    for (id, journal) in &journals {
        let notes = journal
            .iter()
            .flat_map(|step| &step.sent)
            .filter(|(_, msg)| is_note(msg))
            .count();
        if notes < MIN_NOTES {
            return Verdict::Failed {
                property: SENDS_NOTES,
                explanation: format!(
                    "{} sent {notes} notes in {}; each node must send at least {MIN_NOTES}",
                    name(*id),
                    seconds(LAB.duration.div_euclid(1_000) as i64)
                ),
            };
        }
    }
    Verdict::Passed
}

fn is_note(msg: &LabMessage) -> bool {
    msg.type_name() == Some("note")
}

/// The first rule `node` broke, walking its steps in order.
fn first_broken(node: &str, journal: &[Step], name: &dyn Fn(NodeId) -> String) -> Option<Broken> {
    let mut last: Option<Last> = None;
    for step in journal {
        let at = seconds(step.at_ms);
        let sent_notes = step.sent.iter().filter(|(_, msg)| is_note(msg));
        if let Some((from, msg)) = step.received.as_ref().filter(|(_, msg)| is_note(msg)) {
            let sender = name(*from);
            if sent_notes.clone().next().is_some() {
                return Some((
                    step.at_ms,
                    READABLE,
                    format!(
                        "at {at} {node} sent a note while handling {sender}'s note: send notes from on_timer, \
so that state.clock after a note is the stamp of its receipt"
                    ),
                ));
            }
            let Some(stamp) = step.state.get("clock").and_then(Data::as_int) else {
                return Some((
                    step.at_ms,
                    READABLE,
                    format!("at {at} {node} handled {sender}'s note and left no whole number in state.clock"),
                ));
            };
            if let Some(sent) = msg.field("clock").and_then(Data::as_int).filter(|&sent| stamp <= sent) {
                return Some((
                    step.at_ms,
                    RECEIPT_ABOVE_SEND,
                    format!(
                        "at {at} {node} received {sender}'s note stamped {sent} and stamped the receipt {stamp}: \
the receipt comes after the send, so its stamp must be more than {sent}"
                    ),
                ));
            }
            let what = format!("its receipt of {sender}'s note at {at}");
            if let Some(broken) = not_after(node, &last, &what, stamp, step.at_ms) {
                return Some(broken);
            }
            last = Some(Last { what, stamp });
        }
        for (to, msg) in sent_notes {
            let Some(stamp) = msg.field("clock").and_then(Data::as_int) else {
                return Some((
                    step.at_ms,
                    READABLE,
                    format!(
                        "at {at} {node} sent {} a note with no whole number in clock: {}",
                        name(*to),
                        Entries(msg.body())
                    ),
                ));
            };
            let what = format!("its note to {} at {at}", name(*to));
            if let Some(broken) = not_after(node, &last, &what, stamp, step.at_ms) {
                return Some(broken);
            }
            last = Some(Last { what, stamp });
        }
    }
    None
}

/// The rule that `node`'s event `what`, stamped `stamp`, comes after its
/// `last`, if it breaks it.
fn not_after(node: &str, last: &Option<Last>, what: &str, stamp: i64, at_ms: i64) -> Option<Broken> {
    let last = last.as_ref().filter(|last| stamp <= last.stamp)?;
    Some((
        at_ms,
        INCREASING,
        format!(
            "{node} stamped {what} with {stamp}, not more than {}, stamped {}: a node's events happen \
one after another, so each must be stamped more than the one before",
            last.what, last.stamp
        ),
    ))
}
