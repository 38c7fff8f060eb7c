//! One animation frame: advance the run by wall-clock time times the chosen
//! speed, repaint the picture (the cluster or the space-time diagram), and
//! remember what was drawn where, so the pointer can find it.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use leptos::html::Canvas;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

use crate::lessons::focus::Stamp;
use crate::sim::{seconds, Headline, MessageId, MessageView, Run, SimTime, Snapshot, SECOND};
use crate::ui::drops::recent_drops;
use crate::ui::layout::{Layout, Point};
use crate::ui::pacing::{wall_clock_ms, within_ms, Pace, FRAME_BUDGET_MS};
use crate::ui::painter::{message_positions, paint, paint_backdrop, readouts, Backdrop, Scene, Travelled};
use crate::ui::palette::Palette;
use crate::ui::screen::Screen;
use crate::ui::spacetime::{space_time, Lanes, SpaceTime};
use crate::ui::spacetime_painter::paint_space_time;

use super::frame_timing::FrameTiming;

/// Which picture the canvas shows.
pub use crate::lessons::focus::View;

/// What the last frame drew where, for pointing at messages.
#[derive(Default)]
pub enum Drawn {
    #[default]
    Nothing,
    /// Messages on the cluster view, and where.
    Cluster(Vec<(MessageId, Point)>),
    /// The diagram and how it was mapped to pixels.
    SpaceTime(SpaceTime, Lanes),
}

/// The picture's state shared by the frame loop and the pointer.
#[derive(Clone, Copy)]
pub struct Stage {
    pub canvas: NodeRef<Canvas>,
    pub view: RwSignal<View>,
    /// How the space-time diagram stamps events, as the lesson step asks.
    pub stamp: StoredValue<Option<Stamp>>,
    /// Whether the node menu shows Lamport clocks: not in lessons before
    /// the course teaches them.
    pub lamport_shown: StoredValue<bool>,
    /// Whether the picture tags replicas with their epochs: not in lessons
    /// before the course explains them.
    pub epochs_shown: StoredValue<bool>,
    /// The run's layout, planned once per run.
    pub layout: StoredValue<Option<(Planned, Layout)>>,
    /// How the picture describes itself to assistive technology.
    pub description: RwSignal<String>,
    pub drawn: StoredValue<Drawn>,
    /// The message pointed at (hover or focus), highlighted everywhere.
    pub pointed: RwSignal<Option<MessageId>>,
    /// Whether the history view is shown above the picture.
    pub history_shown: RwSignal<bool>,
    /// Whether the History button stays offered: once a run of this lesson
    /// (or this visit to the sandbox) has had an operation, so the button
    /// does not blink out while a new step's run makes its first call.
    pub history_offered: RwSignal<bool>,
    /// The messages of the operation pointed at in the history view,
    /// highlighted in the space-time diagram and the event log.
    pub linked: RwSignal<Vec<MessageId>>,
    /// Where the pointer rests on the canvas, for the message inspector.
    pub hover: RwSignal<Option<Point>>,
    /// The node hovered on the canvas or whose button has focus.
    pub peeked: RwSignal<Option<usize>>,
    /// The colours, read from CSS now and then rather than every frame
    /// (with when they were read).
    pub palette: StoredValue<Option<(f64, Palette)>>,
    /// The cluster view's backdrop (surface, map, links), drawn once for
    /// a size, a layout and a palette, and copied onto every frame.
    pub backdrop: StoredValue<Option<(BackdropKey, HtmlCanvasElement)>, LocalStorage>,
    /// Counts the layouts planned, so a new one redraws the backdrop.
    pub plans: StoredValue<u64>,
    /// The links travelled that the backdrop does not draw.
    pub travelled: StoredValue<Travelled>,
}

/// Which run a layout was planned for: the screen's run generation and
/// its nodes' names.
pub type Planned = (u64, Vec<String>);

/// What a cached backdrop was drawn for: backing size, layout plan, and
/// when the palette was read.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct BackdropKey {
    backing: (u32, u32),
    plan: u64,
    palette_read: f64,
}

impl Stage {
    /// Forget where the pointer rested: the message inspector, the node
    /// peek and the highlight close (a new step or lesson starts clean).
    pub fn forget_pointer(&self) {
        self.hover.set(None);
        self.pointed.set(None);
        self.peeked.set(None);
        self.linked.set(Vec::new());
    }

    /// Put the message inspector and the node peek away (the highlight
    /// of a linked operation stays). Only what is shown changes.
    pub fn put_tooltips_away(&self) {
        if self.hover.get_untracked().is_some() {
            self.hover.set(None);
        }
        if self.pointed.get_untracked().is_some() {
            self.pointed.set(None);
        }
        if self.peeked.get_untracked().is_some() {
            self.peeked.set(None);
        }
    }

