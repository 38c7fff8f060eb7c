//! Time travel. A timeline owns a world, the log of interventions, and
//! checkpoints (clones of the world taken at regular sim times). Seeking to
//! any time restores the nearest earlier checkpoint and replays from there,
//! which gives exactly the world a straight run would have reached, because
//! the engine is deterministic.
//!
//! Work is budgeted: [`Timeline::advance_within`] and
//! [`Timeline::seek_within`] spend at most a given number of engine events
//! and say whether they got there, so a caller can spread a long replay
//! over many frames. A seek under way replays a copy of a checkpoint; the
//! world on show stays as it was until the seek arrives, and
//! [`Timeline::cancel_seek`] forgets it.
//!
//! An intervention at time `t` is applied after every event at `t`, both
//! when it is first made and on every replay.

use super::behaviour::Behaviour;
use super::intervention::{Action, Intervention, InterventionError};
use super::time::{seconds, Duration, SimTime};
use super::trace::TraceKind;
use super::world::World;

/// Checkpoints kept before their spacing doubles.
pub const MAX_CHECKPOINTS: usize = 128;

/// A world and how far through the log it is.
#[derive(Clone, Debug)]
struct Cursor<B: Behaviour> {
    world: World<B>,
    /// How many log entries this world has applied.
    applied: usize,
}

/// A seek under way: where it is going and the replay getting there.
#[derive(Clone, Debug)]
struct Seeking<B: Behaviour> {
    target: SimTime,
    /// Where the replay started.
    from: SimTime,
    replay: Cursor<B>,
}

/// How far a seek has come, for a progress bar.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SeekProgress {
    /// Where the replay started (a checkpoint, or the world on show).
    pub from: SimTime,
    /// Where the replay stands now.
    pub at: SimTime,
    /// Where the seek is going.
    pub target: SimTime,
}

impl SeekProgress {
    /// The share of the way done, from 0 to 1.
    pub fn fraction(&self) -> f64 {
        let whole = self.target.saturating_sub(self.from);
        if whole == 0 {
            return 1.0;
        }
        self.at.saturating_sub(self.from) as f64 / whole as f64
    }
}

/// Checkpoints and how far apart new ones are taken.
#[derive(Clone, Debug)]
struct Checkpoints<B: Behaviour> {
    kept: Vec<Cursor<B>>,
    spacing: Duration,
}

/// A world that can be rewound and replayed.
#[derive(Clone, Debug)]
pub struct Timeline<B: Behaviour> {
    current: Cursor<B>,
    seeking: Option<Seeking<B>>,
    log: Vec<Intervention>,
    checkpoints: Checkpoints<B>,
}

impl<B: Behaviour> Timeline<B> {
    /// A timeline starting from `world` (at time zero) with interventions
    /// already scheduled, e.g. a scenario's scripted faults or a shared log.
    pub fn new(world: World<B>, mut log: Vec<Intervention>) -> Self {
        log.sort_by_key(|i| i.at);
        Timeline {
            checkpoints: Checkpoints {
                kept: vec![Cursor {
                    world: world.clone(),
                    applied: 0,
                }],
                spacing: seconds(2),
            },
            current: Cursor { world, applied: 0 },
            seeking: None,
            log,
        }
    }

    pub fn world(&self) -> &World<B> {
        &self.current.world
    }

    /// Which nodes send to which in the first `within` of the run left to
    /// itself (no intervention: a node crashed by the script still shows
    /// the links it uses once restarted), spending at most `budget` engine
    /// events: the links worth drawing. Pairs of node indexes, lower first,
    /// each once, in order.
    pub fn talkers(&self, within: SimTime, budget: u64) -> Vec<(usize, usize)> {
        let mut world = self.checkpoints.kept[0].world.clone();
        world.run_until_within(within, &mut { budget });
        let mut pairs: Vec<(usize, usize)> = world
            .trace()
            .events()
            .filter_map(|e| match e.kind {
                TraceKind::Sent { from, to, .. } if from != to => {
                    Some((from.index().min(to.index()), from.index().max(to.index())))
                }
                _ => None,
            })
            .collect();
        pairs.sort_unstable();
        pairs.dedup();
        pairs
    }

    pub fn now(&self) -> SimTime {
        self.current.world.now()
    }

    /// Every intervention, in the order they apply.
    pub fn log(&self) -> &[Intervention] {
        &self.log
    }

    /// Run forward to time `t` (no-op if already past it), applying logged
    /// interventions and taking checkpoints on the way.
    pub fn advance_to(&mut self, t: SimTime) {
        self.advance_within(t, &mut unlimited());
    }

    /// Like [`Timeline::advance_to`], but spend at most `budget` engine
    /// events (each one is taken off the budget). True when the run stands
    /// at `t`; false when the budget ran out first and the run stands short
    /// of it, ready to go on. Cancels any seek under way.
    pub fn advance_within(&mut self, t: SimTime, budget: &mut u64) -> bool {
        self.seeking = None;
        replay(&mut self.current, &self.log, &mut self.checkpoints, t, budget)
    }

    /// Process exactly one more event, or apply the next logged
    /// intervention if it comes first (the "step" button).
    pub fn step(&mut self) -> bool {
        self.seeking = None;
        let next_event = self.current.world.next_event_time();
        let next_intervention = self.log.get(self.current.applied).map(|i| i.at);
        match next_intervention {
            Some(at) if next_event.is_none_or(|event| at < event) => {
                self.advance_to(at);
                true
            }
            _ => self.current.world.step(),
        }
    }

