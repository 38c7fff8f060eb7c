//! The trace: what happened, in order, with causal links (which send led to
//! which delivery, and what a node was handling when it sent). It feeds the
//! space-time diagram and the event log.
//!
//! Memory is bounded: the trace keeps the most recent events in fixed-size
//! chunks (older chunks are forgotten), while a running digest covers every
//! event since the start, so two runs can be compared exactly. Sealed
//! chunks are shared between clones, so checkpoints of a world are cheap.

use std::collections::VecDeque;
use std::sync::Arc;

use super::behaviour::{TimerTag, Waiting};
use super::intervention::{Action, Intervention};
use super::lookup::mix;
use super::message::{DropReason, Kind, MessageId};
use super::node::NodeId;
use super::time::SimTime;

/// Events per chunk: small enough (about 80 KB) that the allocator reuses
/// freed chunks instead of asking the kernel for fresh pages each time.
pub const CHUNK: usize = 1_024;

/// Chunks kept by default: about a quarter of a million recent events.
pub const DEFAULT_CHUNKS: usize = 256;

/// What a node was doing when it sent a message.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cause {
    Start,
    Message(MessageId),
    Timer(TimerTag),
}

/// One thing that happened.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TraceKind {
    Sent {
        message: MessageId,
        from: NodeId,
        to: NodeId,
        kind: Kind,
        cause: Cause,
        departs: SimTime,
        arrives: SimTime,
        /// The sender's Lamport clock stamped on the message.
        lamport: u64,
    },
    Duplicated {
        message: MessageId,
        copy: MessageId,
    },
    Delivered {
        message: MessageId,
        from: NodeId,
        to: NodeId,
        kind: Kind,
        /// The receiver's Lamport clock once it has taken the message in.
        lamport: u64,
    },
    Dropped {
        message: MessageId,
        from: NodeId,
        to: NodeId,
        kind: Kind,
        reason: DropReason,
    },
    /// A message reached a node that was busy or paused and waits in its
    /// inbox; `Delivered` follows when the node handles it.
    Queued {
        message: MessageId,
        at: NodeId,
    },
    Started {
        node: NodeId,
    },
    TimerFired {
        node: NodeId,
        tag: TimerTag,
        /// What the node stops waiting for, when the timer was a wait a
        /// student should see run out. Follows from the node's state, so
        /// the digest leaves it out.
        ran_out: Option<Waiting>,
    },
    Intervened(Box<Action>),
    /// A node's handler failed and the node crashed (a student's code ran
    /// out of its budget or broke).
    Failed {
        node: NodeId,
    },
}

/// Where two runs part: see [`Trace::first_difference`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Parting<'a> {
    pub index: u64,
    pub mine: Option<&'a TraceEvent>,
    pub theirs: Option<&'a TraceEvent>,
}

/// A trace entry: when, and what.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TraceEvent {
    pub time: SimTime,
    pub kind: TraceKind,
}

/// A running 64-bit digest over every event (FxHash-style mixing of fixed
/// width integers, so it is the same on every platform).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Digest(u64);

impl Default for Digest {
    fn default() -> Self {
        Digest(0xcbf2_9ce4_8422_2325)
    }
}

impl Digest {
    pub fn write(&mut self, word: u64) {
        self.0 = mix(self.0, word);
    }

    fn write_str(&mut self, text: &str) {
        self.write(text.len() as u64);
        for chunk in text.as_bytes().chunks(8) {
            let mut word = [0u8; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            self.write(u64::from_le_bytes(word));
        }
    }

    pub fn value(self) -> u64 {
        self.0
    }

    /// Sixteen hex digits, for showing to people.
    pub fn hex(self) -> String {
        format!("{:016x}", self.0)
    }

    fn absorb(&mut self, event: &TraceEvent) {
        self.write(event.time);
        match &event.kind {
            TraceKind::Sent {
                message,
                from,
                to,
                kind,
                cause,
                departs,
                arrives,
                lamport,
            } => {
                self.write(1);
                self.write(*message);
                self.write(u64::from(from.0));
                self.write(u64::from(to.0));
                self.write_str(kind.id);
                match cause {
                    Cause::Start => self.write(0),
                    Cause::Message(m) => {
                        self.write(1);
                        self.write(*m);
                    }
                    Cause::Timer(t) => {
                        self.write(2);
                        self.write(*t);
                    }
                }
                self.write(*departs);
                self.write(*arrives);
                self.write(*lamport);
            }
            TraceKind::Duplicated { message, copy } => {
                self.write(2);
                self.write(*message);
                self.write(*copy);
            }
            TraceKind::Delivered {
                message,
                from,
                to,
                lamport,
                ..
            } => {
                self.write(3);
                self.write(*message);
                self.write(u64::from(from.0));
                self.write(u64::from(to.0));
                self.write(*lamport);
            }
            TraceKind::Dropped { message, reason, .. } => {
                self.write(4);
                self.write(*message);
                self.write(*reason as u64);
            }
            TraceKind::Queued { message, at } => {
                self.write(8);
                self.write(*message);
                self.write(u64::from(at.0));
            }
            TraceKind::Started { node } => {
                self.write(5);
                self.write(u64::from(node.0));
            }
            TraceKind::TimerFired { node, tag, .. } => {
                self.write(6);
                self.write(u64::from(node.0));
                self.write(*tag);
            }
            TraceKind::Intervened(action) => {
                self.write(7);
                self.write_str(&format!("{action:?}"));
            }
            TraceKind::Failed { node } => {
                self.write(9);
                self.write(u64::from(node.0));
            }
        }
    }
}

/// The recent events of a run plus a digest of all of them.
#[derive(Clone, Debug)]
pub struct Trace {
    sealed: VecDeque<Arc<Vec<TraceEvent>>>,
    open: Vec<TraceEvent>,
    max_chunks: usize,
    forgotten: u64,
    digest: Digest,
}

impl Default for Trace {
    fn default() -> Self {
        Trace::with_chunks(DEFAULT_CHUNKS)
    }
}

impl Trace {
    /// A trace that remembers at most `max_chunks` full chunks of events.
    pub fn with_chunks(max_chunks: usize) -> Self {
        Trace {
            sealed: VecDeque::new(),
            open: Vec::with_capacity(CHUNK),
            max_chunks: max_chunks.max(1),
            forgotten: 0,
            digest: Digest::default(),
        }
    }

