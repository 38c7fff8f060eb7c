//! The timeline: a scrubber to travel back and forth in the run (seeking is
//! deterministic replay), a mark where each intervention happens, named in
//! words ("Crash B at 1.5 s") and listed in a caption beside the bar, and a
//! reset button that starts the run over from what the page gives
//! (`start_over`: the scenario with the interventions it came with, such as
//! a teacher's scheduled faults, or a lab's run for its seed).

use leptos::prelude::*;
use web_sys::KeyboardEvent;

use super::painter::clock_label;
use super::sandbox::words::{describe_seen, seconds_text};
use super::screen::Screen;
use crate::lessons::controls::Control;
use crate::sim::trace::Trace;
use crate::sim::{Intervention, Run};

/// The most marks the caption names one by one.
const CAPTION_NAMES: usize = 2;
/// The most characters of marks' words the caption names in full: more
/// would not fit its three lines beside the bar, so it counts them instead.
const CAPTION_CHARS: usize = 90;

/// How far an arrow key moves the playhead: a fiftieth of the run, at
/// least a tenth of a second; Page Up and Page Down move five times as far.
fn key_stride_ms(span_ms: u64, key: &str) -> Option<i64> {
    let stride = (span_ms / 50).max(100) as i64;
    match key {
        "ArrowRight" | "ArrowUp" => Some(stride),
        "ArrowLeft" | "ArrowDown" => Some(-stride),
        "PageUp" => Some(5 * stride),
        "PageDown" => Some(-5 * stride),
        _ => None,
    }
}

fn millis(micros: u64) -> u64 {
    micros / 1_000
}

/// What a mark stands for, and when, to the millisecond: "Crash B at
/// 1.5 s", "Drop C's request to S at 28.678 s" (a student's click lands
/// anywhere).
fn mark_words(intervention: &Intervention, names: &[String], trace: &Trace) -> String {
    format!(
        "{} at {} s",
        describe_seen(&intervention.action, names, trace, intervention.at),
        seconds_text(millis(intervention.at) * 1_000)
    )
}

/// A mark's words, saying so when its change is still to come.
fn still_to_come(words: &str, to_come: bool) -> String {
    if to_come {
        format!("{words}, still to come")
    } else {
        words.to_string()
    }
}

/// The caption beside the bar, given each mark's words in time order: what
/// the marks are, naming them all when there are few, else how many there
/// are and the last one. It is there before the first mark too, so the bar
/// keeps its size when one appears.
fn caption(marks: &[String]) -> String {
    const LEGEND: &str = "marks each fault or change in the run";
    match marks {
        [] => format!("{LEGEND}: none yet."),
        few if few.len() <= CAPTION_NAMES && few.iter().map(|m| m.len() + 2).sum::<usize>() <= CAPTION_CHARS => {
            format!("{LEGEND}: {}.", few.join(". "))
        }
        [.., last] => format!("{LEGEND}, {} in all; the last: {last}.", marks.len()),
    }
}

