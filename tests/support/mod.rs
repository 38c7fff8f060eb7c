//! A tiny behaviour for testing the engine on its own: every node pings a
//! random peer on a timer and answers every ping with a pong.

use many_nodes::kind;
use many_nodes::sim::{
    Behaviour, Context, Kind, Message, NodeId, NodeSetup, Observation, Part, Phrase, Role, TimerTag,
};

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PingMsg {
    Ping(u64),
    Pong(u64),
}

impl Message for PingMsg {
    fn kind(&self) -> Kind {
        match self {
            PingMsg::Ping(_) => kind!("ping", "ping"),
            PingMsg::Pong(_) => kind!("pong", "pong"),
        }
    }

    fn describe(&self) -> Phrase {
        match self {
            PingMsg::Ping(n) | PingMsg::Pong(n) => format!("number {n}").into(),
        }
    }
}

/// Pings a random peer every `period` µs of local time; answers pings after
/// `work` µs of local work. Counts pongs (volatile) and pings answered
/// (durable).
#[derive(Clone, Debug, Default)]
pub struct Pinger {
    pub period: u64,
    pub work: u64,
    pub next: u64,
    pub pongs: u64,
    pub answered: u64,
}

pub const TICK: TimerTag = 1;

impl Behaviour for Pinger {
    type Msg = PingMsg;

    fn on_start(&mut self, ctx: &mut Context<'_, PingMsg>) {
        if self.period > 0 {
            let first = ctx.random_between(1, self.period);
            ctx.set_timer(TICK, first);
        }
    }

    fn on_message(&mut self, ctx: &mut Context<'_, PingMsg>, from: NodeId, msg: PingMsg) {
        match msg {
            PingMsg::Ping(n) => {
                ctx.work(self.work);
                self.answered += 1;
                ctx.send(from, PingMsg::Pong(n));
            }
            PingMsg::Pong(_) => {
                self.pongs += 1;
                ctx.observe(Observation::RequestSucceeded { latency: 1 });
            }
        }
    }

    fn on_timer(&mut self, ctx: &mut Context<'_, PingMsg>, _tag: TimerTag) {
        let peers = u64::from(ctx.node_count()) - 1;
        if peers > 0 {
            let pick = ctx.random_below(peers) as u32;
            let to = if pick >= ctx.me().0 { pick + 1 } else { pick };
            self.next += 1;
            ctx.send(NodeId(to), PingMsg::Ping(self.next));
        }
        ctx.set_timer(TICK, self.period);
    }

    fn on_crash(&mut self) {
        self.pongs = 0;
    }

    fn role(&self) -> Role {
        Role::new(Part::Peer, "pinger")
    }
}

/// `n` pingers named A, B, C...
pub fn pingers(n: usize, period: u64, work: u64) -> Vec<NodeSetup<Pinger>> {
    (0..n)
        .map(|i| {
            let name = ((b'A' + (i % 26) as u8) as char).to_string();
            NodeSetup::new(
                name,
                Pinger {
                    period,
                    work,
                    ..Pinger::default()
                },
            )
        })
        .collect()
}
