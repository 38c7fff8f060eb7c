//! The check: is a history linearizable? Each key is checked on its own
//! (linearizability is compositional: a history is linearizable when every
//! key's part of it is), smallest first, all against one step budget, so a
//! check always ends, with an answer or with "undecided".

use std::collections::BTreeMap;

use super::history::{Call, Operation, Outcome, Ret};
use super::search::{linearize, Found};

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

/// Checks `history` against the sequential store of [`super::model`],
/// spending at most `budget` steps in all (a step is one operation tried or
/// one choice undone).
pub fn check(history: &[Operation], budget: u64) -> Verdict {
    let mut keys: BTreeMap<u32, Vec<usize>> = BTreeMap::new();
    for (index, op) in history.iter().enumerate() {
        // A read with no answer changes nothing and says nothing.
        if !matches!((op.call, op.outcome), (Call::Read { .. }, Outcome::Pending)) {
            keys.entry(op.call.key()).or_default().push(index);
        }
    }
    let mut parts: Vec<Vec<usize>> = keys.into_values().collect();
    parts.sort_by_key(Vec::len);
    let mut steps = 0;
    let mut orders = Vec::with_capacity(parts.len());
    for ops in &parts {
        match linearize(history, ops, &mut steps, budget) {
            Found::Order(order) => orders.push(order),
            Found::Stuck {
                order,
                blocked,
                possible,
            } => {
                let returned = match history.get(blocked).map(|op| op.outcome) {
                    Some(Outcome::Returned { ret, .. }) => ret,
                    _ => Ret::Done,
                };
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
