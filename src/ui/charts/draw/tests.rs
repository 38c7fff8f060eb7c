//! Each chart rendered to SVG text and checked for what a student should
//! see: its axis titles, every series in the legend, and the numbers that
//! come from the formulas, the preset runs and the lesson's own run; that
//! at the size the column shows it no text is under 13 px, and no text or
//! legend entry overlaps another or the plotted data; and that no chart
//! beside a prediction gives its answer away before it is locked in.

use plotters::prelude::*;

use super::*;
use crate::lessons::experiments;
use crate::lessons::{first_showing, LESSONS};
use crate::sim::{millis, seconds, Metrics, Observation, SimTime, SECOND};
use crate::ui::charts::caption::describe;
use crate::ui::charts::data;

/// The canvas sizes the charts are shown at, in CSS pixels: the lesson
/// column's width (about 290 px) at the aspect ratios of charts.css, and a
/// phone's full width.
fn sizes(chart: Chart) -> [(u32, u32); 2] {
    match chart {
        Chart::ScalingOut | Chart::Availability => [(290, 580), (600, 1_200)],
        _ => [(290, 362), (600, 750)],
    }
}

fn svg_of(size: (u32, u32), draw: impl FnOnce(&DrawingArea<SVGBackend, Shift>)) -> String {
    let mut text = String::new();
    {
        let root = SVGBackend::with_string(&mut text, size).into_drawing_area();
        draw(&root);
    }
    text
}

fn svg_with(chart: Chart, run: &dyn Run, look: &Look, size: (u32, u32)) -> String {
    svg_of(size, |root| {
        if let Err(error) = draw_chart(chart, run, root, look) {
            panic!("{chart:?} did not draw: {error}");
        }
    })
}

/// The run of the first lesson step that shows `chart`, played to `at`.
fn lesson_run(chart: Chart, at: SimTime) -> Box<dyn Run> {
    let scenario = first_showing(chart).and_then(|(lesson, index)| lesson.scenario_for(index));
    let mut run = match scenario.map(|s| s.build()) {
        Some(Ok(run)) => run,
        _ => panic!("no lesson step shows {chart:?} on a scenario that builds"),
    };
    run.advance_to(at);
    run
}

fn svg(chart: Chart, at: SimTime) -> String {
    let run = lesson_run(chart, at);
    svg_with(chart, run.as_ref(), &Look::light(1.0), sizes(chart)[0])
}

/// Four seconds in which 99 requests of 100 were answered each second.
fn ninety_nine_percent() -> Metrics {
    let mut metrics = Metrics::default();
    for second in 0..4 {
        for i in 0..100 {
            let at = second * SECOND + millis(i * 5);
            let seen = if i == 0 {
                Observation::RequestTimedOut
            } else {
                Observation::RequestSucceeded { latency: millis(20) }
            };
            metrics.record(at, seen);
        }
    }
    metrics
}

fn availability_svg(live: &Metrics, look: &Look) -> String {
    svg_of(sizes(Chart::Availability)[0], |root| {
        let drawn = root
            .fill(&look.surface)
            .and_then(|()| availability::availability(root, live, look));
        if let Err(error) = drawn {
            panic!("the availability chart did not draw: {error}");
        }
    })
}

/// The value of attribute `name` in an SVG tag written on one line.
fn attr<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let key = format!(" {name}=\"");
    let start = tag.find(&key)? + key.len();
    let len = tag[start..].find('"')?;
    Some(&tag[start..start + len])
}

fn number(tag: &str, name: &str) -> f64 {
    attr(tag, name).and_then(|v| v.parse().ok()).unwrap_or(0.0)
}

/// A box on the canvas: left, top, right, bottom, in pixels.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Area(f64, f64, f64, f64);

impl Area {
    fn overlaps(self, other: Area) -> bool {
        self.0 < other.2 && other.0 < self.2 && self.1 < other.3 && other.1 < self.3
    }

