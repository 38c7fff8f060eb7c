//! The network panel: sliders for latency, jitter, loss and duplication
//! (where distance adds to the latency, a line under its slider says how
//! much); a partition picker (tick the nodes to split off); cutting and
//! healing a single link, one way or both; and healing everything. Every
//! change is an intervention recorded at the current sim time, so it
//! replays.

use leptos::prelude::*;

use super::focus::{computed_style, find_as};
use super::link_settings::LINK_SETTINGS;
use super::screen::Screen;
use crate::lessons::controls::Control;
use crate::scenario::{farthest_trip, FarthestTrip};
use crate::sim::words::duration;
use crate::sim::{millis, Action, NodeId};

/// The line under the latency slider where distance adds to it: "Distance
/// adds to this: about 82 ms one way from client in Australia to server in
/// Europe, less between nodes closer together."
fn distance_note(trip: &FarthestTrip) -> String {
    let ms = millis(1);
    let adds = if trip.adds >= ms {
        (trip.adds + ms / 2) / ms * ms
    } else {
        trip.adds
    };
    format!(
        "Distance adds to this: about {} one way from {} to {}, less between nodes closer together.",
        duration(adds),
        trip.from,
        trip.to
    )
}

/// Where the side column scrolls on its own (a wide screen), bring the
/// lesson's task to its top, so the task and the opened panel below it
/// are in view together.
fn keep_task_in_view() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let find = |selector: &str| document.query_selector(selector).ok().flatten();
    let (Some(side), Some(task), Some(panel)) = (find(".side"), find(".lesson-panel .task"), find(".network-panel"))
    else {
        return;
    };
    let (side_box, task_box, panel_box) = (
        side.get_bounding_client_rect(),
        task.get_bounding_client_rect(),
        panel.get_bounding_client_rect(),
    );
    let scrolls_alone = computed_style(&side, "overflow-y").is_some_and(|overflow| overflow == "auto");
    if scrolls_alone && panel_box.bottom() > side_box.bottom() {
        let by = (task_box.top() - side_box.top() - 8.0).min(panel_box.bottom() - side_box.bottom() + 8.0);
        side.set_scroll_top(side.scroll_top() + by.max(0.0) as i32);
    }
}

/// Fold the panel away, as a new lesson starts: its text opens the panel
/// where it needs it.
pub fn fold_network_panel() {
    if let Some(panel) = find_as::<web_sys::HtmlDetailsElement>(".network-panel") {
        panel.set_open(false);
    }
}

