//! Primary/backup replication as a kind the scenario table lists: its
//! parameters, size, rhythm (for the work estimate) and preset.

use serde::{Deserialize, Serialize};

use super::config::{PartitionChoice, ReplicaConfig, Target, WriteMode};
use super::presets::{client_config, cluster, replica_config};
use crate::scenario::estimate::{ms, request, server, Answer, Wire};
use crate::scenario::kind::{count, toggle, Cluster, ClusterKind, Field, Values};
use crate::scenario::Scenario;
use crate::sim::{LinkConfig, NetworkConfig, Run};

/// `replicas` replicas and `clients` clients of the primary
/// (`replication::primary_backup`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PrimaryBackup {
    pub replicas: u32,
    pub clients: u32,
    /// The primary waits for every backup before it answers a write.
    pub synchronous: bool,
    /// Split from the others, a replica keeps answering.
    pub prefer_availability: bool,
    /// The replicas boot as a group in touch, so none refuses a client
    /// before the first heartbeats arrive. Links of formats 1 and 2, made
    /// before this switch, read it as off and keep their runs.
    pub start_in_touch: bool,
}

impl ClusterKind for PrimaryBackup {
    const NAME: &'static str = "Primary and backups";
    const FIELDS: &'static [Field] = &[
        count("Replicas", 1, 3),
        count("Clients", 0, 1),
        toggle("Wait for backups (synchronous)", true),
        toggle("Stay available when split", false),
    ];
    fn from_values(values: &Values<'_>) -> Self {
        PrimaryBackup {
            replicas: values.whole(0),
            clients: values.whole(1),
            synchronous: values.on(2),
            prefer_availability: values.on(3),
            start_in_touch: true,
        }
    }
}

impl Cluster for PrimaryBackup {
    fn values(&self) -> Vec<i64> {
        vec![
            self.replicas.into(),
            self.clients.into(),
            self.synchronous.into(),
            self.prefer_availability.into(),
        ]
    }
    fn node_count(&self) -> u64 {
        u64::from(self.replicas) + u64::from(self.clients)
    }
    fn preset_link(&self) -> LinkConfig {
        NetworkConfig::default().default_link
    }
    /// Replicas heartbeating every 100 ms; clients that each wait 50-150
    /// ms, then read or write (half each) at the primary and wait for the
    /// answer.
    fn events_per_second(&self, link: &LinkConfig) -> f64 {
        let wire = &Wire::new(link, 0.0);
        let r = f64::from(self.replicas);
        let heartbeats = r / ms(100.0) * (1.0 + (r - 1.0) * wire.sends);
        let copies = (r - 1.0) * (wire.sends + wire.delivered * wire.sends);
        let read = server(wire, 0.0, 0.0, None);
        let write = Answer {
            events: read.events + copies,
            delay: if self.synchronous && self.replicas > 1 {
                wire.round_trip() + wire.slowest
            } else {
                0.0
            },
        };
        let op = Answer {
            events: (read.events + write.events) / 2.0,
            delay: write.delay / 2.0,
        };
        let (events, settled) = request(wire, op, ms(200.0), 3);
        heartbeats + f64::from(self.clients) * events / (ms(100.0) + settled)
    }
    fn warm_up(&self) -> f64 {
        ms(50.0)
    }
    fn build(&self, scenario: &Scenario) -> Box<dyn Run> {
        let mode = if self.synchronous {
            WriteMode::Synchronous
        } else {
            WriteMode::Asynchronous
        };
        let choice = if self.prefer_availability {
            PartitionChoice::Availability
        } else {
            PartitionChoice::Consistency
        };
        let replicas = ReplicaConfig {
            start_in_touch: self.start_in_touch,
            ..replica_config(self.replicas, mode, choice)
        };
        let client = client_config(self.replicas, Target::Primary);
        scenario.run_preset(cluster(replicas, vec![client; self.clients as usize]))
    }
}
