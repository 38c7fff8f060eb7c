//! A student's node under the lab engine: a handler that loops forever or
//! fails crashes only its node, with the fault and its line kept as data,
//! and the run goes on; a compile error names its line before any run;
//! `state` is lost in a crash and `durable` kept; print goes to the log;
//! and the same code and seed give the same run, to the trace digest.
#![cfg(not(target_arch = "wasm32"))]

use many_nodes::lab::grade::{run, verdict, CODE_RUNS};
use many_nodes::lab::labs::exactly_once::LAB;
use many_nodes::lab::{Data, LabNode, Program, ScriptFault, StudentNode, Verdict, BUDGET};
use many_nodes::sim::{NodeId, World};

const SERVER: NodeId = NodeId(0);

fn ran(source: &str, seed: u64) -> World<LabNode> {
    let program = Program::compile(source, LAB.kinds).expect("the script compiles");
    run(&LAB, &program, seed)
}

fn server(world: &World<LabNode>) -> &StudentNode {
    world
        .behaviour(SERVER)
        .and_then(LabNode::student)
        .expect("node 0 runs the student's code")
}

/// The first fault that crashed the server in a run of `source`.
fn first_fault(source: &str, seed: u64) -> ScriptFault {
    let world = ran(source, seed);
    let crashes = server(&world).crashes();
    crashes.first().expect("the server crashed").fault.clone()
}

fn compile_error(source: &str) -> ScriptFault {
    Program::compile(source, LAB.kinds).expect_err("the script does not compile")
}

#[test]
fn an_endless_loop_crashes_its_node_with_a_budget_fault_and_the_run_goes_on() {
    let source = "fn on_message(from, msg) {\n    loop {}\n}\n";
    let world = ran(source, 1);
    let crashes = server(&world).crashes();
    assert!(!crashes.is_empty());
    let fault = &crashes[0].fault;
    assert!(fault.out_of_budget, "{fault:?}");
    assert_eq!(fault.line, Some(2), "the line of the loop");
    assert_eq!(
        fault.message,
        format!("on_message used up its budget of {BUDGET} operations (an endless loop?)")
    );
    assert_eq!(world.now(), LAB.duration, "the run went on to its end");
    assert!(crashes.len() > 1, "restarted by the schedule, it crashed again");
    match verdict(&LAB, &world) {
        Verdict::Failed { property, explanation } => {
            assert_eq!(property, CODE_RUNS);
            assert!(explanation.starts_with("server crashed at 0."), "{explanation}");
        }
        Verdict::Passed => panic!("a node that loops forever passed"),
    }
}

#[test]
fn a_budget_fault_names_the_line_that_spent_it() {
    let deep = "fn on_message(from, msg) {\n    let n = 0;\n    if msg.id > 0 {\n        while true {\n            n += 1;\n        }\n    }\n}\n";
    let fault = first_fault(deep, 1);
    assert!(fault.out_of_budget, "{fault:?}");
    assert!(
        matches!(fault.line, Some(4..=5)),
        "inside the loop, not the handler: {fault:?}"
    );
    let helper = "fn spin() {\n    loop {}\n}\n\nfn on_message(from, msg) {\n    let x = 1;\n    spin();\n}\n";
    let fault = first_fault(helper, 1);
    assert_eq!(
        fault.line,
        Some(7),
        "where the handler called the looping function: {fault:?}"
    );
}

#[test]
fn a_run_time_error_reports_its_line() {
    let source = "fn on_message(from, msg) {\n    let x = 1;\n    let y = msg.id / (x - 1);\n}\n";
    let fault = first_fault(source, 2);
    assert_eq!(fault.line, Some(3), "{fault:?}");
    assert!(!fault.out_of_budget);
    assert!(fault.message.contains("zero"), "{}", fault.message);
}

#[test]
fn a_misused_api_function_reports_its_line_in_words() {
    let source = "fn on_message(from, msg) {\n\n    send(99, #{type: \"saved\"});\n}\n";
    let fault = first_fault(source, 3);
    assert_eq!(fault.line, Some(3), "{fault:?}");
    assert_eq!(fault.message, "there is no node 99");
    let untyped = "fn on_message(from, msg) {\n    reply(#{id: 1});\n}\n";
    let fault = first_fault(untyped, 3);
    assert_eq!(fault.line, Some(2));
    assert!(fault.message.starts_with("a message needs a type"), "{}", fault.message);
}

