//! Vector clocks: one counter per node, carried on every message. Unlike a
//! Lamport clock, comparing two vector clocks tells whether one event
//! happened before the other or whether they are concurrent.

use std::cmp::Ordering;
use std::fmt;

use crate::sim::NodeId;

/// How two events relate causally.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Causality {
    /// The first happened before the second: it could have influenced it.
    Before,
    /// The first happened after the second.
    After,
    /// Neither could have influenced the other.
    Concurrent,
    /// The same moment in the same node's history.
    Same,
}

impl Causality {
    /// Plain words for the inspector.
    pub fn describe(self) -> &'static str {
        match self {
            Causality::Before => "happened before",
            Causality::After => "happened after",
            Causality::Concurrent => "is concurrent with",
            Causality::Same => "is the same event as",
        }
    }
}

/// One counter per node: entry `i` counts the events of node `i` that this
/// event has heard of (including itself).
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct VectorClock(Vec<u64>);

impl VectorClock {
    /// All zeros, for a cluster of `nodes` nodes.
    pub fn new(nodes: usize) -> Self {
        VectorClock(vec![0; nodes])
    }

    /// Build one from its entries.
    pub fn from_entries(entries: Vec<u64>) -> Self {
        VectorClock(entries)
    }

    pub fn entries(&self) -> &[u64] {
        &self.0
    }

    /// The entry of one node (zero if the clock is shorter).
    pub fn get(&self, node: NodeId) -> u64 {
        self.0.get(node.index()).copied().unwrap_or(0)
    }

    /// A new event at `node`: its own entry goes up by one.
    pub fn tick(&mut self, node: NodeId) {
        if self.0.len() <= node.index() {
            self.0.resize(node.index() + 1, 0);
        }
        self.0[node.index()] += 1;
    }

    /// Take in what `other` has heard of: entrywise maximum.
    pub fn merge(&mut self, other: &VectorClock) {
        if self.0.len() < other.0.len() {
            self.0.resize(other.0.len(), 0);
        }
        for (mine, theirs) in self.0.iter_mut().zip(&other.0) {
            *mine = (*mine).max(*theirs);
        }
    }

    /// How the event stamped `self` relates to the event stamped `other`.
    pub fn compare(&self, other: &VectorClock) -> Causality {
        let len = self.0.len().max(other.0.len());
        let mut less = false;
        let mut greater = false;
        for i in 0..len {
            let a = self.0.get(i).copied().unwrap_or(0);
            let b = other.0.get(i).copied().unwrap_or(0);
            match a.cmp(&b) {
                Ordering::Less => less = true,
                Ordering::Greater => greater = true,
                Ordering::Equal => {}
            }
        }
        match (less, greater) {
            (false, false) => Causality::Same,
            (true, false) => Causality::Before,
            (false, true) => Causality::After,
            (true, true) => Causality::Concurrent,
        }
    }

    /// True when the event stamped `self` happened before the one stamped `other`.
    pub fn happened_before(&self, other: &VectorClock) -> bool {
        self.compare(other) == Causality::Before
    }
}

impl fmt::Display for VectorClock {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "[")?;
        for (i, entry) in self.0.iter().enumerate() {
            if i > 0 {
                write!(f, ",")?;
            }
            write!(f, "{entry}")?;
        }
        write!(f, "]")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vc(entries: &[u64]) -> VectorClock {
        VectorClock::from_entries(entries.to_vec())
    }

    #[test]
    fn compare_covers_every_case() {
        assert_eq!(vc(&[1, 0]).compare(&vc(&[1, 1])), Causality::Before);
        assert_eq!(vc(&[2, 1]).compare(&vc(&[1, 1])), Causality::After);
        assert_eq!(vc(&[2, 0]).compare(&vc(&[1, 1])), Causality::Concurrent);
        assert_eq!(vc(&[1, 1]).compare(&vc(&[1, 1])), Causality::Same);
        assert_eq!(vc(&[1]).compare(&vc(&[1, 1])), Causality::Before);
    }

    #[test]
    fn merge_and_tick() {
        let mut a = vc(&[2, 0, 1]);
        a.merge(&vc(&[1, 3, 1]));
        a.tick(NodeId(2));
        assert_eq!(a, vc(&[2, 3, 2]));
        assert_eq!(a.to_string(), "[2,3,2]");
    }
}
