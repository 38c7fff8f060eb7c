//! Which cluster a scenario runs: one kind from the table below, with its
//! parameters. Each kind describes itself in its protocol family's folder
//! (see `kind`); the table is the one place that lists them, and its order
//! is part of the link format. Adding a kind is its folder plus one line
//! here, at the end.

use serde::{Deserialize, Serialize};

use super::error::ScenarioError;
use super::kind::{Cluster, ClusterKind, Field, Values};
use crate::protocols::{election, gossip, lamport, quorum, replication, rpc, sharding};

/// A kind in the table: its name and fields, and how to make a cluster of
/// it from field values.
#[derive(Debug)]
pub struct Kind {
    pub name: &'static str,
    pub fields: &'static [Field],
    make: fn(&Values<'_>) -> ClusterSpec,
}

impl PartialEq for Kind {
    fn eq(&self, other: &Kind) -> bool {
        self.name == other.name
    }
}

impl Kind {
    /// The cluster of this kind with `values` for its fields, in order:
    /// each is held to its field's range, a missing one is the field's
    /// starting value.
    pub fn make(&self, values: &[i64]) -> ClusterSpec {
        let held: Vec<i64> = self
            .fields
            .iter()
            .enumerate()
            .map(|(i, field)| {
                let (min, max) = field.range();
                values.get(i).copied().unwrap_or(field.start).clamp(min, max)
            })
            .collect();
        (self.make)(&Values(&held))
    }

    /// The cluster of this kind as the sandbox first offers it.
    pub fn start(&self) -> ClusterSpec {
        self.make(&[])
    }
}

/// Gives each kind in the table its entry.
trait Listed {
    const KIND: Kind;
}

macro_rules! cluster_kinds {
    ($($variant:ident($kind:ty),)+) => {
        /// A cluster of one kind, with its parameters.
        ///
        /// The variants' order is part of the link format: add new ones at
        /// the end.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
        pub enum ClusterSpec {
            $($variant($kind),)+
        }

        $(impl Listed for $kind {
            const KIND: Kind = Kind {
                name: <$kind as ClusterKind>::NAME,
                fields: <$kind as ClusterKind>::FIELDS,
                make: |values| ClusterSpec::$variant(<$kind as ClusterKind>::from_values(values)),
            };
        })+

        /// Every kind, in the order the sandbox lists them.
        pub const KINDS: &[Kind] = &[$(<$kind as Listed>::KIND,)+];

        impl ClusterSpec {
            /// Its kind's entry in the table.
            pub fn kind(&self) -> &'static Kind {
                match self {
                    $(ClusterSpec::$variant(_) => &<$kind as Listed>::KIND,)+
                }
            }

            /// The cluster itself, whatever its kind.
            pub(super) fn cluster(&self) -> &dyn Cluster {
                match self {
                    $(ClusterSpec::$variant(cluster) => cluster,)+
                }
            }
        }
    };
}

cluster_kinds! {
    Election(election::Election),
    ClientServer(rpc::ClientServer),
    ScaleOut(rpc::ScaleOut),
    PrimaryBackup(replication::PrimaryBackup),
    Quorum(quorum::Quorum),
    Shards(sharding::Shards),
    ClockGossip(lamport::ClockGossip),
    ClockDrift(lamport::ClockDrift),
    ClockChat(lamport::ClockChat),
    CentralServer(rpc::CentralServer),
    RetryingSave(rpc::RetryingSave),
    Geography(rpc::Geography),
    WebAndDatabase(rpc::WebAndDatabase),
    Wordpress(rpc::Wordpress),
    LoneProcess(rpc::LoneProcess),
    Gossip(gossip::Gossip),
    TwoRoundQuorum(quorum::TwoRoundQuorum),
}

impl ClusterSpec {
    /// How many nodes the built cluster has (ids `0..count`).
    pub fn node_count(&self) -> u64 {
        self.cluster().node_count()
    }

    /// Its parameters' values, in the order of its kind's fields.
    pub fn values(&self) -> Vec<i64> {
        self.cluster().values()
    }

    /// The same cluster with its parameter number `index` set to `value`
    /// (held to that field's range).
    pub fn with_value(&self, index: usize, value: i64) -> ClusterSpec {
        let mut values = self.values();
        if let Some(slot) = values.get_mut(index) {
            *slot = value;
        }
        self.kind().make(&values)
    }

    /// Check that every parameter is in its field's range and that they
    /// agree with each other (the node count is checked separately).
    pub fn check_parameters(&self) -> Result<(), ScenarioError> {
        let kind = self.kind();
        let values = self.values();
        for (field, &found) in kind.fields.iter().zip(&values) {
            let (min, max) = field.range();
            if !(min..=max).contains(&found) {
                return Err(ScenarioError::OutOfRange {
                    kind: kind.name,
                    field: *field,
                    found,
                });
            }
        }
        match self.cluster().rules().into_iter().find(|&(holds, _)| !holds) {
            Some((_, what)) => Err(ScenarioError::InvalidParameter { what }),
            None => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::Scenario;

    #[test]
    fn every_kind_starts_with_a_cluster_that_runs() {
        for kind in KINDS {
            let start = kind.start();
            assert_eq!(start.kind(), kind, "{}", kind.name);
            assert_eq!(start.check_parameters(), Ok(()), "{}", kind.name);
            let built = Scenario::new(start, 1).build();
            assert!(built.is_ok(), "{}: {:?}", kind.name, built.err());
        }
    }

    #[test]
    fn every_kind_has_its_own_readable_name() {
        let mut names: Vec<&str> = KINDS.iter().map(|k| k.name).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), KINDS.len());
    }

    #[test]
    fn a_cluster_reads_back_the_values_it_was_made_from() {
        for kind in KINDS {
            let start = kind.start();
            let values = start.values();
            assert_eq!(values.len(), kind.fields.len(), "{}", kind.name);
            let starts: Vec<i64> = kind.fields.iter().map(|f| f.start).collect();
            assert_eq!(values, starts, "{}", kind.name);
            assert_eq!(kind.make(&values), start, "{}", kind.name);
        }
    }

    #[test]
    fn changing_one_parameter_changes_only_that_one() {
        for kind in KINDS {
            let start = kind.start();
            for (index, field) in kind.fields.iter().enumerate() {
                let (min, max) = field.range();
                let other = if field.start == min { max } else { min };
                let mut expected = start.values();
                expected[index] = other;
                assert_eq!(
                    start.with_value(index, other).values(),
                    expected,
                    "{} {}",
                    kind.name,
                    field.label
                );
            }
        }
    }

    #[test]
    fn numbers_outside_a_field_are_held_to_its_range() {
        for kind in KINDS {
            let start = kind.start();
            for (index, field) in kind.fields.iter().enumerate() {
                let (min, max) = field.range();
                assert_eq!(
                    start.with_value(index, i64::MAX).values()[index],
                    max,
                    "{}",
                    field.label
                );
                assert_eq!(
                    start.with_value(index, i64::MIN).values()[index],
                    min,
                    "{}",
                    field.label
                );
            }
        }
    }

    #[test]
    fn a_parameter_out_of_range_is_named_with_its_range() {
        use crate::protocols::rpc;
        let lossy = ClusterSpec::RetryingSave(rpc::RetryingSave {
            loss_ppm: 1_000_001,
            idempotency_keys: false,
        });
        let said = lossy.check_parameters().map_err(|e| e.to_string());
        assert_eq!(
            said,
            Err(
                "this link's cluster (Saving over a lossy link) cannot be built: \"Messages lost\" is 100.0001%, \
                 and it must be from 0% to 100%"
                    .to_string()
            )
        );
    }
}
