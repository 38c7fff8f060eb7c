//! The availability charts: the live run's share of answered requests over
//! time beside what each number of "nines" allows in downtime a year, and
//! what clients got after the network split, in this run and in the same
//! store and split set to refuse when cut off.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::{axes, centred_note, heading, plot, text_width, DrawError, Entry, Look, Swatch, NOTHING_YET, TEXT_PX};
use crate::lessons::experiments::{self, SplitOutcome};
use crate::sim::{Metrics, Run};
use crate::ui::charts::data::{self, Nines};

/// Top: the live run's availability per second. Bottom: downtime a year
/// for two to five nines and for the run's own availability so far.
pub fn availability<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    live: &Metrics,
    look: &Look,
) -> Result<(), DrawError<DB>> {
    let (top, bottom) = root.split_vertically(root.relative_to_height(0.48));
    over_time(&top, live, look)?;
    downtime(&bottom, live, look)
}

fn over_time<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    live: &Metrics,
    look: &Look,
) -> Result<(), DrawError<DB>> {
    let points = data::availability_percent(live);
    let end = points.last().map_or(1.0, |p| p.0 + 0.5).max(1.0);
    let style = look.line(look.blue, 2.0);
    let entries = [Entry::new(Swatch::Line(style), "answered, each second")];
    let area = heading(area, look, "This run: requests answered", None, &entries)?;
    let mut chart = plot(&area, look, 0.0..end, 0.0..105.0)?;
    axes(&mut chart, look, "seconds since the start", "answered (%)")
        .y_label_formatter(&|y| format!("{y:.0}%"))
        .draw()?;
    if points.is_empty() {
        centred_note(&mut chart, look, NOTHING_YET, (end / 2.0, 50.0))?;
    }
    chart.draw_series(LineSeries::new(points, style))?;
    Ok(())
}

/// Hours down a year as bars on a logarithmic axis (each nine is ten times
/// less), one row per availability, with the downtime written above its
/// bar.
fn downtime<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    live: &Metrics,
    look: &Look,
) -> Result<(), DrawError<DB>> {
    let mut rows = data::nines();
    let run = data::overall_availability(live).map(Nines::new);
    let mut entries = vec![Entry::new(Swatch::Block(look.blue), "a given number of nines")];
    if let Some(run) = &run {
        rows.push(Nines {
            label: "this run".to_string(),
            ..run.clone()
        });
        entries.push(Entry::new(Swatch::Block(look.orange), "this run so far"));
    }
    let area = heading(area, look, "Downtime a year, by nines", None, &entries)?;
    let floor = 0.01;
    let count = rows.len();
    let mut chart = ChartBuilder::on(&area)
        .margin(look.px(6.0))
        .margin_right(look.px(16.0))
        .x_label_area_size(look.px(46.0))
        .y_label_area_size(look.px(64.0))
        .build_cartesian_2d((floor..20_000.0).log_scale(), 0.0..count as f64)?;
    // Row `i` (the first at the top) spans [count - 1 - i, count - i).
    let bottom_of = |i: usize| (count - 1 - i) as f64;
    let names: Vec<String> = rows.iter().map(|row| row.label.clone()).collect();
    let name = |y: &f64| {
        let slot = y.floor();
        let centred = (y - slot - 0.5).abs() < 0.01;
        let row = count.checked_sub(1 + slot as usize).filter(|_| centred && slot >= 0.0);
        row.and_then(|i| names.get(i)).cloned().unwrap_or_default()
    };
    chart
        .configure_mesh()
        .x_desc("hours down a year")
        .axis_desc_style(look.text(TEXT_PX))
        .label_style(look.text_in(TEXT_PX, look.muted))
        .axis_style(look.muted)
        .bold_line_style(look.grid)
        .light_line_style(TRANSPARENT)
        .disable_y_mesh()
        .y_labels(count * 2 + 1)
        .y_label_formatter(&name)
        .x_labels(4)
        .x_label_formatter(&|h| format!("{h}"))
        .draw()?;
    let above = look.text(TEXT_PX).pos(Pos::new(HPos::Left, VPos::Bottom));
    for (i, row) in rows.iter().enumerate() {
        let is_run = run.is_some() && i + 1 == count;
        let colour = if is_run { look.orange } else { look.blue };
        let hours = row.downtime_hours_per_year.max(floor);
        let bottom = bottom_of(i);
        chart.draw_series([Rectangle::new(
            [(floor, bottom + 0.12), (hours, bottom + 0.45)],
            colour.filled(),
        )])?;
        let label = if row.downtime_hours_per_year > 0.0 {
            data::downtime_label(row.downtime_hours_per_year)
        } else {
            "none yet".to_string()
        };
        let indent = look.px(4.0) as i32;
        chart.draw_series([EmptyElement::at((floor, bottom + 0.55)) + Text::new(label, (indent, 0), above.clone())])?;
    }
    Ok(())
}

