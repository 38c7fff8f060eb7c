//! The app frame: header, lesson sidebar, the cluster canvas with a button
//! per node (so everything works from the keyboard), an accessible status
//! line, the event log, the timeline and the control bar. A
//! requestAnimationFrame loop advances the run by wall-clock time times the
//! chosen speed and repaints it.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use leptos::html::Canvas;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement, MouseEvent};

use super::controls::Controls;
use super::demo::demo_run;
use super::event_log::EventLog;
use super::layout::{hit_test, node_radius, ring_layout, Point};
use super::painter::paint;
use super::palette::Palette;
use super::screen::{NodeSummary, Screen, SharedRun};
use super::sidebar::Sidebar;
use super::timeline_bar::TimelineBar;
use crate::sim::{Action, NodeId, Status};

fn status_word(status: Status) -> &'static str {
    match status {
        Status::Up => "up",
        Status::Paused => "paused",
        Status::Crashed => "crashed",
    }
}

/// "5 nodes: 4 up, 1 crashed".
fn cluster_summary(nodes: &[NodeSummary]) -> String {
    let count = |s: Status| nodes.iter().filter(|n| n.status == s).count();
    let mut parts = vec![format!("{} up", count(Status::Up))];
    for status in [Status::Paused, Status::Crashed] {
        if count(status) > 0 {
            parts.push(format!("{} {}", count(status), status_word(status)));
        }
    }
    format!("{} nodes: {}", nodes.len(), parts.join(", "))
}

/// Crash a node that is up or paused; restart a crashed one. Returns what
/// happened, in words for the status line.
fn toggle_node(run: SharedRun, index: usize) -> Option<String> {
    run.try_update_value(|r| {
        let node = r.snapshot().nodes.into_iter().nth(index)?;
        let id = NodeId(index as u32);
        let (action, word) = match node.status {
            Status::Crashed => (Action::Restart(id), "restarted"),
            Status::Up | Status::Paused => (Action::Crash(id), "crashed"),
        };
        r.intervene(action).ok()?;
        Some(format!("Node {} {word}.", node.name))
    })
    .flatten()
}

fn canvas_size(canvas: &HtmlCanvasElement) -> (f64, f64) {
    (
        f64::from(canvas.client_width().max(1)),
        f64::from(canvas.client_height().max(1)),
    )
}

/// Repaint the canvas at its CSS size, backed by device pixels.
fn draw(canvas: &HtmlCanvasElement, run: SharedRun) {
    let (width, height) = canvas_size(canvas);
    let ratio = web_sys::window().map_or(1.0, |w| w.device_pixel_ratio()).max(1.0);
    let (backing_w, backing_h) = ((width * ratio).round() as u32, (height * ratio).round() as u32);
    if canvas.width() != backing_w || canvas.height() != backing_h {
        canvas.set_width(backing_w);
        canvas.set_height(backing_h);
    }
    let Some(ctx) = canvas
        .get_context("2d")
        .ok()
        .flatten()
        .and_then(|c| c.dyn_into::<CanvasRenderingContext2d>().ok())
    else {
        return;
    };
    let _ = ctx.set_transform(ratio, 0.0, 0.0, ratio, 0.0, 0.0);
    let palette = Palette::from_css(canvas);
    run.with_value(|r| {
        let snapshot = r.snapshot();
        let positions = ring_layout(snapshot.nodes.len(), width, height);
        let radius = node_radius(width, height, snapshot.nodes.len());
        paint(&ctx, &snapshot, &positions, radius, (width, height), &palette);
    });
}

/// How often the event log is refreshed while the run plays.
const LOG_EVERY_MS: f64 = 1_000.0;

/// One animation frame: advance the run if playing, repaint, and refresh
/// what the page shows. Schedules the next frame until the app unmounts.
struct FrameLoop {
    screen: Screen,
    canvas: NodeRef<Canvas>,
    playing: RwSignal<bool>,
    speed: RwSignal<f64>,
    alive: Arc<AtomicBool>,
    last_wall_ms: Option<f64>,
    last_log_ms: f64,
}

fn wall_clock_ms() -> Option<f64> {
    web_sys::window().and_then(|w| w.performance()).map(|p| p.now())
}

