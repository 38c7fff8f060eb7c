//! The messages peers exchange. Each carries the sender's vector clock;
//! the engine stamps the Lamport clock on the envelope itself.

use crate::sim::Message;

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
    pub fn label(self) -> &'static str {
        match self {
            Topic::Gossip => "gossip",
            Topic::Question => "question",
            Topic::Answer => "answer",
            Topic::Comment => "comment",
        }
    }
}

/// A message between peers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClockMsg {
    pub topic: Topic,
    /// Which question (or gossip round) it belongs to.
    pub number: u64,
    /// The sender's vector clock at the send event.
    pub vector: VectorClock,
}

impl Message for ClockMsg {
    fn label(&self) -> &'static str {
        self.topic.label()
    }
}
