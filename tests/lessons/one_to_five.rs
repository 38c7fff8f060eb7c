//! Lessons 1 to 5, played the way a student would: every hands-on task is
//! done by the interventions the UI offers and stays undone without them,
//! predictions flip when the student changes what they are about, and
//! every number the text quotes is the one its formula or its scenario
//! gives.

use super::play::{
    act, assert_contains, assert_says, delivered, detail, drop_next, expected, figure, hop_ms, id, open, outcome,
    praise, slower, step, task_done, whole,
};
use many_nodes::lessons::facts::{
    light_ms_in_fibre, light_ms_in_vacuum, round_trip_ms_in_fibre, round_trip_ms_in_vacuum, NEW_YORK_TO_SYDNEY_KM,
};
use many_nodes::lessons::Step;
use many_nodes::protocols::{lamport, rpc};
use many_nodes::scenario::{ClusterSpec, Scenario};
use many_nodes::sim::words::count;
use many_nodes::sim::{millis, seconds, Action, Headline, LinkConfig, NodeId, Run, SimTime, TraceKind};

/// Events of `run` from `from` until `to` that `wanted` picks.
fn events_between(run: &dyn Run, from: SimTime, to: SimTime, wanted: impl Fn(&TraceKind) -> bool) -> u64 {
    run.trace()
        .events()
        .filter(|e| e.time >= from && e.time < to && wanted(&e.kind))
        .count() as u64
}

// Lesson 1: one machine, or many.

#[test]
fn crashing_and_restarting_app_completes_the_all_or_nothing_task() {
    let (step, mut run) = open("one-machine", "All or nothing");
    let app = id(run.as_ref(), "app");
    act(run.as_mut(), seconds(2), Action::Crash(app));
    run.advance_to(seconds(4));
    assert!(!task_done(step, run.as_ref()), "crashed and not yet back");
    act(run.as_mut(), seconds(4), Action::Restart(app));
    run.advance_to(seconds(4) + millis(600));
    assert!(!task_done(step, run.as_ref()), "back, and not yet seen counting on");
    run.advance_to(seconds(6));
    assert!(task_done(step, run.as_ref()));
}

#[test]
fn app_s_menu_shows_the_counter_the_text_talks_about() {
    let (step, mut run) = open("one-machine", "All or nothing");
    assert_says(step, "the counter");
    run.advance_to(seconds(2));
    let counter = detail(run.as_ref(), "app", "counter");
    assert!(counter.parse::<u64>().is_ok_and(|n| n > 0), "{counter}");
}

#[test]
fn the_all_or_nothing_praise_counts_the_jobs_of_this_run() {
    let (step, mut run) = open("one-machine", "All or nothing");
    let app = id(run.as_ref(), "app");
    act(run.as_mut(), seconds(2), Action::Crash(app));
    act(run.as_mut(), seconds(4) + millis(300), Action::Restart(app));
    run.advance_to(seconds(6));
    let job = |k: &TraceKind| matches!(k, TraceKind::TimerFired { node, .. } if *node == app);
    let before = events_between(run.as_ref(), 0, seconds(2), job);
    let while_down = events_between(run.as_ref(), seconds(2), seconds(4) + millis(300), job);
    let after = events_between(run.as_ref(), seconds(4) + millis(300), seconds(6), job);
    assert!(
        before > 0 && after > 0 && while_down == 0,
        "{before} {while_down} {after}"
    );
    let said = praise(step, run.as_ref());
    assert_contains(&said, "app was down for 2.3 s and did nothing at all");
    assert_contains(
        &said,
        &format!("came back with {} counted on its disk", count(before, "job")),
    );
    assert_contains(&said, &format!("it has done {after} more since"));
}

#[test]
fn crashing_the_database_makes_the_client_fail_through_a_healthy_web_server() {
    let (step, mut run) = open("one-machine", "A computer you never heard of");
    let database = id(run.as_ref(), "database");
    act(run.as_mut(), seconds(2), Action::Crash(database));
    run.advance_to(seconds(4));
    assert!(task_done(step, run.as_ref()));
    let said = praise(step, run.as_ref());
    let errors = figure(run.as_ref(), "client", "failed");
    assert!(errors > 0);
    assert_contains(&said, &format!("has had {} from a web server", count(errors, "error")));
    assert_contains(&said, "the database has crashed");
}

