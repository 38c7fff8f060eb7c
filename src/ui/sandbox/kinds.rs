//! The kinds of cluster the sandbox can build, in readable words: one per
//! [`ClusterSpec`] family, each with its parameters as labelled numbers and
//! switches within the scenario limits. Pure data; `params` maps a
//! family's values to a cluster and back.

use crate::scenario::limits::{MAX_CHAT_ROUNDS, MAX_CLOCK_BEHIND_MS, MAX_DRIFT, MAX_NODES, MAX_PRESET_MS, MAX_RETRIES};
use crate::scenario::ClusterSpec;

/// A family of clusters, as the sandbox offers it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Family {
    Election,
    ClientServer,
    ScaleOut,
    ScaleOutSkippingSilent,
    PrimaryBackup,
    Quorum,
    Shards,
    ClockGossip,
    ClockDrift,
    ClockChat,
    CentralServer,
    RetryingSave,
    Geography,
    WebAndDatabase,
    Wordpress,
    LoneProcess,
}

impl Family {
    /// Every family, in the order the sandbox lists them.
    pub const ALL: [Family; 16] = [
        Family::Election,
        Family::ClientServer,
        Family::ScaleOut,
        Family::ScaleOutSkippingSilent,
        Family::PrimaryBackup,
        Family::Quorum,
        Family::Shards,
        Family::ClockGossip,
        Family::ClockDrift,
        Family::ClockChat,
        Family::CentralServer,
        Family::RetryingSave,
        Family::Geography,
        Family::WebAndDatabase,
        Family::Wordpress,
        Family::LoneProcess,
    ];

    /// What the sandbox calls it.
    pub fn name(self) -> &'static str {
        match self {
            Family::Election => "Leader election",
            Family::ClientServer => "Client and server",
            Family::ScaleOut => "Load balancer and servers",
            Family::ScaleOutSkippingSilent => "Load balancer that skips silent servers",
            Family::PrimaryBackup => "Primary and backups",
            Family::Quorum => "Quorum store",
            Family::Shards => "Sharded store",
            Family::ClockGossip => "Clock gossip",
            Family::ClockDrift => "Drifting clocks",
            Family::ClockChat => "Chat with a slow clock",
            Family::CentralServer => "Central server and many clients",
            Family::RetryingSave => "Saving over a lossy link",
            Family::Geography => "Two continents",
            Family::WebAndDatabase => "Web server and database",
            Family::Wordpress => "A WordPress site",
            Family::LoneProcess => "One program alone",
        }
    }

    /// The family a cluster belongs to.
    pub fn of(spec: &ClusterSpec) -> Family {
        match spec {
            ClusterSpec::Election { .. } => Family::Election,
            ClusterSpec::ClientServer { .. } => Family::ClientServer,
            ClusterSpec::ScaleOut { .. } => Family::ScaleOut,
            ClusterSpec::ScaleOutSkippingSilent { .. } => Family::ScaleOutSkippingSilent,
            ClusterSpec::PrimaryBackup { .. } => Family::PrimaryBackup,
            ClusterSpec::Quorum { .. } => Family::Quorum,
            ClusterSpec::Shards { .. } => Family::Shards,
            ClusterSpec::ClockGossip { .. } => Family::ClockGossip,
            ClusterSpec::ClockDrift { .. } => Family::ClockDrift,
            ClusterSpec::ClockChat { .. } => Family::ClockChat,
            ClusterSpec::CentralServer { .. } => Family::CentralServer,
            ClusterSpec::RetryingSave { .. } => Family::RetryingSave,
            ClusterSpec::Geography { .. } => Family::Geography,
            ClusterSpec::WebAndDatabase => Family::WebAndDatabase,
            ClusterSpec::Wordpress => Family::Wordpress,
            ClusterSpec::LoneProcess => Family::LoneProcess,
        }
    }

    /// The cluster a family starts with when picked.
    pub fn start(self) -> ClusterSpec {
        let fields = self.fields();
        self.build(&fields.iter().map(|f| f.start).collect::<Vec<_>>())
    }

    /// The parameters this family takes, in the order the form shows them.
    pub fn fields(self) -> &'static [Field] {
        match self {
            Family::Election => {
                const {
                    &[
                        count("Servers", 1, 5),
                        number("Election timeout", 1, MAX_PRESET_MS, "ms", 300),
                    ]
                }
            }
            Family::ClientServer => {
                const {
                    &[
                        number("Requests (0: never stops)", 0, 100_000, "", 0),
                        number("Retries per request", 0, MAX_RETRIES, "", 3),
                        toggle("Idempotency keys", false),
                    ]
                }
            }
            Family::ScaleOut | Family::ScaleOutSkippingSilent => {
                const {
                    &[
                        count("Clients", 1, 4),
                        count("Servers", 1, 2),
                        number("Time to serve a request", 0, MAX_PRESET_MS, "ms", 50),
                        number("Each client asks every", 1, MAX_PRESET_MS, "ms", 100),
                    ]
                }
            }
            Family::PrimaryBackup => {
                const {
                    &[
                        count("Replicas", 1, 3),
                        count("Clients", 0, 1),
                        toggle("Wait for backups (synchronous)", true),
                        toggle("Stay available when split", false),
                    ]
                }
            }
            Family::Quorum => {
                const {
                    &[
                        count("Replicas (N)", 1, 3),
                        count("Read quorum (R)", 1, 2),
                        count("Write quorum (W)", 1, 2),
                        count("Clients", 0, 1),
                    ]
                }
            }
            Family::Shards => {
                const {
                    &[
                        count("Shards", 1, 3),
                        count("Clients", 0, 2),
                        number("Share of requests for key 0", 0, 100, "%", 0),
                    ]
                }
            }
            Family::ClockGossip => const { &[count("Nodes", 1, 4)] },
            Family::ClockDrift => const { &[count("Nodes", 1, 3), signed("Clock drift", MAX_DRIFT, "ppm", 1_000)] },
            Family::ClockChat => {
                const {
                    &[
                        number("B's clock behind", 0, MAX_CLOCK_BEHIND_MS, "ms", 1_000),
                        number("Rounds", 0, MAX_CHAT_ROUNDS, "", 3),
                    ]
                }
            }
            Family::CentralServer => const { &[count("Clients", 0, 8)] },
            Family::RetryingSave => {
                const {
                    &[
                        number("Messages lost", 0, 100, "%", 30),
                        toggle("Idempotency keys", false),
                    ]
                }
            }
            Family::Geography => const { &[toggle("A server on each continent", false)] },
            Family::WebAndDatabase | Family::Wordpress | Family::LoneProcess => &[],
        }
    }
}

