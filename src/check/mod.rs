//! The linearizability checker: does what clients saw of a store agree with
//! some one-at-a-time order of their operations, each taking effect at an
//! instant between its call and its answer?
//!
//! Pure, deterministic Rust like `sim`, so it is tested natively and runs
//! unchanged in WebAssembly. It speaks in typed values only: the page turns
//! an [`Explanation`] into words.
//!
//! It reads a run's history ([`crate::sim::history`]): the operations
//! clients called and what they heard back.
//!
//! - [`model`]: the sequential store each key is checked against (a
//!   register or a counter).
//! - [`linearizable`]: the check itself, split per key, with a step budget
//!   so it always ends: first a quick test for answers no state gives
//!   (`reachable`), then the search for an order (`search`).
//! - [`stale`]: a count of the reads that were certainly out of date, for
//!   charts that count stale answers rather than find the first.

pub mod linearizable;
pub mod model;
mod reachable;
mod search;
pub mod stale;

pub use crate::sim::history::{Call, Failure, Operation, Outcome, Ret};
pub use linearizable::{check, Explanation, Verdict};
pub use model::{apply, Model, State};
pub use stale::stale_reads;
