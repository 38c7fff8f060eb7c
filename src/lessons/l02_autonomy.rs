//! Lesson 2, "Nodes and autonomy": a WordPress-like site as a graph of
//! nodes, where each node keeps running when a neighbour stops (autonomous)
//! yet cannot do its job without the others (not independent), and a
//! request that spends far longer on the wire than in any node.

use super::typed::named;
use crate::protocols::rpc::message::REPLY;
use crate::protocols::rpc::RpcNode;
use crate::protocols::rpc::WEB_SERVER;
use crate::scenario::{ClusterSpec, Scenario};
use crate::sim::Role;
use crate::sim::{millis, seconds, Action, Intervention, NetworkConfig, NodeId, Run, Status};

use super::focus::{Focus, Sight};
use super::observe::{delivered_since, last_time, node};
use super::words::{list, times};
use super::{Lesson, Question, Step, Task};
use crate::protocols::rpc;
use crate::sim::words::count;

const SEED: u64 = 202;

/// One-way delay of every link of the site, slow enough to follow a
/// request hop by hop but well inside every timeout of the preset.
const SITE_HOP_MS: u64 = 20;

/// One-way delay of every link in the web-and-database scenario.
const WEB_HOP_MS: u64 = 30;

pub static LESSON: Lesson = Lesson {
    slug: "autonomy",
    title: "Nodes and autonomy",
    goal: "See a cluster as a graph of autonomous nodes, and feel how much slower talking is than working.",
    steps: &[
        Step {
            title: "A website as a graph",
            text: &[
                "This is a small WordPress-style site drawn as a graph: each circle is a node, and each line is a \
                 link that messages travel along. Where the picture is small, some nodes show only their name, \
                 without their clock.",
                "Clients A and B read pages and client C writes. They all talk to the load balancer, which hands \
                 each request to one of three web servers. The web servers read through a cache, which remembers \
                 recent answers for a moment and asks the db replica when it has nothing fresh. Writes go to the \
                 db primary, which copies each one to the replica.",
                "Ten nodes, one site: nodes that work together so that, from outside, they look like one system \
                 are called a cluster. A visitor sees a single website and never learns how many machines \
                 answered. The run plays slowly, so you can follow one request from node to node.",
            ],
            scenario: Some(site),
            point_at: Some("load balancer"),
            task: None,
            question: None,
            chart: None,
            focus: Focus {
                speed: Some(0.05),
                ..Focus::NONE
            },
        },
        Step {
            title: "Autonomous: each node runs itself",
            text: &[
                "Every node is autonomous: it runs its own program at its own pace and decides for itself what \
                 to do with each message. No node can reach inside another; all they can do is send messages.",
                "So when one node stops, the others carry on. The load balancer notices that a web server has \
                 gone quiet and stops handing it work: a tag on that server says it is skipped. \
                 Now and then it tries that server again, and takes it back as soon as it answers.",
            ],
            scenario: None,
            point_at: Some("web 2"),
            task: Some(Task {
                instruction: "Crash one of the three web servers, and let the site keep serving.",
                hint: "Press the button for web 2 under the canvas and choose {crash}, then let the run play. At \
                       this slow speed the balancer takes several seconds on your screen (a fraction of a second of \
                       the run's time) to give up waiting for web 2; then a tag \
                       on web 2 says it is skipped, and a few answers later the task is done.",
                done: a_silent_web_server_is_avoided,
                praise: avoided_praise,
                example: Some(crash_web_2),
            }),
            question: None,
            chart: None,
            focus: Focus {
                look: &[Sight::Skipped],
                ..Focus::NONE
            },
        },
        Step {
            title: "Autonomous is not independent",
            text: &[
                "Independent would mean needing nobody, and these nodes need each other. A web server cannot \
                 build a page without the cache, and the cache cannot fill itself without a database.",
                "Here is the whole site again, fresh. Find a node whose crash makes requests fail, \
                 even though every web server stays up.",
            ],
            scenario: Some(site),
            // The step asks the student to find it: no ring gives it away.
            point_at: None,
            task: Some(Task {
                instruction: "Make requests fail while all three web servers keep running.",
                hint: "Press the cache's button under the canvas and choose {crash}, then give the run a couple of \
                       seconds. (Crashing one of the databases works too.)",
                done: requests_fail_behind_healthy_web_servers,
                praise: dependency_praise,
                example: None,
            }),
            question: None,
            chart: None,
            focus: Focus::NONE,
        },
        Step {
            title: "Working is fast, talking is slow",
            text: &[
                "Inside a node, work is fast and happens in order: one step, then the next, with nothing in \
                 between. Between nodes every step is a message, and every message has to cross the network.",
                "In this scenario each link takes about 30 ms one way. The web server and the database each \
                 need only a few milliseconds of work per request. The client shows how long it waited for its \
                 latest answer.",
            ],
            scenario: Some(web_and_database),
            point_at: Some("client"),
            task: None,
            question: Some(Question {
                prompt: "How long will the client wait for each answer?",
                choices: &[
                    "Under 15 ms: about the time the work takes",
                    "15 to 100 ms: one to three trips across links",
                    "Over 100 ms: more trips than that, plus the work",
                ],
                watch_until: seconds(5),
                outcome: typical_wait,
                expected: 2,
                why: &[
                    "The answers came back about as fast as the work itself, so the links must have been made \
                     almost instant. Normally the wire is where the time goes.",
                    "The wait was shorter than four trips across links, so the links must have been sped up since \
                     the scenario began. As set up, every answer needs four trips.",
                    "Request to the web server, query to the database, result back, reply back: four trips across \
                     links, against a few milliseconds of work in the nodes. The time went on the wire. Talking \
                     costs far more than doing.",
                ],
            }),
            chart: None,
            focus: Focus {
                look: &[Sight::Waited],
                speed: Some(0.1),
                ..Focus::NONE
            },
        },
    ],
    takeaway: "A node works fast and in order on its own; between nodes everything is a slow message, and a fault \
               in one node can stop the nodes that depend on it from doing their job.",
};