#[test]
fn cutting_the_database_off_also_completes_the_task() {
    let (step, mut run) = open("one-machine", "A computer you never heard of");
    let (web, database) = (id(run.as_ref(), "web server"), id(run.as_ref(), "database"));
    act(
        run.as_mut(),
        seconds(2),
        Action::CutLink {
            from: web,
            to: database,
        },
    );
    run.advance_to(seconds(4));
    assert!(task_done(step, run.as_ref()));
    let said = praise(step, run.as_ref());
    assert_contains(&said, "the link between the web server and the database is cut");
    assert!(!said.contains("crashed"), "{said}");
}

#[test]
fn crashing_the_web_server_itself_does_not_count() {
    let (step, mut run) = open("one-machine", "A computer you never heard of");
    let web = id(run.as_ref(), "web server");
    act(run.as_mut(), seconds(2), Action::Crash(web));
    run.advance_to(seconds(10));
    assert!(!task_done(step, run.as_ref()), "the client only times out");
}

#[test]
fn no_client_is_served_once_the_central_server_is_down() {
    let (step, mut run) = open("one-machine", "One server for everyone");
    assert_eq!(outcome(step, run.as_mut()), 2);
    assert_eq!(expected(step), 2);
}

#[test]
fn restarting_the_central_server_serves_every_client_again() {
    let (step, mut run) = open("one-machine", "One server for everyone");
    let server = id(run.as_ref(), "server");
    act(run.as_mut(), seconds(4), Action::Restart(server));
    assert_eq!(outcome(step, run.as_mut()), 0);
}

#[test]
fn the_central_server_has_the_three_clients_the_text_names() {
    let (step, scenario) = step("one-machine", "One server for everyone");
    assert_eq!(
        scenario.cluster,
        ClusterSpec::CentralServer(rpc::CentralServer { clients: 3 })
    );
    assert_says(step, "three clients");
}

// Lesson 2: nodes and autonomy.

#[test]
fn crashing_web_2_completes_the_autonomy_task_and_the_site_keeps_serving() {
    let (step, mut run) = open("autonomy", "Autonomous: each node runs itself");
    let web2 = id(run.as_ref(), "web 2");
    act(run.as_mut(), seconds(2), Action::Crash(web2));
    run.advance_to(seconds(3));
    let served_at_crash = run.metrics().totals.succeeded;
    run.advance_to(seconds(8));
    assert!(task_done(step, run.as_ref()));
    assert!(
        run.metrics().totals.succeeded > served_at_crash + 10,
        "the other web servers keep answering"
    );
    assert_eq!(run.metrics().totals.failed, 0);
    let said = praise(step, run.as_ref());
    let read = |key| figure(run.as_ref(), "client A", key) + figure(run.as_ref(), "client B", key);
    let lost = read("failed") + read("gave up");
    assert_contains(&said, "Now web 2 is down.");
    assert_contains(&said, "sent the work to web 1 and web 3");
    let avoided = run.metrics().count("server avoided");
    let times = match avoided {
        1 => "once".to_string(),
        2 => "twice".to_string(),
        n => format!("{n} times"),
    };
    assert_contains(
        &said,
        &format!("(so far it has stepped around a silent web server {times})"),
    );
    assert_contains(
        &said,
        &format!("readers A and B have had {}", count(read("succeeded"), "answer")),
    );
    if lost == 0 {
        assert_contains(&said, "not one request go unanswered");
    } else {
        assert_contains(&said, &format!("and {} that went unanswered", count(lost, "request")));
    }
}

#[test]
fn crashing_the_cache_fails_requests_behind_healthy_web_servers() {
    let (step, mut run) = open("autonomy", "Autonomous is not independent");
    let cache = id(run.as_ref(), "cache");
    act(run.as_mut(), seconds(2), Action::Crash(cache));
    run.advance_to(seconds(4));
    assert!(task_done(step, run.as_ref()));
    let said = praise(step, run.as_ref());
    let failed = run.metrics().totals.failed;
    assert_contains(&said, &format!("yet {} ended in an error", count(failed, "request")));
    assert_contains(&said, "because the cache is down");
}

#[test]
fn crashing_the_db_primary_also_fails_requests() {
    let (step, mut run) = open("autonomy", "Autonomous is not independent");
    let primary = id(run.as_ref(), "db primary");
    act(run.as_mut(), seconds(2), Action::Crash(primary));
    run.advance_to(seconds(5));
    assert!(task_done(step, run.as_ref()));
}

