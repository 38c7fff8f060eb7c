use super::*;
use crate::check::check;
use crate::lessons::LESSONS;
use crate::scenario::Scenario;
use crate::sim::{millis, seconds, Action, Call, Ret, Run, ValueMeaning};

const BUDGET: u64 = 200_000;

fn names() -> Vec<String> {
    ["R0", "R1", "R2", "C0", "C1"].map(String::from).to_vec()
}

const C0: NodeId = NodeId(3);
const C1: NodeId = NodeId(4);

/// The view of a hand-made history `ops` with `verdict`, no faults, the
/// usual names and a 3 s window ending `now`, `columns` characters wide.
fn hand_made_view(
    ops: &[Operation],
    verdict: &Verdict,
    values: ValueMeaning,
    now: SimTime,
    columns: f64,
) -> HistoryView {
    let seen = Seen {
        ops,
        verdict,
        faults: &[],
        names: &names(),
        values,
    };
    history_view(
        &seen,
        Window {
            span: seconds(3),
            now,
            columns,
        },
    )
}

fn op(client: NodeId, call: Call, invoked: u64, outcome: Outcome) -> Operation {
    Operation {
        client,
        call,
        invoked: millis(invoked),
        outcome,
    }
}

fn returned(ret: Ret, completed: u64) -> Outcome {
    Outcome::Returned {
        ret,
        completed: millis(completed),
    }
}

/// C0 writes x = its write 25 and hears back; then C1 reads C1's older
/// write 23.
fn stale_read() -> Vec<Operation> {
    vec![
        op(
            C1,
            Call::Write {
                key: 0,
                value: 4_000_023,
            },
            100,
            returned(Ret::Done, 200),
        ),
        op(
            C0,
            Call::Write {
                key: 0,
                value: 3_000_025,
            },
            300,
            returned(Ret::Done, 400),
        ),
        op(
            C1,
            Call::Read { key: 0 },
            500,
            returned(Ret::Value(Some(4_000_023)), 600),
        ),
    ]
}

#[test]
fn a_stale_read_is_the_red_bar_and_the_sentence_names_both_values() {
    let ops = stale_read();
    let verdict = check(&ops, BUDGET);
    let view = hand_made_view(&ops, &verdict, ValueMeaning::NumberedWrites, millis(700), 100.0);
    assert_eq!(
        view.rows.iter().map(|r| r.name.as_str()).collect::<Vec<_>>(),
        ["C0", "C1"]
    );
    let red: Vec<&Bar> = view.bars.iter().filter(|b| b.breaks).collect();
    assert_eq!(red.len(), 1);
    assert_eq!(red[0].op, 2);
    assert_eq!(red[0].label, "r(x)→C1:23");
    assert!(red[0].label_fits, "the breaking read is always labelled");
    assert!(view.bars.iter().any(|b| b.missed && b.op == 1));
    assert!(view.bars.iter().all(|b| b.point.is_none()), "no order to mark");
    let said = view.said.expect("a verdict");
    assert_eq!(
        sentence(&said),
        "C1 read x and got write 23 of C1 after C0's write 25 to x had finished; \
         no order of these operations explains it."
    );
}

#[test]
fn a_label_that_would_run_past_the_window_s_end_runs_back_from_its_bar_s_end() {
    let ops = stale_read();
    let verdict = check(&ops, BUDGET);
    // 20 characters across 700 ms: the red read's label (11 with its gap)
    // takes 385 ms, more than the 200 ms left after the read starts.
    let narrow = hand_made_view(&ops, &verdict, ValueMeaning::NumberedWrites, millis(700), 20.0);
    let red = narrow.bars.iter().find(|b| b.breaks).expect("the red read");
    assert!(red.label_leftward, "the red read's label runs back from its end");
    let missed = narrow.bars.iter().find(|b| b.missed).expect("the missed write");
    assert!(!missed.label_leftward, "the missed write's label fits after its start");
    // 100 characters across: it fits after the read's start.
    let wide = hand_made_view(&ops, &verdict, ValueMeaning::NumberedWrites, millis(700), 100.0);
    assert!(wide.bars.iter().all(|b| !b.label_leftward));
}

