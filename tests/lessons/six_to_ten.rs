//! Lessons 6 to 10, held to what they promise: every hands-on task stays
//! undone while the student does nothing and gets done by the moves the
//! hint describes, and every number the text quotes comes from the formula
//! or the scenario it talks about.

use super::play::{
    act_now, assert_contains, build_at, delivered, detail, done_by, figure, id, praise_at, scenario_at, sent,
    stays_undone_untouched, step_at, task_at,
};
use many_nodes::lessons::facts::{availability_with_copies, downtime_hours_per_year};
use many_nodes::lessons::words::{secs, times};
use many_nodes::lessons::Step;
use many_nodes::protocols::sharding::{client_config, home_of};
use many_nodes::protocols::{election, rpc, sharding};
use many_nodes::scenario::ClusterSpec;
use many_nodes::sim::words::count;
use many_nodes::sim::{millis, seconds, Action, NodeId, Part, Run, SimTime, Status, TraceKind, SECOND};

fn all_text(step: &Step) -> String {
    step.text.join(" ")
}

fn leader(run: &dyn Run) -> NodeId {
    match run.snapshot().nodes.iter().find(|n| n.role.part == Part::Leader) {
        Some(node) => node.id,
        None => panic!("no leader at {} µs", run.now()),
    }
}

// Lesson 6: scaling out.

#[test]
fn spare_servers_left_off_never_drain_the_queue() {
    stays_undone_untouched("scaling-out", 2);
}

#[test]
fn spares_restarted_before_any_queue_do_not_hear_of_one() {
    let mut run = build_at("scaling-out", 2);
    for name in ["server 2", "server 3"] {
        let id = id(run.as_ref(), name);
        act_now(run.as_mut(), Action::Restart(id));
    }
    assert!(done_by(run.as_mut(), task_at("scaling-out", 2).done, seconds(25)));
    let said = praise_at("scaling-out", 2, run.as_ref());
    assert!(
        !said.contains("queue of"),
        "no queue had built when the spares came back: {said}"
    );
}

#[test]
fn restarting_both_spare_servers_completes_the_scaling_task() {
    let mut run = build_at("scaling-out", 2);
    run.advance_to(seconds(5));
    let busy = run.snapshot().nodes.iter().map(|n| n.queue).max().unwrap_or(0);
    assert!(
        busy > 10,
        "server 1 should be swamped before the spares come back: queue {busy}"
    );
    for name in ["server 2", "server 3"] {
        let id = id(run.as_ref(), name);
        act_now(run.as_mut(), Action::Restart(id));
    }
    assert!(done_by(run.as_mut(), task_at("scaling-out", 2).done, seconds(25)));
    let said = praise_at("scaling-out", 2, run.as_ref());
    let server_1 = id(run.as_ref(), "server 1");
    let left = run.snapshot().nodes[server_1.index()].queue;
    assert_contains(
        &said,
        &if left == 0 {
            format!("server 1 worked through the queue of {busy} requests")
        } else {
            format!("down from {busy} requests to {left}.")
        },
    );
    let second = run.now() / SECOND - 1;
    assert_eq!(
        run.metrics().series()[second as usize].timed_out,
        0,
        "the answers are back only once no client gives up: {said}"
    );
    let (from, until) = (second * SECOND, (second + 1) * SECOND);
    let answered = run.metrics().series()[second as usize].succeeded;
    assert_contains(
        &said,
        &format!(
            "{} came back to them in the last full second",
            count(answered, "answer")
        ),
    );
    let handed: Vec<u64> = ["server 1", "server 2", "server 3"]
        .iter()
        .map(|name| sent(run.as_ref(), "request", None, Some(id(run.as_ref(), name)), from, until))
        .collect();
    assert_contains(
        &said,
        &format!(
            "handed {} to server 1, {} to server 2 and {} to server 3",
            count(handed[0], "request"),
            handed[1],
            handed[2]
        ),
    );
    let in_all: u64 = handed.iter().sum();
    assert_eq!(
        said.contains(&format!(
            "{} more than the balancer handed out",
            answered.saturating_sub(in_all)
        )),
        answered > in_all,
        "the praise explains answers beyond what was handed out exactly when there are any: {said}"
    );
    let took = secs(run.now() - seconds(5));
    assert_contains(&said, &format!("It took {took} from the second spare's restart"));
}

