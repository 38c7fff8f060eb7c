//! The search for one key's linearization, after Wing & Gong and Lowe: at
//! each point, any operation called before the first answer still to come
//! may be placed (linearized) next, if the model agrees with its answer;
//! when none can, the search backs up to the last choice and tries the
//! next. Pairs of (operations placed, model state) already explored are
//! remembered and never explored twice.
//!
//! Operations that answered are tried first, in the order of their calls;
//! those that never answered (which may take effect at any time after
//! their call, or never) only when none of those fits, so that a history
//! crowded with them is not searched for every place each could go. In a
//! register, an unanswered write is tried only just in time: when a read
//! that may come next returned its value. Placed anywhere else it would be
//! overwritten or contradicted before any read saw it, so an order that
//! places it there explains no more than one that leaves it out.
//!
//! A read that fits where the search stands is placed there for good: it
//! changes nothing, and every operation still to place answered after
//! its call, so any order that places it later still works with it moved
//! here. When the search backs up past such a read it backs up further,
//! instead of trying something else in its place.
//!
//! The calls and answers of the answered operations form a doubly linked
//! list over indexes; placing one unlinks its call and answer, backing up
//! links them again.

use std::collections::{HashMap, HashSet};

use super::model::{apply, Model, State};
use crate::sim::history::{Call, Operation, Ret};

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
            if let Some(completed) = op.completed() {
                events.push((op.invoked, false, at));
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

/// Where the search stands among the operations that may be placed next.
#[derive(Clone, Copy)]
enum Cursor {
    /// At this entry of the list of answered operations' calls and
    /// answers (an answer ends the answered candidates).
    Answered(usize),
    /// At this position of the unanswered operations (in call order),
    /// taking those called by `until`, the time of the first answer still
    /// to come, which is `blocked`'s.
    Unanswered { index: usize, until: u64, blocked: usize },
}

/// A placed operation, where the search stood when it placed it, and the
/// state before it. A read placed for good (`settled`) is no choice: backing
/// up past it goes on to the choice before.
struct Choice {
    op: usize,
    at: Cursor,
    before: State,
    settled: bool,
}

/// A cursor past every candidate, so the search backs up at once.
const EXHAUSTED: Cursor = Cursor::Unanswered {
    index: usize::MAX,
    until: 0,
    blocked: NIL,
};

/// Puts in `values` (emptied first) the values returned by the reads that
/// may be placed next: those whose calls come before the first answer
/// still to come. The search calls it often, so it reuses one buffer.
fn reads_in_window(list: &List, history: &[Operation], ops: &[usize], values: &mut Vec<i64>) {
    values.clear();
    let mut at = list.next[HEAD];
    while let Some(&Entry { op, answer: Some(_) }) = list.entries.get(at) {
        let operation = &history[ops[op]];
        if let (Call::Read { .. }, Some(Ret::Value(Some(value)))) = (operation.call, operation.ret()) {
            values.push(value);
        }
        at = list.next[at];
    }
}

/// Searches for a linearization of `ops` (indexes into `history`, all on
/// one key), taking one step from `steps` per operation looked at, up to
/// `budget`. Operations that never answered may be placed anywhere after
/// their call, or never.
pub(super) fn linearize(history: &[Operation], ops: &[usize], steps: &mut u64, budget: u64) -> Found {
    let model = Model::of_key(ops.iter().map(|&i| history[i].call));
    let mut list = List::new(history, ops);
    let mut unanswered: Vec<usize> = (0..ops.len())
        .filter(|&at| history[ops[at]].completed().is_none())
        .collect();
    unanswered.sort_by_key(|&at| history[ops[at]].invoked);
    let mut answers_left = ops.len() - unanswered.len();
    let mut state = model.initial();
    let mut placed = Placed::new(ops.len());
    let mut seen: HashSet<(Placed, State)> = HashSet::new();
    let mut choices: Vec<Choice> = Vec::new();
    let mut longest: Option<(Vec<usize>, usize)> = None;
    let mut refused: Vec<Vec<Ret>> = vec![Vec::new(); ops.len()];
    let twins = earlier_twins(history, ops);
    let order = |choices: &[Choice]| -> Vec<usize> { choices.iter().map(|c| ops[c.op]).collect() };
    // In a register, the values an unanswered write must have to be worth
    // placing where the search stands (see the module's notes).
    let register = model == Model::Register;
    let mut wanted: Vec<i64> = Vec::new();
    let worth_placing = |op: usize, wanted: &[i64]| {
        !register || matches!(history[ops[op]].call, Call::Write { value, .. } if wanted.contains(&value))
    };
    let mut at = Cursor::Answered(list.next[HEAD]);
    while answers_left > 0 {
        if *steps >= budget {
            return Found::OutOfSteps;
        }
        *steps += 1;
        // The operation under the cursor, if it may be placed next; else
        // move on, or back up when nothing more may.
        let (op, next) = match at {
            Cursor::Answered(entry_at) => match list.entries.get(entry_at) {
                Some(&Entry { op, answer: Some(_) }) => (Some(op), Cursor::Answered(list.next[entry_at])),
                entry => {
                    let blocked = entry.map_or(NIL, |e| e.op);
                    let until = ops
                        .get(blocked)
                        .and_then(|&i| history[i].completed())
                        .unwrap_or(u64::MAX);
                    let first = Cursor::Unanswered {
                        index: 0,
                        until,
                        blocked,
                    };
                    if register {
                        reads_in_window(&list, history, ops, &mut wanted);
                    }
                    (None, first)
                }
            },
            Cursor::Unanswered { index, until, blocked } => match unanswered.get(index) {
                Some(&op) if history[ops[op]].invoked <= until => {
                    let next = Cursor::Unanswered {
                        index: index + 1,
                        until,
                        blocked,
                    };
                    (
                        Some(op).filter(|&op| !placed.has(op) && worth_placing(op, &wanted)),
                        next,
                    )
                }
                _ => {
                    // Nothing fits before the first answer still to come.
                    let deeper = longest.as_ref().is_none_or(|(best, _)| choices.len() > best.len());
                    if deeper && blocked != NIL {
                        longest = Some((order(&choices), blocked));
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
                    placed.flip(choice.op);
                    at = match choice.at {
                        Cursor::Answered(call) if choice.settled => {
                            if let Some(answer) = list.entries[call].answer {
                                list.unlift(call, answer);
                            }
                            answers_left += 1;
                            EXHAUSTED
                        }
                        Cursor::Answered(call) => {
                            if let Some(answer) = list.entries[call].answer {
                                list.unlift(call, answer);
                            }
                            answers_left += 1;
                            Cursor::Answered(list.next[call])
                        }
                        Cursor::Unanswered { index, until, blocked } => {
                            if register {
                                reads_in_window(&list, history, ops, &mut wanted);
                            }
                            Cursor::Unanswered {
                                index: index + 1,
                                until,
                                blocked,
                            }
                        }
                    };
                    continue;
                }
            },
        };
        let Some(op) = op.filter(|&op| twins[op].is_none_or(|twin| placed.has(twin))) else {
            at = next;
            continue;
        };
        let operation = &history[ops[op]];
        let (after, said) = apply(state, operation.call);
        if operation.ret().is_some_and(|ret| ret != said) {
            if !refused[op].contains(&said) {
                refused[op].push(said);
            }
            at = next;
            continue;
        }
        let settled = matches!(operation.call, Call::Read { .. } | Call::Total { .. });
        placed.flip(op);
        if !seen.insert((placed.clone(), after)) {
            placed.flip(op);
            // Placed for good, this read led nowhere before: nor can
            // anything else from here.
            at = if settled { EXHAUSTED } else { next };
            continue;
        }
        choices.push(Choice {
            op,
            at,
            before: state,
            settled,
        });
        state = after;
        if let Cursor::Answered(call) = at {
            if let Some(answer) = list.entries[call].answer {
                list.lift(call, answer);
            }
            answers_left -= 1;
        }
        at = Cursor::Answered(list.next[HEAD]);
    }
    Found::Order(order(&choices))
}

fn sorted(mut rets: Vec<Ret>) -> Vec<Ret> {
    rets.sort_unstable();
    rets
}
