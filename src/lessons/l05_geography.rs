//! Lesson 5, "Latency, throughput, geography": a client half a world from
//! its server waits at least as long as light needs for the round trip, a
//! server nearby cuts the wait, and a longer road (more latency) slows every
//! answer without cutting how many arrive per second.

use crate::protocols::rpc::message::{REPLY, REQUEST};
use crate::scenario::{ClusterSpec, Scenario};
use crate::sim::{millis, seconds, Action, Duration, Headline, Kind, Run, SimTime, TraceKind};

use super::controls::Control;
use super::facts::{round_trip_ms_in_fibre, NEW_YORK_TO_SYDNEY_KM};
use super::focus::{Focus, Sight};
use super::observe::{last_time, node};
use super::words::secs;
use super::{Chart, Lesson, Question, Step, Task};
use crate::protocols::rpc;
use crate::sim::words::{count, whole_millis};

const SEED: u64 = 505;

/// An answer quicker than this counts as a local one.
const LOCAL_WAIT_MS: u64 = 20;

pub static LESSON: Lesson = Lesson {
    slug: "geography",
    title: "Latency, throughput, geography",
    goal: "Tell latency from throughput, see the speed of light set a floor under latency, and cut waits by \
           serving users from nearby.",
    steps: &[
        Step {
            title: "Two continents, one server",
            text: &[
                "Two clients read from one server, once a second each. One client sits near the server, in \
                 Europe. The other is in Australia, about 16,000 km away: roughly the distance from New York to \
                 Sydney. A second server already stands in Australia, but nobody uses it yet, so no line leads \
                 to it: a later step puts it to work.",
                "Messages here travel at the speed of light in glass fibre, as real internet traffic does. \
                 Nothing is lost and no node is busy: the only difference between the two clients is distance.",
                "Each client shows how long it waited for its latest answer. The map is drawn to scale; nodes \
                 in one city stand side by side on a pale patch centred where they really are.",
            ],
            scenario: Some(one_server_far_away),
            point_at: Some("client in Australia"),
            task: None,
            question: Some(Question {
                prompt: "How long will the client in Australia wait for each answer?",
                choices: &[
                    "Under 20 ms, as if the server were in the same city",
                    "Longer, but under 157 ms",
                    "157 ms or more",
                ],
                watch_until: seconds(5),
                outcome: australian_wait,
                expected: 2,
                why: &[
                    "The answers came back as fast as a local one, so the request cannot have crossed the world.",
                    "Quicker than light in fibre can make the trip there and back: that cannot happen across \
                     this distance, so the path must have been shorter.",
                    "Every request crosses about 16,000 km and its answer crosses back. Even at the speed of light \
                     in fibre that takes at least 157 ms, whatever the computers at either end do.",
                ],
            }),
            chart: Some(Chart::LatencyByDistance),
            focus: Focus {
                look: &[Sight::Waited],
                speed: Some(0.25),
                ..Focus::NONE
            },
        },
        Step {
            title: "The speed of light is a floor",
            text: &[
                "Even in a vacuum, light needs about 53.4 ms to cover 16,000 km, so about 107 ms there and back. \
                 Light in glass fibre is about a third slower and needs about 78.5 ms one way, so through fibre a \
                 question and its answer need at least 157 ms to get there and back, before any computer has done any work at all.",
                "No faster hardware or cleverer code can beat that. The only way to answer a far-away user faster \
                 is to move the answer closer to them.",
            ],
            scenario: None,
            point_at: None,
            task: None,
            question: None,
            chart: Some(Chart::LatencyByDistance),
            focus: Focus::NONE,
        },
        Step {
            title: "Serve them from nearby",
            text: &[
                "So put the Australian server to work. Each client now reads from the server nearest to it, and \
                 still shows how long it waited for its latest answer.",
                "(Keeping the two servers' data in step is a problem of its own, and a later lesson on \
                 replication deals with it.)",
            ],
            scenario: Some(a_server_on_each_continent),
            point_at: Some("server in Australia"),
            task: None,
            question: Some(Question {
                prompt: "How long does the client in Australia wait now?",
                choices: &[
                    "Under 20 ms, like the client in Europe",
                    "Longer, but under 157 ms",
                    "157 ms or more",
                ],
                watch_until: seconds(5),
                outcome: australian_wait,
                expected: 0,
                why: &[
                    "Its server is now on its own continent instead of half the planet away, so the light has \
                     only a short way to travel. Same code, same computers: only the distance changed.",
                    "Faster than before but not local: the request must still be travelling some way.",
                    "Still as slow as crossing the world, so the request must still be going to Europe.",
                ],
            }),
            chart: None,
            focus: Focus {
                look: &[Sight::Waited],
                ..Focus::NONE
            },
        },
        Step {
            title: "Latency is not throughput",
            text: &[
                "Latency is how long one request takes. Throughput is how many requests are finished each \
                 second. Picture a highway: latency is how long your drive takes, throughput is how many cars \
                 pass a bridge each minute. A longer road makes every trip slower without letting fewer cars \
                 through.",
                "This is the first set-up again: both clients use the one server in Europe, and the server in \
                 Australia stands idle. Both make one request a second, and get one answer a second, however long each \
                 answer takes to come back. Each client counts its answers beside how long it waited for the \
                 latest. Watch both figures of the client in Europe as you change the road.",
            ],
            scenario: Some(one_server_far_away),
            point_at: Some("client in Europe"),
            task: Some(Task {
                instruction: "Lengthen the road with {latency} in {network}, until the client in Europe waits at \
                              least 157 ms for an answer (as long as light in fibre needs to reach Australia and \
                              come back), and watch three such slow answers arrive.",
                hint: "Open {network} just below this lesson and drag the {latency} slider up to about 80 ms, then \
                       let the run play: one answer comes each second.",
                done: europe_waits_like_australia,
                praise: longer_road_praise,
                example: None,
            }),
            question: None,
            chart: None,
            focus: Focus {
                look: &[Sight::Waited, Sight::Answers],
                spotlight: Some(Control::Network),
                ..Focus::NONE
            },
        },
        Step {
            title: "Content delivery networks",
            text: &[
                "A content delivery network, or CDN, takes this idea as far as it goes. It keeps copies of \
                 pictures, scripts and pages on servers in many cities, and each visitor is answered by the \
                 nearest one.",
                "The faraway origin server is asked only when a nearby copy is missing or out of date. Users \
                 everywhere get short waits, and the origin gets far fewer requests.",
                "The picture is back to a server on each continent, on the network as it was before you \
                 lengthened the road.",
            ],
            scenario: Some(a_server_on_each_continent),
            point_at: None,
            task: None,
            question: None,
            chart: Some(Chart::LatencyByDistance),
            focus: Focus::NONE,
        },
    ],
    takeaway: "Distance costs time that no engineering can remove: to be fast for users everywhere, answer them \
               from somewhere near.",
};

