//! Drawing the lesson charts with plotters, for any of its backends: a
//! canvas in the browser, SVG text in the tests. Each chart has a title,
//! axis titles and a legend, laid out above the plotting area so it never
//! covers the data; no text is smaller than 13 CSS pixels. Series colours
//! come from the colour-blind-safe Okabe-Ito palette, and every size is
//! multiplied by the device's pixel ratio so the picture stays sharp on
//! high-density screens.

mod availability;
mod distance;
mod scaling;
mod sweep;

use plotters::coord::types::RangedCoordf64;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use crate::lessons::Chart;
use crate::sim::Run;

pub use sweep::seed_sweep;

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

/// Draw `chart` filling `root`, from the run on screen.
pub fn draw_chart<DB: DrawingBackend>(
    chart: Chart,
    run: &dyn Run,
    root: &DrawingArea<DB, plotters::coord::Shift>,
    look: &Look,
) -> Result<(), DrawError<DB>> {
    root.fill(&look.surface)?;
    match chart {
        Chart::ScalingOut => scaling::scaling_out(root, run.metrics(), look)?,
        Chart::ScalingCost => scaling::scaling_cost(root, look)?,
        Chart::LatencyByDistance => distance::latency_by_distance(root, run, look)?,
        Chart::Availability => availability::availability(root, run.metrics(), look)?,
        Chart::PartitionChoice => availability::partition_choice(root, run, look)?,
    }
    root.present()
}

/// The size of a chart's title, in CSS pixels.
pub const TITLE_PX: f64 = 15.0;

/// The size of every other text on a chart, in CSS pixels: no smaller, so
/// it stays readable in the narrow column the charts sit in.
pub const TEXT_PX: f64 = 13.0;

/// Roughly how wide `text` is at `css` pixels, in device pixels: each
/// character is taken as 0.6 of the size, as wide as a sans-serif average
/// or wider.
fn text_width(look: &Look, css: f64, text: &str) -> i32 {
    (text.chars().count() as f64 * css * 0.6 * look.scale).ceil() as i32
}

/// What a legend entry draws beside its words.
#[derive(Clone, Copy)]
enum Swatch {
    Line(ShapeStyle),
    Dashed(ShapeStyle),
    Block(RGBColor),
    Dot(RGBColor),
    Triangle(RGBColor),
    Cross(ShapeStyle),
}

/// One entry of a legend.
struct Entry {
    swatch: Swatch,
    label: String,
}

impl Entry {
    fn new(swatch: Swatch, label: impl Into<String>) -> Entry {
        Entry {
            swatch,
            label: label.into(),
        }
    }
}

/// Draw `swatch` in the `width` pixels right of `(x, y)`, centred on `y`.
fn draw_swatch<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    look: &Look,
    swatch: Swatch,
    (x, y): (i32, i32),
    width: i32,
) -> Result<(), DrawError<DB>> {
    let centre = (x + width / 2, y);
    let half = look.px(5.0) as i32;
    match swatch {
        Swatch::Line(style) => area.draw(&PathElement::new(vec![(x, y), (x + width, y)], style)),
        Swatch::Dashed(style) => {
            let dash = width / 5;
            for i in [0, 2, 4] {
                area.draw(&PathElement::new(
                    vec![(x + i * dash, y), (x + (i + 1) * dash, y)],
                    style,
                ))?;
            }
            Ok(())
        }
        Swatch::Block(colour) => area.draw(&Rectangle::new(
            [(centre.0 - half, y - half), (centre.0 + half, y + half)],
            colour.filled(),
        )),
        Swatch::Dot(colour) => area.draw(&Circle::new(centre, look.px(4.0), colour.filled())),
        Swatch::Triangle(colour) => area.draw(&TriangleMarker::new(centre, look.px(7.0), colour.filled())),
        Swatch::Cross(style) => area.draw(&Cross::new(centre, look.px(5.0), style)),
    }
}

