//! Lesson 9, sharding: the data is split into slices, each kept by one node;
//! a key's home shard is computed from the key. Crashing a shard makes only
//! its slice unavailable; one very popular key makes its shard's queue grow
//! while the others idle. Ends on the two meanings of "partition".

use crate::protocols::sharding::home_of;
use crate::protocols::sharding::message::{STORED, VALUE};
use crate::scenario::{ClusterSpec, Scenario};
use crate::sim::{millis, seconds, Action, Failure, LinkConfig, NodeId, Outcome, Run, SimTime, Status};

use super::focus::{Focus, Sight};
use super::observe::{delivered_since, last_time};
use super::{Lesson, Question, Step, Task};
use crate::protocols::sharding;
use crate::sim::words::count;

/// Shards in every scenario of the lesson (S0 to S3).
const SHARDS: u32 = 4;
/// Clients in every scenario of the lesson (C0 to C2).
const CLIENTS: u32 = 3;
/// The share of all requests that go to key 0 in the hot-key scenario.
const HOT_KEY_PPM: u32 = 500_000;
/// A queue this long at a shard shows it cannot keep up.
const LONG_QUEUE: usize = 50;

pub static LESSON: Lesson = Lesson {
    slug: "sharding",
    title: "Sharding",
    goal: "See data split into slices across nodes, and find out what happens to the keys of a shard that crashes \
           or gets far more than its share of requests.",
    steps: &[
        Step {
            title: "Slices of the data",
            text: &[
                "The clients of this store use 1,000 different keys, too many (let us pretend) for one machine. \
                 So the keys are split into 4 slices called shards, and each of the nodes S0 to S3 keeps one \
                 slice.",
                "Every key has exactly one home shard, computed from the key itself: a hash of the key, divided by \
                 the number of shards, and the remainder names the shard. Every client does the same sum, so the \
                 clients C0, C1 and C2 send each request straight to the right shard, with nobody in between.",
                "Each shard only has to store and serve a quarter of the data, so adding shards adds both room and \
                 throughput. Each shard shows how many keys it stores so far: a key is stored once a client first \
                 writes it, so the counts climb towards 1,000 between them.",
            ],
            scenario: Some(even_load),
            point_at: Some("S0"),
            task: None,
            question: None,
            chart: None,
            focus: Focus {
                speed: Some(0.25),
                look: &[Sight::Keys],
                ..Focus::NONE
            },
        },
        Step {
            title: "Lose a slice",
            text: &[
                "There is only one copy of each slice here (a real store would also replicate every shard, as in \
                 the replication lesson). What does losing one shard cost?",
            ],
            scenario: None,
            point_at: None,
            task: Some(Task {
                instruction: "Crash one of the shards.",
                hint: "Press the node button of any shard (S0 to S3), then {crash} in its menu.",
                done: one_slice_lost,
                praise: lost_slice_praise,
                example: None,
            }),
            question: None,
            chart: None,
            focus: Focus::NONE,
        },
        Step {
            title: "A hot key",
            text: &[
                "Keys are rarely equally popular. Think of one celebrity's profile, or the front page of a shop \
                 during a sale. In this run, half of all requests ask for the very same key: key 0.",
                "A dark tag reading \"N waiting\" on or by a shard counts the requests waiting in its queue.",
            ],
            scenario: Some(hot_key),
            point_at: None,
            task: None,
            question: Some(Question {
                prompt: "Half of all requests now go to key 0. What will the shards do?",
                choices: &[
                    "All four share the extra load",
                    "One shard's queue grows while the others idle",
                ],
                watch_until: seconds(5),
                outcome: one_shard_swamped,
                expected: 1,
                why: &[
                    "The load stayed even: no shard fell behind.",
                    "Key 0 lives on S3, and only on S3, so every request for it lands there. S3 falls further \
                     behind every second while S0, S1 and S2 have little to do. That is a hot shard: adding more \
                     shards would not help, because the hot key still has one home. Real systems cache popular \
                     keys, copy them to several nodes, or split them.",
                ],
            }),
            chart: None,
            focus: Focus {
                look: &[Sight::Waiting],
                ..Focus::NONE
            },
        },
        Step {
            title: "Two meanings of \"partition\"",
            text: &[
                "Many databases call a shard a partition: splitting data into slices is partitioning it.",
                "In the previous lesson, a partition was something else entirely: a split in the network that stops \
                 nodes from reaching each other. One is a design choice about where data lives; the other is a \
                 fault that happens to you. When you read \"partition\", check which one is meant.",
            ],
            scenario: None,
            point_at: None,
            task: None,
            question: None,
            chart: None,
            focus: Focus::NONE,
        },
    ],
    takeaway: "Sharding splits the data so each node holds a slice: more room and more throughput, but each key \
               still has one home, and a lost or swamped shard takes its keys with it.",
};