#[component]
pub fn TimelineBar(
    screen: Screen,
    playing: RwSignal<bool>,
    /// The run as it starts, for the reset button.
    start_over: impl Fn() -> Box<dyn Run> + 'static,
) -> impl IntoView {
    let span = move || millis(screen.horizon.get()).max(1);
    // Each mark's time and words, in time order (the run's log is).
    let marks = Memo::new(move |_| {
        let names: Vec<String> = screen.nodes.with(|n| n.iter().map(|n| n.name.clone()).collect());
        screen.markers.with(|log| {
            screen.run.with_value(|run| {
                log.iter()
                    .map(|intervention| (intervention.at, mark_words(intervention, &names, run.trace())))
                    .collect::<Vec<_>>()
            })
        })
    });
    let seek = move |ev: leptos::ev::Event| {
        if let Ok(ms) = event_target_value(&ev).parse::<u64>() {
            playing.set(false);
            screen.seek_to(ms * 1_000);
        }
    };
    let by_key = move |ev: KeyboardEvent| {
        let Some(stride) = key_stride_ms(span(), &ev.key()) else {
            return;
        };
        ev.prevent_default();
        let now = millis(screen.now.get_untracked()) as i64;
        let target = (now + stride).clamp(0, span() as i64) as u64;
        playing.set(false);
        screen.seek_to(target * 1_000);
    };
    let reset = move |_| {
        playing.set(false);
        screen.replace_run(start_over());
        screen.announcement.set("The run was reset to its start.".to_string());
    };
    view! {
        <div class="timeline">
            <button class="control reset" data-control=Control::Reset.id() on:click=reset>
                <span aria-hidden="true" class="control-icon">"⟲"</span>
                <span class="control-label">{Control::Reset.label()}</span>
            </button>
            <div class="scrubber">
                <div class="markers" role="group" aria-label="Changes to the run">
                    {move || {
                        // A change still to come (a scheduled fault) has no
                        // place yet on a bar that ends at the furthest moment
                        // played: it waits at the end, hollow, and says so.
                        let span = span();
                        marks
                            .get()
                            .into_iter()
                            .map(|(at, words)| {
                                let to_come = millis(at) > span;
                                let left = format!("left: {:.2}%", millis(at).min(span) as f64 * 100.0 / span as f64);
                                let words = still_to_come(&words, to_come);
                                view! { <span class="marker" class:to-come=to_come role="img" style=left title=words.clone() aria-label=words></span> }
                            })
                            .collect_view()
                    }}
                </div>
                <input
                    class="scrubber-range"
                    type="range"
                    min="0"
                    step="1"
                    aria-label="Timeline: drag to travel back and forth in the run"
                    prop:max=move || span().to_string()
                    prop:value=move || millis(screen.now.get()).to_string()
                    aria-valuetext=move || format!("{} of {}", clock_label(screen.now.get() as i64), clock_label(screen.horizon.get() as i64))
                    on:input=seek
                    on:keydown=by_key
                />
            </div>
            <span class="sim-time" aria-hidden="true">{move || clock_label(screen.now.get() as i64)}</span>
            <p class="timeline-caption" aria-hidden="true">
                <span class="marker-key">"▼"</span>
                " "
                {move || {
                    let played = screen.horizon.get();
                    marks.with(|marks| caption(&marks.iter().map(|(at, words)| still_to_come(words, *at > played)).collect::<Vec<_>>()))
                }}
            </p>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::{caption, key_stride_ms, mark_words, still_to_come};
    use crate::sim::trace::Trace;
    use crate::sim::{millis, Action, Intervention, NodeId};

    #[test]
    fn arrow_keys_move_by_a_useful_stride() {
        assert_eq!(key_stride_ms(60_000, "ArrowRight"), Some(1_200));
        assert_eq!(key_stride_ms(2_000, "ArrowLeft"), Some(-100));
        assert_eq!(key_stride_ms(60_000, "PageDown"), Some(-6_000));
        assert_eq!(key_stride_ms(60_000, "a"), None);
    }

    #[test]
    fn a_mark_says_what_was_done_and_when() {
        let names = ["A".to_string(), "B".to_string()];
        let trace = Trace::default();
        let crash = Intervention::new(millis(1_500), Action::Crash(NodeId(1)));
        assert_eq!(mark_words(&crash, &names, &trace), "Crash B at 1.5 s");
        let clicked = Intervention::new(28_678_284, Action::Crash(NodeId(1)));
        assert_eq!(mark_words(&clicked, &names, &trace), "Crash B at 28.678 s");
        let heal = Intervention::new(0, Action::HealAll);
        assert_eq!(mark_words(&heal, &names, &trace), "Heal the whole network at 0 s");
    }

    #[test]
    fn a_change_still_to_come_says_so() {
        assert_eq!(
            still_to_come("Crash server at 3 s", true),
            "Crash server at 3 s, still to come"
        );
        assert_eq!(still_to_come("Crash server at 3 s", false), "Crash server at 3 s");
    }

    #[test]
    fn the_caption_names_a_few_marks_and_counts_many() {
        let marks: Vec<String> = (1..=5).map(|i| format!("Crash B at {i} s")).collect();
        assert_eq!(caption(&[]), "marks each fault or change in the run: none yet.");
        assert_eq!(
            caption(&marks[..2]),
            "marks each fault or change in the run: Crash B at 1 s. Crash B at 2 s."
        );
        assert_eq!(
            caption(&marks),
            "marks each fault or change in the run, 5 in all; the last: Crash B at 5 s."
        );
        // Two long ones would not fit the caption's three lines.
        let long: Vec<String> = [2.924, 3.1]
            .map(|at| format!("Set the network to 100 ms latency, 10 ms jitter, 20 % loss at {at} s"))
            .to_vec();
        assert_eq!(
            caption(&long),
            "marks each fault or change in the run, 2 in all; the last: Set the network to 100 ms latency, 10 ms \
             jitter, 20 % loss at 3.1 s."
        );
    }
}
