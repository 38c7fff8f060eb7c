//! Scenario links: every valid scenario survives the trip through a link;
//! a shared link rebuilds the very run the sender saw; links stay short;
//! and no link, however mangled or hostile, makes decoding panic, hang or
//! hand over a scenario that cannot be built. Each way a link can be wrong
//! has its own message for the student who pasted it. One file per job.
#![cfg(not(target_arch = "wasm32"))]

mod hostile;
mod refusals;
mod round_trip;
mod strategies;