    fn grown(self, by: f64) -> Area {
        Area(self.0 - by, self.1 - by, self.2 + by, self.3 + by)
    }

    /// Whether the segment from `a` to `b` passes through this box.
    fn crossed_by(self, a: (f64, f64), b: (f64, f64)) -> bool {
        let steps = ((b.0 - a.0).abs().max((b.1 - a.1).abs()) / 0.5).ceil().max(1.0) as u32;
        (0..=steps).any(|i| {
            let t = f64::from(i) / f64::from(steps);
            let (x, y) = (a.0 + (b.0 - a.0) * t, a.1 + (b.1 - a.1) * t);
            self.0 < x && x < self.2 && self.1 < y && y < self.3
        })
    }
}

/// A text of the drawing: its words, the size a canvas draws it at, and
/// the box it takes, estimated from that size and its length.
#[derive(Debug)]
struct Label {
    words: String,
    size: f64,
    area: Area,
}

/// What the data (and the legend's swatches) draw, in the data colours.
#[derive(Debug)]
enum Mark {
    Lines(Vec<(f64, f64)>, f64),
    Solid(Area),
}

/// The SVG backend writes a font size of the canvas size divided by 1.24;
/// a canvas draws text at the size plotters is given.
const SVG_TO_CANVAS: f64 = 1.24;

/// A character is taken as 0.55 of the font size wide in the tests (the
/// layout itself plans for 0.6).
const CHAR_WIDTH: f64 = 0.55;

fn labels(svg: &str) -> Vec<Label> {
    let lines: Vec<&str> = svg.lines().collect();
    lines
        .windows(2)
        .filter(|pair| pair[0].starts_with("<text"))
        .filter_map(|pair| {
            let (tag, words) = (pair[0], pair[1].trim());
            if words.is_empty() {
                return None;
            }
            let size = number(tag, "font-size") * SVG_TO_CANVAS;
            let (x, y) = (number(tag, "x"), number(tag, "y"));
            let width = words.chars().count() as f64 * size * CHAR_WIDTH;
            let (before, after) = match attr(tag, "text-anchor") {
                Some("middle") => (width / 2.0, width / 2.0),
                Some("end") => (width, 0.0),
                _ => (0.0, width),
            };
            let (above, below) = match attr(tag, "dy") {
                Some("0.76em") => (0.0, size),
                Some("-0.5ex") => (size, 0.0),
                _ => (size / 2.0, size / 2.0),
            };
            let area = match attr(tag, "transform") {
                Some(t) if t.starts_with("rotate(270") => Area(x - above, y - after, x + below, y + before),
                Some(t) if t.starts_with("rotate(90") => Area(x - below, y - before, x + above, y + after),
                _ => Area(x - before, y - above, x + after, y + below),
            };
            Some(Label {
                words: words.to_string(),
                size,
                area,
            })
        })
        .collect()
}

fn data_colours(look: &Look) -> Vec<String> {
    [look.blue, look.orange, look.green, look.vermillion]
        .iter()
        .map(|c| format!("#{:02X}{:02X}{:02X}", c.0, c.1, c.2))
        .collect()
}

fn points(list: &str) -> Vec<(f64, f64)> {
    list.split_whitespace()
        .filter_map(|pair| {
            let (x, y) = pair.split_once(',')?;
            Some((x.parse().ok()?, y.parse().ok()?))
        })
        .collect()
}

