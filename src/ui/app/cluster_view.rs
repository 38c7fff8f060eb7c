//! The cluster picture and everything that drives it, shared by the pages
//! that show a run: the picture itself (view switch, notes, history panel,
//! the canvas with its menus, node buttons), the frame loop that plays and
//! paints the run within its budget, and the Step and Escape handling. The
//! lesson app lays these out with its lesson panel between them;
//! [`ClusterView`] puts them together for a page of its own (the lab page)
//! with the timeline and the run controls.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use leptos::prelude::*;
use web_sys::KeyboardEvent;

use super::canvas::ClusterCanvas;
use super::frame::{FrameLoop, Stage};
use super::history_panel::HistoryPanel;
use super::node_buttons::NodeButtons;
use super::view_switch::phone_layout_signal;
use super::view_switch::ViewSwitch;
use crate::sim::{Part, Run};
use crate::ui::controls::Controls;
use crate::ui::node_menu::close_menu;
use crate::ui::pacing::{Pace, PaceNote};
use crate::ui::screen::Screen;
use crate::ui::timeline_bar::TimelineBar;
use crate::ui::travel::TravelBar;

/// The picture of the run: the view switch, the notes over it, the History
/// panel (offered once the run has operations), the canvas and the node
/// buttons.
#[component]
pub fn Picture(
    screen: Screen,
    stage: Stage,
    playing: RwSignal<bool>,
    speed: RwSignal<f64>,
    highlight: RwSignal<Option<&'static str>>,
) -> impl IntoView {
    let history_shown = stage.history_shown;
    // Whether the run has clients, whose calls the history shows, or has
    // recorded an operation: the history view is offered from the run's
    // start, so the button does not appear in the middle of a step (or when
    // a lesson step opens it).
    let offered = stage.history_offered;
    let has_clients = Memo::new(move |_| {
        screen
            .nodes
            .with(|nodes| nodes.iter().any(|n| n.role.part == Part::Client))
    });
    let has_clients_or_calls = Memo::new(move |_| {
        if has_clients.get() {
            return true;
        }
        screen.now.track();
        screen.generation.track();
        screen.run.try_with_value(|r| r.history().calls() > 0).unwrap_or(false)
    });
    Effect::new(move |_| {
        if has_clients_or_calls.get() && !offered.get_untracked() {
            offered.set(true);
        }
    });
    let has_history = Signal::derive(move || has_clients_or_calls.get() || offered.get());
    let with_history = move || history_shown.get() && has_history.get();
    // Small node buttons, name only, where room is short: on a phone, and
    // on a laptop where the history shares the column with the picture.
    let phone = phone_layout_signal();
    view! {
        <section
            class="cluster"
            class:with-history=with_history
            class:compact-buttons=move || phone.get() || with_history()
            aria-label="The cluster"
        >
            <ViewSwitch stage has_history phone />
            <div class="picture-notes">
                <TravelBar screen />
                <PaceNote behind=screen.behind playing />
            </div>
            <HistoryPanel screen stage speed />
            <ClusterCanvas screen stage />
            <NodeButtons screen stage highlight />
        </section>
    }
}

/// Start the frame loop that plays and paints `screen` on every animation
/// frame while `playing` and `in_view`; it stops when its owner is cleaned
/// up.
pub fn play_frames(
    screen: Screen,
    stage: Stage,
    playing: RwSignal<bool>,
    in_view: RwSignal<bool>,
    speed: RwSignal<f64>,
    highlight: RwSignal<Option<&'static str>>,
) {
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
        pictured: false,
    };
    request_animation_frame(move || frames.frame());
    on_cleanup(move || alive.store(false, Ordering::Relaxed));
}

/// The Step button: one more event of the run, or its next intervention.
pub fn step_once(screen: Screen) {
    screen.cancel_seek();
    screen.run.update_value(|r| {
        r.step();
    });
    screen.refresh(true);
}

/// Escape closes the node menu wherever focus is, even on the page body
/// (where it lands for a moment when the menu's buttons change).
pub fn escape_closes_menu(screen: Screen) {
    let escape = window_event_listener(leptos::ev::keydown, move |ev: KeyboardEvent| {
        if ev.key() == "Escape" {
            close_menu(screen);
        }
    });
    on_cleanup(move || escape.remove());
}

/// The picture, the timeline and the run controls, for a page of its own.
#[component]
pub fn ClusterView(
    screen: Screen,
    playing: RwSignal<bool>,
    /// The run as it starts, for the timeline's reset button.
    start_over: impl Fn() -> Box<dyn Run> + 'static,
) -> impl IntoView {
    let stage = Stage::new();
    let speed = RwSignal::new(1.0);
    let held = RwSignal::new(false);
    let highlight = RwSignal::new(None);
    play_frames(screen, stage, playing, RwSignal::new(true), speed, highlight);
    escape_closes_menu(screen);
    view! {
        <Picture screen stage playing speed highlight />
        <TimelineBar screen playing start_over />
        <Controls playing speed held on_step=move || step_once(screen) />
    }
}
