//! The history view as a model, built from the run's history, the
//! checker's verdict and the faults done to the run: one row per client,
//! one bar per operation from its call to its answer (or its time-out, its
//! refusal, or now while it waits), labelled `w(x,3)` / `r(x)→2`; each
//! operation's linearization point when one order explains every answer,
//! or the operation that breaks it; the faults as bands across the rows;
//! and the verdict's sentence as typed parts. Pure and tested natively; the
//! panel only maps it to the page.

mod faults;
mod pointing;
mod words;

use std::collections::BTreeSet;

pub use faults::{bands, Band};
pub use pointing::{messages_between, ops_of_message, step, Step};
pub use words::{label, sentence, spoken, Naming, Said};

use crate::check::{Explanation, Verdict};
use crate::sim::{Failure, Intervention, NodeId, Operation, Outcome, SimTime, ValueMeaning, SECOND};

/// How far back the view may reach to show the operation that breaks the
/// history and the write it should have seen.
const MOST_SPAN: SimTime = 30 * SECOND;

/// How much of the run before the first fault in reach the view shows.
const BEFORE_A_FAULT: SimTime = SECOND / 2;

/// The most bars drawn; older ones are left out first.
const MOST_BARS: usize = 300;

/// How an operation's bar ends.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ending {
    /// The answer came.
    Answered,
    /// No answer yet: the bar runs to now.
    Pending,
    /// The client gave up waiting (an open bar).
    TimedOut,
    /// The store said no (an open bar).
    Refused,
}

/// One operation's bar.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Bar {
    /// The operation's index in the history.
    pub op: usize,
    /// Its client's row.
    pub row: usize,
    pub from: SimTime,
    pub to: SimTime,
    pub ending: Ending,
    /// "w(x,3)", "r(x)→2".
    pub label: String,
    /// The operation and its outcome in a sentence, for its accessible name.
    pub spoken: String,
    /// Where it took effect, in the order that explains every answer.
    pub point: Option<SimTime>,
    /// It is the operation no order can place.
    pub breaks: bool,
    /// It is the write the breaking read should have seen.
    pub missed: bool,
    /// Labels take turns on two lines above their row (0 or 1), so a
    /// label may run past its bar.
    pub lane: u8,
    /// Where the next label on the same line starts (or the window ends):
    /// this label must end before.
    pub room_to: SimTime,
    /// Whether the label fits before then; it is left out if not.
    pub label_fits: bool,
    /// Whether the label ends at its bar's end and runs back from there,
    /// since from the bar's start it would run past the window's end.
    pub label_leftward: bool,
}

/// One client's row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    pub client: NodeId,
    pub name: String,
}

/// Everything the history view shows for the window `start..=end`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct HistoryView {
    pub start: SimTime,
    pub end: SimTime,
    pub rows: Vec<Row>,
    pub bars: Vec<Bar>,
    pub bands: Vec<Band>,
    pub said: Option<Said>,
}

impl HistoryView {
    /// Where `t` falls across the window, from 0 to 1.
    pub fn fraction(&self, t: SimTime) -> f64 {
        let span = self.end.saturating_sub(self.start).max(1) as f64;
        (t.clamp(self.start, self.end) - self.start) as f64 / span
    }
}

/// What the view is built from: the history, the checker's verdict on it,
/// the faults done to the run, and how the page names nodes.
pub struct Seen<'a> {
    pub ops: &'a [Operation],
    pub verdict: &'a Verdict,
    pub faults: &'a [Intervention],
    pub names: &'a [String],
    /// What the values stand for, as the store's protocol says.
    pub values: ValueMeaning,
}

/// The stretch of time the view shows, and how many characters of label
/// fit across it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Window {
    /// The view shows the last `span`...
    pub span: SimTime,
    /// ...up to `now`.
    pub now: SimTime,
    /// Label characters that fit across the whole window.
    pub columns: f64,
}

