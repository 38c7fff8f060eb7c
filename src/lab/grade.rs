//! Running a lab: one test run of the student's program for a seed (the
//! lab's cluster, run for the lab's time with its faults), its verdict,
//! and a grade over many seeds. Any fault in the student's code fails a
//! run first, whatever the lab checks.

use std::ops::Range;
use std::rc::Rc;

use crate::sim::{NodeId, World};

use super::fault::ScriptFault;
use super::labs::{seconds, Lab, Verdict};
use super::node::LabNode;
use super::program::Program;

/// The property every run checks first: no handler failed.
pub const CODE_RUNS: &str = "your code runs";

/// One test run of `program` for `seed`, run to its end.
pub fn run(lab: &Lab, program: &Rc<Program>, seed: u64) -> World<LabNode> {
    let setup = (lab.setup)(program);
    let mut world = World::new(seed, &setup.network, setup.nodes);
    for fault in &setup.faults {
        world.run_until(fault.at);
        // A lab's own schedule names only its own nodes.
        let _ = world.apply(&fault.action);
    }
    world.run_until(lab.duration);
    world
}

/// What a finished run shows: the first fault in the student's code, if
/// any, else the lab's property.
pub fn verdict(lab: &Lab, world: &World<LabNode>) -> Verdict {
    let nodes = (0..world.node_count() as u32).map(NodeId);
    let first_fault = nodes
        .filter_map(|id| {
            let node = world.behaviour(id)?.student()?;
            let crash = node.crashes().first()?;
            Some((crash.at_ms, world.name(id).unwrap_or("?").to_string(), crash))
        })
        .min_by_key(|(at_ms, ..)| *at_ms);
    match first_fault {
        Some((at_ms, name, crash)) => Verdict::Failed {
            property: CODE_RUNS,
            explanation: format!("{name} crashed at {}: {}", seconds(at_ms), crash.fault),
        },
        None => (lab.check)(world),
    }
}

/// How a program fared over many seeds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Grade {
    pub runs: u64,
    /// Each failed run: its seed and its verdict.
    pub failures: Vec<(u64, Verdict)>,
}

impl Grade {
    pub fn passed(&self) -> bool {
        self.failures.is_empty()
    }

    /// The first failed run, to open and replay.
    pub fn first_failure(&self) -> Option<&(u64, Verdict)> {
        self.failures.first()
    }
}

/// Compile `source` and run it once per seed in `seeds`.
pub fn grade(lab: &Lab, source: &str, seeds: Range<u64>) -> Result<Grade, ScriptFault> {
    let program = Program::compile(source, lab.kinds)?;
    let runs = seeds.end.saturating_sub(seeds.start);
    let failures = seeds
        .map(|seed| (seed, verdict(lab, &run(lab, &program, seed))))
        .filter(|(_, verdict)| !verdict.passed())
        .collect();
    Ok(Grade { runs, failures })
}
