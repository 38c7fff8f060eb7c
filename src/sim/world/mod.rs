//! The engine: a discrete-event world of nodes joined by a network. It owns
//! true time, the event queue, the run's randomness, the trace and the
//! metrics. Behaviours run inside it and reach the world only through their
//! `Context`. Nothing here knows about a browser.
//!
//! A node handles one thing at a time, in order: a start, a message or a
//! timer. If a handler asks for local work, the node stays busy for that
//! long (by its own clock) and whatever arrives meanwhile waits in its inbox;
//! the handler's messages leave when the work is done, each at an event of
//! its own. A message is "sent" (in the trace) exactly when it leaves: from
//! that moment it is on the wire, shown and droppable, until it arrives or
//! is lost. A paused node keeps its inbox; a crashed node loses it, and the
//! messages its unfinished work would have sent never leave.

mod faults;
mod queue;
mod view;

use super::role::Role;
use std::collections::{BTreeSet, VecDeque};

use super::behaviour::{Behaviour, Context, Effects, TimerTag, Told};
use super::clock::Clock;
use super::history::{History, Record};
use super::message::{DropReason, Envelope, Message, MessageId};
use super::metrics::Metrics;
use super::network::{Journey, Network, NetworkConfig};
use super::node::{NodeId, NodeSetup, Status};
use super::rng::SimRng;
use super::time::SimTime;
use super::trace::{Cause, Trace, TraceKind};
use queue::{Event, EventQueue};

pub use view::{Countdown, MessageView, NodeView, Snapshot};

/// The most messages a node's inbox holds; more are dropped, so that an
/// overloaded node cannot make memory grow without bound.
pub const INBOX_LIMIT: usize = 10_000;

/// An item waiting in a node's inbox.
#[derive(Clone, Debug)]
enum Pending<M> {
    Start,
    Message(Envelope<M>),
    Timer(TimerTag),
}

/// The engine's record of one node.
#[derive(Clone, Debug)]
struct NodeState<B: Behaviour> {
    name: String,
    clock: Clock,
    status: Status,
    behaviour: B,
    /// How many times the node has crashed; stale timers carry an older one.
    incarnation: u32,
    /// The role it played when it last crashed, shown while it is down: a
    /// crash wipes the volatile state a behaviour's role is read from.
    role_when_crashed: Role,
    busy_until: SimTime,
    /// Messages its current work will send when done: (message, queue slot
    /// of its departure). The node takes nothing new until they have left.
    departing: Vec<(MessageId, u32)>,
    free_scheduled: bool,
    inbox: VecDeque<Pending<B::Msg>>,
    /// Pending timers. Replacing or cancelling a timer removes its event
    /// from the queue; firing removes the entry. Generations come from
    /// `next_timer`, which never repeats.
    timers: Vec<PendingTimer>,
    next_timer: u64,
    lamport: u64,
}

/// A timer waiting to go off: its tag, its generation, its event's queue
/// slot, and when (in true time) it was set and goes off.
#[derive(Clone, Copy, Debug)]
struct PendingTimer {
    tag: TimerTag,
    generation: u64,
    slot: u32,
    set_at: SimTime,
    fires_at: SimTime,
}

/// A simulated cluster, deterministic given its setup and interventions.
#[derive(Clone, Debug)]
pub struct World<B: Behaviour> {
    now: SimTime,
    seed: u64,
    queue: EventQueue<B::Msg>,
    nodes: Vec<NodeState<B>>,
    network: Network,
    rng: SimRng,
    next_message: MessageId,
    dropped_by_hand: BTreeSet<MessageId>,
    effects: Effects<B::Msg>,
    trace: Trace,
    history: History,
    metrics: Metrics,
    events_processed: u64,
}

impl<B: Behaviour> World<B> {
    /// A world at time zero; every node starts at time zero.
    pub fn new(seed: u64, network: &NetworkConfig, setups: Vec<NodeSetup<B>>) -> Self {
        let places = setups.iter().map(|s| s.place).collect();
        let mut queue = EventQueue::default();
        for index in 0..setups.len() {
            queue.push(0, Event::Start(NodeId(index as u32)));
        }
        let nodes = setups
            .into_iter()
            .map(|setup| NodeState {
                name: setup.name,
                clock: setup.clock,
                status: Status::Up,
                role_when_crashed: setup.behaviour.role(),
                behaviour: setup.behaviour,
                incarnation: 0,
                busy_until: 0,
                departing: Vec::new(),
                free_scheduled: false,
                inbox: VecDeque::new(),
                timers: Vec::new(),
                next_timer: 0,
                lamport: 0,
            })
            .collect();
        World {
            now: 0,
            seed,
            queue,
            nodes,
            network: Network::new(network, places),
            rng: SimRng::seeded(seed),
            next_message: 0,
            dropped_by_hand: BTreeSet::new(),
            effects: Effects::default(),
            trace: Trace::default(),
            history: History::default(),
            metrics: Metrics::default(),
            events_processed: 0,
        }
    }