    pub fn new() -> Stage {
        Stage {
            canvas: NodeRef::new(),
            view: RwSignal::new(View::Cluster),
            stamp: StoredValue::new(None),
            lamport_shown: StoredValue::new(true),
            epochs_shown: StoredValue::new(true),
            layout: StoredValue::new(None),
            description: RwSignal::new(String::new()),
            drawn: StoredValue::new(Drawn::Nothing),
            pointed: RwSignal::new(None),
            history_shown: RwSignal::new(false),
            history_offered: RwSignal::new(false),
            linked: RwSignal::new(Vec::new()),
            hover: RwSignal::new(None),
            peeked: RwSignal::new(None),
            palette: StoredValue::new(None),
            backdrop: StoredValue::new_local(None),
            plans: StoredValue::new(0),
            travelled: StoredValue::new(Travelled::default()),
        }
    }

    /// Plan the layout again if the run is not the one it was made for
    /// (run `generation` of the screen), with the links its nodes use early
    /// in the run.
    fn keep_layout_for(&self, snapshot: &Snapshot, run: &dyn Run, generation: u64) {
        let same = self.layout.with_value(|cached| {
            cached.as_ref().is_some_and(|((planned, names), _)| {
                *planned == generation
                    && names.len() == snapshot.nodes.len()
                    && names.iter().zip(&snapshot.nodes).all(|(a, b)| *a == b.name)
            })
        });
        if !same {
            let layout = Layout::plan(&snapshot.nodes).with_links(&run.talkers(TALK_WINDOW, TALK_BUDGET));
            let names: Vec<String> = snapshot.nodes.iter().map(|n| n.name.clone()).collect();
            self.description.set(super::describe::describe(&layout, &names));
            self.layout.set_value(Some(((generation, names), layout)));
            self.plans.update_value(|n| *n += 1);
        }
    }
}

/// How much of a run's start is looked at for the links its nodes use,
/// and the most engine events that may take.
const TALK_WINDOW: SimTime = seconds(10);
const TALK_BUDGET: u64 = 10_000;

pub fn canvas_size(canvas: &HtmlCanvasElement) -> (f64, f64) {
    (
        f64::from(canvas.client_width().max(1)),
        f64::from(canvas.client_height().max(1)),
    )
}

/// How much sim time the space-time diagram shows: a few seconds of wall
/// clock at the chosen speed, within 2 s and 60 s.
pub(super) fn space_time_span(speed: f64) -> u64 {
    ((3_000_000.0 * speed.max(1.0)) as u64).clamp(2 * SECOND, 60 * SECOND)
}

/// The most sim time the diagram shows while it writes a stamp beside
/// every event: at any speed, a longer window packs the stamps too close
/// to read.
const STAMPED_SPAN: u64 = 3 * SECOND;

/// How long a lost message stays marked, in wall-clock microseconds.
const DROP_MARK_MICROS: f64 = 600_000.0;

/// How often the colours are read again from CSS (a theme may change).
const PALETTE_EVERY_MS: f64 = 1_000.0;

/// Copy the backdrop onto `ctx`, drawing it first if the cached one was
/// made for another size, layout or palette.
fn lay_backdrop(
    stage: Stage,
    ctx: &CanvasRenderingContext2d,
    key: BackdropKey,
    ratio: f64,
    backdrop: &Backdrop<'_>,
    palette: &Palette,
) {
    let fresh = stage
        .backdrop
        .with_value(|b| b.as_ref().is_some_and(|(k, _)| *k == key));
    if !fresh {
        let made = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.create_element("canvas").ok())
            .and_then(|e| e.dyn_into::<HtmlCanvasElement>().ok());
        let Some(canvas) = made else {
            return;
        };
        canvas.set_width(key.backing.0);
        canvas.set_height(key.backing.1);
        let Some(cached) = context_2d(&canvas) else {
            return;
        };
        let _ = cached.set_transform(ratio, 0.0, 0.0, ratio, 0.0, 0.0);
        paint_backdrop(&cached, backdrop, palette);
        stage.backdrop.set_value(Some((key, canvas)));
    }
    let (width, height) = backdrop.size;
    stage.backdrop.with_value(|b| {
        if let Some((_, canvas)) = b {
            let _ = ctx.draw_image_with_html_canvas_element_and_dw_and_dh(canvas, 0.0, 0.0, width, height);
        }
    });
}

/// A canvas's 2D drawing context, if the browser gives one.
fn context_2d(canvas: &HtmlCanvasElement) -> Option<CanvasRenderingContext2d> {
    canvas
        .get_context("2d")
        .ok()
        .flatten()
        .and_then(|c| c.dyn_into::<CanvasRenderingContext2d>().ok())
}

