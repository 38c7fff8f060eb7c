//! The course's vocabulary: each word, what it means in a sentence or two,
//! and the lesson step where the student sees it happen (the glossary's
//! link opens that step).

/// One word of the glossary.
pub struct Term {
    pub word: &'static str,
    pub meaning: &'static str,
    /// The slug of the lesson that shows it.
    pub lesson: &'static str,
    /// The step of that lesson that shows it, counted from 0.
    pub step: usize,
}

/// The glossary, in alphabetical order.
pub static GLOSSARY: &[Term] = &[
    Term {
        word: "Autonomous",
        meaning: "Running on its own: an autonomous node follows its own program at its own pace, and no other \
                  node can reach inside it; they can only send it messages.",
        lesson: "autonomy",
        step: 1,
    },
    Term {
        word: "Availability",
        meaning: "The share of time a system is up and answering, often quoted in \"nines\" such as 99.9%.",
        lesson: "replication",
        step: 4,
    },
    Term {
        word: "CDN",
        meaning: "A content delivery network: servers in many cities that keep copies of pictures, scripts and \
                  pages, so each visitor is answered from somewhere near.",
        lesson: "geography",
        step: 4,
    },
    Term {
        word: "Centralized",
        meaning: "Built around one central machine that holds the data and does the work for everyone; simple, \
                  but everything stops when that machine does.",
        lesson: "one-machine",
        step: 3,
    },
    Term {
        word: "Client",
        meaning: "Whatever asks a server for something: a browser, a phone app, or another server.",
        lesson: "lost-replies",
        step: 0,
    },
    Term {
        word: "Clock drift",
        meaning: "A clock running a little too fast or too slow, so that over time it pulls away from the true \
                  time and from other clocks.",
        lesson: "clocks",
        step: 0,
    },
    Term {
        word: "Cluster",
        meaning: "A group of nodes working together so that, from outside, they look like one system.",
        lesson: "autonomy",
        step: 0,
    },
    Term {
        word: "Distributed system",
        meaning: "Several computers that work together by sending each other messages over a network, and that \
                  can go wrong separately: one can crash while the others carry on.",
        lesson: "one-machine",
        step: 0,
    },
    Term {
        word: "Failure",
        meaning: "The system as a whole not doing its job for its users, such as an error instead of a page.",
        lesson: "replication",
        step: 1,
    },
    Term {
        word: "Fault",
        meaning: "One part going wrong, such as a crashed machine or a lost message; a good design keeps a fault \
                  from becoming a failure.",
        lesson: "replication",
        step: 1,
    },
    Term {
        word: "Idempotency",
        meaning: "The property of a request that has the same effect whether it is carried out once or many \
                  times, which is what makes it safe to retry.",
        lesson: "lost-replies",
        step: 5,
    },
    Term {
        word: "Idempotency key",
        meaning: "A label a client attaches to a request and repeats on every retry, so the server can tell a \
                  retry from a new request and do the work only once.",
        lesson: "lost-replies",
        step: 5,
    },
    Term {
        word: "Lamport clock",
        meaning: "A counter each node keeps and passes along with its messages, so that a cause always gets a \
                  smaller number than its effects, whatever the real clocks say.",
        lesson: "clocks",
        step: 2,
    },
    Term {
        word: "Latency",
        meaning: "How long one request takes, from asking to getting the answer.",
        lesson: "geography",
        step: 3,
    },
    Term {
        word: "Leader",
        meaning: "The one node a group has agreed should coordinate the others for a while, until it crashes or \
                  is cut off and they choose again.",
        lesson: "leader-election",
        step: 0,
    },
    Term {
        word: "Load balancer",
        meaning: "A node that takes incoming requests and spreads them over several servers that can each \
                  answer them.",
        lesson: "scaling-out",
        step: 0,
    },
    Term {
        word: "Node",
        meaning: "One computer, or one running program, that is part of a distributed system: a circle on the \
                  canvas.",
        lesson: "autonomy",
        step: 0,
    },
    Term {
        word: "Partition (network)",
        meaning: "A break in the network that splits the nodes into groups that cannot reach each other, while \
                  every node keeps running.",
        lesson: "partitions",
        step: 0,
    },
    Term {
        word: "Replica",
        meaning: "A copy of the same data kept on another node, so the data survives when one node is lost.",
        lesson: "replication",
        step: 0,
    },
    Term {
        word: "Retry",
        meaning: "Sending the same request again after the first attempt got no answer in time. It may run the \
                  request twice, if only the answer was lost.",
        lesson: "lost-replies",
        step: 3,
    },
    Term {
        word: "Server",
        meaning: "A node that provides a service by answering requests.",
        lesson: "one-machine",
        step: 3,
    },
    Term {
        word: "Shard",
        meaning: "A slice of the data held by one node, so that different nodes hold different pieces; it is \
                  also called a partition, a second meaning of that word.",
        lesson: "sharding",
        step: 0,
    },
    Term {
        word: "Single point of failure",
        meaning: "One part whose fault alone makes the whole system fail, like a central server that every client \
                  needs.",
        lesson: "one-machine",
        step: 4,
    },
    Term {
        word: "Throughput",
        meaning: "How much work a system finishes per second, however long each single piece takes.",
        lesson: "geography",
        step: 3,
    },
    Term {
        word: "Timeout",
        meaning: "The moment a node stops waiting for an answer and decides something went wrong, without \
                  knowing what.",
        lesson: "lost-replies",
        step: 0,
    },
    Term {
        word: "Vector clock",
        meaning: "A list of counters, one per node, that each node keeps and sends along with its messages; \
                  comparing two lists shows whether one event could have caused the other or whether they \
                  happened independently.",
        lesson: "clocks",
        step: 4,
    },
];

