//! Drawing the lesson charts with plotters, for any of its backends: a
//! canvas in the browser, SVG text in the tests. Each chart has axis titles
//! and a legend; series colours come from the colour-blind-safe Okabe-Ito
//! palette, and every size is multiplied by the device's pixel ratio so the
//! picture stays sharp on high-density screens.

mod availability;
mod distance;
mod scaling;

use plotters::coord::types::RangedCoordf64;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use crate::lessons::Chart;
use crate::sim::Metrics;

/// What drawing can fail with, for a backend `DB`.
pub type DrawError<DB> = DrawingAreaErrorKind<<DB as DrawingBackend>::ErrorType>;

/// A chart's plotting area on a backend `DB`.
type Plot<'a, DB> = ChartContext<'a, DB, Cartesian2d<RangedCoordf64, RangedCoordf64>>;

/// The colours and scale a chart is drawn with. In the dark theme "blue" is
/// the lighter sky blue of the same palette, which stands out on dark grey.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Look {
    pub ink: RGBColor,
    pub muted: RGBColor,
    pub grid: RGBColor,
    pub surface: RGBColor,
    pub blue: RGBColor,
    pub orange: RGBColor,
    pub green: RGBColor,
    pub vermillion: RGBColor,
    /// Device pixels per CSS pixel.
    pub scale: f64,
}

impl Look {
    /// The light theme's colours, at `scale` device pixels per CSS pixel.
    pub fn light(scale: f64) -> Look {
        Look {
            ink: RGBColor(0x1b, 0x1b, 0x1b),
            muted: RGBColor(0x55, 0x55, 0x55),
            grid: RGBColor(0xd2, 0xd2, 0xcb),
            surface: RGBColor(0xff, 0xff, 0xff),
            blue: RGBColor(0x00, 0x72, 0xb2),
            orange: RGBColor(0xe6, 0x9f, 0x00),
            green: RGBColor(0x00, 0x9e, 0x73),
            vermillion: RGBColor(0xd5, 0x5e, 0x00),
            scale: scale.clamp(1.0, 4.0),
        }
    }

    /// The colours named by CSS custom properties (`token("--ink")` gives
    /// its value), each falling back to the light theme's.
    pub fn from_tokens(token: impl Fn(&str) -> Option<String>, scale: f64) -> Look {
        let light = Look::light(scale);
        let colour = |name: &str, fallback: RGBColor| token(name).and_then(|v| parse_colour(&v)).unwrap_or(fallback);
        Look {
            ink: colour("--ink", light.ink),
            muted: colour("--ink-muted", light.muted),
            grid: colour("--border", light.grid),
            surface: colour("--surface", light.surface),
            blue: colour("--chart-blue", light.blue),
            orange: colour("--chart-orange", light.orange),
            green: colour("--chart-green", light.green),
            vermillion: colour("--chart-vermillion", light.vermillion),
            ..light
        }
    }

    /// A length in CSS pixels, in device pixels.
    fn px(&self, css: f64) -> u32 {
        (css * self.scale).round().max(1.0) as u32
    }

    /// Text of `css` pixels in the ink colour.
    fn text(&self, css: f64) -> TextStyle<'static> {
        self.text_in(css, self.ink)
    }

    /// Text of `css` pixels in `colour`.
    fn text_in(&self, css: f64, colour: RGBColor) -> TextStyle<'static> {
        ("sans-serif", f64::from(self.px(css))).into_font().color(&colour)
    }

    /// A line `css` pixels wide.
    fn line(&self, colour: RGBColor, css: f64) -> ShapeStyle {
        colour.stroke_width(self.px(css))
    }
}

/// A CSS colour as `#rgb`, `#rrggbb` or `rgb(r, g, b)`; `None` otherwise.
pub fn parse_colour(text: &str) -> Option<RGBColor> {
    let text = text.trim();
    if let Some(hex) = text.strip_prefix('#') {
        let digits: Vec<u8> = hex
            .chars()
            .map(|c| c.to_digit(16).and_then(|d| u8::try_from(d).ok()))
            .collect::<Option<_>>()?;
        return match digits[..] {
            [r, g, b] => Some(RGBColor(r * 17, g * 17, b * 17)),
            [r1, r0, g1, g0, b1, b0] => Some(RGBColor(r1 * 16 + r0, g1 * 16 + g0, b1 * 16 + b0)),
            _ => None,
        };
    }
    let inner = text.strip_prefix("rgb(")?.strip_suffix(')')?;
    let parts: Vec<u8> = inner.split(',').map(|p| p.trim().parse().ok()).collect::<Option<_>>()?;
    match parts[..] {
        [r, g, b] => Some(RGBColor(r, g, b)),
        _ => None,
    }
}

