//! A node whose program is the student's script. Each handler seats the
//! node at the program's desk, lends it the run's randomness, runs the
//! script's handler and takes back what it asked for. A handler that fails
//! (a run-time error, or running out of its budget) crashes the node, and
//! the fault is kept, typed, for the page and the grader. `state` is lost in
//! a crash; `durable`, the log, the record of applied requests and the
//! faults survive it. A lab that checks how a node got where it is turns
//! on its journal: every step it took, with what it sent and its state.

use std::collections::BTreeMap;
use std::rc::Rc;

use rhai::{Dynamic, Map};

use crate::sim::{Behaviour, Context, Fact, Headline, NodeId, Role, TimerTag, Value};

use super::data::{Data, Entries};
use super::desk::{Asked, Seat};
use super::fault::ScriptFault;
use super::message::LabMessage;
use super::program::Program;

/// Lines of log a node keeps (the oldest go first).
const LOG_KEPT: usize = 200;
/// Different timer names a node may use.
const MAX_TIMER_NAMES: usize = 64;

/// A line the node logged, at its own clock's time.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LogLine {
    pub at_ms: i64,
    pub text: String,
}

/// A request the node applied, at its own clock's time.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Applied {
    pub at_ms: i64,
    pub request: BTreeMap<String, Data>,
}

/// A fault and when (by the node's clock) it crashed the node.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Crash {
    pub at_ms: i64,
    pub fault: ScriptFault,
}

/// One handler that ran to its end, in a journaling node: the message it
/// handled (none for a start or a timer), what it sent, and the `state`
/// it left, at the node's clock's time.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Step {
    pub at_ms: i64,
    pub received: Option<(NodeId, LabMessage)>,
    pub sent: Vec<(NodeId, LabMessage)>,
    pub state: BTreeMap<String, Data>,
}

/// How a lab tells a leader among the student's nodes, so the picture can
/// show it: a node that sent a message of type `beat` in the last
/// `recent_ms` of its clock leads the term that message names in `term`,
/// and shows as `leader`.
#[derive(Clone, Copy, Debug)]
pub struct LeaderSign {
    pub beat: &'static str,
    pub recent_ms: i64,
    pub leader: Role,
}

/// The last beat a node sent: when, by its clock, and for which term.
#[derive(Clone, Copy, Debug)]
struct Beat {
    at_ms: i64,
    term: u64,
}

/// A node running the student's script.
#[derive(Clone, Debug)]
pub struct StudentNode {
    program: Rc<Program>,
    cluster: Rc<[NodeId]>,
    role: Role,
    state: BTreeMap<String, Data>,
    durable: BTreeMap<String, Data>,
    /// Timer names, a timer's tag being its index.
    timer_names: Vec<String>,
    log: Vec<LogLine>,
    applied: Vec<Applied>,
    crashes: Vec<Crash>,
    /// Its steps, when the lab keeps a journal.
    journal: Option<Vec<Step>>,
    /// How the lab tells it leads, if it does.
    sign: Option<LeaderSign>,
    last_beat: Option<Beat>,
    /// When (its clock, ms) its last handler ran to its end.
    last_step_ms: i64,
}

/// Which handler runs, with its arguments.
enum Call {
    Start,
    Message(NodeId, LabMessage),
    Timer(String),
}

impl StudentNode {
    /// A node running `program`, one of the student's `cluster`.
    pub fn new(program: Rc<Program>, cluster: Rc<[NodeId]>, role: Role) -> StudentNode {
        StudentNode {
            program,
            cluster,
            role,
            state: BTreeMap::new(),
            durable: BTreeMap::new(),
            timer_names: Vec::new(),
            log: Vec::new(),
            applied: Vec::new(),
            crashes: Vec::new(),
            journal: None,
            sign: None,
            last_beat: None,
            last_step_ms: 0,
        }
    }