/// The words that carry a term's meaning, lower-case: every word of it but
/// a note in brackets and short words such as "of".
pub fn key_words(word: &str) -> Vec<String> {
    let bare = word.split(" (").next().unwrap_or(word).to_lowercase();
    let long: Vec<String> = bare
        .split_whitespace()
        .filter(|w| w.chars().count() > 3)
        .map(str::to_string)
        .collect();
    if long.is_empty() {
        vec![bare]
    } else {
        long
    }
}

#[cfg(test)]
mod tests {
    use super::super::by_slug;
    use super::{key_words, GLOSSARY};

    /// Every word a step shows: its title, text, task and question.
    fn step_words(slug: &str, index: usize) -> Option<String> {
        let (_, lesson) = by_slug(slug)?;
        let step = lesson.steps.get(index)?;
        let mut all = vec![step.title.to_string()];
        all.extend(step.text.iter().map(|t| t.to_string()));
        if let Some(task) = &step.task {
            all.extend([task.instruction.to_string(), task.hint.to_string()]);
        }
        if let Some(question) = &step.question {
            all.push(question.prompt.to_string());
            all.extend(question.choices.iter().chain(question.why).map(|t| t.to_string()));
        }
        Some(all.join(" ").to_lowercase())
    }

    #[test]
    fn every_term_links_to_a_step_that_shows_it() {
        for term in GLOSSARY {
            let Some(words) = step_words(term.lesson, term.step) else {
                panic!(
                    "{} links to step {} of {}, which does not exist",
                    term.word, term.step, term.lesson
                );
            };
            for key in key_words(term.word) {
                assert!(
                    words.contains(&key),
                    "{} links to step {} of {}, which never says \"{key}\"",
                    term.word,
                    term.step,
                    term.lesson
                );
            }
        }
    }

    #[test]
    fn key_words_drop_notes_and_little_words() {
        assert_eq!(key_words("Partition (network)"), ["partition"]);
        assert_eq!(key_words("Single point of failure"), ["single", "point", "failure"]);
        assert_eq!(key_words("CDN"), ["cdn"]);
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
            "distributed system",
            "centralized",
            "autonomous",
            "timeout",
            "retry",
            "idempotency",
            "vector clock",
            "cdn",
        ] {
            assert!(
                GLOSSARY.iter().any(|t| t.word.to_lowercase() == word),
                "{word} is missing"
            );
        }
    }
}
