//! Quorum reads and writes with N, R and W: every key is kept on N replicas;
//! a client writes to all of them and counts the write done after W
//! acknowledgements, and reads from all of them, taking the newest of the
//! first R answers. With R + W > N every read quorum overlaps every write
//! quorum, so a read finds a write that finished before it; with R + W <= N
//! a read can miss it. Too few replicas answering means the operation
//! fails.
//!
//! Overlap alone does not make the store linearizable: a writer numbers
//! its version from what it has seen, so a later write can lose to an
//! earlier one, and a read can find a write still under way that a later
//! read misses. With `two_rounds` (the kind [`TwoRoundQuorum`]) a write
//! first asks for the newest version and a read writes back what it found,
//! and R + W > N is enough.

mod client;
mod kind;
pub mod message;
mod node;
mod presets;
mod replica;
mod two_rounds;
mod value;

pub use client::{Coordinator, QuorumConfig, QuorumTally, NEXT, TIMEOUT};
pub use kind::Quorum;
pub use message::{OpId, QuorumMsg};
pub use node::QuorumNode;
pub use presets::{cluster_with, network, quorum_cluster, quorum_config};
pub use replica::Replica;
pub use two_rounds::TwoRoundQuorum;
pub use value::{Key, Stored, Version};
