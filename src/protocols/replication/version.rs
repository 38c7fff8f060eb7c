//! The replicated data: a small key-value store whose every value carries a
//! version (epoch, counter, writer). Versions are totally ordered, so two
//! replicas that saw different writes can always agree which one wins: the
//! higher version, or "last writer wins".

use std::collections::BTreeMap;

use crate::protocols::written::{write_number, writer_of};
use crate::sim::words::key_name;
use crate::sim::{NodeId, Phrase, Written};

/// Keys are small numbers, named x, y, z, then "key 3" and on.
pub type Key = u32;

/// When and where a value was written. Compared field by field: a newer
/// epoch beats any counter, then the higher counter, then the higher node id.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Version {
    /// The epoch (term) of the replica that accepted the write.
    pub epoch: u64,
    /// That replica's write counter (at least one more than any it had seen).
    pub counter: u64,
    /// The replica that accepted the write.
    pub node: NodeId,
}

/// A value and its version.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Entry {
    pub value: u64,
    pub version: Version,
}

impl Entry {
    /// As the page shows it: the number of the write and the version's
    /// counter.
    pub fn written(&self) -> Written {
        Written {
            value: write_number(self.value),
            version: self.version.counter,
        }
    }
}

/// One replica's copy of the data.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Store {
    entries: BTreeMap<Key, Entry>,
}

impl Store {
    /// The entry for `key`, if it was ever written.
    pub fn get(&self, key: Key) -> Option<Entry> {
        self.entries.get(&key).copied()
    }

    /// The version held for `key`; `None` sorts before every version.
    pub fn version(&self, key: Key) -> Option<Version> {
        self.entries.get(&key).map(|e| e.version)
    }

    /// Keep `entry` if it is newer than what is held (last writer wins).
    /// Returns whether anything changed.
    pub fn merge(&mut self, key: Key, entry: Entry) -> bool {
        if self.version(key) < Some(entry.version) {
            self.entries.insert(key, entry);
            true
        } else {
            false
        }
    }

    /// Every key with the version held, in key order.
    pub fn summary(&self) -> Vec<(Key, Version)> {
        self.entries.iter().map(|(&k, e)| (k, e.version)).collect()
    }

    /// The entries held for these keys.
    pub fn select(&self, keys: &[Key]) -> Vec<(Key, Entry)> {
        keys.iter().filter_map(|&k| self.get(k).map(|e| (k, e))).collect()
    }

    /// Every entry, in key order.
    pub fn entries(&self) -> impl Iterator<Item = (Key, Entry)> + '_ {
        self.entries.iter().map(|(&k, &e)| (k, e))
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The store in words, e.g. "x = write 12 of C (version 17, epoch 2)",
    /// with the writer kept a node for the page to name.
    pub fn describe(&self) -> Phrase {
        if self.entries.is_empty() {
            return Phrase::from("empty");
        }
        Phrase::joined(
            self.entries.iter().map(|(&k, e)| {
                Phrase::from(format!("{} = ", key_name(k)))
                    .then_phrase(value_words(e.value))
                    .then(&format!(" (version {}, epoch {})", e.version.counter, e.version.epoch))
            }),
            "; ",
        )
    }
}

/// A value in words: "write 12 of " and the node that wrote it.
pub fn value_words(value: u64) -> Phrase {
    Phrase::from(format!("write {} of ", write_number(value))).then_node(writer_of(value))
}
