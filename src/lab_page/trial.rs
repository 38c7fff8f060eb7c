//! One run of the student's code, as "Run once" and a failing seed open
//! it: the lab's cluster around the compiled program for one seed, as an
//! ordinary run the picture plays, steps, scrubs and seeks (the lab's
//! faults replay at their times); and the faults the student's code has
//! hit in it so far, for the editor's marks and the note over the picture.

use std::rc::Rc;

use crate::lab::labs::seconds;
use crate::lab::{timeline, Lab, LabNode, Program};
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

/// A fault the student's code hit: which node, when, and what.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NodeFault {
    pub node: String,
    pub at_ms: i64,
    pub mark: Mark,
}

impl NodeFault {
    /// "A crashed at 1.2 s: line 4: …".
    pub fn words(&self) -> String {
        let what = match self.mark.line {
            Some(line) => format!("line {line}: {}", self.mark.message),
            None => self.mark.message.clone(),
        };
        format!("{} crashed at {}: {what}", self.node, seconds(self.at_ms))
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
                at_ms: crash.at_ms,
                mark: Mark {
                    line: crash.fault.line,
                    message: crash.fault.message.clone(),
                },
            })
        })
        .collect();
    found.sort_by_key(|fault| fault.at_ms);
    found
}

/// The marks for the editor: each fault's line and message once.
pub fn marks_of(faults: &[NodeFault]) -> Vec<Mark> {
    let mut marks: Vec<Mark> = Vec::new();
    for fault in faults {
        if !marks.contains(&fault.mark) {
            marks.push(fault.mark.clone());
        }
    }
    marks
}

#[cfg(test)]
mod tests {
    use super::{Mark, NodeFault};

    fn fault(line: Option<usize>, message: &str) -> NodeFault {
        NodeFault {
            node: "A".to_string(),
            at_ms: 1_200,
            mark: Mark {
                line,
                message: message.to_string(),
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
