//! A server's durable store: one balance, how many writes made it, and two
//! bounded memories: how many times each recent request was applied (so a
//! retry applied twice shows up), and the stored outcome of each recent
//! idempotency key (so a retry that carries its key is answered from memory
//! instead of being applied again). Everything here survives a crash.

use std::collections::VecDeque;
use std::hash::Hash;

use crate::sim::lookup::Lookup;

use super::message::{Op, Outcome, RequestId};

/// How many recent requests and keys a ledger remembers (a real service
/// would forget keys after a day; this keeps memory bounded).
pub const REMEMBERED: usize = 4_096;

/// What executing one request did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Execution {
    /// Ran now. `again` is true when this request id had already been
    /// applied: a duplicate write.
    Ran { outcome: Outcome, again: bool },
    /// Its idempotency key was seen before: the stored outcome, not re-applied.
    Remembered(Outcome),
}

impl Execution {
    pub fn outcome(self) -> Outcome {
        match self {
            Execution::Ran { outcome, .. } | Execution::Remembered(outcome) => outcome,
        }
    }
}

/// Keeps at most [`REMEMBERED`] entries, forgetting the oldest first.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Window<K: Hash + Eq + Copy, V> {
    entries: Lookup<K, V>,
    order: VecDeque<K>,
}

impl<K: Hash + Eq + Copy, V> Default for Window<K, V> {
    fn default() -> Self {
        Window {
            entries: Lookup::default(),
            order: VecDeque::new(),
        }
    }
}

impl<K: Hash + Eq + Copy, V> Window<K, V> {
    fn get(&self, key: &K) -> Option<&V> {
        self.entries.get(key)
    }

    fn get_or_insert(&mut self, key: K, value: V) -> &mut V {
        if !self.entries.contains_key(&key) {
            self.order.push_back(key);
            if self.order.len() > REMEMBERED {
                if let Some(oldest) = self.order.pop_front() {
                    self.entries.remove(&oldest);
                }
            }
        }
        self.entries.entry(key).or_insert(value)
    }

    fn len(&self) -> usize {
        self.entries.len()
    }
}

/// The durable state of whoever executes requests.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Ledger {
    balance: i64,
    version: u64,
    applied: Window<RequestId, u32>,
    outcomes: Window<u64, Outcome>,
    applied_twice: u64,
}

impl Ledger {
    /// The stored balance.
    pub fn balance(&self) -> i64 {
        self.balance
    }

    /// How many writes have been applied (or copied in).
    pub fn version(&self) -> u64 {
        self.version
    }

    /// How many times a recent request was applied (0 if never, or long ago).
    pub fn times_applied(&self, id: RequestId) -> u32 {
        self.applied.get(&id).copied().unwrap_or(0)
    }

    /// How many writes were applied again for a request already applied.
    pub fn applied_twice(&self) -> u64 {
        self.applied_twice
    }

    /// How many idempotency keys it remembers.
    pub fn remembered_keys(&self) -> usize {
        self.outcomes.len()
    }

    /// Run one request. A write that carries a key seen before is answered
    /// with the stored outcome and not applied again.
    pub fn execute(&mut self, id: RequestId, key: Option<u64>, op: Op) -> Execution {
        if let Some(&stored) = key.and_then(|k| self.outcomes.get(&k)) {
            return Execution::Remembered(stored);
        }
        let Op::Add(amount) = op else {
            return Execution::Ran {
                outcome: Outcome::Ok(self.balance),
                again: false,
            };
        };
        let outcome = match self.balance.checked_add(amount) {
            Some(after) if after < 0 => Outcome::Refused("not enough money"),
            None => Outcome::Refused("the balance would overflow"),
            Some(after) => {
                self.balance = after;
                self.version += 1;
                Outcome::Ok(after)
            }
        };
        let mut again = false;
        if matches!(outcome, Outcome::Ok(_)) {
            let times = self.applied.get_or_insert(id, 0);
            *times += 1;
            again = *times > 1;
            self.applied_twice += u64::from(again);
        }
        if let Some(k) = key {
            *self.outcomes.get_or_insert(k, outcome) = outcome;
        }
        Execution::Ran { outcome, again }
    }

    /// Take a copy from the primary, if it is newer than what is here.
    pub fn copy_in(&mut self, version: u64, balance: i64) {
        if version > self.version {
            self.version = version;
            self.balance = balance;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::NodeId;

    fn id(seq: u64) -> RequestId {
        RequestId { client: NodeId(0), seq }
    }

    #[test]
    fn the_same_request_applied_twice_is_counted() {
        let mut ledger = Ledger::default();
        assert_eq!(ledger.execute(id(1), None, Op::Add(10)).outcome(), Outcome::Ok(10));
        let again = ledger.execute(id(1), None, Op::Add(10));
        assert_eq!(
            again,
            Execution::Ran {
                outcome: Outcome::Ok(20),
                again: true
            }
        );
        assert_eq!(ledger.times_applied(id(1)), 2);
        assert_eq!(ledger.applied_twice(), 1);
    }

    #[test]
    fn a_known_key_returns_the_stored_outcome() {
        let mut ledger = Ledger::default();
        ledger.execute(id(1), Some(77), Op::Add(10));
        ledger.execute(id(2), None, Op::Add(5));
        assert_eq!(
            ledger.execute(id(1), Some(77), Op::Add(10)),
            Execution::Remembered(Outcome::Ok(10))
        );
        assert_eq!(ledger.balance(), 15);
        assert_eq!(ledger.times_applied(id(1)), 1);
    }

    #[test]
    fn overdrawing_is_refused_and_changes_nothing() {
        let mut ledger = Ledger::default();
        let refused = ledger.execute(id(1), None, Op::Add(-5)).outcome();
        assert_eq!(refused, Outcome::Refused("not enough money"));
        assert_eq!((ledger.balance(), ledger.version()), (0, 0));
        assert_eq!(ledger.times_applied(id(1)), 0);
    }

    #[test]
    fn memory_is_bounded() {
        let mut ledger = Ledger::default();
        for seq in 0..(REMEMBERED as u64 + 10) {
            ledger.execute(id(seq), Some(seq), Op::Add(1));
        }
        assert_eq!(ledger.remembered_keys(), REMEMBERED);
        assert_eq!(ledger.times_applied(id(0)), 0, "the oldest is forgotten");
        assert_eq!(ledger.times_applied(id(REMEMBERED as u64 + 9)), 1);
    }

    #[test]
    fn copies_only_move_forward() {
        let mut ledger = Ledger::default();
        ledger.copy_in(3, 30);
        ledger.copy_in(2, 20);
        assert_eq!((ledger.version(), ledger.balance()), (3, 30));
    }
}
