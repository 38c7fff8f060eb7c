//! The canvas and what the pointer does on it: a click on a message drops
//! it, on a node opens its menu, on a link cuts or heals it (Shift: one
//! way); a long press on a link (about half a second, for touch) cuts it one
//! way without the click firing too; resting the pointer on a message
//! points at it, for the inspector and the highlight.

use std::time::Duration;

use leptos::ev::PointerEvent;
use leptos::prelude::*;
use web_sys::MouseEvent;

use super::frame::{canvas_size, Drawn, Stage, View};
use super::inspector::MessageInspector;
use super::node_peek::NodePeek;
use crate::sim::words::with_article;
use crate::sim::{Action, MessageId, NodeId};
use crate::ui::layout::{hit_test, link_hit, nearest_within, Point};
use crate::ui::node_menu::{open_menu, NodeMenu};
use crate::ui::screen::Screen;
use crate::ui::spacetime::arrow_under;

/// How long a press must last to count as a long press.
const LONG_PRESS: Duration = Duration::from_millis(500);

/// How far the pointer may wander during a long press, in CSS pixels.
const PRESS_SLACK: f64 = 10.0;

/// How near a message the pointer must be to point at it, in CSS pixels.
const MESSAGE_REACH: f64 = 9.0;

/// Cut a link that is whole, heal one that is cut: both ways, or one way
/// only, the direction leaving the node nearer the pointer.
fn toggle_link(screen: Screen, (a, b, near_a): (usize, usize, bool), one_way: bool) {
    let (first, second) = if near_a { (a, b) } else { (b, a) };
    let (from, to) = (NodeId(first as u32), NodeId(second as u32));
    let names = screen
        .nodes
        .with_untracked(|n| n.iter().map(|n| n.name.clone()).collect::<Vec<_>>());
    let name = |i: usize| names.get(i).cloned().unwrap_or_default();
    let cut_now = screen.cuts.with_untracked(|c| c.contains(&(from, to)));
    let (make, word): (fn(NodeId, NodeId) -> Action, &str) = if cut_now {
        (|from, to| Action::HealLink { from, to }, "healed")
    } else {
        (|from, to| Action::CutLink { from, to }, "cut")
    };
    let arrow = if one_way { "→" } else { "↔" };
    let said = format!("The link {}{arrow}{} is {word}.", name(first), name(second));
    screen.act(make(from, to), said.clone());
    if !one_way {
        screen.act(make(to, from), said);
    }
}

fn offset(ev: &MouseEvent) -> Point {
    Point {
        x: f64::from(ev.offset_x()),
        y: f64::from(ev.offset_y()),
    }
}

/// What lies under the pointer on the cluster view.
enum Under {
    Message(MessageId),
    Node(usize),
    Link((usize, usize, bool)),
    Nothing,
}

fn under(stage: Stage, point: Point) -> Under {
    let Some(canvas) = stage
        .canvas
        .get_untracked()
        .filter(|_| stage.view.get_untracked() == View::Cluster)
    else {
        return Under::Nothing;
    };
    // Top to bottom as drawn: nodes over messages over links. A finger
    // gets a link as a target 44 px across; a mouse, 16 px.
    let reach = if cannot_hover() { LINK_REACH_TOUCH } else { LINK_REACH };
    let (width, height) = canvas_size(&canvas);
    let (node, link) = stage.layout.with_value(|cached| {
        let Some((_, layout)) = cached else {
            return (None, None);
        };
        let positions = layout.positions(width, height);
        let radius = layout.radius(width, height);
        (
            hit_test(&positions, radius, point),
            link_hit(&positions, &layout.links, radius, point, reach),
        )
    });
    match (node, message_under(stage, point), link) {
        (Some(node), _, _) => Under::Node(node),
        (None, Some(message), _) => Under::Message(message),
        (None, None, Some(link)) => Under::Link(link),
        (None, None, None) => Under::Nothing,
    }
}

/// How far from a link a pointer may press and still hit it, in pixels.
const LINK_REACH: f64 = 8.0;
/// The same for a finger.
const LINK_REACH_TOUCH: f64 = 22.0;

/// The message under the pointer in whichever picture is shown.
fn message_under(stage: Stage, point: Point) -> Option<MessageId> {
    stage.drawn.with_value(|drawn| match drawn {
        Drawn::Cluster(messages) => {
            nearest_within(messages.iter().map(|(_, p)| *p), point, MESSAGE_REACH).map(|i| messages[i].0)
        }
        Drawn::SpaceTime(diagram, lanes) => arrow_under(diagram, lanes, point, 6.0),
        Drawn::Nothing => None,
    })
}