/// For each seed of the scaling scenario, switching the spares on at
/// `restart`: how long until both spares are handed a request, and until
/// the task is done (none if not within five minutes).
fn spares_timing(restart: SimTime) -> Vec<(SimTime, Option<SimTime>)> {
    (1..=10)
        .map(|seed| {
            let mut scenario = scenario_at("scaling-out", 2);
            scenario.seed = seed;
            let mut run = match scenario.build() {
                Ok(run) => run,
                Err(e) => panic!("{e}"),
            };
            run.advance_to(restart);
            let spares = ["server 2", "server 3"].map(|name| id(run.as_ref(), name));
            for id in spares {
                act_now(run.as_mut(), Action::Restart(id));
            }
            let mut used = None;
            let mut done = None;
            while run.now() < restart + seconds(300) && done.is_none() {
                let next = run.now() + millis(250);
                run.advance_to(next);
                let handed = |id| delivered(run.as_ref(), "request", None, Some(id), restart, next + 1) > 0;
                if used.is_none() && spares.iter().all(|&id| handed(id)) {
                    used = Some(next - restart);
                }
                if (task_at("scaling-out", 2).done)(run.as_ref()) {
                    done = Some(next - restart);
                }
            }
            (used.unwrap_or(SimTime::MAX), done)
        })
        .collect()
}

#[test]
fn spares_get_requests_within_two_seconds_but_answers_wait_for_the_queue() {
    let text = all_text(step_at("scaling-out", 2));
    assert!(
        text.contains("within about two seconds they get their first requests"),
        "{text}"
    );
    assert!(
        text.contains("at 5 s and the answers are back within about 10 seconds"),
        "{text}"
    );
    assert!(
        text.contains("wait until 20 s and it takes about half a minute"),
        "{text}"
    );
    let ClusterSpec::ScaleOut(rpc::ScaleOut {
        clients,
        servers,
        service_ms,
        every_ms,
        skip_silent: true,
    }) = scenario_at("scaling-out", 2).cluster
    else {
        panic!("the scaling task uses a balancer that skips silent servers");
    };
    let drains = 1_000.0 / f64::from(service_ms) - f64::from(clients * 1_000 / every_ms) / f64::from(servers);
    assert!(
        text.contains(&format!("shrinks by only about {drains:.0} requests a second")),
        "{drains}: {text}"
    );
    for (restart, least, most) in [
        (seconds(5), seconds(7), seconds(13)),
        (seconds(20), seconds(24), seconds(38)),
    ] {
        for (used, done) in spares_timing(restart) {
            assert!(used <= seconds(2), "spares first used {used} µs after the restart");
            let done = done.unwrap_or(SimTime::MAX);
            assert!(
                (least..=most).contains(&done),
                "restarted at {restart} µs, answers back after {done} µs"
            );
        }
    }
}

#[test]
fn restarting_only_one_spare_server_is_not_enough() {
    let mut run = build_at("scaling-out", 2);
    run.advance_to(seconds(5));
    let id = id(run.as_ref(), "server 2");
    act_now(run.as_mut(), Action::Restart(id));
    assert!(!done_by(run.as_mut(), task_at("scaling-out", 2).done, seconds(25)));
}

