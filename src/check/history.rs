//! A history: every operation clients called on the store, when they called
//! it, and what (if anything) came back and when.

use crate::sim::{NodeId, SimTime};

/// What a client asked the store to do, on one key.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Call {
    /// Read the key's value.
    Read { key: u32 },
    /// Set the key to `value`.
    Write { key: u32, value: i64 },
    /// Add `by` to the key, used as a counter.
    Add { key: u32, by: i64 },
}

impl Call {
    /// The key the call is about.
    pub fn key(self) -> u32 {
        match self {
            Call::Read { key } | Call::Write { key, .. } | Call::Add { key, .. } => key,
        }
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

/// How an operation ended, as its client saw it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// The answer reached the client at `completed`.
    Returned { ret: Ret, completed: SimTime },
    /// No answer came (lost, timed out or still waiting): the operation may
    /// have taken effect at any time after its call, or never.
    Pending,
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
            Outcome::Pending => None,
        }
    }

    /// What came back, if anything did.
    pub fn ret(&self) -> Option<Ret> {
        match self.outcome {
            Outcome::Returned { ret, .. } => Some(ret),
            Outcome::Pending => None,
        }
    }
}
