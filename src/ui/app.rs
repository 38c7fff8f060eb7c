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
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement, KeyboardEvent, MouseEvent};

use super::controls::Controls;
use super::demo::demo_scenario;
use super::drops::recent_drops;
use super::event_log::EventLog;
use super::layout::{hit_test, link_hit, node_radius, ring_layout, Point};
use super::location::{embedded, linked_scenario};
use super::network_panel::NetworkPanel;
use super::node_menu::{close_menu, open_menu, NodeMenu};
use super::opening::{default_run, open};
use super::painter::{message_positions, paint, Scene};
use super::palette::Palette;
use super::screen::{NodeSummary, Screen, SharedRun};
use super::share::SharePanel;
use super::sidebar::Sidebar;
use super::spacetime::space_time;
use super::spacetime_painter::paint_space_time;
use super::timeline_bar::TimelineBar;
use crate::scenario::Scenario;
use crate::sim::{Action, NodeId, Run, Status, SECOND};

/// Cut a link that is whole, heal one that is cut: both ways, or with
/// Shift only the direction leaving the node nearer the click.
fn toggle_link(screen: Screen, (a, b, near_a): (usize, usize, bool), one_way: bool) {
    let (first, second) = if near_a { (a, b) } else { (b, a) };
    let (from, to) = (NodeId(first as u32), NodeId(second as u32));
    let names = screen
        .nodes
        .with_untracked(|n| n.iter().map(|n| n.name.clone()).collect::<Vec<_>>());
    let name = |i: usize| names.get(i).cloned().unwrap_or_default();
    let cut_now = screen.cuts.with_untracked(|c| c.contains(&(from, to)));
    let (make, word): (fn(NodeId, NodeId) -> Action, &str) = if cut_now {
        (|from, to| Action::HealLink { from, to }, "healed")
    } else {
        (|from, to| Action::CutLink { from, to }, "cut")
    };
    if one_way {
        screen.act(
            make(from, to),
            format!("The link {}→{} is {word}.", name(first), name(second)),
        );
    } else {
        screen.act(
            make(from, to),
            format!("The link {}↔{} is {word}.", name(first), name(second)),
        );
        screen.act(
            make(to, from),
            format!("The link {}↔{} is {word}.", name(first), name(second)),
        );
    }
}

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

fn canvas_size(canvas: &HtmlCanvasElement) -> (f64, f64) {
    (
        f64::from(canvas.client_width().max(1)),
        f64::from(canvas.client_height().max(1)),
    )
}

/// Which picture the canvas shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum View {
    /// Nodes on a ring, messages moving along links.
    Cluster,
    /// One lane per node, time to the right, messages as arrows.
    SpaceTime,
}

/// How much sim time the space-time diagram shows: a few seconds of wall
/// clock at the chosen speed, within 2 s and 60 s.
fn space_time_span(speed: f64) -> u64 {
    ((3_000_000.0 * speed.max(1.0)) as u64).clamp(2 * SECOND, 60 * SECOND)
}

/// How long a lost message stays marked, in wall-clock microseconds.
const DROP_MARK_MICROS: f64 = 600_000.0;

