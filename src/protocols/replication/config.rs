//! The knobs of the replicated store: synchronous or asynchronous
//! replication, which side of the CAP trade-off to take during a partition,
//! heartbeat and failover timings, and how clients choose whom to ask.

use crate::sim::{Duration, NodeId};

/// When the primary acknowledges a write to the client.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WriteMode {
    /// After every backup it can currently reach has stored the write: slower,
    /// but an acknowledged write survives the primary's crash.
    Synchronous,
    /// As soon as it has stored the write itself: fast, but a crash can lose
    /// writes the backups had not received yet.
    Asynchronous,
}

/// What a replica does when it cannot reach a majority of the replicas.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PartitionChoice {
    /// Keep answering from the local copy (reads may be stale, writes may
    /// conflict) and reconcile when the partition heals.
    Availability,
    /// Refuse reads and writes rather than risk a stale or conflicting answer.
    Consistency,
}

/// How every replica behaves. Replicas are nodes `0..replicas`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ReplicaConfig {
    pub replicas: u32,
    pub mode: WriteMode,
    pub choice: PartitionChoice,
    /// How often each replica sends heartbeats to the others.
    pub heartbeat_every: Duration,
    /// A replica counts another as reachable if it heard from it this recently.
    pub contact_within: Duration,
    /// A backup that has not heard from the primary for this long tries to
    /// take over. Longer than `contact_within`, so that an old primary stops
    /// serving (under Consistency) before a new one can be chosen.
    pub failover_after: Duration,
    /// At its first start a replica counts every other as just heard from,
    /// as replicas set up together would; otherwise it waits for their
    /// heartbeats, and refuses clients meanwhile under Consistency.
    pub start_in_touch: bool,
}

impl ReplicaConfig {
    /// How many replicas (counting oneself) make a majority.
    pub fn majority(&self) -> usize {
        self.replicas as usize / 2 + 1
    }
}

/// Where a client sends a new request.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    /// To the replica it believes is the primary (starting with replica 0,
    /// following redirects, trying the next replica after a timeout).
    Primary,
    /// Always to this replica first (which may redirect it).
    Replica(NodeId),
    /// To a replica picked at random for each attempt, as a load balancer would.
    Random,
}

/// How a client behaves.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ClientConfig {
    /// How many replicas there are (nodes `0..replicas`).
    pub replicas: u32,
    pub target: Target,
    /// Keys are drawn from `0..keys`.
    pub keys: u32,
    /// Shortest pause between finishing one request and starting the next.
    pub every_min: Duration,
    /// Longest such pause.
    pub every_max: Duration,
    /// Share of requests that are writes, in parts per million.
    pub write_ppm: u32,
    /// How long it waits for an answer before trying again.
    pub timeout: Duration,
    /// Most messages it sends for one request (first try, retries and
    /// redirects together) before giving up.
    pub attempts: u32,
}
