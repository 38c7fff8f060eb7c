//! Grading a lab: test runs of the student's program over many seeds, in
//! slices that never hold the page for long, and what they showed: each
//! run's verdict, and for each property how many runs failed it. Any fault
//! in the student's code fails a run first, whatever the lab checks.

use std::ops::Range;
use std::rc::Rc;

use crate::sim::{NodeId, World};

use super::fault::ScriptFault;
use super::labs::{seconds, Lab, Verdict};
use super::node::LabNode;
use super::program::Program;
use super::student::Crash;
use super::test_run::{Progress, TestRun, EVENTS_PER_RUN};

/// The property every run checks first: no handler failed.
pub const CODE_RUNS: &str = "your code runs";

/// One test run of `program` for `seed`, run to its end.
pub fn run(lab: &Lab, program: &Rc<Program>, seed: u64) -> World<LabNode> {
    let mut run = TestRun::new(lab, program, seed);
    run.work(&mut { u64::MAX });
    run.into_world()
}

/// What a finished run shows: the first fault in the student's code, if
/// any, else the lab's property.
pub fn verdict(lab: &Lab, world: &World<LabNode>) -> Verdict {
    let nodes = (0..world.node_count() as u32).map(NodeId);
    let first_fault = nodes
        .filter_map(|id| {
            let node = world.behaviour(id)?.student()?;
            let crash = node.crashes().first()?;
            Some((world.name(id).unwrap_or("?"), crash))
        })
        .min_by_key(|(_, crash)| crash.at_ms);
    match first_fault {
        Some((name, crash)) => Verdict::Failed {
            property: CODE_RUNS,
            explanation: crash_words(name, crash),
        },
        None => (lab.check)(world),
    }
}

/// How a crash reads to the student: "A crashed at 1.2 s: line 4: …".
pub fn crash_words(node: &str, crash: &Crash) -> String {
    format!("{node} crashed at {}: {}", seconds(crash.at_ms), crash.fault)
}

/// The verdict on a run stopped because it took too many events.
fn flooded(world: &World<LabNode>) -> Verdict {
    Verdict::Failed {
        property: CODE_RUNS,
        explanation: format!(
            "by {} the nodes had handled {EVENTS_PER_RUN} events, more than a whole test run may take: \
look for a timer set again to 0 ms each time it fires, or a message answered with more than one",
            seconds(world.now() as i64 / 1_000)
        ),
    }
}

/// How a program fared over many seeds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Grade {
    pub runs: u64,
    /// Each failed run: its seed and its verdict.
    pub failures: Vec<(u64, Verdict)>,
    /// The lab's figure, if it has one, over the runs that reached their
    /// end: what it counts and its mean, rounded down.
    pub measured: Option<(&'static str, u64)>,
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

/// How one property fared: a run counts against the first property it
/// fails. A run whose code crashed checks no other property.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PropertyOutcome {
    pub property: &'static str,
    /// The runs that checked it: all of them for "your code runs", else
    /// those where the code ran without a fault.
    pub checked_runs: u64,
    pub failed_runs: u64,
    /// The first run that failed it: its seed, and why.
    pub first_failure: Option<(u64, String)>,
}

/// Grading under way, or done: test runs of one program over a range of
/// seeds, worked through in slices.
pub struct Grading {
    lab: &'static Lab,
    program: Rc<Program>,
    seeds: Range<u64>,
    /// The next seed to start, and the run under way.
    next: u64,
    current: Option<(u64, TestRun)>,
    failures: Vec<(u64, Verdict)>,
    /// The lab's figure summed over the runs that reached their end, and
    /// how many did.
    measured: (u64, u64),
}

impl Grading {
    /// Compile `source` for `lab`, ready to run it once per seed in `seeds`.
    pub fn new(lab: &'static Lab, source: &str, seeds: Range<u64>) -> Result<Grading, ScriptFault> {
        let program = Program::compile(source, lab.kinds)?;
        Ok(Grading {
            lab,
            program,
            next: seeds.start,
            seeds,
            current: None,
            failures: Vec::new(),
            measured: (0, 0),
        })
    }

    /// Work on, spending at most `budget` engine events; true once every
    /// seed has run. Grading in slices gives the grade grading at once
    /// does.
    pub fn work(&mut self, budget: &mut u64) -> bool {
        loop {
            let (seed, run) = match self.current.as_mut() {
                Some(current) => (current.0, &mut current.1),
                None if self.next >= self.seeds.end => return true,
                None if *budget == 0 => return false,
                None => {
                    let seed = self.next;
                    self.next += 1;
                    let run = TestRun::new(self.lab, &self.program, seed);
                    (seed, &mut self.current.insert((seed, run)).1)
                }
            };
            let verdict = match run.work(budget) {
                Progress::Going => return false,
                Progress::Over => {
                    if let Some(measure) = self.lab.measure {
                        self.measured.0 += (measure.of)(run.world());
                        self.measured.1 += 1;
                    }
                    verdict(self.lab, run.world())
                }
                Progress::Flooded => flooded(run.world()),
            };
            if !verdict.passed() {
                self.failures.push((seed, verdict));
            }
            self.current = None;
        }
    }

    /// Runs finished, out of all to run.
    pub fn progress(&self) -> (u64, u64) {
        let total = self.seeds.end.saturating_sub(self.seeds.start);
        let done = self.next.saturating_sub(self.seeds.start) - u64::from(self.current.is_some());
        (done, total)
    }

    /// The program under test, to open a run of it.
    pub fn program(&self) -> &Rc<Program> {
        &self.program
    }

    /// The grade of the runs finished so far.
    pub fn grade(&self) -> Grade {
        Grade {
            runs: self.progress().0,
            failures: self.failures.clone(),
            measured: self
                .lab
                .measure
                .zip(self.measured.0.checked_div(self.measured.1))
                .map(|(m, mean)| (m.name, mean)),
        }
    }

    /// Each property, "your code runs" first, with the runs that failed it
    /// so far.
    pub fn outcomes(&self) -> Vec<PropertyOutcome> {
        let runs = self.progress().0;
        let crashed = self
            .failures
            .iter()
            .filter(|(_, verdict)| matches!(verdict, Verdict::Failed { property, .. } if *property == CODE_RUNS))
            .count() as u64;
        let checked = |property: &str| if property == CODE_RUNS { runs } else { runs - crashed };
        let mut outcomes: Vec<PropertyOutcome> = std::iter::once(CODE_RUNS)
            .chain(self.lab.properties.iter().copied())
            .map(|property| PropertyOutcome {
                property,
                checked_runs: checked(property),
                failed_runs: 0,
                first_failure: None,
            })
            .collect();
        for (seed, verdict) in &self.failures {
            let Verdict::Failed { property, explanation } = verdict else {
                continue;
            };
            let at = match outcomes.iter().position(|outcome| outcome.property == *property) {
                Some(at) => at,
                None => {
                    outcomes.push(PropertyOutcome {
                        property,
                        checked_runs: checked(property),
                        failed_runs: 0,
                        first_failure: None,
                    });
                    outcomes.len() - 1
                }
            };
            let outcome = &mut outcomes[at];
            outcome.failed_runs += 1;
            outcome
                .first_failure
                .get_or_insert_with(|| (*seed, explanation.clone()));
        }
        outcomes
    }
}

/// Compile `source` and run it once per seed in `seeds`, all at once.
pub fn grade(lab: &'static Lab, source: &str, seeds: Range<u64>) -> Result<Grade, ScriptFault> {
    let mut grading = Grading::new(lab, source, seeds)?;
    grading.work(&mut { u64::MAX });
    Ok(grading.grade())
}