#[test]
fn a_crashed_web_server_does_not_complete_the_dependency_task() {
    let (step, mut run) = open("autonomy", "Autonomous is not independent");
    let web1 = id(run.as_ref(), "web 1");
    act(run.as_mut(), seconds(2), Action::Crash(web1));
    run.advance_to(seconds(10));
    assert!(!task_done(step, run.as_ref()));
}

#[test]
fn most_of_the_wait_is_spent_on_the_wire() {
    let (step, mut run) = open("autonomy", "Working is fast, talking is slow");
    assert_eq!(outcome(step, run.as_mut()), 2);
}

#[test]
fn with_instant_links_the_wait_shrinks_to_the_work() {
    let (step, mut run) = open("autonomy", "Working is fast, talking is slow");
    act(run.as_mut(), 0, slower(0));
    assert_eq!(outcome(step, run.as_mut()), 0);
}

#[test]
fn links_of_a_few_milliseconds_make_the_wait_less_than_four_slow_trips() {
    let (step, mut run) = open("autonomy", "Working is fast, talking is slow");
    act(run.as_mut(), 0, slower(millis(8)));
    assert_eq!(outcome(step, run.as_mut()), 1);
}

#[test]
fn the_hop_time_the_text_quotes_is_the_scenario_s() {
    let (step, scenario) = step("autonomy", "Working is fast, talking is slow");
    assert_says(step, &format!("about {} ms one way", hop_ms(&scenario)));
}

// Lesson 3: every node has its own clock.

#[test]
fn b_s_answer_is_stamped_before_the_question_that_caused_it() {
    let (step, mut run) = open("clocks", "When timestamps lie");
    assert_eq!(outcome(step, run.as_mut()), 1);
}

#[test]
fn a_asks_b_first_then_c_as_the_lamport_step_says() {
    let (step, mut run) = open("clocks", "Count instead of reading the clock");
    assert_says(step, "A asks B first, then C");
    run.advance_to(seconds(1));
    let (a, b, c) = (id(run.as_ref(), "A"), id(run.as_ref(), "B"), id(run.as_ref(), "C"));
    let sent_by_a: Vec<NodeId> = run
        .trace()
        .events()
        .filter_map(|e| match e.kind {
            TraceKind::Sent { from, to, .. } if from == a => Some(to),
            _ => None,
        })
        .take(2)
        .collect();
    assert_eq!(sent_by_a, [b, c]);
}

#[test]
fn lamport_numbers_put_the_question_first() {
    let (step, mut run) = open("clocks", "Count instead of reading the clock");
    assert_eq!(outcome(step, run.as_mut()), 0);
}

#[test]
fn the_chat_numbers_in_the_text_are_the_scenario_s() {
    let (step, scenario) = step("clocks", "When timestamps lie");
    let ClusterSpec::ClockChat(lamport::ClockChat { b_behind_ms, .. }) = scenario.cluster else {
        panic!("the chat scenario is not a chat: {:?}", scenario.cluster);
    };
    assert_says(step, &format!("{b_behind_ms} ms behind"));
    assert_says(step, &format!("about {} ms to arrive", hop_ms(&scenario)));
}

#[test]
fn cutting_the_link_from_a_to_c_makes_c_hear_an_answer_first() {
    let (step, mut run) = open("clocks", "Each node sees its own story");
    let (a, c) = (id(run.as_ref(), "A"), id(run.as_ref(), "C"));
    act(run.as_mut(), seconds(1), Action::CutLink { from: a, to: c });
    act(run.as_mut(), seconds(1), Action::CutLink { from: c, to: a });
    run.advance_to(seconds(3));
    assert!(task_done(step, run.as_ref()));
    let now = run.now() + 1;
    let missing = delivered(run.as_ref(), "answer", None, Some(c), 0, now)
        - delivered(run.as_ref(), "question", None, Some(c), 0, now);
    assert!(missing > 0);
    // Every answer C took in after the cut came without its question.
    let shown = run.snapshot().nodes[c.index()].headline;
    assert_eq!(
        shown,
        Some(Headline::AnswersFirst { answers: missing }),
        "the count beside C"
    );
    let said = praise(step, run.as_ref());
    assert_contains(
        &said,
        &format!(
            "It now holds {} whose question it has not heard",
            count(missing, "answer")
        ),
    );
    let first = match missing {
        1 => "C heard an answer before the question it answers".to_string(),
        n => format!("C heard {n} answers before their questions"),
    };
    assert_contains(&said, &first);
}

