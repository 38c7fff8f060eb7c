//! The node menu: opened by clicking a node on the canvas or pressing its
//! button, it shows the node's state (role, clocks, queue, what its
//! protocol holds) and offers crash, restart, pause and resume, and the
//! messages it has on the wire, each to drop, with Step beside them. Escape
//! (handled by the app, wherever focus is) or Close puts focus back on the
//! node's button.

use leptos::prelude::*;

use super::app::{canvas_size, Stage};
use super::controls::{bar_icon, press};
use super::fact_words::value_words;
use super::focus::{computed_style, focus};
use super::node_state::title;
use super::painter::clock_label;
use super::painter::labels::last_label_area;
use super::painter::placement::Area;
use super::screen::Screen;
use crate::lessons::controls::Control;
use crate::sim::{Action, NodeId, Status};

/// A menu button for `control`, labelled from the control table.
fn control_button(control: Control, press: impl Fn() + 'static) -> impl IntoView {
    view! {
        <button data-control=control.id() on:click=move |_| press()>
            {control.label()}
        </button>
    }
}

/// Open the menu of node `index`, scrolled to its top, and move focus
/// into it.
pub fn open_menu(screen: Screen, index: usize) {
    screen.selected.set(Some(index));
    screen.refresh(false);
    request_animation_frame(|| {
        if let Some(menu) = document().query_selector(".node-menu").ok().flatten() {
            menu.set_scroll_top(0);
            reach_window_bottom(&menu);
            keep_picture_above(&menu);
        }
        focus(".node-menu .menu-actions button");
    });
}

/// Beside the picture, let the menu grow down to the window's bottom when
/// the picture is shorter than the menu's facts.
fn reach_window_bottom(menu: &web_sys::Element) {
    if computed_style(menu, "position").as_deref() != Some("absolute") {
        return;
    }
    let (Some(window), Some(menu)) = (
        web_sys::window(),
        wasm_bindgen::JsCast::dyn_ref::<web_sys::HtmlElement>(menu),
    ) else {
        return;
    };
    // From the styles' own place and height: the menu may have been fitted
    // to another node already.
    menu.style().remove_property("top").ok();
    menu.style().remove_property("max-height").ok();
    let below = window.inner_height().ok().and_then(|h| h.as_f64()).unwrap_or(0.0);
    let top = menu.get_bounding_client_rect().top();
    let room = below - top - MENU_MARGIN;
    if room > f64::from(menu.client_height()) {
        menu.style().set_property("max-height", &format!("{room:.0}px")).ok();
    }
    // Outside the picture the menu lies over the lesson list: where its
    // facts are still taller than the room, it rises (as far as the
    // window's top) rather than hide its last facts behind a scroll.
    let hidden = f64::from(menu.scroll_height() - menu.client_height());
    if hidden > 0.0 && menu.class_list().contains("outside") {
        let lift = hidden.min(top - MENU_MARGIN).max(0.0);
        let at = f64::from(menu.offset_top()) - lift;
        menu.style().set_property("top", &format!("{at:.0}px")).ok();
        menu.style()
            .set_property("max-height", &format!("{:.0}px", room + lift))
            .ok();
    }
}

/// Room left between the menu and the window's bottom edge, in pixels.
const MENU_MARGIN: f64 = 8.0;

/// On a phone the menu is a sheet along the bottom of the screen: scroll
/// the page so the picture sits above it, where that is possible without
/// pushing the picture's top off the screen.
fn keep_picture_above(menu: &web_sys::Element) {
    if computed_style(menu, "position").as_deref() != Some("fixed") {
        return;
    }
    let Some(picture) = menu.closest(".canvas-wrap").ok().flatten() else {
        return;
    };
    let (sheet, picture) = (menu.get_bounding_client_rect(), picture.get_bounding_client_rect());
    let by = (picture.bottom() - sheet.top()).min(picture.top());
    if by > 0.0 {
        if let Some(window) = web_sys::window() {
            window.scroll_by_with_x_and_y(0.0, by);
        }
    }
}

