//! Lesson 8, partitions and the CAP trade-off: the network splits a replica
//! and a client away from the rest. Replicas that choose consistency refuse
//! to answer without a majority; replicas that choose availability keep
//! answering from their own copy, which drifts out of date, and the copies
//! are reconciled once the network heals (eventual consistency). The
//! checker then catches the stale read, and a sweep over 100 seeds shows
//! that one run proves only what it shows.

use super::typed::replica;
use crate::protocols::replication::message::{REFUSED, VALUE, WRITTEN};
use crate::protocols::replication::{Replica, Store};
use crate::scenario::{ClusterSpec, Scenario};
use crate::sim::Part;
use crate::sim::{millis, seconds, Action, Intervention, LinkConfig, NodeId, Run, SimTime};

use super::controls::Control;
use super::focus::{Focus, Sight};
use super::observe::{
    delivered_since, healed_after_a_split, last_time, node, side, stale_read_choice, up_playing, STALE_READ_CHOICES,
};
use super::words::times;
use super::{Chart, Lesson, Question, Step, Task};
use crate::protocols::quorum::Quorum;
use crate::protocols::replication;
use crate::protocols::written::SHOWN_KEY;
use crate::sim::words::{count, holding, key_name};

const R0: NodeId = NodeId(0);
const R1: NodeId = NodeId(1);
const R2: NodeId = NodeId(2);
const C0: NodeId = NodeId(3);
const C1: NodeId = NodeId(4);

/// When the prediction's scenario splits R2 and C1 off.
const SPLIT_AT: SimTime = seconds(2);