/// Draw a chart's title, a note under it if there is one, and its legend
/// at the top of `area`, entries flowing into as many rows as the width
/// needs, and return the part of `area` left below them for the plot: the
/// legend sits outside the plotting area, so it never covers the data.
fn heading<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    look: &Look,
    title: &str,
    note: Option<&str>,
    entries: &[Entry],
) -> Result<DrawingArea<DB, Shift>, DrawError<DB>> {
    let width = i32::try_from(area.dim_in_pixel().0).unwrap_or(i32::MAX);
    let pad = look.px(8.0) as i32;
    let line = |css: f64| (css * 1.35 * look.scale).ceil() as i32;
    let top_left = |css: f64, colour: RGBColor| look.text_in(css, colour).pos(Pos::new(HPos::Left, VPos::Top));
    let mut y = pad;
    area.draw(&Text::new(title.to_string(), (pad, y), top_left(TITLE_PX, look.ink)))?;
    y += line(TITLE_PX);
    if let Some(note) = note {
        area.draw(&Text::new(note.to_string(), (pad, y), top_left(TEXT_PX, look.muted)))?;
        y += line(TEXT_PX);
    }
    let row = (TEXT_PX * 1.6 * look.scale).ceil() as i32;
    let swatch = look.px(18.0) as i32;
    let gap = look.px(6.0) as i32;
    let spacing = look.px(16.0) as i32;
    let label_style = look.text(TEXT_PX).pos(Pos::new(HPos::Left, VPos::Center));
    let mut x = pad;
    for entry in entries {
        let needs = swatch + gap + text_width(look, TEXT_PX, &entry.label);
        if x > pad && x + needs > width - pad {
            x = pad;
            y += row;
        }
        let middle = y + row / 2;
        draw_swatch(area, look, entry.swatch, (x, middle), swatch)?;
        area.draw(&Text::new(
            entry.label.clone(),
            (x + swatch + gap, middle),
            label_style.clone(),
        ))?;
        x += needs + spacing;
    }
    if !entries.is_empty() {
        y += row;
    }
    let (_, below) = area.split_vertically(y + look.px(4.0) as i32);
    Ok(below)
}

/// A plot with x and y both plain numbers, with room for tick labels and
/// axis titles at [`TEXT_PX`].
fn plot<'a, DB: DrawingBackend>(
    area: &'a DrawingArea<DB, Shift>,
    look: &Look,
    x: std::ops::Range<f64>,
    y: std::ops::Range<f64>,
) -> Result<Plot<'a, DB>, DrawError<DB>> {
    ChartBuilder::on(area)
        .margin(look.px(6.0))
        .margin_right(look.px(26.0))
        .x_label_area_size(look.px(46.0))
        .y_label_area_size(look.px(58.0))
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
        .axis_desc_style(look.text(TEXT_PX))
        .label_style(look.text_in(TEXT_PX, look.muted))
        .axis_style(look.muted)
        .bold_line_style(look.grid)
        .light_line_style(TRANSPARENT)
        .x_labels(5)
        .y_labels(5);
    mesh
}

/// Said in the middle of a chart of the live run before it has anything
/// to show.
pub const NOTHING_YET: &str = "No request has ended yet";

/// `text`, centred on `at`, in the muted colour.
fn centred_note<'a, DB: DrawingBackend + 'a>(
    chart: &mut Plot<'a, DB>,
    look: &Look,
    text: &str,
    at: (f64, f64),
) -> Result<(), DrawError<DB>> {
    let style = look
        .text_in(TEXT_PX, look.muted)
        .pos(Pos::new(HPos::Center, VPos::Center));
    chart.draw_series([Text::new(text.to_string(), at, style)])?;
    Ok(())
}

/// The top of an axis showing values up to `highest`: a little headroom
/// above it, and at least 10 so an empty chart still has round ticks.
fn headroom(highest: f64) -> f64 {
    (highest * 1.15).max(10.0)
}

#[cfg(test)]
mod tests;