/// The most message dots the cluster view draws: past this, drawing them
/// all would take longer than a frame on a slow machine.
pub const MAX_MESSAGE_DOTS: usize = 1_500;

/// Leave each replica's epoch out of what the picture shows, for a lesson
/// step before the course explains epochs.
fn forget_epochs(snapshot: &mut Snapshot) {
    for node in &mut snapshot.nodes {
        if let Some(Headline::Holds { epoch, .. }) = &mut node.headline {
            *epoch = None;
        }
    }
}

/// Keep at most [`MAX_MESSAGE_DOTS`] messages to draw: one in every `n`
/// (a power of two), chosen by id so a message drawn once stays drawn.
/// Returns `n` (1 when all are kept).
fn thin_messages(messages: &mut Vec<MessageView>) -> u64 {
    let mut one_in = 1u64;
    while messages.len() as u64 > MAX_MESSAGE_DOTS as u64 * one_in {
        one_in *= 2;
    }
    if one_in > 1 {
        messages.retain(|m| m.id % one_in == 0);
    }
    one_in
}

/// Say, under the clock, that only some of the messages are drawn.
fn say_thinned(ctx: &CanvasRenderingContext2d, one_in: u64, palette: &Palette) {
    ctx.set_text_align("left");
    ctx.set_text_baseline("middle");
    ctx.set_fill_style_str(&palette.ink);
    ctx.set_font("13px system-ui, sans-serif");
    let _ = ctx.fill_text(&format!("So many messages: one in {one_in} is drawn"), 12.0, 36.0);
}

/// Repaint the canvas at its CSS size, backed by device pixels, from
/// `snapshot`, just taken of the screen's run. `speed` sets how much sim time
/// a lost message's mark lasts. Returns whether a picture was painted.
fn draw(
    stage: Stage,
    canvas: &HtmlCanvasElement,
    screen: Screen,
    mut snapshot: Snapshot,
    speed: f64,
    highlight: Option<&str>,
    wall: f64,
) -> bool {
    let (width, height) = canvas_size(canvas);
    let ratio = web_sys::window().map_or(1.0, |w| w.device_pixel_ratio()).max(1.0);
    let (backing_w, backing_h) = ((width * ratio).round() as u32, (height * ratio).round() as u32);
    if canvas.width() != backing_w || canvas.height() != backing_h {
        canvas.set_width(backing_w);
        canvas.set_height(backing_h);
    }
    let Some(ctx) = context_2d(canvas) else {
        return false;
    };
    let _ = ctx.set_transform(ratio, 0.0, 0.0, ratio, 0.0, 0.0);
    let stale = stage
        .palette
        .with_value(|p| p.as_ref().is_none_or(|(read, _)| wall - read >= PALETTE_EVERY_MS));
    if stale {
        stage.palette.set_value(Some((wall, Palette::from_css(canvas))));
    }
    let drop_window = (DROP_MARK_MICROS * speed) as u64;
    let palette_read = stage.palette.with_value(|p| p.as_ref().map_or(0.0, |(read, _)| *read));
    let pointed = stage.pointed.get_untracked();
    let view = stage.view.get_untracked();
    let generation = screen.generation.get_untracked();
    let drawn = screen.run.with_value(|r| {
        stage.keep_layout_for(&snapshot, r.as_ref(), generation);
        let one_in = thin_messages(&mut snapshot.messages);
        if !stage.epochs_shown.get_value() {
            forget_epochs(&mut snapshot);
        }
        stage.palette.with_value(|palette| {
            let Some((_, palette)) = palette else {
                return Drawn::Nothing;
            };
            if view == View::SpaceTime {
                let stamp = stage.stamp.get_value();
                let span = match stamp {
                    Some(_) => space_time_span(speed).min(STAMPED_SPAN),
                    None => space_time_span(speed),
                };
                let diagram = space_time(r.trace(), &snapshot, span, stamp);
                let names: Vec<String> = snapshot.nodes.iter().map(|n| n.name.clone()).collect();
                stage.linked.with_untracked(|linked| {
                    paint_space_time(&ctx, &diagram, &names, (width, height), palette, (pointed, linked));
                });
                let lanes = Lanes::new(&diagram, &names, (width, height));
                return Drawn::SpaceTime(diagram, lanes);
            }
            stage.layout.with_value(|cached| {
                let Some((_, layout)) = cached else {
                    return Drawn::Nothing;
                };
                let positions = layout.positions(width, height);
                let key = BackdropKey {
                    backing: (backing_w, backing_h),
                    plan: stage.plans.get_value(),
                    palette_read,
                };
                let true_spots = layout.true_spots(width, height);
                let backdrop = Backdrop {
                    positions: &positions,
                    links: &layout.links,
                    map: layout.map_frame(width, height),
                    true_spots: &true_spots,
                    size: (width, height),
                };
                lay_backdrop(stage, &ctx, key, ratio, &backdrop, palette);
                let radius = layout.radius(width, height);
                let messages_at = message_positions(&snapshot, &positions, radius);
                let drops = recent_drops(r.trace(), &snapshot, drop_window);
                let highlight = highlight.and_then(|name| snapshot.nodes.iter().position(|n| n.name == name));
                let readouts = readouts(backdrop.map.as_ref(), (width, height));
                let travelled = stage
                    .travelled
                    .try_update_value(|t| t.see(key.plan, &snapshot, &layout.links).to_vec())
                    .unwrap_or_default();
                let scene = Scene {
                    readouts: &readouts,
                    links: &layout.links,
                    travelled: &travelled,
                    highlight,
                    pointed,
                    snapshot: &snapshot,
                    drops: &drops,
                    drop_window,
                    positions: &positions,
                    messages_at: &messages_at,
                    radius,
                };
                paint(&ctx, &scene, (width, height), palette);
                if one_in > 1 {
                    say_thinned(&ctx, one_in, palette);
                }
                Drawn::Cluster(
                    snapshot
                        .messages
                        .iter()
                        .zip(messages_at)
                        .filter_map(|(m, at)| Some((m.id, at?)))
                        .collect(),
                )
            })
        })
    });
    let painted = !matches!(drawn, Drawn::Nothing);
    stage.drawn.set_value(drawn);
    painted
}

