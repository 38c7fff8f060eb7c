//! The cluster on the first screen until lessons load their own: five
//! servers (A to E) electing a leader, slowed down so messages can be seen.

use crate::protocols::election::{self, ElectionConfig};
use crate::sim::{millis, seconds, LinkConfig, NetworkConfig, Run, Timeline, World};

/// A fresh run of the demo cluster.
pub fn demo_run() -> Box<dyn Run> {
    let (_, setups) = election::cluster_with(5, ElectionConfig::with_timeout(seconds(2)));
    let network = NetworkConfig {
        default_link: LinkConfig {
            latency: millis(300),
            jitter: millis(100),
            ..LinkConfig::default()
        },
        ..NetworkConfig::default()
    };
    Box::new(Timeline::new(World::new(2026, &network, setups), Vec::new()))
}
