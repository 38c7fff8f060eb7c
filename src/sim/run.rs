//! A run of any protocol family behind one object-safe trait, so the UI can
//! hold whichever scenario is loaded (`Box<dyn Run>`) without knowing its
//! behaviour type.

use super::behaviour::Behaviour;
use super::intervention::{Action, Intervention, InterventionError};
use super::message::MessageId;
use super::metrics::Metrics;
use super::network::LinkConfig;
use super::time::SimTime;
use super::timeline::Timeline;
use super::trace::{Digest, Trace};
use super::world::Snapshot;

/// What the UI can do with a running scenario.
pub trait Run {
    fn now(&self) -> SimTime;
    fn advance_to(&mut self, t: SimTime);
    fn step(&mut self) -> bool;
    fn seek(&mut self, t: SimTime);
    fn intervene(&mut self, action: Action) -> Result<(), InterventionError>;
    fn log(&self) -> &[Intervention];
    fn snapshot(&self) -> Snapshot;
    /// What a message on the wire carries, in short.
    fn message_summary(&self, message: MessageId) -> Option<String>;
    fn trace(&self) -> &Trace;
    fn metrics(&self) -> &Metrics;
    /// How every link behaves now (the network sliders' values).
    fn default_link(&self) -> LinkConfig;
    /// How many events the engine has processed in this run so far.
    fn events_processed(&self) -> u64;
    fn digest(&self) -> Digest {
        self.trace().digest()
    }
}

impl<B: Behaviour> Run for Timeline<B> {
    fn now(&self) -> SimTime {
        Timeline::now(self)
    }

    fn advance_to(&mut self, t: SimTime) {
        Timeline::advance_to(self, t);
    }

    fn step(&mut self) -> bool {
        Timeline::step(self)
    }

    fn seek(&mut self, t: SimTime) {
        Timeline::seek(self, t);
    }

    fn intervene(&mut self, action: Action) -> Result<(), InterventionError> {
        Timeline::intervene(self, action)
    }

    fn log(&self) -> &[Intervention] {
        Timeline::log(self)
    }

    fn snapshot(&self) -> Snapshot {
        self.world().snapshot()
    }

    fn message_summary(&self, message: MessageId) -> Option<String> {
        self.world().message_summary(message)
    }

    fn trace(&self) -> &Trace {
        self.world().trace()
    }

    fn metrics(&self) -> &Metrics {
        self.world().metrics()
    }

    fn default_link(&self) -> LinkConfig {
        self.world().network().default_link()
    }

    fn events_processed(&self) -> u64 {
        self.world().events_processed()
    }
}