fn marks(svg: &str, look: &Look) -> Vec<Mark> {
    let colours = data_colours(look);
    let coloured = |tag: &str| {
        ["stroke", "fill"]
            .iter()
            .filter_map(|a| attr(tag, a))
            .any(|c| colours.iter().any(|d| d == c))
    };
    svg.lines()
        .map(str::trim)
        .filter(|tag| tag.starts_with('<') && !tag.starts_with("<text") && coloured(tag))
        .filter_map(|tag| {
            let width = number(tag, "stroke-width");
            if tag.starts_with("<polyline") || tag.starts_with("<polygon") {
                let corners = points(attr(tag, "points")?);
                if tag.starts_with("<polygon") {
                    let xs = corners.iter().map(|p| p.0);
                    let ys = corners.iter().map(|p| p.1);
                    let area = Area(
                        xs.clone().fold(f64::MAX, f64::min),
                        ys.clone().fold(f64::MAX, f64::min),
                        xs.fold(f64::MIN, f64::max),
                        ys.fold(f64::MIN, f64::max),
                    );
                    return Some(Mark::Solid(area));
                }
                Some(Mark::Lines(corners, width))
            } else if tag.starts_with("<line") {
                let ends = vec![
                    (number(tag, "x1"), number(tag, "y1")),
                    (number(tag, "x2"), number(tag, "y2")),
                ];
                Some(Mark::Lines(ends, width))
            } else if tag.starts_with("<rect") {
                let (x, y) = (number(tag, "x"), number(tag, "y"));
                let area = Area(x, y, x + number(tag, "width"), y + number(tag, "height"));
                Some(Mark::Solid(area))
            } else if tag.starts_with("<circle") {
                let (x, y, r) = (number(tag, "cx"), number(tag, "cy"), number(tag, "r"));
                Some(Mark::Solid(Area(x - r, y - r, x + r, y + r)))
            } else {
                None
            }
        })
        .collect()
}

/// Every way the drawing breaks the layout rules: text under 13 px, text
/// outside the canvas, texts overlapping each other, and text over data
/// (the legend's swatches count as data, so entries may not touch them).
fn layout_problems(svg: &str, look: &Look, (width, height): (u32, u32)) -> Vec<String> {
    let labels = labels(svg);
    let marks = marks(svg, look);
    let mut problems = Vec::new();
    let canvas = Area(0.0, 0.0, f64::from(width), f64::from(height));
    for label in &labels {
        if label.size + 0.01 < TEXT_PX * look.scale {
            problems.push(format!("\"{}\" is {:.1} px", label.words, label.size));
        }
        let Area(l, t, r, b) = label.area;
        if l < canvas.0 || t < canvas.1 || r > canvas.2 || b > canvas.3 {
            problems.push(format!("\"{}\" leaves the canvas: {:?}", label.words, label.area));
        }
    }
    // Boxes are shrunk a little: estimated boxes that only touch are fine.
    let inner = |label: &Label| label.area.grown(-1.0);
    for (i, a) in labels.iter().enumerate() {
        for b in &labels[i + 1..] {
            if inner(a).overlaps(inner(b)) {
                problems.push(format!("\"{}\" overlaps \"{}\"", a.words, b.words));
            }
        }
        for mark in &marks {
            let hit = match mark {
                Mark::Solid(area) => inner(a).overlaps(*area),
                Mark::Lines(corners, stroke) => corners
                    .windows(2)
                    .any(|pair| inner(a).grown(stroke / 2.0).crossed_by(pair[0], pair[1])),
            };
            if hit {
                problems.push(format!("\"{}\" covers data: {mark:?}", a.words));
            }
        }
    }
    problems
}

fn has_all(svg: &str, texts: &[&str]) {
    for text in texts {
        assert!(svg.contains(text), "the chart lacks {text:?}");
    }
}

