//! Each chart rendered to SVG text and checked for what a student should
//! see: its axis titles, every series in the legend, and the numbers that
//! come from the formulas and the preset runs.

use plotters::prelude::*;

use super::*;
use crate::sim::{millis, Observation, SECOND};
use crate::ui::charts::experiments;

fn svg_with(chart: Chart, live: &Metrics, look: &Look) -> String {
    let mut text = String::new();
    {
        let root = SVGBackend::with_string(&mut text, (640, 480)).into_drawing_area();
        if let Err(error) = draw_chart(chart, live, &root, look) {
            panic!("{chart:?} did not draw: {error}");
        }
    }
    text
}

fn svg(chart: Chart, live: &Metrics) -> String {
    svg_with(chart, live, &Look::light(1.0))
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

/// The words of every centred text element (axis titles, captions, the
/// numbers on bars): plotters writes each text on its own line.
fn centred_texts(svg: &str) -> Vec<&str> {
    let lines: Vec<&str> = svg.lines().collect();
    lines
        .windows(2)
        .filter(|pair| pair[0].starts_with("<text") && pair[0].contains("text-anchor=\"middle\""))
        .map(|pair| pair[1].trim())
        .collect()
}

fn has_all(svg: &str, texts: &[&str]) {
    for text in texts {
        assert!(svg.contains(text), "the chart lacks {text:?}");
    }
}

#[test]
fn scaling_out_shows_answers_and_waits_against_servers() {
    let drawn = svg(Chart::ScalingOut, &ninety_nine_percent());
    has_all(
        &drawn,
        &[
            "Same clients, more servers",
            "servers behind the load balancer",
            "answers per second",
            "median wait (ms)",
            "answered per second",
            "asked: 80 per second",
            "This run: answers each second",
            "seconds since the start",
            "answered in this run",
        ],
    );
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
    let drawn = svg(Chart::ScalingOut, &Metrics::default());
    assert!(drawn.contains(NOTHING_YET));
    let drawn = svg(Chart::Availability, &Metrics::default());
    assert!(drawn.contains(NOTHING_YET));
    assert!(
        !drawn.contains("this run so far"),
        "no bar for a run with nothing to show"
    );
}

#[test]
fn cost_chart_says_it_is_illustrative() {
    let drawn = svg(Chart::ScalingCost, &Metrics::default());
    has_all(
        &drawn,
        &[
            "What more capacity costs (illustrative)",
            "Illustrative model, not real prices",
            "capacity needed, in small servers",
            "cost (one small server = 1)",
            "scale up: one bigger machine",
            "scale out: more small machines",
            "biggest machine on sale",
        ],
    );
}

#[test]
fn delay_chart_marks_the_53_ms_light_floor_to_sydney() {
    let drawn = svg(Chart::LatencyByDistance, &Metrics::default());
    has_all(
        &drawn,
        &[
            "distance (km)",
            "one-way delay (ms)",
            "New York–Sydney: 53 ms",
            "light in a vacuum",
            "light in fibre",
            "measured in the geography run",
            "20,000",
        ],
    );
    let dots = drawn.matches("fill=\"#009E73\"").count();
    assert!(
        dots > experiments::measured_delays().len(),
        "one green dot per measured distance, plus the legend's: {dots}"
    );
}

#[test]
fn availability_chart_turns_the_run_into_downtime_a_year() {
    let drawn = svg(Chart::Availability, &ninety_nine_percent());
    has_all(
        &drawn,
        &[
            "This run: share of requests answered",
            "answered (%)",
            "What the nines allow: downtime a year",
            "hours down a year",
            "99.9%",
            "8.8 hours",
            "52.6 minutes",
            "5.3 minutes",
            "this run so far",
        ],
    );
    let written = centred_texts(&drawn);
    let three_days = written.iter().filter(|t| **t == "3.7 days").count();
    assert_eq!(three_days, 2, "two nines, and the run at 99%: {written:?}");
}

#[test]
fn partition_chart_counts_each_choice() {
    let drawn = svg(Chart::PartitionChoice, &Metrics::default());
    has_all(
        &drawn,
        &[
            "During a 4 s partition",
            "what a cut-off replica does",
            "keep answering",
            "refuse when cut off",
            "answered with stale data",
            "refused or timed out",
        ],
    );
    let written = centred_texts(&drawn);
    for outcome in experiments::partition_outcomes() {
        for count in [outcome.served, outcome.refused, outcome.stale] {
            let count = count.to_string();
            assert!(
                written.contains(&count.as_str()),
                "{count} is written on its bar: {written:?}"
            );
        }
    }
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
    let drawn = svg_with(Chart::Availability, &ninety_nine_percent(), &look);
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