/// Repaint the canvas at its CSS size, backed by device pixels. `speed`
/// sets how much sim time a lost message's mark lasts.
fn draw(canvas: &HtmlCanvasElement, run: SharedRun, speed: f64, view: View) {
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
    let drop_window = (DROP_MARK_MICROS * speed) as u64;
    run.with_value(|r| {
        let snapshot = r.snapshot();
        if view == View::SpaceTime {
            let diagram = space_time(r.trace(), &snapshot, space_time_span(speed));
            let names: Vec<String> = snapshot.nodes.iter().map(|n| n.name.clone()).collect();
            paint_space_time(&ctx, &diagram, &names, (width, height), &palette);
            return;
        }
        let positions = ring_layout(snapshot.nodes.len(), width, height);
        let radius = node_radius(width, height, snapshot.nodes.len());
        let drops = recent_drops(r.trace(), snapshot.time, drop_window);
        let scene = Scene {
            snapshot: &snapshot,
            drops: &drops,
            drop_window,
            positions: &positions,
            radius,
            size: (width, height),
        };
        paint(&ctx, &scene, &palette);
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
    view: RwSignal<View>,
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
            draw(
                &canvas,
                self.screen.run,
                self.speed.get_untracked(),
                self.view.get_untracked(),
            );
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

/// What the page opens with: the scenario in the address if it opens,
/// otherwise the built-in one and the reason the link did not open.
fn starting_point() -> (Scenario, Box<dyn Run>, Option<String>) {
    match linked_scenario() {
        None => (demo_scenario(), default_run(), None),
        Some(Ok(scenario)) => match open(&scenario) {
            Ok(run) => (scenario, run, None),
            Err(problem) => (demo_scenario(), default_run(), Some(problem)),
        },
        Some(Err(problem)) => (demo_scenario(), default_run(), Some(problem.to_string())),
    }
}

#[component]
pub fn App() -> impl IntoView {
    let (start, run, problem) = starting_point();
    let from_link = linked_scenario().is_some() && problem.is_none();
    let screen = Screen::new(run);
    let scenario = StoredValue::new_local(start);
    let problem = RwSignal::new(problem);
    let embed = embedded();
    // A shared run opens paused at its moment, so everyone sees the same.
    let playing = RwSignal::new(!from_link && !prefers_reduced_motion());
    let speed = RwSignal::new(1.0);
    let canvas = NodeRef::<Canvas>::new();
    let nodes = screen.nodes;
    let view = RwSignal::new(View::Cluster);

    let alive = Arc::new(AtomicBool::new(true));
    let frames = FrameLoop {
        screen,
        canvas,
        playing,
        speed,
        view,
        alive: alive.clone(),
        last_wall_ms: None,
        last_log_ms: 0.0,
    };
    request_animation_frame(move || frames.frame());
    on_cleanup(move || alive.store(false, Ordering::Relaxed));

    let on_canvas_click = move |ev: MouseEvent| {
        let Some(c) = canvas.get_untracked().filter(|_| view.get_untracked() == View::Cluster) else {
            return;
        };
        let (width, height) = canvas_size(&c);
        let count = nodes.with_untracked(Vec::len);
        let positions = ring_layout(count, width, height);
        let radius = node_radius(width, height, count);
        let point = Point {
            x: f64::from(ev.offset_x()),
            y: f64::from(ev.offset_y()),
        };
        let clicked_message = screen.run.with_value(|r| {
            let snapshot = r.snapshot();
            let at = message_positions(&snapshot, &positions);
            snapshot.messages.iter().zip(at).find_map(|(m, p)| {
                let p = p?;
                ((p.x - point.x).powi(2) + (p.y - point.y).powi(2) <= 81.0).then_some((m.id, m.label))
            })
        });
        if let Some((message, label)) = clicked_message {
            screen.act(
                Action::DropMessage(message),
                format!("You dropped a {label} on its way."),
            );
        } else if let Some(index) = hit_test(&positions, radius, point) {
            open_menu(screen, index);
        } else if let Some(link) = link_hit(&positions, radius, point, 8.0) {
            toggle_link(screen, link, ev.shift_key());
        }
    };
    let on_step = move || {
        screen.run.update_value(|r| {
            r.step();
        });
        screen.refresh(true);
    };

    // A new link pasted into the address bar replaces the run only if it
    // opens; otherwise the current run stays and the banner says why.
    let listener = window_event_listener(leptos::ev::hashchange, move |_| match linked_scenario() {
        Some(Ok(linked)) => match open(&linked) {
            Ok(run) => {
                scenario.set_value(linked);
                playing.set(false);
                problem.set(None);
                screen.replace_run(run);
            }
            Err(reason) => problem.set(Some(reason)),
        },
        Some(Err(reason)) => problem.set(Some(reason.to_string())),
        None => {}
    });
    on_cleanup(move || listener.remove());

    let on_key = move |ev: KeyboardEvent| {
        if ev.key() == "Escape" {
            close_menu(screen);
        }
    };

    view! {
        <div class="app" class:embed=embed on:keydown=on_key>
            <header class="app-header">
                <h1 class="brand">"Many Nodes"</h1>
                <p class="tagline">"Learn distributed systems by running one."</p>
            </header>
            <Sidebar />
            <main class="stage">
                <Show when=move || problem.with(Option::is_some)>
                    <div class="banner" role="alert">
                        <p>
                            "This link could not be opened: "
                            {move || problem.get().unwrap_or_default()}
                            ". You are looking at the built-in scenario instead."
                        </p>
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
                    <div class="canvas-wrap">
                        <canvas
                            node_ref=canvas
                            class="cluster-canvas"
                            role="img"
                            aria-label="The cluster: nodes in a ring with messages travelling between them. Click a node for its menu, or a link to cut or heal it (Shift: one way). The node buttons and the network panel do the same from the keyboard."
                            on:click=on_canvas_click
                        ></canvas>
                        <NodeMenu screen />
                    </div>
                    <div class="node-buttons" role="group" aria-label="Nodes: press for a node's menu">
                        <For each=move || 0..nodes.with(Vec::len) key=|i| *i let:index>
                            <button
                                class="node-button"
                                data-status=move || nodes.with(|n| n.get(index).map_or("up", |n| status_word(n.status)))
                                aria-haspopup="dialog"
                                aria-expanded=move || if screen.selected.get() == Some(index) { "true" } else { "false" }
                                on:click=move |_| open_menu(screen, index)
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
                        <span class="status-event">{move || screen.announcement.get()}</span>
                        " "
                        <span class="status-summary">{move || nodes.with(|n| cluster_summary(n))}</span>
                    </p>
                </section>
                <div class="side">
                    <EventLog screen />
                    <NetworkPanel screen />
                    <SharePanel screen scenario playing />
                </div>
                <TimelineBar screen scenario playing />
                <Controls playing speed on_step />
            </main>
        </div>
    }
}
