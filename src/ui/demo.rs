//! The scenario on the first screen until lessons load their own: five
//! servers (A to E) electing a leader, slowed down so messages can be seen.

use crate::protocols::election;
use crate::scenario::{ClusterSpec, Scenario};
use crate::sim::{millis, LinkConfig};

/// The built-in scenario.
pub fn demo_scenario() -> Scenario {
    let mut scenario = Scenario::new(
        ClusterSpec::Election(election::Election {
            nodes: 5,
            timeout_ms: 2_000,
        }),
        2026,
    );
    scenario.name = "Five servers elect a leader".to_string();
    scenario.network = Some(LinkConfig {
        latency: millis(300),
        jitter: millis(100),
        ..LinkConfig::default()
    });
    scenario
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::{decode, encode};
    use crate::sim::Part;

    #[test]
    fn the_demo_is_valid_and_survives_a_link() {
        let scenario = demo_scenario();
        assert_eq!(scenario.validate(), Ok(()));
        assert_eq!(decode(&encode(&scenario)), Ok(scenario.clone()));
        let mut run = scenario
            .build()
            .map_err(|e| e.to_string())
            .unwrap_or_else(|e| panic!("{e}"));
        run.advance_to(crate::sim::seconds(10));
        assert!(
            run.snapshot().nodes.iter().any(|n| n.role.part == Part::Leader),
            "a leader is elected"
        );
    }
}
