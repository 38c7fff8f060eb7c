//! Turning a scenario into a run: its kind of cluster builds the network
//! and the nodes from a preset, the network override replaces every link's
//! settings, the seed seeds the world, and a timeline replays the
//! interventions. Building does not move time on; the caller seeks to the
//! playhead.

use crate::sim::{Behaviour, NetworkConfig, NodeSetup, Run, Timeline, World};

use super::error::ScenarioError;
use super::Scenario;

impl Scenario {
    /// Check the scenario, then build its run at time zero with every
    /// intervention scheduled. Seek the run to [`Scenario::playhead`] to see
    /// what the scenario shows.
    pub fn build(&self) -> Result<Box<dyn Run>, ScenarioError> {
        self.validate()?;
        Ok(self.cluster.cluster().build(self))
    }

    /// A timeline of this scenario's world built from a preset's cluster:
    /// how each kind of cluster builds its run.
    pub fn run_preset<B: Behaviour + 'static>(
        &self,
        (mut network, setups): (NetworkConfig, Vec<NodeSetup<B>>),
    ) -> Box<dyn Run> {
        if let Some(link) = self.network {
            network.default_link = link;
        }
        let world = World::new(self.seed, &network, setups);
        Box::new(Timeline::new(world, self.interventions.clone()))
    }
}
