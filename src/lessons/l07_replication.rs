//! Lesson 7, replication and fault tolerance: three replicas keep copies of
//! the same data, one primary and two backups. Losing a backup is a fault the
//! clients never see; losing the primary costs a moment while a backup takes
//! over (failover); a restarted replica catches up, which is also what
//! planned maintenance looks like. Availability is a fraction of time, and
//! the "nines" translate into hours of downtime a year.

use super::typed::replica;
use crate::protocols::replication::message::{VALUE, WRITTEN};
use crate::protocols::replication::Replica;
use crate::scenario::{ClusterSpec, Scenario};
use crate::sim::Part;
use crate::sim::{millis, seconds, Action, Intervention, LinkConfig, NodeId, Run, SimTime, Status};

use super::focus::{Focus, Sight};
use super::observe::{delivered_since, node, stale_read_choice, up_playing, STALE_READ_CHOICES};
use super::words::list;
use super::{Chart, Lesson, Question, Step, Task};
use crate::protocols::quorum::TwoRoundQuorum;
use crate::protocols::replication;
use crate::protocols::written::SHOWN_KEY;
use crate::sim::words::{count, holding, key_name};

/// When the backup crashes in the prediction's scenario.
const BACKUP_CRASHES_AT: SimTime = seconds(3);
/// When the primary has crashed in the maintenance step's scenario.
const PRIMARY_CRASHES_AT: SimTime = seconds(1);
/// From when the clients' answers are counted after that crash.
const COUNT_FROM: SimTime = seconds(4);
/// When the quorum steps split R2 and C1 off.
const QUORUMS_SPLIT_AT: SimTime = seconds(2);

