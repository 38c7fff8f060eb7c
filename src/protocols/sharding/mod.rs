//! Lesson 9, sharding: each shard node stores a slice of the keys, and a
//! key's home is a pure function of the key ([`home_of`]). Clients send gets
//! and puts straight to the home shard. Shards spend a fixed service time on
//! each request, so a hot key makes one shard's queue grow while the others
//! idle, and crashing one shard makes only its keys unavailable.

mod client;
mod key;
mod kind;
pub mod message;
mod node;
mod presets;
mod shard;

pub use client::{Client, ClientConfig, HotKey, ShardTally, SEND, SWEEP};
pub use key::{hash_key, home_of, Key};
pub use kind::Shards;
pub use message::{RequestId, ShardMsg};
pub use node::ShardNode;
pub use presets::{client_config, cluster, cluster_with, even_load, network, with_hot_key, SERVICE_TIME};
pub use shard::Shard;
