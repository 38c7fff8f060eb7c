//! The buttons above the picture that choose what it shows: the cluster,
//! the space-time diagram, and the history of the clients' operations.
//!
//! On a laptop the history sits above the picture, so it is a switch of
//! its own beside the other two. On a phone it takes the picture's place
//! (history.css), so there the three buttons are one choice: only the view
//! really on screen shows as pressed, and choosing the cluster or the
//! diagram puts the history away.

use leptos::prelude::*;

use super::frame::{Stage, View};

/// The media query of the page's phone layout (the styles' breakpoint).
const PHONE_LAYOUT: &str = "(max-width: 720px)";

/// Whether the page is laid out for a phone now.
pub(super) fn phone_layout() -> bool {
    web_sys::window()
        .and_then(|w| w.match_media(PHONE_LAYOUT).ok().flatten())
        .is_some_and(|m| m.matches())
}

/// Whether the page is laid out for a phone, following the window's size.
pub(super) fn phone_layout_signal() -> ReadSignal<bool> {
    let (phone, set_phone) = signal(phone_layout());
    let listener = window_event_listener(leptos::ev::resize, move |_| {
        let now = phone_layout();
        if phone.get_untracked() != now {
            set_phone.set(now);
        }
    });
    on_cleanup(move || listener.remove());
    phone
}

#[component]
pub fn ViewSwitch(
    stage: Stage,
    has_history: Signal<bool>,
    /// Whether the page is laid out for a phone, following the window.
    phone: ReadSignal<bool>,
) -> impl IntoView {
    let view = stage.view;
    let history_shown = stage.history_shown;
    // On a phone the history, once shown, covers the picture.
    let covered = move || phone.get() && history_shown.get();
    let pressed = move |which: View| {
        move || {
            if view.get() == which && !covered() {
                "true"
            } else {
                "false"
            }
        }
    };
    let choose = move |which: View| {
        move |_| {
            view.set(which);
            if phone.get_untracked() {
                history_shown.set(false);
            }
        }
    };
    view! {
        <div class="view-switch" role="group" aria-label="What the picture shows">
            <button class="view-cluster" aria-pressed=pressed(View::Cluster) on:click=choose(View::Cluster)>
                "Cluster"
            </button>
            <button class="view-spacetime" aria-pressed=pressed(View::SpaceTime) on:click=choose(View::SpaceTime)>
                "Space-time diagram"
            </button>
            // Offered once the run has operations, or once a lesson step
            // has opened it to say where they will appear.
            <Show when=move || has_history.get() || history_shown.get()>
                <button
                    class="view-history"
                    aria-controls="history-view"
                    aria-pressed=move || if history_shown.get() { "true" } else { "false" }
                    on:click=move |_| history_shown.update(|shown| *shown = !*shown)
                >
                    "History"
                </button>
            </Show>
        </div>
    }
}
