//! The glossary page: every word of the course, what it means, and a link
//! that opens the lesson step where the student sees it happen. A note
//! says what the cluster beside the page is, since no lesson explains it
//! here: the run last open, or the course's demo run when the page is
//! opened on its own.

use leptos::prelude::*;

use super::demo::demo_scenario;
use super::route::{go_to_step, Page};
use crate::lessons::glossary::GLOSSARY;
use crate::lessons::{by_slug, LESSONS};

/// The lesson step whose scenario is the demo's cluster: lesson and step,
/// both counted from 0.
fn demo_step() -> Option<(usize, usize)> {
    let demo = demo_scenario().cluster;
    LESSONS.iter().enumerate().find_map(|(index, lesson)| {
        let step = lesson
            .steps
            .iter()
            .position(|s| s.scenario.is_some_and(|make| make().cluster == demo))?;
        Some((index, step))
    })
}

/// What the cluster beside the glossary is, in a sentence or two.
fn cluster_note() -> String {
    let shown = "The cluster beside this page is the run you last had open.";
    let demo = demo_scenario().name;
    match demo_step() {
        Some((lesson, step)) => format!(
            "{shown} If you came straight here, it is the course's demo, “{demo}”, which lesson {}, step {} \
             explains.",
            lesson + 1,
            step + 1
        ),
        None => format!("{shown} If you came straight here, it is the course's demo, “{demo}”."),
    }
}

/// "See it in lesson 4, step 2: Lost messages, lost replies".
fn link_text(lesson: usize, step: usize, title: &str) -> String {
    format!("See it in lesson {}, step {}: {title}", lesson + 1, step + 1)
}

#[component]
pub fn GlossaryView(page: RwSignal<Page>) -> impl IntoView {
    let demo = demo_step();
    view! {
        <section class="glossary" aria-labelledby="glossary-title">
            <h2 id="glossary-title" class="lesson-heading">"Glossary"</h2>
            <p class="lesson-goal">"The words this course uses, each with the lesson step where you can watch it happen."</p>
            <p class="glossary-cluster-note">
                {cluster_note()}
                {demo.map(|(lesson, step)| {
                    let target = Page::Lesson(lesson);
                    view! {
                        " "
                        <a
                            href=target.step_href(step)
                            on:click=move |ev| {
                                ev.prevent_default();
                                go_to_step(page, target, step);
                            }
                        >
                            "Open that step"
                        </a>
                    }
                })}
            </p>
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
                                    let step = term.step;
                                    view! {
                                        <a
                                            href=target.step_href(step)
                                            on:click=move |ev| {
                                                ev.prevent_default();
                                                go_to_step(page, target, step);
                                            }
                                        >
                                            {link_text(index, step, lesson.title)}
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_note_names_the_demo_and_the_step_that_explains_it() {
        let Some((lesson, step)) = demo_step() else {
            panic!("no lesson step runs the demo's cluster");
        };
        let shown = LESSONS[lesson].steps[step].scenario.map(|make| make().cluster);
        assert_eq!(shown, Some(demo_scenario().cluster));
        let note = cluster_note();
        assert!(note.contains(&demo_scenario().name), "{note}");
        assert!(
            note.contains(&format!("lesson {}, step {}", lesson + 1, step + 1)),
            "{note}"
        );
    }

    #[test]
    fn every_link_names_the_step_it_opens() {
        for term in GLOSSARY {
            let Some((index, lesson)) = by_slug(term.lesson) else {
                panic!("{} links to no lesson", term.word);
            };
            let text = link_text(index, term.step, lesson.title);
            assert!(text.contains(&format!("step {}", term.step + 1)), "{text}");
        }
    }
}
