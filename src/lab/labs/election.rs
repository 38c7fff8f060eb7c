//! Lab 5, leader election (lesson 10): five student nodes elect leaders,
//! term after term, while the lab crashes two of them and brings them back
//! cut off from the other three, until the split heals. Only a leader sends heartbeats, so the lab reads the nodes'
//! journals and takes a node that sends `#{type: "heartbeat", term: t}` to
//! lead term t. It checks that no term has two leaders, that no node on the
//! small side of the split starts to lead (it cannot have a majority's
//! votes), and that whenever a majority can talk, one of them leads within
//! a bound, also once the split has healed.

use std::collections::{BTreeMap, BTreeSet};
use std::rc::Rc;

use crate::kind;
use crate::sim::{millis, seconds as secs, Action, Intervention, Kind, LinkConfig, NodeId, Part, Role, World};

use super::super::data::{Data, Entries};
use super::super::node::LabNode;
use super::super::program::Program;
use super::super::student::{LeaderSign, Step};
use super::{network, seconds, student_nodes, Lab, Setup, Verdict};

const HEARTBEAT: Kind = kind!("heartbeat", "heartbeat");

/// The student's nodes.
const NODES: u32 = 5;
/// How long after a fault a majority that can talk must have a leader.
const BOUND_MS: i64 = 3_000;
/// How recent a heartbeat must be for its sender to count as leading.
const RECENT_MS: i64 = 300;
/// A leader, as the picture shows it: a node that sent a heartbeat in the
/// last 300 ms, by its clock.
const SIGN: LeaderSign = LeaderSign {
    beat: "heartbeat",
    recent_ms: RECENT_MS,
    leader: Role::new(Part::Leader, "leader"),
};

/// A stretch of the run in which a majority can talk: from when, which
/// nodes, and since what, in words.
struct Watch {
    from_ms: i64,
    nodes: &'static [u32],
    after: &'static str,
}

const WATCHES: [Watch; 4] = [
    Watch {
        from_ms: 0,
        nodes: &[0, 1, 2, 3, 4],
        after: "from the start",
    },
    Watch {
        from_ms: 4_000,
        nodes: &[2, 3, 4],
        after: "once A and B had crashed at 4.0 s",
    },
    Watch {
        from_ms: 8_000,
        nodes: &[2, 3, 4],
        after: "once A and B were back but cut off by the split at 8.0 s",
    },
    Watch {
        from_ms: 11_000,
        nodes: &[0, 1, 2, 3, 4],
        after: "once the split had healed at 11.0 s",
    },
];

/// The split: from when to when, and the side that cannot reach a
/// majority (A and B, just back from their crash).
const SPLIT_MS: std::ops::Range<i64> = 8_000..11_000;
const MINORITY: [u32; 2] = [0, 1];

/// A property this lab checks, in the words the student reads.
pub const ONE_LEADER: &str = "at most one leader per term";
/// A property this lab checks, in the words the student reads.
pub const NO_MINORITY_LEADER: &str = "no leader without a majority";
/// A property this lab checks, in the words the student reads.
pub const LEADER_WITH_MAJORITY: &str = "a leader whenever a majority can talk";
/// A property this lab checks, in the words the student reads.
pub const READABLE: &str = "heartbeats can be read";

pub static LAB: Lab = Lab {
    id: "election",
    title: "Leader election",
    lesson: 10,
    spec: "Five nodes, A to E, elect a leader for each term. A leader tells every peer \
#{type: \"heartbeat\", term: t} at least every 100 ms, and only a leader sends heartbeats: \
the lab takes a node that sends one to be the leader of term t. At 4 s nodes A and B crash; \
at 8 s they come back, but the network keeps them apart from C, D and E until 11 s. The tests \
fail if two nodes lead the same term, if a node starts to lead while it can talk to fewer \
than three nodes (itself included), or if a majority of nodes can talk to each other for \
3 s and none of them is leading.",
    starter: STARTER,
    hints: &[
        "A node may lead only with the votes of a majority: three of the five.",
        "Give at most one vote per term, and remember it in durable: a node that crashes \
and comes back must not vote again in the same term.",
        "If every node waits the same time before standing, they all stand at once and \
split the vote, again and again. Wait a random while.",
    ],
    kinds: &[HEARTBEAT],
    properties: &[ONE_LEADER, NO_MINORITY_LEADER, LEADER_WITH_MAJORITY, READABLE],
    duration: secs(14),
    setup,
    check,
    measure: None,
};

const STARTER: &str = r#"// One of five nodes. When it hears no leader for a while, it stands
// for election, and simply declares itself leader.
fn on_start() {
    state.term = 0;
    set_timer("election", 300 + random(300));
}

