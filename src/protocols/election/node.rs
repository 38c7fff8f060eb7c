//! A Raft server, election only. A follower that hears nothing from a leader
//! for its (random) election timeout becomes a candidate: it moves to the
//! next term, votes for itself and asks everyone else for a vote. A majority
//! of the whole cluster makes it leader, and it sends heartbeats to keep the
//! others following. Whoever sees a higher term in any message steps down to
//! follower in that term. Each server votes at most once per term.

use std::collections::BTreeSet;

use crate::sim::{
    Behaviour, Context, Fact, Headline, NodeId, Observation, Part, Phrase, Role, TimerTag, Value, Waiting,
};

use super::config::ElectionConfig;
use super::message::{ElectionMsg, Term};
use super::server::Server;

/// Time to stand for election (nothing heard from a leader).
pub const ELECTION: TimerTag = 1;
/// Time for a leader to send heartbeats.
pub const HEARTBEAT: TimerTag = 2;

/// One server, in one of Raft's three roles.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ElectionNode {
    /// Follows the leader of its term, if it knows one.
    Follower { server: Server, leader: Option<NodeId> },
    /// Stands for election; `votes` are the servers that voted for it, itself included.
    Candidate { server: Server, votes: BTreeSet<NodeId> },
    /// Won its term's election and sends heartbeats.
    Leader { server: Server },
}

impl ElectionNode {
    /// A follower with no term yet.
    pub fn new(config: ElectionConfig) -> Self {
        ElectionNode::Follower {
            server: Server::new(config),
            leader: None,
        }
    }

    /// Its durable state and timing.
    pub fn server(&self) -> &Server {
        match self {
            ElectionNode::Follower { server, .. }
            | ElectionNode::Candidate { server, .. }
            | ElectionNode::Leader { server } => server,
        }
    }

    fn server_mut(&mut self) -> &mut Server {
        match self {
            ElectionNode::Follower { server, .. }
            | ElectionNode::Candidate { server, .. }
            | ElectionNode::Leader { server } => server,
        }
    }

    /// Its current term.
    pub fn term(&self) -> Term {
        self.server().term()
    }

    pub fn is_leader(&self) -> bool {
        matches!(self, ElectionNode::Leader { .. })
    }

    /// The leader it believes in: itself when leading.
    pub fn leader(&self) -> Option<NodeId> {
        match self {
            ElectionNode::Follower { leader, .. } => *leader,
            ElectionNode::Candidate { .. } => None,
            ElectionNode::Leader { server } => Some(server.me),
        }
    }

    fn reset_election_timer(&self, ctx: &mut Context<'_, ElectionMsg>) {
        let config = self.server().config;
        let wait = ctx.random_between(config.timeout_min, config.timeout_max);
        ctx.set_timer(ELECTION, wait);
    }

    fn become_follower(&mut self, ctx: &mut Context<'_, ElectionMsg>, leader: Option<NodeId>) {
        let was_leader = self.is_leader();
        let server = self.server().clone();
        *self = ElectionNode::Follower { server, leader };
        if was_leader {
            ctx.cancel_timer(HEARTBEAT);
            ctx.observe(Observation::Count("leader stepped down"));
            self.reset_election_timer(ctx);
        }
    }

    fn become_candidate(&mut self, ctx: &mut Context<'_, ElectionMsg>) {
        let mut server = self.server().clone();
        let term = server.term + 1;
        server.adopt_term(term);
        server.voted_for = Some(server.me);
        server.elections_started += 1;
        let votes = BTreeSet::from([server.me]);
        *self = ElectionNode::Candidate { server, votes };
        ctx.observe(Observation::Count("election started"));
        ctx.broadcast(ElectionMsg::RequestVote { term });
        self.reset_election_timer(ctx);
        self.count_votes(ctx);
    }

    /// Become leader if the votes are a majority of the whole cluster.
    fn count_votes(&mut self, ctx: &mut Context<'_, ElectionMsg>) {
        let ElectionNode::Candidate { server, votes } = self else {
            return;
        };
        if votes.len() * 2 <= ctx.node_count() as usize {
            return;
        }
        let mut server = server.clone();
        server.times_elected += 1;
        let term = server.term;
        *self = ElectionNode::Leader { server };
        ctx.observe(Observation::Count("leader elected"));
        ctx.cancel_timer(ELECTION);
        ctx.broadcast(ElectionMsg::Heartbeat { term });
        ctx.set_timer(HEARTBEAT, self.server().config.heartbeat_every);
    }

