//! Trace events in plain words for the event log ("B's reply to A was lost:
//! the link B→A is cut"). Pure functions, tested natively. Routine noise
//! (timers, queueing) is left out so the log reads like a story.

use crate::sim::words::{duration, percent, with_article};
use crate::sim::{Action, DropReason, NodeId, TraceEvent, TraceKind, Waiting};

use super::fact_words::{message_words, node_name as name};

fn why_lost(names: &[String], from: NodeId, to: NodeId, reason: DropReason) -> String {
    match reason {
        DropReason::Loss => "the network lost it".to_string(),
        DropReason::LinkCut => format!("the link {}→{} is cut", name(names, from), name(names, to)),
        DropReason::DestinationDown => format!("{} is down", name(names, to)),
        DropReason::SenderCrashed => format!("{} crashed before it left", name(names, from)),
        DropReason::ByHand => "it was dropped by hand".to_string(),
        DropReason::QueueFull => format!("{}'s queue is full", name(names, to)),
    }
}

fn group(names: &[String], nodes: &[NodeId]) -> String {
    nodes.iter().map(|&n| name(names, n)).collect::<Vec<_>>().join(", ")
}

fn action(names: &[String], action: &Action) -> Option<String> {
    let sentence = match action {
        Action::Crash(n) => format!("{} crashed.", name(names, *n)),
        Action::Restart(n) => format!("{} restarted.", name(names, *n)),
        Action::Pause(n) => format!("{} paused.", name(names, *n)),
        Action::Resume(n) => format!("{} resumed.", name(names, *n)),
        Action::CutLink { from, to } => format!("The link {}→{} was cut.", name(names, *from), name(names, *to)),
        Action::HealLink { from, to } => {
            format!("The link {}→{} was healed.", name(names, *from), name(names, *to))
        }
        Action::Partition(groups) => {
            let sides: Vec<String> = groups.iter().map(|g| format!("{{{}}}", group(names, g))).collect();
            format!("The network was split: {} | everyone else.", sides.join(" | "))
        }
        Action::HealAll => "The network was healed.".to_string(),
        Action::DropMessage(_) => return None,
        Action::DelayMessage { message, by } => format!("Message {message} was held back {}.", duration(*by)),
        Action::SetNetwork(link) => format!(
            "The network changed: {} latency, {} jitter, {} loss, {} duplication.",
            duration(link.latency),
            duration(link.jitter),
            percent(link.loss),
            percent(link.duplicate)
        ),
    };
    Some(sentence)
}