fn on_timer(name) {
    if name == "election" {
        state.term += 1;
        state.leading = true;
        set_timer("heartbeat", 0);
    } else if name == "heartbeat" && state.leading {
        for peer in peers() {
            send(peer, #{type: "heartbeat", term: state.term});
        }
        set_timer("heartbeat", 100);
    }
}

fn on_message(from, msg) {
    if msg.type == "heartbeat" && msg.term >= state.term {
        state.term = msg.term;
        state.leading = false;
        set_timer("election", 300 + random(300));
    }
}
"#;

fn setup(program: &Rc<Program>) -> Setup {
    let nodes = student_nodes(program, NODES, Role::new(Part::Peer, "node"), |node| {
        node.journaling().leading_by(SIGN)
    });
    let network = network(LinkConfig {
        latency: millis(10),
        jitter: millis(40),
        ..LinkConfig::default()
    });
    let (a, b) = (NodeId(0), NodeId(1));
    let sides = vec![vec![a, b], vec![NodeId(2), NodeId(3), NodeId(4)]];
    Setup {
        network,
        nodes,
        faults: vec![
            Intervention::new(secs(4), Action::Crash(a)),
            Intervention::new(secs(4), Action::Crash(b)),
            Intervention::new(secs(8), Action::Restart(a)),
            Intervention::new(secs(8), Action::Restart(b)),
            Intervention::new(secs(8), Action::Partition(sides)),
            Intervention::new(secs(11), Action::HealAll),
        ],
    }
}

/// A heartbeat a node sent: when (its clock, ms) and for which term.
struct Beat {
    at_ms: i64,
    term: i64,
}

/// Every heartbeat one node sent, in order, or the first it sent with no
/// whole-number term.
fn beats(journal: &[Step]) -> Result<Vec<Beat>, (i64, String)> {
    let mut beats = Vec::new();
    for step in journal {
        for (_, msg) in step.sent.iter().filter(|(_, msg)| msg.type_name() == Some("heartbeat")) {
            match msg.field("term").and_then(Data::as_int) {
                Some(term) => beats.push(Beat {
                    at_ms: step.at_ms,
                    term,
                }),
                None => return Err((step.at_ms, Entries(msg.body()).to_string())),
            }
        }
    }
    Ok(beats)
}

/// One leader per term, and a leader among each watched majority within
/// the bound.
fn check(world: &World<LabNode>) -> Verdict {
    let name = |node: u32| world.name(NodeId(node)).unwrap_or("?").to_string();
    let mut all = Vec::new();
    for node in 0..NODES {
        let journal = world
            .behaviour(NodeId(node))
            .and_then(LabNode::student)
            .map(|s| s.journal());
        match beats(journal.unwrap_or_default()) {
            Ok(beats) => all.push((node, beats)),
            Err((at_ms, body)) => {
                return Verdict::Failed {
                    property: READABLE,
                    explanation: format!(
                        "at {} {} sent a heartbeat with no whole number in term: {body}",
                        seconds(at_ms),
                        name(node)
                    ),
                }
            }
        }
    }
    if let Some(explanation) = two_leaders(&all, &name) {
        return Verdict::Failed {
            property: ONE_LEADER,
            explanation,
        };
    }
    if let Some(explanation) = minority_leader(&all, &name) {
        return Verdict::Failed {
            property: NO_MINORITY_LEADER,
            explanation,
        };
    }
    for watch in &WATCHES {
        let by_ms = watch.from_ms + BOUND_MS;
        let leading = all.iter().any(|(node, beats)| {
            watch.nodes.contains(node) && beats.iter().any(|b| (by_ms - RECENT_MS..=by_ms).contains(&b.at_ms))
        });
        if !leading {
            let names: Vec<String> = watch.nodes.iter().map(|&n| name(n)).collect();
            return Verdict::Failed {
                property: LEADER_WITH_MAJORITY,
                explanation: format!(
                    "{} could talk {}, but at {} none of them was leading \
(none had sent a heartbeat in the last {RECENT_MS} ms)",
                    names.join(", "),
                    watch.after,
                    seconds(by_ms)
                ),
            };
        }
    }
    Verdict::Passed
}

/// The first node that started to lead a term on the small side of the
/// split, in words: A and B, back from their crash, cannot win a term
/// there with two votes of five.
fn minority_leader(all: &[(u32, Vec<Beat>)], name: &dyn Fn(u32) -> String) -> Option<String> {
    let mut firsts = Vec::new();
    for (node, beats) in all.iter().filter(|(node, _)| MINORITY.contains(node)) {
        let mut terms = BTreeSet::new();
        for beat in beats {
            if terms.insert(beat.term) && SPLIT_MS.contains(&beat.at_ms) {
                firsts.push((beat.at_ms, *node, beat.term));
            }
        }
    }
    let (at_ms, node, term) = firsts.into_iter().min()?;
    let others: Vec<String> = MINORITY.iter().filter(|&&n| n != node).map(|&n| name(n)).collect();
    Some(format!(
        "{} started to lead term {term} at {}, when it could talk only to {}: a leader needs the votes \
of a majority, three of the five",
        name(node),
        seconds(at_ms),
        others.join(" and ")
    ))
}

/// The term that first had a second leader, in words.
fn two_leaders(all: &[(u32, Vec<Beat>)], name: &dyn Fn(u32) -> String) -> Option<String> {
    // Each term's leaders, each with its first heartbeat for that term.
    let mut terms: BTreeMap<i64, BTreeMap<u32, i64>> = BTreeMap::new();
    for (node, beats) in all {
        for beat in beats {
            let first = terms.entry(beat.term).or_default().entry(*node).or_insert(beat.at_ms);
            *first = (*first).min(beat.at_ms);
        }
    }
    let (term, leaders) = terms
        .into_iter()
        .filter(|(_, leaders)| leaders.len() > 1)
        .map(|(term, leaders)| {
            let mut leaders: Vec<(i64, u32)> = leaders.into_iter().map(|(node, at)| (at, node)).collect();
            leaders.sort_unstable();
            (term, leaders)
        })
        .min_by_key(|(_, leaders)| leaders[1].0)?;
    let [(first_at, first), (second_at, second)] = [leaders[0], leaders[1]];
    Some(format!(
        "term {term} had two leaders: {} sent heartbeats for it from {}, and {} from {}",
        name(first),
        seconds(first_at),
        name(second),
        seconds(second_at)
    ))
}