#[test]
fn dropping_a_question_headed_for_c_makes_c_hear_an_answer_first() {
    let (step, mut run) = open("clocks", "Each node sees its own story");
    let c = id(run.as_ref(), "C");
    run.advance_to(seconds(2));
    drop_next(run.as_mut(), "question", Some(c));
    assert!(!task_done(step, run.as_ref()), "the answer is still on its way");
    let now = run.now();
    run.advance_to(now + seconds(1));
    assert!(task_done(step, run.as_ref()));
    let end = run.now() + 1;
    let (answers, questions) = (
        delivered(run.as_ref(), "answer", None, Some(c), 0, end),
        delivered(run.as_ref(), "question", None, Some(c), 0, end),
    );
    let said = praise(step, run.as_ref());
    if answers > questions {
        assert_contains(&said, &format!("It now holds {}", count(answers - questions, "answer")));
    } else {
        assert_contains(&said, "It heard the question only afterwards.");
    }
}

#[test]
fn low_latency_and_high_jitter_reorder_what_c_hears() {
    let jittery = Action::SetNetwork(LinkConfig {
        latency: 0,
        jitter: millis(200),
        ..LinkConfig::default()
    });
    // The hint promises a few seconds, whenever the student moves the sliders.
    for moved in [1, 3, 7, 11] {
        let (step, mut run) = open("clocks", "Each node sees its own story");
        act(run.as_mut(), seconds(moved), jittery.clone());
        run.advance_to(seconds(moved + 10));
        assert!(task_done(step, run.as_ref()), "sliders moved at {moved} s");
    }
}

// Lesson 4: lost messages, lost replies.

fn step_of(title: &str) -> (&'static Step, Scenario) {
    step("lost-replies", title)
}

#[test]
fn dropping_a_request_completes_the_lost_request_task_only() {
    let (step, mut run) = open("lost-replies", "Lose the request");
    let (reply_step, _) = step_of("Lose the reply");
    drop_next(run.as_mut(), "request", None);
    assert!(task_done(step, run.as_ref()));
    let said = praise(step, run.as_ref());
    assert_contains(&said, "when its timer runs out, it will give up");
    assert!(!said.contains("gave up"), "the timer has not run out: {said}");
    run.advance_to(seconds(3));
    assert!(task_done(step, run.as_ref()));
    assert!(!task_done(reply_step, run.as_ref()));
    let said = praise(step, run.as_ref());
    let gave_up = figure(run.as_ref(), "client", "gave up");
    assert_eq!(gave_up, 1);
    assert_contains(&said, "heard nothing, and gave up when its timer ran out");
    assert_contains(&said, &format!("the tag by it says {gave_up} gave up"));
    let balance = detail(run.as_ref(), "server", "balance");
    let applied = figure(run.as_ref(), "server", "writes applied");
    assert_contains(
        &said,
        &format!("its balance was {balance}, from the {}", count(applied, "save")),
    );
}

#[test]
fn the_lost_reply_praise_waits_for_the_timeout_before_saying_it_fired() {
    let (step, mut run) = open("lost-replies", "Lose the reply");
    drop_next(run.as_mut(), "reply", None);
    let said = praise(step, run.as_ref());
    assert_contains(&said, "when its timer runs out, it will give up");
    let balance = detail(run.as_ref(), "server", "balance");
    assert_contains(&said, &format!("its balance was {balance}, from "));
    let now = run.now();
    run.advance_to(now + seconds(1));
    let said = praise(step, run.as_ref());
    assert_contains(&said, "gave up when its timer ran out: the tag by it says 1 gave up");
}

#[test]
fn a_lost_reply_looks_like_a_lost_request_but_the_save_happened() {
    let (request_step, mut request_lost) = open("lost-replies", "Lose the request");
    let (reply_step, mut reply_lost) = open("lost-replies", "Lose the reply");
    drop_next(request_lost.as_mut(), "request", None);
    drop_next(reply_lost.as_mut(), "reply", None);
    request_lost.advance_to(seconds(1));
    reply_lost.advance_to(seconds(1));
    assert!(task_done(request_step, request_lost.as_ref()));
    assert!(task_done(reply_step, reply_lost.as_ref()));
    for key in ["gave up", "succeeded", "last request"] {
        assert_eq!(
            detail(request_lost.as_ref(), "client", key),
            detail(reply_lost.as_ref(), "client", key),
            "the client's menu shows the same {key}"
        );
    }
    assert_eq!(detail(request_lost.as_ref(), "server", "balance"), "0");
    assert_eq!(detail(reply_lost.as_ref(), "server", "balance"), "10");
}

