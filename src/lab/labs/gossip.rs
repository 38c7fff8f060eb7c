//! Lab 2, gossip (lesson 2, in the manner of Gossip Glomers' broadcast): a
//! client hands numbered values to the student's nodes, one node at a time,
//! while the network loses messages and a partition splits the cluster for
//! a while. Once the partition has healed, the client asks every node what
//! it holds: every value must have reached every node. The lab also counts
//! the messages the nodes sent each other per value, the price of the
//! spreading.

use std::collections::{BTreeMap, BTreeSet};
use std::rc::Rc;

use crate::kind;
use crate::sim::{
    millis, seconds as secs, Action, Behaviour, Context, Fact, Intervention, Kind, LinkConfig, NodeId, NodeSetup, Part,
    Role, TimerTag, TraceKind, Value, Waiting, World,
};

use super::super::data::Data;
use super::super::message::LabMessage;
use super::super::node::LabNode;
use super::super::program::Program;
use super::{network, seconds, student_nodes, Lab, Measure, Setup, Verdict};

const BROADCAST: Kind = kind!("broadcast", "broadcast request");
const BROADCAST_OK: Kind = kind!("broadcast_ok", "broadcast confirmation");
const READ: Kind = kind!("read", "read request");
const READ_OK: Kind = kind!("read_ok", "read answer");
const KINDS: &[Kind] = &[BROADCAST, BROADCAST_OK, READ, READ_OK];

/// The student's nodes, and the client after them.
const NODES: u32 = 5;
const CLIENT: NodeId = NodeId(NODES);
/// How many values the client hands out, one every [`EVERY`].
pub const VALUES: i64 = 8;
const EVERY: u64 = millis(500);
/// When the client starts asking every node what it holds.
const READ_AT: u64 = secs(12);
/// When the split starts, and when it heals: longer than a node that
/// passes a value on for a few seconds, then gives up, keeps trying.
const SPLIT_AT: u64 = secs(1);
const HEAL_AT: u64 = secs(7);
/// How long the client waits for an answer before it asks again.
const RETRY_AFTER: u64 = millis(300);

/// The client's timers: the next value, a retry of it, the reads, a retry
/// of the reads.
const NEXT: TimerTag = 0;
const RETRY: TimerTag = 1;
const READS: TimerTag = 2;
const REREAD: TimerTag = 3;

/// A property this lab checks, in the words the student reads.
pub const REACHES_EVERY_NODE: &str = "every value reaches every node";
/// A property this lab checks, in the words the student reads.
pub const ANSWERS_READS: &str = "every node answers a read";

pub static LAB: Lab = Lab {
    id: "gossip",
    title: "Gossip",
    lesson: 2,
    spec: "Five nodes, A to E, share a set of numbers. Now and then a client sends one of \
them #{type: \"broadcast\", value: 4}; that node answers #{type: \"broadcast_ok\", value: 4}. \
Later the client asks each node #{type: \"read\"}, and each must answer \
#{type: \"read_ok\", values: [...]} with every value any node was given. The network loses \
messages, and for a while it splits the nodes into two sides that cannot talk. The tests \
fail if some node is missing a value when the client reads, long after the split has healed.",
    starter: STARTER,
    hints: &[
        "A node that was given a value must pass it on: the others cannot know it otherwise.",
        "A message passed on once can be lost, or stopped by the split. Keep passing on what \
you know, now and then, with a timer.",
        "Sending everything you know to every peer is simple and works. Can you send less?",
    ],
    kinds: KINDS,
    properties: &[REACHES_EVERY_NODE, ANSWERS_READS],
    duration: secs(14),
    setup,
    check,
    measure: Some(Measure {
        name: "messages between your nodes per value",
        of: messages_per_value,
    }),
};

