//! The future: events waiting to happen, ordered by (time, sequence number)
//! so that ties always break the same way.
//!
//! A radix heap: time only moves forward, so the queue keeps a floor (the
//! time of the event it last handed out) and files each event by the
//! highest bit where its time differs from the floor. Pushing is a filing;
//! popping takes from the floor's own bucket, and only when that runs dry
//! is the lowest other bucket split up under a new floor, so each event is
//! moved a few times at most and never sifted. The events themselves sit
//! in a slab and never move while queued. A cancelled event (a timer that
//! was replaced or cancelled, or belonged to a node that crashed) leaves
//! its slot empty; its entry is dropped when it reaches the front, and
//! every bucket is swept when dead entries outnumber live ones.

use std::collections::VecDeque;

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

/// Where a queued event is filed: its time, its place among events at the
/// same time, and its slot in the slab.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Entry {
    time: SimTime,
    seq: u64,
    slot: u32,
}

/// Buckets besides the floor's own: one per bit of a time.
const BITS: usize = 64;

/// A min-queue of events.
#[derive(Clone, Debug)]
pub(crate) struct EventQueue<M> {
    /// Every entry here is at `floor`, in sequence order.
    at_floor: VecDeque<Entry>,
    /// `later[b]` holds the entries whose time first differs from `floor`
    /// at bit `b`; every one is later than any in a lower bucket.
    later: [Vec<Entry>; BITS],
    /// Bit `b` is set when `later[b]` may hold entries.
    filled: u64,
    floor: SimTime,
    entries: usize,
    slab: Vec<Option<Event<M>>>,
    free: Vec<u32>,
    dead: usize,
    next_seq: u64,
}

impl<M> Default for EventQueue<M> {
    fn default() -> Self {
        EventQueue {
            at_floor: VecDeque::new(),
            later: std::array::from_fn(|_| Vec::new()),
            filled: 0,
            floor: 0,
            entries: 0,
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
        if time < self.floor {
            self.refile(|_, _| {}, Some(time));
        }
        self.file(Entry { time, seq, slot });
        self.entries += 1;
        slot
    }

    /// File an entry at or after the floor. Entries at one time always
    /// share a bucket and are filed in sequence order (pushed in that order,
    /// moved down together, or sorted when refiled), so the floor's bucket
    /// is in sequence order too.
    fn file(&mut self, entry: Entry) {
        match entry.time ^ self.floor {
            0 => self.at_floor.push_back(entry),
            differ => {
                let bit = (BITS - 1) - differ.leading_zeros() as usize;
                self.later[bit].push(entry);
                self.filled |= 1 << bit;
            }
        }
    }

    /// Forget a queued event. Its slot stays taken until its entry leaves
    /// the queue, so the slot can never be mistaken for a newer event.
    pub fn cancel(&mut self, slot: u32) {
        self.take(slot);
    }

    /// Take a queued event out of the queue, as [`EventQueue::cancel`] does,
    /// and hand it back (`None` if the slot holds no event).
    pub fn take(&mut self, slot: u32) -> Option<Event<M>> {
        let event = self.slab.get_mut(slot as usize)?.take()?;
        self.dead += 1;
        if self.dead > 64 && self.dead * 2 > self.entries {
            self.sweep();
        }
        Some(event)
    }

    fn live(&self, entry: &Entry) -> bool {
        self.slab[entry.slot as usize].is_some()
    }

    /// Drop every dead entry at once.
    fn sweep(&mut self) {
        let slab = &self.slab;
        let free = &mut self.free;
        let mut keep = |entry: &Entry| {
            let live = slab[entry.slot as usize].is_some();
            if !live {
                free.push(entry.slot);
            }
            live
        };
        self.at_floor.retain(&mut keep);
        for bucket in &mut self.later {
            bucket.retain(&mut keep);
        }
        self.entries -= self.dead;
        self.dead = 0;
    }

    /// The earliest live entry, first raising the floor to it if need be.
    fn front(&mut self) -> Option<Entry> {
        loop {
            while let Some(&entry) = self.at_floor.front() {
                if self.live(&entry) {
                    return Some(entry);
                }
                self.at_floor.pop_front();
                self.forget(entry);
                self.dead -= 1;
            }
            if self.filled == 0 {
                return None;
            }
            let lowest = self.filled.trailing_zeros() as usize;
            self.filled &= !(1 << lowest);
            let mut bucket = std::mem::take(&mut self.later[lowest]);
            let Some(floor) = bucket.iter().map(|e| e.time).min() else {
                continue;
            };
            self.floor = floor;
            for entry in bucket.drain(..) {
                self.file(entry);
            }
            self.later[lowest] = bucket;
        }
    }

    /// An entry has left the queue: its slot is free again.
    fn forget(&mut self, entry: Entry) {
        self.free.push(entry.slot);
        self.entries -= 1;
    }

    /// When the next event will happen, if any, without moving anything:
    /// the floor's bucket, else the lowest bucket with a live entry, holds
    /// the earliest.
    pub fn peek_time(&self) -> Option<SimTime> {
        self.earliest_live(&self.at_floor)
            .or_else(|| self.later.iter().find_map(|bucket| self.earliest_live(bucket)))
    }

    /// The earliest time of the live entries among `entries`.
    fn earliest_live<'a>(&self, entries: impl IntoIterator<Item = &'a Entry>) -> Option<SimTime> {
        entries.into_iter().filter(|e| self.live(e)).map(|e| e.time).min()
    }

    /// When the next event will happen, if any: [`EventQueue::peek_time`]
    /// for the engine's loop, which may raise the floor to get there.
    pub fn next_time(&mut self) -> Option<SimTime> {
        self.front().map(|e| e.time)
    }

    pub fn pop(&mut self) -> Option<Scheduled<M>> {
        let entry = self.front()?;
        self.at_floor.pop_front();
        self.forget(entry);
        let event = self.slab[entry.slot as usize].take()?;
        Some(Scheduled {
            time: entry.time,
            event,
        })
    }

    /// Every queued event, in no particular order.
    pub fn iter(&self) -> impl Iterator<Item = Queued<'_, M>> {
        self.at_floor.iter().chain(self.later.iter().flatten()).filter_map(|e| {
            let event = self.slab.get(e.slot as usize)?.as_ref()?;
            Some(Queued { time: e.time, event })
        })
    }

    /// Change queued events in place (rare: a message delayed by hand),
    /// then file them again in order.
    pub fn rebuild(&mut self, change: impl FnMut(&mut SimTime, &mut Event<M>)) {
        self.refile(change, None);
    }

    /// Take every entry out, change each live one's event, and file them
    /// again under the earliest time (or `floor`, if that is earlier).
    fn refile(&mut self, mut change: impl FnMut(&mut SimTime, &mut Event<M>), floor: Option<SimTime>) {
        let mut all: Vec<Entry> = self.at_floor.drain(..).collect();
        for bucket in &mut self.later {
            all.append(bucket);
        }
        self.filled = 0;
        for entry in &mut all {
            if let Some(Some(event)) = self.slab.get_mut(entry.slot as usize) {
                change(&mut entry.time, event);
            }
        }
        all.sort_unstable_by_key(|e| (e.time, e.seq));
        let earliest = all.first().map(|e| e.time);
        self.floor = earliest.into_iter().chain(floor).min().unwrap_or(self.floor);
        for entry in all {
            self.file(entry);
        }
    }
}

#[cfg(test)]
#[path = "queue_tests.rs"]
mod tests;
