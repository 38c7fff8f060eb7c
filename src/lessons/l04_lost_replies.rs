//! Lesson 4, "Lost messages, lost replies": the three ways a request can
//! end (answered, request lost, reply lost), why the last two look the
//! same to the client, how a retry then saves twice, and how idempotency
//! keys make retrying safe.

use super::typed::named;
use crate::protocols::rpc::message::{REPLY, REQUEST};
use crate::protocols::rpc::{Client, ClientTally, Ledger, RpcNode, Server};
use crate::scenario::{ClusterSpec, Scenario};
use crate::sim::Kind;
use crate::sim::{millis, seconds, Action, Intervention, NetworkConfig, NodeId, Run, TraceKind};

use super::controls::Control;
use super::focus::{Focus, Sight};
use super::{Lesson, Question, Step, Task};
use crate::protocols::rpc;
use crate::sim::words::count;

const SEED: u64 = 404;

/// One-way delay of the client-server link: slow enough to catch a message
/// on the wire, fast enough that every reply beats the client's timeout.
const HOP_MS: u64 = 100;

/// One-way delay in the keyed-saves scenario, whose client waits less.
const KEYED_HOP_MS: u64 = 40;

/// The share of messages the keyed-saves network loses, in parts per million.
const KEYED_LOSS_PPM: u32 = 200_000;

/// When the way back is healed in the retry scenario: after the first
/// reply is lost, before the retry is answered.
const HEAL_AT_MS: u64 = 450;

