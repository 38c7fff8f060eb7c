//! The sandbox's words and numbers: reading a time typed in seconds,
//! writing one back, and saying what a scheduled intervention does in the
//! imperative ("Crash B"), which the timeline's marks say too. Pure
//! functions, tested natively.

use crate::scenario::ScenarioError;
use crate::sim::rng::PartsPerMillion;
use crate::sim::trace::{Trace, TraceKind};
use crate::sim::words::{count, duration};
use crate::sim::{Action, Duration, LinkConfig, SimTime, SECOND};
use crate::ui::fact_words::{message_words, node_name as name};

/// Digits of a second a typed time may have: microseconds.
const FRACTION_DIGITS: usize = 6;

/// A time typed in seconds ("2", "2.5", "0,75"), in microseconds; `None`
/// if it is not a plain non-negative number or is too large to hold.
pub fn parse_seconds(text: &str) -> Option<SimTime> {
    let text = text.trim();
    let (whole, fraction) = match text.split_once(['.', ',']) {
        Some((whole, fraction)) => (whole, fraction),
        None => (text, ""),
    };
    let digits = |part: &str| part.chars().all(|c| c.is_ascii_digit());
    if (whole.is_empty() && fraction.is_empty()) || !digits(whole) || !digits(fraction) {
        return None;
    }
    if fraction.len() > FRACTION_DIGITS {
        return None;
    }
    let whole: u64 = if whole.is_empty() { 0 } else { whole.parse().ok()? };
    let micros: u64 = if fraction.is_empty() {
        0
    } else {
        let scale = 10u64.pow((FRACTION_DIGITS - fraction.len()) as u32);
        fraction.parse::<u64>().ok()? * scale
    };
    whole.checked_mul(SECOND)?.checked_add(micros)
}

/// A time in seconds as the time fields show it: "2", "2.5", "0.000125".
pub fn seconds_text(at: SimTime) -> String {
    let fraction = at % SECOND;
    if fraction == 0 {
        return (at / SECOND).to_string();
    }
    let digits = format!("{fraction:06}");
    format!("{}.{}", at / SECOND, digits.trim_end_matches('0'))
}

/// What a scheduled intervention does, as a short command.
pub fn describe(action: &Action, names: &[String]) -> String {
    match action {
        Action::Crash(node) => format!("Crash {}", name(names, *node)),
        Action::Restart(node) => format!("Restart {}", name(names, *node)),
        Action::Pause(node) => format!("Pause {}", name(names, *node)),
        Action::Resume(node) => format!("Resume {}", name(names, *node)),
        Action::CutLink { from, to } => format!("Cut the link {}→{}", name(names, *from), name(names, *to)),
        Action::HealLink { from, to } => format!("Heal the link {}→{}", name(names, *from), name(names, *to)),
        Action::Partition(groups) => {
            let sides: Vec<String> = groups
                .iter()
                .map(|group| group.iter().map(|&n| name(names, n)).collect::<Vec<_>>().join(", "))
                .collect();
            format!("Split off {} from the rest", sides.join(" | "))
        }
        Action::HealAll => "Heal the whole network".to_string(),
        Action::DropMessage(message) => format!("Drop message {message}"),
        Action::DelayMessage { message, by } => format!("Hold message {message} back {}", duration(*by)),
        Action::SetNetwork(link) => format!("Set the network to {}", network_words(link)),
    }
}

/// What an intervention done at `at` did, naming a message dropped or held
/// back as the student saw it leave ("Drop C's request to S") while
/// `trace` still holds its sending; else as [`describe`] says it.
pub fn describe_seen(action: &Action, names: &[String], trace: &Trace, at: SimTime) -> String {
    let message = match action {
        Action::DropMessage(message) | Action::DelayMessage { message, .. } => *message,
        _ => return describe(action, names),
    };
    let sent = trace
        .events()
        .rev()
        .skip_while(|e| e.time > at)
        .find_map(|e| match e.kind {
            TraceKind::Sent {
                message: m,
                from,
                to,
                kind,
                ..
            } if m == message => Some(message_words(names, from, kind.noun, to)),
            _ => None,
        });
    match (action, sent) {
        (Action::DropMessage(_), Some(sent)) => format!("Drop {sent}"),
        (Action::DelayMessage { by, .. }, Some(sent)) => format!("Hold {sent} back {}", duration(*by)),
        _ => describe(action, names),
    }
}

/// A network's settings as its sliders show them: "100 ms latency, 10 ms
/// jitter, 20 % loss", naming loss and duplication only when there are any.
fn network_words(link: &LinkConfig) -> String {
    let slider_time = |length: Duration| match length {
        0 => "0 ms".to_string(),
        _ => duration(length),
    };
    let slider_percent = |ppm: PartsPerMillion| match ppm % 10_000 {
        0 => format!("{} %", ppm / 10_000),
        _ => format!("{:.1} %", f64::from(ppm) / 10_000.0),
    };
    let mut words = vec![
        format!("{} latency", slider_time(link.latency)),
        format!("{} jitter", slider_time(link.jitter)),
    ];
    if link.loss > 0 {
        words.push(format!("{} loss", slider_percent(link.loss)));
    }
    if link.duplicate > 0 {
        words.push(format!("{} duplication", slider_percent(link.duplicate)));
    }
    words.join(", ")
}