pub static LESSON: Lesson = Lesson {
    slug: "partitions",
    title: "Partitions and the CAP trade-off",
    goal: "Split the network and see a replicated store either refuse to answer or answer with stale data, then \
           heal it and watch the copies agree again.",
    steps: &[
        Step {
            title: "When the network splits",
            text: &[
                "The store from the first steps of lesson 7, with a primary and backups rather than quorums: \
                 replicas R0, R1 and R2, with R0 as primary, and clients C0 and C1.",
                "A network partition is a break in the network that splits the nodes into sides. Every node keeps \
                 running, and nodes on the same side still talk, but no message crosses from one side to the \
                 other. A switch breaks down, a cable is cut, a firewall rule goes wrong.",
                "Careful with the word: in databases a \"partition\" can also mean a slice of the data (a shard). \
                 Here it means a split network.",
            ],
            scenario: Some(consistent),
            point_at: None,
            task: None,
            question: None,
            chart: None,
            focus: Focus {
                speed: Some(0.1),
                ..Focus::NONE
            },
        },
        Step {
            title: "Split the network",
            text: &[
                "These replicas are set to choose consistency: a replica that cannot reach a majority of the \
                 replicas (two of three) refuses to answer rather than risk a wrong answer.",
            ],
            scenario: None,
            point_at: Some("R2"),
            task: Some(Task {
                instruction: "With {network}, just below this lesson, cut R2 and the client C1 off from everyone \
                              else.",
                hint: "Open {network} just below this lesson, tick R2 and C1 under \"Split the network\", then press \
                       {split-off}.",
                done: c1_refused_on_the_small_side,
                praise: refused_praise,
                example: None,
            }),
            question: None,
            chart: None,
            focus: Focus {
                spotlight: Some(Control::Network),
                ..Focus::NONE
            },
        },
        Step {
            title: "Answer anyway?",
            text: &[
                "The other choice is to keep answering. These replicas are set to prefer availability: a replica \
                 cut off from the primary serves reads and writes from its own copy.",
                "R2 and C1 are split off from the rest at 2 s, just like before. Watch what R0 and R2 each hold \
                 for x once they are apart. Each side goes on counting versions from where they stood at the \
                 split, so a higher version on one side is not a newer write than the other side's: the next \
                 step shows how the two copies are settled.",
            ],
            scenario: Some(available_and_split),
            point_at: Some("C1"),
            task: None,
            question: Some(Question {
                prompt: "R2 and C1 are cut off at 2 s. What will C1 get from now on?",
                choices: &["Refusals, as before", "Answers, from R2's own copy"],
                watch_until: seconds(8),
                outcome: c1_answered_by_r2,
                expected: 1,
                why: &[
                    "C1 was refused: nobody on its side was willing to answer.",
                    "R2 kept answering and even made itself primary of its side. C1 is happy, but compare what R0 and \
                     R2 hold for x: writes taken on one side since the split have not reached the other. A read \
                     from R2 cannot show what C0 wrote through R0, so it may be stale. The system stayed available \
                     by giving up consistency.",
                ],
            }),
            chart: Some(Chart::PartitionChoice),
            focus: Focus {
                look: &[Sight::Stored],
                ..Focus::NONE
            },
        },
        Step {
            title: "Heal and reconcile",
            text: &[
                "Partitions end. When they do, the two sides must settle on one version of every key and one \
                 primary. A write from a newer epoch wins over any write from an older one, whatever their version \
                 numbers; within one epoch, the higher version wins. Watch what each replica holds for x, and the \
                 epoch on top of each.",
            ],
            scenario: None,
            point_at: None,
            task: Some(Task {
                instruction: "Heal the network from {network} and watch the copies agree again.",
                hint: "Open {network} just below this lesson and press {heal-everything}.",
                done: healed_and_agreeing,
                praise: reconciled_praise,
                example: Some(heal_after_the_watch),
            }),
            question: None,
            chart: None,
            focus: Focus {
                look: &[Sight::Stored, Sight::Epochs],
                spotlight: Some(Control::Network),
                ..Focus::NONE
            },
        },
        Step {
            title: "The trade-off, in one sentence",
            text: &[
                "This is the CAP theorem: when a partition happens, a replicated system has to give up either \
                 consistency (every answer reflects the latest write) or availability (every request gets an \
                 answer). It cannot keep both.",
                "Partitions are not optional in a real network, so the choice is about what to do when one comes. \
                 A bank balance usually chooses consistency and refuses; a shopping cart or a like counter usually \
                 chooses availability and sorts things out later. When the network is whole, you can have both.",
            ],
            scenario: None,
            point_at: None,
            task: None,
            question: None,
            chart: None,
            focus: Focus::NONE,
        },
        Step {
            title: "Catch the stale read",
            text: &[
                "\"Risk a stale answer\" can be made exact. Many Nodes keeps a history of every operation the \
                 clients make: when it was called, when its answer came, and what the answer was.",
                "A checker looks for one order of all of them that explains every answer, as if a single store had \
                 handled them one at a time, each at some moment between its call and its answer. A store that \
                 always allows such an order is called linearizable. When no order exists, the checker names the \
                 operation that breaks it. The History panel draws each operation as a bar from its call to its \
                 answer, one row per client, and marks in orange any answer that no order explains. Its labels \
                 read as in lesson 7: w(y,C1:4) is C1's fourth value written to y, r(y)→C1:4 a read that got it.",
                "This is the run from before: replicas that prefer availability, with R2 and C1 split off at 2 s. \
                 The cluster picture shows what each replica holds for x (where the screen is small, the Cluster \
                 button above brings it back); the History panel shows the operations on every key, x, y and z.",
            ],
            scenario: Some(available_and_split),
            point_at: Some("C1"),
            task: None,
            question: Some(Question {
                prompt: "Will the checker find a read that returned old data?",
                choices: STALE_READ_CHOICES,
                watch_until: seconds(8),
                outcome: stale_read_choice,
                expected: 1,
                why: &[
                    "The checker found an order that explains every answer: in this run no read on one side came \
                     after a write on the other side had been confirmed.",
                    "The checker found a read that no order explains: a client read a key on its own side after a \
                     write on the other side had been confirmed, and got the older value. No message crossed the \
                     split, so the replica that answered could not know. That is the price of staying available.",
                ],
            }),
            chart: None,
            focus: Focus {
                look: &[Sight::Stored, Sight::History],
                ..Focus::NONE
            },
        },
        Step {
            title: "One run, or the rule?",
            text: &[
                "Lesson 7 ended with a quorum store that takes two rounds, because overlapping quorums alone are \
                 not quite enough. Here is a store with R = 2 and W = 2 out of 3 that takes one round only. A write \
                 does not first ask for the newest version, so a write that comes later can carry a smaller version \
                 than one that already finished, and lose to it; and a read does not write back what it found. R2 \
                 and C1 are split off at 2 s, but the stale reads here need no split: they come from the single \
                 round.",
                "One run may be lucky. Each run draws its delays, losses and timers from a seed, and another seed \
                 gives another run of the same cluster. Press {run-seeds}: this store and this split run again \
                 under 100 seeds, and the checker judges the history of each. The sentence and the chart below the \
                 button say in how many runs it found a read that returned old data. Open a failing seed to watch \
                 that run from the start.",
                "One failing run proves that a store is not linearizable. A hundred passing runs prove nothing of the \
                 kind: they only say that a failure is rare in this set-up.",
            ],
            scenario: Some(one_round_quorums_split),
            point_at: Some("C1"),
            task: None,
            question: None,
            chart: None,
            focus: Focus {
                look: &[Sight::Seeds, Sight::History],
                ..Focus::NONE
            },
        },
    ],
    takeaway: "When the network splits, each side must either refuse to answer or risk a stale answer; once it \
               heals, the copies converge.",
};

