//! The chart component: a `<figure>` whose canvas plotters draws on, at
//! the canvas's CSS size times the device pixel ratio, and whose caption
//! says the same numbers in words. It redraws as the run moves on, at most
//! about twice a second, and when the window is resized.

use std::time::Duration;

use leptos::html::Canvas;
use leptos::prelude::*;
use plotters::prelude::IntoDrawingArea;
use plotters_canvas::CanvasBackend;
use web_sys::HtmlCanvasElement;

use super::caption::describe;
use super::draw::{draw_chart, Look};
use crate::lessons::Chart;
use crate::ui::screen::Screen;

/// The least time between two redraws, in wall-clock milliseconds.
const REDRAW_EVERY_MS: f64 = 500.0;

/// When the chart was last drawn and whether a redraw is already waiting.
#[derive(Clone, Copy)]
struct Throttle {
    last_ms: f64,
    waiting: bool,
}

/// A chart beside a lesson step, drawn from `screen`'s run.
#[component]
pub fn ChartView(chart: Chart, screen: Screen) -> impl IntoView {
    let canvas = NodeRef::<Canvas>::new();
    let caption = RwSignal::new(String::new());
    let throttle = StoredValue::new(Throttle {
        last_ms: f64::NEG_INFINITY,
        waiting: false,
    });

    let draw_now = move || {
        if let Some(Some(element)) = canvas.try_get_untracked() {
            let text = paint(&element, chart, screen);
            if caption.try_with_untracked(|current| *current != text) == Some(true) {
                caption.set(text);
            }
        }
    };
    let request = move || {
        let Some(Throttle { last_ms, waiting }) = throttle.try_get_value() else {
            return;
        };
        if waiting {
            return;
        }
        let wait_ms = REDRAW_EVERY_MS - (wall_clock_ms() - last_ms);
        if wait_ms <= 0.0 {
            throttle.set_value(Throttle {
                last_ms: wall_clock_ms(),
                waiting: false,
            });
            draw_now();
            return;
        }
        throttle.set_value(Throttle { last_ms, waiting: true });
        set_timeout(
            move || {
                let drawn = Throttle {
                    last_ms: wall_clock_ms(),
                    waiting: false,
                };
                if throttle.try_set_value(drawn).is_none() {
                    draw_now();
                }
            },
            Duration::from_millis(wait_ms.ceil() as u64),
        );
    };

    Effect::new(move |_| {
        screen.now.track();
        if canvas.get().is_some() {
            request();
        }
    });
    let resize = window_event_listener(leptos::ev::resize, move |_| request());
    on_cleanup(move || resize.remove());

    view! {
        <figure class="chart" data-chart=chart_slug(chart)>
            <canvas node_ref=canvas class="chart-canvas" aria-hidden="true"></canvas>
            <figcaption class="chart-caption">{move || caption.get()}</figcaption>
        </figure>
    }
}

/// A name for each chart that the style sheet can size it by.
fn chart_slug(chart: Chart) -> &'static str {
    match chart {
        Chart::ScalingOut => "scaling-out",
        Chart::ScalingCost => "scaling-cost",
        Chart::LatencyByDistance => "latency-by-distance",
        Chart::Availability => "availability",
        Chart::PartitionChoice => "partition-choice",
    }
}

fn wall_clock_ms() -> f64 {
    web_sys::window().and_then(|w| w.performance()).map_or(0.0, |p| p.now())
}

/// Draw `chart` on `canvas` at its CSS size in device pixels, in the
/// colours of the page's theme, and say what it shows.
fn paint(canvas: &HtmlCanvasElement, chart: Chart, screen: Screen) -> String {
    let look = fit(canvas);
    screen
        .run
        .try_with_value(|run| {
            if let Some(backend) = CanvasBackend::with_canvas_object(canvas.clone()) {
                if let Err(error) = draw_chart(chart, run.as_ref(), &backend.into_drawing_area(), &look) {
                    leptos::logging::warn!("The {chart:?} chart could not be drawn: {error}");
                }
            }
            describe(chart, run.as_ref())
        })
        .unwrap_or_default()
}

/// Size `canvas`'s backing store to its CSS size in device pixels, and
/// read the page theme's colours for drawing on it.
pub fn fit(canvas: &HtmlCanvasElement) -> Look {
    let ratio = web_sys::window().map_or(1.0, |w| w.device_pixel_ratio()).max(1.0);
    let (width, height) = (canvas.client_width().max(1), canvas.client_height().max(1));
    let backing = |css: i32| (f64::from(css) * ratio).round() as u32;
    if canvas.width() != backing(width) || canvas.height() != backing(height) {
        canvas.set_width(backing(width));
        canvas.set_height(backing(height));
    }
    let style = web_sys::window().and_then(|w| w.get_computed_style(canvas).ok().flatten());
    let token = |name: &str| {
        style
            .as_ref()
            .and_then(|s| s.get_property_value(name).ok())
            .filter(|value| !value.trim().is_empty())
    };
    Look::from_tokens(token, ratio)
}