/// How often the event log is refreshed while the run plays.
const LOG_EVERY_MS: f64 = 1_000.0;

/// The animation loop's state. Schedules the next frame until the app
/// unmounts.
pub struct FrameLoop {
    pub screen: Screen,
    pub stage: Stage,
    pub playing: RwSignal<bool>,
    /// Whether the page can be seen (an embed waits while it cannot).
    pub in_view: RwSignal<bool>,
    pub speed: RwSignal<f64>,
    pub highlight: RwSignal<Option<&'static str>>,
    pub alive: Arc<AtomicBool>,
    pub last_wall_ms: Option<f64>,
    pub last_log_ms: f64,
    pub pace: Pace,
    /// Whether a picture has been painted yet (the first is marked for the bench).
    pub pictured: bool,
}

impl FrameLoop {
    pub fn frame(mut self) {
        if !self.alive.load(Ordering::Relaxed) {
            return;
        }
        let timing = FrameTiming::start();
        let now = wall_clock_ms();
        if self.screen.travelling() {
            self.screen.keep_travelling();
            self.pace.reset();
        } else if let (Some(now), Some(last)) = (now, self.last_wall_ms) {
            // A hidden tab gets no frames: never jump more than 100 ms.
            let elapsed_ms = (now - last).clamp(0.0, 100.0);
            self.play(elapsed_ms);
        }
        self.last_wall_ms = now;
        let wall = now.unwrap_or(0.0);
        let with_log = wall - self.last_log_ms >= LOG_EVERY_MS;
        if with_log {
            self.last_log_ms = wall;
        }
        // One snapshot a frame: the page's signals and the picture read it.
        let mut first_picture = false;
        if let Some(snapshot) = self.screen.run.try_with_value(|r| r.snapshot()) {
            self.screen.refresh_from(&snapshot, with_log);
            if let Some(canvas) = self.stage.canvas.get_untracked() {
                let painted = draw(
                    self.stage,
                    &canvas,
                    self.screen,
                    snapshot,
                    self.speed.get_untracked(),
                    self.highlight.get_untracked(),
                    wall,
                );
                first_picture = painted && !self.pictured;
                self.pictured |= painted;
            }
        }
        timing.end(first_picture);
        request_animation_frame(move || self.frame());
    }

    /// Move the run on by `elapsed_ms` of wall clock times the speed, within
    /// the frame's budget, and notice when it cannot keep up.
    fn play(&mut self, elapsed_ms: f64) {
        if !self.playing.get_untracked() || !self.in_view.get_untracked() {
            self.pace.reset();
            if self.screen.behind.get_untracked().is_some() {
                self.screen.behind.set(None);
            }
            return;
        }
        let asked = (elapsed_ms * 1_000.0 * self.speed.get_untracked()) as u64;
        let hold = self.screen.hold_at.get_value();
        let got = self
            .screen
            .run
            .try_update_value(|r| {
                let from = r.now();
                let target = match hold {
                    Some(hold) if hold >= from => (from + asked).min(hold),
                    _ => from + asked,
                };
                within_ms(FRAME_BUDGET_MS, |budget| r.advance_within(target, budget));
                r.now() - from
            })
            .unwrap_or(asked);
        if let Some(report) = self.pace.frame(elapsed_ms, asked, got) {
            if self.screen.behind.get_untracked() != report {
                self.screen.behind.set(report);
            }
        }
    }
}
