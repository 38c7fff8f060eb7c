//! The control bar: play or pause the run, step one event, choose a speed.
//! While a lesson waits for a prediction, play and step are held.

use leptos::prelude::*;

/// Speeds offered, as multiples of real time.
pub const SPEEDS: [(&str, &str); 7] = [
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
                title=move || held.get().then_some("Make your prediction first")
                aria-pressed=move || if playing.get() { "true" } else { "false" }
                on:click=move |_| playing.update(|p| *p = !*p)
            >
                <span aria-hidden="true" class="control-icon">
                    {move || if playing.get() { "❚❚" } else { "▶" }}
                </span>
                <span class="control-label">{move || if playing.get() { "Pause" } else { "Play" }}</span>
            </button>
            <button
                class="control step"
                disabled=move || held.get()
                on:click=move |_| {
                    playing.set(false);
                    on_step();
                }
            >
                <span aria-hidden="true" class="control-icon">"⇥"</span>
                <span class="control-label">"Step"</span>
            </button>
            <label class="control speed">
                <span class="control-label">"Speed"</span>
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
