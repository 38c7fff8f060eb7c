//! Lesson 6, scaling out: one server has a limit, and a queue grows once
//! requests arrive faster than it can finish them; a bigger machine costs
//! more and more, while more machines behind a load balancer add capacity as
//! long as requests are independent. Many small requests are "distributed in
//! time"; one job too big for a machine is "distributed in space".

use crate::protocols::rpc::message::REQUEST;
use crate::scenario::{ClusterSpec, Scenario};
use crate::sim::metrics::Bucket;
use crate::sim::{millis, seconds, Action, Intervention, LinkConfig, NodeId, Run, SimTime, Status, TraceKind, SECOND};

use super::focus::{Focus, Sight};
use super::observe::{last_time, node};
use super::words::{list, secs};
use super::{Chart, Lesson, Question, Step, Task};
use crate::protocols::rpc;
use crate::sim::words::count;

/// Clients in every scenario of the lesson ("client A" to "client D").
const CLIENTS: u32 = 4;
/// Each client sends a request this often.
const EVERY_MS: u32 = 200;
/// Each server spends this long on a request.
const SERVICE_MS: u32 = 100;
/// Servers behind the load balancer once the spares are back.
const SERVERS: u32 = 3;
/// Answers in one second of sim time that show the cluster keeps up again.
const KEEPING_UP: u64 = 15;

pub static LESSON: Lesson = Lesson {
    slug: "scaling-out",
    title: "Scaling out",
    goal: "See a queue grow when one server gets more requests than it can finish, and make it drain by adding \
           servers behind the load balancer.",
    steps: &[
        Step {
            title: "One server has a limit",
            text: &[
                "Four clients send their requests to a load balancer, which passes each one to a server. For now \
                 there is only one: server 1.",
                "The server works on one request at a time and needs 100 ms for each, so it can finish at most 10 \
                 requests a second. Each client asks every 200 ms, so together they send 20 requests a second.",
                "A client waits two seconds for an answer, then gives up on that request. The ring around a \
                 waiting client drains as its two seconds run out; when it is gone, the client has given up, and \
                 the tag by the client, \"N gave up\", counts one more request it gave up on.",
                "A dark tag reading \"N waiting\" on or by a node counts the requests waiting in its queue. No \
                 such tag means nothing is waiting. Where the picture is crowded, either tag shows just its \
                 number.",
            ],
            scenario: Some(one_server),
            point_at: Some("server 1"),
            task: None,
            question: Some(Question {
                prompt: "Requests arrive twice as fast as the server can finish them. What will you see after 8 \
                         seconds?",
                choices: &[
                    "Every request is answered, just a little later",
                    "A queue builds up at the server and requests start to time out",
                ],
                watch_until: millis(8_000),
                outcome: requests_timed_out,
                expected: 1,
                why: &[
                    "Every request was answered: the server finished requests at least as fast as they came.",
                    "Each second, ten more requests arrive than the server can finish. They wait in its queue, the \
                     queue only grows, and soon every request waits longer than the two seconds its client is \
                     willing to wait. The server keeps working hard on requests nobody is waiting for any more.",
                ],
            }),
            chart: None,
            focus: Focus {
                speed: Some(0.25),
                look: &[Sight::Waiting, Sight::Countdown],
                ..Focus::NONE
            },
        },
        Step {
            title: "A bigger machine, or more machines?",
            text: &[
                "There are two ways to grow. Scaling up (vertical scaling) means buying a faster machine: more \
                 cores, more memory. Nothing else in the design changes, but the price climbs much faster than the \
                 speed, and there is always a biggest machine you can buy.",
                "Scaling out (horizontal scaling) means adding more ordinary machines and spreading the work over \
                 them. Each one costs about the same, so the cost grows in a straight line. The price is paid in \
                 design: something has to spread the requests, and the machines have to cope with talking over a \
                 network.",
            ],
            scenario: None,
            point_at: None,
            task: None,
            question: None,
            chart: Some(Chart::ScalingCost),
            focus: Focus::NONE,
        },
        Step {
            title: "Scale out",
            text: &[
                "This cluster has three servers, but server 2 and server 3 start crashed: think of them as spare \
                 machines nobody has started yet. Server 1 takes all the traffic, and the tag counting the requests \
                 waiting in its queue climbs again.",
                "The load balancer notices a server that stays silent and stops sending it requests for a while \
                 (a tag on that server says it is skipped), then tries it again. Restart the spares, and within about two seconds they get their first \
                 requests.",
                "The answers take longer to come back. Server 1 still has a queue of requests whose clients have \
                 already given up, and it works through every one of them, so each new request it gets waits at \
                 the back of that queue. With three servers sharing the load, that queue shrinks by only about 3 \
                 requests a second. Restart the spares at 5 s and the answers are back within about 10 seconds; \
                 wait until 20 s and it takes about half a minute.",
            ],
            scenario: Some(with_spares_off),
            point_at: Some("server 2"),
            task: Some(Task {
                instruction: "Restart server 2 and server 3, then watch the answers come back.",
                hint: "Press the node button of server 2, then {restart} in its menu; do the same for server 3.",
                done: keeping_up_with_every_server,
                praise: spread_praise,
                example: Some(restart_the_spares),
            }),
            question: None,
            chart: Some(Chart::ScalingOut),
            focus: Focus {
                look: &[Sight::Waiting],
                ..Focus::NONE
            },
        },
        Step {
            title: "Distributed in time, distributed in space",
            text: &[
                "What you just scaled is work distributed in time: many small requests, each easy for one machine, \
                 just too many of them. Each server handles its own share and never needs the others, so capacity \
                 grows with every server you add. It only grows in a straight line while requests stay independent \
                 and the network and the balancer keep up.",
                "Some work is distributed in space instead: one job whose data does not fit on a single machine, \
                 like a search index of the whole web. Adding servers behind a balancer does not help there; the \
                 data itself has to be split into slices, each on its own machine. That is sharding, the subject \
                 of a later lesson.",
            ],
            scenario: None,
            point_at: None,
            task: None,
            question: None,
            chart: None,
            focus: Focus::NONE,
        },
    ],
    takeaway: "More machines add capacity while requests are independent; when requests come faster than the \
               servers finish them, a queue grows and everyone waits.",
};

