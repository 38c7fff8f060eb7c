//! Lesson 10, leader election, Raft-style (election only, no log): servers
//! are followers, candidates or leaders; the current term and the vote cast
//! in it are durable; election timeouts are random in a range; a candidate
//! needs a majority of the whole cluster; a leader sends heartbeats more
//! often than any timeout; and a server that sees a higher term steps down.

mod config;
mod history;
mod kind;
pub mod message;
mod node;
mod presets;
mod server;

pub use config::ElectionConfig;
pub use history::{current_leaders, LeaderHistory};
pub use kind::Election;
pub use message::{ElectionMsg, Term};
pub use node::{ElectionNode, ELECTION, HEARTBEAT};
pub use presets::{cluster, cluster_with, narrow_timeouts, network, split_vote_prone};
pub use server::Server;
