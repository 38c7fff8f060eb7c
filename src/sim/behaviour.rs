//! The contract between the engine and a protocol. A behaviour is the code
//! one node runs: it reacts to starting, to messages and to its own timers,
//! and can affect the world only through its [`Context`]: send messages, set
//! timers, spend local time working, draw randomness, and report what it
//! observed. It sees its own clock, never the engine's true time.

use super::fact::Fact;
use super::history::{Call, Failure, OperationId, Ret, ValueMeaning};
use super::message::Message;
use super::metrics::Observation;
use super::node::NodeId;
use super::rng::{PartsPerMillion, SimRng};
use super::role::Role;
use super::time::Duration;

/// Names one of a node's timers. Setting a timer with a tag that is already
/// pending replaces it.
pub type TimerTag = u64;

/// What a node waits for while one of its timers runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Waiting {
    /// A reply to a request it sent.
    Reply,
    /// A sign of life from a leader, before it stands for election itself.
    Leader,
}

/// A short fact a node shows beside its name on the picture, as a typed
/// value the UI puts into words.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Headline {
    /// The election term it is in, and the votes it holds while it stands
    /// for election.
    Term { term: u64, votes: Option<u32> },
    /// The counter its work adds to.
    Counter { value: i64 },
    /// The balance it stores, and, where clients retry, what repeats did
    /// to it.
    Balance { value: i64, repeats: Option<Repeats> },
    /// How many keys it stores.
    Keys { held: u32 },
    /// What it holds for one key, once written: the value (the number of
    /// the write that put it there) and that value's version; and, where
    /// primaries take turns, the epoch of the newest primary it knows of.
    Holds {
        key: u32,
        written: Option<Written>,
        epoch: Option<u64>,
    },
    /// How long a client waited for its latest answer, from sending the
    /// request to the reply, by its own clock; and how many answers it has
    /// had in all.
    Waited { last: Duration, answers: u64 },
    /// How many answers a node took in before the question they answer (or
    /// without ever hearing it).
    AnswersFirst { answers: u64 },
}

/// What a client's requests came to that went wrong, counted over the whole
/// run (the counts survive a crash): the tag under a client shows them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Outcomes {
    /// Requests answered with an error (or with a refusal, for a client that
    /// does not tell the two apart).
    pub errors: u64,
    /// Requests turned down because the system could not serve them safely.
    pub refused: u64,
    /// Requests the client stopped waiting for.
    pub gave_up: u64,
    /// Reads that returned an older value than the client had already seen.
    pub stale_reads: u64,
}

/// What a server that clients retry against shows of repeated requests:
/// how many saves it ran a second time, and how many idempotency keys it
/// keeps (when it honours them).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Repeats {
    pub twice: u64,
    pub keys_kept: Option<u64>,
}

/// A value as a store holds it: the number of the write that put it there
/// and its version.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Written {
    pub value: u64,
    pub version: u64,
}

/// A node's program. Clone, so that the engine can keep checkpoints.
pub trait Behaviour: Clone {
    type Msg: Message;

    /// What the values its clients write and read stand for.
    const VALUES: ValueMeaning = ValueMeaning::Plain;

    /// Called when the node first starts and again after each restart.
    fn on_start(&mut self, ctx: &mut Context<'_, Self::Msg>);

    /// Called when a message from `from` is handled.
    fn on_message(&mut self, ctx: &mut Context<'_, Self::Msg>, from: NodeId, msg: Self::Msg);

    /// Called when the timer `tag` goes off.
    fn on_timer(&mut self, ctx: &mut Context<'_, Self::Msg>, tag: TimerTag);

    /// The node crashed: forget everything volatile, keep what is durable.
    fn on_crash(&mut self);

    /// What this node is doing in the system (a client, a leader...). While
    /// a node is crashed the engine shows the role it had when it crashed,
    /// since a crash wipes the volatile state this is usually read from.
    fn role(&self) -> Role;

    /// What the node waits for while the timer `tag` runs, when it is a
    /// wait a student should see (a client's wait for a reply, a
    /// follower's wait to hear from a leader): the picture draws it as a
    /// ring draining around the node, and the event log says when it ran
    /// out.
    fn waits_for(&self, _tag: TimerTag) -> Option<Waiting> {
        None
    }

    /// The fact worth showing beside its name on the picture, if any.
    fn headline(&self) -> Option<Headline> {
        None
    }

    /// For a client: what went wrong with its requests so far.
    fn outcomes(&self) -> Option<Outcomes> {
        None
    }

    /// For a node that hands work out and steps around servers that went
    /// silent (a load balancer set to): the servers it is stepping around
    /// now, none while all answer. `None` for a node that never does.
    fn stepping_around(&self) -> Option<Vec<NodeId>> {
        None
    }

    /// What it knows, for the inspector, as typed facts the page writes out.
    fn describe(&self) -> Vec<Fact> {
        Vec::new()
    }
}

/// What a handler asked for; applied by the engine once the handler returns.
#[derive(Debug)]
pub(crate) struct Effects<M> {
    pub sends: Vec<(NodeId, M)>,
    pub timers: Vec<(TimerTag, Option<Duration>)>,
    pub work: Duration,
    pub observations: Vec<Observation>,
    pub history: Vec<Told>,
    /// The handler failed: the node crashes, and nothing else it asked
    /// for happens.
    pub failed: bool,
}

/// What a client told the history during a handler.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Told {
    Called(Call),
    Answered(OperationId, Ret),
    Failed(OperationId, Failure),
}

impl<M> Effects<M> {
    /// Forget everything asked for, keeping the buffers for reuse.
    pub fn clear(&mut self) {
        self.sends.clear();
        self.timers.clear();
        self.work = 0;
        self.observations.clear();
        self.history.clear();
        self.failed = false;
    }
}

impl<M> Default for Effects<M> {
    fn default() -> Self {
        Effects {
            sends: Vec::new(),
            timers: Vec::new(),
            work: 0,
            observations: Vec::new(),
            history: Vec::new(),
            failed: false,
        }
    }
}

impl<M> Clone for Effects<M> {
    /// Effects are scratch space, empty between handlers: a clone is empty.
    fn clone(&self) -> Self {
        Effects::default()
    }
}

/// A handler's window on the world.
pub struct Context<'a, M> {
    pub(crate) node: NodeId,
    pub(crate) node_count: u32,
    pub(crate) local_now: i64,
    pub(crate) lamport: u64,
    /// How many operations the run's history held as the handler began.
    pub(crate) calls: u32,
    pub(crate) rng: &'a mut SimRng,
    pub(crate) effects: &'a mut Effects<M>,
}

impl<M: Message> Context<'_, M> {
    /// This node.
    pub fn me(&self) -> NodeId {
        self.node
    }

