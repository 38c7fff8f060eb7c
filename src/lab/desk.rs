//! The scratch space of the handler that is running: what the node API's
//! functions read (who the node is, its clock, the run's randomness, its
//! `state` and `durable` maps) and what they ask for (messages, timers, log
//! lines, applied requests). A node fills it before a handler and empties
//! it after, so between handlers it holds nothing of any node.

use std::collections::BTreeMap;
use std::rc::Rc;

use rhai::{Array, Dynamic, Map};

use crate::sim::rng::SimRng;
use crate::sim::{millis, Duration, Kind, NodeId};

use super::data::Data;
use super::message::LabMessage;

/// The most of each thing one handler may ask for.
const MAX_SENDS: usize = 1_000;
const MAX_TIMERS: usize = 1_000;
const MAX_LOG_LINES: usize = 100;
const MAX_APPLIED: usize = 1_000;
/// The longest timer, in milliseconds: an hour.
const MAX_TIMER_MS: i64 = 3_600_000;

/// Who runs the handler and what it sees.
pub struct Seat {
    pub me: NodeId,
    /// The nodes running the student's code, this one included.
    pub cluster: Rc<[NodeId]>,
    pub node_count: u32,
    pub now_ms: i64,
    /// The sender of the message being handled, if it is a message.
    pub replying_to: Option<NodeId>,
    pub state: Dynamic,
    pub durable: Dynamic,
}

/// What one handler asked for.
#[derive(Default)]
pub struct Asked {
    pub sends: Vec<(NodeId, LabMessage)>,
    pub timers: Vec<(String, Option<Duration>)>,
    pub logs: Vec<String>,
    pub applied: Vec<BTreeMap<String, Data>>,
}

/// The running handler's scratch space.
pub struct Desk {
    seat: Seat,
    /// The run's randomness, lent to the desk while a handler runs.
    pub rng: SimRng,
    asked: Asked,
}

impl Desk {
    pub fn new(rng: SimRng) -> Desk {
        Desk {
            seat: Seat {
                me: NodeId(0),
                cluster: Rc::from(Vec::new()),
                node_count: 0,
                now_ms: 0,
                replying_to: None,
                state: Dynamic::UNIT,
                durable: Dynamic::UNIT,
            },
            rng,
            asked: Asked::default(),
        }
    }

    /// Seat a handler at the desk.
    pub fn begin(&mut self, seat: Seat) {
        self.seat = seat;
        self.asked = Asked::default();
    }

    /// The handler is done: what it asked for, and its `state` and
    /// `durable` maps as it left them.
    pub fn finish(&mut self) -> (Asked, Dynamic, Dynamic) {
        let state = std::mem::take(&mut self.seat.state);
        let durable = std::mem::take(&mut self.seat.durable);
        (std::mem::take(&mut self.asked), state, durable)
    }

    /// The `state` and `durable` variables every handler sees.
    pub fn variable(&self, name: &str) -> Option<Dynamic> {
        match name {
            "state" => Some(self.seat.state.clone()),
            "durable" => Some(self.seat.durable.clone()),
            _ => None,
        }
    }

    pub fn me(&self) -> i64 {
        self.seat.me.0.into()
    }

    pub fn now_ms(&self) -> i64 {
        self.seat.now_ms
    }

    /// The ids of the student's nodes, with or without this one.
    pub fn nodes(&self, with_me: bool) -> Array {
        self.seat
            .cluster
            .iter()
            .filter(|&&node| with_me || node != self.seat.me)
            .map(|node| Dynamic::from_int(node.0.into()))
            .collect()
    }

    pub fn send(&mut self, to: i64, msg: &Map, kinds: &[Kind]) -> Result<(), String> {
        let to = u32::try_from(to)
            .ok()
            .filter(|&n| n < self.seat.node_count)
            .map(NodeId)
            .ok_or_else(|| format!("there is no node {to}"))?;
        self.post(to, msg, kinds)
    }

    pub fn reply(&mut self, msg: &Map, kinds: &[Kind]) -> Result<(), String> {
        let to = self
            .seat
            .replying_to
            .ok_or("reply works only in on_message: there is no message to answer")?;
        self.post(to, msg, kinds)
    }

    fn post(&mut self, to: NodeId, msg: &Map, kinds: &[Kind]) -> Result<(), String> {
        if self.asked.sends.len() >= MAX_SENDS {
            return Err(format!("one handler may send at most {MAX_SENDS} messages"));
        }
        let body = Data::map_from(msg)?;
        if body.get("type").and_then(Data::as_text).is_none() {
            return Err("a message needs a type, as in #{type: \"save\", id: 1}".to_string());
        }
        self.asked.sends.push((to, LabMessage::new(body, kinds)));
        Ok(())
    }

    /// Set (with `ms`) or cancel (without) the timer `name`.
    pub fn set_timer(&mut self, name: &str, ms: Option<i64>) -> Result<(), String> {
        if self.asked.timers.len() >= MAX_TIMERS {
            return Err(format!("one handler may set at most {MAX_TIMERS} timers"));
        }
        let after = match ms {
            Some(ms) if !(0..=MAX_TIMER_MS).contains(&ms) => {
                return Err(format!("a timer runs from 0 to {MAX_TIMER_MS} ms, not {ms}"))
            }
            Some(ms) => Some(millis(ms.unsigned_abs())),
            None => None,
        };
        self.asked.timers.push((name.to_string(), after));
        Ok(())
    }

    /// A number in `0..n`, from the run's seed.
    pub fn random(&mut self, n: i64) -> Result<i64, String> {
        if n <= 0 {
            return Err(format!("random(n) needs n above 0, not {n}"));
        }
        Ok(self.rng.below(n.unsigned_abs()) as i64)
    }

    pub fn log(&mut self, line: String) {
        if self.asked.logs.len() < MAX_LOG_LINES {
            self.asked.logs.push(line);
        }
    }

    pub fn apply(&mut self, request: BTreeMap<String, Data>) -> Result<(), String> {
        if self.asked.applied.len() >= MAX_APPLIED {
            return Err(format!("one handler may apply at most {MAX_APPLIED} requests"));
        }
        self.asked.applied.push(request);
        Ok(())
    }
}
