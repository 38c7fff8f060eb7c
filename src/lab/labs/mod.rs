//! The labs, as data: each names its lesson, says in a few plain words
//! what the student's node must do, gives starter code that runs but fails
//! in a way worth seeing, hints, the cluster each test run builds around
//! the student's nodes (helpers, network, faults) and the property it
//! checks once a run is over.

pub mod election;
pub mod exactly_once;
pub mod gossip;
pub mod lamport;
pub mod primary_backup;

use std::rc::Rc;

use crate::protocols::lamport::letter;
use crate::sim::{Intervention, Kind, LinkConfig, NetworkConfig, NodeId, NodeSetup, Role, SimTime, World};

use super::node::LabNode;
use super::program::Program;
use super::student::StudentNode;

/// One lab.
pub struct Lab {
    /// Never shown: "exactly-once".
    pub id: &'static str,
    pub title: &'static str,
    /// The lesson it builds on.
    pub lesson: u32,
    /// What the student's node must do.
    pub spec: &'static str,
    pub starter: &'static str,
    pub hints: &'static [&'static str],
    /// The message types the lab knows, for their nouns and colours.
    pub kinds: &'static [Kind],
    /// What every test run must show, in the order the lab checks them.
    pub properties: &'static [&'static str],
    /// How long each test run lasts, in true time.
    pub duration: SimTime,
    /// The cluster of one test run, around the student's program.
    pub setup: fn(&Rc<Program>) -> Setup,
    /// The lab's property, checked on a finished run.
    pub check: fn(&World<LabNode>) -> Verdict,
    /// What the lab measures of a finished run besides its properties,
    /// if anything.
    pub measure: Option<Measure>,
}

/// A figure a lab reports of each finished run: "messages per value".
#[derive(Clone, Copy)]
pub struct Measure {
    /// What the figure counts, in the student's words.
    pub name: &'static str,
    pub of: fn(&World<LabNode>) -> u64,
}

/// The cluster of one test run.
pub struct Setup {
    pub network: NetworkConfig,
    pub nodes: Vec<NodeSetup<LabNode>>,
    /// What the run does to the cluster, in time order.
    pub faults: Vec<Intervention>,
}

/// The outcome of one test run.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Verdict {
    Passed,
    /// `property` failed, as `explanation` says: "save 7 was applied twice:
    /// at 1.2 s and at 1.5 s".
    Failed {
        property: &'static str,
        explanation: String,
    },
}

impl Verdict {
    pub fn passed(&self) -> bool {
        matches!(self, Verdict::Passed)
    }
}

/// Every lab, in course order.
pub fn all() -> [&'static Lab; 5] {
    [
        &exactly_once::LAB,
        &gossip::LAB,
        &lamport::LAB,
        &primary_backup::LAB,
        &election::LAB,
    ]
}

/// `count` student nodes named A, B, C…, each running `program` as `role`
/// and knowing the others: the cluster a lab's students write. `dress`
/// adds what the lab watches them by (a journal of their handlers, the
/// sign of a leader), or nothing.
fn student_nodes(
    program: &Rc<Program>,
    count: u32,
    role: Role,
    dress: fn(StudentNode) -> StudentNode,
) -> Vec<NodeSetup<LabNode>> {
    let cluster: Rc<[NodeId]> = (0..count).map(NodeId).collect();
    cluster
        .iter()
        .map(|node| {
            let student = dress(StudentNode::new(Rc::clone(program), Rc::clone(&cluster), role));
            NodeSetup::new(letter(node.index()), LabNode::Student(Box::new(student)))
        })
        .collect()
}

/// A network where every link behaves as `link`, with no distance.
fn network(link: LinkConfig) -> NetworkConfig {
    NetworkConfig {
        default_link: link,
        distance: None,
    }
}

/// A time in milliseconds as a student reads it: "1.2 s".
pub fn seconds(ms: i64) -> String {
    format!("{}.{} s", ms.div_euclid(1_000), ms.rem_euclid(1_000) / 100)
}