    /// Jump to time `t`, forwards or backwards.
    pub fn seek(&mut self, t: SimTime) {
        self.seek_within(t, &mut unlimited());
    }

    /// Work towards a seek to `t`, spending at most `budget` engine events.
    /// True when the run stands at `t`. Until then the world on show is the
    /// one from before the seek, and calling again goes on where the last
    /// call stopped (towards the new `t`, if it changed).
    pub fn seek_within(&mut self, t: SimTime, budget: &mut u64) -> bool {
        let mut seeking = self.start_seek(t);
        if replay(&mut seeking.replay, &self.log, &mut self.checkpoints, t, budget) {
            self.current = seeking.replay;
            true
        } else {
            self.seeking = Some(seeking);
            false
        }
    }

    /// Where a seek to `t` replays from: whichever is latest, not past `t`,
    /// of the nearest checkpoint, the world on show and the replay of a
    /// seek already under way.
    fn start_seek(&mut self, t: SimTime) -> Seeking<B> {
        let under_way = self.seeking.take().filter(|s| s.replay.world.now() <= t);
        let kept = &self.checkpoints.kept;
        let checkpoint = &kept[kept.partition_point(|c| c.world.now() <= t).saturating_sub(1)];
        let mut start = checkpoint;
        if self.current.world.now() <= t && self.current.world.now() >= start.world.now() {
            start = &self.current;
        }
        match under_way {
            Some(mut seeking) if seeking.replay.world.now() >= start.world.now() => {
                seeking.target = t;
                seeking
            }
            _ => Seeking {
                target: t,
                from: start.world.now(),
                replay: start.clone(),
            },
        }
    }

    /// How far the seek under way has come, if there is one.
    pub fn seek_progress(&self) -> Option<SeekProgress> {
        self.seeking.as_ref().map(|seeking| SeekProgress {
            from: seeking.from,
            at: seeking.replay.world.now(),
            target: seeking.target,
        })
    }

    /// Forget the seek under way; the world on show is as it was.
    pub fn cancel_seek(&mut self) {
        self.seeking = None;
    }

    /// Do something now and remember it, so that every replay does it too.
    pub fn intervene(&mut self, action: Action) -> Result<(), InterventionError> {
        let now = self.now();
        self.advance_to(now);
        self.current.world.apply(&action)?;
        self.log.insert(self.current.applied, Intervention::new(now, action));
        self.current.applied += 1;
        self.checkpoints.forget_from(now);
        Ok(())
    }
}

/// A budget that never runs out.
fn unlimited() -> u64 {
    u64::MAX
}

/// Run `cursor` forward to `t` within `budget` events, applying logged
/// interventions and taking checkpoints on the way. True once it stands at `t`.
fn replay<B: Behaviour>(
    cursor: &mut Cursor<B>,
    log: &[Intervention],
    checkpoints: &mut Checkpoints<B>,
    t: SimTime,
    budget: &mut u64,
) -> bool {
    loop {
        let next_intervention = log.get(cursor.applied).map(|i| i.at).filter(|&at| at <= t);
        let next_checkpoint = Some(checkpoints.next_time()).filter(|&c| c <= t);
        match (next_intervention, next_checkpoint) {
            (Some(at), None) => {
                if !apply_next_logged(cursor, log, at, budget) {
                    return false;
                }
            }
            (Some(at), Some(c)) if at <= c => {
                if !apply_next_logged(cursor, log, at, budget) {
                    return false;
                }
            }
            (_, Some(c)) => {
                if !cursor.world.run_until_within(c, budget) {
                    return false;
                }
                checkpoints.take(cursor);
            }
            (None, None) => break,
        }
    }
    cursor.world.run_until_within(t, budget)
}

/// Run up to `at`, then apply the next logged intervention; false if the
/// budget ran out before `at`.
fn apply_next_logged<B: Behaviour>(
    cursor: &mut Cursor<B>,
    log: &[Intervention],
    at: SimTime,
    budget: &mut u64,
) -> bool {
    if !cursor.world.run_until_within(at, budget) {
        return false;
    }
    // A logged action that no longer applies (say, dropping a message
    // that has already arrived) changes nothing, on every replay alike.
    let _ = cursor.world.apply(&log[cursor.applied].action);
    cursor.applied += 1;
    true
}

impl<B: Behaviour> Checkpoints<B> {
    /// When the next checkpoint is due.
    fn next_time(&self) -> SimTime {
        let last = self.kept.last().map_or(0, |c| c.world.now());
        last - last % self.spacing + self.spacing
    }

    /// Keep a copy of `cursor`, which stands at [`Checkpoints::next_time`].
    /// Past the cap, keep every other checkpoint and space new ones twice as
    /// far apart, so memory stays bounded on long runs.
    fn take(&mut self, cursor: &Cursor<B>) {
        self.kept.push(cursor.clone());
        if self.kept.len() > MAX_CHECKPOINTS {
            let mut index = 0;
            self.kept.retain(|_| {
                index += 1;
                index % 2 == 1
            });
            self.spacing *= 2;
        }
    }

    /// Forget checkpoints taken at or after `t`; the first one (the world
    /// before anything happened) always stays.
    fn forget_from(&mut self, t: SimTime) {
        let keep = 1 + self.kept[1..].iter().take_while(|c| c.world.now() < t).count();
        self.kept.truncate(keep);
    }
}
