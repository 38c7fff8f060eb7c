//! The app frame: it wires the page together and lays it out. The header,
//! the sidebar, the picture with its view switch, the side column (the
//! page's own panel, the network, the event log, sharing), the timeline and
//! the control bar. Each job lives in its own module: which page opens
//! (`opening_page`), following links (`linking`), the picture and the
//! frame loop that plays and paints the run, shared with the lab page
//! (`cluster_view`, `frame`), the canvas and its pointer (`canvas`), the
//! node buttons and status line (`node_buttons`), and the step's name
//! above a phone's picture (`step_strip`).

mod canvas;
mod cluster_view;
mod describe;
mod frame;
mod frame_timing;
mod history_panel;
mod inspector;
mod linking;
mod node_buttons;
mod node_peek;
mod opening_page;
mod step_strip;
mod view_switch;

use leptos::prelude::*;

use super::controls::Controls;
use super::demo::demo_scenario;
use super::event_log::EventLog;
use super::focus::focus;
use super::glossary_view::GlossaryView;
use super::lesson_panel::{LessonContext, LessonPanel};
use super::location::{embedded, linked_scenario};
use super::network_panel::NetworkPanel;
use super::opening::{default_run, open};
use super::route::{current_page, current_step, Page};
use super::sandbox::{Sandbox, ScenarioNote};
use super::saved_progress;
use super::screen::Screen;
use super::share::SharePanel;
use super::sidebar::Sidebar;
use super::timeline_bar::TimelineBar;
use super::visibility::watch_in_view;
pub use cluster_view::ClusterView;
use cluster_view::{escape_closes_menu, play_frames, step_once, Picture};
pub(super) use frame::{canvas_size, Stage};
use linking::LinkTargets;
use opening_page::opening_page;
use step_strip::StepStrip;

pub fn prefers_reduced_motion() -> bool {
    web_sys::window()
        .and_then(|w| w.match_media("(prefers-reduced-motion: reduce)").ok().flatten())
        .is_some_and(|m| m.matches())
}

#[component]
pub fn App() -> impl IntoView {
    let linked = linked_scenario();
    let (first_page, route_problem) = opening_page();
    let page = RwSignal::new(first_page);
    // The step to open at and whether to keep the run, for the next lesson panel.
    let keep_run = StoredValue::new(None);
    let progress = RwSignal::new(saved_progress::load());
    let highlight = RwSignal::new(None::<&'static str>);
    let heading = RwSignal::new(None::<String>);
    let held = RwSignal::new(false);
    let screen = Screen::new(default_run());
    // What the teacher who shared the link wants students to notice.
    let teacher_note = RwSignal::new(None);
    let scenario = StoredValue::new_local(demo_scenario());
    let problem = RwSignal::new(route_problem);
    let embed = embedded();
    // A shared run opens paused at its moment, so everyone sees the same.
    let playing = RwSignal::new(linked.is_none() && !prefers_reduced_motion());
    let speed = RwSignal::new(1.0);
    let stage = Stage::new();

    // An embedded run moves only while its frame is on screen.
    let in_view = RwSignal::new(true);
    if embed {
        watch_in_view(in_view);
    }
    play_frames(screen, stage, playing, in_view, speed, highlight);

    let links = LinkTargets {
        screen,
        scenario,
        teacher_note,
        playing,
        problem,
        keep_run,
        page,
    };
    links.follow(linked);
    // A new link pasted into the address bar replaces the run only if it
    // opens; otherwise the current run stays and the banner says why.
    let listener = window_event_listener(leptos::ev::hashchange, move |_| links.follow(linked_scenario()));
    on_cleanup(move || listener.remove());
    let history = window_event_listener(leptos::ev::popstate, move |_| {
        page.set(current_page().unwrap_or(Page::Lesson(0)));
    });
    on_cleanup(move || history.remove());

    let context = LessonContext {
        screen,
        scenario,
        playing,
        held,
        progress,
        highlight,
        page,
        stage,
        speed,
        heading,
    };
    let page_panel = move || {
        let shown = page.get();
        let kept = keep_run.try_update_value(Option::take).flatten();
        match shown {
            Page::Lesson(index) => {
                // A shared run opens at its own step; an address may name one.
                let first_step = kept.or_else(|| current_step().ok().flatten()).unwrap_or(0);
                view! { <LessonPanel context index first_step keep_run=kept.is_some() /> }.into_any()
            }
            Page::Glossary => view! { <GlossaryView page /> }.into_any(),
            Page::Sandbox => view! { <Sandbox screen scenario playing /> }.into_any(),
        }
    };

    escape_closes_menu(screen);

    view! {
        <div class="app" class:embed=embed>
            <a
                class="skip-link"
                href="#main"
                on:click=move |ev| {
                    ev.prevent_default();
                    focus("#main");
                }
            >
                "Skip to the cluster and the lesson"
            </a>
            <header class="app-header">
                <h1 class="brand">"Many Nodes"</h1>
                <p class="tagline">"Learn distributed systems by running one."</p>
            </header>
            <Sidebar page progress />
            <main class="stage" id="main" tabindex="-1">
                <Show when=move || problem.with(Option::is_some)>
                    <div class="banner" role="alert">
                        <p>{move || problem.get().unwrap_or_default()}</p>
                        <button class="banner-close" on:click=move |_| problem.set(None)>
                            "Dismiss"
                        </button>
                    </div>
                </Show>
                <StepStrip heading />
                <Picture screen stage playing speed highlight />
                <div class="side">
                    {move || {
                        teacher_note
                            .get()
                            .filter(|(name, note)| !name.is_empty() || !note.is_empty())
                            .map(|(name, note)| view! { <ScenarioNote name note /> })
                    }}
                    {page_panel}
                    <NetworkPanel screen />
                    <EventLog screen pointed=stage.pointed linked=stage.linked />
                    <SharePanel screen scenario playing />
                </div>
                <TimelineBar
                    screen
                    playing
                    start_over=move || {
                        let mut start = scenario.get_value();
                        start.playhead = 0;
                        open(&start).unwrap_or_else(|_| default_run())
                    }
                />
                <Controls playing speed held on_step=move || step_once(screen) />
            </main>
        </div>
    }
}
