//! Every node of a lab run: the student's nodes, and the helpers a lab
//! brings in Rust (its clients) to drive them and to watch what they do.
//! One enum, so that a lab's world runs one behaviour type.

use crate::sim::{Behaviour, Context, Fact, Headline, NodeId, Role, TimerTag, Waiting};

use super::labs::exactly_once::SaveClient;
use super::labs::gossip::Broadcaster;
use super::labs::primary_backup::{RegisterClient, ViewService};
use super::message::LabMessage;
use super::student::StudentNode;

/// A node of a lab run. The student's node is boxed: it is many times the
/// size of the lab's helpers.
#[derive(Clone, Debug)]
pub enum LabNode {
    Student(Box<StudentNode>),
    SaveClient(SaveClient),
    Broadcaster(Broadcaster),
    RegisterClient(RegisterClient),
    ViewService(ViewService),
}

impl LabNode {
    /// The student's node, if this is one.
    pub fn student(&self) -> Option<&StudentNode> {
        match self {
            LabNode::Student(node) => Some(node),
            LabNode::SaveClient(_) | LabNode::Broadcaster(_) | LabNode::RegisterClient(_) | LabNode::ViewService(_) => {
                None
            }
        }
    }
}

/// Calls the same method on whichever node this is.
macro_rules! each {
    ($node:expr, $n:ident => $body:expr) => {
        match $node {
            LabNode::Student($n) => $body,
            LabNode::SaveClient($n) => $body,
            LabNode::Broadcaster($n) => $body,
            LabNode::RegisterClient($n) => $body,
            LabNode::ViewService($n) => $body,
        }
    };
}

impl Behaviour for LabNode {
    type Msg = LabMessage;

    fn on_start(&mut self, ctx: &mut Context<'_, LabMessage>) {
        each!(self, n => n.on_start(ctx))
    }

    fn on_message(&mut self, ctx: &mut Context<'_, LabMessage>, from: NodeId, msg: LabMessage) {
        each!(self, n => n.on_message(ctx, from, msg))
    }

    fn on_timer(&mut self, ctx: &mut Context<'_, LabMessage>, tag: TimerTag) {
        each!(self, n => n.on_timer(ctx, tag))
    }

    fn on_crash(&mut self) {
        each!(self, n => n.on_crash())
    }

    fn role(&self) -> Role {
        each!(self, n => n.role())
    }

    fn waits_for(&self, tag: TimerTag) -> Option<Waiting> {
        each!(self, n => n.waits_for(tag))
    }

    fn headline(&self) -> Option<Headline> {
        each!(self, n => n.headline())
    }

    fn describe(&self) -> Vec<Fact> {
        each!(self, n => n.describe())
    }
}
