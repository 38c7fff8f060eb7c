//! The cluster picture and everything that drives it, as one piece for a
//! page of its own (the lab page): the view switch, the history panel, the
//! canvas with its menus, the node buttons, the timeline and the run
//! controls, and the frame loop that plays and paints the run within its
//! budget. The lesson app lays out the same pieces itself, with its lesson
//! panel between them.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use leptos::prelude::*;
use web_sys::KeyboardEvent;

use super::canvas::ClusterCanvas;
use super::frame::{FrameLoop, Stage};
use super::history_panel::HistoryPanel;
use super::node_buttons::NodeButtons;
use super::view_switch::ViewSwitch;
use crate::sim::Run;
use crate::ui::controls::Controls;
use crate::ui::node_menu::close_menu;
use crate::ui::pacing::{Pace, PaceNote};
use crate::ui::screen::Screen;
use crate::ui::timeline_bar::TimelineBar;
use crate::ui::travel::TravelBar;

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
    let history_shown = stage.history_shown;
    let has_history = Memo::new(move |_| {
        screen.now.track();
        screen.generation.track();
        screen.run.try_with_value(|r| r.history().calls() > 0).unwrap_or(false)
    });
    let alive = Arc::new(AtomicBool::new(true));
    let frames = FrameLoop {
        screen,
        stage,
        playing,
        in_view: RwSignal::new(true),
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
    let escape = window_event_listener(leptos::ev::keydown, move |ev: KeyboardEvent| {
        if ev.key() == "Escape" {
            close_menu(screen);
        }
    });
    on_cleanup(move || escape.remove());
    view! {
        <section class="cluster" class:with-history=move || history_shown.get() && has_history.get() aria-label="The cluster">
            <ViewSwitch stage has_history=Signal::from(has_history) />
            <div class="picture-notes">
                <TravelBar screen />
                <PaceNote behind=screen.behind playing />
            </div>
            <HistoryPanel screen stage speed />
            <ClusterCanvas screen stage />
            <NodeButtons screen stage highlight />
        </section>
        <TimelineBar screen playing start_over />
        <Controls playing speed held on_step />
    }
}
