//! Lesson 10, agreeing on a leader, Raft-style: servers elect a leader by
//! majority vote in numbered terms, after random timeouts; the leader's
//! heartbeats are how the others know it is alive, so a paused leader looks
//! dead; a side without a majority cannot elect anyone; and timeouts that
//! are too close together make votes split again and again.

use super::typed::at;
use crate::protocols::election::ElectionNode;
use crate::scenario::{ClusterSpec, Scenario};
use crate::sim::Part;
use crate::sim::{
    millis, seconds, world_of, Action, Intervention, LinkConfig, NodeId, NodeView, Run, SimTime, Snapshot, Status,
    TraceKind,
};

use super::controls::Control;
use super::focus::{Focus, Sight};
use super::observe::{healed_after_a_split, last_time, up_playing};
use super::words::list;
use super::{Lesson, Question, Step, Task};
use crate::protocols::election;
use crate::sim::words::count;

/// Servers in every scenario of the lesson (A to E).
const SERVERS: u32 = 5;
/// The shortest election timeout of the main scenario (the longest is twice it).
const TIMEOUT_MS: u32 = 2_000;
/// The shortest election timeout of the split-vote scenario.
const SHORT_TIMEOUT_MS: u32 = 300;
/// The fixed part of every message's trip.
const LATENCY_MS: u64 = 300;
/// The most extra delay on a trip.
const JITTER_MS: u64 = 100;

/// When the prediction's scenario cuts A and B off.
const SPLIT_AT: SimTime = seconds(8);
const A: NodeId = NodeId(0);
const B: NodeId = NodeId(1);

