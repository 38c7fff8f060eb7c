//! The cluster on the first screen until lessons load their own: five
//! servers (A to E) electing a leader, slowed down so messages can be seen.

use crate::protocols::election::{self, ElectionConfig};
use crate::sim::{millis, seconds, NetworkConfig, Run, Timeline, World};

/// A fresh run of the demo cluster.
pub fn demo_run() -> Box<dyn Run> {
    let (_, setups) = election::cluster_with(5, ElectionConfig::with_timeout(seconds(2)));
    let network = NetworkConfig::uniform(millis(300), millis(100));
    Box::new(Timeline::new(World::new(2026, &network, setups), Vec::new()))
}