    /// True time now.
    pub fn now(&self) -> SimTime {
        self.now
    }

    pub fn seed(&self) -> u64 {
        self.seed
    }

    pub fn node_count(&self) -> usize {
        self.nodes.len()
    }

    pub fn trace(&self) -> &Trace {
        &self.trace
    }

    /// Every operation clients called on the store, in true time.
    pub fn history(&self) -> &History {
        &self.history
    }

    pub fn metrics(&self) -> &Metrics {
        &self.metrics
    }

    pub fn network(&self) -> &Network {
        &self.network
    }

    /// How many events the engine has processed.
    pub fn events_processed(&self) -> u64 {
        self.events_processed
    }

    /// The behaviour a node runs, for lesson checks and inspection.
    pub fn behaviour(&self, node: NodeId) -> Option<&B> {
        self.nodes.get(node.index()).map(|n| &n.behaviour)
    }

    pub fn status(&self, node: NodeId) -> Option<Status> {
        self.nodes.get(node.index()).map(|n| n.status)
    }

    pub fn name(&self, node: NodeId) -> Option<&str> {
        self.nodes.get(node.index()).map(|n| n.name.as_str())
    }

    /// A node's local clock reading now.
    pub fn local_time(&self, node: NodeId) -> Option<i64> {
        self.nodes.get(node.index()).map(|n| n.clock.local_time(self.now))
    }

    /// A node's Lamport clock now.
    pub fn lamport(&self, node: NodeId) -> Option<u64> {
        self.nodes.get(node.index()).map(|n| n.lamport)
    }

    /// When the next event will happen, if any.
    pub fn next_event_time(&self) -> Option<SimTime> {
        self.queue.peek_time()
    }

    /// Process the next event. Returns false when nothing is left to do.
    pub fn step(&mut self) -> bool {
        let Some(scheduled) = self.queue.pop() else {
            return false;
        };
        self.now = scheduled.time;
        self.events_processed += 1;
        match scheduled.event {
            Event::Start(node) => self.offer(node, Pending::Start),
            Event::Depart(envelope, cause) => {
                let from = envelope.from;
                let state = &mut self.nodes[from.index()];
                state.departing.retain(|&(message, _)| message != envelope.id);
                let all_gone = state.departing.is_empty();
                self.depart(envelope, cause);
                if all_gone {
                    self.kick(from);
                }
            }
            Event::Arrive(envelope) => self.arrive(envelope),
            Event::Lose(envelope, reason) => {
                if self.still_travelling(&envelope) {
                    self.record_drop(&envelope, reason);
                }
            }
            Event::Free { node, incarnation } => {
                let state = &mut self.nodes[node.index()];
                if state.incarnation == incarnation {
                    state.free_scheduled = false;
                    self.kick(node);
                }
            }
            Event::Timer {
                node,
                incarnation,
                tag,
                generation,
            } => {
                let state = &mut self.nodes[node.index()];
                let pending = state
                    .timers
                    .iter()
                    .position(|t| t.tag == tag && t.generation == generation);
                if let (true, Some(index)) = (state.incarnation == incarnation, pending) {
                    state.timers.swap_remove(index);
                    self.offer(node, Pending::Timer(tag));
                }
            }
        }
        true
    }

    /// Process every event up to and including time `t`, then stand at `t`.
    pub fn run_until(&mut self, t: SimTime) {
        let mut unlimited = u64::MAX;
        self.run_until_within(t, &mut unlimited);
    }

    /// Like [`World::run_until`], but process at most `budget` events,
    /// taking each one processed off the budget. True when every event up
    /// to `t` is done and the world stands at `t`; false when the budget ran
    /// out first: the world then stands at the last event it processed, and
    /// a later call goes on exactly where this one stopped, so a run made
    /// in slices is the same run.
    pub fn run_until_within(&mut self, t: SimTime, budget: &mut u64) -> bool {
        while self.queue.next_time().is_some_and(|next| next <= t) {
            if *budget == 0 {
                return false;
            }
            *budget -= 1;
            self.step();
        }
        self.now = self.now.max(t);
        true
    }