/// Build the view of the window (reaching further back, within 30 s, to
/// show the faults done to the run, the operation that breaks the history
/// and the write it missed).
pub fn history_view(seen: &Seen<'_>, window: Window) -> HistoryView {
    let Window { span, now, columns } = window;
    let &Seen {
        ops,
        verdict,
        faults,
        names,
        values,
    } = seen;
    let naming = Naming { names, values };
    let clients: BTreeSet<NodeId> = ops.iter().map(|op| op.client).collect();
    let rows: Vec<Row> = clients
        .into_iter()
        .map(|client| Row {
            client,
            name: crate::ui::fact_words::node_name(names, client),
        })
        .collect();
    let (breaks, missed) = match verdict {
        Verdict::Violation(why) => (Some(why.blocked), why.finished_before(ops)),
        _ => (None, None),
    };
    // A fault within reach stays in view with a little of what came
    // before it, so what the run's answers are about is on the same chart.
    let first_fault = bands(faults, names, now.saturating_sub(MOST_SPAN), now)
        .first()
        .map(|band| band.from.saturating_sub(BEFORE_A_FAULT));
    let earliest = [breaks, missed]
        .into_iter()
        .flatten()
        .filter_map(|i| ops.get(i).map(|op| op.invoked))
        .chain(first_fault)
        .min()
        .unwrap_or(now);
    let start = now
        .saturating_sub(span)
        .min(earliest)
        .max(now.saturating_sub(MOST_SPAN));
    let points = match verdict {
        Verdict::Linearizable { order } => points(ops, order, now),
        _ => Vec::new(),
    };
    let mut bars: Vec<Bar> = ops
        .iter()
        .enumerate()
        .filter_map(|(index, op)| {
            let (to, ending) = ends(op, now);
            if to < start || op.invoked > now {
                return None;
            }
            Some(Bar {
                op: index,
                row: rows.iter().position(|r| r.client == op.client)?,
                from: op.invoked,
                to,
                ending,
                label: label(op, naming),
                spoken: spoken(op, naming),
                point: points.iter().find(|(i, _)| *i == index).map(|&(_, t)| t),
                breaks: breaks == Some(index),
                missed: missed == Some(index),
                lane: 0,
                room_to: now,
                label_fits: false,
                label_leftward: false,
            })
        })
        .collect();
    if bars.len() > MOST_BARS {
        let cut = bars.len() - MOST_BARS;
        let mut dropped = 0;
        bars.retain(|bar| {
            let keep = bar.breaks || bar.missed || dropped >= cut;
            if !keep {
                dropped += 1;
            }
            keep
        });
    }
    share_label_lines(&mut bars, now);
    let per_column = now.saturating_sub(start).max(1) as f64 / columns.max(1.0);
    for bar in &mut bars {
        let room = bar.room_to.saturating_sub(bar.from.max(start)) as f64 / per_column;
        bar.label_fits = bar.label.chars().count() as f64 + 1.0 <= room;
    }
    // A label runs from its bar's start, or back from its bar's end where
    // it would otherwise run past the window's end (shown whole, as the
    // marked ones always are and any other while pointed at).
    // Back from the bar's end only where the label then stays after the
    // window's start, clear of the rows' names.
    let label_span = |bar: &Bar| {
        let wide = ((bar.label.chars().count() + 1) as f64 * per_column) as SimTime;
        let from = bar.from.max(start);
        if from + wide > now && bar.to >= start + wide {
            (bar.to - wide, bar.to, true)
        } else {
            (from, from + wide, false)
        }
    };
    for bar in &mut bars {
        bar.label_leftward = label_span(bar).2;
    }
    // The breaking read and the write it missed are always labelled; a
    // label on the same line that theirs would run into is left out.
    let marked: Vec<(usize, u8, SimTime, SimTime)> = bars
        .iter()
        .filter(|bar| bar.breaks || bar.missed)
        .map(|bar| {
            let (from, to, _) = label_span(bar);
            (bar.row, bar.lane, from, to)
        })
        .collect();
    for bar in &mut bars {
        if bar.breaks || bar.missed {
            bar.label_fits = true;
        } else {
            let (own_from, own_to, _) = label_span(bar);
            if marked
                .iter()
                .any(|&(row, lane, from, to)| bar.row == row && bar.lane == lane && own_from < to && own_to > from)
            {
                bar.label_fits = false;
            }
        }
    }
    HistoryView {
        start,
        end: now.max(start + 1),
        rows,
        bars,
        bands: bands(faults, names, start, now),
        said: (!ops.is_empty()).then(|| said(ops, verdict, naming)),
    }
}