#[test]
fn scaling_numbers_match_the_scenario() {
    let ClusterSpec::ScaleOut(rpc::ScaleOut {
        clients,
        servers,
        service_ms,
        every_ms,
        ..
    }) = scenario_at("scaling-out", 0).cluster
    else {
        panic!("the first step shows a scale-out cluster");
    };
    assert_eq!(servers, 1);
    let text = all_text(step_at("scaling-out", 0));
    let capacity = 1_000 / service_ms;
    let offered = clients * 1_000 / every_ms;
    assert!(text.contains(&format!("needs {service_ms} ms")), "{text}");
    assert!(
        text.contains(&format!("at most {capacity} requests a second")),
        "{text}"
    );
    assert!(text.contains(&format!("every {every_ms} ms")), "{text}");
    assert!(
        text.contains(&format!("together they send {offered} requests a second")),
        "{text}"
    );
    assert!(text.starts_with("Four clients") && clients == 4, "{text}");
    assert_eq!(offered, 2 * capacity, "the question says twice as fast");

    let ClusterSpec::ScaleOut(rpc::ScaleOut {
        clients: c,
        servers: three,
        service_ms: s,
        every_ms: e,
        skip_silent: true,
    }) = scenario_at("scaling-out", 2).cluster
    else {
        panic!("the scaling task uses a balancer that skips silent servers");
    };
    assert_eq!(
        (c, s, e),
        (clients, service_ms, every_ms),
        "the same load as the first step"
    );
    assert_eq!(three, 3, "the text names three servers");
    let mut run = build_at("scaling-out", 2);
    run.advance_to(seconds(3));
    for name in ["server 2", "server 3"] {
        let id = id(run.as_ref(), name);
        act_now(run.as_mut(), Action::Restart(id));
    }
    assert!(done_by(run.as_mut(), task_at("scaling-out", 2).done, seconds(25)));
    let said = praise_at("scaling-out", 2, run.as_ref());
    assert_contains(
        &said,
        &format!("the clients send {offered} requests every second, and "),
    );
    assert_contains(&said, &format!("no more than the {capacity} a server can finish"));
}

// Lesson 7: replication.

#[test]
fn the_primary_stays_primary_untouched() {
    stays_undone_untouched("replication", 2);
}

#[test]
fn crashing_the_primary_completes_the_failover_task() {
    let mut run = build_at("replication", 2);
    run.advance_to(seconds(3));
    act_now(run.as_mut(), Action::Crash(NodeId(0)));
    assert!(done_by(run.as_mut(), task_at("replication", 2).done, seconds(8)));
    let said = praise_at("replication", 2, run.as_ref());
    let snapshot = run.snapshot();
    let primary = snapshot
        .nodes
        .iter()
        .find(|n| n.role.part == Part::Primary && n.name != "R0");
    let Some(primary) = primary else {
        panic!("no new primary");
    };
    let epoch = figure(run.as_ref(), &primary.name, "epoch");
    assert_contains(
        &said,
        &format!(
            "{} noticed the silence and became the primary, in epoch {epoch}",
            primary.name
        ),
    );
    let gave_up = |name| figure(run.as_ref(), name, "timed out");
    let (c0, c1) = (gave_up("C0"), gave_up("C1"));
    assert!(c0 + c1 > 0, "a client waited on the crashed primary and gave up");
    let each = if c0 == c1 {
        format!("C0 and C1 have each given up on {}", count(c0, "request"))
    } else if c1 == 0 {
        format!("C0 has given up on {} and C1 on none", count(c0, "request"))
    } else {
        format!("C0 has given up on {} and C1 on {c1}", count(c0, "request"))
    };
    assert_contains(&said, &each);
}

#[test]
fn the_old_primary_does_not_rejoin_untouched() {
    stays_undone_untouched("replication", 3);
}

