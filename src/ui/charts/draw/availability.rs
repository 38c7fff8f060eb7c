//! The availability charts: the live run's share of answered requests over
//! time beside what each number of "nines" allows in downtime a year, and
//! what clients got during a partition under each choice a replica can make.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::{axes, headroom, legend, legend_line, nothing_yet, plot, DrawError, Look};
use crate::sim::Metrics;
use crate::ui::charts::data::{self, Nines};
use crate::ui::charts::experiments::{self, PARTITION_FROM_S, PARTITION_UNTIL_S};

/// Top: the live run's availability per second. Bottom: downtime a year
/// for two to five nines and for the run's own availability so far.
pub fn availability<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    live: &Metrics,
    look: &Look,
) -> Result<(), DrawError<DB>> {
    let (top, bottom) = root.split_vertically(root.relative_to_height(0.5));
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
    let mut chart = plot(area, look, "This run: share of requests answered", 0.0..end, 0.0..105.0)?;
    axes(&mut chart, look, "seconds since the start", "answered (%)")
        .y_label_formatter(&|y| format!("{y:.0}%"))
        .draw()?;
    if points.is_empty() {
        nothing_yet(&mut chart, look, (end / 2.0, 50.0))?;
    }
    let style = look.line(look.blue, 2.0);
    chart
        .draw_series(LineSeries::new(points, style))?
        .label("answered, each second")
        .legend(legend_line(look, style));
    legend(&mut chart, look, SeriesLabelPosition::LowerLeft)
}

/// Hours down a year on a logarithmic axis: each nine is ten times less.
fn downtime<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    live: &Metrics,
    look: &Look,
) -> Result<(), DrawError<DB>> {
    let mut rows = data::nines();
    let run = data::overall_availability(live).map(Nines::new);
    rows.extend(run.clone());
    let floor = 0.01;
    let mut chart = ChartBuilder::on(area)
        .caption("What the nines allow: downtime a year", look.text(14.0))
        .margin(look.px(8.0))
        .x_label_area_size(look.px(36.0))
        .y_label_area_size(look.px(48.0))
        .build_cartesian_2d(0.0..rows.len() as f64, (floor..20_000.0).log_scale())?;
    let names: Vec<String> = rows.iter().map(|row| row.label.clone()).collect();
    let name = |x: &f64| {
        let slot = x.floor();
        let centred = (x - slot - 0.5).abs() < 0.01;
        let label = names.get(slot as usize).filter(|_| centred && slot >= 0.0);
        label.cloned().unwrap_or_default()
    };
    chart
        .configure_mesh()
        .x_desc("availability")
        .y_desc("hours down a year")
        .axis_desc_style(look.text(12.0))
        .label_style(look.text_in(11.0, look.muted))
        .axis_style(look.muted)
        .bold_line_style(look.grid)
        .light_line_style(TRANSPARENT)
        .disable_x_mesh()
        .x_labels(rows.len() * 2 + 1)
        .x_label_formatter(&name)
        .y_label_formatter(&|h| format!("{h}"))
        .draw()?;
    let above = look.text(11.0).pos(Pos::new(HPos::Center, VPos::Bottom));
    for (i, row) in rows.iter().enumerate() {
        let is_run = run.is_some() && i + 1 == rows.len();
        let colour = if is_run { look.orange } else { look.blue };
        let hours = row.downtime_hours_per_year.max(floor);
        let left = i as f64 + 0.2;
        chart.draw_series([Rectangle::new([(left, floor), (left + 0.6, hours)], colour.filled())])?;
        let label = if row.downtime_hours_per_year > 0.0 {
            data::downtime_label(row.downtime_hours_per_year)
        } else {
            "none yet".to_string()
        };
        chart.draw_series([Text::new(label, (i as f64 + 0.5, hours * 1.3), above.clone())])?;
    }
    let swatch = |colour: RGBColor| {
        let half = look.px(5.0) as i32;
        move |(x, y): (i32, i32)| Rectangle::new([(x, y - half), (x + 2 * half, y + half)], colour.filled())
    };
    chart
        .draw_series(std::iter::empty::<Rectangle<(f64, f64)>>())?
        .label("a given number of nines")
        .legend(swatch(look.blue));
    if run.is_some() {
        chart
            .draw_series(std::iter::empty::<Rectangle<(f64, f64)>>())?
            .label("this run so far")
            .legend(swatch(look.orange));
    }
    chart
        .configure_series_labels()
        .position(SeriesLabelPosition::UpperRight)
        .margin(look.px(6.0))
        .label_font(look.text(11.0))
        .background_style(look.surface.mix(0.9))
        .border_style(look.grid)
        .draw()
}

/// Answered, refused and stale requests while the replicas were split, for
/// each choice, from the preset runs.
pub fn partition_choice<DB: DrawingBackend>(root: &DrawingArea<DB, Shift>, look: &Look) -> Result<(), DrawError<DB>> {
    let outcomes = experiments::partition_outcomes();
    let highest = outcomes.iter().map(|o| o.served.max(o.refused)).max().unwrap_or(0) as f64;
    let caption = format!(
        "During a {} s partition",
        PARTITION_UNTIL_S.saturating_sub(PARTITION_FROM_S)
    );
    let groups = outcomes.len() as f64;
    let mut chart = plot(root, look, &caption, 0.0..groups, 0.0..headroom(highest))?;
    let name = |x: &f64| {
        let slot = x.floor();
        let centred = (x - slot - 0.5).abs() < 0.01;
        let outcome = outcomes.get(slot as usize).filter(|_| centred && slot >= 0.0);
        outcome
            .map(|o| data::choice_name(o.choice).to_string())
            .unwrap_or_default()
    };
    axes(&mut chart, look, "what a cut-off replica does", "requests")
        .disable_x_mesh()
        .x_labels(outcomes.len() * 2 + 1)
        .x_label_formatter(&name)
        .y_label_formatter(&|y| format!("{y:.0}"))
        .draw()?;
    let kinds = [
        ("answered", look.green),
        ("refused or timed out", look.vermillion),
        ("answered with stale data", look.orange),
    ];
    let above = look.text(11.0).pos(Pos::new(HPos::Center, VPos::Bottom));
    for (k, &(label, colour)) in kinds.iter().enumerate() {
        let bars: Vec<(f64, u64)> = outcomes
            .iter()
            .enumerate()
            .map(|(g, o)| (g as f64 + 0.1 + 0.27 * k as f64, [o.served, o.refused, o.stale][k]))
            .collect();
        let half = look.px(5.0) as i32;
        chart
            .draw_series(
                bars.iter()
                    .map(|&(left, n)| Rectangle::new([(left, 0.0), (left + 0.26, n as f64)], colour.filled())),
            )?
            .label(label)
            .legend(move |(x, y)| Rectangle::new([(x, y - half), (x + 2 * half, y + half)], colour.filled()));
        chart.draw_series(
            bars.iter()
                .map(|&(left, n)| Text::new(n.to_string(), (left + 0.13, n as f64), above.clone())),
        )?;
    }
    legend(&mut chart, look, SeriesLabelPosition::UpperRight)
}
