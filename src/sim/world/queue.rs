//! The future: events waiting to happen, ordered by (time, sequence number)
//! so that ties always break the same way.

use std::cmp::Ordering;
use std::collections::BinaryHeap;

use super::super::behaviour::TimerTag;
use super::super::message::{DropReason, Envelope};
use super::super::node::NodeId;
use super::super::time::SimTime;

/// Something the engine will do at a given time.
#[derive(Clone, Debug)]
pub(crate) enum Event<M> {
    /// A node boots at the start of the run.
    Start(NodeId),
    /// A message reaches its receiver.
    Arrive(Envelope<M>),
    /// A message dies on the way.
    Lose(Envelope<M>, DropReason),
    /// A node finishes its current work and can take the next item.
    Free { node: NodeId, incarnation: u32 },
    /// A node's timer goes off.
    Timer {
        node: NodeId,
        incarnation: u32,
        tag: TimerTag,
        generation: u64,
    },
}

#[derive(Clone, Debug)]
pub(crate) struct Scheduled<M> {
    pub time: SimTime,
    pub seq: u64,
    pub event: Event<M>,
}

impl<M> PartialEq for Scheduled<M> {
    fn eq(&self, other: &Self) -> bool {
        (self.time, self.seq) == (other.time, other.seq)
    }
}

impl<M> Eq for Scheduled<M> {}

impl<M> PartialOrd for Scheduled<M> {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl<M> Ord for Scheduled<M> {
    /// Reversed, so the max-heap pops the earliest event first.
    fn cmp(&self, other: &Self) -> Ordering {
        (other.time, other.seq).cmp(&(self.time, self.seq))
    }
}

/// A min-queue of events.
#[derive(Clone, Debug)]
pub(crate) struct EventQueue<M> {
    heap: BinaryHeap<Scheduled<M>>,
    next_seq: u64,
}

impl<M> Default for EventQueue<M> {
    fn default() -> Self {
        EventQueue {
            heap: BinaryHeap::new(),
            next_seq: 0,
        }
    }
}

impl<M> EventQueue<M> {
    pub fn push(&mut self, time: SimTime, event: Event<M>) {
        let seq = self.next_seq;
        self.next_seq += 1;
        self.heap.push(Scheduled { time, seq, event });
    }

    pub fn peek_time(&self) -> Option<SimTime> {
        self.heap.peek().map(|s| s.time)
    }

    pub fn pop(&mut self) -> Option<Scheduled<M>> {
        self.heap.pop()
    }

    pub fn iter(&self) -> impl Iterator<Item = &Scheduled<M>> {
        self.heap.iter()
    }

    /// Change events in place (rare: a message delayed by hand), then
    /// restore the heap order.
    pub fn rebuild(&mut self, change: impl FnMut(&mut Scheduled<M>)) {
        let mut all = std::mem::take(&mut self.heap).into_vec();
        all.iter_mut().for_each(change);
        self.heap = BinaryHeap::from(all);
    }
}
