//! The control bar: play or pause the run, step one event, choose a speed.
//! While a lesson waits for a prediction, play and step are held. Lesson
//! text and the node menu offer the bar's play, pause and step where the
//! bar itself is out of sight ([`press`]).

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::lessons::controls::Control;

/// What Play does now: play, or pause a playing run.
fn play_control(playing: bool) -> Control {
    if playing {
        Control::Pause
    } else {
        Control::Play
    }
}

/// The icon of a control on the bar; the controls with one (play, pause,
/// step) may also be pressed from elsewhere on the page ([`press`]).
pub fn bar_icon(control: Control) -> Option<&'static str> {
    match control {
        Control::Play => Some("▶"),
        Control::Pause => Some("❚❚"),
        Control::Step => Some("⇥"),
        _ => None,
    }
}

/// Press `control` on the bar, as the student would there: nothing happens
/// when the bar does not offer it now (Pause while paused, Step while the
/// lesson waits for a prediction).
pub fn press(control: Control) {
    let button = document()
        .query_selector(&format!(".controls [data-control=\"{}\"]", control.id()))
        .ok()
        .flatten()
        .and_then(|found| found.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(button) = button {
        button.click();
    }
}

/// Speeds offered, as multiples of real time.
pub const SPEEDS: [(&str, &str); 8] = [
    ("0.05", "0.05×"),
    ("0.1", "0.1×"),
    ("0.25", "0.25×"),
    ("0.5", "0.5×"),
    ("1", "1×"),
    ("2", "2×"),
    ("10", "10×"),
    ("100", "100×"),
];

#[component]
pub fn Controls(
    playing: RwSignal<bool>,
    speed: RwSignal<f64>,
    /// Play and step wait while the lesson asks for a prediction.
    held: RwSignal<bool>,
    on_step: impl Fn() + 'static,
) -> impl IntoView {
    view! {
        <div class="controls" role="toolbar" aria-label="Run controls">
            <button
                class="control play"
                disabled=move || held.get()
                aria-describedby="play-held-why"
                aria-pressed=move || if playing.get() { "true" } else { "false" }
                data-control=move || play_control(playing.get()).id()
                on:click=move |_| playing.update(|p| *p = !*p)
            >
                <span aria-hidden="true" class="control-icon">
                    {move || bar_icon(play_control(playing.get())).unwrap_or_default()}
                </span>
                <span class="control-label">{move || play_control(playing.get()).label()}</span>
            </button>
            <button
                class="control step"
                data-control=Control::Step.id()
                disabled=move || held.get()
                on:click=move |_| {
                    playing.set(false);
                    on_step();
                }
            >
                <span aria-hidden="true" class="control-icon">{bar_icon(Control::Step)}</span>
                <span class="control-label">{Control::Step.label()}</span>
            </button>
            <Show when=move || held.get()>
                <span class="held-why" id="play-held-why">
                    "Play waits for your prediction: pick an answer in the lesson and lock it in."
                </span>
            </Show>
            <label class="control speed" data-control=Control::Speed.id()>
                <span class="control-label">{Control::Speed.label()}</span>
                <select on:change=move |ev| {
                    if let Ok(value) = event_target_value(&ev).parse::<f64>() {
                        speed.set(value);
                    }
                }>
                    {SPEEDS
                        .iter()
                        .map(|(value, label)| {
                            view! {
                                <option value=*value selected=move || speed.get().to_string() == *value>
                                    {*label}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </label>
        </div>
    }
}