#[test]
fn a_linearizable_history_marks_each_operation_where_it_took_effect_in_order() {
    let ops = vec![
        op(C0, Call::Write { key: 0, value: 7 }, 100, returned(Ret::Done, 400)),
        op(C1, Call::Read { key: 0 }, 150, returned(Ret::Value(None), 200)),
        op(C1, Call::Read { key: 0 }, 300, returned(Ret::Value(Some(7)), 500)),
    ];
    let verdict = check(&ops, BUDGET);
    assert!(matches!(verdict, Verdict::Linearizable { .. }));
    let view = hand_made_view(&ops, &verdict, ValueMeaning::Plain, millis(600), 100.0);
    for bar in &view.bars {
        let point = bar.point.expect("every answered operation is marked");
        assert!(bar.from <= point && point <= bar.to, "{bar:?}");
        assert!(!bar.breaks);
    }
    let at = |i: usize| view.bars.iter().find(|b| b.op == i).and_then(|b| b.point);
    assert!(
        at(1) < at(0) && at(0) < at(2),
        "the empty read before the write, the other after"
    );
    assert_eq!(view.bars[1].label, "r(x)→∅");
    assert_eq!(step(&view, 1, Step::Later), Some(2));
    assert_eq!(step(&view, 2, Step::Earlier), Some(1));
    assert_eq!(step(&view, 1, Step::Earlier), None);
    assert_eq!(step(&view, 1, Step::Up), Some(0), "C0's write, on the row above");
    assert_eq!(step(&view, 0, Step::Down), Some(1), "C1's read nearest in time");
    assert_eq!(step(&view, 0, Step::Up), None);
    assert_eq!(step(&view, 1, Step::Last), Some(2));
    let lanes: Vec<u8> = view.bars.iter().map(|b| b.lane).collect();
    assert_eq!(lanes, [0, 0, 1], "a row's labels take turns on its two lines");
    assert_eq!(view.bars[1].room_to, millis(600), "no later label on its line");
    assert!(
        view.bars.iter().all(|b| b.label_fits),
        "100 characters across 0.6 s: every label fits"
    );
    let narrow = hand_made_view(&ops, &verdict, ValueMeaning::Plain, millis(600), 10.0);
    let fits: Vec<bool> = narrow.bars.iter().map(|b| b.label_fits).collect();
    assert_eq!(
        fits,
        [true, true, false],
        "on 10 characters across 0.6 s, the last label has no room before now"
    );
    assert_eq!(view.bars[0].label, "w(x,7)");
    assert!(sentence(&Said::Linearizable).starts_with("Linearizable"));
}

#[test]
fn failed_operations_are_open_bars_with_their_word_and_a_waiting_one_runs_to_now() {
    let ops = vec![
        op(
            C0,
            Call::Write {
                key: 1,
                value: 3_000_001,
            },
            100,
            Outcome::Failed {
                why: Failure::TimedOut,
                at: millis(900),
            },
        ),
        op(
            C1,
            Call::Read { key: 1 },
            200,
            Outcome::Failed {
                why: Failure::Refused,
                at: millis(250),
            },
        ),
        op(C1, Call::Add { key: 2, by: 1 }, 300, Outcome::Pending),
    ];
    let verdict = check(&ops, BUDGET);
    let view = hand_made_view(&ops, &verdict, ValueMeaning::NumberedWrites, millis(1_000), 100.0);
    let endings: Vec<(Ending, &str)> = view.bars.iter().map(|b| (b.ending, b.label.as_str())).collect();
    assert_eq!(
        endings,
        [
            (Ending::TimedOut, "w(y,C0:1) timed out"),
            (Ending::Refused, "r(y) refused"),
            (Ending::Pending, "add(z,1)…"),
        ]
    );
    assert_eq!(view.bars[2].to, millis(1_000));
    assert_eq!(
        view.bars[1].spoken,
        "C1 asked to read y, called at 0.200 s, refused at 0.250 s."
    );
    assert_eq!(view.fraction(view.bars[2].to), 1.0);
}

#[test]
fn an_undecided_check_says_so() {
    let ops = stale_read();
    let view = hand_made_view(
        &ops,
        &Verdict::Undecided { steps: 12 },
        ValueMeaning::NumberedWrites,
        millis(700),
        100.0,
    );
    assert!(view.bars.iter().all(|b| !b.breaks && b.point.is_none()));
    let said = view.said.expect("a verdict");
    assert!(sentence(&said).starts_with("The checker could not decide within its budget"));
}

#[test]
fn faults_are_bands_from_when_done_to_when_undone_or_now() {
    let log = [
        Intervention::new(seconds(1), Action::Crash(NodeId(0))),
        Intervention::new(seconds(2), Action::Partition(vec![vec![NodeId(2), C1]])),
        Intervention::new(seconds(3), Action::Restart(NodeId(0))),
        Intervention::new(
            seconds(4),
            Action::CutLink {
                from: C0,
                to: NodeId(1),
            },
        ),
        Intervention::new(
            seconds(4),
            Action::CutLink {
                from: NodeId(1),
                to: C0,
            },
        ),
        Intervention::new(seconds(5), Action::HealAll),
        Intervention::new(seconds(6), Action::Pause(C1)),
    ];
    let found = bands(&log, &names(), 0, seconds(8));
    let seen: Vec<(SimTime, SimTime, &str)> = found.iter().map(|b| (b.from, b.to, b.words.as_str())).collect();
    assert_eq!(
        seen,
        [
            (seconds(1), seconds(3), "R0 crashed"),
            (seconds(2), seconds(5), "network split: R2, C1 | R0, R1, C0"),
            (seconds(4), seconds(5), "link C0↔R1 cut"),
            (seconds(6), seconds(8), "C1 paused"),
        ]
    );
    let later = bands(&log, &names(), seconds(4), seconds(8));
    assert_eq!(later.len(), 3, "the crash ended before the window");
    assert_eq!(later[0].from, seconds(4), "clipped to the window");
}

