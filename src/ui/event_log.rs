//! The event log: the latest things that happened, in plain words, newest
//! last. It is a polite live region, refreshed at most once a second while
//! the run plays, so assistive technology can follow without being flooded.

use leptos::prelude::*;

use super::painter::clock_label;
use super::screen::Screen;

#[component]
pub fn EventLog(screen: Screen) -> impl IntoView {
    view! {
        <section class="event-log" aria-label="Event log">
            <h2 class="panel-title">"What just happened"</h2>
            <ol class="log-lines" aria-live="polite" aria-relevant="additions text">
                {move || {
                    screen
                        .log
                        .get()
                        .into_iter()
                        .map(|(at, line)| {
                            view! {
                                <li class="log-line">
                                    <span class="log-time">{clock_label(at as i64)}</span>
                                    " "
                                    <span class="log-text">{line}</span>
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ol>
        </section>
    }
}