pub static LESSON: Lesson = Lesson {
    slug: "replication",
    title: "Replication and fault tolerance",
    goal: "Crash replicas of a store and see that, with copies elsewhere, the clients lose nothing and a backup \
           takes over from a dead primary.",
    steps: &[
        Step {
            title: "Three copies of the data",
            text: &[
                "R0, R1 and R2 are replicas: three nodes that each keep a full copy of the same small store. C0 and \
                 C1 are clients that read and write it.",
                "One replica is the primary (R0 for now): it takes every write and passes it on to the others, the \
                 backups. This pattern is called primary/backup replication; older texts call it master/slave.",
                "Here the primary only confirms a write to the client once every backup it can reach has stored it \
                 too (synchronous replication), so a confirmed write always exists on more than one machine. Each \
                 replica shows what it holds for x, the first key. Every client numbers its writes, so \"x = 4 \
                 (version 2)\" means that a client's write number 4 put the value there, and that write made it \
                 version 2 of x. Where the picture is small, it writes \"x = 4 (v2)\", or just \"x = 4\".",
                "The replicas also send each other heartbeats, small \"I am alive\" messages, several times a second.",
            ],
            scenario: Some(replicated),
            point_at: Some("R0"),
            task: None,
            question: None,
            chart: None,
            focus: Focus {
                speed: Some(0.1),
                look: &[Sight::Stored],
                ..Focus::NONE
            },
        },
        Step {
            title: "Lose a copy",
            text: &[
                "A disk dies, a machine loses power: a fault. In this run, backup R2 will crash 3 seconds in and \
                 stay down.",
            ],
            scenario: Some(backup_crashes),
            point_at: Some("R2"),
            task: None,
            question: Some(Question {
                prompt: "Backup R2 crashes at 3 s. What will the clients notice?",
                choices: &[
                    "Their requests fail until R2 comes back",
                    "Hardly anything: R0 and R1 keep serving them",
                ],
                watch_until: seconds(8),
                outcome: clients_kept_being_served,
                expected: 1,
                why: &[
                    "The clients stopped getting answers: the crash of one replica took the whole store down with it.",
                    "The clients kept getting answers. R0 stopped waiting for R2 once its heartbeats went quiet, and \
                     every write still lands on two machines. A request caught at the very moment of the crash may \
                     have gone wrong, but the store as a whole kept giving its service: a fault happened inside the \
                     system without becoming a failure of the system. That is what fault tolerance means.",
                ],
            }),
            chart: None,
            focus: Focus {
                speed: Some(0.1),
                ..Focus::NONE
            },
        },
        Step {
            title: "Fail over",
            text: &[
                "Now the harder case: the primary itself dies. The backups stop hearing its heartbeats, and after a \
                 short wait the first backup that can still reach a majority of the replicas takes over. Switching \
                 to a new primary like this is called failover.",
                "Every new primary starts a new epoch: a number that goes up by one with each failover, so that \
                 any replica can tell the newest primary from an older one that comes back. The tag on top of \
                 each replica shows the newest epoch it knows of (just the number, where the picture is crowded).",
            ],
            scenario: Some(replicated),
            point_at: Some("R0"),
            task: Some(Task {
                instruction: "Crash the primary, R0, and watch a backup take over.",
                hint: "Press the node button of R0, then {crash} in its menu.",
                done: a_backup_took_over,
                praise: failover_praise,
                example: None,
            }),
            question: None,
            chart: None,
            focus: Focus {
                look: &[Sight::Epochs],
                ..Focus::NONE
            },
        },
        Step {
            title: "Maintenance looks like a crash",
            text: &[
                "Machines are also taken down on purpose: to install an update, to replace a disk. To the rest of the \
                 cluster a planned restart looks exactly like a crash, and it is handled the same way.",
                "Here R0 crashes by itself 1 second in, and a backup takes over as in the step before. When the \
                 old primary comes back it must not carry on as if nothing happened: it learns that a newer \
                 primary exists (its epoch tag catches up), follows it, and fetches the writes it missed. Compare \
                 what each replica holds for x once R0 is back.",
            ],
            scenario: Some(primary_crashed),
            point_at: Some("R0"),
            task: Some(Task {
                instruction: "Once a backup has taken over from R0, bring R0 back and watch it rejoin as a backup \
                              with an up-to-date copy.",
                hint: "When another replica shows as primary, press the node button of R0, then {restart} in its \
                       menu.",
                done: old_primary_rejoined,
                praise: rejoined_praise,
                example: Some(restart_r0_after_the_takeover),
            }),
            question: None,
            chart: None,
            focus: Focus {
                look: &[Sight::Stored, Sight::Epochs],
                ..Focus::NONE
            },
        },
        Step {
            title: "How many nines?",
            text: &[
                "Availability is the share of time a system answers. It is often quoted in nines: 99.9% (three \
                 nines) allows about 8.8 hours of downtime a year, and 99.99% (four nines) about 53 minutes.",
                "Copies are how those numbers are reached. If each of two replicas is up 99% of the time, and they \
                 go down independently, at least one of them is up 99.99% of the time. The word that matters is \
                 independently: two replicas in the same rack, on the same power supply, tend to go down together.",
            ],
            scenario: None,
            point_at: None,
            task: None,
            question: None,
            chart: Some(Chart::Availability),
            focus: Focus::NONE,
        },
        Step {
            title: "Were the answers right?",
            text: &[
                "Failover kept the clients answered. Answered correctly is another question: after the primary \
                 changed, could a client be given a value older than a write it had already been told was done?",
                "Many Nodes keeps a history of every operation the clients make: when it was called, when its answer \
                 came, and what the answer was. A checker then looks for one order of all of them that explains \
                 every answer, as if a single store had handled them one at a time, each at some moment between its \
                 call and its answer. When a store always allows such an order it is called linearizable. When no \
                 order exists, some answer was stale. The History panel draws each operation as a bar from its \
                 call to its answer, one row per client, and marks in orange any answer that no order explains. \
                 Each bar is labelled with its operation where there is room, and any bar shows its label while \
                 you point at it or tab to it: w(x,C0:3) writes C0's third value to x, r(x)→C0:3 is a read of x \
                 that got it back, and r(x)→∅ a read that found x empty.",
                "In this run R0 crashes at 1 s, a backup takes over, and R0 comes back at 3 s. The clients read \
                 and write three keys, x, y and z. The cluster picture shows what each replica holds for x alone \
                 (where the screen is small, the Cluster button above brings it back); the History panel shows the \
                 operations on every key.",
            ],
            scenario: Some(failover_and_back),
            point_at: Some("R0"),
            task: None,
            question: Some(Question {
                prompt: "Will the checker find a read that returned old data?",
                choices: STALE_READ_CHOICES,
                watch_until: seconds(8),
                outcome: stale_read_choice,
                expected: 0,
                why: &[
                    "The checker found an order that explains every answer. R0 confirmed a write only once the \
                     backups it could reach had stored it, so the backup that took over already held every write a \
                     client had been told about, and nobody was handed anything older.",
                    "The checker found a read that no order explains: a client was given a value older than a write \
                     that had already been confirmed. Somewhere in this run a replica answered before it had \
                     caught up.",
                ],
            }),
            chart: None,
            focus: Focus {
                look: &[Sight::Stored, Sight::History],
                ..Focus::NONE
            },
        },
        Step {
            title: "Quorums instead of a primary",
            text: &[
                "A store can also do without a primary. Here every client sends each write to all three replicas \
                 and counts it done once W of them have stored it, and sends each read to all three and takes the \
                 newest value among the first R answers. R and W are called quorums.",
                "In this store R = 1 and W = 1: one acknowledgement is enough for a write, one answer for a read. \
                 At 2 s, R2 and the client C1 are cut off from the rest (a network partition, the subject of the \
                 next lesson). The History \
                 panel shows the clients' operations and what the checker makes of them.",
            ],
            scenario: Some(small_quorums_split),
            point_at: Some("C1"),
            task: None,
            question: Some(Question {
                prompt: "With R = 1 and W = 1 out of 3, will the checker find a read that returned old data?",
                choices: STALE_READ_CHOICES,
                watch_until: seconds(8),
                outcome: stale_read_choice,
                expected: 1,
                why: &[
                    "The checker found an order that explains every answer: in this run no read missed a write that \
                     had finished before it.",
                    "The checker found a read that no order explains. A write acknowledged by one replica on one side \
                     was done, yet a read answered by one replica on the other side could not see it. R + W = 2 is not \
                     more than the 3 replicas, so the one replica a read asks need not be one that stored the write.",
                ],
            }),
            chart: None,
            focus: Focus {
                look: &[Sight::History],
                ..Focus::NONE
            },
        },
        Step {
            title: "Make the quorums overlap",
            text: &[
                "Now the same store with R = 2 and W = 2. Any two replicas and any other two share at least one, \
                 because 2 + 2 is more than 3: every read hears from a replica that stored every write that \
                 finished before it.",
                "Overlap is not quite enough on its own, so this store also takes two rounds. A write first asks \
                 for the newest version, so that its own is newer. A read that found a value writes it back to W \
                 replicas before answering, so that no later read finds anything older. The same split comes at \
                 2 s; watch the History panel.",
            ],
            scenario: Some(overlapping_quorums_split),
            point_at: Some("C1"),
            task: None,
            question: Some(Question {
                prompt: "With R = 2 and W = 2 out of 3, will the checker find a read that returned old data?",
                choices: STALE_READ_CHOICES,
                watch_until: seconds(8),
                outcome: stale_read_choice,
                expected: 0,
                why: &[
                    "The checker found an order that explains every answer. C1, cut off with R2 alone, could not \
                     gather two answers, so its operations failed instead of returning old data: with R + W more than \
                     the 3 replicas, the store chose consistency.",
                    "The checker found a read that no order explains, even with overlapping quorums: a replica \
                     answered with a value older than a finished write.",
                ],
            }),
            chart: None,
            focus: Focus {
                look: &[Sight::History],
                ..Focus::NONE
            },
        },
    ],
    takeaway: "Keep copies on several machines and a crash is only a fault: the system fails over and keeps \
               answering. Whether every answer is right depends on how the copies agree, and a client cut off from \
               enough of them may get no answer at all.",
};

