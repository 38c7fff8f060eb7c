//! The request/reply family's nodes as one behaviour: lone processes,
//! clients, servers (web servers, databases, caches) and load balancers.

use crate::sim::{Behaviour, Context, Fact, Headline, NodeId, Outcomes, Part, Role, TimerTag, Waiting};

use super::balancer::Balancer;
use super::client::Client;
use super::message::RpcMsg;
use super::process::Process;
use super::server::Server;

/// A node of a request/reply system.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RpcNode {
    Process(Process),
    Client(Client),
    Server(Server),
    Balancer(Balancer),
}

impl RpcNode {
    pub fn as_process(&self) -> Option<&Process> {
        match self {
            RpcNode::Process(process) => Some(process),
            _ => None,
        }
    }

    pub fn as_client(&self) -> Option<&Client> {
        match self {
            RpcNode::Client(client) => Some(client),
            _ => None,
        }
    }

    pub fn as_server(&self) -> Option<&Server> {
        match self {
            RpcNode::Server(server) => Some(server),
            _ => None,
        }
    }

    pub fn as_balancer(&self) -> Option<&Balancer> {
        match self {
            RpcNode::Balancer(balancer) => Some(balancer),
            _ => None,
        }
    }
}

impl Behaviour for RpcNode {
    type Msg = RpcMsg;

    fn on_start(&mut self, ctx: &mut Context<'_, RpcMsg>) {
        match self {
            RpcNode::Process(process) => process.on_start(ctx),
            RpcNode::Client(client) => client.on_start(ctx),
            RpcNode::Server(_) | RpcNode::Balancer(_) => {}
        }
    }

    fn on_message(&mut self, ctx: &mut Context<'_, RpcMsg>, from: NodeId, msg: RpcMsg) {
        match self {
            RpcNode::Process(_) => {}
            RpcNode::Client(client) => client.on_message(ctx, msg),
            RpcNode::Server(server) => server.on_message(ctx, from, msg),
            RpcNode::Balancer(balancer) => balancer.on_message(ctx, from, msg),
        }
    }

    fn on_timer(&mut self, ctx: &mut Context<'_, RpcMsg>, tag: TimerTag) {
        match self {
            RpcNode::Process(process) => process.on_timer(ctx),
            RpcNode::Client(client) => client.on_timer(ctx, tag),
            RpcNode::Server(server) => server.on_timer(ctx, tag),
            RpcNode::Balancer(balancer) => balancer.on_timer(ctx, tag),
        }
    }

    fn headline(&self) -> Option<Headline> {
        match self {
            RpcNode::Process(process) => Some(Headline::Counter {
                value: process.counter(),
            }),
            RpcNode::Server(server) if server.config.writes_via.is_none() && server.config.balance_shown => {
                Some(Headline::Balance {
                    value: server.balance(),
                    repeats: server.repeats(),
                })
            }
            RpcNode::Client(client) if client.config.wait_shown => client.last_wait().map(|last| Headline::Waited {
                last,
                answers: client.answers(),
            }),
            _ => None,
        }
    }

    fn outcomes(&self) -> Option<Outcomes> {
        let tally = self.as_client()?.tally();
        Some(Outcomes {
            errors: tally.failed,
            gave_up: tally.gave_up,
            ..Outcomes::default()
        })
    }

    fn stepping_around(&self) -> Option<Vec<NodeId>> {
        let balancer = self.as_balancer()?;
        balancer.config.avoid_for.map(|_| balancer.silent())
    }

    fn waits_for(&self, tag: TimerTag) -> Option<Waiting> {
        // A client's timers other than the one that starts its next
        // request are its waits for replies.
        (matches!(self, RpcNode::Client(_)) && tag != super::client::NEXT_REQUEST).then_some(Waiting::Reply)
    }

    fn on_crash(&mut self) {
        match self {
            RpcNode::Process(process) => process.forget_volatile(),
            RpcNode::Client(client) => client.forget_volatile(),
            RpcNode::Server(server) => server.forget_volatile(),
            RpcNode::Balancer(balancer) => balancer.forget_volatile(),
        }
    }

    fn role(&self) -> Role {
        match self {
            RpcNode::Process(_) => Role::new(Part::Process, "process"),
            RpcNode::Client(_) => Role::new(Part::Client, "client"),
            RpcNode::Server(server) => server.config.role,
            RpcNode::Balancer(_) => Role::new(Part::Balancer, "load balancer"),
        }
    }

    fn describe(&self) -> Vec<Fact> {
        match self {
            RpcNode::Process(process) => process.describe(),
            RpcNode::Client(client) => client.describe(),
            RpcNode::Server(server) => server.describe(),
            RpcNode::Balancer(balancer) => balancer.describe(),
        }
    }
}