fn site() -> Scenario {
    let mut scenario = Scenario::new(ClusterSpec::Wordpress(rpc::Wordpress), SEED);
    scenario.name = "A WordPress-style site of ten nodes".to_string();
    scenario.network = Some(NetworkConfig::uniform(millis(SITE_HOP_MS), millis(SITE_HOP_MS / 10)).default_link);
    scenario
}

fn web_and_database() -> Scenario {
    let mut scenario = Scenario::new(ClusterSpec::WebAndDatabase(rpc::WebAndDatabase), SEED);
    scenario.name = "Work against wire".to_string();
    scenario.network = Some(NetworkConfig::uniform(millis(WEB_HOP_MS), millis(WEB_HOP_MS / 10)).default_link);
    scenario
}

/// What a student doing step 2's task does: crash web 2 (node 5 of the
/// site), two seconds in.
fn crash_web_2(scenario: &mut Scenario) {
    scenario
        .interventions
        .push(Intervention::new(seconds(2), Action::Crash(NodeId(5))));
}

/// The statuses of the site's web servers.
fn web_server_statuses(run: &dyn Run) -> Vec<Status> {
    run.snapshot()
        .nodes
        .iter()
        .filter(|n| n.role == WEB_SERVER)
        .map(|n| n.status)
        .collect()
}

/// A web server is down or frozen, and the load balancer has stepped
/// around a silent one.
fn a_silent_web_server_is_avoided(run: &dyn Run) -> bool {
    let one_stopped = web_server_statuses(run).iter().any(|&s| s != Status::Up);
    let stopped_at = last_time(run, |i| matches!(i.action, Action::Crash(_) | Action::Pause(_))).unwrap_or(0);
    let snapshot = run.snapshot();
    let answered_since = ["client A", "client B"]
        .iter()
        .filter_map(|name| node(&snapshot, name))
        .map(|reader| delivered_since(run, REPLY, None, Some(reader.id), stopped_at))
        .sum::<usize>();
    one_stopped && run.metrics().count("server avoided") > 0 && answered_since >= ANSWERS_WATCHED
}

