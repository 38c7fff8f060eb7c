//! The lab page: the student picks a lab, writes a node's code in the
//! browser, runs it once on the cluster picture, and has it tested over
//! many seeds under faults. A browser module of its own, outside `ui`, so
//! the lesson app never reaches it; it uses the lesson app's picture
//! through `crate::ui` and the labs through `crate::lab`. Its address is
//! `lab/?lab=<id>`, or `lab/#<link>` for a shared lab (see `share`).

mod api_help;
mod editor;
mod hints;
mod node_notes;
mod run_verdict;
mod saved;
mod share;
mod tests_panel;
mod trial;
mod workbench;

use leptos::prelude::*;

use crate::lab::labs::all;
use crate::lab::Lab;
use crate::lessons::LESSONS;
use workbench::Workbench;

/// The lab the address names (`?lab=<id>`), if any.
fn lab_in_address() -> Option<&'static Lab> {
    let search = web_sys::window()?.location().search().ok()?;
    let id = search
        .trim_start_matches('?')
        .split('&')
        .find_map(|pair| pair.strip_prefix("lab="))?;
    all().into_iter().find(|lab| lab.id == id)
}

/// "Lesson 4: Lost replies".
fn lesson_of(lab: &Lab) -> String {
    let title = LESSONS
        .get((lab.lesson as usize).saturating_sub(1))
        .map_or("", |l| l.title);
    format!("Lesson {}: {title}", lab.lesson)
}

#[component]
fn LabList(chosen: Option<&'static Lab>) -> impl IntoView {
    view! {
        <nav class="lab-list" aria-label="Labs">
            <h2 class="sidebar-title">"Labs"</h2>
            <ol>
                {all()
                    .into_iter()
                    .map(|lab| {
                        let current = chosen.is_some_and(|c| c.id == lab.id);
                        view! {
                            <li>
                                <a class="lab-link" href=format!("?lab={}", lab.id) aria-current=current.then_some("page")>
                                    <span class="lab-link-title">{lab.title}</span>
                                    <span class="lab-link-lesson">{format!("builds on {}", lesson_of(lab))}</span>
                                </a>
                            </li>
                        }
                    })
                    .collect_view()}
            </ol>
        </nav>
    }
}

/// What the page opens: a lab with its code and first seed, and whether
/// they came in a shared link; or the list alone, with why a link did not
/// open if one was given.
enum Opening {
    Lab {
        lab: &'static Lab,
        code: String,
        seed: u64,
        from_link: bool,
    },
    List(Option<String>),
}

fn opening() -> Opening {
    match share::link_in_address() {
        Some(Ok(link)) => Opening::Lab {
            lab: link.lab,
            code: link.code,
            seed: link.seed.unwrap_or(1),
            from_link: true,
        },
        Some(Err(why)) => Opening::List(Some(format!("This lab link does not open. {why}"))),
        None => match lab_in_address() {
            Some(lab) => Opening::Lab {
                lab,
                code: String::new(),
                seed: 1,
                from_link: false,
            },
            None => Opening::List(None),
        },
    }
}

#[component]
pub fn LabPage() -> impl IntoView {
    let problem = RwSignal::new(None::<String>);
    let (chosen, body) = match opening() {
        Opening::Lab {
            lab,
            code,
            seed,
            from_link,
        } => {
            let code = if from_link {
                code
            } else {
                match saved::load(lab.id) {
                    Ok(Some(code)) => code,
                    Ok(None) => lab.starter.to_string(),
                    Err(note) => {
                        problem.set(Some(note.to_string()));
                        lab.starter.to_string()
                    }
                }
            };
            (Some(lab), view! { <Workbench lab code seed from_link /> }.into_any())
        }
        Opening::List(why) => {
            problem.set(why);
            (None, view! { <LabIntro /> }.into_any())
        }
    };
    view! {
        <div class="lab-app">
            <header class="app-header">
                <h1 class="brand">"Many Nodes labs"</h1>
                <a class="back-to-course" href="../">"Back to the course"</a>
            </header>
            <LabList chosen />
            <main class="lab-main" id="main">
                {move || {
                    problem
                        .get()
                        .map(|words| {
                            view! {
                                <div class="banner" role="alert">
                                    <p>{words}</p>
                                    <button class="banner-close" on:click=move |_| problem.set(None)>
                                        "Dismiss"
                                    </button>
                                </div>
                            }
                        })
                }}
                {body}
            </main>
        </div>
    }
}

#[component]
fn LabIntro() -> impl IntoView {
    view! {
        <section class="lab-intro">
            <h2>"Write your own node"</h2>
            <p>
                "In each lab you write the code of a node, in the browser. The simulator runs it in a small cluster, crashes nodes, loses and delays messages, and tests whether your cluster still does its job, over 200 different runs."
            </p>
            <p>"Pick a lab from the list. Each builds on a lesson of the course."</p>
        </section>
    }
}
