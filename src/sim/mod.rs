//! The simulation core: a deterministic discrete-event model of a cluster.
//!
//! Pure Rust, with no browser imports: it is tested natively and runs
//! unchanged in WebAssembly. Everything the student sees is produced here,
//! and the same setup plus the same interventions always gives the same run,
//! to the event. Integer time, one seeded PRNG, and events ordered by
//! (time, sequence number) make that so.

pub mod behaviour;
pub mod clock;
pub mod fact;
pub mod history;
pub mod intervention;
pub mod link_text;
pub mod lookup;
pub mod message;
pub mod metrics;
pub mod network;
pub mod node;
pub mod phrase;
pub mod rng;
pub mod role;
pub mod run;
pub mod time;
pub mod timeline;
pub mod trace;
pub mod words;
pub mod world;

pub use behaviour::{Behaviour, Context, Headline, Outcomes, Repeats, TimerTag, Waiting, Written};
pub use clock::Clock;
pub use fact::{Fact, Value};
pub use history::{Call, Failure, History, Operation, OperationId, Outcome, Ret, ValueMeaning};
pub use intervention::{Action, Intervention, InterventionError};
pub use message::{DropReason, Kind, Label, Message, MessageId};
pub use metrics::{Metrics, Observation};
pub use network::{DistanceLatency, LinkConfig, NetworkConfig};
pub use node::{NodeId, NodeSetup, Place, Status};
pub use phrase::{Phrase, Piece};
pub use role::{Part, Role};
pub use run::{world_of, Run};
pub use time::{millis, seconds, Duration, SimTime, MINUTE, SECOND};
pub use timeline::{SeekProgress, Timeline};
pub use trace::{Cause, Digest, Parting, Trace, TraceEvent, TraceKind};
pub use world::{Countdown, MessageView, NodeView, Snapshot, World};
