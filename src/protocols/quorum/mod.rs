//! Quorum reads and writes with N, R and W: every key is kept on N replicas;
//! a client writes to all of them and counts the write done after W
//! acknowledgements, and reads from all of them, taking the newest of the
//! first R answers. With R + W > N every read quorum overlaps every write
//! quorum, so a read sees the latest acknowledged write; with R + W <= N a
//! read can miss it. Too few replicas answering means the operation fails.

mod client;
mod kind;
pub mod message;
mod node;
mod presets;
mod replica;
mod value;

pub use client::{Coordinator, QuorumConfig, QuorumTally, NEXT, TIMEOUT};
pub use kind::Quorum;
pub use message::{OpId, QuorumMsg};
pub use node::QuorumNode;
pub use presets::{cluster_with, network, quorum_cluster, quorum_config};
pub use replica::Replica;
pub use value::{Key, Stored, Version};
