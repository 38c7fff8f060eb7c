//! Gossip broadcast (sandbox): one peer has news, and every peer that has
//! heard it passes it on to a few others picked at random, round after
//! round, for a set number of rounds. Nobody leads and nobody keeps a list
//! of who knows: the news reaches everyone in a few rounds anyway, with
//! some peers hearing it more than once, and losses, crashes and cut links
//! only slow it down. A peer forgets the news when it crashes (the source
//! keeps it: it wrote the news).

mod kind;
pub mod message;
mod peer;
mod presets;
mod spread;

pub use kind::Gossip;
pub use message::{News, NEWS};
pub use peer::{GossipConfig, Peer};
pub use presets::{cluster, network};
