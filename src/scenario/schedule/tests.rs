//! What a teacher sees when scheduling, moving and deleting faults.

use super::*;
use crate::protocols::election;
use crate::scenario::ClusterSpec;
use crate::sim::{millis, seconds};

fn five_servers() -> Scenario {
    Scenario::new(
        ClusterSpec::Election(election::Election {
            nodes: 5,
            timeout_ms: 300,
        }),
        7,
    )
}

fn times(scenario: &Scenario) -> Vec<SimTime> {
    scenario.interventions.iter().map(|i| i.at).collect()
}

#[test]
fn faults_added_out_of_order_are_listed_by_time() {
    let mut scenario = five_servers();
    assert_eq!(scenario.schedule_fault(seconds(5), Fault::Crash(NodeId(1))), Ok(0));
    assert_eq!(scenario.schedule_fault(seconds(2), Fault::Pause(NodeId(2))), Ok(0));
    assert_eq!(scenario.schedule_fault(seconds(9), Fault::HealAll), Ok(2));
    assert_eq!(times(&scenario), vec![seconds(2), seconds(5), seconds(9)]);
    assert_eq!(scenario.validate(), Ok(()));
}

#[test]
fn a_fault_at_the_same_moment_goes_after_the_ones_already_there() {
    let mut scenario = five_servers();
    scenario
        .schedule_fault(seconds(3), Fault::Crash(NodeId(0)))
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(scenario.schedule_fault(seconds(3), Fault::Restart(NodeId(0))), Ok(1));
    let actions: Vec<&Action> = scenario.interventions.iter().map(|i| &i.action).collect();
    assert_eq!(actions, vec![&Action::Crash(NodeId(0)), &Action::Restart(NodeId(0))]);
}

#[test]
fn cutting_a_link_cuts_it_both_ways() {
    let mut scenario = five_servers();
    assert_eq!(
        scenario.schedule_fault(seconds(1), Fault::CutLink(NodeId(0), NodeId(3))),
        Ok(0)
    );
    let actions: Vec<&Action> = scenario.interventions.iter().map(|i| &i.action).collect();
    assert_eq!(
        actions,
        vec![
            &Action::CutLink {
                from: NodeId(0),
                to: NodeId(3)
            },
            &Action::CutLink {
                from: NodeId(3),
                to: NodeId(0)
            },
        ]
    );
}

#[test]
fn a_fault_on_a_node_the_cluster_lacks_is_refused() {
    let mut scenario = five_servers();
    assert_eq!(
        scenario.schedule_fault(seconds(1), Fault::Crash(NodeId(5))),
        Err(ScheduleError::NoSuchNode {
            node: NodeId(5),
            nodes: 5
        })
    );
    assert!(scenario.interventions.is_empty());
}

#[test]
fn a_fault_beyond_the_last_moment_is_refused() {
    let mut scenario = five_servers();
    let late = MAX_TIME + 1;
    assert_eq!(
        scenario.schedule_fault(late, Fault::HealAll),
        Err(ScheduleError::TooLate {
            at: late,
            limit: MAX_TIME
        })
    );
    assert_eq!(scenario.schedule_fault(MAX_TIME, Fault::HealAll), Ok(0));
}

#[test]
fn a_link_from_a_node_to_itself_is_refused() {
    let mut scenario = five_servers();
    assert_eq!(
        scenario.schedule_fault(seconds(1), Fault::HealLink(NodeId(2), NodeId(2))),
        Err(ScheduleError::SameNode { node: NodeId(2) })
    );
}

#[test]
fn a_split_needs_nodes_on_both_sides() {
    let mut scenario = five_servers();
    let everyone: Vec<NodeId> = (0..5).map(NodeId).collect();
    assert_eq!(
        scenario.schedule_fault(seconds(1), Fault::Partition(everyone)),
        Err(ScheduleError::OneSided)
    );
    assert_eq!(
        scenario.schedule_fault(seconds(1), Fault::Partition(vec![])),
        Err(ScheduleError::OneSided)
    );
    let twice = vec![NodeId(4), NodeId(0), NodeId(4)];
    assert_eq!(scenario.schedule_fault(seconds(1), Fault::Partition(twice)), Ok(0));
    assert_eq!(
        scenario.interventions[0].action,
        Action::Partition(vec![vec![NodeId(0), NodeId(4)]])
    );
}

