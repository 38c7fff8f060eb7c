//! One-way delay against distance: the floor the speed of light sets, in a
//! vacuum and in fibre, and the delays measured in the geography cluster.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::{axes, headroom, legend, legend_line, plot, DrawError, Look};
use crate::lessons::facts;
use crate::ui::charts::data::{self, thousands, MAX_KM};
use crate::ui::charts::experiments;

pub fn latency_by_distance<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    look: &Look,
) -> Result<(), DrawError<DB>> {
    let (vacuum, fibre) = data::light_floors();
    let measured = experiments::measured_delays();
    let highest = fibre
        .iter()
        .map(|p| p.1)
        .chain(measured.iter().map(|m| m.one_way_ms))
        .fold(0.0, f64::max);
    let mut chart = plot(
        root,
        look,
        "Distance sets a floor on delay",
        0.0..MAX_KM,
        0.0..headroom(highest),
    )?;
    axes(&mut chart, look, "distance (km)", "one-way delay (ms)")
        .x_labels(5)
        .x_label_formatter(&|km| thousands(*km))
        .y_label_formatter(&|ms| format!("{ms:.0}"))
        .draw()?;

    let sydney_km = facts::NEW_YORK_TO_SYDNEY_KM;
    let sydney_ms = facts::light_ms_in_vacuum(sydney_km);
    let marker = look.line(look.muted, 1.0);
    chart.draw_series(DashedLineSeries::new(
        [(sydney_km, 0.0), (sydney_km, sydney_ms)],
        look.px(4.0),
        look.px(4.0),
        marker,
    ))?;
    let note = look.text_in(11.0, look.muted).pos(Pos::new(HPos::Right, VPos::Bottom));
    let label = format!("New York–Sydney: {sydney_ms:.0} ms ");
    chart.draw_series([Text::new(label, (sydney_km, sydney_ms * 1.08), note)])?;

    let in_vacuum = look.line(look.blue, 2.0);
    chart
        .draw_series(LineSeries::new(vacuum, in_vacuum))?
        .label("light in a vacuum")
        .legend(legend_line(look, in_vacuum));
    let in_fibre = look.line(look.orange, 2.0);
    chart
        .draw_series(LineSeries::new(fibre, in_fibre))?
        .label("light in fibre")
        .legend(legend_line(look, in_fibre));
    let dot = look.green.filled();
    let radius = look.px(4.0);
    chart
        .draw_series(measured.iter().map(|m| Circle::new((m.km, m.one_way_ms), radius, dot)))?
        .label("measured in the geography run")
        .legend(move |(x, y)| Circle::new((x + radius as i32, y), radius, dot));
    legend(&mut chart, look, SeriesLabelPosition::LowerRight)
}
