//! The app frame: header, lesson sidebar, the cluster picture (laid out by
//! the scenario, with a message inspector) with a button per node (so everything works from the keyboard), an accessible status
//! line, the event log, the timeline and the control bar. A
//! requestAnimationFrame loop advances the run by wall-clock time times the
//! chosen speed and repaints it.

mod canvas;
mod describe;
mod frame;
mod inspector;
mod linking;
mod node_peek;

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::KeyboardEvent;

use super::controls::Controls;
use super::demo::demo_scenario;
use super::event_log::EventLog;
use super::focus::focus;
use super::glossary_view::GlossaryView;
use super::lesson_panel::{LessonContext, LessonPanel};
use super::location::{embedded, linked_scenario};
use super::network_panel::NetworkPanel;
use super::node_menu::{close_menu, open_menu};
use super::opening::default_run;
use super::pacing::{Pace, PaceNote};
use super::route::{current_page, current_step, Page};
use super::sandbox::{Sandbox, ScenarioNote};
use super::saved_progress;
use super::screen::{NodeSummary, Screen};
use super::share::SharePanel;
use super::sidebar::Sidebar;
use super::timeline_bar::TimelineBar;
use super::travel::TravelBar;
use super::visibility::watch_in_view;
use crate::sim::words::count;
use crate::sim::Status;
use canvas::ClusterCanvas;
pub(super) use frame::{canvas_size, Stage};
use frame::{FrameLoop, View};
use linking::LinkTargets;

fn status_word(status: Status) -> &'static str {
    match status {
        Status::Up => "up",
        Status::Paused => "paused",
        Status::Crashed => "crashed",
    }
}

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
    let state = format!("{}: {}", node.name, status_word(node.status));
    match node.status {
        _ if node.name.contains(node.role.name) => state,
        Status::Crashed => format!("{state} (was {})", node.role.name),
        Status::Up | Status::Paused => format!("{state} ({})", node.role.name),
    }
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

pub fn prefers_reduced_motion() -> bool {
    web_sys::window()
        .and_then(|w| w.match_media("(prefers-reduced-motion: reduce)").ok().flatten())
        .is_some_and(|m| m.matches())
}