/// One parameter of a family: its label, how it is entered, where it starts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Field {
    pub label: &'static str,
    pub input: Input,
    pub start: i64,
}

/// How a parameter is entered.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Input {
    /// A whole number from `min` to `max`, in `unit` (may be empty).
    Number { min: i64, max: i64, unit: &'static str },
    /// A switch: 0 off, 1 on.
    Toggle,
}

const fn number(label: &'static str, min: u32, max: u32, unit: &'static str, start: i64) -> Field {
    Field {
        label,
        input: Input::Number {
            min: min as i64,
            max: max as i64,
            unit,
        },
        start,
    }
}

const fn count(label: &'static str, min: u32, start: i64) -> Field {
    number(label, min, MAX_NODES as u32, "", start)
}

const fn signed(label: &'static str, limit: i32, unit: &'static str, start: i64) -> Field {
    Field {
        label,
        input: Input::Number {
            min: -(limit as i64),
            max: limit as i64,
            unit,
        },
        start,
    }
}

const fn toggle(label: &'static str, on: bool) -> Field {
    Field {
        label,
        input: Input::Toggle,
        start: on as i64,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_family_starts_with_a_cluster_that_runs() {
        for family in Family::ALL {
            let start = family.start();
            assert_eq!(Family::of(&start), family, "{}", family.name());
            let built = crate::scenario::Scenario::new(start, 1).build();
            assert!(built.is_ok(), "{}: {:?}", family.name(), built.err());
        }
    }

    #[test]
    fn every_cluster_kind_has_its_own_readable_name() {
        let mut names: Vec<&str> = Family::ALL.iter().map(|f| f.name()).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), Family::ALL.len());
        assert!(names.contains(&"Leader election") && names.contains(&"Quorum store"));
    }
}
