//! Lesson 3, "Every node has its own clock": clocks that drift apart, a
//! chat in which a clock running behind stamps an answer before the
//! question that caused it, Lamport counters that always put the question
//! first, a node that hears an answer before its question, and a glimpse
//! of vector clocks.

use crate::protocols::lamport::message::{ANSWER, QUESTION};
use crate::scenario::{ClusterSpec, Scenario};
use crate::sim::Kind;
use crate::sim::{millis, seconds, Headline, NetworkConfig, NodeId, Run, SimTime, Snapshot, TraceKind};

use super::controls::Control;
use super::focus::{Focus, Sight, Stamp};
use super::observe::node;
use super::{Lesson, Question, Step, Task};
use crate::protocols::lamport;
use crate::sim::words::count;

const SEED: u64 = 303;

/// How fast A and C run, and how slow B runs, in the drifting clocks
/// scenario (parts per million: 2%).
const DRIFT_PPM: i32 = 20_000;

/// How far B's clock runs behind in the chat.
const B_BEHIND_MS: u32 = 500;

/// One-way delay of every link in this lesson: slow enough to follow a message across.
const HOP_MS: u64 = 200;

/// Rounds of the chat, enough to keep it going for over an hour.
const LONG_CHAT_ROUNDS: u32 = 10_000;