#[test]
fn stepping_shows_the_reply_on_the_wire_once_it_is_sent() {
    let (step, mut run) = open("lost-replies", "Lose the reply");
    let server = id(run.as_ref(), "server");
    // Press the step button until the log's latest line is the server's reply.
    let reply = loop {
        assert!(run.step(), "the run ended before the server replied");
        let last = run.trace().events().last().map(|e| e.kind.clone());
        if let Some(TraceKind::Sent {
            message,
            from,
            kind: _,
            departs,
            arrives,
            ..
        }) = last.filter(|k| matches!(k, TraceKind::Sent { kind, .. } if kind.id == "reply"))
        {
            assert_eq!(from, server);
            assert_eq!(departs, run.now(), "sent means on its way now");
            assert!(arrives - departs >= millis(hop_ms(&step_of("Lose the reply").1)));
            break message;
        }
    };
    let from_server: Vec<u64> = run
        .snapshot()
        .messages
        .iter()
        .filter(|m| m.from == server)
        .map(|m| m.id)
        .collect();
    assert_eq!(
        from_server,
        vec![reply],
        "the server's menu lists the reply on the wire"
    );
    let now = run.now();
    act(run.as_mut(), now, Action::DropMessage(reply));
    run.advance_to(seconds(2));
    assert!(task_done(step, run.as_ref()));
}

#[test]
fn cutting_the_way_there_loses_the_next_request() {
    let (step, mut run) = open("lost-replies", "Lose the request");
    let (client, server) = (id(run.as_ref(), "client"), id(run.as_ref(), "server"));
    act(
        run.as_mut(),
        seconds(1),
        Action::CutLink {
            from: client,
            to: server,
        },
    );
    run.advance_to(seconds(3));
    assert!(task_done(step, run.as_ref()));
    assert_eq!(
        detail(run.as_ref(), "server", "balance"),
        "10",
        "only the first save got through"
    );
}

#[test]
fn cutting_the_way_back_loses_the_next_reply_after_the_save() {
    let (step, mut run) = open("lost-replies", "Lose the reply");
    let (client, server) = (id(run.as_ref(), "client"), id(run.as_ref(), "server"));
    act(
        run.as_mut(),
        seconds(1),
        Action::CutLink {
            from: server,
            to: client,
        },
    );
    run.advance_to(seconds(1) + millis(500));
    assert!(task_done(step, run.as_ref()));
    assert_eq!(
        detail(run.as_ref(), "server", "balance"),
        "20",
        "the save behind the lost reply happened"
    );
}

#[test]
fn a_retried_save_whose_reply_was_lost_runs_twice() {
    let (step, mut run) = open("lost-replies", "Try again?");
    assert_eq!(outcome(step, run.as_mut()), 1);
    assert_eq!(detail(run.as_ref(), "server", "balance"), "20");
}

#[test]
fn a_reply_that_gets_through_means_one_save() {
    let (step, mut run) = open("lost-replies", "Try again?");
    let (client, server) = (id(run.as_ref(), "client"), id(run.as_ref(), "server"));
    act(
        run.as_mut(),
        1,
        Action::HealLink {
            from: server,
            to: client,
        },
    );
    assert_eq!(outcome(step, run.as_mut()), 0);
}

#[test]
fn a_lossy_network_makes_a_retried_save_run_twice() {
    let (step, mut run) = open("lost-replies", "Retries on a flaky network");
    let lossy = Action::SetNetwork(LinkConfig {
        latency: millis(100),
        jitter: millis(10),
        loss: 200_000,
        ..LinkConfig::default()
    });
    act(run.as_mut(), seconds(1), lossy);
    run.advance_to(seconds(60));
    assert!(task_done(step, run.as_ref()));
}

