//! Lesson 1, "One machine, or many": a lone program that fails all at once,
//! a web server brought down by a database its client never heard of, and
//! a central server whose crash stops every client.

use super::typed::named;
use crate::protocols::rpc::message::REPLY;
use crate::protocols::rpc::{Process, RpcNode};
use crate::scenario::{ClusterSpec, Scenario};
use crate::sim::Part;
use crate::sim::{millis, seconds, Action, Intervention, NetworkConfig, NodeId, Run, SimTime, Status, TraceKind};

use super::focus::{Focus, Sight};
use super::observe::{delivered_since, last_time, node, status_is};
use super::words::secs;
use super::{Lesson, Question, Step, Task};
use crate::protocols::rpc;
use crate::sim::words::count;

const SEED: u64 = 101;

/// One-way delay of every link in the slowed-down scenarios, so messages
/// can be watched crossing.
const WEB_HOP_MS: u64 = 30;

/// One-way delay of every link in the central server scenario.
const CENTRAL_HOP_MS: u64 = 100;

/// How many jobs app does after its restart before the task is done, so
/// the student sees it count on (a job every half second).
const JOBS_WATCHED: u64 = 3;

/// How many clients share the central server.
const CENTRAL_CLIENTS: u32 = 3;

/// When the scripted crash of the central server happens.
const CENTRAL_CRASH_S: u64 = 3;

pub static LESSON: Lesson = Lesson {
    slug: "one-machine",
    title: "One machine, or many",
    goal: "Tell a single system from a distributed one, and watch a computer you never heard of break yours.",
    steps: &[
        Step {
            title: "A program that talks to nobody",
            text: &[
                "Meet app. It is one program running on one computer. Every so often it does a small job and \
                 adds one to a counter it keeps on its disk. The picture shows the counter at app: \
                 watch it climb with each job. The \"clock\" under it is the time as app's own computer reads \
                 it; lesson 3 shows why every node's clock is its own.",
                "It sends no messages and waits for nobody. Nothing it needs lives anywhere else, so nothing out \
                 there can let it down. That makes it a single system, not a distributed one.",
                "Two programs on the same computer are not a distributed system either, even if they talk to \
                 each other: when that computer loses power, both stop at the same instant. One part cannot go \
                 wrong while the other carries on, and parts that go wrong separately are what set a distributed \
                 system apart.",
            ],
            scenario: Some(lone_app),
            point_at: Some("app"),
            task: None,
            question: None,
            chart: None,
            focus: Focus {
                look: &[Sight::Counter],
                ..Focus::NONE
            },
        },
        Step {
            title: "All or nothing",
            text: &[
                "On one computer, things go wrong in a simple way. Either the machine runs and everything on it \
                 runs, or it stops and everything on it stops.",
                "Try it: crash app. Nothing runs on it to count any more, but the counter it keeps on its disk \
                 stays beside it, stuck at the number where it stopped. Then bring it back and look at app again: \
                 it carries on counting from that number.",
            ],
            scenario: None,
            point_at: Some("app"),
            task: Some(Task {
                instruction: "Crash app, then restart it and watch its counter climb again.",
                hint: "Press the button for app under the canvas and choose {crash}. Press it again and choose \
                       {restart}.",
                done: app_came_back,
                praise: came_back_praise,
                example: None,
            }),
            question: None,
            chart: None,
            focus: Focus {
                look: &[Sight::Counter],
                ..Focus::NONE
            },
        },
        Step {
            title: "A computer you never heard of",
            text: &[
                "Now there are three nodes. The client asks the web server to save something: add 10 to a \
                 balance, a number the database keeps and the picture writes beside it. The web server cannot \
                 do that alone: it asks the database, waits for the result and passes it back. The client shows \
                 how long it waited for its latest answer.",
                "The client only knows the web server's address. As far as the client can tell, the database \
                 does not exist.",
                "Leslie Lamport, one of the founders of this field, once joked that a distributed system is one \
                 where a computer you did not even know existed can crash and leave your own computer unusable. \
                 Time to make his joke come true.",
            ],
            scenario: Some(web_and_database),
            // The step asks the student to find it: no ring gives it away.
            point_at: None,
            task: Some(Task {
                instruction: "Make the client's requests fail, without touching the client or the web server.",
                hint: "Press the database's button under the canvas and choose {crash}. Cutting the link between \
                       the web server and the database works too.",
                done: client_got_an_error,
                praise: hidden_fault_praise,
                example: None,
            }),
            question: None,
            chart: None,
            focus: Focus {
                look: &[Sight::Waited],
                speed: Some(0.1),
                ..Focus::NONE
            },
        },
        Step {
            title: "One server for everyone",
            text: &[
                "Here three clients share one central server. It holds all the data (the balance written beside \
                 it, which each client's request adds 10 to) and does all the work: a centralized system. Most \
                 apps start out like this, and it works well while the server is up.",
                "This scenario crashes the server a few seconds in. Before it plays, predict what the clients \
                 will see.",
                "A client that waits too long for an answer gives up on that request, and the tag by it \
                 counts the requests it gave up on. A request that reaches a crashed node is lost: an orange \
                 cross marks where, fading as time passes.",
            ],
            scenario: Some(central_server_crashing),
            point_at: Some("server"),
            task: None,
            question: Some(Question {
                prompt: "Once the server has crashed, how many of the three clients still get their requests \
                         done?",
                choices: &["All three: they will find another way", "Some of them", "None of them"],
                watch_until: seconds(8),
                outcome: clients_served_after_the_crash,
                expected: 2,
                why: &[
                    "Every client was served again, which can only mean the server came back: someone restarted \
                     it. Nothing else could stand in for it.",
                    "Some clients were served after the crash, so the server must have been back for a while. \
                     Without it, nobody can be served.",
                    "Nobody could be served. Every client depends on the one server, so its crash stopped all of \
                     them at once: the server is a single point of failure.",
                ],
            }),
            chart: None,
            focus: Focus {
                speed: Some(0.25),
                look: &[Sight::Outcomes],
                ..Focus::NONE
            },
        },
        Step {
            title: "Why spread out at all?",
            text: &[
                "A centralized system has a single point of failure: one machine whose crash stops everything. \
                 You just watched one crash stop three clients.",
                "A distributed system spreads the work over several machines that can crash separately, so one \
                 crash (a fault in one part) need not stop the whole (a failure of the system). The price is that \
                 those machines must talk over a network, and the network is slow and unreliable. The rest of this \
                 course is about that trade.",
            ],
            scenario: None,
            point_at: None,
            task: None,
            question: None,
            chart: None,
            focus: Focus::NONE,
        },
    ],
    takeaway: "A distributed system is several computers that can go wrong separately and talk over a network: that \
               is both its strength and its trouble.",
};