fn geography(local_servers: bool, name: &str) -> Scenario {
    let mut scenario = Scenario::new(ClusterSpec::Geography(rpc::Geography { local_servers }), SEED);
    scenario.name = name.to_string();
    scenario
}

fn one_server_far_away() -> Scenario {
    geography(false, "One server, two continents")
}

fn a_server_on_each_continent() -> Scenario {
    geography(true, "A server on each continent")
}

/// The least time light in fibre needs to cross from New York to Sydney
/// and back.
fn round_trip_floor() -> Duration {
    (round_trip_ms_in_fibre(NEW_YORK_TO_SYDNEY_KM) * 1_000.0) as Duration
}

/// How long the named client waited for each reply it took in: from its
/// latest request to the reply.
fn waits(run: &dyn Run, client: &str) -> Vec<Duration> {
    let snapshot = run.snapshot();
    let Some(id) = node(&snapshot, client).map(|n| n.id) else {
        return Vec::new();
    };
    let mut asked = None;
    let mut waits = Vec::new();
    for event in run.trace().events() {
        match event.kind {
            TraceKind::Sent { from, kind, .. } if from == id && kind == REQUEST => asked = Some(event.time),
            TraceKind::Delivered { to, kind, .. } if to == id && kind == REPLY => {
                if let Some(sent) = asked.take() {
                    waits.push(event.time.saturating_sub(sent));
                }
            }
            _ => {}
        }
    }
    waits
}

