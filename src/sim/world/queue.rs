//! The future: events waiting to happen, ordered by (time, sequence number)
//! so that ties always break the same way.
//!
//! The heap holds only small keys; the events themselves sit in a slab and
//! never move while queued. Sifting large events through the heap was the
//! engine's biggest cost. A cancelled event (a timer that was replaced or
//! cancelled, or belonged to a node that crashed) leaves its slot empty; its
//! key is dropped when it reaches the top, and the heap is compacted when
//! dead keys outnumber live ones, so cancelled timers cost almost nothing.

use std::cmp::Ordering;
use std::collections::BinaryHeap;

use super::super::behaviour::TimerTag;
use super::super::message::{DropReason, Envelope};
use super::super::node::NodeId;
use super::super::time::SimTime;
use super::super::trace::Cause;

/// Something the engine will do at a given time.
#[derive(Clone, Debug)]
pub(crate) enum Event<M> {
    /// A node boots at the start of the run.
    Start(NodeId),
    /// A message leaves its sender, whose handler's work is done, and goes
    /// on the wire; until then only its sender knows about it.
    Depart(Envelope<M>, Cause),
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

/// An event taken off the queue.
#[derive(Debug)]
pub(crate) struct Scheduled<M> {
    pub time: SimTime,
    pub event: Event<M>,
}

/// A queued event, seen in place.
pub(crate) struct Queued<'a, M> {
    pub time: SimTime,
    pub event: &'a Event<M>,
}

/// Time in the high 64 bits and sequence number in the low 64, so one
/// integer comparison orders events.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Key {
    order: u128,
    slot: u32,
}

impl Key {
    fn time(&self) -> SimTime {
        (self.order >> 64) as SimTime
    }
}

impl PartialOrd for Key {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Key {
    /// Reversed, so the max-heap pops the earliest event first.
    fn cmp(&self, other: &Self) -> Ordering {
        other.order.cmp(&self.order)
    }
}

/// A min-queue of events.
#[derive(Clone, Debug)]
pub(crate) struct EventQueue<M> {
    heap: BinaryHeap<Key>,
    slab: Vec<Option<Event<M>>>,
    free: Vec<u32>,
    dead: usize,
    next_seq: u64,
}

impl<M> Default for EventQueue<M> {
    fn default() -> Self {
        EventQueue {
            heap: BinaryHeap::new(),
            slab: Vec::new(),
            free: Vec::new(),
            dead: 0,
            next_seq: 0,
        }
    }
}

impl<M> EventQueue<M> {
    /// Queue an event; returns its slot, which can cancel it.
    pub fn push(&mut self, time: SimTime, event: Event<M>) -> u32 {
        let slot = match self.free.pop() {
            Some(slot) => {
                self.slab[slot as usize] = Some(event);
                slot
            }
            None => {
                self.slab.push(Some(event));
                (self.slab.len() - 1) as u32
            }
        };
        let seq = self.next_seq;
        self.next_seq += 1;
        self.heap.push(Key {
            order: (u128::from(time) << 64) | u128::from(seq),
            slot,
        });
        slot
    }

    /// Forget a queued event. Its slot stays taken until its key leaves
    /// the heap, so the slot can never be mistaken for a newer event.
    pub fn cancel(&mut self, slot: u32) {
        self.take(slot);
    }

    /// Take a queued event out of the queue, as [`EventQueue::cancel`] does,
    /// and hand it back (`None` if the slot holds no event).
    pub fn take(&mut self, slot: u32) -> Option<Event<M>> {
        let event = self.slab.get_mut(slot as usize)?.take()?;
        self.dead += 1;
        self.drop_dead_top();
        if self.dead > 64 && self.dead * 2 > self.heap.len() {
            self.compact();
        }
        Some(event)
    }

    /// Keep the invariant that the top of the heap is a live event.
    fn drop_dead_top(&mut self) {
        while let Some(key) = self.heap.peek().copied() {
            if self.slab[key.slot as usize].is_some() {
                return;
            }
            self.heap.pop();
            self.free.push(key.slot);
            self.dead -= 1;
        }
    }

    /// Drop every dead key at once.
    fn compact(&mut self) {
        let mut keys = std::mem::take(&mut self.heap).into_vec();
        keys.retain(|key| {
            let live = self.slab[key.slot as usize].is_some();
            if !live {
                self.free.push(key.slot);
            }
            live
        });
        self.dead = 0;
        self.heap = BinaryHeap::from(keys);
    }

    pub fn peek_time(&self) -> Option<SimTime> {
        self.heap.peek().map(Key::time)
    }

    pub fn pop(&mut self) -> Option<Scheduled<M>> {
        let key = self.heap.pop()?;
        let event = self.slab.get_mut(key.slot as usize)?.take();
        self.free.push(key.slot);
        self.drop_dead_top();
        Some(Scheduled {
            time: key.time(),
            event: event?,
        })
    }

    /// Every queued event, in no particular order.
    pub fn iter(&self) -> impl Iterator<Item = Queued<'_, M>> {
        self.heap.iter().filter_map(|k| {
            let event = self.slab.get(k.slot as usize)?.as_ref()?;
            Some(Queued { time: k.time(), event })
        })
    }

    /// Change queued events in place (rare: a message delayed by hand),
    /// then restore the heap order.
    pub fn rebuild(&mut self, mut change: impl FnMut(&mut SimTime, &mut Event<M>)) {
        let mut keys = std::mem::take(&mut self.heap).into_vec();
        for key in &mut keys {
            if let Some(Some(event)) = self.slab.get_mut(key.slot as usize) {
                let mut time = key.time();
                change(&mut time, event);
                key.order = (u128::from(time) << 64) | (key.order & u128::from(u64::MAX));
            }
        }
        self.heap = BinaryHeap::from(keys);
        self.drop_dead_top();
    }
}
