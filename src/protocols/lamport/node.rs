//! The peers of the clocks lesson, as one behaviour: gossipers that chat at
//! random on timers, and the three roles of the scripted chat (an asker, an
//! answerer and a commenter). Every peer logs each event with its physical,
//! Lamport and vector timestamps.

use crate::sim::{Behaviour, Context, Duration, Fact, Headline, NodeId, Part, Role, TimerTag, Value};

use super::message::{ClockMsg, Topic};
use super::peer::Peer;

/// The one timer a peer uses: time to gossip, or to ask the next question.
pub const TICK: TimerTag = 1;

/// Parts per million, for chances.
const MILLION: u64 = 1_000_000;

/// How a gossiper behaves.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct GossipConfig {
    /// Shortest wait between two of its own events.
    pub every_min: Duration,
    /// Longest wait between two of its own events.
    pub every_max: Duration,
    /// Chance, in parts per million, that an event is local work rather
    /// than a message to a random peer.
    pub local_ppm: u32,
}

/// How the asker of the chat behaves.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ChatConfig {
    /// Wait before the first question, by the asker's clock.
    pub first_after: Duration,
    /// Wait between questions.
    pub ask_every: Duration,
    /// How many questions it asks in all.
    pub rounds: u32,
}

/// What a commenter has heard of the chat's rounds: the newest question,
/// and how many answers came before their question. Kept on disk, like
/// the log.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Heard {
    newest_question: u64,
    answers_first: u64,
}

impl Heard {
    fn question(&mut self, number: u64) {
        self.newest_question = self.newest_question.max(number);
    }

    /// An answer to a question numbered later than any it has heard came
    /// before its question (or instead of it).
    fn answer(&mut self, number: u64) {
        if number > self.newest_question {
            self.answers_first += 1;
        }
    }
}

/// One peer of the clocks lesson.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ClockNode {
    /// Sends gossip to random peers, and does local work, on random timers.
    Gossiper { peer: Peer, config: GossipConfig },
    /// Asks every other node a question, round after round.
    Asker { peer: Peer, config: ChatConfig, asked: u32 },
    /// Answers every question it gets, to everyone.
    Answerer { peer: Peer },
    /// Comments, to everyone, on every answer it sees, and counts the
    /// answers it took in before their question.
    Commenter { peer: Peer, heard: Heard },
}

impl ClockNode {
    pub fn gossiper(config: GossipConfig) -> Self {
        ClockNode::Gossiper {
            peer: Peer::default(),
            config,
        }
    }

    pub fn asker(config: ChatConfig) -> Self {
        ClockNode::Asker {
            peer: Peer::default(),
            config,
            asked: 0,
        }
    }

    pub fn answerer() -> Self {
        ClockNode::Answerer { peer: Peer::default() }
    }

    pub fn commenter() -> Self {
        ClockNode::Commenter {
            peer: Peer::default(),
            heard: Heard::default(),
        }
    }

    /// The clocks and log this node keeps.
    pub fn peer(&self) -> &Peer {
        match self {
            ClockNode::Gossiper { peer, .. }
            | ClockNode::Asker { peer, .. }
            | ClockNode::Answerer { peer }
            | ClockNode::Commenter { peer, .. } => peer,
        }
    }

    fn peer_mut(&mut self) -> &mut Peer {
        match self {
            ClockNode::Gossiper { peer, .. }
            | ClockNode::Asker { peer, .. }
            | ClockNode::Answerer { peer }
            | ClockNode::Commenter { peer, .. } => peer,
        }
    }
}

impl Behaviour for ClockNode {
    type Msg = ClockMsg;

    fn on_start(&mut self, ctx: &mut Context<'_, ClockMsg>) {
        self.peer_mut().begin(ctx);
        match self {
            ClockNode::Gossiper { config, .. } => {
                let wait = ctx.random_between(config.every_min, config.every_max);
                ctx.set_timer(TICK, wait);
            }
            ClockNode::Asker { config, asked, .. } if *asked < config.rounds => {
                let wait = if *asked == 0 {
                    config.first_after
                } else {
                    config.ask_every
                };
                ctx.set_timer(TICK, wait);
            }
            _ => {}
        }
    }

    fn on_message(&mut self, ctx: &mut Context<'_, ClockMsg>, from: NodeId, msg: ClockMsg) {
        let peer = self.peer_mut();
        peer.begin(ctx);
        peer.receive(ctx, from, &msg);
        match (self, msg.topic) {
            (ClockNode::Answerer { peer }, Topic::Question) => peer.send_to_all(ctx, Topic::Answer, msg.number),
            (ClockNode::Commenter { heard, .. }, Topic::Question) => heard.question(msg.number),
            (ClockNode::Commenter { peer, heard }, Topic::Answer) => {
                heard.answer(msg.number);
                peer.send_to_all(ctx, Topic::Comment, msg.number);
            }
            _ => {}
        }
    }

    fn on_timer(&mut self, ctx: &mut Context<'_, ClockMsg>, _tag: TimerTag) {
        self.peer_mut().begin(ctx);
        match self {
            ClockNode::Gossiper { peer, config } => {
                let peers = u64::from(ctx.node_count().saturating_sub(1));
                let local = ctx.random_below(MILLION) < u64::from(config.local_ppm);
                if local || peers == 0 {
                    peer.local(ctx, "local work");
                } else {
                    let pick = ctx.random_below(peers) as u32;
                    let to = if pick >= ctx.me().0 { pick + 1 } else { pick };
                    let number = peer.sent() + 1;
                    peer.send(ctx, NodeId(to), Topic::Gossip, number);
                }
                let wait = ctx.random_between(config.every_min, config.every_max);
                ctx.set_timer(TICK, wait);
            }
            ClockNode::Asker { peer, config, asked } if *asked < config.rounds => {
                *asked += 1;
                peer.send_to_all(ctx, Topic::Question, u64::from(*asked));
                if *asked < config.rounds {
                    ctx.set_timer(TICK, config.ask_every);
                }
            }
            _ => {}
        }
    }

    fn on_crash(&mut self) {
        self.peer_mut().forget_volatile();
    }

    fn role(&self) -> Role {
        match self {
            ClockNode::Gossiper { .. } => Role::new(Part::Peer, "gossiper"),
            ClockNode::Asker { .. } => Role::new(Part::Peer, "asker"),
            ClockNode::Answerer { .. } => Role::new(Part::Peer, "answerer"),
            ClockNode::Commenter { .. } => Role::new(Part::Peer, "commenter"),
        }
    }

    fn headline(&self) -> Option<Headline> {
        match self {
            ClockNode::Commenter { heard, .. } => Some(Headline::AnswersFirst {
                answers: heard.answers_first,
            }),
            _ => None,
        }
    }

    fn describe(&self) -> Vec<Fact> {
        let mut facts = self.peer().describe();
        if let ClockNode::Asker { config, asked, .. } = self {
            facts.push(Fact::new(
                "questions asked",
                Value::OutOf {
                    n: u64::from(*asked),
                    of: u64::from(config.rounds),
                    noun: "question",
                },
            ));
        }
        facts
    }
}
