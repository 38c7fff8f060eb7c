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
    /// The same fault with a line: where the engine keeps none (a handler
    /// that used up its budget), the line of the handler it names in
    /// `source`, the code it ran.
    pub fn placed_in(mut self, source: &str) -> NodeFault {
        if self.mark.line.is_none() {
            self.mark.line = HANDLERS
                .into_iter()
                .find(|name| self.mark.message.starts_with(&format!("{name} ")))
                .and_then(|name| handler_line(source, name));
        }
        self
    }

    /// "A crashed at 1.2 s: line 4: …".
    pub fn words(&self) -> String {
        let what = match self.mark.line {
            Some(line) => format!("line {line}: {}", self.mark.message),
            None => self.mark.message.clone(),
        };
        format!("{} crashed at {}: {what}", self.node, seconds(self.at_ms))
    }
}

/// The handlers a student's code may define, as a fault names them.
const HANDLERS: [&str; 3] = ["on_start", "on_message", "on_timer"];

/// The line (from 1) where `source` defines the handler `name`.
fn handler_line(source: &str, name: &str) -> Option<usize> {
    let definition = format!("fn {name}");
    source
        .lines()
        .position(|line| {
            line.trim_start()
                .strip_prefix(&definition)
                .is_some_and(|rest| rest.trim_start().starts_with('('))
        })
        .map(|index| index + 1)
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
    fn a_fault_without_a_line_is_placed_at_the_handler_it_names() {
        let source = "// A server.\nfn on_start() {}\n\n  fn on_message (from, msg) {\n    loop {}\n}\n";
        let endless = fault(
            None,
            "on_message used up its budget of 100000 operations (an endless loop?)",
        );
        let placed = endless.placed_in(source);
        assert_eq!(placed.mark.line, Some(4));
        assert_eq!(
            placed.words(),
            "A crashed at 1.2 s: line 4: on_message used up its budget of 100000 operations (an endless loop?)"
        );
    }

    #[test]
    fn a_fault_keeps_the_line_the_engine_gave() {
        let placed = fault(Some(7), "on_timer: no such variable").placed_in("fn on_timer(name) {}\n");
        assert_eq!(placed.mark.line, Some(7));
        let elsewhere = fault(None, "state holds something that is not plain data").placed_in("fn on_start() {}\n");
        assert_eq!(elsewhere.mark.line, None);
    }
}
