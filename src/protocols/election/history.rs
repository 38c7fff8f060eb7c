//! Watching a run from outside: which servers believe they lead now, and,
//! over every moment observed, which servers led which term. Lessons use it
//! to show terms that elected nobody, and tests to check that no term ever
//! had two leaders.

use std::collections::{BTreeMap, BTreeSet};

use crate::sim::{NodeId, World};

use super::message::Term;
use super::node::ElectionNode;

/// The servers that are leaders now, with their terms, in id order. More
/// than one is possible (a cut-off or paused old leader has not yet heard of
/// the newer term), but never two in the same term.
pub fn current_leaders(world: &World<ElectionNode>) -> Vec<(NodeId, Term)> {
    (0..world.node_count() as u32)
        .map(NodeId)
        .filter_map(|id| {
            let node = world.behaviour(id)?;
            node.is_leader().then(|| (id, node.term()))
        })
        .collect()
}

/// Every leader seen in each term, gathered by observing a world again and
/// again (after every step, for a complete record).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LeaderHistory {
    leaders: BTreeMap<Term, BTreeSet<NodeId>>,
    highest_term: Term,
}

impl LeaderHistory {
    /// Take note of the world as it is now.
    pub fn observe(&mut self, world: &World<ElectionNode>) {
        for id in (0..world.node_count() as u32).map(NodeId) {
            if let Some(node) = world.behaviour(id) {
                self.highest_term = self.highest_term.max(node.term());
                if node.is_leader() {
                    self.leaders.entry(node.term()).or_default().insert(id);
                }
            }
        }
    }

    /// The highest term any server reached.
    pub fn highest_term(&self) -> Term {
        self.highest_term
    }

    /// Terms, in order, with the leaders seen in each.
    pub fn terms_with_leaders(&self) -> impl Iterator<Item = (Term, Vec<NodeId>)> + '_ {
        self.leaders.iter().map(|(&t, set)| (t, set.iter().copied().collect()))
    }

    /// Terms from 1 to the highest that no server was seen leading.
    pub fn terms_without_leader(&self) -> Vec<Term> {
        (1..=self.highest_term)
            .filter(|t| !self.leaders.contains_key(t))
            .collect()
    }

    /// Terms with more than one leader: there must never be any.
    pub fn conflicts(&self) -> Vec<(Term, Vec<NodeId>)> {
        self.terms_with_leaders().filter(|(_, who)| who.len() > 1).collect()
    }
}
