//! A sweep over seeds: the same cluster and schedule run again under many
//! seeds, to see whether what one run showed is the rule or luck. Each run
//! goes to the same horizon, then its history is checked and its lost
//! requests and leaders counted into a typed [`SeedOutcome`].
//!
//! The work goes on in slices, so a page can spread it over frames: each
//! call of [`Sweep::advance`] runs at most the engine events it is given
//! and at most one check (itself capped at [`CHECK_STEPS`] steps). The
//! outcomes depend on the scenario only, never on how the work was sliced.
//! Pure Rust, like the rest of the scenario layer.

use crate::check::{check, Verdict};
use crate::protocols::election::{ElectionNode, LeaderHistory};
use crate::sim::{seconds, world_of, Run, SimTime};

use super::error::ScenarioError;
use super::Scenario;

/// How many seeds a sweep runs unless told otherwise.
pub const SEEDS: u32 = 100;

/// The most steps the checker spends on one run's history.
pub const CHECK_STEPS: u64 = 200_000;

/// The shortest horizon a sweep runs each seed to.
const LEAST_HORIZON: SimTime = seconds(30);

/// How long each run goes on after the last scheduled fault, so its
/// effects have time to show.
const AFTER_LAST_FAULT: SimTime = seconds(10);

/// How long each run of a sweep of `scenario` lasts: 30 s, or until 10 s
/// after its last scheduled intervention, whichever is later.
pub fn horizon_of(scenario: &Scenario) -> SimTime {
    let last = scenario.interventions.iter().map(|i| i.at).max().unwrap_or(0);
    LEAST_HORIZON.max(last.saturating_add(AFTER_LAST_FAULT))
}

/// What the checker said of one run's history.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Consistency {
    /// One order of the operations explains every answer.
    Linearizable,
    /// An answer no order explains; `stale_read` when that answer came
    /// to a read (old data), otherwise to a write or an add.
    Violation { stale_read: bool },
    /// The checker ran out of steps before an answer.
    Undecided,
    /// No client called the store: nothing to check.
    NoOperations,
}

/// What one seed's run came to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SeedOutcome {
    pub seed: u64,
    pub consistency: Consistency,
    /// Requests that failed or timed out.
    pub requests_lost: u64,
    /// The most servers seen leading one term, in a cluster with elections
    /// (more than one breaks election safety).
    pub most_leaders_in_a_term: Option<usize>,
}

impl SeedOutcome {
    /// Whether this run is worth opening: the checker found a violation,
    /// or a term had two leaders.
    pub fn failed(&self) -> bool {
        matches!(self.consistency, Consistency::Violation { .. }) || self.most_leaders_in_a_term.is_some_and(|n| n > 1)
    }
}

/// How far a sweep has come.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Progress {
    pub done: usize,
    pub total: usize,
}

impl Progress {
    /// From 0 to 1.
    pub fn fraction(&self) -> f64 {
        if self.total == 0 {
            1.0
        } else {
            self.done as f64 / self.total as f64
        }
    }

    pub fn finished(&self) -> bool {
        self.done >= self.total
    }
}

/// The run of the seed under way.
struct Current {
    seed: u64,
    run: Box<dyn Run>,
    leaders: Option<LeaderHistory>,
}

/// Many runs of one scenario, one per seed, advanced in slices.
pub struct Sweep {
    scenario: Scenario,
    horizon: SimTime,
    seeds: Vec<u64>,
    outcomes: Vec<SeedOutcome>,
    current: Option<Current>,
    events: u64,
}

impl Sweep {
    /// A sweep of `scenario` over `count` seeds, from the scenario's own
    /// seed upwards, each run lasting until `horizon`. Fails if the
    /// scenario does not validate.
    pub fn new(scenario: &Scenario, horizon: SimTime, count: u32) -> Result<Sweep, ScenarioError> {
        scenario.validate()?;
        let mut scenario = scenario.clone();
        scenario.playhead = 0;
        let seeds = (0..u64::from(count)).map(|i| scenario.seed.wrapping_add(i)).collect();
        Ok(Sweep {
            scenario,
            horizon,
            seeds,
            outcomes: Vec::new(),
            current: None,
            events: 0,
        })
    }