#[test]
fn restarting_the_old_primary_makes_it_a_caught_up_backup() {
    let mut run = build_at("replication", 2);
    run.advance_to(seconds(3));
    act_now(run.as_mut(), Action::Crash(NodeId(0)));
    assert!(done_by(run.as_mut(), task_at("replication", 2).done, seconds(8)));
    assert!(!(task_at("replication", 3).done)(run.as_ref()), "R0 is still down");
    act_now(run.as_mut(), Action::Restart(NodeId(0)));
    assert!(done_by(run.as_mut(), task_at("replication", 3).done, seconds(14)));
    let said = praise_at("replication", 3, run.as_ref());
    let snapshot = run.snapshot();
    let Some(primary) = snapshot.nodes.iter().find(|n| n.role.part == Part::Primary) else {
        panic!("no primary");
    };
    let epoch = figure(run.as_ref(), &primary.name, "epoch");
    assert_contains(
        &said,
        &format!(
            "heard heartbeats from epoch {epoch} and followed the new primary, {}",
            primary.name
        ),
    );
    // What the praise says is on the picture when it is said: R0's tag.
    assert_eq!(
        figure(run.as_ref(), "R0", "epoch"),
        epoch,
        "R0's epoch tag has caught up"
    );
    // The step asks to compare what each replica holds: the praise speaks
    // of every other replica up, not only of R0 and the primary.
    let others = snapshot
        .nodes
        .iter()
        .filter(|n| n.role.part == Part::Backup && n.status == Status::Up && n.name != "R0");
    for other in others {
        assert_contains(&said, &format!(" {} ", other.name));
    }
}

#[test]
fn losing_a_backup_costs_the_clients_no_request() {
    let slug = "replication";
    let Some(question) = &step_at(slug, 1).question else {
        panic!("the step asks a question");
    };
    let mut run = build_at(slug, 1);
    run.advance_to(question.watch_until);
    assert_eq!((question.outcome)(run.as_ref()), 1);
    let totals = run.metrics().totals;
    let went_wrong = totals.failed + totals.timed_out;
    assert!(
        went_wrong * 20 <= totals.succeeded,
        "the store kept giving its service: {totals:?}"
    );
    if went_wrong > 0 {
        assert!(
            !question.why[1].contains("never"),
            "{went_wrong} requests went wrong, so the why must not say none did"
        );
    }
}

#[test]
fn downtime_and_nines_in_the_text_come_from_the_formulas() {
    let text = all_text(step_at("replication", 4));
    let three_nines = format!("about {:.1} hours", downtime_hours_per_year(0.999));
    let four_nines = format!("about {:.0} minutes", downtime_hours_per_year(0.9999) * 60.0);
    let both = format!("{:.2}% of the time", availability_with_copies(0.99, 2) * 100.0);
    for quoted in [three_nines, four_nines, both] {
        assert!(text.contains(&quoted), "missing {quoted:?} in {text}");
    }
    assert_eq!(
        step_at("replication", 4).chart,
        Some(many_nodes::lessons::Chart::Availability)
    );
}

// Lesson 8: partitions.

#[test]
fn without_a_partition_nobody_on_a_small_side_is_refused() {
    stays_undone_untouched("partitions", 1);
}

#[test]
fn partitioning_r2_and_c1_gets_c1_refused() {
    let mut run = build_at("partitions", 1);
    run.advance_to(seconds(2));
    act_now(run.as_mut(), Action::Partition(vec![vec![NodeId(2), NodeId(4)]]));
    assert!(done_by(run.as_mut(), task_at("partitions", 1).done, seconds(5)));
    let said = praise_at("partitions", 1, run.as_ref());
    let end = run.now() + 1;
    let refusals = delivered(
        run.as_ref(),
        "refused",
        Some(NodeId(2)),
        Some(NodeId(4)),
        seconds(2),
        end,
    );
    let snapshot = run.snapshot();
    let tag = snapshot
        .nodes
        .iter()
        .find(|n| n.name == "C1")
        .and_then(|c1| c1.outcomes)
        .map_or(0, |o| o.refused);
    assert!(
        refusals > 0 && tag >= refusals,
        "the tag counts the refusals since the split"
    );
    assert_contains(&said, &format!("C1 has been refused {}", times(tag)));
    let c0 = Some(NodeId(3));
    let served = delivered(run.as_ref(), "value", None, c0, seconds(2), end)
        + delivered(run.as_ref(), "written", None, c0, seconds(2), end);
    assert!(served > 0);
    assert_contains(
        &said,
        &format!("C0 has had {} since the split", count(served, "answer")),
    );
    assert_contains(&said, "R2 is in touch with 1 of 3 replicas, itself included");
}