    /// How many nodes the cluster has (ids are `0..node_count`).
    pub fn node_count(&self) -> u32 {
        self.node_count
    }

    /// Every node in the cluster except this one, in id order.
    pub fn peers(&self) -> impl Iterator<Item = NodeId> + '_ {
        (0..self.node_count).map(NodeId).filter(move |&n| n != self.node)
    }

    /// This node's own clock, in microseconds. It may be off and drifting.
    pub fn local_now(&self) -> i64 {
        self.local_now
    }

    /// This node's Lamport clock as the handler began.
    pub fn lamport(&self) -> u64 {
        self.lamport
    }

    /// Send a message; it leaves (goes on the wire, and is logged as sent)
    /// when the handler's local work is done. Returns the Lamport stamp it
    /// will carry.
    pub fn send(&mut self, to: NodeId, msg: M) -> u64 {
        self.effects.sends.push((to, msg));
        self.lamport + self.effects.sends.len() as u64
    }

    /// Send a copy of `msg` to every other node.
    pub fn broadcast(&mut self, msg: M) {
        for to in (0..self.node_count).map(NodeId).filter(|&n| n != self.node) {
            self.effects.sends.push((to, msg.clone()));
        }
    }

    /// Go off after `after` microseconds of this node's own clock (counted
    /// from the end of the handler's work), replacing a pending timer with
    /// the same tag.
    pub fn set_timer(&mut self, tag: TimerTag, after: Duration) {
        self.effects.timers.push((tag, Some(after)));
    }

    /// Cancel the pending timer with this tag, if any.
    pub fn cancel_timer(&mut self, tag: TimerTag) {
        self.effects.timers.push((tag, None));
    }

    /// Spend `duration` of local time working: the node is busy, later
    /// messages wait in its queue, and this handler's messages leave after.
    pub fn work(&mut self, duration: Duration) {
        self.effects.work = self.effects.work.saturating_add(duration);
    }

    /// This handler failed (a student's code broke): once it returns, the
    /// node crashes as if crashed by hand, and nothing else the handler
    /// asked for (messages, timers, work) happens.
    pub fn fail(&mut self) {
        self.effects.failed = true;
    }

    /// A uniform random number in `low..=high`, from the run's seed.
    pub fn random_between(&mut self, low: u64, high: u64) -> u64 {
        self.rng.between(low, high)
    }

    /// A uniform random number in `0..n`, from the run's seed.
    pub fn random_below(&mut self, n: u64) -> u64 {
        self.rng.below(n)
    }

    /// True with the given probability (parts per million), from the run's seed.
    pub fn chance(&mut self, probability: PartsPerMillion) -> bool {
        self.rng.chance(probability)
    }

    /// Report something for the run's metrics.
    pub fn observe(&mut self, observation: Observation) {
        self.effects.observations.push(observation);
    }

    /// As a client, call the store: the run's history records the call at
    /// this moment (in true time). Returns the operation's id, for telling
    /// the history how it ended.
    pub fn invoke(&mut self, call: Call) -> OperationId {
        let earlier = self
            .effects
            .history
            .iter()
            .filter(|told| matches!(told, Told::Called(_)))
            .count();
        self.effects.history.push(Told::Called(call));
        self.calls.saturating_add(earlier as u32)
    }

    /// As a client, the store's answer to operation `op` arrived.
    pub fn answered(&mut self, op: OperationId, ret: Ret) {
        self.effects.history.push(Told::Answered(op, ret));
    }

    /// As a client, stop waiting for operation `op` without an answer it
    /// can use.
    pub fn failed(&mut self, op: OperationId, why: Failure) {
        self.effects.history.push(Told::Failed(op, why));
    }
}