    pub(crate) fn push(&mut self, time: SimTime, kind: TraceKind) {
        let event = TraceEvent { time, kind };
        self.digest.absorb(&event);
        self.open.push(event);
        if self.open.len() == CHUNK {
            let full = std::mem::replace(&mut self.open, Vec::with_capacity(CHUNK));
            self.sealed.push_back(Arc::new(full));
            if self.sealed.len() > self.max_chunks {
                self.sealed.pop_front();
                self.forgotten += CHUNK as u64;
            }
        }
    }

    /// The digest of every event so far.
    pub fn digest(&self) -> Digest {
        self.digest
    }

    /// How many events happened, including forgotten ones.
    pub fn total(&self) -> u64 {
        self.forgotten + self.retained() as u64
    }

    /// How many events were forgotten to keep memory bounded.
    pub fn forgotten(&self) -> u64 {
        self.forgotten
    }

    fn retained(&self) -> usize {
        self.sealed.len() * CHUNK + self.open.len()
    }

    /// The remembered events, oldest first.
    pub fn events(&self) -> impl DoubleEndedIterator<Item = &TraceEvent> + '_ {
        self.sealed
            .iter()
            .flat_map(|chunk| chunk.iter())
            .chain(self.open.iter())
    }

    /// Where this run and `other` first part: the number of the first
    /// event that differs (counted from the start of the run) and each
    /// run's event there (`None` where a run has no event, having ended or
    /// forgotten it). `None` when every event both remember is the same
    /// and both have as many.
    pub fn first_difference<'a>(&'a self, other: &'a Trace) -> Option<Parting<'a>> {
        let from = self.forgotten.max(other.forgotten);
        let mine = self.events().skip((from - self.forgotten) as usize);
        let theirs = other.events().skip((from - other.forgotten) as usize);
        let mut mine = mine.map(Some).chain(std::iter::repeat(None));
        let mut theirs = theirs.map(Some).chain(std::iter::repeat(None));
        let mut index = from;
        loop {
            match (mine.next().flatten(), theirs.next().flatten()) {
                (None, None) => return None,
                (a, b) if a == b => index += 1,
                (a, b) => {
                    return Some(Parting {
                        index,
                        mine: a,
                        theirs: b,
                    })
                }
            }
        }
    }

    /// The remembered events at or after `time`, oldest first.
    pub fn since(&self, time: SimTime) -> impl Iterator<Item = &TraceEvent> + '_ {
        self.events().skip_while(move |e| e.time < time)
    }

    /// The interventions in the remembered trace, with their times.
    pub fn interventions(&self) -> impl Iterator<Item = Intervention> + '_ {
        self.events().filter_map(|e| match &e.kind {
            TraceKind::Intervened(action) => Some(Intervention::new(e.time, (**action).clone())),
            _ => None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn started(node: u32) -> TraceKind {
        TraceKind::Started { node: NodeId(node) }
    }

    #[test]
    fn keeps_recent_events_and_digests_all() {
        let mut small = Trace::with_chunks(2);
        let mut big = Trace::with_chunks(100);
        for i in 0..(CHUNK * 5) as u64 {
            small.push(i, started(1));
            big.push(i, started(1));
        }
        assert_eq!(small.total(), (CHUNK * 5) as u64);
        assert!(small.events().count() <= CHUNK * 3);
        assert_eq!(small.forgotten(), (CHUNK * 3) as u64);
        assert_eq!(small.events().next().map(|e| e.time), Some((CHUNK * 3) as u64));
        assert_eq!(small.digest(), big.digest());
    }

    #[test]
    fn two_runs_part_at_their_first_different_event() {
        let mut a = Trace::with_chunks(2);
        let mut b = Trace::with_chunks(100);
        for i in 0..(CHUNK * 4) as u64 {
            a.push(i, started(1));
            b.push(i, started(1));
        }
        assert_eq!(
            a.first_difference(&b),
            None,
            "the same events, one run remembering fewer"
        );
        a.push(9_999_999, started(1));
        b.push(9_999_999, started(2));
        let parting = a.first_difference(&b).expect("they part");
        assert_eq!(parting.index, (CHUNK * 4) as u64);
        assert_eq!(parting.mine.map(|e| &e.kind), Some(&started(1)));
        assert_eq!(parting.theirs.map(|e| &e.kind), Some(&started(2)));
        b.push(10_000_000, started(3));
        let empty = Trace::default();
        let parting = empty.first_difference(&b).expect("one run is longer");
        assert_eq!((parting.index, parting.mine), (0, None));
    }

    #[test]
    fn digest_sees_every_difference() {
        let mut a = Trace::default();
        let mut b = Trace::default();
        a.push(5, started(1));
        b.push(5, started(2));
        assert_ne!(a.digest(), b.digest());
        let mut c = Trace::default();
        c.push(6, started(1));
        assert_ne!(a.digest(), c.digest());
    }
}
