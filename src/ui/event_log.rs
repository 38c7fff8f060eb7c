//! The event log: the latest things that happened, in plain words, newest
//! last. It is a polite live region, refreshed at most once a second while
//! the run plays, so assistive technology can follow without being flooded.
//!
//! A line about a message is linked both ways with the pictures: pointing
//! at the message (on the canvas or in the diagram) marks its lines, and
//! hovering or focusing such a line points at its message. Lines about
//! the messages of the operation pointed at in the history view are
//! marked too.

use leptos::prelude::*;

use super::narration::narrate;
use super::painter::clock_label;
use super::screen::Screen;
use crate::sim::{Action, MessageId, SimTime, Trace, TraceEvent, TraceKind};

/// How far back to look for the events behind the lines.
const SCAN_LIMIT: usize = 50_000;

/// The message a trace event is about, if any.
pub fn message_of(event: &TraceEvent) -> Option<MessageId> {
    match &event.kind {
        TraceKind::Sent { message, .. }
        | TraceKind::Delivered { message, .. }
        | TraceKind::Dropped { message, .. }
        | TraceKind::Queued { message, .. }
        | TraceKind::Duplicated { message, .. } => Some(*message),
        TraceKind::Intervened(action) => match **action {
            Action::DropMessage(message) | Action::DelayMessage { message, .. } => Some(message),
            _ => None,
        },
        TraceKind::Started { .. } | TraceKind::TimerFired { .. } | TraceKind::Failed { .. } => None,
    }
}

/// For each log line (oldest first, as the log shows them), the message it
/// is about: found by walking the trace back from its end to the event at
/// that time that reads as that line.
pub fn messages_of_lines(trace: &Trace, names: &[String], lines: &[(SimTime, String)]) -> Vec<Option<MessageId>> {
    let mut tags = vec![None; lines.len()];
    let mut left = lines.len();
    for event in trace.events().rev().take(SCAN_LIMIT) {
        while left > 0 && event.time < lines[left - 1].0 {
            left -= 1;
        }
        if left == 0 {
            break;
        }
        let (at, text) = &lines[left - 1];
        if event.time == *at && narrate(event, names).as_deref() == Some(text.as_str()) {
            tags[left - 1] = message_of(event);
            left -= 1;
        }
    }
    tags
}

#[component]
pub fn EventLog(
    screen: Screen,
    pointed: RwSignal<Option<MessageId>>,
    linked: RwSignal<Vec<MessageId>>,
) -> impl IntoView {
    let lines = Memo::new(move |_| {
        let log = screen.log.get();
        let names: Vec<String> = screen
            .nodes
            .with_untracked(|n| n.iter().map(|n| n.name.clone()).collect());
        let tags = screen
            .run
            .try_with_value(|r| messages_of_lines(r.trace(), &names, &log))
            .unwrap_or_default();
        // Each line keeps its element while it stays in the log (keyed by
        // its time, words and how many identical lines came before), so
        // focus and pointing stay on it as new lines arrive.
        let mut seen: Vec<&(SimTime, String)> = Vec::new();
        let mut keyed = Vec::with_capacity(log.len());
        for (entry, message) in log.iter().zip(tags.into_iter().chain(std::iter::repeat(None))) {
            let twin = seen.iter().filter(|&&e| e == entry).count();
            seen.push(entry);
            keyed.push(((entry.0, entry.1.clone(), twin), message));
        }
        keyed
    });
    let point = move |message: Option<MessageId>| {
        if message.is_some() {
            pointed.set(message);
        }
    };
    let let_go = move |message: Option<MessageId>| {
        if message.is_some() && pointed.get_untracked() == message {
            pointed.set(None);
        }
    };
    view! {
        <section class="event-log" aria-label="Event log">
            <h2 class="panel-title">"What just happened"</h2>
            // A line that leaves the log under the pointer never hears the
            // pointer leave: leaving the list lets go of its message too.
            <ol
                class="log-lines"
                aria-live="polite"
                aria-relevant="additions text"
                on:mouseleave=move |_| {
                    if lines.with_untracked(|l| l.iter().any(|(_, m)| m.is_some() && *m == pointed.get_untracked())) {
                        pointed.set(None);
                    }
                }
            >
                <For
                    each=move || lines.get()
                    key=|(key, _)| key.clone()
                    children=move |((at, line, _), message)| {
                        view! {
                            <li
                                class="log-line"
                                class:about-message=message.is_some()
                                class:pointed=move || {
                                    message.is_some_and(|m| pointed.get() == Some(m) || linked.with(|l| l.contains(&m)))
                                }
                                tabindex=message.map(|_| "0")
                                on:mouseenter=move |_| point(message)
                                on:mouseleave=move |_| let_go(message)
                                on:focus=move |_| point(message)
                                on:blur=move |_| let_go(message)
                            >
                                <span class="log-time">{clock_label(at as i64)}</span>
                                " "
                                <span class="log-text">{line}</span>
                            </li>
                        }
                    }
                />
            </ol>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::protocols::election;
    use crate::sim::{seconds, World};

    #[test]
    fn each_line_about_a_message_knows_its_message() {
        let (network, setups) = election::cluster(3);
        let mut world = World::new(4, &network, setups);
        world.run_until(seconds(2));
        let names: Vec<String> = world.snapshot().nodes.iter().map(|n| n.name.clone()).collect();
        let events: Vec<&TraceEvent> = world
            .trace()
            .events()
            .rev()
            .filter(|e| narrate(e, &names).is_some())
            .take(8)
            .collect();
        let lines: Vec<(SimTime, String)> = events
            .iter()
            .rev()
            .filter_map(|e| narrate(e, &names).map(|line| (e.time, line)))
            .collect();
        let expected: Vec<Option<MessageId>> = events.iter().rev().map(|e| message_of(e)).collect();
        assert!(expected.iter().any(Option::is_some), "heartbeats are in the log");
        assert_eq!(messages_of_lines(world.trace(), &names, &lines), expected);
        world.run_until(seconds(3));
        assert_eq!(
            messages_of_lines(world.trace(), &names, &lines),
            expected,
            "still found once the run has moved on"
        );
    }
}
