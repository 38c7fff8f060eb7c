//! A gossiping peer: once it has the news it passes it on at the end of
//! each round, to a few peers picked at random, until its rounds run out.

use crate::sim::{Behaviour, Context, Duration, Fact, NodeId, Part, Role, TimerTag, Value};

use super::message::News;

/// How the peers gossip.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct GossipConfig {
    /// How many peers a peer tells each round.
    pub fanout: u32,
    /// How long a round lasts.
    pub round: Duration,
    /// How many rounds a peer passes the news on after hearing it.
    pub rounds: u32,
    /// When the source has the news, from its start.
    pub news_after: Duration,
}

/// A peer's timers: the source's news arriving, and the next round.
const NEWS_ARRIVES: TimerTag = 1;
const NEXT_ROUND: TimerTag = 2;

/// The source of the news, the peers that heard it, and those that have not.
const SOURCE: Role = Role::new(Part::Peer, "source");
const HEARD: Role = Role::new(Part::Peer, "heard");
const UNAWARE: Role = Role::new(Part::Peer, "unaware");

/// One peer.
#[derive(Clone, Debug)]
pub struct Peer {
    config: GossipConfig,
    /// Whether this peer makes the news up (durable: it wrote it).
    source: bool,
    /// The hops the news had made when this peer first heard it.
    heard: Option<u32>,
    /// Rounds of passing it on still to go.
    rounds_left: u32,
    /// Copies of the news that came after the first.
    repeats: u32,
}

impl Peer {
    /// The peer that has the news first.
    pub fn source(config: GossipConfig) -> Peer {
        Peer {
            source: true,
            ..Peer::listener(config)
        }
    }

    /// A peer that waits to hear the news.
    pub fn listener(config: GossipConfig) -> Peer {
        Peer {
            config,
            source: false,
            heard: None,
            rounds_left: 0,
            repeats: 0,
        }
    }

    /// Whether it has the news.
    pub fn knows(&self) -> bool {
        self.heard.is_some()
    }

    /// Take the news, `hops` hops from its source, and pass it on when
    /// this round ends.
    fn learn(&mut self, ctx: &mut Context<'_, News>, hops: u32) {
        self.heard = Some(hops);
        self.rounds_left = self.config.rounds;
        ctx.set_timer(NEXT_ROUND, self.config.round);
    }

    /// Tell `fanout` peers picked at random (each at most once a round),
    /// and wait for the next round while rounds are left.
    fn pass_on(&mut self, ctx: &mut Context<'_, News>) {
        let (Some(hops), Some(left)) = (self.heard, self.rounds_left.checked_sub(1)) else {
            return;
        };
        self.rounds_left = left;
        let mut others: Vec<NodeId> = ctx.peers().collect();
        let told = (self.config.fanout as usize).min(others.len());
        for i in 0..told {
            let pick = i + ctx.random_below((others.len() - i) as u64) as usize;
            others.swap(i, pick);
            ctx.send(others[i], News { hops: hops + 1 });
        }
        if left > 0 {
            ctx.set_timer(NEXT_ROUND, self.config.round);
        }
    }
}

impl Behaviour for Peer {
    type Msg = News;

    fn on_start(&mut self, ctx: &mut Context<'_, News>) {
        if self.source {
            ctx.set_timer(NEWS_ARRIVES, self.config.news_after);
        }
    }

    fn on_message(&mut self, ctx: &mut Context<'_, News>, _from: NodeId, msg: News) {
        if self.knows() {
            self.repeats = self.repeats.saturating_add(1);
        } else {
            self.learn(ctx, msg.hops);
        }
    }

    fn on_timer(&mut self, ctx: &mut Context<'_, News>, tag: TimerTag) {
        match tag {
            NEWS_ARRIVES => self.learn(ctx, 0),
            NEXT_ROUND => self.pass_on(ctx),
            _ => {}
        }
    }

    fn on_crash(&mut self) {
        self.heard = None;
        self.rounds_left = 0;
        self.repeats = 0;
    }

    fn role(&self) -> Role {
        if self.source {
            SOURCE
        } else if self.knows() {
            HEARD
        } else {
            UNAWARE
        }
    }

    fn describe(&self) -> Vec<Fact> {
        let news = match self.heard {
            None => "not heard yet".to_string(),
            Some(0) => "made it up".to_string(),
            Some(1) => "heard it from the source".to_string(),
            Some(hops) => format!("heard it {hops} hops from the source"),
        };
        vec![
            Fact::in_memory("news", Value::words(news)),
            Fact::in_memory("rounds left to pass it on", Value::number(self.rounds_left)),
            Fact::in_memory("copies heard again", Value::number(self.repeats)),
        ]
    }
}
