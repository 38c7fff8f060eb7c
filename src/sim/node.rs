//! What a node is to the engine: an id, a name, a place, a clock, a status,
//! and the behaviour (protocol) it runs.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::clock::Clock;

/// A node's index in the cluster (0-based, dense).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct NodeId(pub u32);

impl NodeId {
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

impl fmt::Display for NodeId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "#{}", self.0)
    }
}

/// Whether a node is running.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Status {
    /// Running and handling messages and timers.
    Up,
    /// Frozen (think of a long garbage-collection pause): messages and timers
    /// wait in its inbox until it resumes. Nothing is lost.
    Paused,
    /// Down: volatile state is gone, arriving messages are dropped, timers
    /// are cancelled. A restart keeps only durable state.
    Crashed,
}

/// A point on a flat map, in whole kilometres, used when latency grows with
/// distance.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Place {
    pub x_km: i32,
    pub y_km: i32,
}

impl Place {
    pub fn new(x_km: i32, y_km: i32) -> Self {
        Place { x_km, y_km }
    }

    /// Straight-line distance in whole kilometres (integer square root, so
    /// it is identical on every platform).
    pub fn distance_km(self, other: Place) -> u64 {
        let dx = i64::from(self.x_km) - i64::from(other.x_km);
        let dy = i64::from(self.y_km) - i64::from(other.y_km);
        ((dx * dx + dy * dy) as u64).isqrt()
    }
}

/// Everything needed to put one node into a new world.
#[derive(Clone, Debug)]
pub struct NodeSetup<B> {
    pub name: String,
    pub clock: Clock,
    pub place: Place,
    pub behaviour: B,
}

impl<B> NodeSetup<B> {
    pub fn new(name: impl Into<String>, behaviour: B) -> Self {
        NodeSetup {
            name: name.into(),
            clock: Clock::perfect(),
            place: Place::default(),
            behaviour,
        }
    }

    pub fn with_clock(mut self, clock: Clock) -> Self {
        self.clock = clock;
        self
    }

    pub fn at(mut self, place: Place) -> Self {
        self.place = place;
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distance_is_pythagorean_and_symmetric() {
        let a = Place::new(0, 0);
        let b = Place::new(3_000, 4_000);
        assert_eq!(a.distance_km(b), 5_000);
        assert_eq!(b.distance_km(a), 5_000);
        assert_eq!(a.distance_km(a), 0);
    }
}
