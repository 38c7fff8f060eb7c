//! Each chart's numbers in a sentence or two: the text alternative a screen
//! reader announces and the caption printed under the canvas. What comes
//! from the run on screen is read from it, so a caption says nothing about
//! a run that has not happened yet (a prediction's run waits at its start
//! until the answer is locked in).

use crate::lessons::experiments::{self, SplitOutcome};
use crate::lessons::{facts, Chart};
use crate::sim::words::count;
use crate::sim::{Metrics, Run};
use crate::ui::charts::data::{self, thousands, BIGGEST_MACHINE};
use crate::ui::charts::draw::NOTHING_YET;

/// What `chart` shows, given the run on screen.
pub fn describe(chart: Chart, run: &dyn Run) -> String {
    match chart {
        Chart::ScalingOut => scaling_out(run.metrics()),
        Chart::ScalingCost => scaling_cost(),
        Chart::LatencyByDistance => latency_by_distance(run),
        Chart::Availability => availability(run.metrics()),
        Chart::PartitionChoice => partition_choice(run),
    }
}

fn scaling_out(live: &Metrics) -> String {
    let Some(workload) = experiments::scale_workload() else {
        return format!(
            "So far this run's clients have had {}.",
            count(live.totals.succeeded, "answer")
        );
    };
    let curve = experiments::scaling_curve();
    let offered = workload.offered_per_s();
    let point = |p: &experiments::ScalePoint| {
        let servers = count(u64::from(p.servers), "server");
        let wait = p
            .p50_ms
            .map(|ms| format!(" (median wait {ms:.0} ms)"))
            .unwrap_or_default();
        format!(
            "with {servers}, {:.0} answers a second reached a client still waiting{wait}",
            p.served_per_s
        )
    };
    let first = curve.first().map(point).unwrap_or_default();
    let enough = curve
        .iter()
        .skip(1)
        .find(|p| p.served_per_s >= offered - 1.0)
        .map(point);
    let enough = enough
        .map(|e| format!("; {e}, and more servers added nothing"))
        .unwrap_or_default();
    format!(
        "This lesson's cluster, with {} clients asking {offered:.0} times a second in all: \
         {first}{enough}. So far this run's clients have had {}.",
        workload.clients,
        count(live.totals.succeeded, "answer")
    )
}

fn scaling_cost() -> String {
    let need = BIGGEST_MACHINE / 2.0;
    format!(
        "An illustrative model, not real prices. For {need:.0} small servers' worth of work, one bigger machine costs \
         {:.0} while {need:.0} small machines and a load balancer cost {:.0}. No machine on sale does more than \
         {BIGGEST_MACHINE:.0} servers' work; small machines can keep being added.",
        data::scale_up_cost(need).unwrap_or(0.0),
        data::scale_out_cost(need)
    )
}

fn latency_by_distance(run: &dyn Run) -> String {
    let km = facts::NEW_YORK_TO_SYDNEY_KM;
    let floor = format!(
        "Light needs at least {:.1} ms to cross {} km in a vacuum and {:.1} ms in fibre.",
        facts::light_ms_in_vacuum(km),
        thousands(km),
        facts::light_ms_in_fibre(km)
    );
    let measured: Vec<String> = data::measured_delays(run)
        .iter()
        .map(|m| format!("{} km took {:.0} ms", thousands(m.km), m.one_way_ms))
        .collect();
    if measured.is_empty() {
        format!("{floor} No message has arrived yet in this run.")
    } else {
        format!(
            "{floor} In this run, messages sent {}, one way.",
            crate::lessons::words::list(&measured)
        )
    }
}

fn availability(live: &Metrics) -> String {
    let nines: Vec<String> = data::nines()
        .iter()
        .map(|n| format!("{} allows {}", n.label, data::downtime_label(n.downtime_hours_per_year)))
        .collect();
    let totals = &live.totals;
    let ended = totals.succeeded + totals.failed + totals.timed_out;
    let run = match data::overall_availability(live).map(data::Nines::new) {
        Some(run) if run.downtime_hours_per_year > 0.0 => format!(
            "This run has answered {} of its {} so far ({:.1}%). Nines are measured over months: a moment \
             of trouble weighs far more in a run of seconds than it would in a year.",
            totals.succeeded,
            count(ended, "request"),
            run.availability * 100.0,
        ),
        Some(run) => format!("This run has answered {} of requests so far.", run.label),
        None => format!("{NOTHING_YET} in this run."),
    };
    format!("{run} Downtime a year: {}.", nines.join(", "))
}

/// "answered 120 requests, refused or lost 0, and 3 answers were stale".
fn outcome_words(outcome: &SplitOutcome) -> String {
    format!(
        "{} answered, {} refused or lost, and {} stale",
        count(outcome.served, "request"),
        outcome.refused,
        count(outcome.stale, "answer")
    )
}

