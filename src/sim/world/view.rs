//! Read-only views of a world at one moment, for drawing and inspecting:
//! every node with its state and clocks, every message on the wire, and the
//! network's faults.

use super::super::behaviour::Behaviour;
use super::super::message::{DropReason, Message, MessageId};
use super::super::node::{NodeId, Status};
use super::super::time::SimTime;
use super::queue::Event;
use super::World;

/// One node as the UI sees it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NodeView {
    pub id: NodeId,
    pub name: String,
    pub status: Status,
    pub role: &'static str,
    /// Its own clock's reading, in microseconds.
    pub local_time: i64,
    pub lamport: u64,
    /// Items waiting in its inbox.
    pub queue: usize,
    /// Whether it is in the middle of local work.
    pub busy: bool,
    pub details: Vec<(&'static str, String)>,
}

/// One message on the wire.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MessageView {
    pub id: MessageId,
    pub from: NodeId,
    pub to: NodeId,
    pub label: &'static str,
    pub summary: String,
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

impl<B: Behaviour> World<B> {
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
                role: n.behaviour.role(),
                local_time: n.clock.local_time(self.now),
                lamport: n.lamport,
                queue: n.inbox.len(),
                busy: n.status != Status::Crashed && n.busy_until > self.now,
                details: n.behaviour.describe(),
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
                let visible = envelope.departs <= self.now
                    && !self.dropped_by_hand.contains(&envelope.id)
                    && !self.nodes[envelope.from.index()].crashed_before_sending(envelope);
                visible.then(|| MessageView {
                    id: envelope.id,
                    from: envelope.from,
                    to: envelope.to,
                    label: envelope.payload.label(),
                    summary: format!("{:?}", envelope.payload),
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