/// Three replicas (R0 primary, R1, R2) and two clients (C0, C1), copying
/// writes synchronously, with messages slowed a little so they can be seen.
fn replicated() -> Scenario {
    let mut scenario = Scenario::new(
        ClusterSpec::PrimaryBackup(replication::PrimaryBackup {
            replicas: 3,
            clients: 2,
            synchronous: true,
            prefer_availability: false,
            start_in_touch: true,
        }),
        7,
    );
    scenario.name = "Three replicas, two clients".to_string();
    scenario.network = Some(LinkConfig {
        latency: millis(30),
        jitter: millis(10),
        ..LinkConfig::default()
    });
    scenario
}

/// The same cluster, with the primary R0 crashing at 1 s and staying down
/// until the student restarts it.
fn primary_crashed() -> Scenario {
    let mut scenario = replicated();
    scenario.name = "The primary crashed".to_string();
    scenario.interventions = vec![Intervention::new(PRIMARY_CRASHES_AT, Action::Crash(NodeId(0)))];
    scenario
}

/// What a student does in the maintenance step: restart R0 once a backup
/// has taken over.
fn restart_r0_after_the_takeover(scenario: &mut Scenario) {
    let after = PRIMARY_CRASHES_AT + seconds(2);
    scenario
        .interventions
        .push(Intervention::new(after, Action::Restart(NodeId(0))));
}