/// One trace event in plain words, or `None` for routine noise.
pub fn narrate(event: &TraceEvent, names: &[String]) -> Option<String> {
    match &event.kind {
        TraceKind::Sent { from, to, kind, .. } => Some(format!(
            "{} sent {} to {}.",
            name(names, *from),
            with_article(kind.noun),
            name(names, *to)
        )),
        TraceKind::Delivered { from, to, kind, .. } => Some(format!(
            "{} got {}'s {}.",
            name(names, *to),
            name(names, *from),
            kind.noun
        )),
        TraceKind::Dropped {
            from, to, kind, reason, ..
        } => Some(format!(
            "{} was lost: {}.",
            message_words(names, *from, kind.noun, *to),
            why_lost(names, *from, *to, *reason)
        )),
        TraceKind::Duplicated { message, .. } => Some(format!("The network duplicated message {message}.")),
        TraceKind::Started { node } => Some(format!("{} started.", name(names, *node))),
        TraceKind::Failed { node } => Some(format!("{} crashed: its code failed.", name(names, *node))),
        TraceKind::Intervened(a) => action(names, a),
        TraceKind::TimerFired {
            node,
            ran_out: Some(waiting),
            ..
        } => Some(match waiting {
            Waiting::Reply => format!("{} stopped waiting for a reply: its timer ran out.", name(names, *node)),
            Waiting::Leader => format!(
                "{} heard from no leader in time: its election timer ran out.",
                name(names, *node)
            ),
        }),
        TraceKind::Queued { .. } | TraceKind::TimerFired { ran_out: None, .. } => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kind;
    use crate::sim::LinkConfig;

    fn names() -> Vec<String> {
        ["A", "B", "C"].iter().map(|s| s.to_string()).collect()
    }

    fn at(kind: TraceKind) -> TraceEvent {
        TraceEvent { time: 0, kind }
    }

    #[test]
    fn a_lost_reply_says_where_and_why() {
        let event = at(TraceKind::Dropped {
            message: 4,
            from: NodeId(1),
            to: NodeId(0),
            kind: kind!("reply", "reply"),
            reason: DropReason::LinkCut,
        });
        assert_eq!(
            narrate(&event, &names()).as_deref(),
            Some("B's reply to A was lost: the link B→A is cut.")
        );
    }

    #[test]
    fn deliveries_and_sends_read_naturally() {
        let sent = at(TraceKind::Sent {
            message: 1,
            from: NodeId(0),
            to: NodeId(2),
            kind: kind!("request", "request"),
            cause: crate::sim::Cause::Start,
            departs: 0,
            arrives: 10,
            lamport: 1,
        });
        assert_eq!(narrate(&sent, &names()).as_deref(), Some("A sent a request to C."));
        let got = at(TraceKind::Delivered {
            message: 1,
            from: NodeId(0),
            to: NodeId(2),
            kind: kind!("request", "request"),
            lamport: 2,
        });
        assert_eq!(narrate(&got, &names()).as_deref(), Some("C got A's request."));
    }

    #[test]
    fn labels_starting_with_a_vowel_take_an() {
        for (kind, said) in [
            (kind!("answer", "answer"), "A sent an answer to C."),
            (kind!("ack", "acknowledgement"), "A sent an acknowledgement to C."),
            (
                kind!("written", "write confirmation"),
                "A sent a write confirmation to C.",
            ),
        ] {
            let sent = at(TraceKind::Sent {
                message: 1,
                from: NodeId(0),
                to: NodeId(2),
                kind,
                cause: crate::sim::Cause::Start,
                departs: 0,
                arrives: 10,
                lamport: 1,
            });
            assert_eq!(narrate(&sent, &names()).as_deref(), Some(said));
        }
        let held = at(TraceKind::Intervened(Box::new(Action::DelayMessage {
            message: 3,
            by: 1_500_000,
        })));
        assert_eq!(
            narrate(&held, &names()).as_deref(),
            Some("Message 3 was held back 1.5 s.")
        );
    }

    #[test]
    fn interventions_are_told_and_noise_is_not() {
        let crash = at(TraceKind::Intervened(Box::new(Action::Crash(NodeId(2)))));
        assert_eq!(narrate(&crash, &names()).as_deref(), Some("C crashed."));
        let split = at(TraceKind::Intervened(Box::new(Action::Partition(vec![vec![
            NodeId(0),
            NodeId(1),
        ]]))));
        assert_eq!(
            narrate(&split, &names()).as_deref(),
            Some("The network was split: {A, B} | everyone else.")
        );
        let network = at(TraceKind::Intervened(Box::new(Action::SetNetwork(LinkConfig {
            loss: 25_000,
            ..LinkConfig::default()
        }))));
        assert_eq!(
            narrate(&network, &names()).as_deref(),
            Some("The network changed: 10 ms latency, 2 ms jitter, 2.5% loss, 0.0% duplication.")
        );
        let timer = at(TraceKind::TimerFired {
            node: NodeId(0),
            tag: 1,
            ran_out: None,
        });
        assert_eq!(narrate(&timer, &names()), None);
        let wait = at(TraceKind::TimerFired {
            node: NodeId(1),
            tag: 1,
            ran_out: Some(Waiting::Reply),
        });
        assert_eq!(
            narrate(&wait, &names()).as_deref(),
            Some("B stopped waiting for a reply: its timer ran out.")
        );
    }

    #[test]
    fn unknown_nodes_still_get_a_name() {
        let crash = at(TraceKind::Intervened(Box::new(Action::Crash(NodeId(9)))));
        assert_eq!(narrate(&crash, &names()).as_deref(), Some("node 10 crashed."));
    }
}