/// Four shards and three clients, slowed down so requests can be seen.
fn shards(hot_key_ppm: u32) -> Scenario {
    let mut scenario = Scenario::new(
        ClusterSpec::Shards(sharding::Shards {
            shards: SHARDS,
            clients: CLIENTS,
            hot_key_ppm,
        }),
        9,
    );
    scenario.network = Some(LinkConfig {
        latency: millis(100),
        jitter: millis(20),
        ..LinkConfig::default()
    });
    scenario
}

/// Keys chosen evenly.
fn even_load() -> Scenario {
    let mut scenario = shards(0);
    scenario.name = "Four shards, keys chosen evenly".to_string();
    scenario
}

/// Half of all requests for key 0.
fn hot_key() -> Scenario {
    let mut scenario = shards(HOT_KEY_PPM);
    scenario.name = "Four shards and one hot key".to_string();
    scenario
}

/// A shard is down, requests have timed out, and another shard has
/// answered since the crash.
fn one_slice_lost(run: &dyn Run) -> bool {
    let snapshot = run.snapshot();
    let shards = || snapshot.nodes.iter().take(SHARDS as usize);
    let is_shard = |id: NodeId| id.0 < SHARDS;
    let crashed_at = last_time(run, |i| matches!(i.action, Action::Crash(id) if is_shard(id)));
    let any_down = shards().any(|n| n.status == Status::Crashed);
    let others_answer = crashed_at.is_some_and(|t| {
        shards().filter(|n| n.status == Status::Up).any(|n| {
            delivered_since(run, VALUE, Some(n.id), None, t) + delivered_since(run, STORED, Some(n.id), None, t) > 0
        })
    });
    any_down && others_answer && run.metrics().totals.timed_out > 0
}

/// What became of the requests the clients called from `since` on, split
/// by whether their key lives on the shard `lost`. Read from the history,
/// so every count is about the same requests and they add up.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct SinceCrash {
    called: u64,
    to_lost: u64,
    gave_up: u64,
    answered_elsewhere: u64,
}

fn since_crash(run: &dyn Run, lost: NodeId, since: SimTime) -> SinceCrash {
    let mut tally = SinceCrash::default();
    for op in run.history().operations().iter().filter(|op| op.invoked >= since) {
        tally.called += 1;
        if home_of(op.call.key(), SHARDS) == lost.0 {
            tally.to_lost += 1;
            if matches!(
                op.outcome,
                Outcome::Failed {
                    why: Failure::TimedOut,
                    ..
                }
            ) {
                tally.gave_up += 1;
            }
        } else if op.ret().is_some() {
            tally.answered_elsewhere += 1;
        }
    }
    tally
}

fn lost_slice_praise(run: &dyn Run) -> String {
    let snapshot = run.snapshot();
    let Some(lost) = snapshot
        .nodes
        .iter()
        .take(SHARDS as usize)
        .find(|n| n.status == Status::Crashed)
    else {
        return "A shard is down.".to_string();
    };
    let since = last_time(run, |i| i.action == Action::Crash(lost.id)).unwrap_or(0);
    let tally = since_crash(run, lost.id, since);
    let share = (tally.to_lost * 100 + tally.called / 2)
        .checked_div(tally.called)
        .unwrap_or(0);
    let given_up = match tally.gave_up {
        0 => "none of these has waited that long yet".to_string(),
        g if g < tally.to_lost => format!("{g} of these so far, the newer ones still waiting"),
        g => format!("all {g} of these so far"),
    };
    let on_tags: u64 = snapshot
        .nodes
        .iter()
        .filter_map(|n| n.outcomes)
        .map(|o| o.gave_up)
        .sum();
    let tags = if on_tags > tally.gave_up {
        format!(
            " The tags by the clients count {on_tags} given up, as they count every request given up since the \
             run began, including those that were on their way to {} or waiting in it when it crashed.",
            lost.name
        )
    } else {
        String::new()
    };
    format!(
        "{} is down. Since it crashed, the clients have sent {}; the {} whose keys live on {} ({share}%) get no \
         answer. A client gives up on such a request once it has waited long enough: {given_up}.{tags} Of the \
         remaining {}, the other shards have answered {} already: they neither know nor care. A crash takes its \
         slice with it, not the whole store.",
        lost.name,
        count(tally.called, "request"),
        tally.to_lost,
        lost.name,
        tally.called - tally.to_lost,
        tally.answered_elsewhere
    )
}

/// 1 if one shard has a long queue while every other shard's is short.
fn one_shard_swamped(run: &dyn Run) -> usize {
    let snapshot = run.snapshot();
    let queues: Vec<usize> = snapshot.nodes.iter().take(SHARDS as usize).map(|n| n.queue).collect();
    let long = queues.iter().filter(|&&q| q >= LONG_QUEUE).count();
    let short = queues.iter().filter(|&&q| q < LONG_QUEUE / 10).count();
    usize::from(long == 1 && short == queues.len() - 1)
}
