//! Read-only views of a world at one moment, for drawing and inspecting:
//! every node with its state and clocks, every message on the wire, and the
//! network's faults. A message's payload is summed up only when asked for
//! ([`World::message_summary`]): a snapshot is taken every frame, and a big
//! payload (a vector clock of hundreds of entries) costs to write out.

use super::super::role::Role;
use std::fmt::Debug;

use super::super::behaviour::{Behaviour, Headline, Outcomes, Waiting};
use super::super::clock::Clock;
use super::super::fact::Fact;
use super::super::message::{DropReason, Kind, Message, MessageId};
use super::super::node::{NodeId, Place, Status};
use super::super::phrase::Phrase;
use super::super::time::SimTime;
use super::queue::Event;
use super::World;

/// One node as the UI sees it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NodeView {
    pub id: NodeId,
    pub name: String,
    pub status: Status,
    /// What it does in the system; for a crashed node, what it did when it
    /// crashed.
    pub role: Role,
    /// Its own clock's reading, in microseconds.
    pub local_time: i64,
    /// How its clock relates to true time, so a reading at any moment can
    /// be worked out (the space-time diagram stamps past events with it).
    pub clock: Clock,
    pub lamport: u64,
    /// Items waiting in its inbox.
    pub queue: usize,
    /// Whether it is in the middle of local work.
    pub busy: bool,
    pub details: Vec<Fact>,
    /// Where it stands on the map (the origin when distance plays no part).
    pub place: Place,
    /// The timer it is waiting on that a student should see, if any: the
    /// one to go off first.
    pub countdown: Option<Countdown>,
    /// The fact it shows beside its name; while crashed, what it kept on
    /// its disk.
    pub headline: Option<Headline>,
    /// For a client: what went wrong with its requests so far.
    pub outcomes: Option<Outcomes>,
    /// For a load balancer that steps around silent servers: those it
    /// steps around now.
    pub stepping_around: Option<Vec<NodeId>>,
}

#[cfg(test)]
impl NodeView {
    /// A node that is up at time zero with nothing to show but its name
    /// and role, for unit tests of what the UI makes of nodes.
    pub fn sketch(index: u32, name: &str, role: &'static str) -> NodeView {
        NodeView {
            id: NodeId(index),
            name: name.to_string(),
            status: Status::Up,
            role: Role::sketched(role),
            local_time: 0,
            clock: Clock::perfect(),
            lamport: 0,
            queue: 0,
            busy: false,
            details: Vec::new(),
            place: Place::default(),
            countdown: None,
            headline: None,
            outcomes: None,
            stepping_around: None,
        }
    }
}

/// A timer counting down, in true time: what the node waits for, set at
/// `from`, going off at `until`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Countdown {
    pub waiting: Waiting,
    pub from: SimTime,
    pub until: SimTime,
}

impl Countdown {
    /// How much of the wait is left at `now`, from 1 (just set) to 0.
    pub fn left(&self, now: SimTime) -> f64 {
        let whole = self.until.saturating_sub(self.from).max(1);
        self.until.saturating_sub(now) as f64 / whole as f64
    }
}

/// One message on the wire.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MessageView {
    pub id: MessageId,
    pub from: NodeId,
    pub to: NodeId,
    pub kind: Kind,
    pub departs: SimTime,
    /// When it would reach the receiver.
    pub arrives: SimTime,
    /// For a message that will die on the way: when, and why.
    pub doomed: Option<(SimTime, DropReason)>,
    pub copy_of: Option<MessageId>,
}

/// The whole world at one moment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Snapshot {
    pub time: SimTime,
    pub nodes: Vec<NodeView>,
    /// Messages on the wire, in id order.
    pub messages: Vec<MessageView>,
    pub cut_links: Vec<(NodeId, NodeId)>,
    /// Each node's partition side (all zero without a partition).
    pub sides: Vec<u16>,
}