    /// False when the message's fate was already settled elsewhere: it was
    /// dropped by hand.
    fn still_travelling(&mut self, envelope: &Envelope<B::Msg>) -> bool {
        self.dropped_by_hand.is_empty() || !self.dropped_by_hand.remove(&envelope.id)
    }

    fn arrive(&mut self, envelope: Envelope<B::Msg>) {
        if !self.still_travelling(&envelope) {
            return;
        }
        if self.network.blocks(envelope.from, envelope.to) {
            self.record_drop(&envelope, DropReason::LinkCut);
        } else if self.nodes[envelope.to.index()].status == Status::Crashed {
            self.record_drop(&envelope, DropReason::DestinationDown);
        } else {
            let to = envelope.to;
            self.offer(to, Pending::Message(envelope));
        }
    }

    fn record_drop(&mut self, envelope: &Envelope<B::Msg>, reason: DropReason) {
        self.trace.push(
            self.now,
            TraceKind::Dropped {
                message: envelope.id,
                from: envelope.from,
                to: envelope.to,
                kind: envelope.payload.kind(),
                reason,
            },
        );
    }

    /// Hand an item to a node: handle it now if the node is free, otherwise
    /// queue it.
    fn offer(&mut self, node: NodeId, item: Pending<B::Msg>) {
        let state = &mut self.nodes[node.index()];
        if state.status == Status::Up
            && state.busy_until <= self.now
            && state.departing.is_empty()
            && state.inbox.is_empty()
        {
            self.handle(node, item);
        } else {
            if let Pending::Message(envelope) = &item {
                if state.inbox.len() >= INBOX_LIMIT {
                    self.record_drop(envelope, DropReason::QueueFull);
                    return;
                }
                self.trace.push(
                    self.now,
                    TraceKind::Queued {
                        message: envelope.id,
                        at: node,
                    },
                );
            }
            state.inbox.push_back(item);
        }
        self.kick(node);
    }

    /// Work through a node's inbox while it is up and free.
    fn kick(&mut self, node: NodeId) {
        loop {
            let now = self.now;
            let state = &mut self.nodes[node.index()];
            if state.status != Status::Up || state.inbox.is_empty() {
                return;
            }
            if state.busy_until > now {
                if !state.free_scheduled {
                    state.free_scheduled = true;
                    let incarnation = state.incarnation;
                    let at = state.busy_until;
                    self.queue.push(at, Event::Free { node, incarnation });
                }
                return;
            }
            if !state.departing.is_empty() {
                // Its last work's messages leave at this very moment; the
                // last departure kicks the node again.
                return;
            }
            if let Some(item) = state.inbox.pop_front() {
                self.handle(node, item);
            }
        }
    }

    /// Run one handler of a node's behaviour and apply what it asked for.
    fn handle(&mut self, node: NodeId, item: Pending<B::Msg>) {
        let now = self.now;
        let node_count = self.nodes.len() as u32;
        let state = &mut self.nodes[node.index()];
        let cause = match &item {
            Pending::Start => Cause::Start,
            Pending::Message(envelope) => Cause::Message(envelope.id),
            Pending::Timer(tag) => Cause::Timer(*tag),
        };
        state.lamport = match &item {
            Pending::Message(envelope) => state.lamport.max(envelope.lamport) + 1,
            _ => state.lamport + 1,
        };
        let mut effects = std::mem::take(&mut self.effects);
        let mut ctx = Context {
            node,
            node_count,
            local_now: state.clock.local_time(now),
            lamport: state.lamport,
            calls: self.history.calls(),
            rng: &mut self.rng,
            effects: &mut effects,
        };
        match item {
            Pending::Start => {
                self.trace.push(now, TraceKind::Started { node });
                state.behaviour.on_start(&mut ctx);
            }
            Pending::Message(envelope) => {
                self.trace.push(
                    now,
                    TraceKind::Delivered {
                        message: envelope.id,
                        from: envelope.from,
                        to: envelope.to,
                        kind: envelope.payload.kind(),
                        lamport: state.lamport,
                    },
                );
                state.behaviour.on_message(&mut ctx, envelope.from, envelope.payload);
            }
            Pending::Timer(tag) => {
                let ran_out = state.behaviour.waits_for(tag);
                self.trace.push(now, TraceKind::TimerFired { node, tag, ran_out });
                state.behaviour.on_timer(&mut ctx, tag);
            }
        }
        if effects.failed {
            effects.clear();
            self.trace.push(now, TraceKind::Failed { node });
            self.crash(node);
        } else {
            self.apply_effects(node, cause, &mut effects);
        }
        self.effects = effects;
    }

