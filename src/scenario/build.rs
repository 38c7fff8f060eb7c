//! Turning a scenario into a run: its kind of cluster builds the network
//! and the nodes from a preset, the network override replaces every link's
//! settings, the seed seeds the world, and a timeline replays the
//! interventions. Building does not move time on, though what happens at
//! time zero (a fault the scenario starts with) is done; the caller seeks
//! to the playhead.

use crate::sim::{Behaviour, NetworkConfig, NodeSetup, Run, Timeline, World};

use super::error::ScenarioError;
use super::Scenario;

/// The most engine events building spends on what happens at time zero.
const START_BUDGET: u64 = 20_000;

impl Scenario {
    /// Check the scenario, then build its run at time zero with every
    /// intervention scheduled and those at time zero done. Seek the run to
    /// [`Scenario::playhead`] to see what the scenario shows.
    pub fn build(&self) -> Result<Box<dyn Run>, ScenarioError> {
        self.validate()?;
        let mut run = self.cluster.cluster().build(self);
        // What happens at time zero is part of the start, the faults a
        // scenario starts with among it: the run shows it before it plays.
        // Past the budget the rest waits for the first seek or play.
        run.seek_within(0, &mut { START_BUDGET });
        Ok(run)
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