/// A one-round quorum store (N = 3, R = W = 2) and two clients, on the
/// lesson's slow links, with R2 and C1 split off at 2 s.
fn one_round_quorums_split() -> Scenario {
    let cluster = Quorum {
        n: 3,
        r: 2,
        w: 2,
        clients: 2,
    };
    let mut scenario = Scenario::new(ClusterSpec::Quorum(cluster), 7);
    scenario.name = "Overlapping quorums in one round, split".to_string();
    scenario.network = Some(LinkConfig {
        latency: millis(30),
        jitter: millis(10),
        ..LinkConfig::default()
    });
    scenario.interventions = vec![Intervention::new(SPLIT_AT, Action::Partition(vec![vec![R2, C1]]))];
    scenario
}

/// Three replicas and two clients, with the given choice for partitions.
fn store(prefer_availability: bool) -> Scenario {
    let mut scenario = Scenario::new(
        ClusterSpec::PrimaryBackup(replication::PrimaryBackup {
            replicas: 3,
            clients: 2,
            synchronous: true,
            prefer_availability,
            start_in_touch: true,
        }),
        8,
    );
    scenario.network = Some(LinkConfig {
        latency: millis(30),
        jitter: millis(10),
        ..LinkConfig::default()
    });
    scenario
}

/// Replicas that refuse to answer without a majority.
fn consistent() -> Scenario {
    let mut scenario = store(false);
    scenario.name = "Replicas that choose consistency".to_string();
    scenario
}

/// Replicas that keep answering, with R2 and C1 split off at 2 s.
fn available_and_split() -> Scenario {
    let mut scenario = store(true);
    scenario.name = "Replicas that choose availability, split".to_string();
    scenario.interventions = vec![Intervention::new(SPLIT_AT, Action::Partition(vec![vec![R2, C1]]))];
    scenario
}

/// R2 and C1 are on a side without R0 and R1, and C1 has been refused since.
fn c1_refused_on_the_small_side(run: &dyn Run) -> bool {
    let snapshot = run.snapshot();
    let small = side(&snapshot, R2);
    let split = small == side(&snapshot, C1) && small != side(&snapshot, R0) && small != side(&snapshot, R1);
    let since = last_time(run, |i| matches!(i.action, Action::Partition(_)));
    split && since.is_some_and(|t| delivered_since(run, REFUSED, Some(R2), Some(C1), t) > 0)
}

/// Answers (values read and writes confirmed) delivered to `client` from
/// `from` on.
fn answers_to(run: &dyn Run, client: NodeId, from: SimTime) -> u64 {
    (delivered_since(run, VALUE, None, Some(client), from) + delivered_since(run, WRITTEN, None, Some(client), from))
        as u64
}