#[test]
fn every_chart_keeps_its_text_readable_and_clear_of_the_data() {
    let moments = [0, seconds(10)];
    for chart in [
        Chart::ScalingOut,
        Chart::ScalingCost,
        Chart::LatencyByDistance,
        Chart::Availability,
        Chart::PartitionChoice,
    ] {
        for at in moments {
            let run = lesson_run(chart, at);
            for size in sizes(chart) {
                for scale in [1.0, 2.0] {
                    let look = Look::light(scale);
                    let device = ((f64::from(size.0) * scale) as u32, (f64::from(size.1) * scale) as u32);
                    let drawn = svg_with(chart, run.as_ref(), &look, device);
                    let problems = layout_problems(&drawn, &look, device);
                    assert!(
                        problems.is_empty(),
                        "{chart:?} at {} s, {size:?} css px, scale {scale}:\n{}",
                        at / SECOND,
                        problems.join("\n")
                    );
                }
            }
        }
    }
    let look = Look::light(1.0);
    let drawn = availability_svg(&ninety_nine_percent(), &look);
    let problems = layout_problems(&drawn, &look, sizes(Chart::Availability)[0]);
    assert!(problems.is_empty(), "availability at 99%:\n{}", problems.join("\n"));
}

#[test]
fn the_layout_check_catches_small_text_and_overlaps() {
    let look = Look::light(1.0);
    let drawn = svg_of((200, 100), |root| {
        let small = ("sans-serif", 10.0).into_font().color(&look.ink);
        let style = look.text(TEXT_PX);
        let line = look.line(look.blue, 2.0);
        let drawn = root
            .draw(&Text::new("tiny".to_string(), (10, 10), small))
            .and_then(|()| root.draw(&Text::new("first words".to_string(), (10, 40), style.clone())))
            .and_then(|()| root.draw(&Text::new("second".to_string(), (30, 42), style.clone())))
            .and_then(|()| root.draw(&PathElement::new(vec![(0, 90), (200, 60)], line)))
            .and_then(|()| root.draw(&Text::new("on the line".to_string(), (100, 70), style)));
        if let Err(error) = drawn {
            panic!("{error}");
        }
    });
    let problems = layout_problems(&drawn, &look, (200, 100)).join("\n");
    assert!(problems.contains("\"tiny\" is 10.0 px"), "{problems}");
    assert!(problems.contains("\"first words\" overlaps \"second\""), "{problems}");
    assert!(problems.contains("\"on the line\" covers data"), "{problems}");
}

/// Numbers that stand as words of their own in `text` ("157 ms", not the
/// 2 of "R2").
fn standalone_figures(text: &str) -> Vec<String> {
    text.split(|c: char| c.is_whitespace() || "()[]:;.!?\"“”".contains(c))
        .filter(|word| !word.is_empty() && word.chars().all(|c| c.is_ascii_digit() || c == ','))
        .map(|word| word.trim_matches(',').to_string())
        .collect()
}

/// What `chart` would tell about the outcome of the run of `step` once it
/// has played to the question's moment: the far one-way delays it
/// measures, or the answers it counts after the split and the name of the
/// choice that store makes. A chart shown before the answer is locked in
/// must say none of it.
fn outcome_words(chart: Chart, step: &crate::lessons::Step) -> Vec<String> {
    let (Some(make), Some(question)) = (step.scenario, &step.question) else {
        return Vec::new();
    };
    let Ok(mut run) = make().build() else {
        return Vec::new();
    };
    run.advance_to(question.watch_until);
    match chart {
        Chart::LatencyByDistance => data::measured_delays(run.as_ref())
            .iter()
            .filter(|m| m.km > 1_000.0)
            .map(|m| format!("{:.0}", m.one_way_ms))
            .collect(),
        Chart::PartitionChoice => {
            let served = data::since_the_split(run.as_ref()).map(|o| o.served.to_string());
            served.into_iter().chain(["keep answering".to_string()]).collect()
        }
        Chart::ScalingOut | Chart::ScalingCost | Chart::Availability => Vec::new(),
    }
}

