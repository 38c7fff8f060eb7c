//! The limits every scenario must respect, whether it arrives in a link or
//! is built in the app. They keep a hostile or damaged link from asking for
//! more memory or time than a browser tab can give, and keep every preset
//! inside the ranges its protocol is meant for.

use crate::sim::clock::MAX_DRIFT_PPM;
use crate::sim::rng::CERTAIN;
use crate::sim::{seconds, Duration, SimTime};

/// The most nodes a cluster may have.
pub const MAX_NODES: u64 = 500;

/// The most interventions a scenario may carry.
pub const MAX_INTERVENTIONS: usize = 2_000;

/// The latest sim time a scenario may mention: 24 hours, in microseconds.
pub const MAX_TIME: SimTime = 24 * 60 * 60 * 1_000_000;

/// The longest name, in characters.
pub const MAX_NAME: usize = 80;

/// The longest note, in characters.
pub const MAX_NOTE: usize = 1_000;

/// The longest link decoding will look at, in characters.
pub const MAX_LINK_CHARS: usize = 65_536;

/// The longest one-way latency or jitter a link may have.
pub const MAX_LINK_DELAY: Duration = seconds(60);

/// The highest probability (parts per million): certainty.
pub const MAX_PPM: u32 = CERTAIN;

/// The fastest or slowest a drifting clock may run, in parts per million.
pub const MAX_DRIFT: i32 = MAX_DRIFT_PPM;

/// The longest wait, service time or election timeout a preset may be
/// given, in milliseconds (one minute).
pub const MAX_PRESET_MS: u32 = 60_000;

/// The furthest behind the chat's clock B may run, in milliseconds (one hour).
pub const MAX_CLOCK_BEHIND_MS: u32 = 3_600_000;

/// The most rounds the chat may run.
pub const MAX_CHAT_ROUNDS: u32 = 10_000;

/// The most times a client may send a request again.
pub const MAX_RETRIES: u32 = 100;

/// The most engine events a link may need to reach its playhead. Replaying
/// them takes some seconds in a browser (behind a progress bar); more would
/// keep a class waiting.
pub const MAX_EVENTS_TO_OPEN: u64 = 50_000_000;