    /// The same node, shown as a leader while `sign` says it leads.
    pub fn leading_by(mut self, sign: LeaderSign) -> StudentNode {
        self.sign = Some(sign);
        self
    }

    /// The term it leads, if the lab tells leaders and it leads now.
    fn leads(&self) -> Option<u64> {
        let sign = self.sign?;
        let beat = self.last_beat?;
        (self.last_step_ms - beat.at_ms <= sign.recent_ms).then_some(beat.term)
    }

    /// The same node, keeping a journal of its steps.
    pub fn journaling(mut self) -> StudentNode {
        self.journal = Some(Vec::new());
        self
    }

    /// Every step it took, if it keeps a journal.
    pub fn journal(&self) -> &[Step] {
        self.journal.as_deref().unwrap_or_default()
    }

    /// Its volatile state, as the script left it.
    pub fn state(&self) -> &BTreeMap<String, Data> {
        &self.state
    }

    /// Its durable state, as the script left it.
    pub fn durable(&self) -> &BTreeMap<String, Data> {
        &self.durable
    }

    /// What it logged, oldest first (at most the last 200 lines).
    pub fn log(&self) -> &[LogLine] {
        &self.log
    }

    /// Every request it applied, in order.
    pub fn applied(&self) -> &[Applied] {
        &self.applied
    }

    /// Every time its code failed and crashed it.
    pub fn crashes(&self) -> &[Crash] {
        &self.crashes
    }

    fn run(&mut self, ctx: &mut Context<'_, LabMessage>, call: Call) {
        let (name, replying_to) = match &call {
            Call::Start => ("on_start", None),
            Call::Message(from, _) => ("on_message", Some(*from)),
            Call::Timer(_) => ("on_timer", None),
        };
        if !self.program.defines(name) {
            return;
        }
        let now_ms = ctx.local_now().div_euclid(1_000);
        let program = Rc::clone(&self.program);
        {
            let mut desk = program.desk().borrow_mut();
            desk.begin(Seat {
                me: ctx.me(),
                cluster: Rc::clone(&self.cluster),
                node_count: ctx.node_count(),
                now_ms,
                replying_to,
                state: Dynamic::from_map(Data::map_to(&self.state)).into_shared(),
                durable: Dynamic::from_map(Data::map_to(&self.durable)).into_shared(),
            });
            std::mem::swap(&mut desk.rng, ctx.rng);
        }
        let mut received = None;
        let result = match call {
            Call::Start => program.call(name, ()),
            Call::Message(from, msg) => {
                let body = Dynamic::from_map(Data::map_to(msg.body()));
                if self.journal.is_some() {
                    received = Some((from, msg));
                }
                program.call(name, (i64::from(from.0), body))
            }
            Call::Timer(timer) => program.call(name, (timer,)),
        };
        let (asked, state, durable) = {
            let mut desk = program.desk().borrow_mut();
            std::mem::swap(&mut desk.rng, ctx.rng);
            desk.finish()
        };
        self.keep_log(now_ms, &asked.logs);
        let sent = match self.journal {
            Some(_) => asked.sends.clone(),
            None => Vec::new(),
        };
        let done = result.and_then(|()| self.take(ctx, now_ms, asked, &state, &durable));
        if done.is_ok() {
            self.last_step_ms = now_ms;
        }
        if let (Ok(()), Some(journal)) = (&done, &mut self.journal) {
            journal.push(Step {
                at_ms: now_ms,
                received,
                sent,
                state: self.state.clone(),
            });
        }
        if let Err(fault) = done {
            self.crashes.push(Crash { at_ms: now_ms, fault });
            ctx.fail();
        }
    }

    fn keep_log(&mut self, at_ms: i64, lines: &[String]) {
        self.log.extend(lines.iter().map(|text| LogLine {
            at_ms,
            text: text.clone(),
        }));
        let extra = self.log.len().saturating_sub(LOG_KEPT);
        self.log.drain(..extra);
    }

