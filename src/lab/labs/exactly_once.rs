//! Lab 1, exactly once (lesson 4): a client saves numbered values on the
//! student's server over a network that loses and duplicates messages,
//! and retries a save until it hears back; the server crashes and comes
//! back now and then, and the answers it sends in the moments before each
//! crash are lost, so the client sends those saves again. The server must
//! apply each save once: never twice, and never answer a save it did not
//! apply.

use std::collections::BTreeMap;
use std::rc::Rc;

use crate::kind;
use crate::sim::{
    millis, seconds as secs, Action, Behaviour, Context, Fact, Intervention, Kind, LinkConfig, NodeId, NodeSetup, Part,
    Role, TimerTag, Value, Waiting, World,
};

use super::super::data::Data;
use super::super::message::LabMessage;
use super::super::node::LabNode;
use super::super::program::Program;
use super::super::student::StudentNode;
use super::{network, seconds, Lab, Setup, Verdict};

const SAVE: Kind = kind!("save", "save request");
const SAVED: Kind = kind!("saved", "save confirmation");

/// How many saves the client makes, one after another.
pub const SAVES: i64 = 20;
/// How long the client waits for an answer before it sends a save again.
const RETRY_AFTER: u64 = millis(200);
const RETRY: TimerTag = 0;
/// How long the client waits after an answer before its next save.
const PAUSE: u64 = millis(250);
const NEXT: TimerTag = 1;

/// How long the server is down in each crash, and for how long before it
/// its answers are lost on the way: a save applied just before a crash
/// comes again after it.
const DOWN_FOR: u64 = millis(300);
const ANSWERS_LOST_FOR: u64 = millis(250);

const SERVER: NodeId = NodeId(0);
const CLIENT: NodeId = NodeId(1);

/// A property this lab checks, in the words the student reads.
pub const APPLIED_ONCE: &str = "each save applied once";
/// A property this lab checks, in the words the student reads.
pub const ANSWERED: &str = "every save answered";

pub static LAB: Lab = Lab {
    id: "exactly-once",
    title: "Exactly once",
    lesson: 4,
    spec: "A client saves values on your server: it sends #{type: \"save\", id: 1, value: 7}, \
then id 2, and so on. The network loses some messages and delivers others twice, and your \
server crashes now and then; the answers it sends just before a crash are lost. When the \
client hears nothing back in time it sends the same save again. Your server must call \
apply(msg) exactly once for each save, and answer with #{type: \"saved\", id: msg.id}, also \
when it sees a save again. The tests fail if a save is applied twice, or answered without \
being applied, or never answered.",
    starter: STARTER,
    hints: &[
        "A save can arrive twice: the network copied it, or the client sent it again because \
your answer was lost. Each copy has the same id.",
        "Remember which ids you have applied. When a save comes again, answer it without \
applying it.",
        "state is wiped when your server crashes; durable is not. Where must the ids you \
applied live?",
    ],
    kinds: &[SAVE, SAVED],
    properties: &[APPLIED_ONCE, ANSWERED],
    duration: secs(15),
    setup,
    check,
    measure: None,
};