fn lone_app() -> Scenario {
    let mut scenario = Scenario::new(ClusterSpec::LoneProcess(rpc::LoneProcess), SEED);
    scenario.name = "One program on one computer".to_string();
    scenario
}

fn web_and_database() -> Scenario {
    let mut scenario = Scenario::new(ClusterSpec::WebAndDatabase(rpc::WebAndDatabase), SEED);
    scenario.name = "A client, a web server and its database".to_string();
    scenario.network = Some(NetworkConfig::uniform(millis(WEB_HOP_MS), millis(WEB_HOP_MS / 10)).default_link);
    scenario
}

fn central_server_crashing() -> Scenario {
    let clients = CENTRAL_CLIENTS;
    let mut scenario = Scenario::new(ClusterSpec::CentralServer(rpc::CentralServer { clients }), SEED);
    scenario.name = "Three clients, one central server".to_string();
    scenario.network = Some(NetworkConfig::uniform(millis(CENTRAL_HOP_MS), millis(CENTRAL_HOP_MS / 10)).default_link);
    scenario.interventions = vec![Intervention::new(
        seconds(CENTRAL_CRASH_S),
        Action::Crash(NodeId(clients)),
    )];
    scenario
}

/// App is up again after having been started more than once, and has
/// started a job since, so the praise has something to count.
fn app_came_back(run: &dyn Run) -> bool {
    let snapshot = run.snapshot();
    let Some(app) = node(&snapshot, "app").map(|n| n.id) else {
        return false;
    };
    let starts: Vec<SimTime> = run
        .trace()
        .events()
        .filter(|e| matches!(e.kind, TraceKind::Started { node } if node == app))
        .map(|e| e.time)
        .collect();
    let working_again = match starts.as_slice() {
        [_, .., last] => jobs_between(run, app, *last, run.now() + 1) >= JOBS_WATCHED,
        _ => false,
    };
    working_again && status_is(&snapshot, "app", Status::Up)
}

