//! The message inspector: what the message pointed at carries, who sent it
//! to whom, when it left and when it arrives (or arrived, or was lost). A
//! small panel by the pointer, or in the corner when the message was
//! reached from the event log by keyboard.

use leptos::prelude::*;

use super::frame::Stage;
use crate::sim::{MessageId, Run, SimTime, TraceKind};
use crate::ui::fact_words::spell;
use crate::ui::painter::clock_label;
use crate::ui::screen::Screen;

/// How far back to look for a message's send.
const SCAN_LIMIT: usize = 100_000;

/// What became of a message so far.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Fate {
    OnTheWire,
    Arrived(SimTime),
    Lost(SimTime),
}

/// Everything the inspector says about one message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MessageFacts {
    pub label: &'static str,
    /// What it carries; known while it is on the wire.
    pub summary: Option<String>,
    pub from: String,
    pub to: String,
    pub sent: SimTime,
    /// When it is (or was) due at the receiver.
    pub due: SimTime,
    pub fate: Fate,
}

impl MessageFacts {
    /// The facts about `message` in `run` as it stands, if it was sent.
    pub fn of(run: &dyn Run, message: MessageId) -> Option<MessageFacts> {
        let mut fate = Fate::OnTheWire;
        for event in run.trace().events().rev().take(SCAN_LIMIT) {
            match &event.kind {
                TraceKind::Delivered { message: m, .. } | TraceKind::Queued { message: m, .. } if *m == message => {
                    fate = Fate::Arrived(event.time);
                }
                TraceKind::Dropped { message: m, .. } if *m == message => fate = Fate::Lost(event.time),
                TraceKind::Sent {
                    message: m,
                    from,
                    to,
                    kind,
                    departs,
                    arrives,
                    ..
                } if *m == message => {
                    let snapshot = run.snapshot();
                    let name = |i: usize| {
                        snapshot
                            .nodes
                            .get(i)
                            .map_or_else(|| format!("node {i}"), |n| n.name.clone())
                    };
                    return Some(MessageFacts {
                        label: kind.noun,
                        summary: run.message_summary(message).map(|phrase| {
                            let names: Vec<String> = snapshot.nodes.iter().map(|n| n.name.clone()).collect();
                            spell(&phrase, &names)
                        }),
                        from: name(from.index()),
                        to: name(to.index()),
                        sent: *departs,
                        due: *arrives,
                        fate,
                    });
                }
                _ => {}
            }
        }
        None
    }

    /// "A's heartbeat to B".
    pub fn title(&self) -> String {
        format!("{} from {} to {}", self.label, self.from, self.to)
    }

    /// "sent 1.200 s, arrives 1.210 s".
    pub fn times(&self) -> String {
        let sent = clock_label(self.sent as i64);
        match self.fate {
            Fate::OnTheWire => format!("sent {sent}, arrives {}", clock_label(self.due as i64)),
            Fate::Arrived(at) => format!("sent {sent}, arrived {}", clock_label(at as i64)),
            Fate::Lost(at) => format!("sent {sent}, lost at {}", clock_label(at as i64)),
        }
    }
}

/// The panel; shown while a message is pointed at.
#[component]
pub fn MessageInspector(screen: Screen, stage: Stage) -> impl IntoView {
    let facts = Memo::new(move |_| {
        let message = stage.pointed.get()?;
        screen
            .run
            .try_with_value(|r| MessageFacts::of(r.as_ref(), message))
            .flatten()
    });
    let place = move || match stage.hover.get() {
        Some(at) => format!("left: {:.0}px; top: {:.0}px;", at.x + 14.0, at.y + 14.0),
        // In the corner (placed by the styles: under the picture on a phone).
        None => String::new(),
    };
    move || {
        facts.get().map(|facts| {
            view! {
                <div class="message-inspector" role="tooltip" class:in-corner=move || stage.hover.get().is_none() style=place>
                    <p class="inspector-title">{facts.title()}</p>
                    {facts.summary.clone().map(|s| view! { <p class="inspector-summary">{s}</p> })}
                    <p class="inspector-times">{facts.times()}</p>
                </div>
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::protocols::election;
    use crate::sim::{seconds, Timeline, World};

    #[test]
    fn a_message_on_the_wire_shows_sender_receiver_and_payload() {
        let (network, setups) = election::cluster(3);
        let mut run = Timeline::new(World::new(7, &network, setups), Vec::new());
        run.advance_to(seconds(2));
        let snapshot = Run::snapshot(&run);
        let on_wire = snapshot.messages.first().expect("heartbeats are flying");
        let facts = MessageFacts::of(&run, on_wire.id).expect("it was sent");
        assert_eq!(facts.fate, Fate::OnTheWire);
        assert_eq!(facts.from, snapshot.nodes[on_wire.from.index()].name);
        assert_eq!(facts.to, snapshot.nodes[on_wire.to.index()].name);
        assert!(facts.summary.as_deref().is_some_and(|s| !s.is_empty()), "{facts:?}");
        assert!(facts.times().contains("arrives"));
        run.advance_to(seconds(3));
        let later = MessageFacts::of(&run, on_wire.id).expect("still in the trace");
        assert!(matches!(later.fate, Fate::Arrived(_) | Fate::Lost(_)), "{later:?}");
        assert_eq!(later.summary, None, "the payload is only known on the wire");
    }
}
