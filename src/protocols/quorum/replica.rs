//! A quorum replica: it keeps the newest version of each key it was sent
//! and answers reads with what it holds. It knows nothing about quorums;
//! the coordinating client counts the answers. Its store is durable.

use std::collections::BTreeMap;

use crate::sim::{Context, Fact, NodeId, Value};

use super::message::QuorumMsg;
use super::value::{Key, Stored};

/// One replica's copy of the data.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Replica {
    store: BTreeMap<Key, Stored>,
}

impl Replica {
    pub fn store(&self) -> &BTreeMap<Key, Stored> {
        &self.store
    }

    pub(super) fn handle(&mut self, ctx: &mut Context<'_, QuorumMsg>, from: NodeId, msg: QuorumMsg) {
        match msg {
            QuorumMsg::Write { op, key, stored } => {
                if self.store.get(&key).is_none_or(|held| held.version < stored.version) {
                    self.store.insert(key, stored);
                }
                ctx.send(from, QuorumMsg::Written { op });
            }
            QuorumMsg::Read { op, key } => {
                let stored = self.store.get(&key).copied();
                ctx.send(from, QuorumMsg::Value { op, stored });
            }
            QuorumMsg::Written { .. } | QuorumMsg::Value { .. } => {}
        }
    }

    pub fn describe(&self) -> Vec<Fact> {
        if self.store.is_empty() {
            return vec![Fact::new("store", Value::words("empty"))];
        }
        self.store
            .iter()
            .map(|(&key, stored)| {
                Fact::new(
                    "store",
                    Value::Holds {
                        key,
                        written: stored.written(),
                    },
                )
            })
            .collect()
    }
}
