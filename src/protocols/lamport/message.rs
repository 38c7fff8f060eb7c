//! The messages peers exchange. Each carries the sender's vector clock;
//! the engine stamps the Lamport clock on the envelope itself.

use crate::kind;
use crate::sim::{Kind, Message, Phrase};

use super::vector::VectorClock;

/// What a message is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Topic {
    /// Idle chatter between gossiping peers.
    Gossip,
    /// The asker's question in the chat.
    Question,
    /// The answerer's reply to a question.
    Answer,
    /// The commenter's remark on an answer.
    Comment,
}

impl Topic {
    pub fn kind(self) -> Kind {
        match self {
            Topic::Gossip => GOSSIP,
            Topic::Question => QUESTION,
            Topic::Answer => ANSWER,
            Topic::Comment => COMMENT,
        }
    }
}

/// The most vector clock entries a message's description lists.
const SHOWN_ENTRIES: usize = 8;

/// A message between peers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClockMsg {
    pub topic: Topic,
    /// Which question (or gossip round) it belongs to.
    pub number: u64,
    /// The sender's vector clock at the send event.
    pub vector: VectorClock,
}

/// A gossip message's kind.
pub const GOSSIP: Kind = kind!("gossip", "gossip");

/// A question message's kind.
pub const QUESTION: Kind = kind!("question", "question");

/// A answer message's kind.
pub const ANSWER: Kind = kind!("answer", "answer");

/// A comment message's kind.
pub const COMMENT: Kind = kind!("comment", "comment");

impl Message for ClockMsg {
    fn kind(&self) -> Kind {
        self.topic.kind()
    }

    fn describe(&self) -> Phrase {
        let round = match self.topic {
            Topic::Gossip => "round",
            Topic::Question | Topic::Answer | Topic::Comment => "question",
        };
        let entries = self.vector.entries().len();
        Phrase::from(if entries <= SHOWN_ENTRIES {
            format!("{round} {}, vector clock {}", self.number, self.vector)
        } else {
            format!("{round} {}, a vector clock of {entries} entries", self.number)
        })
    }
}
