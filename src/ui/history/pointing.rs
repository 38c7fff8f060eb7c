//! Pointing in the history view: moving between operations with the
//! keyboard, and linking an operation to its messages both ways (the
//! messages its client sent or was handed between its call and its
//! answer).

use super::HistoryView;
use crate::sim::{MessageId, NodeId, SimTime, Trace, TraceKind};

/// How many trace events pointing at an operation may look at.
const SCAN_LIMIT: usize = 50_000;

/// A move from one operation to another with the keyboard.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    /// The one before on the same row.
    Earlier,
    /// The one after on the same row.
    Later,
    /// The nearest in time on the row above.
    Up,
    /// The nearest in time on the row below.
    Down,
    /// The first on the same row.
    First,
    /// The last on the same row.
    Last,
}

/// The operation a `way` move from operation `from` lands on, if any.
pub fn step(view: &HistoryView, from: usize, way: Step) -> Option<usize> {
    let bar = view.bars.iter().find(|b| b.op == from)?;
    let on_row = |row: usize| view.bars.iter().filter(move |b| b.row == row);
    let nearest = |row: Option<usize>| on_row(row?).min_by_key(|b| b.from.abs_diff(bar.from)).map(|b| b.op);
    match way {
        Step::Earlier => on_row(bar.row).rfind(|b| b.op < from).map(|b| b.op),
        Step::Later => on_row(bar.row).find(|b| b.op > from).map(|b| b.op),
        Step::Up => nearest(bar.row.checked_sub(1)),
        Step::Down => nearest(Some(bar.row + 1)),
        Step::First => on_row(bar.row).next().map(|b| b.op),
        Step::Last => on_row(bar.row).next_back().map(|b| b.op),
    }
}

/// The messages `client` sent or was handed from `from` to `to`: those of
/// an operation it called then (the rule the page uses to link an
/// operation to the other pictures).
pub fn messages_between(trace: &Trace, client: NodeId, from: SimTime, to: SimTime) -> Vec<MessageId> {
    let mut found = Vec::new();
    for event in trace.events().rev().take(SCAN_LIMIT) {
        if event.time < from {
            break;
        }
        if event.time > to {
            continue;
        }
        match event.kind {
            TraceKind::Sent {
                message, from: sender, ..
            } if sender == client => found.push(message),
            TraceKind::Delivered {
                message, to: receiver, ..
            } if receiver == client => found.push(message),
            _ => {}
        }
    }
    found.reverse();
    found
}

/// The operations a message belongs to, by the same rule: its sender's
/// under way when it was sent, its receiver's when it was handed over.
pub fn ops_of_message(view: &HistoryView, trace: &Trace, message: MessageId) -> Vec<usize> {
    let mut ends: Vec<(NodeId, SimTime)> = Vec::new();
    let since = view.bars.iter().map(|bar| bar.from).min().unwrap_or(view.start);
    for event in trace.events().rev().take(SCAN_LIMIT) {
        if event.time < since {
            break;
        }
        match event.kind {
            TraceKind::Sent { message: m, from, .. } if m == message => ends.push((from, event.time)),
            TraceKind::Delivered { message: m, to, .. } if m == message => ends.push((to, event.time)),
            _ => {}
        }
    }
    view.bars
        .iter()
        .filter(|bar| {
            ends.iter().any(|&(node, at)| {
                view.rows.get(bar.row).is_some_and(|r| r.client == node) && bar.from <= at && at <= bar.to
            })
        })
        .map(|bar| bar.op)
        .collect()
}