pub static LESSON: Lesson = Lesson {
    slug: "clocks",
    title: "Every node has its own clock",
    goal: "See that every node keeps its own time, that those clocks can put an effect before its cause, and how \
           counting events fixes the order.",
    steps: &[
        Step {
            title: "No clock on the wall",
            text: &[
                "Each node has its own clock, shown beside it on the canvas. There is no shared \"now\" that \
                 every node can read: each one only knows what its own clock says.",
                "A clock can start out wrong, which is called an offset, and it can run too fast or too slow, \
                 which is called drift. Here A and C run a little fast and B a little slow. Let it play and \
                 watch their readings pull apart.",
                "Real computers correct their clocks now and then by asking a time server over the network, but \
                 the answer takes time to arrive, so they are never exactly right.",
            ],
            scenario: Some(drifting_clocks),
            point_at: None,
            task: None,
            question: None,
            chart: None,
            focus: Focus {
                speed: Some(0.5),
                look: &[Sight::Clocks],
                ..Focus::NONE
            },
        },
        Step {
            title: "When timestamps lie",
            text: &[
                "Now a chat. A asks a question, B answers it, and C comments on the answer, round after round. \
                 Every message takes about 200 ms to arrive.",
                "B's clock runs 500 ms behind everyone else's. Each node writes its own clock reading on every \
                 event it logs, as any server writes timestamps in its logs. The space-time diagram shows the chat: \
                 one lane per node, time running to the right, and every send and arrival stamped with the \
                 reading of its node's clock.",
            ],
            scenario: Some(chat),
            point_at: Some("B"),
            task: None,
            question: Some(Question {
                prompt: "Line up the first round's events by the time written on them. Which comes first: A's \
                         question or B's answer?",
                choices: &[
                    "A's question, as it really happened",
                    "B's answer, even though the question caused it",
                    "Neither: they carry the same time",
                ],
                watch_until: seconds(2),
                outcome: first_by_clock,
                expected: 1,
                why: &[
                    "By the clocks, the question came first. That only holds while the answering clock is behind \
                     by less than a message takes to travel, or if no answer was sent at all.",
                    "B's answer is stamped earlier than the question it answers. B's clock is 500 ms behind, and \
                     the question reached B in less time than that, so B's clock read a time before the question \
                     was even asked. Sorting logs from different nodes by their timestamps can put an effect \
                     before its cause.",
                    "Two events stamped with exactly the same time: a coincidence of clocks, and a reminder that \
                     clock readings alone cannot tell you which came first.",
                ],
            }),
            chart: None,
            focus: Focus {
                look: &[Sight::Stamps(Stamp::Clock)],
                speed: Some(0.5),
                ..Focus::NONE
            },
        },
        Step {
            title: "Count instead of reading the clock",
            text: &[
                "Leslie Lamport's fix is to stop trusting clocks for order and count instead. Each node keeps a \
                 counter and adds one for every event: each send and arrival, and also its start and each of its \
                 own timers going off, which the diagram does not draw (so A's first question already carries \
                 more than 1). Every message carries the sender's counter, and a node that receives one first \
                 jumps past that number.",
                "So a reply always gets a bigger number than the message it replies to. The diagram now stamps every \
                 send and arrival with its Lamport number: a node's sends above its line, the first to leave \
                 nearest the line (A asks B first, then C), and what it receives below; where the diagram is \
                 small, a stamp with no room is left out. Same chat, same clock running behind.",
            ],
            scenario: Some(chat),
            point_at: Some("A"),
            task: None,
            question: Some(Question {
                prompt: "By Lamport numbers, which of the first round's events comes first?",
                choices: &["A's question", "B's answer", "Neither: they get the same number"],
                watch_until: seconds(2),
                outcome: first_by_lamport,
                expected: 0,
                why: &[
                    "The question comes first. B had to receive it before answering, and receiving it pushed B's \
                     counter past the number the question carried. Lamport numbers never put an effect before \
                     its cause, however wrong the clocks are.",
                    "The answer got the smaller number, which can only happen if B answered something other than \
                     the first question: the first one must have gone missing on its way to B.",
                    "Equal numbers would mean neither event knew of the other, but an answer always knows its \
                     question. Here the first question must have gone missing.",
                ],
            }),
            chart: None,
            focus: Focus {
                look: &[Sight::Stamps(Stamp::Lamport)],
                speed: Some(0.5),
                ..Focus::NONE
            },
        },
        Step {
            title: "Each node sees its own story",
            text: &[
                "Clocks are not the only thing nodes disagree on. Each node hears messages in the order they \
                 happen to reach it, and that order can differ from node to node.",
                "Right now C always hears A's question before B's answer, because the answer needs two trips \
                 and the question only one. The words beside C count the answers it heard first, before their \
                 question: none so far. Change that.",
            ],
            scenario: Some(long_chat),
            point_at: Some("C"),
            task: Some(Task {
                instruction: "Make C hear an answer before (or without) the question it answers.",
                hint: "Cut the link between A and C by clicking it on the canvas. You can also drop a question \
                       headed for C from A's menu, or open {network}, drag {latency} down to 0 ms and {jitter} up \
                       to 200 ms, and let the run play for a few seconds.",
                done: c_heard_an_answer_first,
                praise: own_story_praise,
                example: None,
            }),
            question: None,
            chart: None,
            focus: Focus {
                look: &[Sight::Links, Sight::AnswersFirst],
                speed: Some(0.5),
                spotlight: Some(Control::Network),
            },
        },
        Step {
            title: "A glimpse of vector clocks",
            text: &[
                "Lamport numbers never put an effect before its cause, but they cannot prove that one event \
                 caused another: two events that knew nothing of each other still get numbers, and one is \
                 bigger.",
                "Vector clocks keep one counter per node instead of one in all. The chat starts over, on the network \
                 as it was at first, and the diagram now stamps every event \
                 with its node's vector clock, written [A, B, C]: how many events that node has heard of from A, \
                 from B and from C (where the diagram is small, a stamp with no room is left out). Compare two \
                 vectors entry by entry and you can tell whether one event could have influenced the other, or \
                 whether they happened concurrently, each unaware of the other.",
            ],
            scenario: Some(chat),
            point_at: Some("C"),
            task: None,
            question: None,
            chart: None,
            focus: Focus {
                look: &[Sight::Stamps(Stamp::Vector)],
                speed: Some(0.5),
                ..Focus::NONE
            },
        },
    ],
    takeaway: "There is no shared now: order events by what caused what, not by what each node's clock says.",
};

fn drifting_clocks() -> Scenario {
    let spec = ClusterSpec::ClockDrift(lamport::ClockDrift {
        nodes: 3,
        drift_ppm: DRIFT_PPM,
    });
    let mut scenario = Scenario::new(spec, SEED);
    scenario.name = "Three clocks drifting apart".to_string();
    scenario.network = Some(NetworkConfig::uniform(millis(HOP_MS), millis(HOP_MS / 10)).default_link);
    scenario
}

fn chat_of(rounds: u32) -> Scenario {
    let spec = ClusterSpec::ClockChat(lamport::ClockChat {
        b_behind_ms: B_BEHIND_MS,
        rounds,
    });
    let mut scenario = Scenario::new(spec, SEED);
    scenario.name = "A chat with B's clock behind".to_string();
    scenario.network = Some(NetworkConfig::uniform(millis(HOP_MS), millis(HOP_MS / 10)).default_link);
    scenario
}