#[test]
fn partitioning_r2_alone_leaves_c1_served() {
    let mut run = build_at("partitions", 1);
    run.advance_to(seconds(2));
    act_now(run.as_mut(), Action::Partition(vec![vec![NodeId(2)]]));
    assert!(!done_by(run.as_mut(), task_at("partitions", 1).done, seconds(8)));
}

#[test]
fn an_unhealed_split_never_reconciles() {
    stays_undone_untouched("partitions", 3);
}

#[test]
fn healing_the_split_makes_the_copies_agree() {
    let mut run = build_at("partitions", 3);
    run.advance_to(seconds(8));
    act_now(run.as_mut(), Action::HealAll);
    assert!(done_by(run.as_mut(), task_at("partitions", 3).done, seconds(12)));
    let said = praise_at("partitions", 3, run.as_ref());
    let snapshot = run.snapshot();
    let Some(primary) = snapshot.nodes.iter().find(|n| n.role.part == Part::Primary) else {
        panic!("no primary");
    };
    assert_contains(&said, &format!("settled on {} as the one primary", primary.name));
    // "x = write 14 of C1 (version 16, epoch 2); ..." in the primary's facts.
    let store = detail(run.as_ref(), &primary.name, "store");
    let Some(x) = store.split("; ").find(|entry| entry.starts_with("x = ")) else {
        panic!("the primary holds x: {store}");
    };
    let Some((version, epoch)) = x
        .rsplit_once(" (version ")
        .and_then(|(_, rest)| rest.trim_end_matches(')').split_once(", epoch "))
    else {
        panic!("x has a version and an epoch: {x}");
    };
    assert_contains(&said, &format!("(version {version}), a write from epoch {epoch}"));
}

#[test]
fn a_cut_off_replica_that_chooses_availability_keeps_answering_as_primary_of_its_side() {
    let Some(question) = &step_at("partitions", 2).question else {
        panic!("the step asks a question");
    };
    let mut run = build_at("partitions", 2);
    run.advance_to(question.watch_until);
    assert_eq!((question.outcome)(run.as_ref()), 1);
    let snapshot = run.snapshot();
    assert_eq!(
        snapshot.nodes[2].role.part,
        Part::Primary,
        "the why says R2 made itself primary"
    );
    let store = |index: usize| {
        let details = &snapshot.nodes[index].details;
        details.iter().find(|f| f.what == "store").map(|f| f.value.clone())
    };
    assert_ne!(store(0), store(2), "the why says the two sides took different writes");
}

// Lesson 9: sharding.

#[test]
fn with_every_shard_up_no_slice_is_lost() {
    stays_undone_untouched("sharding", 1);
}