fn partition_choice(run: &dyn Run) -> String {
    use crate::lessons::words::secs;
    let preset = experiments::refusing_store().map(|o| {
        format!(
            "Set to refuse when cut off instead, as in the step before, the same store and split gave, in the {} \
             after the split: {}.",
            secs(o.to.saturating_sub(o.from)),
            outcome_words(o)
        )
    });
    let live = match data::since_the_split(run) {
        Some(o) => format!(
            "This run, since its network split at {}: {} so far.",
            secs(o.from),
            outcome_words(&o)
        ),
        None => "In this run the network has not split yet.".to_string(),
    };
    [preset, Some(live)].into_iter().flatten().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lessons::first_showing;
    use crate::sim::{millis, Observation};

    /// The run of the first step that shows `chart`, at its start.
    fn lesson_run(chart: Chart) -> Box<dyn Run> {
        let scenario = first_showing(chart).and_then(|(lesson, index)| lesson.scenario_for(index));
        match scenario.map(|s| s.build()) {
            Some(Ok(run)) => run,
            _ => panic!("no lesson step shows {chart:?} on a scenario that builds"),
        }
    }

    #[test]
    fn every_caption_quotes_its_numbers() {
        let run = lesson_run(Chart::LatencyByDistance);
        let text = describe(Chart::LatencyByDistance, run.as_ref());
        assert!(text.contains("at least 53.4 ms to cross 16,000 km"), "{text}");
        assert!(text.contains("78.5 ms in fibre"), "{text}");
        assert!(text.contains("No message has arrived yet"), "{text}");
        assert!(describe(Chart::ScalingCost, run.as_ref()).starts_with("An illustrative model, not real prices."));
        assert!(describe(Chart::ScalingCost, run.as_ref()).contains("one bigger machine costs 64"));
        assert!(describe(Chart::Availability, run.as_ref()).contains("99.9% allows 8.8 hours"));
        assert!(describe(Chart::Availability, run.as_ref()).contains(NOTHING_YET));
    }

    #[test]
    fn the_scaling_caption_describes_the_lesson_s_own_load() {
        let run = lesson_run(Chart::ScalingOut);
        let text = describe(Chart::ScalingOut, run.as_ref());
        let Some(workload) = experiments::scale_workload() else {
            panic!("no workload");
        };
        let offered = workload.offered_per_s();
        assert!(
            text.contains(&format!(
                "with {} clients asking {offered:.0} times a second in all: with 1 server,",
                workload.clients,
            )),
            "{text}"
        );
        let one = experiments::scaling_curve().first().map_or(0.0, |p| p.served_per_s);
        assert!(
            one < workload.server_capacity_per_s(),
            "one server's queue makes clients give up: {one}"
        );
        assert!(
            text.contains(&format!(
                "with 2 servers, {offered:.0} answers a second reached a client still waiting"
            )),
            "{text}"
        );
        assert!(text.contains("4 clients asking 20 times"), "{text}");
    }

    #[test]
    fn the_delay_caption_reports_the_run_s_own_messages_once_they_arrive() {
        let mut run = lesson_run(Chart::LatencyByDistance);
        run.advance_to(crate::sim::seconds(4));
        let text = describe(Chart::LatencyByDistance, run.as_ref());
        let measured = data::measured_delays(run.as_ref());
        assert!(measured.len() >= 2, "{measured:?}");
        for sample in measured {
            assert!(
                text.contains(&format!("{} km took {:.0} ms", thousands(sample.km), sample.one_way_ms)),
                "{text}"
            );
            assert!(
                sample.one_way_ms >= facts::light_ms_in_fibre(sample.km),
                "{sample:?} beats light"
            );
        }
    }

    #[test]
    fn the_partition_caption_waits_for_the_split_then_counts_it() {
        let mut run = lesson_run(Chart::PartitionChoice);
        let before = describe(Chart::PartitionChoice, run.as_ref());
        assert!(
            before.contains("In this run the network has not split yet."),
            "{before}"
        );
        assert!(
            before.contains("Set to refuse when cut off instead, as in the step before, the same store and split gave"),
            "{before}"
        );
        run.advance_to(crate::sim::seconds(8));
        let after = describe(Chart::PartitionChoice, run.as_ref());
        let Some(live) = data::since_the_split(run.as_ref()) else {
            panic!("the lesson's run splits");
        };
        assert!(
            after.contains(&format!(
                "This run, since its network split at 2 s: {}",
                outcome_words(&live)
            )),
            "{after}"
        );
    }

    #[test]
    fn availability_caption_counts_the_run_and_does_not_stretch_seconds_to_a_year() {
        let mut live = Metrics::default();
        for _ in 0..99 {
            live.record(millis(10), Observation::RequestSucceeded { latency: millis(5) });
        }
        live.record(millis(20), Observation::RequestTimedOut);
        let text = availability(&live);
        assert!(
            text.contains("answered 99 of its 100 requests so far (99.0%)") && !text.contains("over a year"),
            "{text}"
        );
    }
}