/// Where a node's menu goes beside a wide picture: inside it along one
/// edge, or outside it, to its left, over the lesson list.
#[derive(Clone, Copy, Debug, PartialEq)]
enum MenuSide {
    Left,
    Right,
    Outside,
}

/// Where a node's menu goes and how wide it is, in CSS pixels.
#[derive(Clone, Copy, Debug, PartialEq)]
struct MenuRoom {
    side: MenuSide,
    wide: f64,
}

/// The menu's width where it has room (19rem).
const MENU_WIDE: f64 = 304.0;
/// The narrowest the menu gets to keep off a node (15rem): its facts still
/// read on one line each.
const MENU_NARROWEST: f64 = 240.0;
/// The gap between the menu and the picture's edge, and between the menu
/// and the nodes it keeps off.
const MENU_GAP: f64 = 8.0;
/// The gap between a menu outside the picture and the window's edge.
const MENU_EDGE: f64 = 4.0;

impl MenuRoom {
    /// Inside a `width`-wide picture, on the side with more room beside
    /// every node (its circle and words) in `nodes`, as wide as that room
    /// allows up to [`MENU_WIDE`], so the student still sees every node
    /// and the links between them. Where neither side has
    /// [`MENU_NARROWEST`] free, outside the picture when the `outside`
    /// pixels to its left have room; failing that, beside `keep` (the
    /// menu's own node), covering what it must.
    fn choose(keep: Area, nodes: &[Area], width: f64, outside: f64) -> MenuRoom {
        let left = nodes.iter().map(|a| a.left).fold(keep.left, f64::min);
        let right = nodes.iter().map(|a| a.right).fold(keep.right, f64::max);
        let inside = MenuRoom::beside(left, right, width);
        if inside.wide >= MENU_NARROWEST {
            return inside;
        }
        let beyond = outside - MENU_GAP - MENU_EDGE;
        if beyond >= MENU_NARROWEST {
            return MenuRoom {
                side: MenuSide::Outside,
                wide: beyond.min(MENU_WIDE),
            };
        }
        let own = MenuRoom::beside(keep.left, keep.right, width);
        MenuRoom {
            wide: own.wide.max(MENU_NARROWEST),
            ..own
        }
    }

    /// On the side with more room outside the span from `left` to `right`
    /// of a `width`-wide picture, as wide as that room, up to
    /// [`MENU_WIDE`].
    fn beside(left: f64, right: f64, width: f64) -> MenuRoom {
        let on_left = left - 2.0 * MENU_GAP;
        let on_right = width - right - 2.0 * MENU_GAP;
        MenuRoom {
            side: if on_left > on_right {
                MenuSide::Left
            } else {
                MenuSide::Right
            },
            wide: on_left.max(on_right).min(MENU_WIDE),
        }
    }
}

/// Close the menu, if open, and give focus back to its node's button.
pub fn close_menu(screen: Screen) {
    if let Some(index) = screen.selected.get_untracked() {
        screen.selected.set(None);
        screen.refresh(false);
        focus(&format!(".node-button:nth-child({})", index + 1));
    }
}

