//! One run of the student's code, as "Run once" and a failing seed open
//! it: the lab's cluster around the compiled program for one seed, as an
//! ordinary run the picture plays, steps, scrubs and seeks (the lab's
//! faults replay at their times); and the faults the student's code has
//! hit in it so far, for the editor's marks and the note over the picture.

use std::rc::Rc;

use crate::lab::grade::crash_words;
use crate::lab::{timeline, Crash, Lab, LabNode, Program};
use crate::sim::{world_of, NetworkConfig, NodeId, Run, Timeline, World};

use super::editor::Mark;

/// The lab's run of `program` for `seed`, from its start: the very run
/// the grader ran for that seed.
pub fn lab_run(lab: &'static Lab, program: &Rc<Program>, seed: u64) -> Box<dyn Run> {
    Box::new(timeline(lab, program, seed))
}

/// A run with no nodes: what the picture holds before the code compiles.
pub fn empty_run() -> Box<dyn Run> {
    Box::new(Timeline::new(
        World::<LabNode>::new(0, &NetworkConfig::default(), Vec::new()),
        Vec::new(),
    ))
}

/// A fault the student's code hit: which node, and its crash.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NodeFault {
    pub node: String,
    pub crash: Crash,
}

impl NodeFault {
    /// "A crashed at 1.2 s: line 4: …", as a failed test says it.
    pub fn words(&self) -> String {
        crash_words(&self.node, &self.crash)
    }

    /// Its mark in the editor.
    pub fn mark(&self) -> Mark {
        Mark::from(self.crash.fault.clone())
    }
}

/// Every fault the student's nodes have hit in `run` so far, earliest
/// first.
pub fn faults(run: &dyn Run) -> Vec<NodeFault> {
    let Some(world) = world_of::<LabNode>(run) else {
        return Vec::new();
    };
    let mut found: Vec<NodeFault> = (0..world.node_count() as u32)
        .map(NodeId)
        .filter_map(|id| Some((world.name(id)?, world.behaviour(id)?.student()?)))
        .flat_map(|(name, node)| {
            node.crashes().iter().map(move |crash| NodeFault {
                node: name.to_string(),
                crash: crash.clone(),
            })
        })
        .collect();
    found.sort_by_key(|fault| fault.crash.at_ms);
    found
}

/// The marks for the editor: each fault's line and message once.
pub fn marks_of(faults: &[NodeFault]) -> Vec<Mark> {
    let mut marks: Vec<Mark> = Vec::new();
    for mark in faults.iter().map(NodeFault::mark) {
        if !marks.contains(&mark) {
            marks.push(mark);
        }
    }
    marks
}

#[cfg(test)]
mod tests {
    use super::NodeFault;
    use crate::lab::{Crash, ScriptFault};

    fn fault(line: Option<usize>, message: &str) -> NodeFault {
        NodeFault {
            node: "A".to_string(),
            crash: Crash {
                at_ms: 1_200,
                fault: ScriptFault {
                    line,
                    message: message.to_string(),
                    out_of_budget: false,
                },
            },
        }
    }

    #[test]
    fn a_fault_is_told_with_its_node_time_and_line() {
        assert_eq!(
            fault(
                Some(4),
                "on_message used up its budget of 100000 operations (an endless loop?)"
            )
            .words(),
            "A crashed at 1.2 s: line 4: on_message used up its budget of 100000 operations (an endless loop?)"
        );
        assert_eq!(
            fault(None, "state holds something that is not plain data").words(),
            "A crashed at 1.2 s: state holds something that is not plain data"
        );
    }
}
