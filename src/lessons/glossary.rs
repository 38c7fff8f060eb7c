//! The course's vocabulary: each word, what it means in a sentence, and the
//! lesson (by slug) where the student sees it happen.

/// One word of the glossary.
pub struct Term {
    pub word: &'static str,
    pub meaning: &'static str,
    /// The slug of the lesson that shows it.
    pub lesson: &'static str,
}

/// The glossary, in alphabetical order.
pub static GLOSSARY: &[Term] = &[
    Term {
        word: "Availability",
        meaning: "The share of time a system is up and answering, often quoted in \"nines\" such as 99.9%.",
        lesson: "replication",
    },
    Term {
        word: "Client",
        meaning: "Whatever asks a server for something: a browser, a phone app, or another server.",
        lesson: "lost-replies",
    },
    Term {
        word: "Clock drift",
        meaning: "A clock running a little too fast or too slow, so that over time it pulls away from the true \
                  time and from other clocks.",
        lesson: "clocks",
    },
    Term {
        word: "Cluster",
        meaning: "A group of nodes working together so that, from outside, they look like one system.",
        lesson: "autonomy",
    },
    Term {
        word: "Failure",
        meaning: "The system as a whole not doing its job for its users, such as an error instead of a page.",
        lesson: "replication",
    },
    Term {
        word: "Fault",
        meaning: "One part going wrong, such as a crashed machine or a lost message; a good design keeps a fault \
                  from becoming a failure.",
        lesson: "replication",
    },
    Term {
        word: "Idempotency key",
        meaning: "A label a client attaches to a request and repeats on every retry, so the server can tell a \
                  retry from a new request and do the work only once.",
        lesson: "lost-replies",
    },
    Term {
        word: "Lamport clock",
        meaning: "A counter each node keeps and passes along with its messages, so that a cause always gets a \
                  smaller number than its effects, whatever the real clocks say.",
        lesson: "clocks",
    },
    Term {
        word: "Latency",
        meaning: "How long one request takes, from asking to getting the answer.",
        lesson: "geography",
    },
    Term {
        word: "Leader",
        meaning: "The one node a group has agreed should coordinate the others for a while, until it fails and \
                  they choose again.",
        lesson: "leader-election",
    },
    Term {
        word: "Load balancer",
        meaning: "A node that takes incoming requests and spreads them over several servers that can each \
                  answer them.",
        lesson: "scaling-out",
    },
    Term {
        word: "Node",
        meaning: "One computer, or one running program, that is part of a distributed system: a circle on the \
                  canvas.",
        lesson: "autonomy",
    },
    Term {
        word: "Partition (network)",
        meaning: "A break in the network that splits the nodes into groups that cannot reach each other, while \
                  every node keeps running.",
        lesson: "partitions",
    },
    Term {
        word: "Replica",
        meaning: "A copy of the same data kept on another node, so the data survives when one node is lost.",
        lesson: "replication",
    },
    Term {
        word: "Server",
        meaning: "A node that provides a service by answering requests.",
        lesson: "one-machine",
    },
    Term {
        word: "Shard",
        meaning: "A slice of the data held by one node, so that different nodes hold different pieces; it is \
                  also called a partition, a second meaning of that word.",
        lesson: "sharding",
    },
    Term {
        word: "Single point of failure",
        meaning: "One part whose failure stops the whole system, like a central server that every client needs.",
        lesson: "one-machine",
    },
    Term {
        word: "Throughput",
        meaning: "How much work a system finishes per second, however long each single piece takes.",
        lesson: "geography",
    },
    Term {
        word: "Timeout",
        meaning: "The moment a node stops waiting for an answer and decides something went wrong, without \
                  knowing what.",
        lesson: "lost-replies",
    },
];

#[cfg(test)]
mod tests {
    use super::super::by_slug;
    use super::GLOSSARY;

    #[test]
    fn every_term_links_to_a_lesson_that_exists() {
        for term in GLOSSARY {
            assert!(
                by_slug(term.lesson).is_some(),
                "{} links to {}, which is not a lesson",
                term.word,
                term.lesson
            );
        }
    }

    #[test]
    fn the_glossary_is_in_alphabetical_order() {
        let words: Vec<String> = GLOSSARY.iter().map(|t| t.word.to_lowercase()).collect();
        let mut sorted = words.clone();
        sorted.sort();
        assert_eq!(words, sorted);
    }

    #[test]
    fn the_core_vocabulary_is_all_there() {
        for word in [
            "node",
            "cluster",
            "server",
            "client",
            "replica",
            "partition (network)",
            "shard",
            "latency",
            "throughput",
            "availability",
            "fault",
            "failure",
        ] {
            assert!(
                GLOSSARY.iter().any(|t| t.word.to_lowercase() == word),
                "{word} is missing"
            );
        }
    }
}
