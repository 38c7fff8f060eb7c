//! Node behaviours: the algorithms the lessons run, each a family of roles
//! that talk the same messages. Each family is its own `Behaviour` type, so
//! a world runs one family; preset builders in each family set up the
//! clusters the lessons use. Pure Rust: no browser imports.

pub mod election;
pub mod gossip;
pub mod lamport;
pub mod quorum;
pub mod replication;
pub mod rpc;
pub mod sharding;
pub mod written;