#[test]
fn crashing_one_shard_loses_only_its_slice() {
    let mut run = build_at("sharding", 1);
    run.advance_to(seconds(2));
    act_now(run.as_mut(), Action::Crash(NodeId(1)));
    assert!(done_by(run.as_mut(), task_at("sharding", 1).done, seconds(4)));
    let said = praise_at("sharding", 1, run.as_ref());
    let end = run.now() + 1;
    let sent = |to: Option<NodeId>| {
        run.trace()
            .events()
            .filter(|e| e.time >= seconds(2) && e.time < end)
            .filter(|e| match e.kind {
                TraceKind::Sent { to: t, kind, .. } => {
                    (kind.id == "get" || kind.id == "put") && t.0 < 4 && to.is_none_or(|x| x == t)
                }
                _ => false,
            })
            .count() as u64
    };
    let (all, lost) = (sent(None), sent(Some(NodeId(1))));
    assert!(lost > 0 && all > lost);
    assert_contains(
        &said,
        &format!(
            "the clients have sent {}; the {lost} whose keys live on S1 ({}%) get no answer",
            count(all, "request"),
            (lost * 100 + all / 2) / all
        ),
    );
    let number_before = |words: &str| -> u64 {
        let at = said.find(words).unwrap_or_else(|| panic!("{words:?} in {said:?}"));
        let digits: String = said[..at]
            .trim_end()
            .chars()
            .rev()
            .take_while(char::is_ascii_digit)
            .collect();
        digits
            .chars()
            .rev()
            .collect::<String>()
            .parse()
            .unwrap_or_else(|_| panic!("a number before {words:?}"))
    };
    let gave_up = if said.contains("none of these has waited that long yet") {
        0
    } else {
        number_before(" of these so far")
    };
    let answered = number_before(" already: they neither know");
    assert!(gave_up <= lost, "{said}");
    assert!(answered > 0 && answered <= all - lost, "{said}");
    assert_contains(&said, &format!("Of the remaining {}, the other shards", all - lost));
    let clients: Vec<String> = run.snapshot().nodes.iter().skip(4).map(|n| n.name.clone()).collect();
    let on_tags: u64 = clients.iter().map(|c| figure(run.as_ref(), c, "timed out")).sum();
    assert!(on_tags >= gave_up);
    assert_eq!(
        said.contains(&format!(
            "The tags by the clients count {on_tags} given up, as they count every request"
        )),
        on_tags > gave_up,
        "{said}"
    );
    run.advance_to(seconds(6));
    let totals = run.metrics().totals;
    let ended = totals.succeeded + totals.timed_out;
    let lost = totals.timed_out * 100 / ended.max(1);
    assert!(
        (5..=25).contains(&lost),
        "{lost}% of all requests lost, about a quarter after the crash"
    );
}

#[test]
fn crashing_a_client_is_not_losing_a_slice() {
    let mut run = build_at("sharding", 1);
    run.advance_to(seconds(2));
    act_now(run.as_mut(), Action::Crash(NodeId(5)));
    assert!(!done_by(run.as_mut(), task_at("sharding", 1).done, seconds(6)));
}

#[test]
fn sharding_numbers_match_the_scenario() {
    let ClusterSpec::Shards(sharding::Shards {
        shards, hot_key_ppm, ..
    }) = scenario_at("sharding", 2).cluster
    else {
        panic!("the hot-key step shows a sharded store");
    };
    let text = all_text(step_at("sharding", 0));
    let keys = client_config(shards).keys;
    let keys = format!("{},{:03}", keys / 1_000, keys % 1_000);
    assert!(text.contains(&format!("use {keys} different keys")), "{text}");
    assert!(text.contains(&format!("climb towards {keys}")), "{text}");
    assert!(text.contains(&format!("into {shards} slices")), "{text}");
    assert_eq!(shards, 4, "a quarter of the data per shard");
    assert_eq!(hot_key_ppm, 500_000, "half of all requests");
    let why = match &step_at("sharding", 2).question {
        Some(q) => q.why[1],
        None => panic!("the hot-key step asks a question"),
    };
    let home = format!("S{}", home_of(0, shards));
    assert!(why.contains(&format!("Key 0 lives on {home}")), "{why}");
}

// Lesson 10: leader election.

#[test]
fn a_healthy_leader_is_never_replaced_untouched() {
    stays_undone_untouched("leader-election", 1);
    stays_undone_untouched("leader-election", 2);
}

