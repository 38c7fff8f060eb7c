//! The chart of a sweep over seeds: bars of runs by the checker's verdict,
//! by requests lost, and, in a cluster with elections, by the most leaders
//! one term had. Each panel counts runs on its y axis; the verdicts are
//! left out where no run called the store.

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
    let leaders: Option<Vec<Bar>> = tally.leaders.map(|counts| {
        ["no leader", "one", "two or more"]
            .into_iter()
            .zip(counts)
            .zip([look.muted, look.green, look.vermillion])
            .map(|((label, runs), colour)| Bar { label, runs, colour })
            .collect()
    });
    let checked = tally.verdicts.no_operations < tally.runs;
    // Category panels carry a legend of a few rows: they get more height.
    let weights = [(checked, 0.58), (true, 0.42), (leaders.is_some(), 0.5)];
    let total: f64 = weights.iter().filter(|(shown, _)| *shown).map(|(_, w)| w).sum();
    let mut rest = root.clone();
    let mut take = |weight: f64| {
        let (taken, left) = rest.split_vertically(root.relative_to_height(weight / total));
        rest = left;
        taken
    };
    if checked {
        categories(&take(0.58), look, "Checker's verdict", &verdicts, tally.runs)?;
    }
    lost(&take(0.42), look, tally)?;
    if let Some(leaders) = leaders {
        categories(&take(0.5), look, "Most leaders in one term", &leaders, tally.runs)?;
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

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use plotters::prelude::{IntoDrawingArea, SVGBackend};

    use super::*;
    use crate::scenario::sweep::Consistency;
    use crate::ui::sweep::tally::run;

    fn svg(tally: &Tally) -> String {
        let mut text = String::new();
        {
            let root = SVGBackend::with_string(&mut text, (320, 512)).into_drawing_area();
            if let Err(error) = seed_sweep(&root, tally, &Look::light(1.0)) {
                panic!("the sweep chart did not draw: {error}");
            }
        }
        text
    }

    #[test]
    fn the_chart_names_each_verdict_with_its_count() {
        let mut outcomes = vec![run(1, Consistency::Linearizable, 2, None); 63];
        outcomes.extend(vec![run(2, Consistency::Violation { stale_read: true }, 0, None); 37]);
        let drawn = svg(&Tally::of(&outcomes));
        for words in [
            "Checker&apos;s verdict",
            "linearizable 63",
            "stale read 37",
            "Requests lost per run",
        ] {
            assert!(drawn.contains(words), "{words} is missing");
        }
        assert!(!drawn.contains("Most leaders in one term"));
    }

    #[test]
    fn a_cluster_with_elections_gets_a_leaders_panel() {
        let outcomes = vec![run(1, Consistency::NoOperations, 0, Some(1)); 10];
        let drawn = svg(&Tally::of(&outcomes));
        assert!(drawn.contains("Most leaders in one term") && drawn.contains("one 10"));
        assert!(
            !drawn.contains("Checker&apos;s verdict"),
            "no verdicts where nothing was checked"
        );
    }
}
