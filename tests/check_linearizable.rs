//! The linearizability checker on hand-made histories from the literature,
//! on histories a sequential store produced (always accepted), and under a
//! tiny budget (undecided, quickly).
#![cfg(not(target_arch = "wasm32"))]

use many_nodes::check::{check, Call, Operation, Outcome, Ret, Verdict};
use many_nodes::sim::NodeId;
use proptest::prelude::*;

const X: u32 = 0;
const Y: u32 = 1;

fn op(client: u32, call: Call, invoked: u64, ret: Ret, completed: u64) -> Operation {
    Operation {
        client: NodeId(client),
        call,
        invoked,
        outcome: Outcome::Returned { ret, completed },
    }
}

fn write(client: u32, key: u32, value: i64, span: (u64, u64)) -> Operation {
    op(client, Call::Write { key, value }, span.0, Ret::Done, span.1)
}

fn add(client: u32, key: u32, by: i64, span: (u64, u64)) -> Operation {
    op(client, Call::Add { key, by }, span.0, Ret::Done, span.1)
}

fn read(client: u32, key: u32, seen: Option<i64>, span: (u64, u64)) -> Operation {
    op(client, Call::Read { key }, span.0, Ret::Value(seen), span.1)
}

fn pending(client: u32, call: Call, invoked: u64) -> Operation {
    Operation {
        client: NodeId(client),
        call,
        invoked,
        outcome: Outcome::Pending,
    }
}

const BUDGET: u64 = 100_000;

fn order_of(verdict: Verdict) -> Vec<usize> {
    match verdict {
        Verdict::Linearizable { order } => order,
        other => panic!("expected linearizable, got {other:?}"),
    }
}

#[test]
fn a_stale_read_is_a_violation_naming_the_read_and_the_value_it_should_have_seen() {
    let history = [
        write(1, X, 1, (0, 10)),
        write(1, X, 3, (20, 30)),
        read(2, X, Some(1), (40, 50)),
    ];
    let Verdict::Violation(why) = check(&history, BUDGET) else {
        panic!("a stale read was accepted")
    };
    assert_eq!(why.blocked, 2);
    assert_eq!(why.returned, Ret::Value(Some(1)));
    assert_eq!(why.possible, vec![Ret::Value(Some(3))]);
    assert_eq!(why.order, vec![0, 1]);
}

#[test]
fn a_lost_update_on_a_counter_is_a_violation() {
    let history = [
        add(1, X, 1, (0, 10)),
        add(2, X, 1, (0, 10)),
        read(3, X, Some(1), (20, 30)),
    ];
    let Verdict::Violation(why) = check(&history, BUDGET) else {
        panic!("a lost update was accepted")
    };
    assert_eq!(why.blocked, 2);
    assert_eq!(why.possible, vec![Ret::Value(Some(2))]);
}

#[test]
fn a_counter_reads_zero_before_any_add_and_the_sum_after() {
    let history = [
        read(3, X, Some(0), (0, 5)),
        add(1, X, 2, (10, 20)),
        add(2, X, 5, (10, 20)),
        read(3, X, Some(7), (30, 40)),
    ];
    assert_eq!(order_of(check(&history, BUDGET)).len(), 4);
}

#[test]
fn a_read_of_a_value_no_write_wrote_is_a_violation() {
    let history = [
        write(1, X, 1, (0, 10)),
        write(2, X, 3, (20, 50)),
        read(3, X, Some(5), (30, 40)),
    ];
    let Verdict::Violation(why) = check(&history, BUDGET) else {
        panic!("a made-up value was accepted")
    };
    assert_eq!(why.blocked, 2);
    assert_eq!(why.returned, Ret::Value(Some(5)));
    assert_eq!(why.possible, vec![Ret::Value(Some(1)), Ret::Value(Some(3))]);
}

#[test]
fn a_read_may_see_a_concurrent_write_or_not() {
    for seen in [Some(1), Some(3)] {
        let history = [
            write(1, X, 1, (0, 10)),
            write(2, X, 3, (20, 50)),
            read(3, X, seen, (30, 40)),
        ];
        let order = order_of(check(&history, BUDGET));
        let expected = if seen == Some(3) { vec![0, 1, 2] } else { vec![0, 2, 1] };
        assert_eq!(order, expected, "reading {seen:?}");
    }
}

