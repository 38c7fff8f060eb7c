//! The history: every operation a client called on the store, as data. A
//! client says when it calls (`Context::invoke`) and how the call ended
//! (`answered` or `failed`); the engine stamps each in true time, which no
//! node can read, so the history is what an all-seeing observer would
//! write down. The linearizability checker and the history view read it.
//!
//! Like the trace it is kept in sealed chunks shared between clones, so
//! checkpoints stay cheap, and it has a running digest of its own (the
//! trace's digest, pinned by old links, is left as it was). Unlike the
//! trace it forgets nothing: it stops recording past
//! [`MOST_RECORDS`], and says so.

use std::sync::Arc;

use super::node::NodeId;
use super::time::SimTime;
use super::trace::Digest;

/// What the numbers a store's clients write and read stand for, as the
/// store's protocol says (`Behaviour::VALUES`), so the page words them
/// without guessing from their size.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum ValueMeaning {
    /// Plain numbers.
    #[default]
    Plain,
    /// Numbered writes: each value says which client wrote it and which of
    /// its writes it was (`protocols::written`).
    NumberedWrites,
}

/// What a client asked the store to do, on one key.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Call {
    /// Read the key's value.
    Read { key: u32 },
    /// Set the key to `value`.
    Write { key: u32, value: i64 },
    /// Add `by` to the key, used as a counter.
    Add { key: u32, by: i64 },
    /// Read the key as a counter: its total, 0 before any add.
    Total { key: u32 },
}

impl Call {
    /// The key the call is about.
    pub fn key(self) -> u32 {
        match self {
            Call::Read { key } | Call::Total { key } | Call::Write { key, .. } | Call::Add { key, .. } => key,
        }
    }

    /// Whether the call changes what the key holds (a write or an add).
    pub fn changes(self) -> bool {
        matches!(self, Call::Write { .. } | Call::Add { .. })
    }
}

/// What the store answered.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Ret {
    /// A read's value; `None` means nothing had been written yet.
    Value(Option<i64>),
    /// A write or an add was done.
    Done,
}

/// Why a client stopped waiting without an answer it could use.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Failure {
    /// No answer came in time, after every attempt.
    TimedOut,
    /// The store said no (it could not reach enough replicas, or the key
    /// is not kept where the client asked).
    Refused,
}

/// How an operation ended, as its client saw it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// The answer reached the client at `completed`.
    Returned { ret: Ret, completed: SimTime },
    /// No answer came: the client is still waiting, or crashed while it
    /// waited.
    Pending,
    /// The client gave up at `at`. Either way the operation may have taken
    /// effect, at any time after its call, or never.
    Failed { why: Failure, at: SimTime },
}

/// One call by one client and how it ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Operation {
    pub client: NodeId,
    pub call: Call,
    pub invoked: SimTime,
    pub outcome: Outcome,
}

impl Operation {
    /// When the answer came, if one did. An answer stamped before its call
    /// counts as coming at the call.
    pub fn completed(&self) -> Option<SimTime> {
        match self.outcome {
            Outcome::Returned { completed, .. } => Some(completed.max(self.invoked)),
            Outcome::Pending | Outcome::Failed { .. } => None,
        }
    }

    /// What came back, if anything did.
    pub fn ret(&self) -> Option<Ret> {
        match self.outcome {
            Outcome::Returned { ret, .. } => Some(ret),
            Outcome::Pending | Outcome::Failed { .. } => None,
        }
    }
}

/// Names one operation in a run's history: its place in call order.
pub type OperationId = u32;

/// The most records (calls plus endings) a history keeps.
pub const MOST_RECORDS: usize = 1 << 20;

/// Records per sealed chunk.
const CHUNK: usize = 1_024;

/// One line of the history as it is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Record {
    Called { client: NodeId, call: Call, at: SimTime },
    Answered { op: OperationId, ret: Ret, at: SimTime },
    Failed { op: OperationId, why: Failure, at: SimTime },
}

/// A run's history, as written so far.
#[derive(Clone, Debug, Default)]
pub struct History {
    sealed: Vec<Arc<Vec<Record>>>,
    open: Vec<Record>,
    calls: u32,
    full: bool,
    digest: Digest,
}

impl History {
    /// How many operations have been called.
    pub fn calls(&self) -> u32 {
        self.calls
    }

    /// Whether recording stopped at [`MOST_RECORDS`].
    pub fn is_full(&self) -> bool {
        self.full
    }

    /// The digest of every record so far.
    pub fn digest(&self) -> Digest {
        self.digest
    }

    fn records(&self) -> usize {
        self.sealed.len() * CHUNK + self.open.len()
    }

    pub(crate) fn record(&mut self, record: Record) {
        if self.records() >= MOST_RECORDS {
            self.full = true;
            return;
        }
        match record {
            Record::Called { client, call, at } => {
                self.calls += 1;
                self.digest.write(1);
                self.digest.write(u64::from(client.0));
                write_call(&mut self.digest, call);
                self.digest.write(at);
            }
            Record::Answered { op, ret, at } => {
                self.digest.write(2);
                self.digest.write(u64::from(op));
                match ret {
                    Ret::Value(None) => self.digest.write(0),
                    Ret::Value(Some(value)) => {
                        self.digest.write(1);
                        self.digest.write(value as u64);
                    }
                    Ret::Done => self.digest.write(2),
                }
                self.digest.write(at);
            }
            Record::Failed { op, why, at } => {
                self.digest.write(3);
                self.digest.write(u64::from(op));
                self.digest.write(why as u64);
                self.digest.write(at);
            }
        }
        self.open.push(record);
        if self.open.len() == CHUNK {
            let full = std::mem::replace(&mut self.open, Vec::with_capacity(CHUNK));
            self.sealed.push(Arc::new(full));
        }
    }

    /// Every operation, in the order they were called. An ending for an
    /// operation that already ended (or was never called) is ignored.
    pub fn operations(&self) -> Vec<Operation> {
        let mut ops: Vec<Operation> = Vec::with_capacity(self.calls as usize);
        let records = self.sealed.iter().flat_map(|chunk| chunk.iter()).chain(&self.open);
        for &record in records {
            let (op, outcome) = match record {
                Record::Called { client, call, at } => {
                    ops.push(Operation {
                        client,
                        call,
                        invoked: at,
                        outcome: Outcome::Pending,
                    });
                    continue;
                }
                Record::Answered { op, ret, at } => (op, Outcome::Returned { ret, completed: at }),
                Record::Failed { op, why, at } => (op, Outcome::Failed { why, at }),
            };
            if let Some(ended) = ops.get_mut(op as usize).filter(|o| o.outcome == Outcome::Pending) {
                ended.outcome = outcome;
            }
        }
        ops
    }
}

fn write_call(digest: &mut Digest, call: Call) {
    let (kind, key, number) = match call {
        Call::Read { key } => (0, key, 0),
        Call::Write { key, value } => (1, key, value),
        Call::Add { key, by } => (2, key, by),
        Call::Total { key } => (3, key, 0),
    };
    digest.write(kind);
    digest.write(u64::from(key));
    digest.write(number as u64);
}
