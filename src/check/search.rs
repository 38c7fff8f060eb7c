//! The search for one key's linearization, after Wing & Gong and Lowe: walk
//! the calls and answers in time order, place (linearize) any operation
//! whose call has come if the model agrees with its answer, and back up to
//! the last choice when an answer comes for an operation not yet placed.
//! Pairs of (operations placed, model state) already explored are
//! remembered and never explored twice.
//!
//! The calls and answers form a doubly linked list over indexes; placing
//! an operation unlinks its call and answer, backing up links them again.

use std::collections::{HashMap, HashSet};

use super::model::{apply, Model, State};
use crate::sim::history::{Call, Operation, Outcome, Ret};

/// How the search for one key ended.
pub(super) enum Found {
    /// An order of the operations that took effect (indexes in the history).
    Order(Vec<usize>),
    /// No order exists: the longest order found, then the operation that
    /// could not come next and what it would have answered where tried.
    Stuck {
        order: Vec<usize>,
        blocked: usize,
        possible: Vec<Ret>,
    },
    /// The budget ran out first.
    OutOfSteps,
}

/// The end of the list.
const NIL: usize = usize::MAX;
/// The list's head, before the first call.
const HEAD: usize = 0;

/// One call or answer in the list.
#[derive(Clone, Copy)]
struct Entry {
    /// The operation's position in `ops`.
    op: usize,
    /// For a call, the list index of its answer (NIL when pending); `None`
    /// for an answer.
    answer: Option<usize>,
}

/// The calls and answers of one key, in time order.
struct List {
    entries: Vec<Entry>,
    next: Vec<usize>,
    prev: Vec<usize>,
}

impl List {
    /// Calls sort before answers at the same instant, so operations that
    /// touch in time count as concurrent.
    fn new(history: &[Operation], ops: &[usize]) -> List {
        let mut events: Vec<(u64, bool, usize)> = Vec::with_capacity(ops.len() * 2);
        for (at, &index) in ops.iter().enumerate() {
            let op = &history[index];
            events.push((op.invoked, false, at));
            if let Some(completed) = op.completed() {
                events.push((completed, true, at));
            }
        }
        events.sort_unstable();
        let mut entries = vec![Entry { op: NIL, answer: None }];
        let mut call_entry = vec![NIL; ops.len()];
        for &(_, is_answer, op) in &events {
            if is_answer {
                let here = entries.len();
                if let Some(call) = entries.get_mut(call_entry[op]) {
                    call.answer = Some(here);
                }
                entries.push(Entry { op, answer: None });
            } else {
                call_entry[op] = entries.len();
                entries.push(Entry { op, answer: Some(NIL) });
            }
        }
        let count = entries.len();
        let next = (1..=count).map(|i| if i == count { NIL } else { i }).collect();
        let prev = (0..count).map(|i| if i == 0 { NIL } else { i - 1 }).collect();
        List { entries, next, prev }
    }

    fn unlink(&mut self, at: usize) {
        let (before, after) = (self.prev[at], self.next[at]);
        self.next[before] = after;
        if after != NIL {
            self.prev[after] = before;
        }
    }

    fn relink(&mut self, at: usize) {
        let (before, after) = (self.prev[at], self.next[at]);
        self.next[before] = at;
        if after != NIL {
            self.prev[after] = at;
        }
    }

    /// Takes a placed operation's call and answer out of the list.
    fn lift(&mut self, call: usize, answer: usize) {
        self.unlink(call);
        if answer != NIL {
            self.unlink(answer);
        }
    }

    /// Undoes `lift`, in the reverse order.
    fn unlift(&mut self, call: usize, answer: usize) {
        if answer != NIL {
            self.relink(answer);
        }
        self.relink(call);
    }
}

/// Which operations are placed, one bit each.
#[derive(Clone, PartialEq, Eq, Hash)]
struct Placed(Vec<u64>);

impl Placed {
    fn new(count: usize) -> Placed {
        Placed(vec![0; count.div_ceil(64)])
    }

    fn flip(&mut self, op: usize) {
        self.0[op / 64] ^= 1 << (op % 64);
    }

    fn has(&self, op: usize) -> bool {
        self.0[op / 64] & (1 << (op % 64)) != 0
    }
}

