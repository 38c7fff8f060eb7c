//! The two scaling charts: what adding servers behind a load balancer does
//! to throughput and latency (with the live run's answers per second
//! below), and the illustrative cost of scaling up against scaling out.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::{axes, headroom, legend, legend_line, nothing_yet, plot, DrawError, Look};
use crate::sim::Metrics;
use crate::ui::charts::data::{self, BIGGEST_MACHINE, MAX_CAPACITY};
use crate::ui::charts::experiments::{self, SCALE_MAX_SERVERS};

/// Top: answers per second and median wait against the number of servers,
/// from the preset runs. Bottom: the live run's answers per second.
pub fn scaling_out<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    live: &Metrics,
    look: &Look,
) -> Result<(), DrawError<DB>> {
    let (top, bottom) = root.split_vertically(root.relative_to_height(0.6));
    by_servers(&top, look)?;
    live_served(&bottom, live, look)
}

fn by_servers<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, look: &Look) -> Result<(), DrawError<DB>> {
    let curve = experiments::scaling_curve();
    let offered = experiments::offered_per_s();
    let slowest = curve.iter().filter_map(|p| p.p50_ms).fold(0.0, f64::max);
    let servers = 0.5..f64::from(SCALE_MAX_SERVERS) + 0.5;
    let mut chart = ChartBuilder::on(area)
        .caption("Same clients, more servers", look.text(14.0))
        .margin(look.px(8.0))
        .x_label_area_size(look.px(36.0))
        .y_label_area_size(look.px(48.0))
        .right_y_label_area_size(look.px(48.0))
        .build_cartesian_2d(servers.clone(), 0.0..headroom(offered))?
        .set_secondary_coord(servers, 0.0..headroom(slowest));
    axes(
        &mut chart,
        look,
        "servers behind the load balancer",
        "answers per second",
    )
    .x_labels(SCALE_MAX_SERVERS as usize)
    .x_label_formatter(&|x| format!("{x:.0}"))
    .y_label_formatter(&|y| format!("{y:.0}"))
    .draw()?;
    chart
        .configure_secondary_axes()
        .y_desc("median wait (ms)")
        .axis_desc_style(look.text(12.0))
        .label_style(look.text_in(11.0, look.muted))
        .axis_style(look.muted)
        .y_label_formatter(&|y| format!("{y:.0}"))
        .draw()?;

    let asked = look.line(look.muted, 1.0);
    chart
        .draw_series(DashedLineSeries::new(
            [(0.5, offered), (f64::from(SCALE_MAX_SERVERS) + 0.5, offered)],
            look.px(6.0),
            look.px(4.0),
            asked,
        ))?
        .label(format!("asked: {offered:.0} per second"))
        .legend(legend_line(look, asked));
    let served = look.line(look.blue, 2.0);
    let points = curve.iter().map(|p| (f64::from(p.servers), p.served_per_s));
    chart
        .draw_series(LineSeries::new(points.clone(), served))?
        .label("answered per second")
        .legend(legend_line(look, served));
    chart.draw_series(points.map(|p| Circle::new(p, look.px(3.5), look.blue.filled())))?;
    let wait = look.line(look.orange, 2.0);
    let waits: Vec<(f64, f64)> = curve
        .iter()
        .filter_map(|p| p.p50_ms.map(|ms| (f64::from(p.servers), ms)))
        .collect();
    chart
        .draw_secondary_series(LineSeries::new(waits.clone(), wait))?
        .label("median wait (right axis)")
        .legend(legend_line(look, wait));
    let marker = look.px(7.0);
    chart.draw_secondary_series(
        waits
            .into_iter()
            .map(|p| TriangleMarker::new(p, marker, look.orange.filled())),
    )?;
    legend(&mut chart, look, SeriesLabelPosition::MiddleRight)
}

fn live_served<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    live: &Metrics,
    look: &Look,
) -> Result<(), DrawError<DB>> {
    let points = data::served_per_second(live);
    let end = points.last().map_or(1.0, |p| p.0 + 0.5).max(1.0);
    let highest = points.iter().map(|p| p.1).fold(0.0, f64::max);
    let mut chart = plot(
        area,
        look,
        "This run: answers each second",
        0.0..end,
        0.0..headroom(highest),
    )?;
    axes(&mut chart, look, "seconds since the start", "answers per second")
        .y_label_formatter(&|y| format!("{y:.0}"))
        .draw()?;
    if points.is_empty() {
        nothing_yet(&mut chart, look, (end / 2.0, headroom(highest) / 2.0))?;
    }
    let style = look.line(look.green, 2.0);
    chart
        .draw_series(LineSeries::new(points, style))?
        .label("answered in this run")
        .legend(legend_line(look, style));
    legend(&mut chart, look, SeriesLabelPosition::LowerRight)
}

/// Cost against capacity for one ever bigger machine and for more small
/// ones, from the explicitly illustrative model in `data`.
pub fn scaling_cost<DB: DrawingBackend>(root: &DrawingArea<DB, Shift>, look: &Look) -> Result<(), DrawError<DB>> {
    let (up, out) = data::cost_curves();
    let highest = up.iter().chain(&out).map(|p| p.1).fold(0.0, f64::max);
    let mut chart = plot(
        root,
        look,
        "What more capacity costs (illustrative)",
        0.0..MAX_CAPACITY,
        0.0..headroom(highest),
    )?;
    axes(
        &mut chart,
        look,
        "capacity needed, in small servers",
        "cost (one small server = 1)",
    )
    .x_label_formatter(&|x| format!("{x:.0}"))
    .y_label_formatter(&|y| format!("{y:.0}"))
    .draw()?;
    let bigger = look.line(look.vermillion, 2.0);
    chart
        .draw_series(LineSeries::new(up, bigger))?
        .label("scale up: one bigger machine")
        .legend(legend_line(look, bigger));
    let more = look.line(look.blue, 2.0);
    chart
        .draw_series(LineSeries::new(out, more))?
        .label("scale out: more small machines")
        .legend(legend_line(look, more));
    let ceiling = (BIGGEST_MACHINE, BIGGEST_MACHINE.powi(2));
    chart.draw_series([Cross::new(ceiling, look.px(5.0), look.line(look.vermillion, 2.0))])?;
    let note = look.text(11.0).pos(Pos::new(HPos::Left, VPos::Center));
    let beside = (BIGGEST_MACHINE + 0.8, ceiling.1);
    chart.draw_series([Text::new("biggest machine on sale", beside, note.clone())])?;
    let corner = (MAX_CAPACITY * 0.02, headroom(highest) * 0.98);
    let top_left = look.text_in(11.0, look.muted).pos(Pos::new(HPos::Left, VPos::Top));
    chart.draw_series([Text::new("Illustrative model, not real prices", corner, top_left)])?;
    legend(&mut chart, look, SeriesLabelPosition::UpperRight)
}
