//! The timeline: a scrubber to travel back and forth in the run (seeking is
//! deterministic replay), markers where interventions happened, and a reset
//! button that starts the scenario over (keeping the interventions it came
//! with, such as a teacher's scheduled faults).

use leptos::prelude::*;
use web_sys::KeyboardEvent;

use super::opening::{default_run, open};
use super::painter::clock_label;
use super::screen::Screen;
use crate::lessons::controls::Control;
use crate::scenario::Scenario;

/// How far an arrow key moves the playhead: a fiftieth of the run, at
/// least a tenth of a second; Page Up and Page Down move five times as far.
fn key_stride_ms(span_ms: u64, key: &str) -> Option<i64> {
    let stride = (span_ms / 50).max(100) as i64;
    match key {
        "ArrowRight" | "ArrowUp" => Some(stride),
        "ArrowLeft" | "ArrowDown" => Some(-stride),
        "PageUp" => Some(5 * stride),
        "PageDown" => Some(-5 * stride),
        _ => None,
    }
}

fn millis(micros: u64) -> u64 {
    micros / 1_000
}

#[component]
pub fn TimelineBar(
    screen: Screen,
    scenario: StoredValue<Scenario, LocalStorage>,
    playing: RwSignal<bool>,
) -> impl IntoView {
    let span = move || millis(screen.horizon.get()).max(1);
    let seek = move |ev: leptos::ev::Event| {
        if let Ok(ms) = event_target_value(&ev).parse::<u64>() {
            playing.set(false);
            screen.seek_to(ms * 1_000);
        }
    };
    let by_key = move |ev: KeyboardEvent| {
        let Some(stride) = key_stride_ms(span(), &ev.key()) else {
            return;
        };
        ev.prevent_default();
        let now = millis(screen.now.get_untracked()) as i64;
        let target = (now + stride).clamp(0, span() as i64) as u64;
        playing.set(false);
        screen.seek_to(target * 1_000);
    };
    let reset = move |_| {
        playing.set(false);
        let mut start = scenario.get_value();
        start.playhead = 0;
        screen.replace_run(open(&start).unwrap_or_else(|_| default_run()));
        screen.announcement.set("The run was reset to its start.".to_string());
    };
    view! {
        <div class="timeline">
            <button class="control reset" data-control=Control::Reset.id() on:click=reset>
                <span aria-hidden="true" class="control-icon">"⟲"</span>
                <span class="control-label">{Control::Reset.label()}</span>
            </button>
            <div class="scrubber">
                <div class="markers" aria-hidden="true">
                    {move || {
                        let span = span();
                        screen
                            .markers
                            .get()
                            .into_iter()
                            .map(|at| {
                                let left = format!("left: {:.2}%", millis(at).min(span) as f64 * 100.0 / span as f64);
                                view! { <span class="marker" style=left></span> }
                            })
                            .collect_view()
                    }}
                </div>
                <input
                    class="scrubber-range"
                    type="range"
                    min="0"
                    step="1"
                    aria-label="Timeline: drag to travel back and forth in the run"
                    prop:max=move || span().to_string()
                    prop:value=move || millis(screen.now.get()).to_string()
                    aria-valuetext=move || format!("{} of {}", clock_label(screen.now.get() as i64), clock_label(screen.horizon.get() as i64))
                    on:input=seek
                    on:keydown=by_key
                />
            </div>
            <span class="sim-time" aria-hidden="true">{move || clock_label(screen.now.get() as i64)}</span>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::key_stride_ms;

    #[test]
    fn arrow_keys_move_by_a_useful_stride() {
        assert_eq!(key_stride_ms(60_000, "ArrowRight"), Some(1_200));
        assert_eq!(key_stride_ms(2_000, "ArrowLeft"), Some(-100));
        assert_eq!(key_stride_ms(60_000, "PageDown"), Some(-6_000));
        assert_eq!(key_stride_ms(60_000, "a"), None);
    }
}
