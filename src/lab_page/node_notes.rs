//! What the student's own code holds in the node whose menu is open: its
//! `state`, its `durable` map, and the lines it logged, newest last. The
//! lab's helper nodes (its clients) have no code of the student's, so the
//! panel says so.

use leptos::prelude::*;

use crate::lab::labs::seconds;
use crate::lab::{Entries, LabNode};
use crate::sim::{world_of, NodeId};
use crate::ui::Screen;

/// Log lines shown, the newest.
const LOG_SHOWN: usize = 30;

/// What one node's code holds, read from the run.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Notes {
    name: String,
    /// State, durable and log lines, or None for a lab's helper node.
    code: Option<(String, String, Vec<String>)>,
}

fn read(screen: Screen, index: usize) -> Option<Notes> {
    screen.run.with_value(|run| {
        let world = world_of::<LabNode>(run.as_ref())?;
        let id = NodeId(index as u32);
        let name = world.name(id)?.to_string();
        let code = world.behaviour(id)?.student().map(|node| {
            let log = node.log();
            let lines = log[log.len().saturating_sub(LOG_SHOWN)..]
                .iter()
                .map(|line| format!("{}  {}", seconds(line.at_ms), line.text))
                .collect();
            (
                Entries(node.state()).to_string(),
                Entries(node.durable()).to_string(),
                lines,
            )
        });
        Some(Notes { name, code })
    })
}

#[component]
pub fn NodeNotes(screen: Screen) -> impl IntoView {
    let notes = Memo::new(move |_| {
        screen.now.track();
        screen.generation.track();
        read(screen, screen.selected.get()?)
    });
    view! {
        <section class="node-notes" aria-label="Your node's variables and log">
            {move || match notes.get() {
                None => view! {
                    <p class="notes-empty">"Press a node (on the picture or its button) to see its state, durable and log here."</p>
                }
                    .into_any(),
                Some(Notes { name, code: None }) => view! {
                    <h3>{name}</h3>
                    <p class="notes-empty">"This node is the lab's own, not your code."</p>
                }
                    .into_any(),
                Some(Notes { name, code: Some((state, durable, log)) }) => {
                    let empty = log.is_empty();
                    view! {
                        <h3>{format!("{name}: your code's variables")}</h3>
                        <dl class="notes-vars">
                            <dt>"state"</dt>
                            <dd><code>{state}</code></dd>
                            <dt>"durable"</dt>
                            <dd><code>{durable}</code></dd>
                        </dl>
                        <h4>"Its log"</h4>
                        <Show when=move || empty>
                            <p class="notes-empty">"Nothing logged yet: call log(value) in your code."</p>
                        </Show>
                        <ol class="notes-log">{log.into_iter().map(|line| view! { <li><code>{line}</code></li> }).collect_view()}</ol>
                    }
                        .into_any()
                }
            }}
        </section>
    }
}