/// The primary R0 crashes at 1 s and is restarted once a backup has taken
/// over.
fn failover_and_back() -> Scenario {
    let mut scenario = primary_crashed();
    scenario.name = "The primary crashes and comes back".to_string();
    restart_r0_after_the_takeover(&mut scenario);
    scenario
}

/// Three quorum replicas (R0-R2) and two clients (C0, C1) whose operations
/// wait for `r` answers and `w` acknowledgements, taking two rounds, over
/// the same slowed links as the replicas above, with R2 and C1 split off at
/// 2 s.
fn quorums_split(name: &str, r: u32, w: u32) -> Scenario {
    let cluster = TwoRoundQuorum { n: 3, r, w, clients: 2 };
    let mut scenario = Scenario::new(ClusterSpec::TwoRoundQuorum(cluster), 7);
    scenario.name = name.to_string();
    scenario.network = Some(LinkConfig {
        latency: millis(30),
        jitter: millis(10),
        ..LinkConfig::default()
    });
    let (r2, c1) = (NodeId(2), NodeId(4));
    scenario.interventions = vec![Intervention::new(
        QUORUMS_SPLIT_AT,
        Action::Partition(vec![vec![r2, c1]]),
    )];
    scenario
}

fn small_quorums_split() -> Scenario {
    quorums_split("Quorums of one, split", 1, 1)
}

fn overlapping_quorums_split() -> Scenario {
    quorums_split("Overlapping quorums, split", 2, 2)
}

/// The same cluster, with backup R2 crashing at 3 s.
fn backup_crashes() -> Scenario {
    let mut scenario = replicated();
    scenario.name = "A backup crashes".to_string();
    scenario.interventions = vec![Intervention::new(BACKUP_CRASHES_AT, Action::Crash(NodeId(2)))];
    scenario
}

/// 1 if the clients got plenty of answers after the backup's crash, else 0.
fn clients_kept_being_served(run: &dyn Run) -> usize {
    let answers =
        delivered_since(run, VALUE, None, None, COUNT_FROM) + delivered_since(run, WRITTEN, None, None, COUNT_FROM);
    usize::from(answers >= 10)
}

/// A replica other than R0 is the primary, after a failover.
fn a_backup_took_over(run: &dyn Run) -> bool {
    let snapshot = run.snapshot();
    let new_primary = up_playing(&snapshot, Part::Primary).any(|n| n.name != "R0");
    new_primary && run.metrics().count("failover") > 0
}

/// The primary now: its name and epoch.
fn primary_now(run: &dyn Run) -> Option<(String, u64)> {
    let snapshot = run.snapshot();
    let primary = up_playing(&snapshot, Part::Primary).next()?;
    let epoch = replica(run, primary.id).map_or(0, Replica::epoch);
    Some((primary.name.clone(), epoch))
}

/// What the clients' tags say they gave up on: "C0 and C1 have each given
/// up on 1 request", "C0 has given up on 2 requests and C1 on none".
fn clients_gave_up(run: &dyn Run) -> String {
    let snapshot = run.snapshot();
    let gave_up = |name: &str| node(&snapshot, name).and_then(|n| n.outcomes).map_or(0, |o| o.gave_up);
    match (gave_up("C0"), gave_up("C1")) {
        (0, 0) => "neither C0 nor C1 has given up on a request".to_string(),
        (c0, c1) if c0 == c1 => format!("C0 and C1 have each given up on {}", count(c0, "request")),
        (c0, 0) => format!("C0 has given up on {} and C1 on none", count(c0, "request")),
        (c0, c1) => format!("C0 has given up on {} and C1 on {c1}", count(c0, "request")),
    }
}

