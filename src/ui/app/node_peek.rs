//! A glance at a node: hovering it on the canvas, or focusing its button,
//! shows its role, state, local clock, queue and what its protocol holds,
//! kept current as the run moves. Pressing it opens the full menu.

use leptos::prelude::*;

use super::frame::Stage;
use crate::sim::{NodeView, Status};
use crate::ui::fact_words::value_words;
use crate::ui::node_state::title;
use crate::ui::painter::clock_label;
use crate::ui::screen::Screen;

/// Details shown at a glance; the menu lists them all.
const GLANCE_DETAILS: usize = 4;

/// The lines shown for `node`: a title, then "what: value" lines.
pub fn glance(node: &NodeView, names: &[String]) -> (String, Vec<String>) {
    let crashed = node.status == Status::Crashed;
    // A crashed node runs nothing: no clock to read, no inbox, and only what
    // it kept on disk.
    let mut lines = if crashed {
        Vec::new()
    } else {
        vec![
            format!("local clock: {}", clock_label(node.local_time)),
            format!("inbox: {} waiting", node.queue),
        ]
    };
    lines.extend(
        node.details
            .iter()
            .filter(|fact| fact.kept || !crashed)
            .take(GLANCE_DETAILS)
            .map(|fact| format!("{}: {}", fact.what, value_words(&fact.value, names))),
    );
    (title(&node.name, &node.role, node.status), lines)
}

#[component]
pub fn NodePeek(screen: Screen, stage: Stage) -> impl IntoView {
    let shown = Memo::new(move |_| {
        screen.now.track();
        screen.nodes.track();
        let index = stage.peeked.get()?;
        if screen.selected.get().is_some() {
            return None;
        }
        screen
            .run
            .try_with_value(|r| {
                let snapshot = r.snapshot();
                let names: Vec<String> = snapshot.nodes.iter().map(|n| n.name.clone()).collect();
                snapshot.nodes.get(index).map(|node| glance(node, &names))
            })
            .flatten()
    });
    let place = move || match stage.hover.get() {
        Some(at) => format!("left: {:.0}px; top: {:.0}px;", at.x + 14.0, at.y + 14.0),
        // In the corner (placed by the styles: under the picture on a phone).
        None => String::new(),
    };
    move || {
        shown.get().map(|(title, lines)| {
            view! {
                <div class="message-inspector node-peek" role="tooltip" class:in-corner=move || stage.hover.get().is_none() style=place>
                    <p class="inspector-title">{title}</p>
                    {lines.into_iter().map(|line| view! { <p class="inspector-times">{line}</p> }).collect_view()}
                </div>
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::protocols::election;
    use crate::sim::{seconds, Action, Run, Timeline, World};

    #[test]
    fn a_glance_names_the_role_the_state_and_the_local_clock() {
        let (network, setups) = election::cluster(3);
        let mut run = Timeline::new(World::new(7, &network, setups), Vec::new());
        run.advance_to(seconds(1));
        let snapshot = Run::snapshot(&run);
        let names: Vec<String> = snapshot.nodes.iter().map(|n| n.name.clone()).collect();
        let (title, lines) = glance(&snapshot.nodes[0], &names);
        assert!(
            title.starts_with(&format!("{} — {}, up", names[0], snapshot.nodes[0].role.name)),
            "{title}"
        );
        assert!(lines[0].starts_with("local clock: "), "{lines:?}");
        assert!(lines.iter().any(|l| l.starts_with("inbox: ")), "{lines:?}");
        assert!(lines.len() > 2, "what the protocol holds is there too: {lines:?}");
    }

    #[test]
    fn a_crashed_node_s_glance_keeps_only_what_it_keeps_on_disk() {
        let (network, setups) = election::cluster(3);
        let mut world = World::new(7, &network, setups);
        world.run_until(seconds(1));
        let before = world.snapshot();
        let names: Vec<String> = before.nodes.iter().map(|n| n.name.clone()).collect();
        let follower = before
            .nodes
            .iter()
            .find(|node| glance(node, &names).1.iter().any(|l| l.starts_with("leader: ")))
            .map(|node| node.id)
            .expect("a follower that knows its leader after a second");
        world.apply(&Action::Crash(follower)).expect("a running node can crash");
        world.run_until(seconds(2));
        let snapshot = world.snapshot();
        let crashed = snapshot
            .nodes
            .iter()
            .find(|n| n.id == follower)
            .expect("the crashed node");
        let (_, lines) = glance(crashed, &names);
        assert!(
            lines.iter().any(|l| l.starts_with("term: ")),
            "its term is on disk: {lines:?}"
        );
        assert!(
            !lines.iter().any(|l| l.starts_with("leader: ")),
            "whom it followed was in memory: {lines:?}"
        );
        assert!(
            !lines.iter().any(|l| l.starts_with("local clock: ")),
            "a crashed node reads no clock: {lines:?}"
        );
    }
}