/// 0 if the client in Australia's quickest answer came in under 20 ms, 1
/// if under the light round trip, 2 otherwise (or if it got none).
fn australian_wait(run: &dyn Run) -> usize {
    match waits(run, "client in Australia").into_iter().min() {
        Some(wait) if wait < millis(LOCAL_WAIT_MS) => 0,
        Some(wait) if wait < round_trip_floor() => 1,
        _ => 2,
    }
}

/// How many messages of this kind the named node sent (`sent`) or was
/// handed, from `since` on.
fn messages_since(run: &dyn Run, name: &str, kind: Kind, sent: bool, since: SimTime) -> u64 {
    let snapshot = run.snapshot();
    let Some(id) = node(&snapshot, name).map(|n| n.id) else {
        return 0;
    };
    run.trace()
        .since(since)
        .filter(|e| match e.kind {
            TraceKind::Sent { from, kind: k, .. } => sent && from == id && k == kind,
            TraceKind::Delivered { to, kind: k, .. } => !sent && to == id && k == kind,
            _ => false,
        })
        .count() as u64
}

/// How long the window is over which the praise counts answers.
const WINDOW: Duration = seconds(5);

fn longer_road_praise(run: &dyn Run) -> String {
    let longest = waits(run, "client in Europe").into_iter().max().unwrap_or(0);
    // Since the road last changed, or over the last few seconds.
    let changed = last_time(run, |i| matches!(i.action, Action::SetNetwork(_)));
    let since = changed.unwrap_or_else(|| run.now().saturating_sub(WINDOW));
    let asked = messages_since(run, "client in Europe", REQUEST, true, since);
    let answered = messages_since(run, "client in Europe", REPLY, false, since);
    let span = secs(run.now().saturating_sub(since));
    let window = match changed {
        Some(_) => format!("the {span} since you changed the road"),
        None => format!("the last {span}"),
    };
    let (sent, got) = (count(asked, "request"), count(answered, "answer"));
    // The client's label counts every answer since the start; say so, so
    // that it and the window's count do not seem to disagree.
    let snapshot = run.snapshot();
    let headline = node(&snapshot, "client in Europe").and_then(|n| n.headline);
    let in_all = match headline {
        Some(Headline::Waited { answers, .. }) if answers > answered => {
            format!("Its label counts all {} since the start. ", count(answers, "answer"))
        }
        _ => String::new(),
    };
    // The label shows the latest wait, which may be a little shorter; both
    // rounded as the label rounds them.
    let latest = match headline {
        Some(Headline::Waited { last, .. }) if whole_millis(last) != whole_millis(longest) => {
            format!(" (its label shows the latest, {} ms)", whole_millis(last))
        }
        _ => String::new(),
    };
    let tally = match asked.saturating_sub(answered) {
        0 => format!(
            "In {window} it sent {sent} and got {got} back. You made the road longer, not narrower: \
             latency went up, and throughput stayed the same."
        ),
        1 => format!(
            "In {window} it sent {sent} and got {got} back, the answer to the latest still on its way. \
             You made the road longer, not narrower: latency went up, and throughput stayed the same."
        ),
        _ => format!(
            "In {window} it sent {sent} and got {got} back: fewer answers than requests are coming \
             back for now, while the answers to the later requests are still on their way."
        ),
    };
    format!(
        "The client in Europe's longest wait for an answer was {} ms{latest}, at least the {:.0} ms light in \
         fibre needs to reach Australia and come back. {in_all}{tally}",
        whole_millis(longest),
        round_trip_ms_in_fibre(NEW_YORK_TO_SYDNEY_KM),
    )
}

/// The client in Europe has waited at least as long as light in fibre needs
/// to go to Australia and back.
fn europe_waits_like_australia(run: &dyn Run) -> bool {
    let floor = round_trip_floor();
    let slow = waits(run, "client in Europe")
        .into_iter()
        .filter(|&wait| wait >= floor)
        .count();
    slow >= SLOW_ANSWERS_WATCHED
}

/// How many slow answers the client in Europe takes in before the task is
/// done: a few seconds of the longer road to watch, one answer a second.
/// The task's words say "three".
const SLOW_ANSWERS_WATCHED: usize = 3;