/// The lesson's clients and servers, slowed down so requests can be seen.
fn cluster(servers: u32, skip_silent: bool) -> Scenario {
    let spec = ClusterSpec::ScaleOut(rpc::ScaleOut {
        clients: CLIENTS,
        servers,
        service_ms: SERVICE_MS,
        every_ms: EVERY_MS,
        skip_silent,
    });
    let mut scenario = Scenario::new(spec, 6);
    scenario.network = Some(LinkConfig {
        latency: millis(100),
        jitter: millis(20),
        ..LinkConfig::default()
    });
    scenario
}

/// Four clients, a load balancer and server 1.
fn one_server() -> Scenario {
    let mut scenario = cluster(1, false);
    scenario.name = "One server, too many requests".to_string();
    scenario
}

/// Three servers, of which server 2 and server 3 are crashed at the start.
fn with_spares_off() -> Scenario {
    let mut scenario = cluster(SERVERS, true);
    scenario.name = "Two spare servers, crashed at the start".to_string();
    let first_server = CLIENTS + 1;
    scenario.interventions = (first_server + 1..first_server + SERVERS)
        .map(|id| Intervention::new(0, Action::Crash(NodeId(id))))
        .collect();
    scenario
}

/// The spares restarted early, at 1 s, before much of a queue builds: step 4,
/// opened by itself, opens on the run with every server up and keeping up.
fn restart_the_spares(scenario: &mut Scenario) {
    let first_server = CLIENTS + 1;
    scenario.interventions.extend(
        (first_server + 1..first_server + SERVERS).map(|id| Intervention::new(seconds(1), Action::Restart(NodeId(id)))),
    );
}

fn requests_timed_out(run: &dyn Run) -> usize {
    usize::from(run.metrics().totals.timed_out > 0)
}

/// The last whole slice of the metrics (a second unless the run is very
/// long): when it starts and what the clients' requests came to in it.
fn last_whole_slice(run: &dyn Run) -> Option<(SimTime, Bucket)> {
    let metrics = run.metrics();
    let width = metrics.bucket_width().max(1);
    let index = (run.now() / width).checked_sub(1)?;
    let slice = metrics.series().get(index as usize).copied().unwrap_or_default();
    Some((index * width, slice))
}

/// Every server is up and, in the last whole slice of the metrics, the
/// clients got most of their answers and none of them gave up waiting: a
/// slice of answers from the spares alone, while requests still time out
/// behind server 1's old queue, is not yet the answers coming back.
fn keeping_up_with_every_server(run: &dyn Run) -> bool {
    let snapshot = run.snapshot();
    let all_up = (1..=SERVERS).all(|i| node(&snapshot, &format!("server {i}")).is_some_and(|n| n.status == Status::Up));
    let width = run.metrics().bucket_width().max(1);
    let Some((_, slice)) = last_whole_slice(run) else {
        return false;
    };
    all_up && slice.succeeded >= KEEPING_UP * width / SECOND && slice.timed_out == 0
}

