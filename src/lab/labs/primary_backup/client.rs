//! The helpers of the primary/backup lab, in Rust: the view service, which
//! tells everyone who the primary and the backups are (at the start, and
//! again once the primary has crashed), and the register's clients, which
//! call it one operation at a time, retry until answered, and record each
//! operation in the run's history for the linearizability checker.

use std::collections::BTreeMap;

use crate::sim::{Behaviour, Call, Context, Fact, NodeId, OperationId, Part, Ret, Role, TimerTag, Value, Waiting};

use super::super::super::data::Data;
use super::super::super::message::LabMessage;
use super::{CLIENTS, KINDS, REPLICAS, RETRY_AFTER, STOP_AT, VIEW_AT};

/// The client's timers: its next operation, and a retry of the current one.
const NEXT: TimerTag = 0;
const RETRY: TimerTag = 1;
/// The view service's timers: the primary has crashed; tell the view again.
const CHANGE: TimerTag = 0;
const REPEAT: TimerTag = 1;
/// How often the view service tells the view again, as messages get lost.
const REPEAT_EVERY: u64 = crate::sim::millis(500);

/// A message of `kind` with these other fields.
pub(super) fn message(kind: &str, fields: &[(&str, Data)]) -> LabMessage {
    let mut body = BTreeMap::from([("type".to_string(), Data::Text(kind.to_string()))]);
    body.extend(fields.iter().map(|(name, value)| (name.to_string(), value.clone())));
    LabMessage::new(body, KINDS)
}

/// A view: the primary, and the backups as a list of node ids.
fn view(primary: u32, backups: &[u32]) -> LabMessage {
    let backups = backups.iter().map(|&b| Data::Int(b.into())).collect();
    message(
        "view",
        &[("primary", Data::Int(primary.into())), ("backups", Data::List(backups))],
    )
}

/// The lab's view service: A is the primary at first, with B and C as its
/// backups; once A has crashed, B is, with C. It tells the replicas and
/// the clients, and tells them again every [`REPEAT_EVERY`].
#[derive(Clone, Debug, Default)]
pub struct ViewService {
    changed: bool,
}

impl ViewService {
    fn tell(&self, ctx: &mut Context<'_, LabMessage>) {
        let (to, msg) = if self.changed {
            (1..REPLICAS, view(1, &[2]))
        } else {
            (0..REPLICAS, view(0, &[1, 2]))
        };
        for node in to.chain(REPLICAS..REPLICAS + CLIENTS) {
            ctx.send(NodeId(node), msg.clone());
        }
        ctx.set_timer(REPEAT, REPEAT_EVERY);
    }
}

impl Behaviour for ViewService {
    type Msg = LabMessage;

    fn on_start(&mut self, ctx: &mut Context<'_, LabMessage>) {
        self.tell(ctx);
        ctx.set_timer(CHANGE, VIEW_AT);
    }

    fn on_message(&mut self, _: &mut Context<'_, LabMessage>, _: NodeId, _: LabMessage) {}

    fn on_timer(&mut self, ctx: &mut Context<'_, LabMessage>, tag: TimerTag) {
        self.changed |= tag == CHANGE;
        self.tell(ctx);
    }

    fn on_crash(&mut self) {}

    fn role(&self) -> Role {
        Role::new(Part::Server, "view service")
    }

    fn describe(&self) -> Vec<Fact> {
        let primary = if self.changed { "B" } else { "A" };
        vec![Fact::new("primary", Value::words(primary))]
    }
}

/// The operation a client is making.
#[derive(Clone, Copy, Debug)]
struct Ongoing {
    id: i64,
    call: Call,
    called: OperationId,
    /// The replica a read was last sent to.
    asked: u32,
}

/// A client of the register: the writer writes 1, 2, 3..., reading between
/// its writes; the reader only reads. Writes go to the primary, reads to any replica.
#[derive(Clone, Debug)]
pub struct RegisterClient {
    writes: bool,
    primary: u32,
    current: Option<Ongoing>,
    next_id: i64,
    written: i64,
    answered: u32,
}

impl RegisterClient {
    pub fn new(writes: bool) -> RegisterClient {
        RegisterClient {
            writes,
            primary: 0,
            current: None,
            next_id: 1,
            written: 0,
            answered: 0,
        }
    }

