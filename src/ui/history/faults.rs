//! The faults done to a run, as bands across the history's rows: a node
//! crashed or paused until it came back, the network split until it
//! healed, a link cut until it was healed; each with its words. A fault
//! not yet undone runs to now.

use crate::sim::{Action, Intervention, NodeId, SimTime};
use crate::ui::fact_words::node_name;

/// One fault, from when it was done to when it was undone (or now).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Band {
    pub from: SimTime,
    pub to: SimTime,
    /// "R2 crashed", "network split: R2, C1 | R0, R1, C0", "link R0→R1 cut".
    pub words: String,
}

/// What a fault is, so its undoing can find it.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Fault {
    Crashed(NodeId),
    Paused(NodeId),
    Split,
    Cut(NodeId, NodeId),
}

/// The bands of the faults in `log` that overlap `start..=now`, oldest
/// first, clipped to that window.
pub fn bands(log: &[Intervention], names: &[String], start: SimTime, now: SimTime) -> Vec<Band> {
    let name = |node: NodeId| node_name(names, node);
    let mut open: Vec<(Fault, SimTime, String)> = Vec::new();
    let mut closed: Vec<Band> = Vec::new();
    let mut close = |open: &mut Vec<(Fault, SimTime, String)>, done: &dyn Fn(&Fault) -> bool, at: SimTime| {
        open.retain(|(fault, from, words)| {
            if done(fault) {
                closed.push(Band {
                    from: *from,
                    to: at,
                    words: words.clone(),
                });
                false
            } else {
                true
            }
        });
    };
    for intervention in log.iter().filter(|i| i.at <= now) {
        let at = intervention.at;
        match &intervention.action {
            Action::Crash(node) => open.push((Fault::Crashed(*node), at, format!("{} crashed", name(*node)))),
            Action::Pause(node) => open.push((Fault::Paused(*node), at, format!("{} paused", name(*node)))),
            Action::Restart(node) => close(&mut open, &|f| *f == Fault::Crashed(*node), at),
            Action::Resume(node) => close(&mut open, &|f| *f == Fault::Paused(*node), at),
            Action::Partition(groups) => {
                close(&mut open, &|f| *f == Fault::Split, at);
                open.push((Fault::Split, at, split_words(groups, names)));
            }
            Action::CutLink { from, to } => {
                // The other way cut at the same moment: one band, both ways.
                let back = open
                    .iter_mut()
                    .find(|(f, since, _)| *f == Fault::Cut(*to, *from) && *since == at);
                match back {
                    Some((_, _, words)) => *words = format!("link {}↔{} cut", name(*to), name(*from)),
                    None => open.push((
                        Fault::Cut(*from, *to),
                        at,
                        format!("link {}→{} cut", name(*from), name(*to)),
                    )),
                }
            }
            Action::HealLink { from, to } => close(
                &mut open,
                &|f| *f == Fault::Cut(*from, *to) || *f == Fault::Cut(*to, *from),
                at,
            ),
            Action::HealAll => close(&mut open, &|f| matches!(f, Fault::Split | Fault::Cut(..)), at),
            Action::DropMessage(_) | Action::DelayMessage { .. } | Action::SetNetwork(_) => {}
        }
    }
    close(&mut open, &|_| true, now);
    closed.retain(|band| band.to >= start && band.from <= now);
    for band in &mut closed {
        band.from = band.from.max(start);
    }
    closed.sort_by_key(|band| band.from);
    closed
}

/// "network split: R2, C1 | R0, R1, C0": each side, and the nodes in no
/// group as one more side.
fn split_words(groups: &[Vec<NodeId>], names: &[String]) -> String {
    let grouped: Vec<NodeId> = groups.iter().flatten().copied().collect();
    let rest: Vec<NodeId> = (0..names.len() as u32)
        .map(NodeId)
        .filter(|n| !grouped.contains(n))
        .collect();
    let sides: Vec<String> = groups
        .iter()
        .chain(std::iter::once(&rest))
        .filter(|side| !side.is_empty())
        .map(|side| side.iter().map(|&n| node_name(names, n)).collect::<Vec<_>>().join(", "))
        .collect();
    format!("network split: {}", sides.join(" | "))
}
