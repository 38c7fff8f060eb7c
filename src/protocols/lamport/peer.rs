//! The part every peer shares: its vector clock and its event log, and the
//! bookkeeping that stamps each event with all three clocks.

use crate::sim::{Context, Fact, NodeId, Value};

use super::event::{EventId, EventKind, LoggedEvent};
use super::message::{ClockMsg, Topic};
use super::vector::VectorClock;

/// The most events a node's log keeps; older ones are forgotten so that long
/// runs use bounded memory.
pub const LOG_LIMIT: usize = 256;

/// A node's clocks and log. Both are kept on disk: a crash loses neither.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Peer {
    vector: VectorClock,
    log: Vec<LoggedEvent>,
    sent: u64,
    received: u64,
    /// Messages sent so far in the handler now running: the engine stamps
    /// each with the next Lamport value.
    sends_in_handler: u64,
}

impl Peer {
    /// The node's vector clock now.
    pub fn vector(&self) -> &VectorClock {
        &self.vector
    }

    /// Its recent events, oldest first.
    pub fn log(&self) -> &[LoggedEvent] {
        &self.log
    }

    pub fn sent(&self) -> u64 {
        self.sent
    }

    pub fn received(&self) -> u64 {
        self.received
    }

    /// Call at the start of every handler.
    pub(super) fn begin(&mut self, ctx: &Context<'_, ClockMsg>) {
        self.sends_in_handler = 0;
        let nodes = ctx.node_count() as usize;
        if self.vector.entries().len() < nodes {
            self.vector.merge(&VectorClock::new(nodes));
        }
    }

    /// Forget what only mattered inside a handler.
    pub(super) fn forget_volatile(&mut self) {
        self.sends_in_handler = 0;
    }

    /// The node's Lamport clock at this point of the handler: the engine
    /// ticks it once as the handler begins and once for each send.
    fn lamport_now(&self, ctx: &Context<'_, ClockMsg>) -> u64 {
        ctx.lamport() + self.sends_in_handler
    }

    fn record(&mut self, ctx: &Context<'_, ClockMsg>, kind: EventKind) {
        let me = ctx.me();
        self.vector.tick(me);
        self.log.push(LoggedEvent {
            id: EventId {
                node: me,
                index: self.vector.get(me),
            },
            kind,
            physical: ctx.local_now(),
            lamport: self.lamport_now(ctx),
            vector: self.vector.clone(),
        });
        if self.log.len() > LOG_LIMIT {
            self.log.remove(0);
        }
    }

    /// Log something the node did on its own.
    pub(super) fn local(&mut self, ctx: &Context<'_, ClockMsg>, what: &'static str) {
        self.record(ctx, EventKind::Local(what));
    }

    /// Log a send and send it, stamped with the new vector clock.
    pub(super) fn send(&mut self, ctx: &mut Context<'_, ClockMsg>, to: NodeId, topic: Topic, number: u64) {
        self.sends_in_handler += 1;
        self.sent += 1;
        self.record(
            ctx,
            EventKind::Sent {
                to,
                label: topic.kind().id,
            },
        );
        let vector = self.vector.clone();
        ctx.send(to, ClockMsg { topic, number, vector });
    }

    /// Send to every other node, one logged send each.
    pub(super) fn send_to_all(&mut self, ctx: &mut Context<'_, ClockMsg>, topic: Topic, number: u64) {
        let peers: Vec<NodeId> = ctx.peers().collect();
        for to in peers {
            self.send(ctx, to, topic, number);
        }
    }

    /// Log a receipt, taking in what the sender had heard of.
    pub(super) fn receive(&mut self, ctx: &Context<'_, ClockMsg>, from: NodeId, msg: &ClockMsg) {
        self.received += 1;
        self.vector.merge(&msg.vector);
        self.record(
            ctx,
            EventKind::Received {
                from,
                label: msg.topic.kind().id,
            },
        );
    }

    /// Inspector lines every peer shows.
    pub(super) fn describe(&self) -> Vec<Fact> {
        let mut facts = vec![
            Fact::new("vector clock", Value::words(self.vector.to_string())),
            Fact::new(
                "sent / received",
                Value::words(format!("{} / {}", self.sent, self.received)),
            ),
            Fact::new("events logged", Value::number(self.log.len())),
        ];
        if let Some(last) = self.log.last() {
            facts.push(Fact::new("last event", Value::Said(last.phrase())));
        }
        facts
    }
}