#[test]
fn no_chart_gives_a_prediction_away_before_it_is_locked_in() {
    let mut checked = 0;
    for lesson in LESSONS.iter() {
        for step in lesson.steps {
            let (Some(question), Some(chart)) = (&step.question, step.chart) else {
                continue;
            };
            let context = format!("{}: '{}'", lesson.slug, step.title);
            // The run a prediction holds at its start until the answer is in.
            let Some(Ok(run)) = step.scenario.map(|make| make().build()) else {
                panic!("{context}: a question has its own scenario");
            };
            let caption = describe(chart, run.as_ref());
            let drawn = svg_with(chart, run.as_ref(), &Look::light(1.0), sizes(chart)[0]);
            let shown: Vec<String> = labels(&drawn).into_iter().map(|l| l.words).collect();
            let expected = question.choices[question.expected];
            let outcome = outcome_words(chart, step);
            for text in std::iter::once(caption.as_str()).chain(shown.iter().map(String::as_str)) {
                assert!(
                    !text.to_lowercase().contains(&expected.to_lowercase()),
                    "{context}: the chart says the expected answer \"{expected}\": {text}"
                );
                let written = standalone_figures(text);
                for figure in standalone_figures(expected) {
                    assert!(
                        !written.contains(&figure),
                        "{context}: the chart quotes {figure}, the expected answer's figure: {text}"
                    );
                }
                for told in &outcome {
                    let says = if told.parse::<u64>().is_ok() {
                        written.contains(told)
                    } else {
                        text.contains(told.as_str())
                    };
                    assert!(
                        !says,
                        "{context}: the chart tells the outcome (\"{told}\") before it happens: {text}"
                    );
                }
            }
            assert!(
                !outcome.is_empty(),
                "{context}: the chart measures something of the run"
            );
            checked += 1;
        }
    }
    assert!(checked >= 2, "lessons 5 and 8 show a chart beside a prediction");
    assert_eq!(
        standalone_figures("157 ms or more, like R2's 16,000 km"),
        ["157", "16,000"]
    );
}

#[test]
fn scaling_out_shows_answers_and_waits_against_servers() {
    let drawn = svg(Chart::ScalingOut, seconds(6));
    let offered = experiments::scale_workload().map_or(0.0, |w| w.offered_per_s());
    has_all(
        &drawn,
        &[
            "Same clients, more servers",
            "servers behind the balancer",
            "answers a second",
            "median wait (ms)",
            "answered per second",
            &format!("asked: {offered:.0} per second"),
            "This run: answers each second",
            "seconds since the start",
            "answered in this run",
        ],
    );
    assert!(drawn.contains("asked: 20 per second"), "the lesson's own load");
    assert!(!drawn.contains(NOTHING_YET), "the live run has answers");
    assert!(
        drawn.contains("stroke=\"#0072B2\""),
        "answers are drawn in Okabe-Ito blue"
    );
    assert!(
        drawn.contains("stroke=\"#E69F00\""),
        "waits are drawn in Okabe-Ito orange"
    );
}

#[test]
fn a_run_with_no_answers_yet_says_so() {
    let drawn = svg(Chart::ScalingOut, 0);
    assert!(drawn.contains(NOTHING_YET));
    let drawn = availability_svg(&Metrics::default(), &Look::light(1.0));
    assert!(drawn.contains(NOTHING_YET));
    assert!(
        !drawn.contains("this run so far"),
        "no bar for a run with nothing to show"
    );
}

#[test]
fn cost_chart_says_it_is_illustrative() {
    let drawn = svg(Chart::ScalingCost, 0);
    has_all(
        &drawn,
        &[
            "What more capacity costs",
            "Illustrative model, not real prices",
            "capacity, in small servers",
            "cost (small server = 1)",
            "scale up: one bigger machine",
            "scale out: more small machines",
            "biggest machine on sale",
        ],
    );
}