    fn begin(&mut self, ctx: &mut Context<'_, LabMessage>) {
        if u64::try_from(ctx.local_now()).unwrap_or(0) >= STOP_AT {
            return;
        }
        let call = if self.writes && self.next_id % 2 == 1 {
            self.written += 1;
            Call::Write {
                key: 0,
                value: self.written,
            }
        } else {
            Call::Read { key: 0 }
        };
        let called = ctx.invoke(call);
        self.current = Some(Ongoing {
            id: self.next_id,
            call,
            called,
            asked: ctx.random_below(REPLICAS.into()) as u32,
        });
        self.next_id += 1;
        self.send(ctx, false);
    }

    /// Send the current operation: a write to the primary, a read to a
    /// replica, the next one each time it is sent again.
    fn send(&mut self, ctx: &mut Context<'_, LabMessage>, again: bool) {
        let Some(ongoing) = self.current.as_mut() else {
            return;
        };
        if again {
            ongoing.asked = (ongoing.asked + 1) % REPLICAS;
        }
        let id = ("id", Data::Int(ongoing.id));
        let (to, msg) = match ongoing.call {
            Call::Write { value, .. } => (self.primary, message("write", &[id, ("value", Data::Int(value))])),
            _ => (ongoing.asked, message("read", &[id])),
        };
        ctx.send(NodeId(to), msg);
        ctx.set_timer(RETRY, RETRY_AFTER);
    }

    fn pause(ctx: &mut Context<'_, LabMessage>) {
        let wait = ctx.random_between(crate::sim::millis(50), crate::sim::millis(250));
        ctx.set_timer(NEXT, wait);
    }
}

impl Behaviour for RegisterClient {
    type Msg = LabMessage;

    fn on_start(&mut self, ctx: &mut Context<'_, LabMessage>) {
        RegisterClient::pause(ctx);
    }

    fn on_message(&mut self, ctx: &mut Context<'_, LabMessage>, _: NodeId, msg: LabMessage) {
        if msg.type_name() == Some("view") {
            let primary = msg.field("primary").and_then(Data::as_int);
            self.primary = primary.and_then(|p| u32::try_from(p).ok()).unwrap_or(self.primary);
            return;
        }
        let Some(ongoing) = self.current else {
            return;
        };
        if msg.field("id").and_then(Data::as_int) != Some(ongoing.id) {
            return;
        }
        let ret = match (msg.type_name(), ongoing.call) {
            (Some("write_ok"), Call::Write { .. }) => Ret::Done,
            (Some("read_ok"), Call::Read { .. }) => Ret::Value(msg.field("value").and_then(Data::as_int)),
            _ => return,
        };
        ctx.answered(ongoing.called, ret);
        self.answered += 1;
        self.current = None;
        ctx.cancel_timer(RETRY);
        RegisterClient::pause(ctx);
    }

    fn on_timer(&mut self, ctx: &mut Context<'_, LabMessage>, tag: TimerTag) {
        match tag {
            NEXT => self.begin(ctx),
            _ => self.send(ctx, true),
        }
    }

    fn on_crash(&mut self) {}

    fn role(&self) -> Role {
        Role::new(Part::Client, if self.writes { "writer" } else { "reader" })
    }

    fn waits_for(&self, tag: TimerTag) -> Option<Waiting> {
        (tag == RETRY).then_some(Waiting::Reply)
    }

    fn describe(&self) -> Vec<Fact> {
        vec![
            Fact::new("answered", Value::number(self.answered)),
            Fact::new(
                "primary",
                Value::words(crate::protocols::lamport::letter(self.primary as usize)),
            ),
        ]
    }
}
