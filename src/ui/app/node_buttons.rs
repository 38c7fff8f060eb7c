//! The row of node buttons under the picture (one per node, so everything
//! works from the keyboard and a screen reader), the note saying which node
//! the dashed ring marks, and the status line that says what just happened
//! and how many nodes are up.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::frame::{Stage, View};
use super::view_switch::phone_layout;
use crate::sim::words::count;
use crate::sim::Status;
use crate::ui::node_menu::open_menu;
use crate::ui::node_state::{state_words, status_word};
use crate::ui::screen::{NodeSummary, Screen};

/// Whether the element an event happened on shows keyboard focus.
fn focus_visible(ev: &web_sys::FocusEvent) -> bool {
    ev.target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .is_some_and(|e| e.matches(":focus-visible").unwrap_or(false))
}

/// Up to this many nodes, every node's button is in view; more scroll in
/// a box of their own.
const ALL_BUTTONS_SHOWN: usize = 12;

/// A node's button: "client A: up", "A: crashed (was follower)"; the role
/// is left out when the name already says it. A crashed node plays no part
/// any more: the role it had is history.
fn button_words(node: &NodeSummary) -> String {
    format!("{}: {}", node.name, state_words(&node.name, &node.role, node.status))
}

/// "5 nodes: 4 up, 1 crashed".
fn cluster_summary(nodes: &[NodeSummary]) -> String {
    let with = |s: Status| nodes.iter().filter(|n| n.status == s).count();
    let mut parts = vec![format!("{} up", with(Status::Up))];
    for status in [Status::Paused, Status::Crashed] {
        if with(status) > 0 {
            parts.push(format!("{} {}", with(status), status_word(status)));
        }
    }
    format!("{}: {}", count(nodes.len() as u64, "node"), parts.join(", "))
}

#[component]
pub fn NodeButtons(
    screen: Screen,
    stage: Stage,
    /// The node the lesson's step is about, ringed on the picture.
    highlight: RwSignal<Option<&'static str>>,
) -> impl IntoView {
    let nodes = screen.nodes;
    view! {
                    <div
            class="node-buttons"
            class:many=move || { nodes.with(Vec::len) > ALL_BUTTONS_SHOWN }
            role="group"
            aria-label="Nodes: press for a node's menu"
        >
            <For each=move || 0..nodes.with(Vec::len) key=|i| *i let:index>
                <button
                    class="node-button"
                    data-status=move || nodes.with(|n| n.get(index).map_or("up", |n| status_word(n.status)))
                data-leads=move || nodes.with(|n| n.get(index).is_some_and(|n| n.status == Status::Up && n.role.part.leads())).then_some("true")
                    aria-label=move || nodes.with(|n| n.get(index).map(button_words))
                    aria-haspopup="dialog"
                    aria-expanded=move || if screen.selected.get() == Some(index) { "true" } else { "false" }
                    on:click=move |_| {
                        // The menu opens on the picture, which the history
                        // covers on a phone: bring the picture back.
                        if phone_layout() {
                            stage.history_shown.set(false);
                        }
                        open_menu(screen, index)
                    }
                    on:focus=move |ev| {
                        // A glance for the keyboard, not after a click or a
                        // closed menu hands focus back.
                        stage.hover.set(None);
                        if focus_visible(&ev) {
                            stage.peeked.set(Some(index));
                        }
                    }
                    on:blur=move |_| stage.peeked.set(None)
                >
                    {move || {
                        nodes
                            .with(|n| {
                                n.get(index)
                                    .map(|node| {
                                        // "client A: up (client)", the name and the
                                        // state each on a line of their own; the
                                        // label says it in one go.
                                        let words = button_words(node);
                                        let state = words
                                            .get(node.name.len()..)
                                            .unwrap_or_default()
                                            .trim_start_matches(": ")
                                            .to_string();
                                        view! {
                                            <span class="button-name">
                                                {node.name.clone()}
                                                <span class="visually-hidden">": "</span>
                                            </span>
                                            <span class="button-state">{state}</span>
                                        }
                                    })
                            })
                    }}
                </button>
            </For>
        </div>
        // The ring note comes first: the status keeps room for a second
        // line (so a long announcement never moves the page), which would
        // otherwise open a gap above the note.
        <p class="ring-note">
            {move || {
                // The space-time diagram has no ring to explain.
                highlight
                    .get()
                    .filter(|_| stage.view.get() == View::Cluster)
                    .map(|name| format!("The dashed ring marks {name}, the node this step is about."))
            }}
        </p>
        <p class="status" role="status" aria-live="polite">
            <span class="status-event">{move || screen.announcement.get()}</span>
            " "
            <span class="status-summary">{move || nodes.with(|n| cluster_summary(n))}</span>
        </p>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nodes(statuses: &[Status]) -> Vec<NodeSummary> {
        statuses
            .iter()
            .map(|&status| NodeSummary {
                name: "app".to_string(),
                status,
                role: crate::sim::Role::sketched("process"),
            })
            .collect()
    }

    #[test]
    fn the_summary_counts_nodes_in_the_right_number() {
        assert_eq!(cluster_summary(&nodes(&[Status::Up])), "1 node: 1 up");
        assert_eq!(
            cluster_summary(&nodes(&[Status::Up, Status::Crashed, Status::Paused])),
            "3 nodes: 1 up, 1 paused, 1 crashed"
        );
    }

    #[test]
    fn a_button_names_the_role_only_when_the_name_does_not() {
        let node = |name: &str, role| NodeSummary {
            name: name.to_string(),
            status: Status::Crashed,
            role: crate::sim::Role::sketched(role),
        };
        assert_eq!(button_words(&node("client A", "client")), "client A: crashed");
        assert_eq!(button_words(&node("A", "follower")), "A: crashed (was follower)");
    }
}