pub static LESSON: Lesson = Lesson {
    slug: "lost-replies",
    title: "Lost messages, lost replies",
    goal: "Lose requests and replies on purpose, see why a client cannot tell them apart, and make retries safe.",
    steps: &[
        Step {
            title: "Ask, wait, answer",
            text: &[
                "A client asks a server to save something: add 10 to a balance. The request crosses the network, \
                 the server does the work, and its reply crosses back. Every second the client asks again.",
                "With each request the client starts a timer. If no reply comes before it runs out, the client \
                 stops waiting: a timeout. This client then gives up on that request without trying again. \
                 The dark ring hugging the client's circle is that timer: it appears with each request and drains while \
                 the client waits, until a reply clears it.",
                "On a real network a message can be delayed, lost, duplicated, or overtaken by a later one. In \
                 the next steps you will lose some on purpose.",
            ],
            scenario: Some(ask_and_answer),
            point_at: None,
            task: None,
            question: None,
            chart: None,
            focus: Focus {
                speed: Some(0.25),
                look: &[Sight::Countdown],
                ..Focus::NONE
            },
        },
        Step {
            title: "Lose the request",
            text: &[
                "Catch a request on its way to the server and drop it. Pausing first makes it easy: step forward \
                 until a request is on the wire, then drop it from the client's menu.",
            ],
            scenario: None,
            point_at: Some("client"),
            task: Some(Task {
                instruction: "Drop a request before it reaches the server.",
                hint: "Press {pause}, then press the client's button under the canvas: the messages it has on the \
                       wire are listed, each with a {drop} button. Press {step} until a request shows up. (Cutting the \
                       link from the client to the server loses the next request too.)",
                done: a_request_was_lost,
                praise: lost_request_praise,
                example: None,
            }),
            question: None,
            chart: None,
            focus: Focus::NONE,
        },
        Step {
            title: "Lose the reply",
            text: &[
                "Now let a request through and drop the server's reply on its way back.",
                "Before you do, look at the balance written on the server. If you cut a link or crashed a node in \
                 the last step, heal or restart \
                 it first.",
            ],
            scenario: None,
            point_at: Some("server"),
            task: Some(Task {
                instruction: "Drop a reply before it reaches the client.",
                hint: "Press {pause}, then press the server's button under the canvas: the messages it has on the \
                       wire are listed, each with a {drop} button. Press {step} until a reply shows up there, then \
                       press its {drop}. (Cutting the link one way, from the server to the client, loses the next \
                       reply too.)",
                done: a_reply_was_lost,
                praise: lost_reply_praise,
                example: None,
            }),
            question: None,
            chart: None,
            focus: Focus {
                look: &[Sight::Balance],
                ..Focus::NONE
            },
        },
        Step {
            title: "Try again?",
            text: &[
                "Giving up is rarely what you want, so clients retry: when the timer runs out, they send the \
                 same request again.",
                "In this run the client asks for one save and may retry once. The way back from the server is \
                 cut for the first moment, so the first reply is lost; the retry's reply gets through.",
                "The tag on top of the server counts the saves it ran twice.",
            ],
            scenario: Some(retry_after_a_lost_reply),
            point_at: Some("server"),
            task: None,
            question: Some(Question {
                prompt: "The balance starts at 0, and the client asked to add 10 once. What will the server's \
                         balance be?",
                choices: &[
                    "10: the save happens once",
                    "20: the save happens twice",
                    "0: the save never happens",
                ],
                watch_until: seconds(2),
                outcome: balance_after_the_retry,
                expected: 1,
                why: &[
                    "The save ran once: either the first reply got through, so the client never retried, or the \
                     retry never reached the server.",
                    "The first attempt was saved, but its reply was lost. The client could not tell that from a \
                     lost request, so it sent the same save again, and the server, seeing what looked like one \
                     more request, added 10 a second time. The client asked for one save and was charged for two.",
                    "The balance is still 0, so no attempt ever reached the server: the requests themselves were \
                     lost, not the replies.",
                ],
            }),
            chart: None,
            focus: Focus {
                look: &[Sight::Balance, Sight::Repeats],
                ..Focus::NONE
            },
        },
        Step {
            title: "Retries on a flaky network",
            text: &[
                "Real networks lose messages at random. A client that retries will sooner or later retry a save \
                 whose reply was lost, and that save runs twice.",
                "This client retries up to twice. Make the network unreliable and wait for a double save: the \
                 tag on top of the server counts the saves it ran twice.",
            ],
            scenario: Some(retrying_client),
            point_at: Some("server"),
            task: Some(Task {
                instruction: "Make a save run twice on the server.",
                hint: "Open {network} just below this lesson and drag the {loss} slider up to about 20 %, then let \
                       the run play. \
                       Dropping a reply by hand works too.",
                done: a_save_ran_twice,
                praise: twice_praise,
                example: None,
            }),
            question: None,
            chart: None,
            focus: Focus {
                look: &[Sight::Repeats],
                spotlight: Some(Control::Network),
                ..Focus::NONE
            },
        },
        Step {
            title: "Idempotency keys",
            text: &[
                "The fix is an idempotency key: a random label the client attaches to each save and repeats on \
                 every retry of it. The server remembers the keys it has seen and the answer it gave; when a key \
                 comes back, it sends the stored answer instead of saving again.",
                "Here the network loses 20% of all messages, and the client keeps retrying each save until it \
                 gets an answer or runs out of tries. It no longer waits a second between saves: it starts the \
                 next one 400 ms after the last is done, about twice a second. Every save carries its key. The tag on top of the server \
                 counts the keys it keeps and the saves it ran twice.",
            ],
            scenario: Some(keyed_saves),
            point_at: Some("server"),
            task: None,
            question: Some(Question {
                prompt: "After 8 seconds of this lossy network, how many saves will the server have applied \
                         twice?",
                choices: &["None", "A few", "Most of them"],
                watch_until: seconds(8),
                outcome: saves_applied_twice,
                expected: 0,
                why: &[
                    "Whenever a retry reached the server with a key it had already seen, the server sent \
                     back the answer it had stored instead of saving again. A retry whose first attempt had been \
                     lost on the way brought a key the server had not seen yet, so that save ran for the first \
                     time: once, as it should. The tag on the server shows the keys it kept, one per save.",
                    "Some saves ran twice, so some retries reached the server without a key it remembered.",
                    "Most saves ran twice: the keys were not doing their job.",
                ],
            }),
            chart: None,
            focus: Focus {
                look: &[Sight::Repeats],
                speed: Some(0.1),
                ..Focus::NONE
            },
        },
    ],
    takeaway: "A client cannot tell a lost request from a lost reply, so retries must be safe to repeat: give every \
               save an idempotency key.",
};

fn client_and_server(max_retries: u32, requests: Option<u32>) -> Scenario {
    let spec = ClusterSpec::ClientServer(rpc::ClientServer {
        requests,
        max_retries,
        idempotency_keys: false,
    });
    let mut scenario = Scenario::new(spec, SEED);
    scenario.network = Some(NetworkConfig::uniform(millis(HOP_MS), millis(HOP_MS / 10)).default_link);
    scenario
}

fn ask_and_answer() -> Scenario {
    let mut scenario = client_and_server(0, None);
    scenario.name = "A client saving to a server".to_string();
    scenario
}

fn retry_after_a_lost_reply() -> Scenario {
    let mut scenario = client_and_server(1, Some(1));
    scenario.name = "One save, one lost reply, one retry".to_string();
    let back = (NodeId(1), NodeId(0));
    scenario.interventions = vec![
        Intervention::new(
            0,
            Action::CutLink {
                from: back.0,
                to: back.1,
            },
        ),
        Intervention::new(
            millis(HEAL_AT_MS),
            Action::HealLink {
                from: back.0,
                to: back.1,
            },
        ),
    ];
    scenario
}