fn chat() -> Scenario {
    chat_of(10)
}

fn long_chat() -> Scenario {
    chat_of(LONG_CHAT_ROUNDS)
}

/// The first message ever sent of this kind: its sender, the true time
/// it was sent and the Lamport number it carries.
fn first_sent(run: &dyn Run, wanted: Kind) -> Option<(NodeId, SimTime, u64)> {
    run.trace().events().find_map(|e| match e.kind {
        TraceKind::Sent {
            from, kind, lamport, ..
        } if kind == wanted => Some((from, e.time, lamport)),
        _ => None,
    })
}

/// What `node`'s clock read at true time `at` (clocks here do not drift).
fn stamp(snapshot: &Snapshot, node: NodeId, at: SimTime) -> i64 {
    let offset = snapshot
        .nodes
        .get(node.index())
        .map_or(0, |n| n.local_time.saturating_sub(snapshot.time as i64));
    (at as i64).saturating_add(offset)
}

/// 0 if the first question's clock stamp is earlier than the first
/// answer's (or there is no answer), 1 if the answer's is earlier, 2 if
/// they are equal.
fn first_by_clock(run: &dyn Run) -> usize {
    let (Some(question), Some(answer)) = (first_sent(run, QUESTION), first_sent(run, ANSWER)) else {
        return 0;
    };
    let snapshot = run.snapshot();
    let asked = stamp(&snapshot, question.0, question.1);
    let answered = stamp(&snapshot, answer.0, answer.1);
    match answered.cmp(&asked) {
        std::cmp::Ordering::Less => 1,
        std::cmp::Ordering::Equal => 2,
        std::cmp::Ordering::Greater => 0,
    }
}

/// 0 if the first question carries a smaller Lamport number than the first
/// answer (or there is no answer), 1 if larger, 2 if equal.
fn first_by_lamport(run: &dyn Run) -> usize {
    let (Some(question), Some(answer)) = (first_sent(run, QUESTION), first_sent(run, ANSWER)) else {
        return 0;
    };
    match answer.2.cmp(&question.2) {
        std::cmp::Ordering::Less => 1,
        std::cmp::Ordering::Equal => 2,
        std::cmp::Ordering::Greater => 0,
    }
}

/// How many questions and answers C has taken in, by the trace.
struct Heard {
    questions: u64,
    answers: u64,
}

fn heard_by_c(run: &dyn Run) -> Heard {
    let mut heard = Heard {
        questions: 0,
        answers: 0,
    };
    let snapshot = run.snapshot();
    let Some(c) = node(&snapshot, "C").map(|n| n.id) else {
        return heard;
    };
    for event in run.trace().events() {
        match event.kind {
            TraceKind::Delivered { to, kind, .. } if to == c && kind == QUESTION => heard.questions += 1,
            TraceKind::Delivered { to, kind, .. } if to == c && kind == ANSWER => heard.answers += 1,
            _ => {}
        }
    }
    heard
}

/// The answers C heard before their question, as the count beside it
/// shows them.
fn answers_c_heard_first(run: &dyn Run) -> u64 {
    let snapshot = run.snapshot();
    match node(&snapshot, "C").and_then(|c| c.headline) {
        Some(Headline::AnswersFirst { answers }) => answers,
        _ => 0,
    }
}

/// C heard at least one answer before its question.
fn c_heard_an_answer_first(run: &dyn Run) -> bool {
    answers_c_heard_first(run) > 0
}

fn own_story_praise(run: &dyn Run) -> String {
    let heard = heard_by_c(run);
    let missing = heard.answers.saturating_sub(heard.questions);
    let now = if missing > 0 {
        format!(
            "It now holds {} whose question it has not heard.",
            count(missing, "answer")
        )
    } else {
        "It heard the question only afterwards.".to_string()
    };
    let (first, asked) = match answers_c_heard_first(run) {
        1 => (
            "an answer before the question it answers".to_string(),
            "that question and B heard it",
        ),
        n => (
            format!("{n} answers before their questions"),
            "those questions and B heard each",
        ),
    };
    format!(
        "C heard {first}, as the count beside it shows. {now} A asked {asked} before \
         answering, so both of them saw the question first. Three nodes, three different stories of the same \
         conversation: none of them is wrong, and none of them is the whole truth."
    )
}
