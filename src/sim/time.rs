//! Simulated time: whole microseconds in a `u64`, so every run is exact and
//! replays identically (no floats in anything that decides what happens).

/// The engine's true time, in microseconds since the run began.
pub type SimTime = u64;

/// A length of simulated time, in microseconds.
pub type Duration = u64;

pub const MICROSECOND: Duration = 1;
pub const MILLISECOND: Duration = 1_000;
pub const SECOND: Duration = 1_000_000;
pub const MINUTE: Duration = 60 * SECOND;

/// Whole milliseconds as a duration.
pub const fn millis(ms: u64) -> Duration {
    ms * MILLISECOND
}

/// Whole seconds as a duration.
pub const fn seconds(s: u64) -> Duration {
    s * SECOND
}
