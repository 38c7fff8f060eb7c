//! The sequential specification: what a store that served one operation at
//! a time would answer. Each key is checked on its own, as one of two
//! models, and a key's state is one optional number either way:
//!
//! - a register (a key of a key-value map): a read returns the last value
//!   written, `None` before the first write;
//! - a counter: adds sum up, and a read returns the sum, `Some(0)` before
//!   the first add (a counter always has a value, so `None` is a wrong
//!   answer for it).
//!
//! A key with any add or any read of its total in the history is a
//! counter, any other a register (so a counter only ever read plainly, and
//! never added to, reads `None`, as a register). A write on a counter sets
//! it, and later adds count on from there.

use crate::sim::history::{Call, Ret};

/// What one key holds: the last value written or the counter's sum.
pub type State = Option<i64>;

/// How a key behaves in a sequential store.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Model {
    Register,
    Counter,
}

impl Model {
    /// The model for a key, from every call made on it.
    pub fn of_key(calls: impl IntoIterator<Item = Call>) -> Model {
        if calls
            .into_iter()
            .any(|call| matches!(call, Call::Add { .. } | Call::Total { .. }))
        {
            Model::Counter
        } else {
            Model::Register
        }
    }

    /// The key's state before any operation.
    pub fn initial(self) -> State {
        match self {
            Model::Register => None,
            Model::Counter => Some(0),
        }
    }
}

/// Runs `call` on a key in `state`: the state after, and what the call
/// returns. Adds wrap around at the ends of `i64` (an add to a key with no
/// value counts from 0).
pub fn apply(state: State, call: Call) -> (State, Ret) {
    match call {
        Call::Read { .. } => (state, Ret::Value(state)),
        Call::Total { .. } => (state, Ret::Value(Some(state.unwrap_or(0)))),
        Call::Write { value, .. } => (Some(value), Ret::Done),
        Call::Add { by, .. } => (Some(state.unwrap_or(0).wrapping_add(by)), Ret::Done),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_register_reads_nothing_then_its_last_write() {
        let state = Model::of_key([Call::Read { key: 1 }, Call::Write { key: 1, value: 4 }]).initial();
        assert_eq!(apply(state, Call::Read { key: 1 }), (None, Ret::Value(None)));
        let (state, ret) = apply(state, Call::Write { key: 1, value: 4 });
        assert_eq!(ret, Ret::Done);
        let (state, _) = apply(state, Call::Write { key: 1, value: -2 });
        assert_eq!(apply(state, Call::Read { key: 1 }).1, Ret::Value(Some(-2)));
    }

    #[test]
    fn a_counter_reads_zero_then_its_sum() {
        let model = Model::of_key([Call::Read { key: 0 }, Call::Add { key: 0, by: 3 }]);
        assert_eq!(model, Model::Counter);
        let state = model.initial();
        assert_eq!(apply(state, Call::Read { key: 0 }).1, Ret::Value(Some(0)));
        let (state, _) = apply(state, Call::Add { key: 0, by: 3 });
        let (state, _) = apply(state, Call::Add { key: 0, by: 4 });
        assert_eq!(apply(state, Call::Read { key: 0 }).1, Ret::Value(Some(7)));
    }

    #[test]
    fn adds_wrap_instead_of_overflowing() {
        let (state, _) = apply(Some(i64::MAX), Call::Add { key: 0, by: 1 });
        assert_eq!(state, Some(i64::MIN));
    }
}
