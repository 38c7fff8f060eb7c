//! One-way delay against distance: the floor the speed of light sets, in a
//! vacuum and in fibre, and the delays the run's own messages took.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::{axes, heading, headroom, plot, DrawError, Entry, Look, Swatch};
use crate::lessons::facts;
use crate::sim::Run;
use crate::ui::charts::data::{self, thousands, MAX_KM};

pub fn latency_by_distance<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    run: &dyn Run,
    look: &Look,
) -> Result<(), DrawError<DB>> {
    let (vacuum, fibre) = data::light_floors();
    let measured = data::measured_delays(run);
    let highest = fibre
        .iter()
        .map(|p| p.1)
        .chain(measured.iter().map(|m| m.one_way_ms))
        .fold(0.0, f64::max);
    let sydney_km = facts::NEW_YORK_TO_SYDNEY_KM;
    let sydney_ms = facts::light_ms_in_vacuum(sydney_km);
    let in_vacuum = look.line(look.blue, 2.0);
    let in_fibre = look.line(look.orange, 2.0);
    let marker = look.line(look.muted, 1.0);
    let dot = look.green;
    let entries = [
        Entry::new(Swatch::Line(in_vacuum), "light in a vacuum"),
        Entry::new(Swatch::Line(in_fibre), "light in fibre"),
        Entry::new(Swatch::Dot(dot), "measured in this run"),
        Entry::new(
            Swatch::Dashed(marker),
            format!("New York–Sydney: {sydney_ms:.0} ms in a vacuum"),
        ),
    ];
    let area = heading(root, look, "Distance sets a floor on delay", None, &entries)?;
    let mut chart = plot(&area, look, 0.0..MAX_KM, 0.0..headroom(highest))?;
    axes(&mut chart, look, "distance (km)", "delay (ms)")
        .x_labels(3)
        .x_label_formatter(&|km| thousands(*km))
        .y_label_formatter(&|ms| format!("{ms:.0}"))
        .draw()?;
    chart.draw_series(DashedLineSeries::new(
        [(sydney_km, 0.0), (sydney_km, sydney_ms)],
        look.px(4.0),
        look.px(4.0),
        marker,
    ))?;
    chart.draw_series(LineSeries::new(vacuum, in_vacuum))?;
    chart.draw_series(LineSeries::new(fibre, in_fibre))?;
    let radius = look.px(4.0);
    chart.draw_series(
        measured
            .iter()
            .map(|m| Circle::new((m.km, m.one_way_ms), radius, dot.filled())),
    )?;
    Ok(())
}