/// Answered, refused and stale requests after the network split: in the
/// lesson's store set to refuse when cut off (a preset run), and in this
/// run since its own split.
pub fn partition_choice<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    run: &dyn Run,
    look: &Look,
) -> Result<(), DrawError<DB>> {
    let groups: [(&str, Option<SplitOutcome>); 2] = [
        ("set to refuse", experiments::refusing_store().copied()),
        ("this run", data::since_the_split(run)),
    ];
    let highest = groups
        .iter()
        .filter_map(|(_, o)| o.map(|o| o.served.max(o.refused).max(o.stale)))
        .max()
        .unwrap_or(0) as f64;
    let kinds = [
        ("answered", look.green),
        ("refused or timed out", look.vermillion),
        ("answered with stale data", look.orange),
    ];
    let entries: Vec<Entry> = kinds
        .iter()
        .map(|&(label, colour)| Entry::new(Swatch::Block(colour), label))
        .collect();
    let area = heading(root, look, "After the network split", None, &entries)?;
    let top = (highest * 1.3).max(10.0);
    let mut chart = plot(&area, look, 0.0..groups.len() as f64, 0.0..top)?;
    let name = |x: &f64| {
        let slot = x.floor();
        let centred = (x - slot - 0.5).abs() < 0.01;
        let group = groups.get(slot as usize).filter(|_| centred && slot >= 0.0);
        group.map(|(name, _)| name.to_string()).unwrap_or_default()
    };
    axes(&mut chart, look, "", "requests")
        .disable_x_mesh()
        .x_labels(groups.len() * 2 + 1)
        .x_label_formatter(&name)
        .y_label_formatter(&|y| format!("{y:.0}"))
        .draw()?;
    let above = look.text(TEXT_PX).pos(Pos::new(HPos::Center, VPos::Bottom));
    let bar = 0.28;
    for (g, (_, outcome)) in groups.iter().enumerate() {
        let Some(outcome) = outcome else {
            centred_note(&mut chart, look, "not split yet", (g as f64 + 0.5, top / 2.0))?;
            continue;
        };
        for (k, &(_, colour)) in kinds.iter().enumerate() {
            let n = [outcome.served, outcome.refused, outcome.stale][k];
            let left = g as f64 + 0.08 + bar * k as f64;
            chart.draw_series([Rectangle::new(
                [(left, 0.0), (left + bar - 0.02, n as f64)],
                colour.filled(),
            )])?;
            // The count goes above its bar when it fits the bar's width.
            let (x0, _) = chart.backend_coord(&(left, 0.0));
            let (x1, _) = chart.backend_coord(&(left + bar - 0.02, 0.0));
            let text = n.to_string();
            if text_width(look, TEXT_PX, &text) <= x1 - x0 {
                let at = (left + (bar - 0.02) / 2.0, n as f64);
                let lift = -(look.px(3.0) as i32);
                chart.draw_series([EmptyElement::at(at) + Text::new(text, (0, lift), above.clone())])?;
            }
        }
    }
    Ok(())
}