#[test]
fn readers_agreeing_on_the_order_of_two_concurrent_writes_is_linearizable() {
    let history = [
        write(1, X, 1, (0, 10)),
        write(2, X, 2, (0, 10)),
        read(3, X, Some(2), (20, 30)),
        read(4, X, Some(2), (20, 30)),
    ];
    let order = order_of(check(&history, BUDGET));
    assert_eq!(order[..2], [0, 1]);
}

#[test]
fn readers_seeing_two_finished_writes_in_contradictory_orders_is_a_violation() {
    let history = [
        write(1, X, 1, (0, 10)),
        write(2, X, 2, (0, 10)),
        read(3, X, Some(1), (20, 30)),
        read(4, X, Some(2), (20, 30)),
    ];
    let Verdict::Violation(why) = check(&history, BUDGET) else {
        panic!("contradictory readers were accepted")
    };
    assert!(why.blocked == 2 || why.blocked == 3);
    assert_eq!(why.order.len(), 3);
}

#[test]
fn a_pending_write_may_have_happened_or_not() {
    for seen in [None, Some(7)] {
        let history = [
            pending(1, Call::Write { key: X, value: 7 }, 0),
            read(2, X, seen, (10, 20)),
        ];
        let order = order_of(check(&history, BUDGET));
        let expected = if seen.is_some() { vec![0, 1] } else { vec![1] };
        assert_eq!(order, expected, "reading {seen:?}");
    }
}

#[test]
fn a_pending_write_takes_effect_once_not_back_and_forth() {
    let history = [
        write(1, X, 1, (0, 5)),
        pending(2, Call::Write { key: X, value: 7 }, 10),
        read(3, X, Some(7), (20, 30)),
        read(3, X, Some(1), (40, 50)),
    ];
    assert!(matches!(check(&history, BUDGET), Verdict::Violation(_)));
}

#[test]
fn a_pending_read_constrains_nothing() {
    let history = [write(1, X, 1, (0, 10)), pending(2, Call::Read { key: X }, 5)];
    assert_eq!(order_of(check(&history, BUDGET)), vec![0]);
}

#[test]
fn keys_are_checked_apart_and_a_violation_on_one_is_found_among_many_operations_on_another() {
    let mut history = Vec::new();
    for i in 0..500u64 {
        let t = i * 100;
        history.push(write(1, X, i as i64, (t, t + 60)));
        history.push(read(2, X, Some(i as i64), (t + 70, t + 90)));
    }
    history.push(write(3, Y, 1, (0, 10)));
    history.push(read(4, Y, None, (20, 30)));
    let Verdict::Violation(why) = check(&history, BUDGET) else {
        panic!("the stale read on y was missed")
    };
    assert_eq!(why.blocked, history.len() - 1);
    assert_eq!(why.possible, vec![Ret::Value(Some(1))]);
}

#[test]
fn a_global_order_respects_real_time_across_keys() {
    let history = [
        write(1, Y, 5, (0, 10)),
        write(2, X, 1, (20, 30)),
        read(3, Y, Some(5), (40, 50)),
        read(4, X, Some(1), (40, 50)),
    ];
    let order = order_of(check(&history, BUDGET));
    let place = |i: usize| order.iter().position(|&o| o == i).unwrap_or(usize::MAX);
    assert!(place(0) < place(1) && place(1) < place(2) && place(1) < place(3));
}

#[test]
fn a_big_ambiguous_history_with_a_tiny_budget_is_undecided_within_it() {
    let history: Vec<Operation> = (0..2_000)
        .map(|i| write(i % 7, X, i as i64, (0, 1_000)))
        .chain([read(9, X, Some(-1), (2_000, 2_100))])
        .collect();
    assert_eq!(check(&history, 10), Verdict::Undecided { steps: 10 });
}

/// Ten reads of nothing and six writes that never answered, all called at
/// once: a history whose orders are too many to try one by one.
fn crowded_start() -> Vec<Operation> {
    let reads = (0..10).map(|i| read(i, X, None, (0, 10 + i as u64)));
    let writes = (1..=6).map(|v| pending(20 + v as u32, Call::Write { key: X, value: v }, 0));
    reads.chain(writes).collect()
}