/// The scenario of lesson 8's step titled `title`.
fn partitions(title: &str) -> Scenario {
    let lesson = LESSONS.iter().find(|l| l.slug == "partitions").expect("lesson 8");
    let step = lesson.steps.iter().find(|s| s.title == title).expect("the step");
    (step.scenario.expect("a scenario"))()
}

fn view_of(scenario: &Scenario, secs: u64) -> (Box<dyn Run>, HistoryView) {
    let mut run = scenario.build().expect("it builds");
    run.advance_to(seconds(secs));
    let ops = run.history().operations();
    let names: Vec<String> = run.snapshot().nodes.iter().map(|n| n.name.clone()).collect();
    let verdict = check(&ops, BUDGET);
    let seen = Seen {
        ops: &ops,
        verdict: &verdict,
        faults: run.log(),
        names: &names,
        values: run.values(),
    };
    let view = history_view(
        &seen,
        Window {
            span: seconds(3),
            now: run.now(),
            columns: 100.0,
        },
    );
    (run, view)
}

#[test]
fn lesson_8_answering_anyway_shows_one_red_read_under_the_split() {
    let (_, view) = view_of(&partitions("Answer anyway?"), 12);
    let red: Vec<&Bar> = view.bars.iter().filter(|b| b.breaks).collect();
    assert_eq!(red.len(), 1, "{view:?}");
    assert!(red[0].label.starts_with("r("), "{:?}", red[0]);
    let words = sentence(view.said.as_ref().expect("a verdict"));
    assert!(words.contains(" read ") && words.contains("write "), "{words}");
    assert!(words.ends_with("no order of these operations explains it."), "{words}");
    assert!(
        view.bands.iter().any(|b| b.words.starts_with("network split")),
        "{:?}",
        view.bands
    );
    assert!(view.bars.len() <= MOST_BARS);
}

#[test]
fn the_view_reaches_back_to_show_a_fault_and_a_little_before_it_within_30_s() {
    let crash_at = |at: SimTime| [Intervention::new(at, Action::Crash(NodeId(0)))];
    let view = |faults: &[Intervention], now: SimTime| {
        let ops = stale_read();
        let verdict = Verdict::Linearizable { order: Vec::new() };
        let seen = Seen {
            ops: &ops,
            verdict: &verdict,
            faults,
            names: &names(),
            values: ValueMeaning::NumberedWrites,
        };
        history_view(
            &seen,
            Window {
                span: seconds(3),
                now,
                columns: 100.0,
            },
        )
    };
    let shown = view(&crash_at(seconds(1)), seconds(8));
    assert_eq!(shown.start, seconds(1) - BEFORE_A_FAULT, "{shown:?}");
    assert_eq!(shown.bands.len(), 1);
    let none = view(&[], seconds(8));
    assert_eq!(none.start, seconds(5), "with no fault, the window's span");
    let long_ago = view(&crash_at(seconds(1)), seconds(40));
    assert_eq!(long_ago.start, seconds(10), "never more than 30 s back");
}

#[test]
fn lesson_8_refusing_keeps_it_linearizable_with_refused_bars() {
    let mut scenario = partitions("When the network splits");
    scenario.interventions = partitions("Answer anyway?").interventions;
    let (_, view) = view_of(&scenario, 12);
    assert!(view.bars.iter().all(|b| !b.breaks));
    assert!(view.bars.iter().any(|b| b.ending == Ending::Refused));
    assert_eq!(view.said, Some(Said::Linearizable));
}

#[test]
fn an_operation_is_linked_to_the_messages_its_client_sent_and_got_meanwhile() {
    let (run, view) = view_of(&partitions("When the network splits"), 4);
    let bar = view
        .bars
        .iter()
        .find(|b| b.ending == Ending::Answered)
        .expect("an answered operation");
    let client = view.rows[bar.row].client;
    let messages = messages_between(run.trace(), client, bar.from, bar.to);
    assert!(messages.len() >= 2, "a request and its answer: {messages:?}");
    let quiet = messages_between(run.trace(), client, bar.from, bar.from);
    assert!(quiet.len() < messages.len());
    for message in messages {
        assert!(
            ops_of_message(&view, run.trace(), message).contains(&bar.op),
            "and each of them back to the operation"
        );
    }
}
