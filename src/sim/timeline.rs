//! Time travel. A timeline owns a world, the log of interventions, and
//! checkpoints (clones of the world taken at regular sim times). Seeking to
//! any time restores the nearest earlier checkpoint and replays from there,
//! which gives exactly the world a straight run would have reached, because
//! the engine is deterministic.
//!
//! An intervention at time `t` is applied after every event at `t`, both
//! when it is first made and on every replay.

use super::behaviour::Behaviour;
use super::intervention::{Action, Intervention, InterventionError};
use super::time::{seconds, Duration, SimTime};
use super::world::World;

/// Checkpoints kept before their spacing doubles.
pub const MAX_CHECKPOINTS: usize = 128;

#[derive(Clone, Debug)]
struct Checkpoint<B: Behaviour> {
    world: World<B>,
    /// How many log entries this world has applied.
    applied: usize,
}

/// A world that can be rewound and replayed.
#[derive(Clone, Debug)]
pub struct Timeline<B: Behaviour> {
    current: World<B>,
    applied: usize,
    log: Vec<Intervention>,
    checkpoints: Vec<Checkpoint<B>>,
    spacing: Duration,
}

impl<B: Behaviour> Timeline<B> {
    /// A timeline starting from `world` (at time zero) with interventions
    /// already scheduled, e.g. a scenario's scripted faults or a shared log.
    pub fn new(world: World<B>, mut log: Vec<Intervention>) -> Self {
        log.sort_by_key(|i| i.at);
        Timeline {
            checkpoints: vec![Checkpoint {
                world: world.clone(),
                applied: 0,
            }],
            current: world,
            applied: 0,
            log,
            spacing: seconds(2),
        }
    }

    pub fn world(&self) -> &World<B> {
        &self.current
    }

    pub fn now(&self) -> SimTime {
        self.current.now()
    }

    /// Every intervention, in the order they apply.
    pub fn log(&self) -> &[Intervention] {
        &self.log
    }

    /// Run forward to time `t` (no-op if already past it), applying logged
    /// interventions and taking checkpoints on the way.
    pub fn advance_to(&mut self, t: SimTime) {
        loop {
            let next_intervention = self.log.get(self.applied).map(|i| i.at).filter(|&at| at <= t);
            let next_checkpoint = Some(self.next_checkpoint_time()).filter(|&c| c <= t);
            match (next_intervention, next_checkpoint) {
                (Some(at), None) => self.apply_next_logged(at),
                (Some(at), Some(c)) if at <= c => self.apply_next_logged(at),
                (_, Some(c)) => {
                    self.current.run_until(c);
                    self.checkpoints.push(Checkpoint {
                        world: self.current.clone(),
                        applied: self.applied,
                    });
                    self.thin_checkpoints();
                }
                (None, None) => break,
            }
        }
        self.current.run_until(t);
    }

    fn apply_next_logged(&mut self, at: SimTime) {
        self.current.run_until(at);
        let action = self.log[self.applied].action.clone();
        // A logged action that no longer applies (say, dropping a message
        // that has already arrived) changes nothing, on every replay alike.
        let _ = self.current.apply(&action);
        self.applied += 1;
    }

    /// Process exactly one more event, or apply the next logged
    /// intervention if it comes first (the "step" button).
    pub fn step(&mut self) -> bool {
        let next_event = self.current.next_event_time();
        let next_intervention = self.log.get(self.applied).map(|i| i.at);
        match next_intervention {
            Some(at) if next_event.is_none_or(|event| at < event) => {
                self.advance_to(at);
                true
            }
            _ => self.current.step(),
        }
    }

    /// Jump to time `t`, forwards or backwards.
    pub fn seek(&mut self, t: SimTime) {
        let index = self
            .checkpoints
            .partition_point(|c| c.world.now() <= t)
            .saturating_sub(1);
        let checkpoint = &self.checkpoints[index];
        if t < self.current.now() || checkpoint.world.now() > self.current.now() {
            self.current = checkpoint.world.clone();
            self.applied = checkpoint.applied;
        }
        self.advance_to(t);
    }

    /// Do something now and remember it, so that every replay does it too.
    pub fn intervene(&mut self, action: Action) -> Result<(), InterventionError> {
        let now = self.current.now();
        self.advance_to(now);
        self.current.apply(&action)?;
        self.log.insert(self.applied, Intervention::new(now, action));
        self.applied += 1;
        self.forget_checkpoints_from(now);
        Ok(())
    }

    /// Replace the whole log (a teacher editing scheduled faults) and
    /// replay to the current time.
    pub fn replace_log(&mut self, mut log: Vec<Intervention>) {
        log.sort_by_key(|i| i.at);
        let now = self.current.now();
        let first_change = self
            .log
            .iter()
            .zip(&log)
            .position(|(a, b)| a != b)
            .unwrap_or(self.log.len().min(log.len()));
        let changed_from = [self.log.get(first_change), log.get(first_change)]
            .into_iter()
            .flatten()
            .map(|i| i.at)
            .min();
        self.log = log;
        if let Some(from) = changed_from {
            self.forget_checkpoints_from(from);
            if let Some(restart) = self.checkpoints.last() {
                self.current = restart.world.clone();
                self.applied = restart.applied;
            }
            self.advance_to(now);
        }
    }

    /// Forget checkpoints taken at or after `t`; the first one (the world
    /// before anything happened) always stays.
    fn forget_checkpoints_from(&mut self, t: SimTime) {
        let keep = 1 + self.checkpoints[1..].iter().take_while(|c| c.world.now() < t).count();
        self.checkpoints.truncate(keep);
    }

    fn next_checkpoint_time(&self) -> SimTime {
        let last = self.checkpoints.last().map_or(0, |c| c.world.now());
        last - last % self.spacing + self.spacing
    }

    /// Keep memory bounded on long runs: past the cap, keep every other
    /// checkpoint and space new ones twice as far apart.
    fn thin_checkpoints(&mut self) {
        if self.checkpoints.len() > MAX_CHECKPOINTS {
            let mut index = 0;
            self.checkpoints.retain(|_| {
                index += 1;
                index % 2 == 1
            });
            self.spacing *= 2;
        }
    }
}