/// Draw `chart` filling `root`; `live` is the metrics of the run on screen.
pub fn draw_chart<DB: DrawingBackend>(
    chart: Chart,
    live: &Metrics,
    root: &DrawingArea<DB, plotters::coord::Shift>,
    look: &Look,
) -> Result<(), DrawError<DB>> {
    root.fill(&look.surface)?;
    match chart {
        Chart::ScalingOut => scaling::scaling_out(root, live, look)?,
        Chart::ScalingCost => scaling::scaling_cost(root, look)?,
        Chart::LatencyByDistance => distance::latency_by_distance(root, look)?,
        Chart::Availability => availability::availability(root, live, look)?,
        Chart::PartitionChoice => availability::partition_choice(root, look)?,
    }
    root.present()
}

/// A chart with x and y both plain numbers, a caption and room for labels.
fn plot<'a, DB: DrawingBackend>(
    area: &'a DrawingArea<DB, plotters::coord::Shift>,
    look: &Look,
    caption: &str,
    x: std::ops::Range<f64>,
    y: std::ops::Range<f64>,
) -> Result<Plot<'a, DB>, DrawError<DB>> {
    ChartBuilder::on(area)
        .caption(caption, look.text(14.0))
        .margin(look.px(8.0))
        .margin_right(look.px(22.0))
        .x_label_area_size(look.px(36.0))
        .y_label_area_size(look.px(48.0))
        .build_cartesian_2d(x, y)
}

/// The grid, ticks and axis titles of `chart`, in the look's colours; the
/// caller may add label formatters before drawing it.
fn axes<'a, 'b, DB: DrawingBackend>(
    chart: &'b mut Plot<'a, DB>,
    look: &Look,
    x_title: &str,
    y_title: &str,
) -> plotters::chart::MeshStyle<'a, 'b, RangedCoordf64, RangedCoordf64, DB> {
    let mut mesh = chart.configure_mesh();
    mesh.x_desc(x_title)
        .y_desc(y_title)
        .axis_desc_style(look.text(12.0))
        .label_style(look.text_in(11.0, look.muted))
        .axis_style(look.muted)
        .bold_line_style(look.grid)
        .light_line_style(TRANSPARENT)
        .x_labels(6)
        .y_labels(6);
    mesh
}

/// The legend of `chart`, boxed on the surface colour at `position`.
fn legend<'a, DB: DrawingBackend + 'a>(
    chart: &mut Plot<'a, DB>,
    look: &Look,
    position: SeriesLabelPosition,
) -> Result<(), DrawError<DB>> {
    chart
        .configure_series_labels()
        .position(position)
        .margin(look.px(6.0))
        .label_font(look.text(11.0))
        .background_style(look.surface.mix(0.9))
        .border_style(look.grid)
        .draw()
}

/// What a line looks like in a legend: a short stroke in its style.
fn legend_line(look: &Look, style: ShapeStyle) -> impl Fn((i32, i32)) -> PathElement<(i32, i32)> {
    let length = look.px(16.0) as i32;
    move |(x, y)| PathElement::new(vec![(x, y), (x + length, y)], style)
}

/// Said in the middle of a chart of the live run before it has anything
/// to show.
pub const NOTHING_YET: &str = "No request has ended yet";

/// [`NOTHING_YET`], centred on `at`.
fn nothing_yet<'a, DB: DrawingBackend + 'a>(
    chart: &mut Plot<'a, DB>,
    look: &Look,
    at: (f64, f64),
) -> Result<(), DrawError<DB>> {
    let style = look.text_in(12.0, look.muted).pos(Pos::new(HPos::Center, VPos::Center));
    chart.draw_series([Text::new(NOTHING_YET, at, style)])?;
    Ok(())
}

/// The top of an axis showing values up to `highest`: a little headroom
/// above it, and at least 10 so an empty chart still has round ticks.
fn headroom(highest: f64) -> f64 {
    (highest * 1.15).max(10.0)
}

#[cfg(test)]
mod tests;