    fn on_request_vote(&mut self, ctx: &mut Context<'_, ElectionMsg>, from: NodeId, term: Term) {
        let server = self.server_mut();
        let granted = term == server.term && server.voted_for.is_none_or(|v| v == from);
        if granted {
            server.voted_for = Some(from);
        }
        let current = server.term;
        ctx.send(from, ElectionMsg::Vote { term: current, granted });
        if granted {
            self.reset_election_timer(ctx);
        }
    }

    fn on_vote(&mut self, ctx: &mut Context<'_, ElectionMsg>, from: NodeId, term: Term, granted: bool) {
        if let ElectionNode::Candidate { server, votes } = self {
            if granted && term == server.term {
                votes.insert(from);
                self.count_votes(ctx);
            }
        }
    }

    fn on_heartbeat(&mut self, ctx: &mut Context<'_, ElectionMsg>, from: NodeId, term: Term) {
        let current = self.term();
        if term == current && !self.is_leader() {
            self.become_follower(ctx, Some(from));
            self.reset_election_timer(ctx);
        }
        ctx.send(from, ElectionMsg::HeartbeatReply { term: current });
    }
}

impl Behaviour for ElectionNode {
    type Msg = ElectionMsg;

    fn on_start(&mut self, ctx: &mut Context<'_, ElectionMsg>) {
        let server = self.server_mut();
        server.me = ctx.me();
        server.nodes = ctx.node_count();
        self.reset_election_timer(ctx);
    }

    fn on_message(&mut self, ctx: &mut Context<'_, ElectionMsg>, from: NodeId, msg: ElectionMsg) {
        if msg.term() > self.term() {
            self.server_mut().adopt_term(msg.term());
            self.become_follower(ctx, None);
        }
        match msg {
            ElectionMsg::RequestVote { term } => self.on_request_vote(ctx, from, term),
            ElectionMsg::Vote { term, granted } => self.on_vote(ctx, from, term, granted),
            ElectionMsg::Heartbeat { term } => self.on_heartbeat(ctx, from, term),
            ElectionMsg::HeartbeatReply { .. } => {}
        }
    }

    fn on_timer(&mut self, ctx: &mut Context<'_, ElectionMsg>, tag: TimerTag) {
        match (tag, self.is_leader()) {
            (ELECTION, false) => self.become_candidate(ctx),
            (HEARTBEAT, true) => {
                ctx.broadcast(ElectionMsg::Heartbeat { term: self.term() });
                ctx.set_timer(HEARTBEAT, self.server().config.heartbeat_every);
            }
            _ => {}
        }
    }

    fn headline(&self) -> Option<Headline> {
        let votes = match self {
            ElectionNode::Candidate { votes, .. } => Some(votes.len() as u32),
            _ => None,
        };
        Some(Headline::Term {
            term: self.term(),
            votes,
        })
    }

    fn waits_for(&self, tag: TimerTag) -> Option<Waiting> {
        // A leader's election timer means nothing: it is not waiting.
        (tag == ELECTION && !self.is_leader()).then_some(Waiting::Leader)
    }

    fn on_crash(&mut self) {
        let server = self.server().clone();
        *self = ElectionNode::Follower { server, leader: None };
    }

    fn role(&self) -> Role {
        match self {
            ElectionNode::Follower { .. } => Role::new(Part::Follower, "follower"),
            ElectionNode::Candidate { .. } => Role::new(Part::Candidate, "candidate"),
            ElectionNode::Leader { .. } => Role::new(Part::Leader, "leader"),
        }
    }

    fn describe(&self) -> Vec<Fact> {
        let server = self.server();
        let mut facts = vec![
            Fact::new("term", Value::number(server.term())),
            Fact::new(
                "voted for",
                Value::Node {
                    node: server.voted_for(),
                    none: "nobody",
                },
            ),
        ];
        match self {
            ElectionNode::Follower { leader, .. } => {
                facts.push(Fact::in_memory(
                    "leader",
                    Value::Node {
                        node: *leader,
                        none: "unknown",
                    },
                ));
            }
            ElectionNode::Candidate { votes, .. } => {
                let needed = server.nodes / 2 + 1;
                let from = Phrase::joined(votes.iter().map(|&v| Phrase::node(v)), ", ");
                let votes = Phrase::from(format!("{} from ", votes.len()))
                    .then_phrase(from)
                    .then(&format!(" (needs {needed})"));
                facts.push(Fact::in_memory("votes", Value::Said(votes)));
            }
            ElectionNode::Leader { .. } => {}
        }
        facts.extend([
            Fact::new(
                "election timeout",
                Value::Between(server.config.timeout_min, server.config.timeout_max),
            ),
            Fact::new("elections started", Value::number(server.elections_started())),
            Fact::new("times elected", Value::number(server.times_elected())),
        ]);
        facts
    }
}
