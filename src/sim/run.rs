//! A run of any protocol family behind one object-safe trait, so the UI can
//! hold whichever scenario is loaded (`Box<dyn Run>`) without knowing its
//! behaviour type. Code that does know the family (a lesson's check) can
//! get the typed world back with [`world_of`].

use std::any::Any;

use super::behaviour::Behaviour;
use super::history::{History, ValueMeaning};
use super::intervention::{Action, Intervention, InterventionError};
use super::message::MessageId;
use super::metrics::Metrics;
use super::network::{DistanceLatency, LinkConfig};
use super::phrase::Phrase;
use super::time::SimTime;
use super::timeline::{SeekProgress, Timeline};
use super::trace::{Digest, Trace};
use super::world::{Snapshot, World};

/// What the UI can do with a running scenario.
pub trait Run {
    fn now(&self) -> SimTime;
    fn advance_to(&mut self, t: SimTime);
    /// Run forward towards `t` spending at most `budget` engine events;
    /// true once the run stands at `t`.
    fn advance_within(&mut self, t: SimTime, budget: &mut u64) -> bool;
    fn step(&mut self) -> bool;
    fn seek(&mut self, t: SimTime);
    /// Work towards a seek to `t` spending at most `budget` engine events;
    /// true once the run stands at `t`. Until then the run shows what it
    /// showed before.
    fn seek_within(&mut self, t: SimTime, budget: &mut u64) -> bool;
    /// How far the seek under way has come, if one is.
    fn seek_progress(&self) -> Option<SeekProgress>;
    /// Forget the seek under way; the run is as it was before it.
    fn cancel_seek(&mut self);
    /// How many events the engine has processed in this run so far.
    fn events_processed(&self) -> u64;
    fn intervene(&mut self, action: Action) -> Result<(), InterventionError>;
    fn log(&self) -> &[Intervention];
    fn snapshot(&self) -> Snapshot;
    /// What a message on the wire carries, in short.
    fn message_summary(&self, message: MessageId) -> Option<Phrase>;
    fn trace(&self) -> &Trace;
    /// Every operation clients called on the store.
    fn history(&self) -> &History;
    /// What the values in the history stand for.
    fn values(&self) -> ValueMeaning;
    fn metrics(&self) -> &Metrics;
    /// How every link behaves now (the network sliders' values).
    fn default_link(&self) -> LinkConfig;
    /// What distance between nodes adds to each trip, where it adds
    /// anything (the geography lesson's map).
    fn distance(&self) -> Option<DistanceLatency>;
    fn digest(&self) -> Digest {
        self.trace().digest()
    }

    /// Which nodes send to which early in the run: see
    /// [`Timeline::talkers`].
    fn talkers(&self, within: SimTime, budget: u64) -> Vec<(usize, usize)>;

    /// The run itself, for [`world_of`].
    fn as_any(&self) -> &dyn Any;
}

/// The world behind `run` with its behaviours' own types, if it runs
/// behaviour `B`: for checks that read a protocol's state rather than the
/// words its menu shows.
pub fn world_of<B: Behaviour + 'static>(run: &dyn Run) -> Option<&World<B>> {
    run.as_any().downcast_ref::<Timeline<B>>().map(Timeline::world)
}

impl<B: Behaviour + 'static> Run for Timeline<B> {
    fn now(&self) -> SimTime {
        Timeline::now(self)
    }

    fn advance_to(&mut self, t: SimTime) {
        Timeline::advance_to(self, t);
    }

    fn advance_within(&mut self, t: SimTime, budget: &mut u64) -> bool {
        Timeline::advance_within(self, t, budget)
    }

    fn step(&mut self) -> bool {
        Timeline::step(self)
    }

    fn seek(&mut self, t: SimTime) {
        Timeline::seek(self, t);
    }

    fn seek_within(&mut self, t: SimTime, budget: &mut u64) -> bool {
        Timeline::seek_within(self, t, budget)
    }

    fn seek_progress(&self) -> Option<SeekProgress> {
        Timeline::seek_progress(self)
    }

    fn cancel_seek(&mut self) {
        Timeline::cancel_seek(self);
    }

    fn events_processed(&self) -> u64 {
        self.world().events_processed()
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

    fn message_summary(&self, message: MessageId) -> Option<Phrase> {
        self.world().message_summary(message)
    }

    fn trace(&self) -> &Trace {
        self.world().trace()
    }

    fn history(&self) -> &History {
        self.world().history()
    }

    fn values(&self) -> ValueMeaning {
        B::VALUES
    }

    fn metrics(&self) -> &Metrics {
        self.world().metrics()
    }

    fn default_link(&self) -> LinkConfig {
        self.world().network().default_link()
    }

    fn distance(&self) -> Option<DistanceLatency> {
        self.world().network().distance()
    }

    fn talkers(&self, within: SimTime, budget: u64) -> Vec<(usize, usize)> {
        Timeline::talkers(self, within, budget)
    }

    fn as_any(&self) -> &dyn Any {
        self
    }
}