/// Whether nothing on this device can hover (a phone or a tablet): there a
/// tooltip is never left by a pointer moving away, so it must not linger.
pub fn cannot_hover() -> bool {
    web_sys::window()
        .and_then(|w| w.match_media("(any-hover: none)").ok().flatten())
        .is_some_and(|m| m.matches())
}

/// A press that may become a long press.
#[derive(Clone, Copy)]
struct Press {
    at: Point,
    timer: Option<TimeoutHandle>,
}

#[component]
pub fn ClusterCanvas(screen: Screen, stage: Stage) -> impl IntoView {
    let press = StoredValue::new(None::<Press>);
    // A long press acted already: the click that may follow must not.
    let acted = StoredValue::new(false);
    let cancel_press = move || {
        if let Some(Press { timer: Some(timer), .. }) = press.get_value() {
            timer.clear();
        }
        press.set_value(None);
    };

    let on_click = move |ev: MouseEvent| {
        if acted.get_value() {
            acted.set_value(false);
            return;
        }
        match under(stage, offset(&ev)) {
            Under::Message(message) => {
                let label = screen.run.with_value(|r| {
                    r.snapshot()
                        .messages
                        .iter()
                        .find(|m| m.id == message)
                        .map_or("message", |m| m.kind.noun)
                });
                screen.act(
                    Action::DropMessage(message),
                    format!("You dropped {} on its way.", with_article(label)),
                );
            }
            Under::Node(index) => open_menu(screen, index),
            Under::Link(link) => toggle_link(screen, link, ev.shift_key()),
            Under::Nothing => {}
        }
    };
    let on_down = move |ev: PointerEvent| {
        cancel_press();
        acted.set_value(false);
        if !ev.is_primary() || ev.button() > 0 {
            return;
        }
        let at = offset(&ev);
        if let Under::Link(link) = under(stage, at) {
            let timer = set_timeout_with_handle(
                move || {
                    press.set_value(None);
                    acted.set_value(true);
                    toggle_link(screen, link, true);
                },
                LONG_PRESS,
            )
            .ok();
            press.set_value(Some(Press { at, timer }));
        }
    };
    let on_move = move |ev: PointerEvent| {
        let at = offset(&ev);
        if press
            .get_value()
            .is_some_and(|p| (p.at.x - at.x).hypot(p.at.y - at.y) > PRESS_SLACK)
        {
            cancel_press();
        }
        // A finger points at nothing; on a device that cannot hover, the
        // mouse events a tap or a moving page makes up point at nothing
        // either (a tooltip they opened would stay over the picture).
        if ev.pointer_type() != "mouse" || cannot_hover() {
            return;
        }
        // Nodes in the cluster view (drawn on top); messages in either picture.
        let node = match under(stage, at) {
            Under::Node(node) => Some(node),
            _ => None,
        };
        let message = node.is_none().then(|| message_under(stage, at)).flatten();
        if stage.pointed.get_untracked() != message {
            stage.pointed.set(message);
        }
        if stage.peeked.get_untracked() != node {
            stage.peeked.set(node);
        }
        stage.hover.set((message.is_some() || node.is_some()).then_some(at));
    };
    let on_leave = move |_: PointerEvent| {
        cancel_press();
        if stage.hover.get_untracked().is_some() {
            stage.forget_pointer();
        }
    };

    // On touch, a tooltip (a message reached from the event log, a peek)
    // goes away at the next tap anywhere, or once the page scrolls: it is
    // never left covering the picture.
    let tapped = window_event_listener(leptos::ev::pointerdown, move |ev: PointerEvent| {
        if ev.pointer_type() != "mouse" || cannot_hover() {
            stage.put_tooltips_away();
        }
    });
    let scrolled = window_event_listener(leptos::ev::scroll, move |_| {
        if cannot_hover() {
            stage.put_tooltips_away();
        }
    });
    on_cleanup(move || {
        tapped.remove();
        scrolled.remove();
    });

    view! {
        <div class="canvas-wrap">
            <canvas
                node_ref=stage.canvas
                class="cluster-canvas"
                role="img"
                aria-label=move || stage.description.get()
                on:click=on_click
                on:pointerdown=on_down
                on:pointermove=on_move
                on:pointerup=move |_| cancel_press()
                on:pointercancel=move |_| cancel_press()
                on:pointerleave=on_leave
                on:contextmenu=|ev| ev.prevent_default()
            ></canvas>
            <MessageInspector screen stage />
            <NodePeek screen stage />
            <NodeMenu screen stage />
        </div>
    }
}