#[test]
fn dropping_a_reply_by_hand_makes_the_retry_save_twice() {
    let (step, mut run) = open("lost-replies", "Retries on a flaky network");
    drop_next(run.as_mut(), "reply", None);
    run.advance_to(seconds(2));
    assert!(task_done(step, run.as_ref()));
    let said = praise(step, run.as_ref());
    let twice = figure(run.as_ref(), "server", "writes applied twice");
    let applied = figure(run.as_ref(), "server", "writes applied");
    let retries = figure(run.as_ref(), "client", "retries");
    assert_eq!(twice, 1);
    assert_contains(
        &said,
        &format!(
            "has now applied 1 save twice, as its tag shows, out of {applied} applied, after {}",
            count(retries, "retry")
        ),
    );
}

#[test]
fn cutting_the_way_back_makes_every_retry_save_again() {
    let (step, mut run) = open("lost-replies", "Retries on a flaky network");
    let (client, server) = (id(run.as_ref(), "client"), id(run.as_ref(), "server"));
    act(
        run.as_mut(),
        seconds(1),
        Action::CutLink {
            from: server,
            to: client,
        },
    );
    run.advance_to(seconds(2));
    assert!(task_done(step, run.as_ref()));
}

#[test]
fn idempotency_keys_keep_every_retry_from_saving_twice() {
    let (step, mut run) = open("lost-replies", "Idempotency keys");
    assert_eq!(outcome(step, run.as_mut()), 0);
    let remembered = run.metrics().count("answered from memory");
    assert!(
        remembered > 0,
        "retries did reach the server and were answered from memory"
    );
}

#[test]
fn with_keys_some_retries_are_first_arrivals_and_none_saves_twice() {
    let (step, mut run) = open("lost-replies", "Idempotency keys");
    assert_eq!(outcome(step, run.as_mut()), 0);
    let retries = figure(run.as_ref(), "client", "retries");
    let from_memory = run.metrics().count("answered from memory");
    assert!(
        retries > from_memory,
        "some retries ({retries}) carried a key the server had not seen ({from_memory} answered from memory)"
    );
    let why = match &step.question {
        Some(question) => question.why[0],
        None => panic!("the step asks a question"),
    };
    assert!(!why.contains("every retry carried"), "{why}");
    assert!(why.contains("had not seen yet"), "{why}");
}

#[test]
fn the_loss_the_text_quotes_is_the_scenario_s() {
    let (step, scenario) = step_of("Idempotency keys");
    let loss = scenario.network.map_or(0, |link| link.loss);
    assert_says(step, &format!("loses {}% of all messages", loss / 10_000));
}

// Lesson 5: latency, throughput, geography.

#[test]
fn the_far_client_waits_at_least_the_light_round_trip() {
    let (step, mut run) = open("geography", "Two continents, one server");
    assert_eq!(outcome(step, run.as_mut()), 2);
}

#[test]
fn a_server_nearby_makes_the_far_client_local() {
    let (step, mut run) = open("geography", "Serve them from nearby");
    assert_eq!(outcome(step, run.as_mut()), 0);
}

/// Replies the client in Europe took in between `from` and `to`.
fn answers_in_europe(run: &dyn Run, from: SimTime, to: SimTime) -> usize {
    let europe = id(run, "client in Europe");
    run.trace()
        .events()
        .filter(|e| e.time >= from && e.time < to)
        .filter(|e| matches!(e.kind, TraceKind::Delivered { to, kind, .. } if to == europe && kind.id == "reply"))
        .count()
}

#[test]
fn raising_latency_slows_every_answer_but_not_how_many_arrive() {
    let (step, mut slowed) = open("geography", "Latency is not throughput");
    let (_, mut untouched) = open("geography", "Latency is not throughput");
    act(slowed.as_mut(), seconds(1), slower(millis(80)));
    slowed.advance_to(seconds(12));
    untouched.advance_to(seconds(12));
    assert!(task_done(step, slowed.as_ref()));
    assert!(!task_done(step, untouched.as_ref()));
    let said = praise(step, slowed.as_ref());
    let europe = id(slowed.as_ref(), "client in Europe");
    let now = slowed.now() + 1;
    let asked = events_between(
        slowed.as_ref(),
        seconds(1),
        now,
        |k| matches!(k, TraceKind::Sent { from, kind, .. } if *from == europe && kind.id == "request"),
    );
    let answered = delivered(slowed.as_ref(), "reply", None, Some(europe), seconds(1), now);
    assert_contains(
        &said,
        &format!(
            "In the 11 s since you changed the road it sent {} and got {} back",
            count(asked, "request"),
            count(answered, "answer")
        ),
    );
    assert_contains(&said, "at least the 157 ms light in fibre needs");
    assert_contains(&said, "throughput stayed the same");
    let in_all = delivered(slowed.as_ref(), "reply", None, Some(europe), 0, now);
    assert!(in_all > answered);
    assert_contains(
        &said,
        &format!("Its label counts all {} since the start.", count(in_all, "answer")),
    );
    let window = (seconds(2), seconds(12));
    assert_eq!(
        answers_in_europe(slowed.as_ref(), window.0, window.1),
        answers_in_europe(untouched.as_ref(), window.0, window.1),
        "one answer a second either way"
    );
}

