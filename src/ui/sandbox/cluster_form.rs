//! The sandbox's cluster form: which kind of cluster, its parameters, the
//! seed and the network. Every change goes straight into the draft
//! scenario; numbers are held to their limits as they are entered.

use leptos::prelude::*;

use super::preview::Preview;
use crate::scenario::kind::{Field, Input, PPM_PER_PERCENT};
use crate::scenario::{ClusterSpec, Scenario, KINDS};
use crate::sim::words::count;
use crate::sim::LinkConfig;
use crate::ui::link_settings::LINK_SETTINGS;
use crate::ui::pacing::REAL_TIME_EVENTS_PER_SECOND;

/// A field's label with its unit: "Election timeout (ms)".
fn with_unit(label: &str, unit: &str) -> String {
    if unit.is_empty() {
        label.to_string()
    } else {
        format!("{label} ({unit})")
    }
}

/// Names shown in the list of a cluster's nodes before it is cut short.
const LISTED_NODES: usize = 12;

/// "5 nodes: A, B, C, D, E", cut short for big clusters.
fn node_list(names: &[String]) -> String {
    let listed = names.iter().take(LISTED_NODES).cloned().collect::<Vec<_>>().join(", ");
    match names.len().checked_sub(LISTED_NODES).filter(|&more| more > 0) {
        Some(more) => format!("{}: {listed} and {more} more", count(names.len() as u64, "node")),
        None => format!("{}: {listed}", count(names.len() as u64, "node")),
    }
}

/// What the form says about a cluster too busy to play in real time, or
/// nothing.
fn busy_warning(cluster: &ClusterSpec, link: &LinkConfig) -> Option<String> {
    let rate = cluster.events_per_second(link);
    (rate > REAL_TIME_EVENTS_PER_SECOND).then(|| {
        format!(
            "A busy cluster: about {} engine events for each simulated second. It will play slower than \
             real time (the picture says how much slower), and a link to late in its run may be too much \
             work to open.",
            about(rate)
        )
    })
}

/// "3.2 million", "450 thousand": a rate in round words.
fn about(rate: f64) -> String {
    if rate >= 1e6 {
        format!("{:.1} million", rate / 1e6)
    } else {
        format!("{:.0} thousand", rate / 1e3)
    }
}

/// A number field's range and unit as the form shows them, and the factor
/// from a shown number to the stored one (shares are shown in percent).
fn as_entered(field: Field) -> Option<(i64, i64, &'static str, i64)> {
    match field.input {
        Input::Number { min, max, unit } => Some((min, max, unit, 1)),
        Input::Share => Some((0, 100, "%", PPM_PER_PERCENT)),
        Input::Toggle => None,
    }
}

/// One parameter of the chosen kind, as a number field or a checkbox.
fn parameter(draft: RwSignal<Scenario>, index: usize, field: Field, problem: RwSignal<Option<String>>) -> AnyView {
    let current = move || draft.with(|s| s.cluster.values().get(index).copied().unwrap_or(field.start));
    let set = move |value: i64| draft.update(|s| s.cluster = s.cluster.with_value(index, value));
    match as_entered(field) {
        Some((min, max, unit, scale)) => {
            let on_change = move |ev: leptos::ev::Event| match event_target_value(&ev).trim().parse::<i64>() {
                Ok(value) => set(value.saturating_mul(scale)),
                Err(_) => problem.set(Some(format!(
                    "{}: type a whole number from {min} to {max}.",
                    field.label
                ))),
            };
            // While typing, a number in range goes into the draft at once
            // (so the busy warning follows); leaving the field settles it.
            let on_input = move |ev: leptos::ev::Event| {
                if let Ok(value) = event_target_value(&ev).trim().parse::<i64>() {
                    if (min..=max).contains(&value) {
                        set(value * scale);
                    }
                }
            };
            view! {
            <label class="sandbox-field">
                <span class="sandbox-label">{with_unit(field.label, unit)}</span>
                <input
                    type="number"
                    min=min.to_string()
                    max=max.to_string()
                    step="1"
                    prop:value=move || (current() / scale).to_string()
                    on:input=on_input
                    on:change=on_change
                />
            </label>
            }
            .into_any()
        }
        None => view! {
            <label class="sandbox-check">
                <input
                    type="checkbox"
                    prop:checked=move || current() != 0
                    on:change=move |ev| set(i64::from(event_target_checked(&ev)))
                />
                <span>{field.label}</span>
            </label>
        }
        .into_any(),
    }
}