pub static LESSON: Lesson = Lesson {
    slug: "leader-election",
    title: "Agreeing on a leader",
    goal: "Watch servers elect a leader by majority vote, take it away and see a new one chosen, and find out why \
           the smaller side of a split cannot elect anyone.",
    steps: &[
        Step {
            title: "Who is in charge?",
            text: &[
                "Many systems are simpler with one node in charge, a leader, that orders the work and the others \
                 follow. But nobody can just look around and see who leads: the five servers A to E only know what \
                 their messages tell them. Agreeing takes communication.",
                "They follow the rules of Raft, a well-known election method. Each server waits a random time, \
                 here 2 to 4 seconds, to hear from a leader. If it hears nothing, it starts an election: it moves \
                 to the next term (a numbered round), votes for itself and asks the others for their vote. Each \
                 server gives one vote per term, and whoever gets a majority, three of five, leads that term.",
                "The dark ring around each server is its wait: it drains, and fills again whenever the server \
                 hears from a leader. A server whose ring runs out stands for election. Each circle also shows \
                 the term its server is in, and a candidate's votes so far sit on a tag at its top.",
            ],
            scenario: Some(election),
            point_at: None,
            task: None,
            question: Some(Question {
                prompt: "No server leads yet. After 10 seconds, how many leaders will there be?",
                choices: &["None: they cannot agree", "Exactly one", "Two or more"],
                watch_until: seconds(10),
                outcome: how_many_leaders,
                expected: 1,
                why: &[
                    "Nobody has won a majority yet: the votes were split between candidates.",
                    "A server whose timeout ran out stood for election and asked the others for their votes. Each \
                     server votes at most once per term, so at most one candidate can collect a majority (at least \
                     three of the five); the one that did became leader of its term. If two stand at once and split \
                     the votes, their random timeouts start a new round, and one of them usually gets in first.",
                    "More than one server believes it leads. At most one can have won a majority in any one term, \
                     so the others are left over from older terms.",
                ],
            }),
            chart: None,
            focus: Focus {
                look: &[Sight::Countdown, Sight::Terms, Sight::Votes],
                ..Focus::NONE
            },
        },
        Step {
            title: "Heartbeats",
            text: &[
                "The leader sends heartbeats, small messages saying it is still there, more often than any \
                 follower's timeout. Each heartbeat starts the follower's wait again, and its ring fills up. \
                 Silence is the only sign that a leader is gone: this is how the others detect that it has crashed.",
            ],
            scenario: None,
            point_at: Some("C"),
            task: Some(Task {
                instruction: "Crash the leader and watch the others choose a new one.",
                hint: "Press the node button of the server whose role is leader, then {crash} in its menu.",
                done: new_leader_after_a_crash,
                praise: new_leader_praise,
                example: None,
            }),
            question: None,
            chart: None,
            focus: Focus {
                look: &[Sight::Countdown],
                ..Focus::NONE
            },
        },
        Step {
            title: "Slow is not dead",
            text: &[
                "A node can stop for a while without crashing: a long garbage-collection pause, an overloaded \
                 machine. From outside, a paused leader and a dead one look exactly the same: silence.",
                "The run starts over, so there is no leader at first: wait for the servers to elect one (in this \
                 run C wins, as the ring around it hints).",
            ],
            scenario: Some(election),
            point_at: Some("C"),
            task: Some(Task {
                instruction: "Once a leader is elected, pause it until another server is elected, then resume it.",
                hint: "Once C leads, press its node button, then {pause-node}; when another server shows as \
                       leader, press C's button again, then {resume}.",
                done: old_leader_stepped_down,
                praise: stepped_down_praise,
                example: None,
            }),
            question: None,
            chart: None,
            focus: Focus::NONE,
        },
        Step {
            title: "The smaller side",
            text: &["In this run C becomes leader, and at 8 s the network splits A and B away from C, D and E."],
            scenario: Some(split_two_from_three),
            point_at: Some("A"),
            task: None,
            question: Some(Question {
                prompt: "A and B no longer hear from the leader. What happens on their side?",
                choices: &[
                    "One of them becomes leader",
                    "They keep starting elections and never win",
                    "Nothing: they wait quietly",
                ],
                watch_until: seconds(18),
                outcome: what_the_small_side_did,
                expected: 1,
                why: &[
                    "A leader was elected on the small side, which a majority rule should make impossible.",
                    "A and B time out and stand for election again and again, each time in a higher term, but \
                     with only two servers on their side a candidate gets at most two votes, never the three of five \
                     it needs. The other side, with three servers, still has a majority. \
                     Because a majority is needed, two sides can never both elect a leader for the same term.",
                    "A and B stayed quiet: they never stood for election.",
                ],
            }),
            chart: None,
            focus: Focus::NONE,
        },
        Step {
            title: "Back together",
            text: &[
                "A and B have been counting up terms the whole time: compare the term numbers in their \
                 circles with the leader's. What happens when they can talk to the others again?",
            ],
            scenario: None,
            point_at: None,
            task: Some(Task {
                instruction: "Heal the network from {network} and wait until the five servers agree on one leader \
                              again.",
                hint: "Open {network} just below this lesson and press {heal-everything}.",
                done: one_leader_everyone_agrees,
                praise: together_praise,
                example: None,
            }),
            question: None,
            chart: None,
            focus: Focus {
                look: &[Sight::Terms],
                spotlight: Some(Control::Network),
                ..Focus::NONE
            },
        },
        Step {
            title: "Split votes",
            text: &[
                "The random timeouts matter. Here they are only 300 to 600 ms, while a message takes 300 to 400 ms \
                 to arrive. Before one candidate's vote requests land, others have stood too.",
            ],
            scenario: Some(tight_timeouts),
            point_at: None,
            task: None,
            question: Some(Question {
                prompt: "With timeouts this close to the message delay, will there be a leader after 10 seconds?",
                choices: &["Yes, one leader, as before", "No: the votes keep splitting"],
                watch_until: seconds(10),
                outcome: leader_or_split,
                expected: 1,
                why: &[
                    "A leader was elected despite the tight timeouts: one candidate got lucky and stood alone.",
                    "Servers kept standing at nearly the same moment, each voting for itself, and before any \
                     candidate reached three votes, another timeout started a new term. Look at how high the terms \
                     climbed. Raft avoids this with timeouts much longer than a message's trip, each drawn \
                     at random from a wide range, so that one server usually stands well before the others.",
                ],
            }),
            chart: None,
            focus: Focus::NONE,
        },
    ],
    takeaway: "A leader is chosen by majority vote in numbered terms; silence looks like death, and only a side \
               with a majority can elect one.",
};

