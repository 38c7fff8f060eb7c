//! Scenarios: everything needed to rebuild a run exactly, as plain data that
//! fits in a link. A scenario names a ready-made cluster (one of the
//! protocol families' presets with its parameters), the seed, an optional
//! change to the network, every intervention made so far and the moment
//! being watched. Because the engine is deterministic, a student who opens
//! a shared link sees the very run the sender saw, event for event.
//!
//! Pure Rust, with no browser imports, like the simulation core:
//! [`encode`] and [`decode`] turn a scenario into URL-safe text and back,
//! [`Scenario::validate`] checks it against the [`limits`], and
//! [`Scenario::build`] turns it into a run, and [`sweep`] runs it again
//! under many seeds.

mod build;
mod cluster;
mod distance;
mod error;
pub mod estimate;
pub mod kind;
pub mod limits;
mod link;
mod schedule;
pub mod sweep;
mod validate;

use serde::{Deserialize, Serialize};

use crate::sim::{Intervention, LinkConfig, Run, SimTime};

pub use cluster::{ClusterSpec, Kind, KINDS};
pub use distance::{farthest_trip, FarthestTrip};
pub use error::{LinkError, ScenarioError, TextField};
pub use link::{decode, encode, FORMAT_VERSION, LINK_PREFIX};
pub use schedule::{Fault, ScheduleError};

/// Where a scenario sits in the course: a lesson and a step within it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LessonStep {
    pub lesson: u8,
    pub step: u8,
}

/// A run, as data: how to set it up and everything done to it since.
///
/// The serialized layout is the link format; change it only together with
/// [`FORMAT_VERSION`] (new kinds may be added at the end of the table in
/// `cluster`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Scenario {
    /// The lesson step this scenario belongs to, if any.
    pub lesson: Option<LessonStep>,
    /// The seed of the run's randomness.
    pub seed: u64,
    /// A short title a teacher gives the scenario; shown as plain text.
    pub name: String,
    /// What a teacher wants students to notice; plain text, may have line breaks.
    pub note: String,
    /// The cluster and the preset it is built from.
    pub cluster: ClusterSpec,
    /// Every link's behaviour, replacing the preset's; `None` keeps the preset's.
    pub network: Option<LinkConfig>,
    /// Everything done to the cluster, stamped with sim time. Any order: the
    /// run applies them by time (same-time ones in the order given).
    pub interventions: Vec<Intervention>,
    /// The sim time being watched, in microseconds; the receiver seeks here.
    pub playhead: SimTime,
}

impl Scenario {
    /// A fresh scenario of `cluster`: no name, no note, the preset's network,
    /// nothing done yet, watched from the start.
    pub fn new(cluster: ClusterSpec, seed: u64) -> Self {
        Scenario {
            lesson: None,
            seed,
            name: String::new(),
            note: String::new(),
            cluster,
            network: None,
            interventions: Vec::new(),
            playhead: 0,
        }
    }

    /// Take over a run's interventions and its current time, so that the
    /// scenario now describes that run as it stands (the run must have been
    /// built from this scenario).
    pub fn capture(&mut self, run: &dyn Run) {
        self.interventions = run.log().to_vec();
        self.playhead = run.now();
    }
}
