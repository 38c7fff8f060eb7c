//! Each chart's numbers in a sentence or two: the text alternative a screen
//! reader announces and the caption printed under the canvas.

use crate::lessons::{facts, Chart};
use crate::sim::words::count;
use crate::sim::Metrics;
use crate::ui::charts::data::{self, thousands, BIGGEST_MACHINE};
use crate::ui::charts::draw::NOTHING_YET;
use crate::ui::charts::experiments::{self, ChoiceOutcome, SCALE_CLIENTS};

/// What `chart` shows, given the live run's metrics.
pub fn describe(chart: Chart, live: &Metrics) -> String {
    match chart {
        Chart::ScalingOut => scaling_out(live),
        Chart::ScalingCost => scaling_cost(),
        Chart::LatencyByDistance => latency_by_distance(),
        Chart::Availability => availability(live),
        Chart::PartitionChoice => partition_choice(),
    }
}

fn scaling_out(live: &Metrics) -> String {
    let curve = experiments::scaling_curve();
    let offered = experiments::offered_per_s();
    let point = |p: &experiments::ScalePoint| {
        let servers = count(u64::from(p.servers), "server");
        let wait = p
            .p50_ms
            .map(|ms| format!(" (median wait {ms:.0} ms)"))
            .unwrap_or_default();
        format!("{servers} answered {:.0} a second{wait}", p.served_per_s)
    };
    let first = curve.first().map(point).unwrap_or_default();
    let enough = curve.iter().find(|p| p.served_per_s >= offered - 1.0).map(point);
    let enough = enough
        .map(|e| format!(", {e}, and more servers added nothing"))
        .unwrap_or_default();
    format!(
        "With {SCALE_CLIENTS} clients asking {offered:.0} times a second in all, {first}{enough}. \
         This run has answered {} requests.",
        live.totals.succeeded
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

fn latency_by_distance() -> String {
    let km = facts::NEW_YORK_TO_SYDNEY_KM;
    let measured: Vec<String> = experiments::measured_delays()
        .iter()
        .map(|m| format!("{} km took {:.0} ms", thousands(m.km), m.one_way_ms))
        .collect();
    format!(
        "Light needs at least {:.0} ms to cross {} km in a vacuum and {:.0} ms in fibre. In the geography run, \
         messages sent {}.",
        facts::light_ms_in_vacuum(km),
        thousands(km),
        facts::light_ms_in_fibre(km),
        measured.join(" and ")
    )
}

fn availability(live: &Metrics) -> String {
    let nines: Vec<String> = data::nines()
        .iter()
        .map(|n| format!("{} allows {}", n.label, data::downtime_label(n.downtime_hours_per_year)))
        .collect();
    let run = match data::overall_availability(live).map(data::Nines::new) {
        Some(run) if run.downtime_hours_per_year > 0.0 => format!(
            "This run has answered {} of requests so far: over a year that would be {} down.",
            run.label,
            data::downtime_label(run.downtime_hours_per_year)
        ),
        Some(run) => format!("This run has answered {} of requests so far.", run.label),
        None => format!("{NOTHING_YET} in this run."),
    };
    format!("{run} Downtime a year: {}.", nines.join(", "))
}

fn partition_choice() -> String {
    let side = |o: &ChoiceOutcome| {
        format!(
            "replicas that {} answered {} requests, refused or lost {}, and {} answers were stale",
            data::choice_name(o.choice),
            o.served,
            o.refused,
            o.stale
        )
    };
    let sides: Vec<String> = experiments::partition_outcomes().iter().map(side).collect();
    format!(
        "While the primary was cut off from both backups for {} s, {}.",
        experiments::PARTITION_UNTIL_S - experiments::PARTITION_FROM_S,
        sides.join("; ")
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::{millis, Observation};

    #[test]
    fn every_caption_quotes_its_numbers() {
        let empty = Metrics::default();
        assert!(describe(Chart::LatencyByDistance, &empty).contains("at least 53 ms to cross 16,000 km"));
        assert!(describe(Chart::LatencyByDistance, &empty).contains("78 ms in fibre"));
        assert!(describe(Chart::ScalingCost, &empty).starts_with("An illustrative model, not real prices."));
        assert!(describe(Chart::ScalingCost, &empty).contains("one bigger machine costs 64"));
        assert!(describe(Chart::Availability, &empty).contains("99.9% allows 8.8 hours"));
        assert!(describe(Chart::Availability, &empty).contains(NOTHING_YET));
        let scaling = describe(Chart::ScalingOut, &empty);
        assert!(
            scaling.contains("asking 80 times a second in all, 1 server answered"),
            "{scaling}"
        );
        assert!(
            scaling.contains("4 servers answered 80 a second (median wait 70 ms)"),
            "{scaling}"
        );
        assert!(describe(Chart::PartitionChoice, &empty).contains("refused or lost 0"));
    }

    #[test]
    fn availability_caption_turns_the_run_into_downtime_a_year() {
        let mut live = Metrics::default();
        for _ in 0..99 {
            live.record(millis(10), Observation::RequestSucceeded { latency: millis(5) });
        }
        live.record(millis(20), Observation::RequestTimedOut);
        let text = describe(Chart::Availability, &live);
        assert!(
            text.contains("answered 99% of requests so far: over a year that would be 3.7 days down"),
            "{text}"
        );
    }
}