fn cluster(timeout_ms: u32) -> Scenario {
    let mut scenario = Scenario::new(
        ClusterSpec::Election(election::Election {
            nodes: SERVERS,
            timeout_ms,
        }),
        10,
    );
    scenario.network = Some(LinkConfig {
        latency: millis(LATENCY_MS),
        jitter: millis(JITTER_MS),
        ..LinkConfig::default()
    });
    scenario
}

/// Five servers, timeouts of 2 to 4 s, messages taking 300 to 400 ms.
fn election() -> Scenario {
    let mut scenario = cluster(TIMEOUT_MS);
    scenario.name = "Five servers elect a leader".to_string();
    scenario
}

/// The same, with A and B cut off from the rest at 8 s.
fn split_two_from_three() -> Scenario {
    let mut scenario = election();
    scenario.name = "Two against three".to_string();
    scenario.interventions = vec![Intervention::new(SPLIT_AT, Action::Partition(vec![vec![A, B]]))];
    scenario
}

/// Timeouts barely longer than a message's trip.
fn tight_timeouts() -> Scenario {
    let mut scenario = cluster(SHORT_TIMEOUT_MS);
    scenario.name = "Timeouts too close together".to_string();
    scenario
}

fn leaders(snapshot: &Snapshot) -> usize {
    up_playing(snapshot, Part::Leader).count()
}

fn how_many_leaders(run: &dyn Run) -> usize {
    leaders(&run.snapshot()).min(2)
}

/// A second leader was elected after a server crashed.
fn new_leader_after_a_crash(run: &dyn Run) -> bool {
    let snapshot = run.snapshot();
    let crashed = snapshot.nodes.iter().any(|n| n.status == Status::Crashed);
    crashed && leaders(&snapshot) == 1 && run.metrics().count("leader elected") >= 2
}

fn old_leader_stepped_down(run: &dyn Run) -> bool {
    run.metrics().count("leader stepped down") > 0
}

/// A server's term, as it keeps it (durably: a crashed server still knows
/// the last term it saw).
fn term_of(run: &dyn Run, view: &NodeView) -> u64 {
    at::<ElectionNode>(run, view.id).map_or(0, ElectionNode::term)
}

/// The leader now, if exactly one running server leads: its name and term.
fn the_leader(run: &dyn Run, snapshot: &Snapshot) -> Option<(String, u64)> {
    let mut leading = up_playing(snapshot, Part::Leader);
    let leader = leading.next()?;
    leading
        .next()
        .is_none()
        .then(|| (leader.name.clone(), term_of(run, leader)))
}

fn new_leader_praise(run: &dyn Run) -> String {
    let snapshot = run.snapshot();
    let Some((leader, term)) = the_leader(run, &snapshot) else {
        return "The cluster has a leader again.".to_string();
    };
    let crashed: Vec<&NodeView> = snapshot.nodes.iter().filter(|n| n.status == Status::Crashed).collect();
    let old_term = crashed.iter().map(|n| term_of(run, n)).max().unwrap_or(0);
    let names: Vec<String> = crashed.iter().map(|n| n.name.clone()).collect();
    // The servers still running besides the leader.
    let led = (snapshot.nodes.iter().filter(|n| n.status == Status::Up).count() as u64).saturating_sub(1);
    let tries = if term > old_term + 1 {
        format!(
            ", after {} in which nobody won: the votes split, and the candidates tried again",
            count(term - old_term - 1, "term")
        )
    } else {
        ", the first term after the crash".to_string()
    };
    format!(
        "The heartbeats from {} stopped. The first follower whose timeout ran out started an election, and {leader} \
         won term {term}{tries}. It leads the {} still running. The cluster has a leader again without anyone \
         choosing it by hand.",
        list(&names),
        count(led, "other server")
    )
}