#[component]
pub fn NodeMenu(screen: Screen, stage: Stage) -> impl IntoView {
    // Beside a wide picture, the menu keeps off every node and its words
    // (see `MenuRoom::choose`), so the student sees the whole cluster
    // while acting on one node.
    let room = Memo::new(move |_| {
        let index = screen.selected.get()?;
        let canvas = stage.canvas.get_untracked()?;
        let (width, height) = canvas_size(&canvas);
        let outside = canvas.get_bounding_client_rect().left();
        stage.layout.with_value(|planned| {
            let (_, layout) = planned.as_ref()?;
            let radius = layout.radius(width, height);
            let nodes: Vec<Area> = layout
                .positions(width, height)
                .iter()
                .enumerate()
                .map(|(i, at)| {
                    let circle = Area::around(*at, radius);
                    last_label_area(i).map_or(circle, |label| circle.union(&label))
                })
                .collect();
            let keep = *nodes.get(index)?;
            Some(MenuRoom::choose(keep, &nodes, width, outside))
        })
    });
    let menu_ref = NodeRef::<leptos::html::Div>::new();
    Effect::new(move |_| {
        if let (Some(menu), Some(room)) = (menu_ref.get(), room.get()) {
            let menu: &web_sys::HtmlElement = &menu;
            menu.style()
                .set_property("--menu-width", &format!("{:.0}px", room.wide))
                .ok();
        }
    });
    // The clock changes every frame; the buttons only when the status does,
    // so keyboard focus stays where it is.
    let status = Memo::new(move |_| screen.inspected.with(|n| n.as_ref().map(|n| n.status)));
    let act = move |make: fn(NodeId) -> Action, word: &'static str| {
        if let Some(node) = screen.inspected.get_untracked() {
            screen.act(make(node.id), format!("Node {} {word}.", node.name));
            // Done with this node: the menu gets out of the way of the
            // picture (on a phone it covers it), and the button that took
            // the pressed one's place cannot be pressed by a second tap.
            close_menu(screen);
        }
    };
    view! {
        <Show when=move || screen.inspected.with(Option::is_some)>
            <div
                class="node-menu"
                node_ref=menu_ref
                class:on-left=move || room.get().is_some_and(|r| r.side == MenuSide::Left)
                class:outside=move || room.get().is_some_and(|r| r.side == MenuSide::Outside)
                role="dialog"
                aria-label=move || screen.inspected.with(|n| n.as_ref().map(|n| format!("Node {}", n.name)))
            >
                // The title first: which node this is, read before what to
                // do with it (on a phone the menu opens under the picture).
                {move || {
                    screen
                        .inspected
                        .with(|node| {
                            node.as_ref()
                                .map(|node| title(&node.name, &node.role, node.status))
                        })
                        .map(|title| view! { <h3 class="menu-title">{title}</h3> })
                }}
                <div class="menu-actions">
                    {move || {
                        match status.get() {
                            Some(Status::Crashed) => {
                                view! {
                                    {control_button(Control::Restart, move || act(Action::Restart, "restarted"))}
                                }
                                    .into_any()
                            }
                            Some(Status::Paused) => {
                                view! {
                                    {control_button(Control::Crash, move || act(Action::Crash, "crashed"))}
                                    {control_button(Control::Resume, move || act(Action::Resume, "resumed"))}
                                }
                                    .into_any()
                            }
                            _ => {
                                view! {
                                    {control_button(Control::Crash, move || act(Action::Crash, "crashed"))}
                                    {control_button(Control::PauseNode, move || act(Action::Pause, "paused"))}
                                }
                                    .into_any()
                            }
                        }
                    }}
                    <button class="menu-close" data-control=Control::Close.id() on:click=move |_| close_menu(screen)>
                        {Control::Close.label()}
                    </button>
                </div>
                // Step is here too: on a phone the menu covers the bar, and
                // "step until a request shows up" is watched in this list. A
                // lone machine has no wire to talk about.
                <Show when=move || screen.nodes.with(|nodes| nodes.len() > 1)>
                    <div class="menu-wire-head">
                        <h4 class="menu-subtitle">"On the wire"</h4>
                        <button type="button" class="menu-step" on:click=move |_| press(Control::Step)>
                            <span aria-hidden="true" class="control-icon">{bar_icon(Control::Step)}</span>
                            {Control::Step.label()}
                        </button>
                    </div>
                    <Show
                        when=move || screen.wire.with(|w| !w.is_empty())
                        fallback=|| view! { <p class="menu-none">"Nothing right now."</p> }
                    >
                        <ul class="menu-wire">
                            <For
                                each=move || screen.wire.get()
                                key=|m| m.id
                                children=move |message| {
                                    let names: Vec<String> =
                                        screen.nodes.with_untracked(|n| n.iter().map(|n| n.name.clone()).collect());
                                    let name = |id: NodeId| names.get(id.index()).cloned().unwrap_or_default();
                                    let what = format!("{} {}→{}", message.kind.noun, name(message.from), name(message.to));
                                    let said = format!("You dropped the {what}.");
                                    let id = message.id;
                                    view! {
                                        <li class="wire-message">
                                            <span>{what}</span>
                                            <button
                                                class="drop-message"
                                                data-control=Control::Drop.id()
                                                on:click=move |_| {
                                                    screen.act(Action::DropMessage(id), said.clone());
                                                    close_menu(screen);
                                                }
                                            >
                                                {Control::Drop.label()}
                                            </button>
                                        </li>
                                    }
                                }
                            />
                        </ul>
                    </Show>
                </Show>
                {move || {
                    screen
                        .inspected
                        .get()
                        .map(|node| {
                            let names: Vec<String> =
                                screen.nodes.with_untracked(|n| n.iter().map(|n| n.name.clone()).collect());
                            let crashed = node.status == Status::Crashed;
                            let facts: Vec<_> = node
                                .details
                                .into_iter()
                                .filter(|fact| fact.kept || !crashed)
                                .collect();
                            let kept_nothing = facts.is_empty();
                            let details = facts
                                .into_iter()
                                .map(|fact| view! {
                                    <dt>{fact.what}</dt>
                                    <dd>{value_words(&fact.value, &names)}</dd>
                                })
                                .collect_view();
                            // A crash wipes what a node held in memory; what
                            // is left is what it kept on disk, and nothing
                            // about it is live until it restarts.
                            if crashed {
                                return view! {
                                    <h4 class="menu-subtitle">"Kept through the crash"</h4>
                                    {kept_nothing
                                        .then(|| view! {
                                            <p class="menu-none">"Nothing: a crash wipes what it held in memory."</p>
                                        })}
                                    <dl class="menu-facts">{details}</dl>
                                }
                                    .into_any();
                            }
                            view! {
                                <dl class="menu-facts">
                                    <dt>"its clock"</dt>
                                    <dd>{clock_label(node.local_time)}</dd>
                                    {stage
                                        .lamport_shown
                                        .get_value()
                                        .then(|| view! {
                                            <dt>"Lamport clock"</dt>
                                            <dd>{node.lamport}</dd>
                                        })}
                                    <dt>"waiting in its queue"</dt>
                                    <dd>{node.queue}</dd>
                                    {details}
                                </dl>
                            }
                                .into_any()
                        })
                }}
            </div>
        </Show>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spanning(left: f64, right: f64) -> Area {
        Area {
            left,
            top: 100.0,
            right,
            bottom: 200.0,
        }
    }

    #[test]
    fn a_menu_goes_where_no_node_is_covered_and_narrows_to_keep_off_them() {
        let roomy = MenuRoom::choose(spanning(600.0, 660.0), &[spanning(500.0, 560.0)], 1100.0, 256.0);
        assert_eq!(
            roomy,
            MenuRoom {
                side: MenuSide::Left,
                wide: MENU_WIDE
            }
        );
        let lone = MenuRoom::choose(spanning(273.0, 453.0), &[], 730.0, 256.0);
        assert_eq!(lone.side, MenuSide::Right);
        assert!(
            lone.wide < MENU_WIDE && 730.0 - MENU_GAP - lone.wide >= 453.0,
            "{lone:?} covers the node's words"
        );
    }

    #[test]
    fn a_menu_with_no_free_side_in_the_picture_leaves_it_when_the_window_has_room() {
        let client = spanning(120.0, 250.0);
        let server = spanning(470.0, 570.0);
        let outside = MenuRoom::choose(server, &[client, server], 730.0, 256.0);
        assert_eq!(outside.side, MenuSide::Outside);
        assert!(outside.wide >= MENU_NARROWEST && outside.wide + MENU_GAP + MENU_EDGE <= 256.0);
        let no_window_room = MenuRoom::choose(server, &[client, server], 730.0, 16.0);
        assert_eq!(
            no_window_room,
            MenuRoom {
                side: MenuSide::Left,
                wide: MENU_WIDE
            },
            "with nowhere free, it keeps off its own node"
        );
        let crowded = MenuRoom::choose(spanning(200.0, 530.0), &[], 730.0, 16.0);
        assert_eq!(crowded.wide, MENU_NARROWEST, "never narrower than its facts need");
    }
}
