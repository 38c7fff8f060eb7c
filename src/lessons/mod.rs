//! The course as data: ten lessons, each a goal, a few narrated steps and a
//! takeaway. A step may load a scenario, point at a node, set a hands-on
//! task that the simulation itself checks, ask the student to predict what
//! will happen before it does, or show a chart.
//!
//! Pure Rust, like the simulation core: no browser imports. Every check is a
//! plain function of a [`Run`], so the lessons are tested natively (each
//! task is not done at the start and can be done; each prediction's outcome
//! is what the text says it is). The UI only renders these values.

pub mod controls;
pub mod experiments;
pub mod facts;
pub mod focus;
pub mod glossary;
mod l01_one_machine;
mod l02_autonomy;
mod l03_clocks;
mod l04_lost_replies;
mod l05_geography;
mod l06_scaling;
mod l07_replication;
mod l08_partitions;
mod l09_sharding;
mod l10_leaders;
mod observe;
pub mod progress;
mod typed;
pub mod words;

use crate::scenario::Scenario;
use crate::sim::{Run, SimTime};
use focus::Focus;

/// How long a step opened by itself lets the run go on after the last
/// thing an earlier task's example did, so its effect is under way.
const AFTER_AN_EXAMPLE: SimTime = crate::sim::seconds(3);

/// One lesson of the course.
pub struct Lesson {
    /// The lesson's address: `?lesson=<slug>`.
    pub slug: &'static str,
    pub title: &'static str,
    /// One sentence: what the student will be able to see or do afterwards.
    pub goal: &'static str,
    /// From three to eight steps, in order.
    pub steps: &'static [Step],
    /// One line to remember.
    pub takeaway: &'static str,
}

impl Lesson {
    /// The speed step `index` plays at when a student arrives there: the
    /// last one it or an earlier step set.
    pub fn speed_at(&self, index: usize) -> Option<f64> {
        self.steps.get(..=index)?.iter().rev().find_map(|s| s.focus.speed)
    }

    /// The step whose scenario step `index` runs on: itself, or the last
    /// earlier step that loads one (`None` past the last step or before
    /// any).
    pub fn scenario_owner(&self, index: usize) -> Option<usize> {
        self.steps.get(..=index)?.iter().rposition(|s| s.scenario.is_some())
    }

    /// The scenario step `index` runs on: its own, or the last one an
    /// earlier step loaded (`None` past the last step or before any). A
    /// step that carries on an earlier step's run, opened by itself, opens
    /// it as a student would have left it: with the tasks on the way done
    /// (their examples) and its playhead past the questions' moments and
    /// a while after the last thing done.
    pub fn scenario_for(&self, index: usize) -> Option<Scenario> {
        let steps = self.steps.get(..=index)?;
        let owner = self.scenario_owner(index)?;
        let mut scenario = steps[owner].scenario.map(|make| make())?;
        let watched = steps[owner..index]
            .iter()
            .filter_map(|s| s.question.as_ref().map(|q| q.watch_until))
            .max()
            .unwrap_or(0);
        let given = scenario.interventions.len();
        for example in steps[owner..index].iter().filter_map(|s| s.task.as_ref()?.example) {
            example(&mut scenario);
        }
        let acted = scenario.interventions[given..]
            .iter()
            .map(|i| i.at + AFTER_AN_EXAMPLE)
            .max();
        scenario.playhead = acted.map_or(watched, |acted| watched.max(acted));
        Some(scenario)
    }
}

/// One step of a lesson: a short text and, at most, one thing to do
/// (a task or a prediction).
pub struct Step {
    pub title: &'static str,
    /// Paragraphs of plain text.
    pub text: &'static [&'static str],
    /// The scenario this step loads when it opens; `None` keeps the run the
    /// student already has (with everything they did to it).
    pub scenario: Option<fn() -> Scenario>,
    /// A node the step talks about, by name; the canvas rings it.
    pub point_at: Option<&'static str>,
    pub task: Option<Task>,
    pub question: Option<Question>,
    pub chart: Option<Chart>,
    /// What the step draws the student's eye to.
    pub focus: Focus,
}

/// Something the student must make happen on the cluster. The step is done
/// when the engine's state shows it, however the student got there.
pub struct Task {
    /// What to do, as an instruction ("Crash the primary.").
    pub instruction: &'static str,
    /// A nudge for a student who is stuck: which control does it.
    pub hint: &'static str,
    /// Whether the run shows the task done.
    pub done: fn(&dyn Run) -> bool,
    /// Said once the task is done: what the student just caused, read from
    /// the run (so it never claims what did not happen).
    pub praise: fn(&dyn Run) -> String,
    /// What a student doing the task would do, written into the scenario:
    /// a later step that carries on this run, opened by itself, opens on a
    /// run where it was done. `None` where later steps do not need it.
    pub example: Option<fn(&mut Scenario)>,
}

/// Predict, then observe: the step loads its own scenario and holds it
/// paused until the student picks an answer; the run then plays to
/// `watch_until` and [`Question::outcome`] reads which answer really
/// happened. A step with a question always has a scenario.
pub struct Question {
    pub prompt: &'static str,
    pub choices: &'static [&'static str],
    /// The sim time (from the scenario's start) at which the answer is read.
    pub watch_until: SimTime,
    /// Which choice the run shows, read from the run at `watch_until`.
    pub outcome: fn(&dyn Run) -> usize,
    /// Which choice the untouched scenario shows (tests hold the lesson to it).
    pub expected: usize,
    /// Why it happened, one per choice, in terms of what was just seen;
    /// shown for the choice the run shows.
    pub why: &'static [&'static str],
}

/// A chart drawn beside a step, from the run's own metrics or from a formula.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Chart {
    /// Throughput and latency as servers are added behind a load balancer,
    /// for the cluster of the step that shows it; the run's answers below.
    ScalingOut,
    /// What a bigger machine costs against what more machines cost.
    ScalingCost,
    /// One-way delay against distance: the speed-of-light floor, and the
    /// delays measured in the run.
    LatencyByDistance,
    /// The run's availability over time, and what "nines" mean per year.
    Availability,
    /// Requests served and refused after the network splits: the run's,
    /// beside the same store and split set to refuse.
    PartitionChoice,
}

/// The first step of the course that shows `chart`: its lesson and its
/// index there. Charts that run experiments take their cluster from it.
pub fn first_showing(chart: Chart) -> Option<(&'static Lesson, usize)> {
    LESSONS.iter().find_map(|lesson| {
        let index = lesson.steps.iter().position(|s| s.chart == Some(chart))?;
        Some((*lesson, index))
    })
}

/// The course, in order.
pub static LESSONS: [&Lesson; 10] = [
    &l01_one_machine::LESSON,
    &l02_autonomy::LESSON,
    &l03_clocks::LESSON,
    &l04_lost_replies::LESSON,
    &l05_geography::LESSON,
    &l06_scaling::LESSON,
    &l07_replication::LESSON,
    &l08_partitions::LESSON,
    &l09_sharding::LESSON,
    &l10_leaders::LESSON,
];

/// The lesson at `?lesson=<slug>`, with its index in the course.
pub fn by_slug(slug: &str) -> Option<(usize, &'static Lesson)> {
    LESSONS
        .iter()
        .enumerate()
        .find(|(_, l)| l.slug == slug)
        .map(|(i, l)| (i, *l))
}