/// Requests the balancer handed the named server from `from` until `to`:
/// sent to it then, whether the server took them up at once or queued them.
fn handed(run: &dyn Run, server: NodeId, from: SimTime, to: SimTime) -> u64 {
    run.trace()
        .since(from)
        .take_while(|e| e.time < to)
        .filter(|e| matches!(e.kind, TraceKind::Sent { to, kind, .. } if to == server && kind == REQUEST))
        .count() as u64
}

/// How many requests waited in `server`'s queue at `until`: queued and not
/// yet taken up.
fn queue_at(run: &dyn Run, server: NodeId, until: SimTime) -> usize {
    let mut waiting = Vec::new();
    for event in run.trace().events().take_while(|e| e.time < until) {
        match event.kind {
            TraceKind::Queued { message, at } if at == server => waiting.push(message),
            TraceKind::Delivered { message, to, .. } if to == server => waiting.retain(|&m| m != message),
            _ => {}
        }
    }
    waiting.len()
}

/// What the clients got and how the balancer spread the work in the last
/// whole slice of the run, and how long that took after the spares came
/// back.
fn spread_praise(run: &dyn Run) -> String {
    let snapshot = run.snapshot();
    let servers: Vec<(String, NodeId)> = (1..=SERVERS)
        .filter_map(|i| node(&snapshot, &format!("server {i}")).map(|n| (n.name.clone(), n.id)))
        .collect();
    let width = run.metrics().bucket_width().max(1);
    let Some((
        from,
        Bucket {
            succeeded: answered, ..
        },
    )) = last_whole_slice(run)
    else {
        return "The spares are back.".to_string();
    };
    let slice = if width == SECOND {
        "second".to_string()
    } else {
        secs(width)
    };
    let per: Vec<u64> = servers
        .iter()
        .map(|&(_, id)| handed(run, id, from, from + width))
        .collect();
    let capacity = u64::from(1_000 / SERVICE_MS) * width / SECOND;
    let shares: Vec<String> = servers
        .iter()
        .zip(&per)
        .enumerate()
        .map(|(i, ((name, _), &n))| {
            if i == 0 {
                format!("{} to {name}", count(n, "request"))
            } else {
                format!("{n} to {name}")
            }
        })
        .collect();
    let left = servers
        .first()
        .and_then(|&(_, id)| snapshot.nodes.get(id.index()))
        .map_or(0, |n| n.queue);
    let fits = match (per.iter().all(|&n| n <= capacity), left) {
        (false, _) => {
            format!("and a server can finish only {capacity} in that time, so a queue still builds where it got more")
        }
        (true, 0) => format!("each no more than the {capacity} a server can finish in that time, so no queue builds"),
        (true, left) => format!(
            "each no more than the {capacity} a server can finish in that time, so no new queue builds; server 1 \
             still has {} left from before to work off",
            count(left as u64, "request")
        ),
    };
    let restarted = servers
        .iter()
        .skip(1)
        .filter_map(|&(_, id)| last_time(run, |i| i.action == Action::Restart(id)))
        .max();
    let server_1 = servers.first().map(|&(_, id)| id);
    let waited = restarted.map_or(String::new(), |at| {
        let took = secs(run.now().saturating_sub(at));
        let then = server_1.map_or(0, |id| queue_at(run, id, at));
        let queue = count(then as u64, "request");
        let meanwhile = match (then, left) {
            (0, _) => String::new(),
            (_, 0) => format!(", while server 1 worked through the queue of {queue} it had built up alone"),
            (then, left) if left < then => {
                format!(", while server 1 worked the queue it had built up alone down from {queue} to {left}")
            }
            _ => format!("; server 1 had {queue} waiting then and has {left} now"),
        };
        format!(" It took {took} from the second spare's restart to get here{meanwhile}.")
    });
    let handed_in_all: u64 = per.iter().sum();
    let backlog = if answered > handed_in_all {
        format!(
            " ({} more than the balancer handed out in that {slice}: the extra answers are for requests that had \
             waited in server 1's queue from before)",
            answered - handed_in_all
        )
    } else {
        String::new()
    };
    format!(
        "The answers are back: the clients send {} requests every {slice}, and {} came back to them in the last \
         full {slice}{backlog}. In that {slice} the balancer handed {}, {fits}.{waited} Spreading works because every \
         request is independent: any server can answer any of them.",
        u64::from(CLIENTS * 1_000 / EVERY_MS) * width / SECOND,
        count(answered, "answer"),
        list(&shares)
    )
}