/// Jobs app started (each one a firing of its job timer) from `from` up to
/// `to`.
fn jobs_between(run: &dyn Run, app: NodeId, from: SimTime, to: SimTime) -> u64 {
    run.trace()
        .since(from)
        .filter(|e| e.time < to && matches!(e.kind, TraceKind::TimerFired { node, .. } if node == app))
        .count() as u64
}

/// What app did while it was down and what it came back with, read from
/// its last crash and restart and from the counts in its menu.
fn came_back_praise(run: &dyn Run) -> String {
    let snapshot = run.snapshot();
    let Some(app) = node(&snapshot, "app") else {
        return "app is back.".to_string();
    };
    let process = named::<RpcNode>(run, "app").and_then(RpcNode::as_process);
    let since_start = process.map_or(0, Process::since_start);
    let on_disk = process.map_or(0, Process::jobs_done).saturating_sub(since_start);
    let crashed = last_time(run, |i| i.action == Action::Crash(app.id));
    let restarted = last_time(run, |i| i.action == Action::Restart(app.id));
    let while_down = match (crashed, restarted) {
        (Some(down), Some(up)) if up >= down => {
            let jobs = jobs_between(run, app.id, down, up);
            let did = if jobs == 0 {
                "did nothing at all".to_string()
            } else {
                format!("still did {}", count(jobs, "job"))
            };
            format!("app was down for {} and {did} in that time. ", secs(up - down))
        }
        _ => String::new(),
    };
    format!(
        "{while_down}It came back with {} counted on its disk and carried on from there: it has done {} more \
         since. There was never a moment when half of it worked: a single machine is either up or down.",
        count(on_disk, "job"),
        since_start
    )
}

/// What stopped the web server's database from answering, as the run shows
/// it.
fn what_broke(run: &dyn Run) -> &'static str {
    let snapshot = run.snapshot();
    if status_is(&snapshot, "database", Status::Crashed) {
        return "the database has crashed";
    }
    if status_is(&snapshot, "database", Status::Paused) {
        return "the database is paused";
    }
    let ids = ["web server", "database"].map(|name| node(&snapshot, name).map(|n| n.id));
    let cut = match ids {
        [Some(web), Some(database)] => snapshot
            .cut_links
            .iter()
            .any(|&link| link == (web, database) || link == (database, web)),
        _ => false,
    };
    if cut {
        "the link between the web server and the database is cut"
    } else {
        "the web server cannot get its answers from the database"
    }
}

fn hidden_fault_praise(run: &dyn Run) -> String {
    let errors = run.metrics().totals.failed;
    format!(
        "The client has had {} from a web server that is up and running (the tag by the client counts them): {}. The broken part is one the \
         client never talks to and has never heard of. Every node that others depend on is one more place \
         where a fault can turn into a failure for the users.",
        count(errors, "error"),
        what_broke(run)
    )
}

/// The client was answered with an error while it and the web server run.
fn client_got_an_error(run: &dyn Run) -> bool {
    let snapshot = run.snapshot();
    let untouched = ["client", "web server"]
        .iter()
        .all(|name| status_is(&snapshot, name, Status::Up));
    untouched && run.metrics().totals.failed > 0
}

/// 0 if every client got a reply from the server a second or more after it
/// last crashed (or it never crashed), 1 if some did, 2 if none did.
fn clients_served_after_the_crash(run: &dyn Run) -> usize {
    let snapshot = run.snapshot();
    let Some(server) = node(&snapshot, "server").map(|n| n.id) else {
        return 2;
    };
    let Some(crashed_at) = last_time(run, |i| i.action == Action::Crash(server)) else {
        return 0;
    };
    let clients: Vec<NodeId> = snapshot
        .nodes
        .iter()
        .filter(|n| n.role.part == Part::Client)
        .map(|n| n.id)
        .collect();
    let since = crashed_at + seconds(1);
    let served = clients
        .iter()
        .filter(|&&client| delivered_since(run, REPLY, Some(server), Some(client), since) > 0)
        .count();
    match served {
        0 => 2,
        n if n == clients.len() => 0,
        _ => 1,
    }
}
