//! The waits a student should see: a client waiting for its reply and a
//! server waiting to hear from a leader carry a countdown that drains, ends
//! when the wait ends, and, when it runs out, says so in the trace.
#![cfg(not(target_arch = "wasm32"))]

use many_nodes::lessons::by_slug;
use many_nodes::sim::{millis, seconds, Action, Part, Run, TraceKind, Waiting};

fn run_of(slug: &str) -> Box<dyn Run> {
    let Some((_, lesson)) = by_slug(slug) else {
        panic!("no lesson {slug}")
    };
    let Some(scenario) = lesson.scenario_for(0) else {
        panic!("{slug} has no cluster")
    };
    scenario.build().unwrap_or_else(|e| panic!("{slug}: {e}"))
}

fn index_of(run: &dyn Run, name: &str) -> usize {
    run.snapshot()
        .nodes
        .iter()
        .position(|n| n.name == name)
        .unwrap_or_else(|| panic!("no node {name}"))
}

#[test]
fn a_waiting_client_counts_down_until_its_reply_comes() {
    let mut run = run_of("lost-replies");
    let client = index_of(run.as_ref(), "client");
    let mut waits = 0;
    let mut drained = false;
    for step in 0..200 {
        run.advance_to(millis(10 * step));
        let snapshot = run.snapshot();
        let node = &snapshot.nodes[client];
        if let Some(countdown) = node.countdown {
            waits += 1;
            assert_eq!(countdown.waiting, Waiting::Reply);
            let left = countdown.left(snapshot.time);
            assert!((0.0..=1.0).contains(&left), "{left}");
            drained |= left < 0.9;
        }
        assert!(
            snapshot.nodes[index_of(run.as_ref(), "server")].countdown.is_none(),
            "a server waits for nobody"
        );
    }
    assert!(
        waits > 0 && drained,
        "the client's wait shows and drains ({waits} frames)"
    );
    assert!(waits < 200, "and ends when the reply comes");
}

#[test]
fn a_wait_that_runs_out_is_in_the_trace() {
    let mut run = run_of("lost-replies");
    let client = index_of(run.as_ref(), "client");
    let server = index_of(run.as_ref(), "server");
    let (from, to) = (run.snapshot().nodes[server].id, run.snapshot().nodes[client].id);
    let _ = run.intervene(Action::CutLink { from, to });
    run.advance_to(seconds(3));
    let ran_out = run
        .trace()
        .events()
        .filter(|e| matches!(e.kind, TraceKind::TimerFired { node, ran_out: Some(Waiting::Reply), .. } if node == to))
        .count();
    assert!(ran_out >= 1, "with the way back cut, the client's wait runs out");
}

#[test]
fn followers_count_down_to_an_election_and_a_leader_does_not() {
    let mut run = run_of("leader-election");
    run.advance_to(seconds(12));
    let snapshot = run.snapshot();
    let leaders: Vec<_> = snapshot.nodes.iter().filter(|n| n.role.part == Part::Leader).collect();
    assert_eq!(leaders.len(), 1, "one leader by 12 s");
    assert!(leaders[0].countdown.is_none(), "a leader waits for nobody");
    for node in snapshot.nodes.iter().filter(|n| n.role.part != Part::Leader) {
        let countdown = node
            .countdown
            .unwrap_or_else(|| panic!("{} waits to hear from a leader", node.name));
        assert_eq!(countdown.waiting, Waiting::Leader);
    }
}