fn retrying_client() -> Scenario {
    let mut scenario = client_and_server(2, None);
    scenario.name = "A client that retries".to_string();
    scenario
}

fn keyed_saves() -> Scenario {
    let spec = ClusterSpec::RetryingSave(rpc::RetryingSave {
        loss_ppm: KEYED_LOSS_PPM,
        idempotency_keys: true,
    });
    let mut scenario = Scenario::new(spec, SEED);
    scenario.name = "Saves with idempotency keys".to_string();
    let mut link = NetworkConfig::uniform(millis(KEYED_HOP_MS), millis(KEYED_HOP_MS / 10)).default_link;
    link.loss = KEYED_LOSS_PPM;
    scenario.network = Some(link);
    scenario
}

/// Whether a message of this kind has ever been dropped, for any reason.
fn lost(run: &dyn Run, wanted: Kind) -> bool {
    run.trace()
        .events()
        .any(|e| matches!(e.kind, TraceKind::Dropped { kind, .. } if kind == wanted))
}

fn a_request_was_lost(run: &dyn Run) -> bool {
    lost(run, REQUEST)
}

fn a_reply_was_lost(run: &dyn Run) -> bool {
    lost(run, REPLY)
}

fn a_save_ran_twice(run: &dyn Run) -> bool {
    run.metrics().count("applied twice") > 0
}

/// The server's ledger: its balance and the saves it applied.
fn ledger(run: &dyn Run) -> Option<&Ledger> {
    named::<RpcNode>(run, "server")
        .and_then(RpcNode::as_server)
        .map(Server::ledger)
}

/// The balance the server keeps, and how many saves it applied (and how
/// many of them twice).
fn server_saves(run: &dyn Run) -> (i64, u64, u64) {
    ledger(run).map_or((0, 0, 0), |l| (l.balance(), l.version(), l.applied_twice()))
}

/// How many messages of this kind have been dropped, for any reason.
fn times_lost(run: &dyn Run, wanted: Kind) -> u64 {
    run.trace()
        .events()
        .filter(|e| matches!(e.kind, TraceKind::Dropped { kind, .. } if kind == wanted))
        .count() as u64
}

/// What the client counts of its requests.
fn client_tally(run: &dyn Run) -> ClientTally {
    named::<RpcNode>(run, "client")
        .and_then(RpcNode::as_client)
        .map(Client::tally)
        .unwrap_or_default()
}

/// What the client has seen of its lost messages: given up on every one
/// (each request lost, or whose reply was lost, ends in one give-up for a
/// client that does not retry), or still waiting for its timer.
fn silence(run: &dyn Run) -> String {
    let lost = times_lost(run, REQUEST) + times_lost(run, REPLY);
    let gave_up = client_tally(run).gave_up;
    if gave_up >= lost {
        format!(
            "The client waited, heard nothing, and gave up when its timer ran out: the tag by it says \
             {gave_up} gave up."
        )
    } else {
        "The client is still waiting and hears nothing; when its timer runs out, it will give up.".to_string()
    }
}

fn lost_request_praise(run: &dyn Run) -> String {
    let (balance, applied, _) = server_saves(run);
    format!(
        "The server never heard of that request, so it did nothing for it: at that moment its balance was {balance}, from the {} \
         that reached it. {}",
        count(applied, "save"),
        silence(run)
    )
}

fn lost_reply_praise(run: &dyn Run) -> String {
    let (balance, applied, _) = server_saves(run);
    format!(
        "This time the server did the work: at that moment its balance was {balance}, from {}, including the one whose reply \
         was lost. {} From the client's side a lost request and a lost reply look the same, so it cannot know \
         whether its save happened.",
        count(applied, "save"),
        silence(run)
    )
}

fn twice_praise(run: &dyn Run) -> String {
    let (_, applied, twice) = server_saves(run);
    format!(
        "The server has now applied {} twice, as its tag shows, out of {} applied, after {} by the client. Every retry \
         was the right move for the client, and still the balance is wrong. Retrying is only safe when doing \
         something twice has the same effect as doing it once.",
        count(twice, "save"),
        applied,
        count(client_tally(run).retries, "retry")
    )
}

/// 0 for a balance of one save, 1 for two or more, 2 for none.
fn balance_after_the_retry(run: &dyn Run) -> usize {
    match ledger(run).map(Ledger::balance) {
        Some(balance) if balance >= 20 => 1,
        Some(balance) if balance > 0 => 0,
        _ => 2,
    }
}

/// 0 if no save was applied twice, 1 if at most half of them were, 2 if
/// more were.
fn saves_applied_twice(run: &dyn Run) -> usize {
    let (_, applied, twice) = server_saves(run);
    match twice {
        0 => 0,
        n if n.saturating_mul(2) <= applied => 1,
        _ => 2,
    }
}