fn stepped_down_praise(run: &dyn Run) -> String {
    let snapshot = run.snapshot();
    let paused = run.log().iter().rev().find_map(|i| match i.action {
        Action::Pause(id) if i.at <= run.now() => snapshot.nodes.get(id.index()),
        _ => None,
    });
    let (Some(old), Some((leader, term))) = (paused, the_leader(run, &snapshot)) else {
        return "The old leader stepped down.".to_string();
    };
    let frozen_at = last_time(run, |i| i.action == Action::Pause(old.id)).unwrap_or(0);
    let woke_at = last_time(run, |i| i.action == Action::Resume(old.id))
        .filter(|&at| at >= frozen_at)
        .unwrap_or_else(|| run.now());
    let waited = run
        .trace()
        .since(frozen_at)
        .take_while(|e| e.time <= woke_at)
        .any(|e| matches!(e.kind, TraceKind::Queued { at, .. } if at == old.id));
    let told = if waited {
        "the messages from the others, some of them waiting in its inbox since it froze, carried the higher term"
    } else {
        "the answers to its heartbeats carried the higher term"
    };
    let now = if old.name == leader {
        format!("It has since been elected again, and leads term {term}.")
    } else {
        format!("It now follows {leader}, the leader of term {term}.")
    };
    format!(
        "While {} was frozen, the others elected a new leader in a higher term. {} woke up still believing it \
         led, but {told}, so it stepped down. {now} Terms are how a stale leader finds out it has been replaced.",
        old.name, old.name
    )
}

fn together_praise(run: &dyn Run) -> String {
    let snapshot = run.snapshot();
    let Some((leader, term)) = the_leader(run, &snapshot) else {
        return "The servers agree on one leader again.".to_string();
    };
    let stepped_down = if run.metrics().count("leader stepped down") > 0 {
        "On seeing them, the leader of the bigger side stepped down, and "
    } else {
        "Then "
    };
    format!(
        "A and B had counted up terms the whole time they were cut off, so their messages carried higher terms than \
         the other side's. {stepped_down}a fresh election chose one leader for everyone: {leader}, in term {term}, \
         which every running server is in now. Terms only go up, which is what lets every server tell old news \
         from new."
    )
}

/// 0 if A or B leads, 1 if they moved past the term of the leader they
/// lost, 2 if they stayed where they were.
fn what_the_small_side_did(run: &dyn Run) -> usize {
    let snapshot = run.snapshot();
    let small = [A, B].map(|id| snapshot.nodes.get(id.index()));
    if small.iter().flatten().any(|n| n.role.part == Part::Leader) {
        return 0;
    }
    let small_term = small.iter().flatten().map(|n| term_of(run, n)).max().unwrap_or(0);
    let big_term = snapshot
        .nodes
        .iter()
        .skip(2)
        .map(|n| term_of(run, n))
        .max()
        .unwrap_or(0);
    if small_term > big_term {
        1
    } else {
        2
    }
}

/// The network was split and is whole again, and the five servers agree on
/// one leader: every server is up, one of them leads, and each of the others
/// follows that leader in its term (none is still a candidate, or a
/// follower that has not heard who leads). Read from the servers' own state.
fn one_leader_everyone_agrees(run: &dyn Run) -> bool {
    let Some(world) = world_of::<ElectionNode>(run) else {
        return false;
    };
    let servers: Vec<NodeId> = (0..world.node_count())
        .filter_map(|i| u32::try_from(i).ok())
        .map(NodeId)
        .collect();
    let all_up = servers.iter().all(|&id| world.status(id) == Some(Status::Up));
    let Some(leader) = servers
        .iter()
        .find_map(|&id| world.behaviour(id).filter(|s| s.is_leader()).map(|s| (id, s.term())))
    else {
        return false;
    };
    let everyone_follows = servers.iter().all(|&id| {
        world
            .behaviour(id)
            .is_some_and(|s| s.leader() == Some(leader.0) && s.term() == leader.1)
    });
    healed_after_a_split(run) && all_up && everyone_follows
}

fn leader_or_split(run: &dyn Run) -> usize {
    usize::from(leaders(&run.snapshot()) == 0)
}
