//! What the node menus say, for every scenario of every lesson (so every
//! protocol family): plain grammar ("an ack", "1 node"), times in sensible
//! units rather than raw microseconds, nodes by their names, and a crashed
//! node still named by the role it had.
#![cfg(not(target_arch = "wasm32"))]

use many_nodes::lessons::LESSONS;
use many_nodes::scenario::Scenario;
use many_nodes::sim::{seconds, Action, Run, Status};
use many_nodes::ui::fact_words::value_words;

/// Every scenario a lesson step loads, named by lesson and step.
fn scenarios() -> Vec<(String, Scenario)> {
    LESSONS
        .iter()
        .flat_map(|lesson| {
            lesson.steps.iter().filter_map(move |step| {
                step.scenario
                    .map(|make| (format!("{}: {}", lesson.slug, step.title), make()))
            })
        })
        .collect()
}

fn build(scenario: &Scenario, context: &str) -> Box<dyn Run> {
    scenario
        .build()
        .unwrap_or_else(|problem| panic!("{context}: the scenario does not build: {problem}"))
}

/// What is wrong with one line of a node's facts, if anything.
fn wrong_with(line: &str) -> Option<&'static str> {
    let words: Vec<&str> = line.split_whitespace().collect();
    for pair in words.windows(2) {
        let next = pair[1]
            .trim_start_matches(['(', '"'])
            .trim_end_matches([':', ',', ';', '.', ')']);
        // Lower case only: "A" is also a node's name ("gossip to A at 2 s").
        if pair[0] == "a" && next.starts_with(['a', 'e', 'i', 'o', 'u']) {
            return Some("\"a\" before a vowel");
        }
        let plural = next.ends_with('s') && !matches!(next, "s" | "ms" | "µs");
        if pair[0] == "1" && plural {
            return Some("a plural after 1");
        }
    }
    if line.contains("µs") {
        return Some("raw microseconds");
    }
    if line
        .split('#')
        .skip(1)
        .any(|after| after.starts_with(|c: char| c.is_ascii_digit()))
    {
        return Some("a node id where its name belongs");
    }
    if line.contains("(s)") {
        return Some("a plural left to the reader");
    }
    None
}

#[test]
fn the_grammar_check_catches_what_students_reported() {
    assert!(wrong_with("A sent a answer to C").is_some());
    assert!(wrong_with("waiting for a ack").is_some());
    assert!(wrong_with("1 nodes: 1 up").is_some());
    assert!(wrong_with("4000 µs").is_some());
    assert!(wrong_with("#3: ok after 1 attempt(s)").is_some());
    assert!(wrong_with("primary: #2").is_some());
    assert!(wrong_with("1 of 3 replicas, 1 ms, an ack, a reply").is_none());
}

#[test]
fn node_facts_read_as_plain_english_in_every_scenario() {
    for (context, scenario) in scenarios() {
        let mut run = build(&scenario, &context);
        run.advance_to(seconds(3));
        let snapshot = run.snapshot();
        let names: Vec<String> = snapshot.nodes.iter().map(|n| n.name.clone()).collect();
        for node in snapshot.nodes {
            for fact in &node.details {
                let line = format!("{}: {}", fact.what, value_words(&fact.value, &names));
                if let Some(problem) = wrong_with(&line) {
                    panic!("{context}: {} shows \"{line}\": {problem}", node.name);
                }
            }
        }
    }
}

#[test]
fn a_crashed_node_keeps_the_role_it_had_in_every_scenario() {
    for (context, scenario) in scenarios() {
        let mut run = build(&scenario, &context);
        run.advance_to(seconds(3));
        let before = run.snapshot();
        for node in before.nodes.iter().filter(|n| n.status != Status::Crashed) {
            if let Err(problem) = run.intervene(Action::Crash(node.id)) {
                panic!("{context}: crashing {}: {problem}", node.name);
            }
        }
        run.advance_to(seconds(4));
        let after = run.snapshot();
        for (was, is) in before.nodes.iter().zip(&after.nodes) {
            if was.status != Status::Crashed {
                assert_eq!(is.status, Status::Crashed, "{context}: {}", was.name);
                assert_eq!(
                    is.role, was.role,
                    "{context}: {} changed role when it crashed",
                    was.name
                );
            }
        }
    }
}
