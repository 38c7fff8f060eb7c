//! Words that may name nodes: what a message carries, or part of what a
//! node knows. Each node stays its id, so the page writes the name it
//! shows everywhere else, and no text is ever searched for ids.

use super::node::NodeId;

/// One stretch of a phrase.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Piece {
    /// Plain words.
    Words(String),
    /// A node, which the page names.
    Node(NodeId),
}

/// Words and nodes in reading order: "ask ", B, ": it is the primary".
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Phrase(Vec<Piece>);

impl Phrase {
    /// Just `node`.
    pub fn node(node: NodeId) -> Phrase {
        Phrase(vec![Piece::Node(node)])
    }

    /// This phrase, then `words`.
    pub fn then(mut self, words: &str) -> Phrase {
        match self.0.last_mut() {
            Some(Piece::Words(last)) => last.push_str(words),
            _ if words.is_empty() => {}
            _ => self.0.push(Piece::Words(words.to_string())),
        }
        self
    }

    /// This phrase, then `node`.
    pub fn then_node(mut self, node: NodeId) -> Phrase {
        self.0.push(Piece::Node(node));
        self
    }

    /// This phrase, then `other`.
    pub fn then_phrase(self, other: Phrase) -> Phrase {
        other.0.into_iter().fold(self, |phrase, piece| match piece {
            Piece::Words(words) => phrase.then(&words),
            Piece::Node(node) => phrase.then_node(node),
        })
    }

    /// `parts` one after another with `between` between them.
    pub fn joined(parts: impl IntoIterator<Item = Phrase>, between: &str) -> Phrase {
        parts
            .into_iter()
            .enumerate()
            .fold(Phrase::default(), |phrase, (i, part)| {
                let phrase = if i > 0 { phrase.then(between) } else { phrase };
                phrase.then_phrase(part)
            })
    }

    /// Its pieces, in reading order.
    pub fn pieces(&self) -> &[Piece] {
        &self.0
    }

    /// At most `chars` characters of its words (a node counts as one),
    /// then "…" if anything was left out.
    pub fn cut(self, chars: usize) -> Phrase {
        let mut left = chars;
        let mut kept = Vec::new();
        for piece in self.0 {
            let size = match &piece {
                Piece::Words(words) => words.chars().count(),
                Piece::Node(_) => 1,
            };
            if size <= left {
                left -= size;
                kept.push(piece);
                continue;
            }
            if let Piece::Words(words) = piece {
                kept.push(Piece::Words(words.chars().take(left).collect()));
            }
            return Phrase(kept).then("…");
        }
        Phrase(kept)
    }
}

impl From<String> for Phrase {
    fn from(words: String) -> Phrase {
        Phrase::default().then(&words)
    }
}

impl From<&str> for Phrase {
    fn from(words: &str) -> Phrase {
        Phrase::default().then(words)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_run_together_and_nodes_stay_ids() {
        let phrase = Phrase::from("ask ")
            .then_node(NodeId(2))
            .then(": it is ")
            .then("the primary");
        assert_eq!(
            phrase.pieces(),
            [
                Piece::Words("ask ".into()),
                Piece::Node(NodeId(2)),
                Piece::Words(": it is the primary".into())
            ]
        );
    }

    #[test]
    fn joined_puts_the_separator_only_between() {
        let phrase = Phrase::joined([NodeId(0), NodeId(1)].map(Phrase::node), ", ");
        assert_eq!(
            phrase.pieces(),
            [
                Piece::Node(NodeId(0)),
                Piece::Words(", ".into()),
                Piece::Node(NodeId(1))
            ]
        );
        assert_eq!(Phrase::joined([], ", "), Phrase::default());
    }

    #[test]
    fn a_cut_phrase_ends_in_an_ellipsis_and_a_short_one_is_whole() {
        let long = Phrase::from("abcdef").then_node(NodeId(1)).then("ghi");
        assert_eq!(long.clone().cut(100), long);
        assert_eq!(long.clone().cut(3).pieces(), [Piece::Words("abc…".into())]);
        assert_eq!(
            long.cut(7).pieces(),
            [
                Piece::Words("abcdef".into()),
                Piece::Node(NodeId(1)),
                Piece::Words("…".into())
            ]
        );
    }
}
