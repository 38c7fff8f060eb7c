//! The picture draws the links messages really travel: who talks to whom
//! early in a run left to itself, found by replaying its start.
#![cfg(not(target_arch = "wasm32"))]

use many_nodes::lessons::by_slug;
use many_nodes::sim::{seconds, Run};

fn run_of(slug: &str, step: usize) -> Box<dyn Run> {
    let Some((_, lesson)) = by_slug(slug) else {
        panic!("no lesson {slug}")
    };
    let Some(scenario) = lesson.scenario_for(step) else {
        panic!("{slug} step {step} has no cluster")
    };
    scenario.build().unwrap_or_else(|e| panic!("{slug}: {e}"))
}

/// Whether `a` and `b` talk, by name.
fn talk(run: &dyn Run, a: &str, b: &str) -> bool {
    let nodes = run.snapshot().nodes;
    let index = |name: &str| {
        nodes
            .iter()
            .position(|n| n.name == name)
            .unwrap_or_else(|| panic!("no {name}"))
    };
    let (a, b) = (index(a), index(b));
    run.talkers(seconds(10), 10_000).contains(&(a.min(b), a.max(b)))
}

#[test]
fn clients_talk_to_the_balancer_and_not_to_the_database() {
    let run = run_of("autonomy", 0);
    assert!(talk(run.as_ref(), "client A", "load balancer"));
    assert!(!talk(run.as_ref(), "client A", "db primary"));
    assert!(!talk(run.as_ref(), "client A", "web 1"));
}

#[test]
fn spares_crashed_by_the_script_still_show_the_links_they_will_use() {
    let run = run_of("scaling-out", 2);
    assert!(talk(run.as_ref(), "load balancer", "server 2"));
    assert!(talk(run.as_ref(), "load balancer", "server 3"));
    assert!(!talk(run.as_ref(), "client A", "server 2"));
}

#[test]
fn the_link_a_hint_asks_to_cut_is_drawn() {
    let run = run_of("clocks", 3);
    assert!(
        talk(run.as_ref(), "A", "C"),
        "lesson 3's hint cuts the link between A and C"
    );
    let run = run_of("lost-replies", 0);
    assert!(talk(run.as_ref(), "client", "server"));
}

#[test]
fn the_idle_server_in_australia_has_no_line_until_a_step_uses_it() {
    let run = run_of("geography", 0);
    for client in ["client in Europe", "client in Australia"] {
        assert!(talk(run.as_ref(), client, "server in Europe"));
        assert!(
            !talk(run.as_ref(), client, "server in Australia"),
            "lesson 5 says nobody uses it yet"
        );
    }
}

#[test]
fn looking_is_budgeted_and_leaves_the_run_alone() {
    let mut run = run_of("autonomy", 0);
    run.advance_to(seconds(1));
    let digest = run.digest();
    assert!(
        run.talkers(seconds(10), 1).len() <= 1,
        "one event sends at most one message"
    );
    assert_eq!(run.digest(), digest);
    assert_eq!(run.now(), seconds(1));
}