    fn apply_effects(&mut self, node: NodeId, cause: Cause, effects: &mut Effects<B::Msg>) {
        let now = self.now;
        let state = &mut self.nodes[node.index()];
        let done = now + state.clock.true_duration(effects.work);
        state.busy_until = done;
        effects.work = 0;
        for (tag, after) in effects.timers.drain(..) {
            if let Some(index) = state.timers.iter().position(|t| t.tag == tag) {
                let replaced = state.timers.swap_remove(index);
                self.queue.cancel(replaced.slot);
            }
            if let Some(after) = after {
                let generation = state.next_timer;
                state.next_timer += 1;
                let at = done + state.clock.true_duration(after);
                let incarnation = state.incarnation;
                let slot = self.queue.push(
                    at,
                    Event::Timer {
                        node,
                        incarnation,
                        tag,
                        generation,
                    },
                );
                state.timers.push(PendingTimer {
                    tag,
                    generation,
                    slot,
                    set_at: now,
                    fires_at: at,
                });
            }
        }
        for observation in effects.observations.drain(..) {
            self.metrics.record(now, observation);
        }
        for told in effects.history.drain(..) {
            self.history.record(match told {
                Told::Called(call) => Record::Called {
                    client: node,
                    call,
                    at: now,
                },
                Told::Answered(op, ret) => Record::Answered { op, ret, at: now },
                Told::Failed(op, why) => Record::Failed { op, why, at: now },
            });
        }
        for (to, payload) in effects.sends.drain(..) {
            self.send(node, to, payload, done, cause);
        }
    }

    /// A handler sent a message that leaves at `departs`: stamp it now, and
    /// put it on the wire now or, after local work, when the work is done.
    fn send(&mut self, from: NodeId, to: NodeId, payload: B::Msg, departs: SimTime, cause: Cause) {
        if to.index() >= self.nodes.len() {
            return;
        }
        let state = &mut self.nodes[from.index()];
        state.lamport += 1;
        let envelope = Envelope {
            id: self.next_message,
            from,
            to,
            departs,
            arrives: departs,
            lamport: state.lamport,
            copy_of: None,
            payload,
        };
        self.next_message += 1;
        if departs > self.now {
            let message = envelope.id;
            let slot = self.queue.push(departs, Event::Depart(envelope, cause));
            self.nodes[from.index()].departing.push((message, slot));
        } else {
            self.depart(envelope, cause);
        }
    }

    /// A message leaves its sender now: the network may copy it, and each
    /// copy goes on the wire.
    fn depart(&mut self, original: Envelope<B::Msg>, cause: Cause) {
        let copy = self.network.duplicates(&mut self.rng).then(|| {
            let mut copy = original.clone();
            copy.id = self.next_message;
            copy.copy_of = Some(original.id);
            self.next_message += 1;
            copy
        });
        let original_id = original.id;
        self.launch(original, cause);
        if let Some(copy) = copy {
            self.trace.push(
                self.now,
                TraceKind::Duplicated {
                    message: original_id,
                    copy: copy.id,
                },
            );
            self.launch(copy, cause);
        }
    }

    /// Put a message on the wire now: decide its journey, record that it
    /// was sent and schedule its end.
    fn launch(&mut self, mut envelope: Envelope<B::Msg>, cause: Cause) {
        let (from, to) = (envelope.from, envelope.to);
        let journey = self
            .network
            .journey(from, to, envelope.departs, envelope.payload.size_bytes(), &mut self.rng);
        let (end, lost) = match journey {
            Journey::Arrives { arrives } => {
                envelope.arrives = arrives;
                if self.network.blocks(from, to) {
                    (
                        envelope.departs + (arrives - envelope.departs) / 2,
                        Some(DropReason::LinkCut),
                    )
                } else {
                    (arrives, None)
                }
            }
            Journey::Lost { lost_at, arrives } => {
                envelope.arrives = arrives;
                (lost_at, Some(DropReason::Loss))
            }
        };
        self.trace.push(
            self.now,
            TraceKind::Sent {
                message: envelope.id,
                from,
                to,
                kind: envelope.payload.kind(),
                cause,
                departs: envelope.departs,
                arrives: envelope.arrives,
                lamport: envelope.lamport,
            },
        );
        let event = match lost {
            Some(reason) => Event::Lose(envelope, reason),
            None => Event::Arrive(envelope),
        };
        self.queue.push(end, event);
    }
}