const STARTER: &str = r#"// Your server. The client sends #{type: "save", id: 1, value: 7}.
fn on_message(from, msg) {
    if msg.type == "save" {
        apply(msg);
        reply(#{type: "saved", id: msg.id});
    }
}
"#;

fn setup(program: &Rc<Program>) -> Setup {
    let cluster: Rc<[NodeId]> = Rc::from(vec![SERVER]);
    let server = StudentNode::new(Rc::clone(program), cluster, Role::new(Part::Server, "your server"));
    let network = network(LinkConfig {
        latency: millis(20),
        jitter: millis(20),
        loss: 100_000,
        duplicate: 200_000,
        ..LinkConfig::default()
    });
    let faults = (1..=5)
        .flat_map(|n| {
            let at = secs(2 * n);
            [
                Intervention::new(
                    at - ANSWERS_LOST_FOR,
                    Action::CutLink {
                        from: SERVER,
                        to: CLIENT,
                    },
                ),
                Intervention::new(at, Action::Crash(SERVER)),
                Intervention::new(at + DOWN_FOR, Action::Restart(SERVER)),
                Intervention::new(
                    at + DOWN_FOR,
                    Action::HealLink {
                        from: SERVER,
                        to: CLIENT,
                    },
                ),
            ]
        })
        .collect();
    Setup {
        network,
        nodes: vec![
            NodeSetup::new("server", LabNode::Student(Box::new(server))),
            NodeSetup::new("client", LabNode::SaveClient(SaveClient::default())),
        ],
        faults,
    }
}

/// The lab's client: saves 1 to [`SAVES`] in turn, each until answered.
#[derive(Clone, Debug, Default)]
pub struct SaveClient {
    /// The save it is making, and its value.
    current: Option<(i64, i64)>,
    /// When (its clock, ms) each save was answered.
    answered: BTreeMap<i64, i64>,
}

impl SaveClient {
    /// The saves it got an answer for, with when.
    pub fn answered(&self) -> &BTreeMap<i64, i64> {
        &self.answered
    }

    fn save_next(&mut self, ctx: &mut Context<'_, LabMessage>) {
        let id = self.answered.len() as i64 + 1;
        if id > SAVES {
            self.current = None;
            return;
        }
        let value = ctx.random_below(100) as i64;
        self.current = Some((id, value));
        self.send(ctx);
    }

    fn send(&mut self, ctx: &mut Context<'_, LabMessage>) {
        let Some((id, value)) = self.current else {
            return;
        };
        let body = BTreeMap::from([
            ("type".to_string(), Data::Text("save".into())),
            ("id".to_string(), Data::Int(id)),
            ("value".to_string(), Data::Int(value)),
        ]);
        ctx.send(SERVER, LabMessage::new(body, &[SAVE]));
        ctx.set_timer(RETRY, RETRY_AFTER);
    }
}

impl Behaviour for SaveClient {
    type Msg = LabMessage;

    fn on_start(&mut self, ctx: &mut Context<'_, LabMessage>) {
        self.save_next(ctx);
    }

    fn on_message(&mut self, ctx: &mut Context<'_, LabMessage>, _from: NodeId, msg: LabMessage) {
        let id = msg.field("id").and_then(Data::as_int);
        let Some((current, _)) = self.current.filter(|_| msg.type_name() == Some("saved")) else {
            return;
        };
        if id == Some(current) {
            self.answered.insert(current, ctx.local_now().div_euclid(1_000));
            self.current = None;
            ctx.cancel_timer(RETRY);
            ctx.set_timer(NEXT, PAUSE);
        }
    }

    fn on_timer(&mut self, ctx: &mut Context<'_, LabMessage>, tag: TimerTag) {
        match tag {
            NEXT => self.save_next(ctx),
            _ => self.send(ctx),
        }
    }

    fn on_crash(&mut self) {}

    fn role(&self) -> Role {
        Role::new(Part::Client, "client")
    }

    fn waits_for(&self, tag: TimerTag) -> Option<Waiting> {
        (tag == RETRY).then_some(Waiting::Reply)
    }

    fn describe(&self) -> Vec<Fact> {
        let mut facts = vec![Fact::new("saves answered", Value::number(self.answered.len()))];
        if let Some((id, value)) = self.current {
            facts.push(Fact::new("saving", Value::words(format!("save {id} (value {value})"))));
        }
        facts
    }
}

/// Every answered save applied exactly once, none applied twice, and every
/// save answered by the end.
fn check(world: &World<LabNode>) -> Verdict {
    let applied = world
        .behaviour(SERVER)
        .and_then(LabNode::student)
        .map(|server| server.applied().to_vec())
        .unwrap_or_default();
    let answered = match world.behaviour(CLIENT) {
        Some(LabNode::SaveClient(client)) => client.answered().clone(),
        _ => BTreeMap::new(),
    };
    let mut times: BTreeMap<i64, Vec<i64>> = BTreeMap::new();
    for record in &applied {
        match record.request.get("id").and_then(Data::as_int) {
            Some(id) => times.entry(id).or_default().push(record.at_ms),
            None => {
                return failed(
                    APPLIED_ONCE,
                    format!(
                        "apply got something with no save id: {}",
                        Data::Map(record.request.clone())
                    ),
                )
            }
        }
    }
    if let Some((id, at)) = times.iter().find(|(_, at)| at.len() > 1) {
        let when: Vec<String> = at.iter().map(|&ms| seconds(ms)).collect();
        return failed(
            APPLIED_ONCE,
            format!(
                "save {id} was applied {}: at {}",
                count(at.len()),
                when.join(" and at ")
            ),
        );
    }
    if let Some((id, at)) = answered.iter().find(|(id, _)| !times.contains_key(id)) {
        return failed(
            APPLIED_ONCE,
            format!("save {id} was answered at {} but never applied", seconds(*at)),
        );
    }
    if let Some(id) = (1..=SAVES).find(|id| !answered.contains_key(id)) {
        return failed(
            ANSWERED,
            format!("save {id} never got an answer, though the client kept sending it"),
        );
    }
    Verdict::Passed
}

fn failed(property: &'static str, explanation: String) -> Verdict {
    Verdict::Failed { property, explanation }
}

/// "twice", "3 times".
fn count(n: usize) -> String {
    match n {
        2 => "twice".to_string(),
        n => format!("{n} times"),
    }
}
