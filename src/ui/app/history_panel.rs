//! The history view, shown above the picture when the student asks for it:
//! the model of `ui::history` mapped to the page, one button per operation
//! placed along its client's row (and a line saying so before the first).
//!
//! The checker runs with a fixed budget, and only when the history has
//! changed (its digest), and an undecided one only every two seconds; the
//! view is rebuilt at most a few times a second while the run plays.
//! Operations are one tab stop: arrow keys move along a row and between
//! rows. Pointing at an operation (hover, focus or tap) marks its client's
//! messages from its call to its answer in the space-time diagram and the
//! event log; pointing at a message there marks its operation here. The
//! verdict is a polite live region.

use std::time::Duration;

use leptos::prelude::*;
use web_sys::KeyboardEvent;

use leptos::html::Div;

use super::frame::{space_time_span, Stage};
use crate::check::{check, Verdict};
use crate::sim::words::clock_reading;
use crate::sim::{Digest, SimTime, SECOND};
use crate::ui::focus::{focus, reveal_within};
use crate::ui::history::{
    history_view, messages_between, ops_of_message, sentence, step, Bar, Ending, HistoryView, Said, Seen, Step, Window,
};
use crate::ui::pacing::wall_clock_ms;
use crate::ui::screen::Screen;

/// What the view says before any client has called anything.
const NOTHING_CALLED: &str = "No client has called anything yet. Each call will show here as a bar on its client's row, from the moment it was made to its answer.";

/// The most steps the checker may take each time the history changes.
pub const CHECK_BUDGET: u64 = 200_000;

/// How long an undecided history waits before the checker tries again,
/// in ms of wall time: the budget is spent whole on such a history, so it
/// is spent rarely rather than at every rebuild.
const UNDECIDED_RETRY_MS: f64 = 2_000.0;

/// The view is rebuilt at most this often while the run plays, in ms.
const REBUILD_EVERY_MS: f64 = 150.0;

/// The view shows as much time as the space-time diagram, up to this
/// much: more and the bars get too thin to point at.
const MOST_SPAN: SimTime = 3 * SECOND;

/// The room the rows' names take on the left, and the width of one label
/// character, in CSS pixels (as history.css sets them).
const NAMES_WIDTH: f64 = 48.0;
const LABEL_CHAR: f64 = 7.3;

/// A share of the window as a CSS percentage.
fn percent(share: f64) -> String {
    format!("{:.3}%", share.clamp(0.0, 1.0) * 100.0)
}

/// The bar of operation `op`, if drawn (bars are in call order).
fn bar_of(view: &HistoryView, op: usize) -> Option<&Bar> {
    view.bars
        .binary_search_by_key(&op, |b| b.op)
        .ok()
        .and_then(|i| view.bars.get(i))
}

/// Where a bar sits and what it shows, as CSS.
#[derive(Clone, Debug, PartialEq)]
struct Placed {
    bar: Bar,
    style: String,
    point: Option<String>,
    label_width: String,
}

fn place(view: &HistoryView, bar: &Bar) -> Placed {
    let (from, to) = (view.fraction(bar.from), view.fraction(bar.to));
    let wide = (to - from).max(1e-9);
    let room = (view.fraction(bar.room_to) - from).max(0.0);
    Placed {
        style: format!("left: {}; width: {}", percent(from), percent(to - from)),
        point: bar
            .point
            .map(|t| percent(((view.fraction(t) - from) / wide).clamp(0.0, 1.0))),
        // The breaking read's and the missed write's labels are always
        // whole; the others end before the next on their line.
        label_width: if bar.breaks || bar.missed {
            "none".to_string()
        } else {
            format!("{:.1}%", room / wide * 100.0)
        },
        bar: bar.clone(),
    }
}

/// The operation whose bar has keyboard focus, if one has.
fn focused_op() -> Option<usize> {
    let active = web_sys::window()?.document()?.active_element()?;
    active.id().strip_prefix("history-op-")?.parse().ok()
}

