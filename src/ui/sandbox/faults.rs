//! The teacher's editor of scheduled faults: the list of what will happen
//! and when (each time can be edited, which moves the fault, and each fault
//! deleted), and a small form to add one: when, what, and to which nodes.

use leptos::prelude::*;

use super::fault_kind::{FaultKind, Targets};
use super::words::{describe, parse_seconds, seconds_text};
use crate::scenario::Scenario;
use crate::sim::Intervention;

/// A labelled list of the cluster's nodes to pick one from.
fn node_picker(
    label: &'static str,
    id: &'static str,
    chosen: RwSignal<usize>,
    names: Memo<Vec<String>>,
) -> impl IntoView {
    view! {
        <div class="sandbox-field">
            <label class="sandbox-label" for=id>
                {label}
            </label>
            <select id=id on:change=move |ev| {
                if let Ok(i) = event_target_value(&ev).parse::<usize>() {
                    chosen.set(i);
                }
            }>
                {move || {
                    names
                        .get()
                        .into_iter()
                        .enumerate()
                        .map(|(i, name)| {
                            view! { <option value=i.to_string() prop:selected=move || chosen.get() == i>{name}</option> }
                        })
                        .collect_view()
                }}
            </select>
        </div>
    }
}

/// One scheduled intervention: its time (editable), what it does, and a
/// button to delete it.
fn row(
    draft: RwSignal<Scenario>,
    index: usize,
    intervention: Intervention,
    names: &[String],
    said: RwSignal<String>,
    problem: RwSignal<Option<String>>,
) -> impl IntoView {
    let what = describe(&intervention.action, names);
    let number = index + 1;
    let time_label = format!("Time of fault {number}, {what}, in seconds");
    let delete_label = format!("Delete fault {number}: {what}");
    let moved_what = what.clone();
    let move_it = move |ev: leptos::ev::Event| {
        let Some(to) = parse_seconds(&event_target_value(&ev)) else {
            problem.set(Some(format!("Fault {number}: type a time in seconds, like 2.5.")));
            return;
        };
        let mut changed = draft.get_untracked();
        match changed.move_fault(index, to) {
            Ok(_) => {
                draft.set(changed);
                problem.set(None);
                said.set(format!("{moved_what} now happens at {} s.", seconds_text(to)));
            }
            Err(error) => problem.set(Some(format!("That fault cannot move: {error}."))),
        }
    };
    let deleted_what = what.clone();
    let delete = move |_| {
        let mut changed = draft.get_untracked();
        match changed.remove_fault(index) {
            Ok(_) => {
                draft.set(changed);
                problem.set(None);
                said.set(format!("{deleted_what} is no longer scheduled."));
            }
            Err(error) => problem.set(Some(format!("That fault cannot be deleted: {error}."))),
        }
    };
    view! {
        <li class="fault">
            <label class="fault-time">
                <span class="visually-hidden">{time_label}</span>
                <input
                    type="text"
                    inputmode="decimal"
                    size="7"
                    prop:value=seconds_text(intervention.at)
                    on:change=move_it
                />
                <span aria-hidden="true">" s"</span>
            </label>
            <span class="fault-what">{what}</span>
            <button class="fault-delete" aria-label=delete_label on:click=delete>
                "Delete"
            </button>
        </li>
    }
}

