//! Lessons 7 and 8, replication and the CAP trade-off: a small key-value
//! store kept on several replicas. One replica is the primary: it applies
//! writes and passes them on to the backups, synchronously or not. Replicas
//! exchange heartbeats; when the primary falls silent, the lowest-id backup
//! that can still reach enough replicas takes over in a higher epoch. During
//! a partition each replica either refuses to answer without a majority
//! (Consistency) or keeps answering from its own copy (Availability), and
//! replicas reconcile by last-writer-wins once the partition heals.

mod client;
mod config;
mod kind;
pub mod message;
mod node;
mod presets;
mod replica;
mod serve;
mod version;

pub use client::{Client, ClientTally, Op, NEXT, TIMEOUT};
pub use config::{ClientConfig, PartitionChoice, ReplicaConfig, Target, WriteMode};
pub use kind::PrimaryBackup;
pub use message::{ReplMsg, RequestId};
pub use node::ReplicationNode;
pub use presets::{client_config, cluster, primary_backup, replica_config, split_replicas};
pub use replica::{Replica, TICK};
pub use version::{value_words, Entry, Key, Store, Version};