    /// Keep what a handler that ran to its end left and asked for.
    fn take(
        &mut self,
        ctx: &mut Context<'_, LabMessage>,
        at_ms: i64,
        asked: Asked,
        state: &Dynamic,
        durable: &Dynamic,
    ) -> Result<(), ScriptFault> {
        let unplain = |what: &str, why: String| ScriptFault {
            line: None,
            message: format!("{what} cannot be kept: {why}"),
            out_of_budget: false,
        };
        let state = plain_map(state).map_err(|why| unplain("state", why))?;
        let durable = plain_map(durable).map_err(|why| unplain("durable", why))?;
        let mut tags = Vec::with_capacity(asked.timers.len());
        for (name, after) in asked.timers {
            tags.push((self.tag_of(&name)?, after));
        }
        self.state = state;
        self.durable = durable;
        for (tag, after) in tags {
            match after {
                Some(after) => ctx.set_timer(tag, after),
                None => ctx.cancel_timer(tag),
            }
        }
        if let Some(sign) = self.sign {
            let terms = asked.sends.iter().filter(|(_, msg)| msg.type_name() == Some(sign.beat));
            if let Some(term) = terms.filter_map(|(_, msg)| msg.field("term")?.as_int()).max() {
                self.last_beat = u64::try_from(term).ok().map(|term| Beat { at_ms, term });
            }
        }
        for (to, msg) in asked.sends {
            ctx.send(to, msg);
        }
        self.applied
            .extend(asked.applied.into_iter().map(|request| Applied { at_ms, request }));
        Ok(())
    }

    fn tag_of(&mut self, name: &str) -> Result<TimerTag, ScriptFault> {
        if let Some(index) = self.timer_names.iter().position(|n| n == name) {
            return Ok(index as TimerTag);
        }
        if self.timer_names.len() >= MAX_TIMER_NAMES {
            return Err(ScriptFault {
                line: None,
                message: format!("a node may use at most {MAX_TIMER_NAMES} timer names"),
                out_of_budget: false,
            });
        }
        self.timer_names.push(name.to_string());
        Ok((self.timer_names.len() - 1) as TimerTag)
    }
}

/// A `state` or `durable` map as a handler left it, as plain data.
fn plain_map(value: &Dynamic) -> Result<BTreeMap<String, Data>, String> {
    let map = value.flatten_clone().try_cast::<Map>().ok_or("it is no longer a map")?;
    Data::map_from(&map)
}

impl Behaviour for StudentNode {
    type Msg = LabMessage;

    fn on_start(&mut self, ctx: &mut Context<'_, LabMessage>) {
        self.run(ctx, Call::Start);
    }

    fn on_message(&mut self, ctx: &mut Context<'_, LabMessage>, from: NodeId, msg: LabMessage) {
        self.run(ctx, Call::Message(from, msg));
    }

    fn on_timer(&mut self, ctx: &mut Context<'_, LabMessage>, tag: TimerTag) {
        if let Some(name) = self.timer_names.get(tag as usize).cloned() {
            self.run(ctx, Call::Timer(name));
        }
    }

    fn on_crash(&mut self) {
        self.state.clear();
        self.last_beat = None;
    }

    fn role(&self) -> Role {
        match (self.sign, self.leads()) {
            (Some(sign), Some(_)) => sign.leader,
            _ => self.role,
        }
    }

    fn headline(&self) -> Option<Headline> {
        self.leads().map(|term| Headline::Term { term, votes: None })
    }

    fn describe(&self) -> Vec<Fact> {
        let mut facts = vec![
            Fact::new("state", Value::words(Entries(&self.state).to_string())),
            Fact::new("durable", Value::words(Entries(&self.durable).to_string())),
        ];
        if let Some(crash) = self.crashes.last() {
            facts.push(Fact::new("last fault", Value::words(crash.fault.to_string())));
        }
        facts
    }
}
