//! The chart of a sweep over seeds: bars of runs by the checker's verdict,
//! by requests lost, and, in a cluster with elections, by the most leaders
//! one term had. Each panel counts runs on its y axis.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::{axes, heading, plot, DrawError, Entry, Look, Swatch};
use crate::ui::sweep::tally::Tally;

/// One category's bar: its name (in the legend, with its count), its
/// height in runs, its colour.
struct Bar {
    label: &'static str,
    runs: usize,
    colour: RGBColor,
}

/// Draw the sweep's panels filling `root`.
pub fn seed_sweep<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    tally: &Tally,
    look: &Look,
) -> Result<(), DrawError<DB>> {
    root.fill(&look.surface)?;
    let v = &tally.verdicts;
    let verdicts: Vec<Bar> = [
        ("linearizable", v.linearizable, look.green),
        ("stale read", v.stale_reads, look.vermillion),
        ("other violation", v.other_violations, look.orange),
        ("undecided", v.undecided, look.muted),
        ("nothing to check", v.no_operations, look.grid),
    ]
    .into_iter()
    .filter(|&(label, runs, _)| runs > 0 || matches!(label, "linearizable" | "stale read" | "undecided"))
    .map(|(label, runs, colour)| Bar { label, runs, colour })
    .collect();
    let panels = 2 + usize::from(tally.leaders.is_some());
    let areas = root.split_evenly((panels, 1));
    if let Some(area) = areas.first() {
        categories(area, look, "Checker's verdict", &verdicts, tally.runs)?;
    }
    if let Some(area) = areas.get(1) {
        lost(area, look, tally)?;
    }
    if let (Some(area), Some(counts)) = (areas.get(2), tally.leaders) {
        let leaders: Vec<Bar> = ["no leader", "one", "two or more"]
            .into_iter()
            .zip(counts)
            .zip([look.muted, look.green, look.vermillion])
            .map(|((label, runs), colour)| Bar { label, runs, colour })
            .collect();
        categories(area, look, "Most leaders in one term", &leaders, tally.runs)?;
    }
    root.present()
}

/// Bars of runs per category, named with their counts in the legend
/// above (names would not fit under narrow bars).
fn categories<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    look: &Look,
    title: &str,
    bars: &[Bar],
    of: usize,
) -> Result<(), DrawError<DB>> {
    let entries: Vec<Entry> = bars
        .iter()
        .map(|bar| Entry::new(Swatch::Block(bar.colour), format!("{} {}", bar.label, bar.runs)))
        .collect();
    let area = heading(area, look, title, None, &entries)?;
    let count = bars.len().max(1) as f64;
    let mut chart = plot(&area, look, -0.5..count - 0.5, 0.0..top(of))?;
    axes(&mut chart, look, "", "runs")
        .x_labels(0)
        .y_label_formatter(&|y| format!("{y:.0}"))
        .disable_x_mesh()
        .draw()?;
    chart.draw_series(bars.iter().enumerate().map(|(i, bar)| {
        let x = i as f64;
        Rectangle::new([(x - 0.35, 0.0), (x + 0.35, bar.runs as f64)], bar.colour.filled())
    }))?;
    Ok(())
}

/// A histogram of runs by requests lost.
fn lost<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, look: &Look, tally: &Tally) -> Result<(), DrawError<DB>> {
    let width = tally.lost.width as f64;
    let end = (tally.lost.runs.len() as f64 * width).max(10.0);
    let area = heading(area, look, "Requests lost per run", None, &[])?;
    let mut chart = plot(&area, look, 0.0..end, 0.0..top(tally.runs))?;
    axes(&mut chart, look, "requests failed or timed out", "runs")
        .x_label_formatter(&|x| format!("{x:.0}"))
        .y_label_formatter(&|y| format!("{y:.0}"))
        .disable_x_mesh()
        .draw()?;
    chart.draw_series(tally.lost.runs.iter().enumerate().map(|(i, &runs)| {
        let from = i as f64 * width;
        Rectangle::new([(from, 0.0), (from + width * 0.9, runs as f64)], look.blue.filled())
    }))?;
    Ok(())
}

/// The top of a y axis counting up to `of` runs.
fn top(of: usize) -> f64 {
    of.max(1) as f64 * 1.1
}
