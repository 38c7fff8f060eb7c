//! The sweep's chart on a canvas: drawn once the sweep is done, and again
//! when the window is resized. The sentences beside it say the same in
//! words, so the canvas itself is hidden from screen readers.

use leptos::html::Canvas;
use leptos::prelude::*;
use plotters::prelude::IntoDrawingArea;
use plotters_canvas::CanvasBackend;

use super::tally::Tally;
use crate::ui::charts::draw::seed_sweep;
use crate::ui::charts::view::fit;

#[component]
pub fn SweepChart(tally: Tally) -> impl IntoView {
    let canvas = NodeRef::<Canvas>::new();
    let panels = 1 + usize::from(tally.verdicts.no_operations < tally.runs) + usize::from(tally.leaders.is_some());
    let tally = StoredValue::new(tally);
    let draw = move || {
        let Some(Some(element)) = canvas.try_get_untracked() else {
            return;
        };
        let look = fit(&element);
        let Some(backend) = CanvasBackend::with_canvas_object(element) else {
            return;
        };
        tally.with_value(|tally| {
            if let Err(error) = seed_sweep(&backend.into_drawing_area(), tally, &look) {
                leptos::logging::warn!("The sweep chart could not be drawn: {error}");
            }
        });
    };
    Effect::new(move |_| {
        if canvas.get().is_some() {
            draw();
        }
    });
    let resize = window_event_listener(leptos::ev::resize, move |_| draw());
    on_cleanup(move || resize.remove());
    view! {
        <figure class="chart sweep-chart" data-panels=panels.to_string()>
            <canvas node_ref=canvas class="chart-canvas" aria-hidden="true"></canvas>
        </figure>
    }
}