/// Why a scenario built in the sandbox cannot run, in the teacher's terms
/// (the scenario's own messages speak of links, for students).
pub fn why_not(problem: &ScenarioError) -> String {
    match problem {
        ScenarioError::TooManyNodes { asked, limit } => {
            format!("the cluster would have {}; the limit is {limit}", count(*asked, "node"))
        }
        ScenarioError::NoSuchNode { node, nodes } => format!(
            "a scheduled fault acts on node {}, but the cluster has only {nodes} (delete or change that fault)",
            u64::from(node.0) + 1
        ),
        ScenarioError::InvalidParameter { what } => format!("the cluster cannot be built: {what}"),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::{millis, NodeId};

    #[test]
    fn typed_seconds_become_microseconds() {
        assert_eq!(parse_seconds("2"), Some(2 * SECOND));
        assert_eq!(parse_seconds(" 2.5 "), Some(millis(2_500)));
        assert_eq!(parse_seconds("0,75"), Some(millis(750)));
        assert_eq!(parse_seconds(".5"), Some(millis(500)));
        assert_eq!(parse_seconds("3."), Some(3 * SECOND));
        assert_eq!(parse_seconds("0.000001"), Some(1));
    }

    #[test]
    fn anything_but_a_plain_time_is_not_read() {
        for text in [
            "",
            ".",
            "-1",
            "1e3",
            "two",
            "1.2.3",
            "0.0000001",
            "99999999999999999999",
        ] {
            assert_eq!(parse_seconds(text), None, "{text:?}");
        }
    }

    #[test]
    fn a_time_reads_back_from_its_text() {
        for at in [0, 1, millis(2_500), 3 * SECOND, 86_400 * SECOND] {
            assert_eq!(parse_seconds(&seconds_text(at)), Some(at));
        }
        assert_eq!(seconds_text(millis(2_500)), "2.5");
    }

    #[test]
    fn a_fault_on_a_missing_node_is_explained_to_the_teacher() {
        let said = why_not(&ScenarioError::NoSuchNode {
            node: NodeId(3),
            nodes: 2,
        });
        assert!(
            said.starts_with("a scheduled fault acts on node 4, but the cluster has only 2"),
            "{said}"
        );
        let said = why_not(&ScenarioError::InvalidParameter {
            what: "a read quorum R must be between 1 and N",
        });
        assert_eq!(
            said,
            "the cluster cannot be built: a read quorum R must be between 1 and N"
        );
    }

    #[test]
    fn a_network_change_reads_as_its_sliders_do() {
        let lossy = LinkConfig {
            latency: millis(100),
            jitter: millis(10),
            loss: 200_000,
            ..LinkConfig::default()
        };
        assert_eq!(
            describe(&Action::SetNetwork(lossy), &[]),
            "Set the network to 100 ms latency, 10 ms jitter, 20 % loss"
        );
        let still = LinkConfig {
            latency: 0,
            jitter: millis(200),
            duplicate: 25_000,
            ..LinkConfig::default()
        };
        assert_eq!(
            describe(&Action::SetNetwork(still), &[]),
            "Set the network to 0 ms latency, 200 ms jitter, 2.5 % duplication"
        );
    }

    #[test]
    fn a_dropped_or_held_message_is_named_as_it_left() {
        use crate::kind;
        use crate::sim::trace::Cause;
        let names = vec!["C".to_string(), "S".to_string()];
        let mut trace = Trace::default();
        trace.push(
            millis(10),
            TraceKind::Sent {
                message: 7,
                from: NodeId(0),
                to: NodeId(1),
                kind: kind!("request", "request"),
                cause: Cause::Start,
                departs: millis(10),
                arrives: millis(60),
                lamport: 1,
            },
        );
        let drop = Action::DropMessage(7);
        assert_eq!(
            describe_seen(&drop, &names, &trace, millis(30)),
            "Drop C's request to S"
        );
        let hold = Action::DelayMessage {
            message: 7,
            by: millis(200),
        };
        assert_eq!(
            describe_seen(&hold, &names, &trace, millis(30)),
            "Hold C's request to S back 200 ms"
        );
        assert_eq!(
            describe_seen(&Action::DropMessage(8), &names, &trace, millis(30)),
            "Drop message 8",
            "a message the trace no longer holds keeps its number"
        );
        assert_eq!(
            describe_seen(&drop, &names, &trace, millis(5)),
            "Drop message 7",
            "only a sending before the drop counts"
        );
    }

    #[test]
    fn scheduled_faults_are_described_with_node_names() {
        let names = vec!["A".to_string(), "B".to_string(), "C".to_string()];
        assert_eq!(describe(&Action::Crash(NodeId(1)), &names), "Crash B");
        assert_eq!(
            describe(
                &Action::CutLink {
                    from: NodeId(0),
                    to: NodeId(2)
                },
                &names
            ),
            "Cut the link A→C"
        );
        assert_eq!(
            describe(&Action::Partition(vec![vec![NodeId(0), NodeId(1)]]), &names),
            "Split off A, B from the rest"
        );
        assert_eq!(describe(&Action::Pause(NodeId(9)), &names), "Pause node 10");
    }
}
