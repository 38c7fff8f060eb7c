//! What the sandbox needs to know about a cluster before it runs: its
//! nodes' names (for the fault pickers) and the preset's own network (shown
//! until the teacher sets one by hand). Read by building the cluster once,
//! without any faults; pure, tested natively.

use crate::scenario::limits::MAX_NODES;
use crate::scenario::{ClusterSpec, Scenario};
use crate::sim::LinkConfig;

/// A cluster as the sandbox's form sees it.
#[derive(Clone, Debug, PartialEq)]
pub struct Preview {
    /// Every node's name, by id.
    pub names: Vec<String>,
    /// How the preset's links behave.
    pub link: LinkConfig,
}

impl Preview {
    /// Look at `cluster`; one that cannot be built gets nodes numbered from
    /// 1 (up to the limit) and the default network.
    pub fn of(cluster: ClusterSpec) -> Preview {
        match Scenario::new(cluster, 0).build() {
            Ok(run) => Preview {
                names: run.snapshot().nodes.into_iter().map(|node| node.name).collect(),
                link: run.default_link(),
            },
            Err(_) => Preview {
                names: (0..cluster.node_count().min(MAX_NODES))
                    .map(|i| format!("node {}", i + 1))
                    .collect(),
                link: LinkConfig::default(),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::protocols::{election, lamport};

    #[test]
    fn a_cluster_shows_its_nodes_by_name() {
        let preview = Preview::of(ClusterSpec::Election(election::Election {
            nodes: 3,
            timeout_ms: 300,
        }));
        assert_eq!(preview.names.len(), 3);
        assert!(preview.names.iter().all(|name| !name.is_empty()));
    }

    #[test]
    fn a_cluster_too_big_to_build_still_lists_nodes_up_to_the_limit() {
        let preview = Preview::of(ClusterSpec::ClockGossip(lamport::ClockGossip { nodes: 10_000 }));
        assert_eq!(preview.names.len() as u64, MAX_NODES);
        assert_eq!(preview.names[2], "node 3");
    }
}