impl FrameLoop {
    fn frame(mut self) {
        if !self.alive.load(Ordering::Relaxed) {
            return;
        }
        let now = wall_clock_ms();
        let playing = self.playing.get_untracked();
        if let (Some(now), Some(last)) = (now, self.last_wall_ms) {
            // A hidden tab gets no frames: never jump more than 100 ms.
            let elapsed_ms = (now - last).clamp(0.0, 100.0);
            if playing {
                let advance = (elapsed_ms * 1_000.0 * self.speed.get_untracked()) as u64;
                self.screen.run.update_value(|r| {
                    let target = r.now() + advance;
                    r.advance_to(target);
                });
            }
        }
        self.last_wall_ms = now;
        if let Some(canvas) = self.canvas.get_untracked() {
            draw(&canvas, self.screen.run);
        }
        let wall = now.unwrap_or(0.0);
        let with_log = wall - self.last_log_ms >= LOG_EVERY_MS;
        if with_log {
            self.last_log_ms = wall;
        }
        self.screen.refresh(with_log);
        request_animation_frame(move || self.frame());
    }
}

fn prefers_reduced_motion() -> bool {
    web_sys::window()
        .and_then(|w| w.match_media("(prefers-reduced-motion: reduce)").ok().flatten())
        .is_some_and(|m| m.matches())
}

#[component]
pub fn App() -> impl IntoView {
    let screen = Screen::new(demo_run());
    let playing = RwSignal::new(!prefers_reduced_motion());
    let speed = RwSignal::new(1.0);
    let announcement = RwSignal::new(String::new());
    let canvas = NodeRef::<Canvas>::new();
    let nodes = screen.nodes;

    let alive = Arc::new(AtomicBool::new(true));
    let frames = FrameLoop {
        screen,
        canvas,
        playing,
        speed,
        alive: alive.clone(),
        last_wall_ms: None,
        last_log_ms: 0.0,
    };
    request_animation_frame(move || frames.frame());
    on_cleanup(move || alive.store(false, Ordering::Relaxed));

    let toggle = move |index: usize| {
        if let Some(message) = toggle_node(screen.run, index) {
            announcement.set(message);
            screen.refresh(true);
            if let Some(c) = canvas.get_untracked() {
                draw(&c, screen.run);
            }
        }
    };
    let on_canvas_click = move |ev: MouseEvent| {
        let Some(c) = canvas.get_untracked() else { return };
        let (width, height) = canvas_size(&c);
        let count = nodes.with_untracked(Vec::len);
        let point = Point {
            x: f64::from(ev.offset_x()),
            y: f64::from(ev.offset_y()),
        };
        if let Some(index) = hit_test(
            &ring_layout(count, width, height),
            node_radius(width, height, count),
            point,
        ) {
            toggle(index);
        }
    };
    let on_step = move || {
        screen.run.update_value(|r| {
            r.step();
        });
        screen.refresh(true);
    };

    view! {
        <div class="app">
            <header class="app-header">
                <h1 class="brand">"Many Nodes"</h1>
                <p class="tagline">"Learn distributed systems by running one."</p>
            </header>
            <Sidebar />
            <main class="stage">
                <section class="cluster" aria-label="The cluster">
                    <canvas
                        node_ref=canvas
                        class="cluster-canvas"
                        role="img"
                        aria-label="The cluster: nodes in a ring with messages travelling between them. Use the node buttons below to crash or restart a node."
                        on:click=on_canvas_click
                    ></canvas>
                    <div class="node-buttons" role="group" aria-label="Nodes: press to crash or restart">
                        <For each=move || 0..nodes.with(Vec::len) key=|i| *i let:index>
                            <button
                                class="node-button"
                                data-status=move || nodes.with(|n| n.get(index).map_or("up", |n| status_word(n.status)))
                                aria-pressed=move || {
                                    nodes
                                        .with(|n| {
                                            if n.get(index).is_some_and(|n| n.status == Status::Crashed) {
                                                "true"
                                            } else {
                                                "false"
                                            }
                                        })
                                }
                                on:click=move |_| toggle(index)
                            >
                                {move || {
                                    nodes
                                        .with(|n| {
                                            n.get(index)
                                                .map(|n| format!("{}: {} ({})", n.name, status_word(n.status), n.role))
                                                .unwrap_or_default()
                                        })
                                }}
                            </button>
                        </For>
                    </div>
                    <p class="status" role="status" aria-live="polite">
                        <span class="status-event">{move || announcement.get()}</span>
                        " "
                        <span class="status-summary">{move || nodes.with(|n| cluster_summary(n))}</span>
                    </p>
                </section>
                <EventLog screen />
                <TimelineBar screen playing announcement />
                <Controls playing speed on_step />
            </main>
        </div>
    }
}
