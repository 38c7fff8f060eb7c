//! Lesson 3, "Every node has its own clock": peers that message each other
//! and log every event with three timestamps: their own physical clock
//! (which may be off and drifting), their Lamport clock (kept by the
//! engine), and a vector clock (kept here, carried on every message). Pure
//! functions order a set of logged events by physical time or by Lamport
//! time, find where physical time contradicts causality, and compare vector
//! clocks (before, after, concurrent).

mod event;
mod kind;
pub mod message;
mod node;
mod order;
mod peer;
mod presets;
mod vector;

pub use event::{EventId, EventKind, LoggedEvent};
pub use kind::{ClockChat, ClockDrift, ClockGossip};
pub use message::{ClockMsg, Topic};
pub use node::{ChatConfig, ClockNode, GossipConfig, TICK};
pub use order::{by_lamport, by_physical, compare_orders, contradictions, Contradiction, OrderReport};
pub use peer::{Peer, LOG_LIMIT};
pub use presets::{all_events, chat, drifting_gossip, gossip, gossip_config, letter, network, skewed_gossip};
pub use vector::{Causality, VectorClock};
