//! A quick test before the search: could an operation's answer come from
//! any state at all? The states a key can reach are taken with time left
//! out (any write or add, applied any number of times, in any order, from
//! the initial state). When there are few of them, an answer none of them
//! gives, such as a read of a value nobody wrote, cannot fit any order,
//! and is found without searching every order of the operations around it.

use std::collections::BTreeSet;

use super::model::{apply, Model, State};
use crate::sim::history::{Call, Operation, Ret};

/// The most states collected before giving up the quick test (a counter's
/// sums soon pass it; a register has one state per value written).
const MOST_STATES: usize = 128;

/// An answer no reachable state gives.
pub(super) struct Impossible {
    /// Its operation's position in `ops`.
    pub op: usize,
    /// What that operation answers in each reachable state.
    pub possible: Vec<Ret>,
}

/// The operation of `ops` (indexes into `history`, all on one key) whose
/// answer came first among those no reachable state gives, if the key's
/// states are few enough to tell. Takes one step from `steps` per state
/// change tried and per answer tested, and gives up at `budget`.
pub(super) fn impossible_answer(
    history: &[Operation],
    ops: &[usize],
    steps: &mut u64,
    budget: u64,
) -> Option<Impossible> {
    let calls: BTreeSet<Call> = ops.iter().map(|&i| history[i].call).collect();
    let changes: Vec<Call> = calls.iter().copied().filter(|call| call.changes()).collect();
    // Each distinct write or add leads from the initial state to its own
    // state, but for a write and an add of the same number.
    if changes.len() > 2 * MOST_STATES || *steps + (ops.len() + MOST_STATES * changes.len()) as u64 > budget {
        return None;
    }
    let states = reachable(Model::of_key(calls.iter().copied()).initial(), &changes, steps)?;
    let mut first: Option<(u64, usize)> = None;
    for (at, &index) in ops.iter().enumerate() {
        let op = &history[index];
        let (Some(completed), Some(ret)) = (op.completed(), op.ret()) else {
            continue;
        };
        *steps += 1;
        let fits = states.iter().any(|&state| apply(state, op.call).1 == ret);
        if !fits && first.is_none_or(|(earliest, _)| completed < earliest) {
            first = Some((completed, at));
        }
    }
    let (_, at) = first?;
    let call = history[ops[at]].call;
    let possible: BTreeSet<Ret> = states.iter().map(|&state| apply(state, call).1).collect();
    Some(Impossible {
        op: at,
        possible: possible.into_iter().collect(),
    })
}

/// Every state `changes` lead to from `initial`, or `None` when there are
/// more than [`MOST_STATES`].
fn reachable(initial: State, changes: &[Call], steps: &mut u64) -> Option<BTreeSet<State>> {
    let mut states = BTreeSet::from([initial]);
    let mut waiting = vec![initial];
    while let Some(state) = waiting.pop() {
        for &call in changes {
            *steps += 1;
            let (after, _) = apply(state, call);
            if states.insert(after) {
                if states.len() > MOST_STATES {
                    return None;
                }
                waiting.push(after);
            }
        }
    }
    Some(states)
}
