//! Lab 4, primary/backup (lessons 7 and 8): three student nodes keep
//! copies of one register. The lab's view service names the primary (A,
//! with B and C as backups); a writer client writes 1, 2, 3... to the
//! primary and reads, and a reader client reads from any replica, over a
//! network that delays, reorders and loses messages. At 2 s the link
//! from the primary to B breaks, and at 2.5 s the primary crashes for
//! good; half a second later the view service makes B the primary, with C.
//! A write the primary confirmed before B had stored it is then missing
//! from the new primary's copy. Both clients record what they did in the
//! run's history, and the history checker decides: the register must stay
//! linearizable (no read sees an older value than one already written and
//! answered), and it must go on answering under its new primary.

mod client;

use std::rc::Rc;

use crate::check::{check as linearizable, Explanation, Verdict as Checked};
use crate::kind;
use crate::sim::{
    millis, seconds as secs, Action, Call, Intervention, Kind, LinkConfig, NodeId, NodeSetup, Operation, Outcome, Part,
    Ret, Role, World,
};

use super::super::node::LabNode;
use super::super::program::Program;
use super::{network, seconds, student_nodes, Lab, Setup, Verdict};

pub use client::{RegisterClient, ViewService};

const VIEW: Kind = kind!("view", "view");
const WRITE: Kind = kind!("write", "write request");
const WRITE_OK: Kind = kind!("write_ok", "write confirmation");
const READ: Kind = kind!("read", "read request");
const READ_OK: Kind = kind!("read_ok", "read answer");
const KINDS: &[Kind] = &[VIEW, WRITE, WRITE_OK, READ, READ_OK];

/// The replicas A, B and C; the writer and the reader after them; the view
/// service last.
const REPLICAS: u32 = 3;
const CLIENTS: u32 = 2;
/// When the link from the primary to B breaks, so that a write the primary
/// confirms too early is missing from the next primary's copy; when the
/// primary crashes for good; and when the view service names B instead.
const CUT_AT: u64 = secs(2);
const CRASH_AT: u64 = millis(2_500);
const VIEW_AT: u64 = secs(3);
/// When the clients stop calling.
const STOP_AT: u64 = millis(5_500);
/// How long a client waits for an answer before it sends again.
const RETRY_AFTER: u64 = millis(500);
/// The most steps the history checker may take.
const CHECK_BUDGET: u64 = 1_000_000;

/// A property this lab checks, in the words the student reads.
pub const LINEARIZABLE: &str = "the register is linearizable";
/// A property this lab checks, in the words the student reads.
pub const ANSWERS: &str = "the register answers";

pub static LAB: Lab = Lab {
    id: "primary-backup",
    title: "Primary/backup",
    lesson: 7,
    spec: "Your three nodes, A, B and C, keep copies of one register. The lab tells them who \
the primary is: #{type: \"view\", primary: 0, backups: [1, 2]}. A writer sends the primary \
#{type: \"write\", id: 5, value: 3} and waits for #{type: \"write_ok\", id: 5}; it also \
reads. Reads, #{type: \"read\", id: 6}, go to any node, and need the answer \
#{type: \"read_ok\", id: 6, value: 3} (a value of () means nothing was written yet). At \
2 s the network stops carrying messages from A to B, and at 2.5 s A crashes for good; at \
3 s the lab sends the new view, with B as primary. \
The network delays, reorders and loses messages; a client that hears nothing sends \
again, and the lab tells the view again every half second. The tests fail if a read returns an older value \
than one already written and answered (the history checker finds no order of the \
operations that explains what the clients saw), or if the register stops answering.",
    starter: STARTER,
    hints: &[
        "When the primary crashes, the new primary has only its own copy. A write must be \
in the backups' copies before the writer hears write_ok.",
        "A backup's copy can lag behind the primary, or run ahead of what was confirmed. \
Pass a read to the primary and let it answer.",
        "Answer reads with a value every backup holds: a value still on its way to the \
backups could vanish with the primary.",
    ],
    kinds: KINDS,
    properties: &[LINEARIZABLE, ANSWERS],
    duration: secs(6),
    setup,
    check,
    measure: None,
};