#[test]
fn a_read_of_a_value_nobody_wrote_is_found_at_once_however_crowded_the_history() {
    let mut history = crowded_start();
    history.push(write(30, X, 100, (50, 60)));
    history.push(read(31, X, Some(-100), (70, 80)));
    let Verdict::Violation(why) = check(&history, 10_000) else {
        panic!("a made-up value was accepted or undecided")
    };
    assert_eq!(why.blocked, 17);
    assert_eq!(why.returned, Ret::Value(Some(-100)));
    assert!(why.possible.contains(&Ret::Value(Some(100))), "{why:?}");
    assert!(why.order.contains(&16), "the write of 100 is in the order: {why:?}");
}

#[test]
fn a_stale_read_behind_writes_nobody_saw_is_found_within_a_small_budget() {
    let mut history = crowded_start();
    history.push(write(30, X, 100, (50, 60)));
    history.push(write(30, X, 200, (70, 80)));
    history.push(read(31, X, Some(100), (90, 95)));
    let Verdict::Violation(why) = check(&history, 10_000) else {
        panic!("the stale read was not found")
    };
    assert_eq!(why.blocked, 18);
    assert_eq!(why.possible, vec![Ret::Value(Some(200))]);
    assert_eq!(
        why.finished_before(&history),
        Some(17),
        "the write of 200 had finished: {why:?}"
    );
}

#[test]
fn writes_of_one_value_that_never_answered_are_tried_once_not_in_every_order() {
    let mut history = vec![write(1, X, 1, (0, 5))];
    history.extend((0..14).map(|i| pending(2 + i, Call::Write { key: X, value: 7 }, 10)));
    history.push(read(20, X, Some(7), (20, 30)));
    history.push(read(20, X, Some(1), (40, 50)));
    assert!(matches!(check(&history, 10_000), Verdict::Violation(_)));
    history.pop();
    history.push(read(20, X, Some(7), (40, 50)));
    assert!(matches!(check(&history, 10_000), Verdict::Linearizable { .. }));
}

#[test]
fn an_answer_stamped_before_its_call_counts_as_at_the_call() {
    let history = [write(1, X, 1, (50, 10)), read(2, X, Some(1), (60, 70))];
    assert_eq!(order_of(check(&history, BUDGET)), vec![0, 1]);
}

/// A random history a sequential store produced, on two registers and a
/// counter: each operation's instant is drawn first, then its call and
/// answer around it; some writes and adds get no answer, taking effect or
/// not.
fn sequential_history() -> impl Strategy<Value = Vec<Operation>> {
    let step = (0u32..3, 0u8..3, -5i64..5, 0u64..40, 0u64..40, 0u64..6, 0u8..8);
    prop::collection::vec(step, 0..40).prop_map(|steps| {
        // Key 2 is a counter when the history adds to it (the checker's rule).
        let adds = steps.iter().any(|&(key, kind, ..)| key == 2 && kind != 0);
        let mut state: [Option<i64>; 3] = [None, None, adds.then_some(0)];
        let mut instant = 0;
        steps
            .into_iter()
            .enumerate()
            .map(|(i, (key, kind, value, before, after, gap, fate))| {
                instant += gap;
                let slot = key as usize;
                let counter = key == 2;
                // Fate 0: a write or add lost before it took effect; 1: lost after.
                let lost = kind != 0 && fate < 2;
                let took_effect = !lost || fate == 1;
                let kept = state[slot];
                let (call, ret) = match (kind, counter) {
                    (0, _) => (Call::Read { key }, Ret::Value(state[slot])),
                    (_, true) => {
                        state[slot] = Some(state[slot].unwrap_or(0) + value);
                        (Call::Add { key, by: value }, Ret::Done)
                    }
                    (_, false) => {
                        state[slot] = Some(value);
                        (Call::Write { key, value }, Ret::Done)
                    }
                };
                if !took_effect {
                    state[slot] = kept;
                }
                let invoked = instant.saturating_sub(before);
                let outcome = if lost {
                    Outcome::Pending
                } else {
                    Outcome::Returned {
                        ret,
                        completed: instant + after,
                    }
                };
                Operation {
                    client: NodeId(i as u32 % 5),
                    call,
                    invoked,
                    outcome,
                }
            })
            .collect()
    })
}