    /// The scenario swept, with its first seed.
    pub fn scenario(&self) -> &Scenario {
        &self.scenario
    }

    /// The scenario under `seed`: the run a failing seed opens as.
    pub fn with_seed(&self, seed: u64) -> Scenario {
        Scenario {
            seed,
            ..self.scenario.clone()
        }
    }

    pub fn horizon(&self) -> SimTime {
        self.horizon
    }

    /// The outcomes of the seeds finished so far, in seed order.
    pub fn outcomes(&self) -> &[SeedOutcome] {
        &self.outcomes
    }

    pub fn progress(&self) -> Progress {
        Progress {
            done: self.outcomes.len(),
            total: self.seeds.len(),
        }
    }

    /// Engine events run by the sweep so far, over every seed.
    pub fn events_run(&self) -> u64 {
        self.events
    }

    /// Work on: run at most `budget` engine events (taking them off
    /// `budget`) and check at most one finished run. Returns how far the
    /// sweep has come.
    pub fn advance(&mut self, budget: &mut u64) -> Progress {
        while let Some(seed) = self.seeds.get(self.outcomes.len()).copied() {
            let mut current = match self.current.take() {
                Some(current) => current,
                None => match self.start(seed) {
                    Some(current) => current,
                    None => {
                        self.outcomes.push(broken(seed));
                        continue;
                    }
                },
            };
            if !self.run_on(&mut current, budget) {
                self.current = Some(current);
                break;
            }
            self.outcomes.push(outcome(current));
            break;
        }
        self.progress()
    }

    fn start(&self, seed: u64) -> Option<Current> {
        let run = self.with_seed(seed).build().ok()?;
        let leaders = world_of::<ElectionNode>(run.as_ref()).map(|_| LeaderHistory::default());
        Some(Current { seed, run, leaders })
    }

    /// Run `current` towards the horizon within `budget`; true once there.
    /// A cluster with elections is run one event at a time, so every
    /// leader is seen, whatever the slices.
    fn run_on(&mut self, current: &mut Current, budget: &mut u64) -> bool {
        let before = current.run.events_processed();
        let arrived = match current.leaders.as_mut() {
            None => current.run.advance_within(self.horizon, budget),
            Some(leaders) => loop {
                if *budget == 0 {
                    break false;
                }
                let mut one = 1;
                let arrived = current.run.advance_within(self.horizon, &mut one);
                *budget -= 1 - one;
                if let Some(world) = world_of::<ElectionNode>(current.run.as_ref()) {
                    leaders.observe(world);
                }
                if arrived {
                    break true;
                }
            },
        };
        self.events += current.run.events_processed() - before;
        arrived
    }
}

/// What a finished run came to.
fn outcome(current: Current) -> SeedOutcome {
    let ops = current.run.history().operations();
    let consistency = if ops.is_empty() {
        Consistency::NoOperations
    } else {
        match check(&ops, CHECK_STEPS) {
            Verdict::Linearizable { .. } => Consistency::Linearizable,
            Verdict::Violation(why) => Consistency::Violation {
                stale_read: ops.get(why.blocked).is_some_and(|op| !op.call.changes()),
            },
            Verdict::Undecided { .. } => Consistency::Undecided,
        }
    };
    let totals = current.run.metrics().totals;
    SeedOutcome {
        seed: current.seed,
        consistency,
        requests_lost: totals.failed + totals.timed_out,
        most_leaders_in_a_term: current.leaders.map(|leaders| {
            leaders
                .terms_with_leaders()
                .map(|(_, who)| who.len())
                .max()
                .unwrap_or(0)
        }),
    }
}

/// A seed whose run would not build (a scenario that validated always
/// builds; this keeps the sweep going if one ever does not).
fn broken(seed: u64) -> SeedOutcome {
    SeedOutcome {
        seed,
        consistency: Consistency::Undecided,
        requests_lost: 0,
        most_leaders_in_a_term: None,
    }
}
