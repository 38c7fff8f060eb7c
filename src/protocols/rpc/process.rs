//! A lone process: one program on one computer doing its jobs with no
//! network at all. Every so often it takes on a job, works on it for a
//! while and records the result in a counter on its own disk. It either runs
//! or, crashed, does nothing: there is no partial failure to reason about.

use crate::sim::{millis, Context, Duration, Fact, Observation, TimerTag, Value};

use super::message::{Op, RpcMsg};

/// The timer that starts the next job.
pub const NEXT_JOB: TimerTag = 0;

/// How a lone process works.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ProcessConfig {
    /// Time between jobs.
    pub every: Duration,
    /// Local time each job takes.
    pub work: Duration,
    /// What each job does to the counter.
    pub op: Op,
}

impl Default for ProcessConfig {
    /// A job every half second, 20 ms each, adding 1.
    fn default() -> Self {
        ProcessConfig {
            every: millis(500),
            work: millis(20),
            op: Op::Add(1),
        }
    }
}

/// One lone process. Its counter and job count are durable (on its disk);
/// the jobs done since it last started are not.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Process {
    pub config: ProcessConfig,
    counter: i64,
    jobs_done: u64,
    since_start: u64,
}

impl Process {
    pub fn new(config: ProcessConfig) -> Self {
        Process {
            config,
            ..Process::default()
        }
    }

    /// The counter its jobs add to.
    pub fn counter(&self) -> i64 {
        self.counter
    }

    pub fn jobs_done(&self) -> u64 {
        self.jobs_done
    }

    /// Jobs done since it last started: a crash forgets them.
    pub fn since_start(&self) -> u64 {
        self.since_start
    }

    pub(super) fn on_start(&mut self, ctx: &mut Context<'_, RpcMsg>) {
        ctx.set_timer(NEXT_JOB, self.config.every);
    }

    pub(super) fn on_timer(&mut self, ctx: &mut Context<'_, RpcMsg>) {
        ctx.observe(Observation::RequestStarted);
        ctx.work(self.config.work);
        if let Op::Add(amount) = self.config.op {
            self.counter = self.counter.saturating_add(amount);
        }
        self.jobs_done += 1;
        self.since_start += 1;
        ctx.observe(Observation::RequestSucceeded {
            latency: self.config.work,
        });
        ctx.set_timer(NEXT_JOB, self.config.every);
    }

    pub(super) fn forget_volatile(&mut self) {
        self.since_start = 0;
    }

    pub(super) fn describe(&self) -> Vec<Fact> {
        vec![
            Fact::new("job", Value::words(self.config.op.to_string())),
            Fact::new("counter", Value::number(self.counter)),
            Fact::new("jobs done", Value::number(self.jobs_done)),
            Fact::in_memory("jobs since it started", Value::number(self.since_start)),
        ]
    }
}
