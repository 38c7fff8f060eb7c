//! The one message gossip sends: the news, on its way from one peer to
//! another.

use crate::kind;
use crate::sim::{Kind, Message, Phrase};

/// The news message's kind.
pub const NEWS: Kind = kind!("news", "news message");

/// The news, and how many hops this copy has made from its source (1 when
/// the source sent it).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct News {
    pub hops: u32,
}

impl Message for News {
    fn kind(&self) -> Kind {
        NEWS
    }

    fn describe(&self) -> Phrase {
        Phrase::from(match self.hops {
            0 | 1 => "the news, straight from its source".to_string(),
            hops => format!("the news, {hops} hops from its source"),
        })
    }
}