const STARTER: &str = r#"// One of five nodes. Each keeps the values it was given.
fn on_message(from, msg) {
    if msg.type == "broadcast" {
        state[`${msg.value}`] = msg.value;
        reply(#{type: "broadcast_ok", value: msg.value});
    } else if msg.type == "read" {
        reply(#{type: "read_ok", values: state.values()});
    }
}
"#;

fn setup(program: &Rc<Program>) -> Setup {
    let mut nodes = student_nodes(program, NODES, Role::new(Part::Peer, "peer"), |node| node);
    nodes.push(NodeSetup::new("client", LabNode::Broadcaster(Broadcaster::default())));
    let network = network(LinkConfig {
        latency: millis(30),
        jitter: millis(20),
        loss: 100_000,
        ..LinkConfig::default()
    });
    let sides = vec![
        vec![NodeId(0), NodeId(1), CLIENT],
        vec![NodeId(2), NodeId(3), NodeId(4)],
    ];
    Setup {
        network,
        nodes,
        faults: vec![
            Intervention::new(SPLIT_AT, Action::Partition(sides)),
            Intervention::new(HEAL_AT, Action::HealAll),
        ],
    }
}

/// The lab's client: hands value 1 to [`VALUES`] to the nodes in turn,
/// each until confirmed, then reads every node.
#[derive(Clone, Debug, Default)]
pub struct Broadcaster {
    /// The value it is handing out, if any.
    giving: Option<i64>,
    confirmed: BTreeSet<i64>,
    /// What each node answered when read, and when (its clock, ms).
    reads: BTreeMap<NodeId, (i64, Vec<i64>)>,
}

impl Broadcaster {
    /// What each node answered when read, and when.
    pub fn reads(&self) -> &BTreeMap<NodeId, (i64, Vec<i64>)> {
        &self.reads
    }

    fn give(&self, ctx: &mut Context<'_, LabMessage>) {
        if let Some(value) = self.giving {
            let to = NodeId((value as u32 - 1) % NODES);
            ctx.send(to, message("broadcast", Some(value)));
            ctx.set_timer(RETRY, RETRY_AFTER);
        }
    }

    fn read_the_rest(&self, ctx: &mut Context<'_, LabMessage>) {
        let unread: Vec<NodeId> = (0..NODES).map(NodeId).filter(|n| !self.reads.contains_key(n)).collect();
        for node in &unread {
            ctx.send(*node, message("read", None));
        }
        if !unread.is_empty() {
            ctx.set_timer(REREAD, RETRY_AFTER);
        }
    }
}

fn message(kind: &str, value: Option<i64>) -> LabMessage {
    let mut body = BTreeMap::from([("type".to_string(), Data::Text(kind.to_string()))]);
    if let Some(value) = value {
        body.insert("value".to_string(), Data::Int(value));
    }
    LabMessage::new(body, KINDS)
}

impl Behaviour for Broadcaster {
    type Msg = LabMessage;

    fn on_start(&mut self, ctx: &mut Context<'_, LabMessage>) {
        ctx.set_timer(NEXT, EVERY);
        ctx.set_timer(READS, READ_AT);
    }

    fn on_message(&mut self, ctx: &mut Context<'_, LabMessage>, from: NodeId, msg: LabMessage) {
        let value = msg.field("value").and_then(Data::as_int);
        match msg.type_name() {
            Some("broadcast_ok") if value.is_some() && value == self.giving => {
                self.confirmed.extend(value);
                self.giving = None;
                ctx.cancel_timer(RETRY);
            }
            Some("read_ok") if from.0 < NODES => {
                let values = match msg.field("values") {
                    Some(Data::List(items)) => items.iter().filter_map(Data::as_int).collect(),
                    _ => Vec::new(),
                };
                let at_ms = ctx.local_now().div_euclid(1_000);
                self.reads.entry(from).or_insert((at_ms, values));
            }
            _ => {}
        }
    }

    fn on_timer(&mut self, ctx: &mut Context<'_, LabMessage>, tag: TimerTag) {
        match tag {
            NEXT => {
                let next = self.confirmed.len() as i64 + 1;
                if self.giving.is_none() && next <= VALUES {
                    self.giving = Some(next);
                    self.give(ctx);
                }
                ctx.set_timer(NEXT, EVERY);
            }
            RETRY => self.give(ctx),
            _ => self.read_the_rest(ctx),
        }
    }

    fn on_crash(&mut self) {}

    fn role(&self) -> Role {
        Role::new(Part::Client, "client")
    }

    fn waits_for(&self, tag: TimerTag) -> Option<Waiting> {
        matches!(tag, RETRY | REREAD).then_some(Waiting::Reply)
    }

    fn describe(&self) -> Vec<Fact> {
        vec![
            Fact::new("values confirmed", Value::number(self.confirmed.len())),
            Fact::new("nodes read", Value::number(self.reads.len())),
        ]
    }
}

/// How many messages the student's nodes sent each other per value handed
/// out, over the whole run (the remembered trace), rounded down.
pub fn messages_per_value(world: &World<LabNode>) -> u64 {
    let among_nodes = world
        .trace()
        .events()
        .filter(|e| matches!(e.kind, TraceKind::Sent { from, to, .. } if from != CLIENT && to != CLIENT))
        .count() as u64;
    among_nodes / VALUES.unsigned_abs()
}

/// Every value the client handed out is in every node's read answer.
fn check(world: &World<LabNode>) -> Verdict {
    let Some(LabNode::Broadcaster(client)) = world.behaviour(CLIENT) else {
        return Verdict::Passed;
    };
    let name = |node: NodeId| world.name(node).unwrap_or("?").to_string();
    for node in (0..NODES).map(NodeId) {
        let Some((at_ms, values)) = client.reads().get(&node) else {
            return Verdict::Failed {
                property: ANSWERS_READS,
                explanation: format!("{} never answered the client's read", name(node)),
            };
        };
        if let Some(missing) = client.confirmed.iter().find(|v| !values.contains(v)) {
            let mut held = values.clone();
            held.sort_unstable();
            return Verdict::Failed {
                property: REACHES_EVERY_NODE,
                explanation: format!(
                    "{} never got value {missing}: read at {}, it held {:?}",
                    name(node),
                    seconds(*at_ms),
                    held
                ),
            };
        }
    }
    if client.confirmed.len() as i64 != VALUES {
        return Verdict::Failed {
            property: REACHES_EVERY_NODE,
            explanation: format!("only {} of {VALUES} values were ever confirmed", client.confirmed.len()),
        };
    }
    Verdict::Passed
}