#[component]
pub fn App() -> impl IntoView {
    let linked = linked_scenario();
    // The address says which page; a wrong address gets the first lesson.
    // A link, once open, moves to its own page.
    let (first_page, route_problem) = match current_page() {
        Ok(page) => (page, None),
        Err(reason) => (
            Page::Lesson(0),
            Some(format!(
                "This address could not be opened: {reason}. Here is the first lesson instead."
            )),
        ),
    };
    // A step the address names (`&step=n`) must exist in its lesson.
    let route_problem = route_problem.or_else(|| {
        current_step().err().map(|reason| {
            format!("This address could not be opened at that step: {reason}. Here is the lesson's first step instead.")
        })
    });
    let page = RwSignal::new(first_page);
    // The step to open at and whether to keep the run, for the next lesson panel.
    let keep_run = StoredValue::new(None);
    let progress = RwSignal::new(saved_progress::load());
    let highlight = RwSignal::new(None::<&'static str>);
    let held = RwSignal::new(false);
    let screen = Screen::new(default_run());
    // What the teacher who shared the link wants students to notice.
    let teacher_note = RwSignal::new(None);
    let scenario = StoredValue::new_local(demo_scenario());
    let problem = RwSignal::new(route_problem);
    let embed = embedded();
    // A shared run opens paused at its moment, so everyone sees the same.
    let playing = RwSignal::new(linked.is_none() && !prefers_reduced_motion());
    let speed = RwSignal::new(1.0);
    let nodes = screen.nodes;
    let stage = Stage::new();
    let view = stage.view;

    // An embedded run moves only while its frame is on screen.
    let in_view = RwSignal::new(true);
    if embed {
        watch_in_view(in_view);
    }
    let alive = Arc::new(AtomicBool::new(true));
    let frames = FrameLoop {
        screen,
        stage,
        playing,
        in_view,
        speed,
        highlight,
        alive: alive.clone(),
        last_wall_ms: None,
        last_log_ms: 0.0,
        pace: Pace::default(),
    };
    request_animation_frame(move || frames.frame());
    on_cleanup(move || alive.store(false, Ordering::Relaxed));

    let on_step = move || {
        screen.cancel_seek();
        screen.run.update_value(|r| {
            r.step();
        });
        screen.refresh(true);
    };

    let links = LinkTargets {
        screen,
        scenario,
        teacher_note,
        playing,
        problem,
        keep_run,
        page,
    };
    links.follow(linked);
    // A new link pasted into the address bar replaces the run only if it
    // opens; otherwise the current run stays and the banner says why.
    let listener = window_event_listener(leptos::ev::hashchange, move |_| links.follow(linked_scenario()));
    on_cleanup(move || listener.remove());
    let history = window_event_listener(leptos::ev::popstate, move |_| {
        page.set(current_page().unwrap_or(Page::Lesson(0)));
    });
    on_cleanup(move || history.remove());

    let context = LessonContext {
        screen,
        scenario,
        playing,
        held,
        progress,
        highlight,
        page,
        stage,
        speed,
    };
    let page_panel = move || {
        let shown = page.get();
        let kept = keep_run.try_update_value(Option::take).flatten();
        match shown {
            Page::Lesson(index) => {
                // A shared run opens at its own step; an address may name one.
                let first_step = kept.or_else(|| current_step().ok().flatten()).unwrap_or(0);
                view! { <LessonPanel context index first_step keep_run=kept.is_some() /> }.into_any()
            }
            Page::Glossary => view! { <GlossaryView page /> }.into_any(),
            Page::Sandbox => view! { <Sandbox screen scenario playing /> }.into_any(),
        }
    };

    // Escape closes the node menu wherever focus is, even on the page body
    // (where it lands for a moment when the menu's buttons change).
    let escape = window_event_listener(leptos::ev::keydown, move |ev: KeyboardEvent| {
        if ev.key() == "Escape" {
            close_menu(screen);
        }
    });
    on_cleanup(move || escape.remove());

    view! {
        <div class="app" class:embed=embed>
            <a
                class="skip-link"
                href="#main"
                on:click=move |ev| {
                    ev.prevent_default();
                    focus("#main");
                }
            >
                "Skip to the cluster and the lesson"
            </a>
            <header class="app-header">
                <h1 class="brand">"Many Nodes"</h1>
                <p class="tagline">"Learn distributed systems by running one."</p>
            </header>
            <Sidebar page progress />
            <main class="stage" id="main" tabindex="-1">
                <Show when=move || problem.with(Option::is_some)>
                    <div class="banner" role="alert">
                        <p>{move || problem.get().unwrap_or_default()}</p>
                        <button class="banner-close" on:click=move |_| problem.set(None)>
                            "Dismiss"
                        </button>
                    </div>
                </Show>
                <section class="cluster" aria-label="The cluster">
                    <div class="view-switch" role="group" aria-label="What the picture shows">
                        <button
                            class="view-cluster"
                            aria-pressed=move || if view.get() == View::Cluster { "true" } else { "false" }
                            on:click=move |_| view.set(View::Cluster)
                        >
                            "Cluster"
                        </button>
                        <button
                            class="view-spacetime"
                            aria-pressed=move || if view.get() == View::SpaceTime { "true" } else { "false" }
                            on:click=move |_| view.set(View::SpaceTime)
                        >
                            "Space-time diagram"
                        </button>
                    </div>
                    <div class="picture-notes">
                        <TravelBar screen />
                        <PaceNote behind=screen.behind playing />
                    </div>
                    <ClusterCanvas screen stage />
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
                                aria-label=move || nodes.with(|n| n.get(index).map(button_words))
                                aria-haspopup="dialog"
                                aria-expanded=move || if screen.selected.get() == Some(index) { "true" } else { "false" }
                                on:click=move |_| open_menu(screen, index)
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
                    <p class="status" role="status" aria-live="polite">
                        <span class="status-event">{move || screen.announcement.get()}</span>
                        " "
                        <span class="status-summary">{move || nodes.with(|n| cluster_summary(n))}</span>
                    </p>
                    <p class="ring-note">
                        {move || {
                            highlight
                                .get()
                                .map(|name| format!("The dashed ring marks {name}, the node this step is about."))
                        }}
                    </p>
                </section>
                <div class="side">
                    {move || {
                        teacher_note
                            .get()
                            .filter(|(name, note)| !name.is_empty() || !note.is_empty())
                            .map(|(name, note)| view! { <ScenarioNote name note /> })
                    }}
                    {page_panel}
                    <NetworkPanel screen />
                    <EventLog screen pointed=stage.pointed />
                    <SharePanel screen scenario playing />
                </div>
                <TimelineBar screen scenario playing />
                <Controls playing speed held on_step />
            </main>
        </div>
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
