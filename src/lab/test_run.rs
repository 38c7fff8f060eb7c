//! One test run of a lab: the lab's cluster around the student's program,
//! for one seed, run to the lab's end with the lab's faults at their
//! times. It runs in slices (each spends a budget of engine events), and
//! the same run opens on a [`Timeline`] for the student to watch and
//! scrub: both apply the faults the same way, so a failing seed replays
//! exactly as it was graded.

use std::rc::Rc;

use crate::sim::{Intervention, SimTime, Timeline, World};

use super::labs::Lab;
use super::node::LabNode;
use super::program::Program;

/// The most engine events one test run may take. The reference solutions
/// take under 800 (measured over 20 seeds of each lab); code that floods
/// (a timer of 0 ms set again each time it fires, a message answered with
/// two) meets it soon.
pub const EVENTS_PER_RUN: u64 = 200_000;

/// One test run under way.
pub struct TestRun {
    world: World<LabNode>,
    /// The lab's faults, in time order, and how many have been applied.
    faults: Vec<Intervention>,
    applied: usize,
    end: SimTime,
    /// Engine events spent so far.
    spent: u64,
}

/// Where a test run stands after a slice of work.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Progress {
    /// The budget ran out first; more work goes on where it stopped.
    Going,
    /// The run reached the lab's end.
    Over,
    /// The run took [`EVENTS_PER_RUN`] events and was stopped short.
    Flooded,
}

impl TestRun {
    pub fn new(lab: &Lab, program: &Rc<Program>, seed: u64) -> TestRun {
        let setup = (lab.setup)(program);
        let mut faults = setup.faults;
        faults.sort_by_key(|fault| fault.at);
        TestRun {
            world: World::new(seed, &setup.network, setup.nodes),
            faults,
            applied: 0,
            end: lab.duration,
            spent: 0,
        }
    }

    /// Work on, spending at most `budget` engine events (each is taken
    /// off it). A run done in slices is the same run as one done at once.
    pub fn work(&mut self, budget: &mut u64) -> Progress {
        let mut allowed = (*budget).min(EVENTS_PER_RUN - self.spent);
        let before = allowed;
        let over = self.run_on(&mut allowed);
        let used = before - allowed;
        *budget -= used;
        self.spent += used;
        match over {
            true => Progress::Over,
            false if self.spent >= EVENTS_PER_RUN => Progress::Flooded,
            false => Progress::Going,
        }
    }

    fn run_on(&mut self, budget: &mut u64) -> bool {
        while let Some(fault) = self.faults.get(self.applied).filter(|fault| fault.at <= self.end) {
            if !self.world.run_until_within(fault.at, budget) {
                return false;
            }
            // A fault that no longer applies changes nothing, on every
            // replay alike (as on a timeline).
            let _ = self.world.apply(&fault.action);
            self.applied += 1;
        }
        self.world.run_until_within(self.end, budget)
    }

    pub fn world(&self) -> &World<LabNode> {
        &self.world
    }

    pub fn into_world(self) -> World<LabNode> {
        self.world
    }
}

/// The test run for `seed` on a timeline, from its start: the run a
/// student watches, scrubs and shares.
pub fn timeline(lab: &Lab, program: &Rc<Program>, seed: u64) -> Timeline<LabNode> {
    let setup = (lab.setup)(program);
    Timeline::new(World::new(seed, &setup.network, setup.nodes), setup.faults)
}