#[test]
fn crashing_the_leader_completes_the_election_task() {
    let mut run = build_at("leader-election", 1);
    run.advance_to(seconds(10));
    let leader = leader(run.as_ref());
    assert_eq!(
        run.snapshot().nodes[leader.0 as usize].name,
        "C",
        "the text points at C"
    );
    act_now(run.as_mut(), Action::Crash(leader));
    assert!(done_by(run.as_mut(), task_at("leader-election", 1).done, seconds(40)));
    let said = praise_at("leader-election", 1, run.as_ref());
    let new = self::leader(run.as_ref());
    let name = run.snapshot().nodes[new.0 as usize].name.clone();
    let term = figure(run.as_ref(), &name, "term");
    let old_term = figure(run.as_ref(), "C", "term");
    assert_contains(&said, "The heartbeats from C stopped.");
    assert_contains(&said, &format!("{name} won term {term}"));
    if term == old_term + 1 {
        assert_contains(&said, "the first term after the crash");
    } else {
        assert_contains(
            &said,
            &format!("after {} in which nobody won", count(term - old_term - 1, "term")),
        );
    }
    assert_contains(&said, "It leads the 3 other servers still running.");
}

#[test]
fn pausing_and_resuming_the_leader_makes_it_step_down() {
    let mut run = build_at("leader-election", 2);
    run.advance_to(seconds(6));
    let old = leader(run.as_ref());
    act_now(run.as_mut(), Action::Pause(old));
    let mut waited = 0;
    while run
        .snapshot()
        .nodes
        .iter()
        .all(|n| n.role.part != Part::Leader || n.id == old)
    {
        waited += 1;
        assert!(waited < 80, "no new leader while {old} is paused");
        let next = run.now() + millis(250);
        run.advance_to(next);
    }
    assert!(
        !(task_at("leader-election", 2).done)(run.as_ref()),
        "not before the resume"
    );
    act_now(run.as_mut(), Action::Resume(old));
    let until = run.now() + seconds(3);
    assert!(done_by(run.as_mut(), task_at("leader-election", 2).done, until));
    let said = praise_at("leader-election", 2, run.as_ref());
    let snapshot = run.snapshot();
    let old_name = &snapshot.nodes[old.0 as usize].name;
    let new = leader(run.as_ref());
    let new_name = &snapshot.nodes[new.0 as usize].name;
    let term = figure(run.as_ref(), new_name, "term");
    assert_contains(&said, &format!("While {old_name} was frozen"));
    assert_contains(&said, &format!("It now follows {new_name}, the leader of term {term}."));
    // The new leader's heartbeats reached the frozen node and waited in its
    // inbox: the praise says so, rather than that answers came back.
    let queued = run
        .trace()
        .events()
        .any(|e| matches!(e.kind, TraceKind::Queued { at, .. } if at == old));
    assert!(queued, "heartbeats waited in the frozen leader's inbox");
    assert_contains(&said, "some of them waiting in its inbox since it froze");
}

#[test]
fn a_split_that_is_never_healed_keeps_two_terms_apart() {
    stays_undone_untouched("leader-election", 4);
}

#[test]
fn healing_the_split_leaves_one_leader_everyone_follows() {
    let mut run = build_at("leader-election", 4);
    run.advance_to(seconds(18));
    act_now(run.as_mut(), Action::HealAll);
    assert!(done_by(run.as_mut(), task_at("leader-election", 4).done, seconds(30)));
    let said = praise_at("leader-election", 4, run.as_ref());
    let new = leader(run.as_ref());
    let name = run.snapshot().nodes[new.0 as usize].name.clone();
    let term = figure(run.as_ref(), &name, "term");
    assert_contains(
        &said,
        &format!("{name}, in term {term}, which every running server is in now"),
    );
}