const STARTER: &str = r#"// One of three copies of the register. The lab says who is primary.
fn on_message(from, msg) {
    if msg.type == "view" {
        state.primary = msg.primary;
        state.backups = msg.backups;
    } else if msg.type == "write" {
        state.value = msg.value;
        reply(#{type: "write_ok", id: msg.id});
    } else if msg.type == "read" {
        reply(#{type: "read_ok", id: msg.id, value: state.value});
    }
}
"#;

fn setup(program: &Rc<Program>) -> Setup {
    let mut nodes = student_nodes(program, REPLICAS, Role::new(Part::Replica, "replica"), |node| node);
    nodes.push(NodeSetup::new(
        "writer",
        LabNode::RegisterClient(RegisterClient::new(true)),
    ));
    nodes.push(NodeSetup::new(
        "reader",
        LabNode::RegisterClient(RegisterClient::new(false)),
    ));
    nodes.push(NodeSetup::new("views", LabNode::ViewService(ViewService::default())));
    let network = network(LinkConfig {
        latency: millis(20),
        jitter: millis(100),
        loss: 100_000,
        ..LinkConfig::default()
    });
    Setup {
        network,
        nodes,
        faults: vec![
            Intervention::new(
                CUT_AT,
                Action::CutLink {
                    from: NodeId(0),
                    to: NodeId(1),
                },
            ),
            Intervention::new(CRASH_AT, Action::Crash(NodeId(0))),
        ],
    }
}

/// The history linearizable, and calls answered both before the crash and
/// under the new primary.
fn check(world: &World<LabNode>) -> Verdict {
    let history = world.history().operations();
    let name = |node: NodeId| world.name(node).unwrap_or("?").to_string();
    match linearizable(&history, CHECK_BUDGET) {
        Checked::Linearizable { .. } => {}
        Checked::Violation(explanation) => {
            return Verdict::Failed {
                property: LINEARIZABLE,
                explanation: explain(&history, &explanation, &name),
            }
        }
        Checked::Undecided { steps } => {
            return Verdict::Failed {
                property: LINEARIZABLE,
                explanation: format!("the checker could not decide within {steps} steps"),
            }
        }
    }
    let answered = |from: u64, to: u64| {
        history
            .iter()
            .any(|op| op.completed().is_some_and(|done| (from..to).contains(&done)))
    };
    if !answered(0, CRASH_AT) {
        return Verdict::Failed {
            property: ANSWERS,
            explanation: format!("no call was answered before A crashed at {}", at(CRASH_AT)),
        };
    }
    if !answered(VIEW_AT, u64::MAX) {
        return Verdict::Failed {
            property: ANSWERS,
            explanation: format!("no call was answered after B became the primary at {}", at(VIEW_AT)),
        };
    }
    Verdict::Passed
}

/// A true time as a student reads it.
fn at(time: u64) -> String {
    seconds(i64::try_from(time / 1_000).unwrap_or(i64::MAX))
}

/// The checker's explanation in a sentence: "reader read 4 at 3.2 s, after
/// writer's write of 5 had finished at 3.1 s: no order of the operations
/// explains it; that read is stale".
fn explain(history: &[Operation], explanation: &Explanation, name: &dyn Fn(NodeId) -> String) -> String {
    let Some(blocked) = history.get(explanation.blocked) else {
        return "no order of the operations explains what the clients saw".to_string();
    };
    let did = did(blocked.call, explanation.returned);
    let when = blocked
        .completed()
        .map_or_else(String::new, |done| format!(" at {}", at(done)));
    let since = explanation
        .finished_before(history)
        .and_then(|index| history.get(index))
        .and_then(|write| match (write.call, write.outcome) {
            (Call::Write { value, .. }, Outcome::Returned { completed, .. }) => Some(format!(
                ", after {}'s write of {value} had finished at {}",
                name(write.client),
                at(completed)
            )),
            _ => None,
        });
    match since {
        Some(since) => format!(
            "{} {did}{when}{since}: that read is stale, and no order of the operations explains it",
            name(blocked.client)
        ),
        None => format!(
            "{} {did}{when}: no order of the operations explains it",
            name(blocked.client)
        ),
    }
}

/// What an operation did: "read 4", "read the register as empty", "wrote 5".
fn did(call: Call, returned: Ret) -> String {
    match (call, returned) {
        (Call::Write { value, .. }, _) => format!("wrote {value}"),
        (_, Ret::Value(Some(value))) => format!("read {value}"),
        (_, Ret::Value(None)) => "read the register as empty".to_string(),
        (_, Ret::Done) => "finished".to_string(),
    }
}
