//! Interventions: every action a student, a teacher or a lesson script takes
//! on a running cluster, as plain serializable data stamped with its sim
//! time. A run is fully determined by its scenario plus its interventions.

use serde::{Deserialize, Serialize};

use super::message::MessageId;
use super::network::LinkConfig;
use super::node::NodeId;
use super::time::{Duration, SimTime};

/// Something done to the cluster at a moment of sim time. It takes effect
/// after every event at that same moment.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Intervention {
    pub at: SimTime,
    pub action: Action,
}

impl Intervention {
    pub fn new(at: SimTime, action: Action) -> Self {
        Intervention { at, action }
    }
}

/// The things that can be done to a cluster.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Action {
    Crash(NodeId),
    Restart(NodeId),
    Pause(NodeId),
    Resume(NodeId),
    /// Cut the link in one direction only.
    CutLink {
        from: NodeId,
        to: NodeId,
    },
    /// Heal the link in one direction only.
    HealLink {
        from: NodeId,
        to: NodeId,
    },
    /// Split the cluster into sides that cannot talk to each other. Nodes in
    /// no group form one more side together.
    Partition(Vec<Vec<NodeId>>),
    /// Heal every partition and every cut link.
    HealAll,
    /// Drop one message that is on the wire.
    DropMessage(MessageId),
    /// Hold one message on the wire for longer.
    DelayMessage {
        message: MessageId,
        by: Duration,
    },
    /// Change how every link behaves (the network sliders).
    SetNetwork(LinkConfig),
}

/// Why an intervention could not be carried out.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum InterventionError {
    /// It names a node the cluster does not have.
    NoSuchNode(NodeId),
    /// It names a message that is not on the wire now.
    NotInFlight(MessageId),
    /// It is stamped earlier than the run's current time.
    InThePast { at: SimTime, now: SimTime },
}

impl std::fmt::Display for InterventionError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            InterventionError::NoSuchNode(n) => write!(f, "there is no node {n}"),
            InterventionError::NotInFlight(m) => write!(f, "message {m} is not on the wire"),
            InterventionError::InThePast { at, now } => {
                write!(f, "cannot act at {at} µs: the run is already at {now} µs")
            }
        }
    }
}

impl std::error::Error for InterventionError {}
