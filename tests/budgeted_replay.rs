//! Running and seeking in slices, as the browser does to stay responsive,
//! gives exactly the run a straight replay gives: the same events, the same
//! digest, whatever the slices. A seek under way leaves the run on show
//! untouched until it arrives, and cancelling it leaves the run as it was.
#![cfg(not(target_arch = "wasm32"))]

use many_nodes::protocols::election;
use many_nodes::scenario::{ClusterSpec, Scenario};
use many_nodes::sim::{millis, seconds, Action, Intervention, NodeId, Run, SimTime};

/// A busy cluster with faults in its log: a leader election whose leader
/// crashes and comes back, over a lossy network.
fn busy(seed: u64) -> Scenario {
    let mut scenario = Scenario::new(
        ClusterSpec::Election(election::Election {
            nodes: 7,
            timeout_ms: 150,
        }),
        seed,
    );
    scenario.interventions = vec![
        Intervention::new(millis(1_500), Action::Crash(NodeId(2))),
        Intervention::new(millis(4_200), Action::Restart(NodeId(2))),
        Intervention::new(
            millis(6_000),
            Action::CutLink {
                from: NodeId(0),
                to: NodeId(1),
            },
        ),
    ];
    scenario
}

fn built(scenario: &Scenario) -> Box<dyn Run> {
    scenario.build().unwrap_or_else(|problem| panic!("{problem}"))
}

/// The digest and event count of a straight run to `t`.
fn straight(scenario: &Scenario, t: SimTime) -> (String, u64) {
    let mut run = built(scenario);
    run.advance_to(t);
    (run.digest().hex(), run.events_processed())
}

/// Budgets that vary from slice to slice, from 1 to 97 events.
fn budgets(seed: u64) -> impl Iterator<Item = u64> {
    (0u64..).map(move |i| 1 + (seed.wrapping_mul(31).wrapping_add(i * i * 7)) % 97)
}

#[test]
fn advancing_in_slices_is_the_same_run() {
    for seed in [1, 2, 3] {
        let scenario = busy(seed);
        let target = seconds(8);
        let mut run = built(&scenario);
        let mut slices = 0;
        for budget in budgets(seed) {
            let mut left = budget;
            let arrived = run.advance_within(target, &mut left);
            assert!(left <= budget);
            slices += 1;
            if arrived {
                break;
            }
            assert_eq!(left, 0, "a slice that stops short used its whole budget");
            assert!(run.now() <= target);
        }
        assert!(slices > 10, "the run was cut into many slices ({slices})");
        assert_eq!(run.now(), target);
        assert_eq!(
            (run.digest().hex(), run.events_processed()),
            straight(&scenario, target)
        );
    }
}

#[test]
fn a_sliced_seek_shows_the_old_run_until_it_arrives() {
    let scenario = busy(9);
    let mut run = built(&scenario);
    run.advance_to(seconds(9));
    let shown = (run.now(), run.digest().hex());
    let back = seconds(5) + millis(123);
    let mut slices = 0;
    for budget in budgets(9) {
        let mut left = budget;
        if run.seek_within(back, &mut left) {
            break;
        }
        slices += 1;
        assert_eq!((run.now(), run.digest().hex()), shown, "the run on show has not moved");
        let progress = run.seek_progress().unwrap_or_else(|| panic!("a seek is under way"));
        assert!(progress.at <= back && progress.fraction() <= 1.0);
    }
    assert!(slices > 3, "the seek took several slices ({slices})");
    assert_eq!(run.seek_progress(), None);
    assert_eq!(run.now(), back);
    assert_eq!(run.digest().hex(), straight(&scenario, back).0);
}

#[test]
fn a_cancelled_seek_leaves_the_run_as_it_was() {
    let scenario = busy(4);
    let mut run = built(&scenario);
    run.advance_to(seconds(3));
    let shown = (run.now(), run.digest().hex(), run.events_processed());
    let mut left = 50;
    assert!(!run.seek_within(seconds(9), &mut left), "50 events do not reach 9 s");
    run.cancel_seek();
    assert_eq!(run.seek_progress(), None);
    assert_eq!((run.now(), run.digest().hex(), run.events_processed()), shown);
    run.advance_to(seconds(7));
    assert_eq!(run.digest().hex(), straight(&scenario, seconds(7)).0);
}

#[test]
fn a_seek_can_change_its_mind_on_the_way() {
    let scenario = busy(5);
    let mut run = built(&scenario);
    run.advance_to(seconds(2));
    let mut left = 300;
    assert!(!run.seek_within(seconds(9), &mut left));
    // Dragging on: first further, then back before where the replay stands.
    let mut left = 300;
    assert!(!run.seek_within(seconds(10), &mut left));
    assert!(run.seek_within(seconds(1), &mut u64::MAX.to_owned()));
    assert_eq!(run.digest().hex(), straight(&scenario, seconds(1)).0);
    assert!(run.seek_within(seconds(10), &mut u64::MAX.to_owned()));
    assert_eq!(run.digest().hex(), straight(&scenario, seconds(10)).0);
}

#[test]
fn acting_between_slices_replays_the_same() {
    let scenario = busy(6);
    let mut run = built(&scenario);
    let mut left = 2_000;
    assert!(!run.advance_within(seconds(30), &mut left));
    let acted_at = run.now();
    run.intervene(Action::Crash(NodeId(0)))
        .unwrap_or_else(|e| panic!("{e}"));
    // Past the act, wherever the budget left it.
    let end = acted_at + seconds(2);
    run.advance_to(end);
    let first = run.digest().hex();
    run.seek(acted_at / 2);
    run.seek(end);
    assert_eq!(run.digest().hex(), first, "a replay past the act gives the same run");
    let different = {
        let mut other = built(&busy(7));
        other.advance_to(end);
        other.digest().hex()
    };
    assert_ne!(first, different, "another seed gives another run");
}

#[test]
fn a_fault_at_time_zero_shows_as_soon_as_the_run_is_built() {
    let mut scenario = busy(3);
    scenario.interventions = vec![Intervention::new(0, Action::Crash(NodeId(2)))];
    let run = built(&scenario);
    assert_eq!(run.now(), 0);
    let status = |run: &dyn Run| run.snapshot().nodes[2].status;
    assert_eq!(status(run.as_ref()), many_nodes::sim::Status::Crashed);
    let mut played = built(&scenario);
    played.advance_to(seconds(3));
    let mut straight = scenario.build().unwrap_or_else(|e| panic!("{e}"));
    straight.seek(seconds(3));
    assert_eq!(played.digest(), straight.digest(), "building the start changes the run");
}
