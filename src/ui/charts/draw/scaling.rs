//! The two scaling charts: what adding servers behind a load balancer does
//! to throughput and latency in the lesson's own cluster (with the live
//! run's answers per second below), and the illustrative cost of scaling up
//! against scaling out.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::{axes, centred_note, heading, headroom, plot, DrawError, Entry, Look, Swatch, NOTHING_YET, TEXT_PX};
use crate::lessons::experiments;
use crate::sim::Metrics;
use crate::ui::charts::data::{self, BIGGEST_MACHINE, MAX_CAPACITY};

/// Top: answers per second and median wait against the number of servers,
/// from the preset runs. Bottom: the live run's answers per second.
pub fn scaling_out<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    live: &Metrics,
    look: &Look,
) -> Result<(), DrawError<DB>> {
    let (top, bottom) = root.split_vertically(root.relative_to_height(0.58));
    by_servers(&top, look)?;
    live_served(&bottom, live, look)
}

fn by_servers<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, look: &Look) -> Result<(), DrawError<DB>> {
    let curve = experiments::scaling_curve();
    let offered = experiments::scale_workload().map_or(0.0, |w| w.offered_per_s());
    let most = curve.iter().map(|p| p.servers).max().unwrap_or(1);
    let slowest = curve.iter().filter_map(|p| p.p50_ms).fold(0.0, f64::max);
    let asked = look.line(look.vermillion, 1.0);
    let served = look.line(look.blue, 2.0);
    let wait = look.line(look.orange, 2.0);
    let entries = [
        Entry::new(Swatch::Dashed(asked), format!("asked: {offered:.0} per second")),
        Entry::new(Swatch::Line(served), "answered per second"),
        Entry::new(Swatch::Triangle(look.orange), "median wait (right axis)"),
    ];
    let area = heading(area, look, "Same clients, more servers", None, &entries)?;
    let servers = 0.5..f64::from(most) + 0.5;
    let mut chart = ChartBuilder::on(&area)
        .margin(look.px(6.0))
        .x_label_area_size(look.px(46.0))
        .y_label_area_size(look.px(58.0))
        .right_y_label_area_size(look.px(58.0))
        .build_cartesian_2d(servers.clone(), 0.0..headroom(offered))?
        .set_secondary_coord(servers, 0.0..headroom(slowest));
    axes(&mut chart, look, "servers behind the balancer", "answers a second")
        .x_labels(most as usize)
        .x_label_formatter(&|x| format!("{x:.0}"))
        .y_label_formatter(&|y| format!("{y:.0}"))
        .draw()?;
    chart
        .configure_secondary_axes()
        .y_desc("median wait (ms)")
        .axis_desc_style(look.text(TEXT_PX))
        .label_style(look.text_in(TEXT_PX, look.muted))
        .axis_style(look.muted)
        .y_labels(5)
        .y_label_formatter(&|y| format!("{y:.0}"))
        .draw()?;
    chart.draw_series(DashedLineSeries::new(
        [(0.5, offered), (f64::from(most) + 0.5, offered)],
        look.px(6.0),
        look.px(4.0),
        asked,
    ))?;
    let points = curve.iter().map(|p| (f64::from(p.servers), p.served_per_s));
    chart.draw_series(LineSeries::new(points.clone(), served))?;
    chart.draw_series(points.map(|p| Circle::new(p, look.px(3.5), look.blue.filled())))?;
    let waits: Vec<(f64, f64)> = curve
        .iter()
        .filter_map(|p| p.p50_ms.map(|ms| (f64::from(p.servers), ms)))
        .collect();
    chart.draw_secondary_series(LineSeries::new(waits.clone(), wait))?;
    let marker = look.px(7.0);
    chart.draw_secondary_series(
        waits
            .into_iter()
            .map(|p| TriangleMarker::new(p, marker, look.orange.filled())),
    )?;
    Ok(())
}

fn live_served<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    live: &Metrics,
    look: &Look,
) -> Result<(), DrawError<DB>> {
    let points = data::served_per_second(live);
    let end = points.last().map_or(1.0, |p| p.0 + 0.5).max(1.0);
    let highest = points.iter().map(|p| p.1).fold(0.0, f64::max);
    let style = look.line(look.green, 2.0);
    let entries = [Entry::new(Swatch::Line(style), "answered in this run")];
    let area = heading(area, look, "This run: answers each second", None, &entries)?;
    let mut chart = plot(&area, look, 0.0..end, 0.0..headroom(highest))?;
    axes(&mut chart, look, "seconds since the start", "answers a second")
        .y_label_formatter(&|y| format!("{y:.0}"))
        .draw()?;
    if points.is_empty() {
        centred_note(&mut chart, look, NOTHING_YET, (end / 2.0, headroom(highest) / 2.0))?;
    }
    chart.draw_series(LineSeries::new(points, style))?;
    Ok(())
}

/// Cost against capacity for one ever bigger machine and for more small
/// ones, from the explicitly illustrative model in `data`.
pub fn scaling_cost<DB: DrawingBackend>(root: &DrawingArea<DB, Shift>, look: &Look) -> Result<(), DrawError<DB>> {
    let (up, out) = data::cost_curves();
    let highest = up.iter().chain(&out).map(|p| p.1).fold(0.0, f64::max);
    let bigger = look.line(look.vermillion, 2.0);
    let more = look.line(look.blue, 2.0);
    let entries = [
        Entry::new(Swatch::Line(bigger), "scale up: one bigger machine"),
        Entry::new(Swatch::Line(more), "scale out: more small machines"),
        Entry::new(Swatch::Cross(bigger), "biggest machine on sale"),
    ];
    let area = heading(
        root,
        look,
        "What more capacity costs",
        Some("Illustrative model, not real prices"),
        &entries,
    )?;
    let mut chart = plot(&area, look, 0.0..MAX_CAPACITY, 0.0..headroom(highest))?;
    axes(
        &mut chart,
        look,
        "capacity, in small servers",
        "cost (small server = 1)",
    )
    .x_label_formatter(&|x| format!("{x:.0}"))
    .y_label_formatter(&|y| format!("{y:.0}"))
    .draw()?;
    chart.draw_series(LineSeries::new(up, bigger))?;
    chart.draw_series(LineSeries::new(out, more))?;
    let ceiling = (BIGGEST_MACHINE, BIGGEST_MACHINE.powi(2));
    chart.draw_series([Cross::new(ceiling, look.px(5.0), bigger)])?;
    Ok(())
}