#[test]
fn a_failed_handler_sends_nothing() {
    let source =
        "fn on_message(from, msg) {\n    reply(#{type: \"saved\", id: msg.id});\n    throw \"out of paper\";\n}\n";
    let world = ran(source, 6);
    let fault = &server(&world).crashes()[0].fault;
    assert_eq!((fault.line, fault.message.as_str()), (Some(3), "out of paper"));
    match world.behaviour(NodeId(1)) {
        Some(LabNode::SaveClient(client)) => assert!(client.answered().is_empty()),
        other => panic!("node 1 is the client, not {other:?}"),
    }
}

#[test]
fn a_syntax_error_reports_its_line_before_the_run() {
    let fault = compile_error("fn on_message(from, msg) {\n    let = 3;\n}\n");
    assert_eq!(fault.line, Some(2), "{fault:?}");
    let fault = compile_error("fn on_message(msg) {\n}\n");
    assert!(fault.message.contains("fn on_message(from, msg)"), "{}", fault.message);
}

#[test]
fn state_is_lost_in_a_crash_and_durable_is_kept() {
    let source = "fn on_start() {\n    state.starts = (state.starts ?? 0) + 1;\n    durable.starts = (durable.starts ?? 0) + 1;\n    print(`start ${durable.starts}`);\n}\n";
    let world = ran(source, 4);
    let node = server(&world);
    assert_eq!(node.state().get("starts"), Some(&Data::Int(1)));
    assert_eq!(
        node.durable().get("starts"),
        Some(&Data::Int(6)),
        "started, then restarted 5 times"
    );
    let lines: Vec<&str> = node.log().iter().map(|line| line.text.as_str()).collect();
    assert_eq!(lines.first(), Some(&"start 1"));
    assert_eq!(lines.last(), Some(&"start 6"));
}

#[test]
fn timers_random_and_the_clock_reach_the_script() {
    let source = "fn on_start() {\n    set_timer(\"tick\", 100);\n}\nfn on_timer(name) {\n    log(`${name} ${now()} ${random(1000)} ${me()} ${nodes()}`);\n    cancel_timer(\"tick\");\n}\n";
    let world = ran(source, 5);
    let log = server(&world).log();
    assert_eq!(
        log.len(),
        6,
        "a tick after the start and after each of 5 restarts: {log:?}"
    );
    let words: Vec<&str> = log[0].text.split(' ').collect();
    assert_eq!(words[..2], ["tick", "100"]);
    assert!(words[2].parse::<i64>().is_ok_and(|n| (0..1000).contains(&n)));
    assert_eq!(words[3..], ["0", "[0]"]);
    assert!(log[1].text.starts_with("tick 2400 "), "{log:?}");
}

#[test]
fn the_same_code_and_seed_give_the_same_trace_digest() {
    let source = include_str!("labs/exactly_once/reference.rhai");
    let randomised = format!("{source}\nfn on_start() {{ set_timer(`t${{random(5)}}`, random(300)); }}\n");
    let first = ran(&randomised, 7);
    let second = ran(&randomised, 7);
    assert_eq!(first.trace().digest(), second.trace().digest());
    assert_ne!(first.trace().digest(), ran(&randomised, 8).trace().digest());
}

#[test]
fn code_that_builds_huge_nested_data_fails_fast_with_a_reason() {
    let nested_maps = "fn on_start() {\n    let m = #{};\n    let inner = #{};\n    for i in 0..900 { inner[`k${i}`] = i; }\n    for j in 0..900 { m[`k${j}`] = inner; }\n    state.m = m;\n}\n";
    let fault = first_fault(nested_maps, 1);
    assert!(
        fault.message.contains("too large") || fault.message.contains("more than 10000 values"),
        "{fault:?}"
    );
    let grown_state = "fn on_start() {\n    state.rows = [];\n    for i in 0..20 {\n        let row = [];\n        for j in 0..900 { row.push(j); }\n        state.rows.push(row);\n    }\n}\n";
    let fault = first_fault(grown_state, 1);
    assert!(
        fault.message.contains("too large")
            || fault
                .message
                .starts_with("state cannot be kept: it holds more than 10000 values"),
        "{fault:?}"
    );
}