#[test]
fn the_servers_do_not_agree_while_a_is_still_a_candidate() {
    let mut run = build_at("leader-election", 4);
    // Healed at 14 s, A is still standing for election at 17.5 s while the
    // others already agree on a leader in A's term.
    run.advance_to(seconds(14));
    act_now(run.as_mut(), Action::HealAll);
    let done = task_at("leader-election", 4).done;
    let a = id(run.as_ref(), "A");
    let mut a_stood = false;
    while run.now() < seconds(20) {
        let next = run.now() + millis(250);
        run.advance_to(next);
        if run.snapshot().nodes[a.index()].role.part == Part::Candidate {
            a_stood = true;
            assert!(!done(run.as_ref()), "done at {} µs while A is a candidate", run.now());
        }
    }
    assert!(a_stood, "A stood for election after the heal");
    assert!(
        done_by(run.as_mut(), done, seconds(40)),
        "and the five agree in the end"
    );
}

#[test]
fn a_crashed_server_means_the_five_do_not_agree_yet() {
    let mut run = build_at("leader-election", 4);
    run.advance_to(seconds(18));
    act_now(run.as_mut(), Action::HealAll);
    let done = task_at("leader-election", 4).done;
    assert!(done_by(run.as_mut(), done, seconds(30)));
    let follower = run
        .snapshot()
        .nodes
        .iter()
        .find(|n| n.role.part == Part::Follower)
        .map(|n| n.id);
    let Some(follower) = follower else {
        panic!("no follower once the five agree")
    };
    act_now(run.as_mut(), Action::Crash(follower));
    assert!(!done(run.as_ref()), "only four servers are running");
    act_now(run.as_mut(), Action::Restart(follower));
    assert!(
        done_by(run.as_mut(), done, seconds(45)),
        "back up, it follows the leader again"
    );
}

#[test]
fn election_numbers_match_the_scenarios() {
    let timing = |index: usize| {
        let scenario = scenario_at("leader-election", index);
        let ClusterSpec::Election(election::Election { nodes, timeout_ms }) = scenario.cluster else {
            panic!("step {index} shows an election");
        };
        let link = scenario.network.unwrap_or_default();
        (
            nodes,
            timeout_ms,
            link.latency / 1_000,
            (link.latency + link.jitter) / 1_000,
        )
    };
    let (nodes, timeout_ms, _, _) = timing(0);
    let text = all_text(step_at("leader-election", 0));
    assert!(
        text.contains(&format!(
            "here {} to {} seconds",
            timeout_ms / 1_000,
            2 * timeout_ms / 1_000
        )),
        "{text}"
    );
    assert_eq!((nodes, nodes / 2 + 1), (5, 3), "a majority is three of five");
    assert!(text.contains("three of five"), "{text}");
    let (_, short, fastest, slowest) = timing(5);
    let text = all_text(step_at("leader-election", 5));
    assert!(text.contains(&format!("only {short} to {} ms", 2 * short)), "{text}");
    assert!(text.contains(&format!("takes {fastest} to {slowest} ms")), "{text}");
}

#[test]
fn the_old_primary_counts_as_rejoined_only_once_its_epoch_tag_has_caught_up() {
    let done = task_at("replication", 3).done;
    for tenth in 20..60 {
        let mut run = build_at("replication", 3);
        run.advance_to(millis(100 * tenth));
        act_now(run.as_mut(), Action::Restart(NodeId(0)));
        let mut at = run.now();
        while at < seconds(12) && !done(run.as_ref()) {
            at += millis(20);
            run.advance_to(at);
        }
        assert!(done(run.as_ref()), "R0 restarted at {tenth}00 ms rejoins");
        let snapshot = run.snapshot();
        let Some(primary) = snapshot.nodes.iter().find(|n| n.role.part == Part::Primary) else {
            panic!("no primary");
        };
        assert_eq!(
            figure(run.as_ref(), "R0", "epoch"),
            figure(run.as_ref(), &primary.name, "epoch"),
            "R0 restarted at {tenth}00 ms: the praise names the primary's epoch"
        );
    }
}
