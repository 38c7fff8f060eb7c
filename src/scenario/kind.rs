//! What one kind of cluster says about itself, so that the link format, the
//! checks, the work estimate and the sandbox form all read the same entry:
//! its name, its parameters (each with a label, a range, a unit and a
//! starting value), how many nodes it makes, how busy it keeps the engine,
//! and how to build it. Each protocol family describes its own kinds in its
//! folder; `cluster` lists them in one table.

use crate::sim::{LinkConfig, Run};

use super::estimate::ramped;
use super::limits::{MAX_NODES, MAX_PPM};
use super::Scenario;

/// What the scenario layer asks of a cluster, whatever its kind.
pub trait Cluster {
    /// Its parameters' values, in the order of its kind's fields (switches
    /// as 0 or 1, shares in parts per million).
    fn values(&self) -> Vec<i64>;

    /// How many nodes the built cluster has (ids `0..count`).
    fn node_count(&self) -> u64;

    /// Rules between its parameters, beyond each field's own range: whether
    /// each holds, and what it says when it does not.
    fn rules(&self) -> Vec<(bool, &'static str)> {
        Vec::new()
    }

    /// The link every message takes unless the scenario sets another.
    fn preset_link(&self) -> LinkConfig;

    /// Engine events per second of sim time it makes, on average, with
    /// every link behaving as `link` (see `estimate`).
    fn events_per_second(&self, link: &LinkConfig) -> f64;

    /// Seconds from the start before it settles into its rhythm: until the
    /// first requests, ticks or election timeouts.
    fn warm_up(&self) -> f64 {
        0.1
    }

    /// Seconds after its warm-up when it stops starting new work on its
    /// own, if it does.
    fn stops_after(&self) -> Option<f64> {
        None
    }

    /// Seconds over which the events one request sets off are spread, when
    /// that is long (a client retrying many times keeps at it a while).
    fn spread(&self, _link: &LinkConfig) -> f64 {
        0.0
    }

    /// About how many engine events it processes in its first `busy_for`
    /// seconds after its warm-up, with every link behaving as `link`: by
    /// default its rate, ramped up over its spread and cut off where it
    /// stops. A kind whose work does not come at a steady rate (news that
    /// spreads) counts it its own way.
    fn events_within(&self, link: &LinkConfig, busy_for: f64) -> f64 {
        ramped(
            self.events_per_second(link),
            self.spread(link),
            self.stops_after(),
            busy_for,
        )
    }

    /// Its run at time zero, with the scenario's seed, network and
    /// interventions: `scenario.run_preset(the preset's cluster)`.
    fn build(&self, scenario: &Scenario) -> Box<dyn Run>;
}

/// A kind of cluster: what it is called, which parameters it takes, and
/// how it is made from their values.
pub trait ClusterKind: Cluster + Sized {
    /// What the sandbox calls it.
    const NAME: &'static str;
    /// Its parameters, in the order the form shows them.
    const FIELDS: &'static [Field];
    /// The cluster with these values for its fields.
    fn from_values(values: &Values<'_>) -> Self;
}

/// A kind's parameter values as the table hands them over: one per field,
/// in order, each within its field's range.
pub struct Values<'a>(pub(super) &'a [i64]);

impl Values<'_> {
    /// Parameter `index` as a whole number (0 when it has none).
    pub fn whole(&self, index: usize) -> u32 {
        self.0.get(index).and_then(|&v| u32::try_from(v).ok()).unwrap_or(0)
    }

    /// Parameter `index` as a signed number (0 when it has none).
    pub fn signed(&self, index: usize) -> i32 {
        self.0.get(index).and_then(|&v| i32::try_from(v).ok()).unwrap_or(0)
    }

    /// Whether switch `index` is on.
    pub fn on(&self, index: usize) -> bool {
        self.0.get(index).is_some_and(|&v| v != 0)
    }
}

/// One parameter of a kind: its label, how it is entered, where it starts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Field {
    pub label: &'static str,
    pub input: Input,
    /// Its starting value, in the unit it is stored in.
    pub start: i64,
}

/// How a parameter is entered and stored.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Input {
    /// A whole number from `min` to `max`, in `unit` (may be empty).
    Number { min: i64, max: i64, unit: &'static str },
    /// A switch: 0 off, 1 on.
    Toggle,
    /// A share, stored in parts per million and shown in whole percent.
    Share,
}

/// Parts per million in one percent.
pub const PPM_PER_PERCENT: i64 = 10_000;

impl Field {
    /// The lowest and highest values it stores.
    pub fn range(&self) -> (i64, i64) {
        match self.input {
            Input::Number { min, max, .. } => (min, max),
            Input::Toggle => (0, 1),
            Input::Share => (0, i64::from(MAX_PPM)),
        }
    }

    /// `value` as this field shows it: "150 ms", "30%", "100.0001%", "on".
    pub fn shown(&self, value: i64) -> String {
        match self.input {
            Input::Number { unit: "", .. } => value.to_string(),
            Input::Number { unit, .. } => format!("{value} {unit}"),
            Input::Toggle => if value == 0 { "off" } else { "on" }.to_string(),
            Input::Share => format!("{}%", value as f64 / PPM_PER_PERCENT as f64),
        }
    }
}

/// A whole number from `min` to `max`, in `unit`.
pub const fn number(label: &'static str, min: u32, max: u32, unit: &'static str, start: i64) -> Field {
    Field {
        label,
        input: Input::Number {
            min: min as i64,
            max: max as i64,
            unit,
        },
        start,
    }
}

/// How many of something, from `min` to the most nodes a cluster may have.
pub const fn count(label: &'static str, min: u32, start: i64) -> Field {
    number(label, min, MAX_NODES as u32, "", start)
}

/// A number from `-limit` to `limit`, in `unit`.
pub const fn signed(label: &'static str, limit: i32, unit: &'static str, start: i64) -> Field {
    Field {
        label,
        input: Input::Number {
            min: -(limit as i64),
            max: limit as i64,
            unit,
        },
        start,
    }
}

/// A switch.
pub const fn toggle(label: &'static str, on: bool) -> Field {
    Field {
        label,
        input: Input::Toggle,
        start: on as i64,
    }
}

/// A share, starting at `percent`.
pub const fn share(label: &'static str, percent: i64) -> Field {
    Field {
        label,
        input: Input::Share,
        start: percent * PPM_PER_PERCENT,
    }
}