#[test]
fn delay_chart_marks_the_53_ms_light_floor_and_the_run_s_own_delays() {
    let drawn = svg(Chart::LatencyByDistance, 0);
    has_all(
        &drawn,
        &[
            "distance (km)",
            "delay (ms)",
            "New York–Sydney: 53 ms in a vacuum",
            "light in a vacuum",
            "light in fibre",
            "measured in this run",
            "20,000",
        ],
    );
    let legend_dot = 1;
    assert_eq!(
        drawn.matches("fill=\"#009E73\"").count(),
        legend_dot,
        "nothing measured before the run plays"
    );
    let run = lesson_run(Chart::LatencyByDistance, seconds(4));
    let drawn = svg_with(Chart::LatencyByDistance, run.as_ref(), &Look::light(1.0), (290, 362));
    let measured = data::measured_delays(run.as_ref()).len();
    assert!(measured >= 2);
    assert_eq!(
        drawn.matches("fill=\"#009E73\"").count(),
        measured + legend_dot,
        "one green dot per distance the run's messages travelled"
    );
}

#[test]
fn availability_chart_turns_the_run_into_downtime_a_year() {
    let drawn = availability_svg(&ninety_nine_percent(), &Look::light(1.0));
    has_all(
        &drawn,
        &[
            "This run: requests answered",
            "answered (%)",
            "Downtime a year, by nines",
            "hours down a year",
            "99.9%",
            "8.8 hours",
            "52.6 minutes",
            "5.3 minutes",
            "this run so far",
        ],
    );
    let written: Vec<String> = labels(&drawn).into_iter().map(|l| l.words).collect();
    let three_days = written.iter().filter(|t| *t == "3.7 days").count();
    assert_eq!(three_days, 2, "two nines, and the run at 99%: {written:?}");
}

#[test]
fn partition_chart_counts_the_refusing_store_and_this_run() {
    let drawn = svg(Chart::PartitionChoice, 0);
    has_all(
        &drawn,
        &[
            "After the network split",
            "set to refuse",
            "this run",
            "not split yet",
            "answered with stale data",
            "refused or timed out",
        ],
    );
    let written: Vec<String> = labels(&drawn).into_iter().map(|l| l.words).collect();
    let Some(preset) = experiments::refusing_store() else {
        panic!("no preset");
    };
    for count in [preset.served, preset.refused, preset.stale] {
        assert!(
            written.contains(&count.to_string()),
            "{count} is written on its bar: {written:?}"
        );
    }
    let drawn = svg(Chart::PartitionChoice, seconds(8));
    assert!(!drawn.contains("not split yet"));
}

#[test]
fn the_theme_colours_and_pixel_ratio_reach_the_drawing() {
    let dark = |name: &str| match name {
        "--surface" => Some(" #1c1c1c".to_string()),
        "--ink" => Some("rgb(236, 236, 236)".to_string()),
        "--chart-blue" => Some("#56b4e9".to_string()),
        _ => None,
    };
    let look = Look::from_tokens(dark, 2.0);
    assert_eq!(look.green, Look::light(2.0).green, "missing tokens fall back");
    let drawn = availability_svg(&ninety_nine_percent(), &look);
    assert!(drawn.contains("fill=\"#1C1C1C\""), "dark background");
    assert!(drawn.contains("fill=\"#ECECEC\""), "light ink");
    assert!(drawn.contains("stroke=\"#56B4E9\""), "sky blue line");
    assert!(!drawn.contains("#0072B2"), "no deep blue on dark grey");
    let width = |look: &Look| look.line(look.blue, 2.0).stroke_width;
    assert_eq!(
        width(&look),
        2 * width(&Look::light(1.0)),
        "lines are twice as wide at 2x"
    );
}

#[test]
fn css_colours_parse_in_the_forms_browsers_report() {
    assert_eq!(parse_colour("#0072b2"), Some(RGBColor(0x00, 0x72, 0xb2)));
    assert_eq!(parse_colour(" #fff "), Some(RGBColor(255, 255, 255)));
    assert_eq!(parse_colour("rgb(28, 28, 28)"), Some(RGBColor(28, 28, 28)));
    assert_eq!(parse_colour("#12345"), None);
    assert_eq!(parse_colour("#zzzzzz"), None);
    assert_eq!(parse_colour("rgb(300, 0, 0)"), None);
    assert_eq!(parse_colour("blue"), None);
}