/// How many answers the readers take in after a web server stops before the
/// task is done: the site seen to keep serving, not just the first skip.
const ANSWERS_WATCHED: usize = 4;

/// Some request was answered with an error while every web server runs.
fn requests_fail_behind_healthy_web_servers(run: &dyn Run) -> bool {
    let statuses = web_server_statuses(run);
    let all_up = !statuses.is_empty() && statuses.iter().all(|&s| s == Status::Up);
    all_up && run.metrics().totals.failed > 0
}

/// 0 if the median answer took under 15 ms, 1 if under 100 ms, otherwise
/// (or if nothing was answered) 2.
fn typical_wait(run: &dyn Run) -> usize {
    match run.metrics().latency_percentile(50) {
        Some(wait) if wait < millis(15) => 0,
        Some(wait) if wait < millis(100) => 1,
        _ => 2,
    }
}

/// The nodes that are not running, as a sentence names them: those playing
/// `role` if `only`, all the others if not.
fn stopped(run: &dyn Run, role: Role, only: bool) -> Vec<String> {
    run.snapshot()
        .nodes
        .into_iter()
        .filter(|n| n.status != Status::Up && (n.role == role) == only)
        .map(|n| the(&n.name))
        .collect()
}

/// A node's name with "the" in front, unless it ends in a number or a
/// letter of its own ("web 2", "client A").
fn the(name: &str) -> String {
    let numbered = name
        .rsplit_once(' ')
        .is_some_and(|(_, last)| last.len() == 1 || last.chars().all(|c| c.is_ascii_digit()));
    if numbered {
        name.to_string()
    } else {
        format!("the {name}")
    }
}

/// "is" for one, "are" for more.
fn is_are(names: &[String]) -> &'static str {
    if names.len() == 1 {
        "is"
    } else {
        "are"
    }
}

/// What the readers got: answers, and requests that went unanswered or
/// failed.
fn readers_tally(run: &dyn Run) -> (u64, u64) {
    ["client A", "client B"]
        .iter()
        .filter_map(|name| named::<RpcNode>(run, name).and_then(RpcNode::as_client))
        .map(|reader| reader.tally())
        .fold((0, 0), |(answered, lost), tally| {
            (answered + tally.succeeded, lost + tally.failed + tally.gave_up)
        })
}

fn avoided_praise(run: &dyn Run) -> String {
    let silent = stopped(run, WEB_SERVER, true);
    let running: Vec<String> = run
        .snapshot()
        .nodes
        .into_iter()
        .filter(|n| n.status == Status::Up && n.role == WEB_SERVER)
        .map(|n| n.name)
        .collect();
    if silent.is_empty() {
        return format!(
            "Every web server is running, and the load balancer spreads the work over {}.",
            list(&running)
        );
    }
    let avoided = run.metrics().count("server avoided");
    let (answered, lost) = readers_tally(run);
    let readers = if lost == 0 {
        format!(
            "So far readers A and B have had {} and not one request go unanswered.",
            count(answered, "answer")
        )
    } else {
        format!(
            "So far readers A and B have had {} and {} that went unanswered or failed: the tags by client A \
             and client B count them.",
            count(answered, "answer"),
            count(lost, "request")
        )
    };
    format!(
        "Now {} {} down. The load balancer noticed the silence (so far it has stepped around a silent web server {}) \
         and sent the work to {}. {readers} Nodes that run on their own keep going when a neighbour stops.",
        list(&silent),
        is_are(&silent),
        times(avoided),
        list(&running)
    )
}

fn dependency_praise(run: &dyn Run) -> String {
    let down = stopped(run, WEB_SERVER, false);
    let cause = if down.is_empty() {
        "the web servers cannot reach the nodes behind them".to_string()
    } else {
        format!("{} {} down", list(&down), is_are(&down))
    };
    format!(
        "All three web servers are up, yet {} ended in an error, because {cause}. The web servers depend on the \
         nodes behind them: nodes that cooperate are autonomous, never independent.",
        count(run.metrics().totals.failed, "request")
    )
}