#[test]
fn a_full_schedule_takes_no_more() {
    let mut scenario = five_servers();
    scenario.interventions = vec![Intervention::new(0, Action::HealAll); MAX_INTERVENTIONS - 1];
    assert_eq!(
        scenario.schedule_fault(seconds(1), Fault::CutLink(NodeId(0), NodeId(1))),
        Err(ScheduleError::Full {
            limit: MAX_INTERVENTIONS
        })
    );
    assert_eq!(
        scenario.schedule_fault(seconds(1), Fault::HealAll),
        Ok(MAX_INTERVENTIONS - 1)
    );
}

#[test]
fn moving_a_fault_later_puts_it_in_its_new_place() {
    let mut scenario = five_servers();
    for (at, node) in [(1, 0), (2, 1), (3, 2)] {
        scenario
            .schedule_fault(seconds(at), Fault::Crash(NodeId(node)))
            .unwrap_or_else(|e| panic!("{e}"));
    }
    assert_eq!(scenario.move_fault(0, millis(2_500)), Ok(1));
    assert_eq!(times(&scenario), vec![seconds(2), millis(2_500), seconds(3)]);
    assert_eq!(scenario.interventions[1].action, Action::Crash(NodeId(0)));
}

#[test]
fn moving_to_an_impossible_time_changes_nothing() {
    let mut scenario = five_servers();
    scenario
        .schedule_fault(seconds(1), Fault::HealAll)
        .unwrap_or_else(|e| panic!("{e}"));
    let before = scenario.clone();
    assert_eq!(
        scenario.move_fault(0, MAX_TIME + 1),
        Err(ScheduleError::TooLate {
            at: MAX_TIME + 1,
            limit: MAX_TIME
        })
    );
    assert_eq!(
        scenario.move_fault(3, seconds(2)),
        Err(ScheduleError::NoSuchFault { index: 3, count: 1 })
    );
    assert_eq!(scenario, before);
}

#[test]
fn deleting_a_fault_removes_only_that_one() {
    let mut scenario = five_servers();
    scenario
        .schedule_fault(seconds(1), Fault::Crash(NodeId(0)))
        .unwrap_or_else(|e| panic!("{e}"));
    scenario
        .schedule_fault(seconds(2), Fault::Restart(NodeId(0)))
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        scenario.remove_fault(0),
        Ok(Intervention::new(seconds(1), Action::Crash(NodeId(0))))
    );
    assert_eq!(times(&scenario), vec![seconds(2)]);
    assert_eq!(
        scenario.remove_fault(1),
        Err(ScheduleError::NoSuchFault { index: 1, count: 1 })
    );
}

#[test]
fn a_scheduled_crash_happens_at_its_time_in_the_run() {
    let mut scenario = five_servers();
    scenario
        .schedule_fault(seconds(2), Fault::Crash(NodeId(1)))
        .unwrap_or_else(|e| panic!("{e}"));
    let mut run = scenario.build().unwrap_or_else(|e| panic!("{e}"));
    run.advance_to(millis(1_999));
    assert_eq!(run.snapshot().nodes[1].status, crate::sim::Status::Up);
    run.advance_to(seconds(2));
    assert_eq!(run.snapshot().nodes[1].status, crate::sim::Status::Crashed);
}

#[test]
fn errors_read_as_sentences() {
    let said = ScheduleError::NoSuchNode {
        node: NodeId(7),
        nodes: 5,
    }
    .to_string();
    assert!(said.contains("the cluster has 5 nodes"), "{said}");
    let said = ScheduleError::TooLate {
        at: MAX_TIME + 1,
        limit: MAX_TIME,
    }
    .to_string();
    assert!(said.contains("24 hours"), "{said}");
}