/// For each operation, the pending operation with the same call made just
/// before it, if it is pending too. Such twins are interchangeable, so the
/// search places them in the order of their calls and never tries a later
/// twin in an earlier one's stead.
fn earlier_twins(history: &[Operation], ops: &[usize]) -> Vec<Option<usize>> {
    let mut by_call: Vec<usize> = (0..ops.len()).collect();
    by_call.sort_by_key(|&at| history[ops[at]].invoked);
    let mut last: HashMap<Call, usize> = HashMap::new();
    let mut twins = vec![None; ops.len()];
    for at in by_call {
        let op = &history[ops[at]];
        if op.completed().is_none() {
            twins[at] = last.insert(op.call, at);
        }
    }
    twins
}

/// A placed operation: its call's list index, its answer's, and the state
/// before it.
struct Choice {
    call: usize,
    answer: usize,
    before: State,
}

/// Searches for a linearization of `ops` (indexes into `history`, all on
/// one key), taking one step from `steps` per entry visited, up to `budget`.
/// Pending operations may be placed anywhere after their call, or never.
pub(super) fn linearize(history: &[Operation], ops: &[usize], steps: &mut u64, budget: u64) -> Found {
    let model = Model::of_key(ops.iter().map(|&i| history[i].call));
    let mut list = List::new(history, ops);
    let mut answers_left = ops.iter().filter(|&&i| history[i].completed().is_some()).count();
    let mut state = model.initial();
    let mut placed = Placed::new(ops.len());
    let mut seen: HashSet<(Placed, State)> = HashSet::new();
    let mut choices: Vec<Choice> = Vec::new();
    let mut longest: Option<(Vec<usize>, usize)> = None;
    let mut refused: Vec<Vec<Ret>> = vec![Vec::new(); ops.len()];
    let twins = earlier_twins(history, ops);
    let mut at = list.next[HEAD];
    let order = |choices: &[Choice], list: &List| -> Vec<usize> {
        choices.iter().map(|c| ops[list.entries[c.call].op]).collect()
    };
    while answers_left > 0 {
        if *steps >= budget {
            return Found::OutOfSteps;
        }
        *steps += 1;
        let entry = list.entries.get(at).copied();
        if let Some(Entry {
            op,
            answer: Some(answer),
        }) = entry
        {
            if twins[op].is_some_and(|twin| !placed.has(twin)) {
                at = list.next[at];
                continue;
            }
            let operation = &history[ops[op]];
            let (after, said) = apply(state, operation.call);
            let agrees = match operation.outcome {
                Outcome::Returned { ret, .. } => ret == said,
                Outcome::Pending | Outcome::Failed { .. } => true,
            };
            if !agrees {
                if !refused[op].contains(&said) {
                    refused[op].push(said);
                }
                at = list.next[at];
                continue;
            }
            placed.flip(op);
            if seen.insert((placed.clone(), after)) {
                choices.push(Choice {
                    call: at,
                    answer,
                    before: state,
                });
                state = after;
                list.lift(at, answer);
                if answer != NIL {
                    answers_left -= 1;
                }
                at = list.next[HEAD];
            } else {
                placed.flip(op);
                at = list.next[at];
            }
        } else {
            // An answer came for an operation not placed: back up.
            if longest.as_ref().is_none_or(|(best, _)| choices.len() > best.len()) {
                let blocked = entry.map_or(NIL, |e| e.op);
                longest = Some((order(&choices, &list), blocked));
            }
            let Some(choice) = choices.pop() else {
                let (order, blocked) = longest.unwrap_or_default();
                let possible = refused.get_mut(blocked).map(std::mem::take).unwrap_or_default();
                let blocked = ops.get(blocked).copied().unwrap_or(NIL);
                return Found::Stuck {
                    order,
                    blocked,
                    possible: sorted(possible),
                };
            };
            state = choice.before;
            placed.flip(list.entries[choice.call].op);
            list.unlift(choice.call, choice.answer);
            if choice.answer != NIL {
                answers_left += 1;
            }
            at = list.next[choice.call];
        }
    }
    Found::Order(order(&choices, &list))
}

fn sorted(mut rets: Vec<Ret>) -> Vec<Ret> {
    rets.sort_unstable();
    rets
}