fn failover_praise(run: &dyn Run) -> String {
    let Some((primary, epoch)) = primary_now(run) else {
        return "A backup took over.".to_string();
    };
    format!(
        "{primary} noticed the silence and became the primary, in epoch {epoch}. So far {}: \"gave up\" on the \
         tag by each client counts them. After giving up, a client tries another replica and carries on. R0 \
         confirmed a write only once the backups it could reach had stored it, so every write the clients were \
         told about was already on {primary} when R0 went down.",
        clients_gave_up(run)
    )
}

fn rejoined_praise(run: &dyn Run) -> String {
    let Some((primary, epoch)) = primary_now(run) else {
        return "R0 is back as a backup.".to_string();
    };
    format!(
        "R0 came back, heard heartbeats from epoch {epoch} and followed the new primary, {primary}. It asked for \
         what it had missed, so its copy of the store matches {primary}'s again.{} With replicas, machines can be \
         taken down for maintenance one at a time while the others keep serving.",
        what_each_holds(run, &primary)
    )
}

/// What R0, the primary and the other replicas up hold for the key the
/// picture shows, as the step asks the student to compare them, and that
/// the keys the picture leaves out match too.
fn what_each_holds(run: &dyn Run, primary: &str) -> String {
    let snapshot = run.snapshot();
    let x = key_name(SHOWN_KEY);
    // What a replica holds for x.
    let shown = |r: &Replica| r.store().get(SHOWN_KEY).map(|entry| entry.written());
    let Some(r0) = node(&snapshot, "R0").and_then(|r0| replica(run, r0.id)) else {
        return String::new();
    };
    let held = shown(r0);
    let mut said = match held {
        Some(written) => format!(" Both now hold {}.", holding(&x, written)),
        None => format!(" Neither holds {x} yet."),
    };
    let others = snapshot
        .nodes
        .iter()
        .filter(|n| n.status == Status::Up && n.name != "R0" && n.name != primary);
    for other in others {
        // Clients are up too, but hold no copy.
        let Some(theirs) = replica(run, other.id).map(shown) else {
            continue;
        };
        let name = &other.name;
        said += &match theirs {
            _ if theirs == held => format!(" {name} holds the same."),
            Some(written) if held.is_some_and(|h| h.version > written.version) => format!(
                " {name} has not stored the newest write yet and still holds {}; look again in a moment.",
                holding(&x, written)
            ),
            Some(written) => format!(" {name} holds {}.", holding(&x, written)),
            None => format!(" {name} holds no {x} yet."),
        };
    }
    let unseen: Vec<String> = r0
        .store()
        .entries()
        .map(|(key, _)| key)
        .filter(|&key| key != SHOWN_KEY)
        .map(key_name)
        .collect();
    if !unseen.is_empty() {
        said += &format!(
            " R0's and {primary}'s copies of {}, which the picture leaves out, match as well.",
            list(&unseen)
        );
    }
    said
}

/// R0 is up again as a backup, following the primary in its epoch and
/// holding the same copy.
fn old_primary_rejoined(run: &dyn Run) -> bool {
    let snapshot = run.snapshot();
    let Some(r0) = node(&snapshot, "R0") else {
        return false;
    };
    let Some((primary_id, primary)) =
        up_playing(&snapshot, Part::Primary).find_map(|p| Some((p.id, replica(run, p.id)?)))
    else {
        return false;
    };
    // Back from a restart R0 knows no primary; it follows one, and its
    // epoch tag catches up, only once a heartbeat reaches it.
    let follows = replica(run, r0.id).is_some_and(|r0| {
        r0.primary() == Some(primary_id) && r0.epoch() == primary.epoch() && r0.store() == primary.store()
    });
    r0.status == Status::Up && r0.role.part == Part::Backup && run.metrics().count("failover") > 0 && follows
}
