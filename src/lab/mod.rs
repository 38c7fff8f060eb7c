//! Labs: the student writes a node's code and the simulator tests it under
//! faults. A student's node is a Rhai script with a small API, in the
//! manner of Maelstrom's: handlers `on_start()`, `on_message(from, msg)` and
//! `on_timer(name)`; `send(to, msg)`, `reply(msg)`, `set_timer(name, ms)`,
//! `cancel_timer(name)`; a `state` map lost in a crash and a `durable` map
//! that survives it; `random(n)`, `now()`, `me()`, `nodes()`, `peers()`,
//! `log(value)`, and `apply(request)` for the requests a lab watches.
//!
//! The script runs sandboxed and deterministically: it reaches nothing but
//! its own node, and the same code and seed give the same run. A handler
//! that fails crashes its node with a typed [`ScriptFault`].
//!
//! Pure Rust like `sim`: nothing here imports the browser, and the lesson
//! app does not link it (the interpreter stays out of its bundle).

mod data;
mod desk;
mod fault;
pub mod grade;
pub mod labs;
pub mod link;
mod message;
mod node;
mod program;
mod student;
pub mod test_run;

pub use data::{Data, Entries};
pub use fault::ScriptFault;
pub use grade::{grade, run, verdict, Grade, Grading, PropertyOutcome};
pub use labs::{Lab, Verdict};
pub use message::LabMessage;
pub use node::LabNode;
pub use program::{Program, BUDGET, MAX_SOURCE};
pub use student::{Applied, Crash, LogLine, Step, StudentNode};
pub use test_run::{timeline, TestRun};