fn refused_praise(run: &dyn Run) -> String {
    let snapshot = run.snapshot();
    let refusals = node(&snapshot, "C1")
        .and_then(|c1| c1.outcomes)
        .map_or(0, |o| o.refused);
    let split = last_time(run, |i| matches!(i.action, Action::Partition(_))).unwrap_or(0);
    let reach = replica(run, R2).map_or("too few replicas".to_string(), |r2| {
        let (heard, replicas) = r2.heard_from();
        format!("{heard} of {}, itself included", count(u64::from(replicas), "replica"))
    });
    let served = answers_to(run, C0, split);
    let other_side = if served > 0 {
        format!(
            "C0 has had {} since the split, just as it did before it",
            count(served, "answer")
        )
    } else {
        "C0 has had no answer since the split yet".to_string()
    };
    format!(
        "C1 can only reach R2 now, and R2 is in touch with {reach}: not a majority. It cannot know what R0 has accepted since \
         the split, so it refuses C1: the tag by C1 says C1 has been refused {}. On the other side, R0 and R1 \
         are a majority, and {other_side}. This store chose consistency over availability.",
        times(refusals)
    )
}

fn reconciled_praise(run: &dyn Run) -> String {
    let snapshot = run.snapshot();
    let primary = up_playing(&snapshot, Part::Primary)
        .next()
        .map_or("one replica".to_string(), |p| p.name.clone());
    let split = last_time(run, |i| matches!(i.action, Action::Partition(_))).unwrap_or(0);
    let healed = last_time(run, |i| i.action == Action::HealAll).unwrap_or_else(|| run.now());
    // Writes confirmed to each client while the sides were apart.
    let confirmed = |client: NodeId| {
        (delivered_since(run, WRITTEN, None, Some(client), split)
            - delivered_since(run, WRITTEN, None, Some(client), healed)) as u64
    };
    let (c0, c1) = (confirmed(C0), confirmed(C1));
    let cost = if c0 > 0 && c1 > 0 {
        format!(
            " Look at what \"newest wins\" costs, though: during the split {} from C0 and {c1} from C1 were \
             confirmed as saved, and neither side saw the other's writes. Where both sides wrote x, only the \
             write with the newest version (the newer epoch first, whenever it was made) survived the heal, and the \
             other side's writes to x were thrown away, even though their clients had been told they were saved.",
            count(c0, "write")
        )
    } else {
        String::new()
    };
    // What every replica holds for x now, and the epoch it was written in.
    let kept = up_playing(&snapshot, Part::Primary)
        .find_map(|p| replica(run, p.id))
        .and_then(|p| p.store().get(SHOWN_KEY))
        .map_or(String::new(), |entry| {
            format!(
                " Every replica now holds {}, a write from epoch {}.",
                holding(&key_name(SHOWN_KEY), entry.written()),
                entry.version.epoch
            )
        });
    format!(
        "The replicas swapped what they had and kept, for each key, the write from the newest epoch, or the higher \
         version within one epoch. They settled on {primary} as the one primary.{kept} Their copies are identical \
         again: this is eventual consistency, copies that may disagree for a while but converge once messages \
         flow.{cost}"
    )
}

/// 1 if R2 has been answering C1 since the split, else 0.
fn c1_answered_by_r2(run: &dyn Run) -> usize {
    let from = SPLIT_AT + seconds(1);
    let answers =
        delivered_since(run, VALUE, Some(R2), Some(C1), from) + delivered_since(run, WRITTEN, Some(R2), Some(C1), from);
    usize::from(answers >= 5)
}

/// What a student does in the healing step: heal everything once the
/// prediction before it has been watched.
fn heal_after_the_watch(scenario: &mut Scenario) {
    scenario
        .interventions
        .push(Intervention::new(seconds(10), Action::HealAll));
}

/// The network was split and is whole again, there is one primary, and
/// every replica holds the same copy.
fn healed_and_agreeing(run: &dyn Run) -> bool {
    let snapshot = run.snapshot();
    let one_primary = up_playing(&snapshot, Part::Primary).count() == 1;
    let stores: Vec<Option<&Store>> = [R0, R1, R2]
        .iter()
        .map(|&id| replica(run, id).map(Replica::store))
        .collect();
    let agree = stores.windows(2).all(|pair| pair[0] == pair[1]) && stores.first().is_some_and(Option::is_some);
    healed_after_a_split(run) && one_primary && agree
}
