//! The course list: every lesson as a link to its page, marked when
//! finished and when current, then the glossary, the sandbox and a link to
//! the labs (a page of their own).

use leptos::prelude::*;

use super::route::{go, Page};
use crate::lessons::progress::Progress;
use crate::lessons::LESSONS;

/// One entry of the list: a link that moves to `target` without reloading.
#[component]
fn Entry(
    page: RwSignal<Page>,
    target: Page,
    number: String,
    title: &'static str,
    finished: Signal<bool>,
) -> impl IntoView {
    view! {
        <li class="lesson" class:finished=finished>
            <a
                class="lesson-link"
                href=target.href()
                aria-current=move || (page.get() == target).then_some("page")
                on:click=move |ev| {
                    ev.prevent_default();
                    go(page, target);
                }
            >
                <span class="lesson-number" aria-hidden="true">{number}</span>
                <span class="lesson-title">{title}</span>
                <Show when=move || finished.get()>
                    <span class="lesson-check">
                        <span aria-hidden="true">"✓"</span>
                        <span class="visually-hidden">" finished"</span>
                    </span>
                </Show>
            </a>
        </li>
    }
}

#[component]
pub fn Sidebar(page: RwSignal<Page>, progress: RwSignal<Progress>) -> impl IntoView {
    view! {
        <nav class="sidebar" aria-label="Lessons">
            <h2 class="sidebar-title">"Lessons"</h2>
            <ol class="lesson-list">
                {LESSONS
                    .iter()
                    .enumerate()
                    .map(|(i, lesson)| {
                        let finished = Signal::derive(move || progress.with(|p| p.finished(i)));
                        view! {
                            <Entry page target=Page::Lesson(i) number=(i + 1).to_string() title=lesson.title finished />
                        }
                    })
                    .collect_view()}
            </ol>
            <ul class="lesson-list extras">
                <Entry page target=Page::Glossary number="A–Z".to_string() title="Glossary" finished=Signal::derive(|| false) />
                <Entry page target=Page::Sandbox number="∞".to_string() title="Sandbox" finished=Signal::derive(|| false) />
                // The labs are a page of their own, with a bundle of their own.
                <li class="lesson">
                    <a class="lesson-link" href="lab/">
                        <span class="lesson-number" aria-hidden="true">"{ }"</span>
                        <span class="lesson-title">"Labs: write your own node"</span>
                    </a>
                </li>
            </ul>
        </nav>
    }
}