#[component]
pub fn NetworkPanel(screen: Screen) -> impl IntoView {
    let names = move || {
        screen
            .nodes
            .with(|n| n.iter().map(|n| n.name.clone()).collect::<Vec<_>>())
    };
    let split_off = RwSignal::new(Vec::<usize>::new());
    let link_from = RwSignal::new(0usize);
    let link_to = RwSignal::new(1usize);
    // Read again for each new run on screen.
    let far = Memo::new(move |_| {
        screen.generation.track();
        screen
            .run
            .with_value(|run| farthest_trip(run.distance()?, &run.snapshot().nodes))
            .map(|trip| distance_note(&trip))
    });

    let sliders = LINK_SETTINGS
        .iter()
        .map(|slider| {
            let on_change = move |ev: leptos::ev::Event| {
                if let Ok(value) = event_target_value(&ev).parse::<u64>() {
                    let mut link = screen.link.get_untracked();
                    (slider.set)(&mut link, value);
                    screen.act(
                        Action::SetNetwork(link),
                        format!("{} set to {value} {}.", slider.control.label(), slider.unit),
                    );
                }
            };
            let latency = slider.control == Control::Latency;
            let note = move || far.get().filter(|_| latency);
            view! {
                <label class=format!("slider {}", slider.class) data-control=slider.control.id()>
                    <span class="slider-label">{slider.control.label()}</span>
                    <input
                        type="range"
                        min="0"
                        max=slider.slider_max.to_string()
                        step=slider.step.to_string()
                        aria-describedby=move || note().map(|_| "distance-note")
                        prop:value=move || screen.link.with(|l| (slider.get)(l).to_string())
                        on:change=on_change
                    />
                    <span class="slider-value">
                        {move || screen.link.with(|l| format!("{} {}", (slider.get)(l), slider.unit))}
                    </span>
                </label>
                {move || note().map(|said| view! { <p class="slider-note" id="distance-note">{said}</p> })}
            }
        })
        .collect_view();

    let split = move |_| {
        let group: Vec<NodeId> = split_off
            .get_untracked()
            .into_iter()
            .map(|i| NodeId(i as u32))
            .collect();
        if group.is_empty() {
            screen
                .announcement
                .set("Tick the nodes to split off first.".to_string());
            return;
        }
        let who = names();
        let listed: Vec<String> = group.iter().filter_map(|n| who.get(n.index()).cloned()).collect();
        screen.act(
            Action::Partition(vec![group]),
            format!("The network is split: {} on one side.", listed.join(", ")),
        );
    };
    let heal_all = move |_| {
        split_off.set(Vec::new());
        screen.act(Action::HealAll, "The network is healed.".to_string());
    };
    let link_action = move |both: bool, cut: bool| {
        let (a, b) = (link_from.get_untracked(), link_to.get_untracked());
        if a == b {
            screen.announcement.set("Pick two different nodes.".to_string());
            return;
        }
        let who = names();
        let (from, to) = (NodeId(a as u32), NodeId(b as u32));
        let make = |from, to| {
            if cut {
                Action::CutLink { from, to }
            } else {
                Action::HealLink { from, to }
            }
        };
        let word = if cut { "cut" } else { "healed" };
        let arrow = if both { "↔" } else { "→" };
        let label = format!(
            "{}{arrow}{}",
            who.get(a).cloned().unwrap_or_default(),
            who.get(b).cloned().unwrap_or_default()
        );
        screen.act(make(from, to), format!("The link {label} is {word}."));
        if both {
            screen.act(make(to, from), format!("The link {label} is {word}."));
        }
    };
    let node_select = move |value: RwSignal<usize>, label: &'static str| {
        view! {
            <label class="link-end">
                <span class="slider-label">{label}</span>
                <select on:change=move |ev| {
                    if let Ok(i) = event_target_value(&ev).parse::<usize>() {
                        value.set(i);
                    }
                }>
                    {move || {
                        names()
                            .into_iter()
                            .enumerate()
                            .map(|(i, name)| {
                                view! {
                                    <option value=i.to_string() prop:selected=move || value.get() == i>
                                        {name}
                                    </option>
                                }
                            })
                            .collect_view()
                    }}
                </select>
            </label>
        }
    };

    view! {
        <details
            class="network-panel"
            on:toggle=move |ev| {
                if event_target::<web_sys::HtmlDetailsElement>(&ev).open() {
                    request_animation_frame(keep_task_in_view);
                }
            }
        >
            <summary data-control=Control::Network.id()>{Control::Network.label()}</summary>
            <div class="sliders">{sliders}</div>
            <fieldset class="partition">
                <legend>"Split the network"</legend>
                <div class="partition-nodes">
                    {move || {
                        names()
                            .into_iter()
                            .enumerate()
                            .map(|(i, name)| {
                                view! {
                                    <label class="partition-node">
                                        <input
                                            type="checkbox"
                                            prop:checked=move || split_off.with(|s| s.contains(&i))
                                            on:change=move |_| {
                                                split_off
                                                    .update(|s| {
                                                        if let Some(at) = s.iter().position(|&x| x == i) {
                                                            s.remove(at);
                                                        } else {
                                                            s.push(i);
                                                        }
                                                    })
                                            }
                                        />
                                        {name}
                                    </label>
                                }
                            })
                            .collect_view()
                    }}
                </div>
                <div class="panel-actions">
                    <button class="split" data-control=Control::SplitOff.id() on:click=split>{Control::SplitOff.label()}</button>
                    <button class="heal-all" data-control=Control::HealEverything.id() on:click=heal_all>{Control::HealEverything.label()}</button>
                </div>
            </fieldset>
            <fieldset class="one-link">
                <legend>"One link"</legend>
                {node_select(link_from, "From")}
                {node_select(link_to, "To")}
                <div class="panel-actions">
                    <button class="cut-both" data-control=Control::CutBothWays.id() on:click=move |_| link_action(true, true)>{Control::CutBothWays.label()}</button>
                    <button class="cut-one" data-control=Control::CutOneWay.id() on:click=move |_| link_action(false, true)>{Control::CutOneWay.label()}</button>
                    <button class="heal-link" data-control=Control::HealLink.id() on:click=move |_| link_action(true, false)>{Control::HealLink.label()}</button>
                </div>
            </fieldset>
        </details>
    }
}

#[cfg(test)]
mod tests {
    use super::distance_note;
    use crate::scenario::FarthestTrip;

    #[test]
    fn the_note_rounds_the_trip_to_whole_milliseconds() {
        let trip = FarthestTrip {
            from: "client in Australia".to_string(),
            to: "server in Europe".to_string(),
            adds: 81_625,
        };
        assert_eq!(
            distance_note(&trip),
            "Distance adds to this: about 82 ms one way from client in Australia to server in Europe, less between \
             nodes closer together."
        );
    }
}
