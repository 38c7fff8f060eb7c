//! Sharing a run: the Share button turns the scenario plus everything done
//! to it and the current moment (or the start, for students to watch it all
//! happen) into a link (put in the address bar,
//! copied, and shown so it can be copied by hand), and "About this run"
//! shows the trace digest, so a teacher can check the class sees the same
//! run, event for event.

use leptos::prelude::*;

use crate::lessons::controls::Control;
use wasm_bindgen_futures::JsFuture;

use super::location::publish;
use super::painter::clock_label;
use super::screen::Screen;
use crate::scenario::{encode, Scenario, ScenarioError};

/// Copy `text`, then say whether it worked.
fn copy_to_clipboard(text: String, announcement: RwSignal<String>) {
    let Some(clipboard) = web_sys::window().map(|w| w.navigator().clipboard()) else {
        return;
    };
    let promise = clipboard.write_text(&text);
    leptos::task::spawn_local(async move {
        let said = match JsFuture::from(promise).await {
            Ok(_) => "Link copied. Anyone who opens it sees this very run.",
            Err(_) => "Here is the link to this run: copy it from the box below.",
        };
        announcement.set(said.to_string());
    });
}

#[component]
pub fn SharePanel(
    screen: Screen,
    scenario: StoredValue<Scenario, LocalStorage>,
    playing: RwSignal<bool>,
) -> impl IntoView {
    let link = RwSignal::new(None::<String>);
    // Everything done so far comes along; the link opens at this moment,
    // or at the start, so students watch it all happen.
    let share = move |from_start: bool| {
        playing.set(false);
        let mut shared = scenario.get_value();
        screen.run.with_value(|run| shared.capture(run.as_ref()));
        if from_start {
            shared.playhead = 0;
        }
        if let Err(problem) = shared.validate() {
            let instead = if from_start {
                ""
            } else {
                " “Share from the start” makes a link that opens at once."
            };
            let instead = match problem {
                ScenarioError::TooMuchWork { .. } => instead,
                _ => "",
            };
            screen
                .announcement
                .set(format!("This run cannot be shared: {problem}.{instead}"));
            return;
        }
        let text = encode(&shared);
        let url = publish(&text).unwrap_or(text);
        screen.announcement.set("Here is the link to this run.".to_string());
        copy_to_clipboard(url.clone(), screen.announcement);
        link.set(Some(url));
    };
    view! {
        <section class="share" aria-label="Share this run">
            <div class="share-buttons">
                <button class="share-button" data-control=Control::Share.id() on:click=move |_| share(false)>
                    {Control::Share.label()}
                </button>
                <button class="share-from-start" data-control=Control::ShareFromStart.id() on:click=move |_| share(true)>
                    {Control::ShareFromStart.label()}
                </button>
            </div>
            <Show when=move || link.with(Option::is_some)>
                <label class="share-link">
                    <span class="slider-label">"Link"</span>
                    <input type="text" readonly prop:value=move || link.get().unwrap_or_default() />
                </label>
            </Show>
            <details class="about-run">
                <summary>"About this run"</summary>
                <dl class="menu-facts">
                    <dt>"Scenario"</dt>
                    <dd class="about-name">{move || about(screen, scenario, |s| s.name.clone())}</dd>
                    <dt>"Seed"</dt>
                    <dd>{move || about(screen, scenario, |s| s.seed)}</dd>
                    <dt>"Sim time"</dt>
                    <dd>{move || clock_label(screen.now.get() as i64)}</dd>
                    <dt>"Trace digest"</dt>
                    <dd class="about-digest">{move || screen.digest.get()}</dd>
                </dl>
                <Show when=move || about(screen, scenario, |s| !s.note.is_empty())>
                    <p class="about-note">{move || about(screen, scenario, |s| s.note.clone())}</p>
                </Show>
            </details>
        </section>
    }
}

/// Something about the scenario on screen. The scenario is stored, not a
/// signal, so this reads it again whenever the run on screen is replaced or
/// changed, which refreshes the nodes.
fn about<T>(screen: Screen, scenario: StoredValue<Scenario, LocalStorage>, read: impl FnOnce(&Scenario) -> T) -> T {
    screen.nodes.track();
    scenario.with_value(read)
}