#[test]
fn a_little_extra_latency_is_not_enough() {
    let (step, mut run) = open("geography", "Latency is not throughput");
    act(run.as_mut(), seconds(1), slower(millis(40)));
    run.advance_to(seconds(20));
    assert!(!task_done(step, run.as_ref()));
}

#[test]
fn the_light_delays_quoted_are_the_formulas() {
    let (first, _) = step("geography", "Two continents, one server");
    let (floor, _) = step("geography", "The speed of light is a floor");
    let (task, _) = step("geography", "Latency is not throughput");
    let distance = format!("{} km", whole(NEW_YORK_TO_SYDNEY_KM));
    // One way to a tenth, so that twice it is the round trip quoted.
    let vacuum = format!("{:.1} ms", light_ms_in_vacuum(NEW_YORK_TO_SYDNEY_KM));
    let fibre = format!("{:.1} ms", light_ms_in_fibre(NEW_YORK_TO_SYDNEY_KM));
    let round_trip = format!("{} ms", whole(round_trip_ms_in_fibre(NEW_YORK_TO_SYDNEY_KM)));
    let vacuum_round_trip = format!("{} ms", whole(round_trip_ms_in_vacuum(NEW_YORK_TO_SYDNEY_KM)));
    let tenths = |ms: f64| (ms * 10.0).round() / 10.0;
    for (one_way, there_and_back) in [(&vacuum, &vacuum_round_trip), (&fibre, &round_trip)] {
        let one_way: f64 = one_way.trim_end_matches(" ms").parse().unwrap_or(f64::NAN);
        assert_eq!(
            format!("{} ms", whole(2.0 * tenths(one_way))),
            *there_and_back,
            "twice {one_way} ms"
        );
    }
    for quoted in [&distance, &round_trip] {
        assert_says(first, quoted);
    }
    for quoted in [&distance, &vacuum, &fibre, &round_trip, &vacuum_round_trip] {
        assert_says(floor, quoted);
    }
    assert_says(task, &round_trip);
}

#[test]
fn the_round_trip_through_fibre_is_never_called_light_in_a_vacuum() {
    let Some((_, lesson)) = many_nodes::lessons::by_slug("geography") else {
        panic!("no geography lesson");
    };
    let fibre = format!("{} ms", whole(round_trip_ms_in_fibre(NEW_YORK_TO_SYDNEY_KM)));
    for step in lesson.steps {
        let mut texts: Vec<&str> = step.text.to_vec();
        if let Some(question) = &step.question {
            texts.push(question.prompt);
            texts.extend(question.choices.iter().chain(question.why));
        }
        if let Some(task) = &step.task {
            texts.push(task.instruction);
        }
        for sentence in texts.iter().flat_map(|text| text.split(". ")) {
            let about_light = sentence.contains("light") || sentence.contains("Light");
            if sentence.contains(&fibre) && about_light {
                assert!(
                    sentence.contains("fibre"),
                    "'{}' calls {fibre} the time light needs, not light in fibre: {sentence}",
                    step.title
                );
            }
        }
    }
}

#[test]
fn the_longer_road_is_watched_for_a_few_answers_before_the_task_is_done() {
    let (step, mut run) = open("geography", "Latency is not throughput");
    act(run.as_mut(), seconds(1), slower(millis(80)));
    let europe = id(run.as_ref(), "client in Europe");
    let mut first_slow = None;
    while first_slow.is_none() && run.now() < seconds(10) {
        let next = run.now() + millis(50);
        run.advance_to(next);
        if delivered(run.as_ref(), "reply", None, Some(europe), seconds(1), next + 1) > 0 {
            first_slow = Some(next);
        }
    }
    assert!(first_slow.is_some(), "an answer came over the longer road");
    assert!(!task_done(step, run.as_ref()), "done on the first slow answer");
    run.advance_to(seconds(8));
    assert!(task_done(step, run.as_ref()));
}