proptest! {
    #[test]
    fn what_a_sequential_store_answered_is_always_linearizable(history in sequential_history()) {
        let verdict = check(&history, 1_000_000);
        let Verdict::Linearizable { order } = verdict else {
            return Err(TestCaseError::fail(format!("rejected: {verdict:?}")));
        };
        let completed = history.iter().filter(|op| op.completed().is_some()).count();
        prop_assert!(order.len() >= completed);
    }

    #[test]
    fn a_read_of_a_value_nobody_wrote_appended_to_a_sequential_history_is_caught(
        history in sequential_history(),
        key in 0u32..2,
        late in 1u64..50,
    ) {
        let mut history = history;
        let end = history.iter().map(|op| op.completed().unwrap_or(op.invoked)).max().unwrap_or(0);
        history.push(read(9, key, Some(-100), (end + late, end + late + 5)));
        let verdict = check(&history, 1_000_000);
        let Verdict::Violation(why) = verdict else {
            return Err(TestCaseError::fail(format!("not caught: {verdict:?}")));
        };
        prop_assert_eq!(why.blocked, history.len() - 1);
        prop_assert!(!why.possible.contains(&Ret::Value(Some(-100))));
    }
}

/// Whether some order of the operations fits, tried one by one: every
/// operation that answered, any choice of those that did not, in any order
/// that keeps an operation after every operation whose answer came before
/// its call, with each key's answers those of the sequential store.
fn fits_by_brute_force(history: &[Operation]) -> bool {
    let answered: Vec<usize> = (0..history.len())
        .filter(|&i| history[i].completed().is_some())
        .collect();
    let unanswered: Vec<usize> = (0..history.len())
        .filter(|&i| history[i].completed().is_none())
        .collect();
    (0u32..1 << unanswered.len()).any(|chosen| {
        let mut ops = answered.clone();
        ops.extend(
            (0..unanswered.len())
                .filter(|b| chosen & (1 << b) != 0)
                .map(|b| unanswered[b]),
        );
        some_order_fits(history, &mut Vec::new(), &mut ops)
    })
}

fn some_order_fits(history: &[Operation], placed: &mut Vec<usize>, left: &mut Vec<usize>) -> bool {
    if left.is_empty() {
        return replays(history, placed);
    }
    for at in 0..left.len() {
        let next = left[at];
        // Nothing left may have answered before `next` was called.
        let too_late = left.iter().any(|&other| {
            other != next
                && history[other]
                    .completed()
                    .is_some_and(|done| done < history[next].invoked)
        });
        if too_late {
            continue;
        }
        left.swap_remove(at);
        placed.push(next);
        let fits = some_order_fits(history, placed, left);
        placed.pop();
        left.push(next);
        let last = left.len() - 1;
        left.swap(at, last);
        if fits {
            return true;
        }
    }
    false
}

fn replays(history: &[Operation], order: &[usize]) -> bool {
    use many_nodes::check::{apply, Model};
    let mut states = std::collections::BTreeMap::new();
    order.iter().all(|&i| {
        let op = history[i];
        let key = op.call.key();
        let model = Model::of_key(history.iter().filter(|o| o.call.key() == key).map(|o| o.call));
        let state = states.entry(key).or_insert_with(|| model.initial());
        let (after, said) = apply(*state, op.call);
        *state = after;
        op.ret().is_none_or(|ret| ret == said)
    })
}

/// A small random history of overlapping operations on two keys, with
/// answers drawn from a few values, so that some fit an order and some do
/// not; some writes and adds never answer.
fn small_history() -> impl Strategy<Value = Vec<Operation>> {
    let one = (
        0u32..2,
        0u8..4,
        0i64..3,
        0u64..30,
        1u64..20,
        0u8..6,
        prop::option::of(0i64..3),
    );
    prop::collection::vec(one, 1..7).prop_map(|ops| {
        ops.into_iter()
            .enumerate()
            .map(|(i, (key, kind, value, invoked, length, fate, seen))| {
                let call = match kind {
                    0 | 1 => Call::Read { key },
                    2 => Call::Write { key, value },
                    _ => Call::Add { key, by: value },
                };
                let ret = if call.changes() { Ret::Done } else { Ret::Value(seen) };
                if call.changes() && fate == 0 {
                    pending(i as u32, call, invoked)
                } else {
                    op(i as u32, call, invoked, ret, invoked + length)
                }
            })
            .collect()
    })
}

proptest! {
    #[test]
    fn the_checker_agrees_with_trying_every_order(history in small_history()) {
        let fits = fits_by_brute_force(&history);
        let verdict = check(&history, 1_000_000);
        prop_assert_eq!(matches!(verdict, Verdict::Linearizable { .. }), fits, "{:?}", verdict);
        prop_assert!(!matches!(verdict, Verdict::Undecided { .. }), "undecided");
    }
}