#[component]
pub fn ClusterForm(
    draft: RwSignal<Scenario>,
    preview: Memo<Preview>,
    problem: RwSignal<Option<String>>,
) -> impl IntoView {
    let kind = Memo::new(move |_| draft.with(|s| s.cluster.kind()));
    // The name, note and network the draft came with belong to the
    // scenario it came from; another kind of cluster drops them unless the
    // teacher set their own.
    let (came_named, came_noted, came_linked) = draft.with_untracked(|s| (s.name.clone(), s.note.clone(), s.network));
    let pick = move |ev: leptos::ev::Event| {
        let chosen = event_target_value(&ev);
        if let Some(picked) = KINDS.iter().find(|k| k.name == chosen) {
            draft.update(|s| {
                s.cluster = picked.start();
                if s.name == came_named {
                    s.name.clear();
                }
                if s.note == came_noted {
                    s.note.clear();
                }
                if s.network == came_linked {
                    s.network = None;
                }
            });
        }
    };
    let parameters = move || {
        kind.get()
            .fields
            .iter()
            .enumerate()
            .map(|(index, field)| parameter(draft, index, *field, problem))
            .collect_view()
    };
    let set_seed = move |ev: leptos::ev::Event| match event_target_value(&ev).trim().parse::<u64>() {
        Ok(seed) => draft.update(|s| s.seed = seed),
        Err(_) => problem.set(Some(format!("Seed: type a whole number from 0 to {}.", u64::MAX))),
    };
    let by_hand = move || draft.with(|s| s.network.is_some());
    let link = move || draft.with(|s| s.network).unwrap_or_else(|| preview.with(|p| p.link));
    let network_fields = LINK_SETTINGS
        .iter()
        .map(|field| {
            let on_change = move |ev: leptos::ev::Event| match event_target_value(&ev).trim().parse::<u64>() {
                Ok(value) => {
                    let mut changed = link();
                    (field.set)(&mut changed, value.min(field.limit));
                    draft.update(|s| s.network = Some(changed));
                }
                Err(_) => problem.set(Some(format!(
                    "{}: type a whole number from 0 to {}.",
                    field.control.label(),
                    field.limit
                ))),
            };
            view! {
                <label class="sandbox-field">
                    <span class="sandbox-label">{with_unit(field.control.label(), field.unit)}</span>
                    <input
                        type="number"
                        min="0"
                        max=field.limit.to_string()
                        step="1"
                        disabled=move || !by_hand()
                        prop:value=move || (field.get)(&link()).to_string()
                        on:change=on_change
                    />
                </label>
            }
        })
        .collect_view();

    view! {
        <fieldset class="sandbox-group sandbox-cluster">
            <legend>"Cluster"</legend>
            <div class="sandbox-field sandbox-kind">
                <label class="sandbox-label" for="sandbox-kind">
                    "Kind of cluster"
                </label>
                <select id="sandbox-kind" on:change=pick>
                    {KINDS
                        .iter()
                        .map(|k| view! { <option value=k.name prop:selected=move || kind.get() == k>{k.name}</option> })
                        .collect_view()}
                </select>
            </div>
            <div class="sandbox-fields">{parameters}</div>
            <p class="sandbox-hint">
                {move || preview.with(|p| node_list(&p.names))}
            </p>
            <p class="sandbox-busy" role="status">
                {move || draft.with(|s| busy_warning(&s.cluster, &link()))}
            </p>
            <label class="sandbox-field">
                <span class="sandbox-label">"Seed"</span>
                <input
                    type="number"
                    min="0"
                    step="1"
                    prop:value=move || draft.with(|s| s.seed.to_string())
                    on:change=set_seed
                />
            </label>
        </fieldset>
        <fieldset class="sandbox-group sandbox-network">
            <legend>"Network"</legend>
            <label class="sandbox-check">
                <input
                    type="checkbox"
                    prop:checked=by_hand
                    on:change=move |ev| {
                        let custom = event_target_checked(&ev).then(|| preview.with(|p| p.link));
                        draft.update(|s| s.network = custom);
                    }
                />
                <span>"Set every link by hand (otherwise the cluster's own network)"</span>
            </label>
            <div class="sandbox-fields">{network_fields}</div>
        </fieldset>
    }
}