/// The longest a message's summary gets before it is cut short.
pub const SUMMARY_CHARS: usize = 160;

/// A payload's words cut at [`SUMMARY_CHARS`], so a long one (a batch of
/// hundreds of values) reads no longer than a short one.
fn summary_of(payload: &impl Message) -> Phrase {
    payload.describe().cut(SUMMARY_CHARS)
}

impl<B: Behaviour> World<B> {
    /// What a message on the wire carries, in words (at most
    /// [`SUMMARY_CHARS`] characters, then "…"); `None` once it is off the wire.
    pub fn message_summary(&self, message: MessageId) -> Option<Phrase> {
        self.queue.iter().find_map(|scheduled| match scheduled.event {
            Event::Arrive(e) | Event::Lose(e, _) if e.id == message => Some(summary_of(&e.payload)),
            _ => None,
        })
    }

    /// Everything the UI needs to draw this moment.
    pub fn snapshot(&self) -> Snapshot {
        let nodes = self
            .nodes
            .iter()
            .enumerate()
            .map(|(index, n)| NodeView {
                id: NodeId(index as u32),
                name: n.name.clone(),
                status: n.status,
                role: if n.status == Status::Crashed {
                    n.role_when_crashed
                } else {
                    n.behaviour.role()
                },
                local_time: n.clock.local_time(self.now),
                clock: n.clock,
                lamport: n.lamport,
                queue: n.inbox.len(),
                busy: n.status != Status::Crashed && n.busy_until > self.now,
                details: n.behaviour.describe(),
                place: self.network.place(NodeId(index as u32)),
                countdown: n
                    .timers
                    .iter()
                    .filter_map(|t| {
                        Some(Countdown {
                            waiting: n.behaviour.waits_for(t.tag)?,
                            from: t.set_at,
                            until: t.fires_at,
                        })
                    })
                    .min_by_key(|c| c.until),
                headline: n.behaviour.headline(),
                outcomes: n.behaviour.outcomes(),
                stepping_around: n.behaviour.stepping_around(),
            })
            .collect();
        let mut messages: Vec<MessageView> = self
            .queue
            .iter()
            .filter_map(|scheduled| {
                let (envelope, doomed) = match scheduled.event {
                    Event::Arrive(e) => (e, None),
                    Event::Lose(e, reason) => (e, Some((scheduled.time, *reason))),
                    _ => return None,
                };
                (!self.dropped_by_hand.contains(&envelope.id)).then(|| MessageView {
                    id: envelope.id,
                    from: envelope.from,
                    to: envelope.to,
                    kind: envelope.payload.kind(),
                    departs: envelope.departs,
                    arrives: envelope.arrives,
                    doomed,
                    copy_of: envelope.copy_of,
                })
            })
            .collect();
        messages.sort_by_key(|m| m.id);
        Snapshot {
            time: self.now,
            nodes,
            messages,
            cut_links: self.network.cut_links().collect(),
            sides: self.network.sides().to_vec(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kind;
    use crate::sim::Piece;

    /// A payload of `n` numbers, described by listing them.
    #[derive(Clone, Debug)]
    struct Numbers(usize);

    impl Message for Numbers {
        fn kind(&self) -> Kind {
            kind!("numbers", "list of numbers")
        }

        fn describe(&self) -> Phrase {
            vec!["7"; self.0].join(", ").into()
        }
    }

    #[test]
    fn a_big_payload_is_summed_up_short() {
        let words = |phrase: Phrase| match phrase.pieces() {
            [Piece::Words(words)] => words.clone(),
            other => panic!("not plain words: {other:?}"),
        };
        assert_eq!(words(summary_of(&Numbers(2))), "7, 7");
        let long = words(summary_of(&Numbers(1_000)));
        assert_eq!(long.chars().count(), SUMMARY_CHARS + 1);
        assert!(long.starts_with("7, 7") && long.ends_with('…'));
    }
}