/// Put each row's labels on its two lines in turn, and note where the next
/// one on the same line starts.
fn share_label_lines(bars: &mut [Bar], now: SimTime) {
    let mut last: std::collections::BTreeMap<(usize, u8), usize> = std::collections::BTreeMap::new();
    let mut turns: std::collections::BTreeMap<usize, u8> = std::collections::BTreeMap::new();
    for index in 0..bars.len() {
        let turn = turns.entry(bars[index].row).or_default();
        let lane = *turn;
        *turn = 1 - lane;
        bars[index].lane = lane;
        if let Some(before) = last.insert((bars[index].row, lane), index) {
            bars[before].room_to = bars[index].from;
        }
        bars[index].room_to = now;
    }
}

/// Where an operation's bar ends and how.
fn ends(op: &Operation, now: SimTime) -> (SimTime, Ending) {
    match op.outcome {
        Outcome::Returned { completed, .. } => (completed.max(op.invoked), Ending::Answered),
        Outcome::Pending => (now.max(op.invoked), Ending::Pending),
        Outcome::Failed { why, at } => (
            at.max(op.invoked),
            match why {
                Failure::TimedOut => Ending::TimedOut,
                Failure::Refused => Ending::Refused,
            },
        ),
    }
}

/// A moment for each operation in `order` within its bar, in that order:
/// halfway between the earliest its call and the ones before allow, and
/// the latest its end and the ones after allow. (An order that explains
/// every answer never puts an operation after one called once it had
/// finished, so the earliest never passes the latest.)
fn points(ops: &[Operation], order: &[usize], now: SimTime) -> Vec<(usize, SimTime)> {
    let placed: Vec<(usize, SimTime, SimTime)> = order
        .iter()
        .filter_map(|&i| ops.get(i).map(|op| (i, op.invoked, ends(op, now).0)))
        .collect();
    let mut earliest = Vec::with_capacity(placed.len());
    let mut at = 0;
    for &(_, called, _) in &placed {
        at = at.max(called);
        earliest.push(at);
    }
    let mut latest = vec![0; placed.len()];
    let mut at = SimTime::MAX;
    for (slot, &(_, _, ended)) in placed.iter().enumerate().rev() {
        at = at.min(ended);
        latest[slot] = at;
    }
    placed
        .iter()
        .zip(earliest.iter().zip(&latest))
        .map(|(&(i, called, ended), (&low, &high))| {
            let middle = low / 2 + high.max(low) / 2;
            (i, middle.clamp(called, ended.max(called)))
        })
        .collect()
}

/// The verdict as the sentence's typed parts.
fn said(ops: &[Operation], verdict: &Verdict, naming: Naming<'_>) -> Said {
    match verdict {
        Verdict::Linearizable { .. } => Said::Linearizable,
        Verdict::Undecided { steps } => Said::Undecided { steps: *steps },
        Verdict::Violation(why) => violation(ops, why, naming),
    }
}

fn violation(ops: &[Operation], why: &Explanation, naming: Naming<'_>) -> Said {
    let Some(op) = ops.get(why.blocked) else {
        return Said::Unexplained;
    };
    Said::Violation {
        who: crate::ui::fact_words::node_name(naming.names, op.client),
        did: words::did(op.call, Some(why.returned), naming),
        since: why.finished_before(ops).and_then(|i| ops.get(i)).map(|write| {
            (
                crate::ui::fact_words::node_name(naming.names, write.client),
                words::change(write.call, naming),
            )
        }),
    }
}

#[cfg(test)]
mod tests;
