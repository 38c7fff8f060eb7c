//! The glossary page: every word of the course, what it means, and a link
//! to the lesson where the student sees it happen.

use leptos::prelude::*;

use super::route::{go, Page};
use crate::lessons::by_slug;
use crate::lessons::glossary::GLOSSARY;

#[component]
pub fn GlossaryView(page: RwSignal<Page>) -> impl IntoView {
    view! {
        <section class="glossary" aria-labelledby="glossary-title">
            <h2 id="glossary-title" class="lesson-heading">"Glossary"</h2>
            <p class="lesson-goal">"The words this course uses, each with the lesson where you can watch it happen."</p>
            <dl class="glossary-terms">
                {GLOSSARY
                    .iter()
                    .map(|term| {
                        let lesson = by_slug(term.lesson);
                        view! {
                            <dt>{term.word}</dt>
                            <dd>
                                <p>{term.meaning}</p>
                                {lesson.map(|(index, lesson)| {
                                    let target = Page::Lesson(index);
                                    view! {
                                        <a
                                            href=target.href()
                                            on:click=move |ev| {
                                                ev.prevent_default();
                                                go(page, target);
                                            }
                                        >
                                            {format!("See it in lesson {}: {}", index + 1, lesson.title)}
                                        </a>
                                    }
                                })}
                            </dd>
                        }
                    })
                    .collect_view()}
            </dl>
        </section>
    }
}
