//! The check: is a history linearizable? Each key is checked on its own
//! (linearizability is compositional: a history is linearizable when every
//! key's part of it is), smallest first, all against one step budget, so a
//! check always ends, with an answer or with "undecided".

use std::collections::{BTreeMap, BTreeSet};

use super::model::{apply, Model};
use super::reachable::{impossible_answer, Impossible};
use super::search::{linearize, Found};
use crate::sim::history::{Call, Operation, Ret};

/// What the check found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// Every operation fits one order. `order` holds the index of each
    /// operation that took effect, in that order; pending operations that
    /// took no effect are left out.
    Linearizable { order: Vec<usize> },
    /// No order fits what the clients saw.
    Violation(Explanation),
    /// The budget ran out after `steps` steps, before an answer.
    Undecided { steps: u64 },
}

/// Why no order fits, on the key where the search got stuck.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Explanation {
    /// The longest order the search could make of that key's operations
    /// (indexes in the history).
    pub order: Vec<usize>,
    /// The operation that could not come next (an index in the history).
    pub blocked: usize,
    /// What it returned.
    pub returned: Ret,
    /// What it would have returned at each place the search tried it, in
    /// the orders of the operations before it that it tried.
    pub possible: Vec<Ret>,
}

impl Explanation {
    /// The last write or add in the order that had finished before the
    /// blocked operation was called: what it should have seen at least
    /// (an index in `history`, the one the explanation came from).
    pub fn finished_before(&self, history: &[Operation]) -> Option<usize> {
        let called = history.get(self.blocked)?.invoked;
        self.order.iter().rev().copied().find(|&i| {
            history
                .get(i)
                .is_some_and(|op| op.call.changes() && op.completed().is_some_and(|done| done < called))
        })
    }
}

/// Checks `history` against the sequential store of [`super::model`],
/// spending at most `budget` steps in all (a step is one operation tried or
/// one choice undone).
pub fn check(history: &[Operation], budget: u64) -> Verdict {
    let mut keys: BTreeMap<u32, Vec<usize>> = BTreeMap::new();
    for (index, op) in history.iter().enumerate() {
        // A read with no answer changes nothing and says nothing.
        if op.call.changes() || op.completed().is_some() {
            keys.entry(op.call.key()).or_default().push(index);
        }
    }
    let mut parts: Vec<Vec<usize>> = keys
        .into_values()
        .map(|ops| without_unseen_writes(history, ops))
        .collect();
    parts.sort_by_key(Vec::len);
    let mut steps = 0;
    let mut orders = Vec::with_capacity(parts.len());
    for ops in &parts {
        if let Some(impossible) = impossible_answer(history, ops, &mut steps, budget) {
            return Verdict::Violation(explain_impossible(history, ops, impossible, &mut steps, budget));
        }
        match linearize(history, ops, &mut steps, budget) {
            Found::Order(order) => orders.push(order),
            Found::Stuck {
                order,
                blocked,
                possible,
            } => {
                let returned = history.get(blocked).and_then(Operation::ret).unwrap_or(Ret::Done);
                return Verdict::Violation(Explanation {
                    order,
                    blocked,
                    returned,
                    possible,
                });
            }
            Found::OutOfSteps => return Verdict::Undecided { steps },
        }
    }
    Verdict::Linearizable {
        order: merge(history, &orders),
    }
}

/// A register's operations less the writes that never answered and wrote
/// a value no read returned. Leaving such a write out (as if it never took
/// effect) changes no read: wherever it took effect, the reads before the
/// next write would have returned its value. This spares the search from
/// trying it at every place.
fn without_unseen_writes(history: &[Operation], ops: Vec<usize>) -> Vec<usize> {
    if Model::of_key(ops.iter().map(|&i| history[i].call)) != Model::Register {
        return ops;
    }
    let seen: BTreeSet<i64> = ops
        .iter()
        .filter_map(|&i| match history[i].ret() {
            Some(Ret::Value(Some(value))) => Some(value),
            _ => None,
        })
        .collect();
    ops.into_iter()
        .filter(|&i| match history[i].call {
            Call::Write { value, .. } if history[i].completed().is_none() => seen.contains(&value),
            _ => true,
        })
        .collect()
}

/// Explains an answer no state gives: the longest order the search makes
/// of the key's other operations called before that answer came.
fn explain_impossible(
    history: &[Operation],
    ops: &[usize],
    impossible: Impossible,
    steps: &mut u64,
    budget: u64,
) -> Explanation {
    let blocked = ops[impossible.op];
    let operation = &history[blocked];
    let answered = operation.completed().unwrap_or(operation.invoked);
    let before: Vec<usize> = ops
        .iter()
        .copied()
        .filter(|&i| i != blocked && history[i].invoked <= answered)
        .collect();
    let order = match linearize(history, &before, steps, budget) {
        Found::Order(order) | Found::Stuck { order, .. } => order,
        Found::OutOfSteps => Vec::new(),
    };
    let possible = match answers_in_span(history, &order, blocked) {
        found if found.is_empty() => impossible.possible,
        found => found,
    };
    Explanation {
        order,
        blocked,
        returned: operation.ret().unwrap_or(Ret::Done),
        possible,
    }
}

/// What the operation `at` would answer at each place in `order` that its
/// span allows: after an operation that could take effect before its
/// answer came, and before one whose answer came after its call.
fn answers_in_span(history: &[Operation], order: &[usize], at: usize) -> Vec<Ret> {
    let operation = &history[at];
    let answered = operation.completed().unwrap_or(u64::MAX);
    let model = Model::of_key(order.iter().map(|&i| history[i].call).chain([operation.call]));
    let mut state = model.initial();
    let mut instant = 0;
    let mut found = BTreeSet::new();
    for place in 0..=order.len() {
        let next = order.get(place).map(|&i| &history[i]);
        let next_ends_after_call = next.is_none_or(|op| op.completed().is_none_or(|done| done >= operation.invoked));
        if instant <= answered && next_ends_after_call {
            found.insert(apply(state, operation.call).1);
        }
        if let Some(op) = next {
            instant = op.invoked.max(instant);
            state = apply(state, op.call).0;
        }
    }
    found.into_iter().collect()
}

/// One order of all operations from one order per key: each operation is
/// given the earliest instant in its span that comes after the operations
/// before it on its key (the latest of their calls, so never past its own
/// answer), and the operations are sorted by those instants.
fn merge(history: &[Operation], orders: &[Vec<usize>]) -> Vec<usize> {
    let mut timed: Vec<(u64, usize, usize, usize)> = Vec::new();
    for (part, order) in orders.iter().enumerate() {
        let mut instant = 0;
        for (place, &index) in order.iter().enumerate() {
            instant = history.get(index).map_or(instant, |op| op.invoked.max(instant));
            timed.push((instant, part, place, index));
        }
    }
    timed.sort_unstable();
    timed.into_iter().map(|(.., index)| index).collect()
}
