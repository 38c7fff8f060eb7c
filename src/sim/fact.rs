//! What a node knows about itself, as typed values for the inspector: a
//! count of something, a length of time, a node, what a store holds for a
//! key. The page writes them out, so units, plurals and node names
//! are right in one place; no check reads them.

use super::behaviour::Written;
use super::node::NodeId;
use super::phrase::Phrase;
use super::rng::PartsPerMillion;
use super::time::Duration;

/// One line of what a node knows: what it is, and its value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fact {
    /// What the value is, as the inspector labels it: "requests served".
    pub what: &'static str,
    pub value: Value,
    /// Kept through a crash (on disk); a crashed node's menu lists only these.
    pub kept: bool,
}

impl Fact {
    /// A fact the node keeps on disk, so it survives a crash.
    pub fn new(what: &'static str, value: Value) -> Fact {
        Fact {
            what,
            value,
            kept: true,
        }
    }

    /// A fact held only in memory: a crash wipes it.
    pub fn in_memory(what: &'static str, value: Value) -> Fact {
        Fact {
            what,
            value,
            kept: false,
        }
    }
}

/// A fact's value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Value {
    /// A plain number: "12".
    Number(i64),
    /// How many of something, with the noun in the singular: "3 answers".
    Count(u64, &'static str),
    /// How many of a whole: "2 of 3 replicas".
    OutOf { n: u64, of: u64, noun: &'static str },
    /// A length of time: "150 ms".
    Time(Duration),
    /// A length of time picked at random between two: "150 to 300 ms".
    Between(Duration, Duration),
    /// A share: "2.5%".
    Share(PartsPerMillion),
    /// A node, or none (said as `none`: "nobody", "unknown").
    Node { node: Option<NodeId>, none: &'static str },
    /// Some nodes, or `none` when there are none.
    Nodes { nodes: Vec<NodeId>, none: &'static str },
    /// What a store holds for one key: "x = 12 (version 17)".
    Holds { key: u32, written: Written },
    /// Anything else, in words that may name nodes.
    Said(Phrase),
}

impl Value {
    /// A whole number of any width, saturating past `i64::MAX`.
    pub fn number(n: impl TryInto<i64>) -> Value {
        Value::Number(n.try_into().unwrap_or(i64::MAX))
    }

    /// Plain words that name no node.
    pub fn words(words: impl Into<String>) -> Value {
        Value::Said(Phrase::from(words.into()))
    }
}