#[component]
pub fn FaultEditor(
    draft: RwSignal<Scenario>,
    names: Memo<Vec<String>>,
    said: RwSignal<String>,
    problem: RwSignal<Option<String>>,
) -> impl IntoView {
    let scheduled = Memo::new(move |_| {
        let mut listed = draft.with(|s| s.interventions.clone());
        listed.sort_by_key(|intervention| intervention.at);
        listed
    });
    let at_text = RwSignal::new("1".to_string());
    let kind = RwSignal::new(FaultKind::Crash);
    let first = RwSignal::new(0usize);
    let second = RwSignal::new(1usize);
    let side = RwSignal::new(Vec::<usize>::new());

    let add = move |_| {
        let Some(at) = parse_seconds(&at_text.get_untracked()) else {
            problem.set(Some("When: type a time in seconds, like 2.5.".to_string()));
            return;
        };
        let fault = side.with_untracked(|side| {
            kind.get_untracked()
                .fault(first.get_untracked(), second.get_untracked(), side)
        });
        let mut changed = draft.get_untracked();
        match changed.schedule_fault(at, fault) {
            Ok(index) => {
                let what = changed
                    .interventions
                    .get(index)
                    .map(|i| names.with_untracked(|names| describe(&i.action, names)))
                    .unwrap_or_default();
                draft.set(changed);
                problem.set(None);
                said.set(format!("Scheduled: {what} at {} s.", seconds_text(at)));
            }
            Err(error) => problem.set(Some(format!("That fault cannot be scheduled: {error}."))),
        }
    };
    let list = move || {
        let listed = scheduled.get();
        if listed.is_empty() {
            return view! { <p class="sandbox-hint">"Nothing is scheduled yet."</p> }.into_any();
        }
        let names = names.get();
        view! {
            <ol class="fault-list">
                {listed
                    .into_iter()
                    .enumerate()
                    .map(|(index, intervention)| row(draft, index, intervention, &names, said, problem))
                    .collect_view()}
            </ol>
        }
        .into_any()
    };
    let side_picker = move || {
        names
            .get()
            .into_iter()
            .enumerate()
            .map(|(i, name)| {
                view! {
                    <label class="sandbox-check partition-node">
                        <input
                            type="checkbox"
                            prop:checked=move || side.with(|s| s.contains(&i))
                            on:change=move |ev| {
                                let ticked = event_target_checked(&ev);
                                side.update(|s| {
                                    s.retain(|&x| x != i);
                                    if ticked {
                                        s.push(i);
                                    }
                                });
                            }
                        />
                        <span>{name}</span>
                    </label>
                }
            })
            .collect_view()
    };
    let targets = move || match kind.get().targets() {
        Targets::One => node_picker("Node", "fault-node", first, names).into_any(),
        Targets::Two => view! {
            {node_picker("One end", "fault-end-one", first, names)}
            {node_picker("Other end", "fault-end-other", second, names)}
        }
        .into_any(),
        Targets::Side => view! {
            <fieldset class="sandbox-side">
                <legend>"Nodes on one side (the rest are on the other)"</legend>
                <div class="partition-nodes">{side_picker}</div>
            </fieldset>
        }
        .into_any(),
        Targets::None => ().into_any(),
    };

    view! {
        <fieldset class="sandbox-group sandbox-faults">
            <legend>"Scheduled faults"</legend>
            {list}
            <fieldset class="sandbox-add">
                <legend>"Add a fault"</legend>
                <label class="sandbox-field">
                    <span class="sandbox-label">"When (seconds into the run)"</span>
                    <input
                        type="text"
                        inputmode="decimal"
                        class="fault-when"
                        prop:value=move || at_text.get()
                        on:input=move |ev| at_text.set(event_target_value(&ev))
                    />
                </label>
                <div class="sandbox-field">
                    <label class="sandbox-label" for="fault-what">
                        "What"
                    </label>
                    <select id="fault-what" on:change=move |ev| {
                        let chosen = event_target_value(&ev);
                        if let Some(picked) = FaultKind::ALL.into_iter().find(|k| k.label() == chosen) {
                            kind.set(picked);
                        }
                    }>
                        {FaultKind::ALL
                            .into_iter()
                            .map(|k| view! { <option value=k.label() prop:selected=move || kind.get() == k>{k.label()}</option> })
                            .collect_view()}
                    </select>
                </div>
                {targets}
                <button class="fault-add" on:click=add>"Add fault"</button>
            </fieldset>
        </fieldset>
    }
}
