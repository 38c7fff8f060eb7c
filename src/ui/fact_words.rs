//! What a node knows and what a message carries, written out for the page:
//! typed facts and phrases become words here, with node ids as the names
//! the page shows everywhere else, counts with their nouns in the right
//! number and times in sensible units.

use crate::sim::words::{count, duration, duration_range, holding, key_name, percent};
use crate::sim::{NodeId, Phrase, Piece, Value};

/// The name the page gives `node` ("node 10" for the tenth if it has
/// none, counting from one as the sandbox does).
pub fn node_name(names: &[String], node: NodeId) -> String {
    names
        .get(node.index())
        .cloned()
        .unwrap_or_else(|| format!("node {}", u64::from(node.0) + 1))
}

/// A message as the student saw it leave: "B's reply to A".
pub fn message_words(names: &[String], from: NodeId, noun: &str, to: NodeId) -> String {
    format!("{}'s {noun} to {}", node_name(names, from), node_name(names, to))
}

/// `phrase` in words, each node by its name.
pub fn spell(phrase: &Phrase, names: &[String]) -> String {
    phrase
        .pieces()
        .iter()
        .map(|piece| match piece {
            Piece::Words(words) => words.clone(),
            Piece::Node(node) => node_name(names, *node),
        })
        .collect()
}

/// A fact's value in words: "12", "3 answers", "2 of 3 replicas",
/// "150 ms", "B", "x = 12 (version 17)".
pub fn value_words(value: &Value, names: &[String]) -> String {
    match value {
        Value::Number(n) => n.to_string(),
        Value::Count(n, noun) => count(*n, noun),
        Value::OutOf { n, of, noun } => format!("{n} of {}", count(*of, noun)),
        Value::Time(length) => duration(*length),
        Value::Between(low, high) => duration_range(*low, *high),
        Value::Share(ppm) => percent(*ppm),
        Value::Node { node: Some(node), .. } => node_name(names, *node),
        Value::Node { node: None, none } => (*none).to_string(),
        Value::Nodes { nodes, none } if nodes.is_empty() => (*none).to_string(),
        Value::Nodes { nodes, .. } => nodes
            .iter()
            .map(|&node| node_name(names, node))
            .collect::<Vec<_>>()
            .join(", "),
        Value::Holds { key, written } => holding(&key_name(*key), *written),
        Value::Said(phrase) => spell(phrase, names),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::{millis, Written};

    fn names() -> Vec<String> {
        ["A", "B", "C"].map(String::from).to_vec()
    }

    #[test]
    fn nodes_are_named_wherever_they_sit_in_a_phrase() {
        let phrase = Phrase::from("ask ").then_node(NodeId(2)).then(": it is the primary");
        assert_eq!(spell(&phrase, &names()), "ask C: it is the primary");
        assert_eq!(spell(&Phrase::node(NodeId(9)), &names()), "node 10");
    }

    #[test]
    fn every_kind_of_value_reads_as_words() {
        let cases = [
            (Value::number(12u64), "12"),
            (Value::Count(1, "answer"), "1 answer"),
            (Value::Count(3, "answer"), "3 answers"),
            (
                Value::OutOf {
                    n: 2,
                    of: 3,
                    noun: "replica",
                },
                "2 of 3 replicas",
            ),
            (Value::Time(millis(150)), "150 ms"),
            (Value::Share(25_000), "2.5%"),
            (
                Value::Node {
                    node: Some(NodeId(1)),
                    none: "nobody",
                },
                "B",
            ),
            (
                Value::Node {
                    node: None,
                    none: "nobody",
                },
                "nobody",
            ),
            (
                Value::Nodes {
                    nodes: vec![NodeId(0), NodeId(2)],
                    none: "nobody",
                },
                "A, C",
            ),
            (
                Value::Nodes {
                    nodes: vec![],
                    none: "nobody",
                },
                "nobody",
            ),
            (
                Value::Holds {
                    key: 0,
                    written: Written { value: 12, version: 17 },
                },
                "x = 12 (version 17)",
            ),
            (Value::words("idle"), "idle"),
        ];
        for (value, words) in cases {
            assert_eq!(value_words(&value, &names()), words, "{value:?}");
        }
    }
}