/// Where focus goes when the focused operation `op` is about to leave the
/// window (`fresh` no longer draws it): to the oldest operation still drawn
/// of the same client, or else the newest drawn. None while `op` stays drawn.
fn successor(fresh: &HistoryView, op: usize, model: RwSignal<HistoryView>) -> Option<usize> {
    if bar_of(fresh, op).is_some() {
        return None;
    }
    let client = model.with_untracked(|m| bar_of(m, op).and_then(|b| m.rows.get(b.row)).map(|r| r.client));
    fresh
        .bars
        .iter()
        .find(|b| fresh.rows.get(b.row).map(|r| r.client) == client)
        .or_else(|| fresh.bars.last())
        .map(|b| b.op)
}

#[component]
pub fn HistoryPanel(screen: Screen, stage: Stage, speed: RwSignal<f64>) -> impl IntoView {
    let model = RwSignal::new(HistoryView::default());
    let checked: StoredValue<Option<(Digest, Verdict)>> = StoredValue::new(None);
    let last_checked = StoredValue::new(f64::NEG_INFINITY);
    let last_built = StoredValue::new(f64::NEG_INFINITY);
    let waiting = StoredValue::new(false);
    let shown = stage.history_shown;
    let chart = NodeRef::<Div>::new();
    // The operation last focused, which the tab stop stays on.
    let current = RwSignal::new(None::<usize>);

    let rebuild = move || {
        let names: Vec<String> = screen
            .nodes
            .with_untracked(|n| n.iter().map(|n| n.name.clone()).collect());
        let span = space_time_span(speed.get_untracked()).min(MOST_SPAN);
        let wide = chart.get_untracked().map_or(0.0, |c| f64::from(c.client_width()));
        let columns = (wide - NAMES_WIDTH).max(0.0) / LABEL_CHAR;
        let fresh = screen.run.try_with_value(|r| {
            let history = r.history();
            let digest = history.digest();
            let ops = history.operations();
            // A history the checker could not decide is tried again (with
            // what it has gained since) only now and then: each try spends
            // the whole budget.
            let (same, undecided) = checked.with_value(|c| match c {
                Some((d, verdict)) => (*d == digest, matches!(verdict, Verdict::Undecided { .. })),
                None => (false, false),
            });
            let now = wall_clock_ms().unwrap_or(0.0);
            let resting = undecided && now - last_checked.get_value() < UNDECIDED_RETRY_MS;
            if !same && !resting {
                last_checked.set_value(now);
                checked.set_value(Some((digest, check(&ops, CHECK_BUDGET))));
            }
            checked.with_value(|c| {
                c.as_ref().map(|(_, verdict)| {
                    let seen = Seen {
                        ops: &ops,
                        verdict,
                        faults: r.log(),
                        names: &names,
                        values: r.values(),
                    };
                    history_view(
                        &seen,
                        Window {
                            span,
                            now: r.now(),
                            columns,
                        },
                    )
                })
            })
        });
        if let Some(fresh) = fresh.flatten() {
            if model.with_untracked(|m| *m != fresh) {
                let moved_to = focused_op().and_then(|op| successor(&fresh, op, model));
                model.set(fresh);
                if let Some(to) = moved_to {
                    current.set(Some(to));
                    request_animation_frame(move || focus(&format!("#history-op-{to}")));
                }
            }
        }
    };
    Effect::new(move |_| {
        screen.now.track();
        screen.generation.track();
        speed.track();
        if !shown.get() {
            return;
        }
        let now = wall_clock_ms().unwrap_or(0.0);
        let since = now - last_built.get_value();
        if since >= REBUILD_EVERY_MS {
            last_built.set_value(now);
            rebuild();
        } else if !waiting.get_value() {
            waiting.set_value(true);
            set_timeout(
                move || {
                    if waiting.try_set_value(false).is_none() {
                        last_built.set_value(wall_clock_ms().unwrap_or(0.0));
                        rebuild();
                    }
                },
                Duration::from_millis((REBUILD_EVERY_MS - since).max(0.0) as u64 + 1),
            );
        }
    });

    // The operation pointed at here, and those of the message pointed at
    // in the other views.
    let pointed_op = RwSignal::new(None::<usize>);
    let marked = Memo::new(move |_| {
        let Some(message) = stage.pointed.get() else {
            return Vec::new();
        };
        screen
            .run
            .try_with_value(|r| model.with_untracked(|m| ops_of_message(m, r.trace(), message)))
            .unwrap_or_default()
    });
    let point = move |op: usize| {
        if pointed_op.get_untracked() == Some(op) {
            return;
        }
        pointed_op.set(Some(op));
        let linked = model.with_untracked(|m| {
            let bar = bar_of(m, op)?;
            let client = m.rows.get(bar.row)?.client;
            screen
                .run
                .try_with_value(|r| messages_between(r.trace(), client, bar.from, bar.to))
        });
        stage.linked.set(linked.unwrap_or_default());
    };
    let let_go = move |op: usize| {
        if pointed_op.get_untracked() == Some(op) {
            pointed_op.set(None);
            stage.linked.set(Vec::new());
        }
    };

    // One tab stop: the operation last focused, or the newest.
    let tab_stop = Memo::new(move |_| {
        model.with(|m| {
            current
                .get()
                .filter(|&op| bar_of(m, op).is_some())
                .or_else(|| m.bars.last().map(|b| b.op))
        })
    });
    let on_key = move |ev: KeyboardEvent| {
        let Some(from) = current.get_untracked().or_else(|| tab_stop.get_untracked()) else {
            return;
        };
        let way = match ev.key().as_str() {
            "ArrowLeft" => Step::Earlier,
            "ArrowRight" => Step::Later,
            "ArrowUp" => Step::Up,
            "ArrowDown" => Step::Down,
            "Home" => Step::First,
            "End" => Step::Last,
            _ => return,
        };
        ev.prevent_default();
        if let Some(to) = model.with_untracked(|m| step(m, from, way)) {
            current.set(Some(to));
            focus(&format!("#history-op-{to}"));
        }
    };

    // The operation no order explains and the write it missed, with their
    // labels, come into view in the box, below the verdict that names them.
    // With nothing broken, the first call that failed does: a lesson's
    // feedback may speak of it, and it stays put while the run goes on.
    let marked_ops = Memo::new(move |_| {
        model.with(|m| {
            let breaking: Vec<usize> = m.bars.iter().filter(|b| b.breaks || b.missed).map(|b| b.op).collect();
            if !breaking.is_empty() {
                return breaking;
            }
            m.bars
                .iter()
                .filter(|b| matches!(b.ending, Ending::TimedOut | Ending::Refused))
                .map(|b| b.op)
                .min()
                .into_iter()
                .collect()
        })
    });
    Effect::new(move |_| {
        if marked_ops.with(Vec::is_empty) || !shown.get() {
            return;
        }
        let parts: Vec<String> = marked_ops.with(|ops| {
            ops.iter()
                .flat_map(|op| [format!("#history-op-{op}"), format!("#history-op-{op} .history-label")])
                .collect()
        });
        request_animation_frame(move || {
            if let Some(section) = chart.get_untracked().and_then(|c| c.parent_element()) {
                reveal_within(&section, &parts, ".history-verdict");
            }
        });
    });

    let verdict = move || {
        model.with(|m| match &m.said {
            _ if m.rows.is_empty() => NOTHING_CALLED.to_string(),
            Some(said) => sentence(said),
            None => String::new(),
        })
    };
    let broken = move || model.with(|m| matches!(m.said, Some(Said::Violation { .. } | Said::Unexplained)));
    let rows = move || {
        model.with(|m| {
            m.rows
                .iter()
                .enumerate()
                .map(|(i, r)| (i, r.name.clone()))
                .collect::<Vec<_>>()
        })
    };

    let bar_view = move |op: usize| {
        let placed = Memo::new(move |_| model.with(|m| bar_of(m, op).map(|bar| place(m, bar))));
        let get = move |f: fn(&Placed) -> String| move || placed.with(|p| p.as_ref().map(f).unwrap_or_default());
        let has = move |f: fn(&Placed) -> bool| move || placed.with(|p| p.as_ref().is_some_and(f));
        view! {
            <button
                class="history-bar"
                id=format!("history-op-{op}")
                class:breaks=has(|p| p.bar.breaks)
                class:missed=has(|p| p.bar.missed)
                class:pending=has(|p| p.bar.ending == Ending::Pending)
                class:open=has(|p| matches!(p.bar.ending, Ending::TimedOut | Ending::Refused))
                class:lane-1=has(|p| p.bar.lane == 1)
                class:label-leftward=has(|p| p.bar.label_leftward)
                class:pointed=move || pointed_op.get() == Some(op) || marked.with(|m| m.contains(&op))
                style=get(|p| p.style.clone())
                aria-label=get(|p| {
                    if p.bar.breaks {
                        format!("{} No order explains this answer.", p.bar.spoken)
                    } else {
                        p.bar.spoken.clone()
                    }
                })
                tabindex=move || if tab_stop.get() == Some(op) { "0" } else { "-1" }
                on:mouseenter=move |_| point(op)
                on:mouseleave=move |_| let_go(op)
                on:focus=move |_| {
                    current.set(Some(op));
                    point(op);
                }
                on:blur=move |_| let_go(op)
                on:click=move |_| point(op)
            >
                // A label with no room of its own shows while its bar is
                // pointed at or focused, over its neighbours.
                <span
                    class="history-label"
                    aria-hidden="true"
                    style=move || {
                        if pointed_op.get() == Some(op) {
                            "max-width: none".to_string()
                        } else {
                            placed.with(|p| p.as_ref().map(|p| format!("max-width: {}", p.label_width)).unwrap_or_default())
                        }
                    }
                >
                    {move || {
                        let pointed = pointed_op.get() == Some(op);
                        placed.with(|p| {
                            p.as_ref()
                                .filter(|p| p.bar.label_fits || pointed)
                                .map(|p| p.bar.label.clone())
                                .unwrap_or_default()
                        })
                    }}
                </span>
                {move || {
                    placed
                        .with(|p| p.as_ref().and_then(|p| p.point.clone()))
                        .map(|left| {
                            view! {
                                <span class="history-point" aria-hidden="true" style=format!("left: {left}")></span>
                            }
                        })
                }}
            </button>
        }
    };

    view! {
        <section
            class="history-view"
            id="history-view"
            class:empty=move || model.with(|m| m.rows.is_empty())
            aria-label="History of the clients' operations"
            hidden=move || !shown.get()
        >
            <p class="history-verdict" class:broken=broken aria-live="polite">
                {verdict}
            </p>
            <div class="history-chart" node_ref=chart on:keydown=on_key>
                <div class="history-bands" aria-hidden="true">
                    {move || {
                        model
                            .with(|m| {
                                m.bands
                                    .iter()
                                    .enumerate()
                                    .map(|(i, band)| {
                                        let (from, to) = (m.fraction(band.from), m.fraction(band.to));
                                        let style = format!("left: {}; width: {}", percent(from), percent(to - from));
                                        view! {
                                            <div class="history-band" class:second=i % 2 == 1 style=style>
                                                <span class="history-band-words">{band.words.clone()}</span>
                                            </div>
                                        }
                                    })
                                    .collect_view()
                            })
                    }}
                </div>
                <For
                    each=rows
                    key=|row| row.clone()
                    children=move |(row, name)| {
                        let ops = move || model.with(|m| m.bars.iter().filter(|b| b.row == row).map(|b| b.op).collect::<Vec<_>>());
                        view! {
                            <div class="history-row" role="group" aria-label=format!("Operations of {name}")>
                                <span class="history-name" aria-hidden="true">{name.clone()}</span>
                                <div class="history-track">
                                    <For each=ops key=|op| *op children=bar_view />
                                </div>
                            </div>
                        }
                    }
                />
            </div>
            <div class="history-axis" aria-hidden="true">
                <span>{move || model.with(|m| clock_reading(m.start as i64))}</span>
                <p class="history-legend">
                    // Each mark and its words together: a line never ends between them.
                    <span class="key-item"><span class="key-bar"></span>" answered"</span>" "
                    <span class="key-item"><span class="key-bar open"></span>" timed out or refused"</span>" "
                    <span class="key-item"><span class="key-point"></span>" took effect"</span>" "
                    <span class="key-item"><span class="key-bar breaks"></span>" no order explains it"</span>" "
                    <span class="key-item"><span class="key-band"></span>" a fault"</span>
                </p>
                <span>{move || model.with(|m| clock_reading(m.end as i64))}</span>
            </div>
            <ul class="visually-hidden">
                {move || {
                    model
                        .with(|m| {
                            m.bands
                                .iter()
                                .map(|band| view! { <li>{format!("Fault: {}.", band.words)}</li> })
                                .collect_view()
                        })
                }}
            </ul>
        </section>
    }
}
