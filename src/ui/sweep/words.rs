//! A finished sweep in sentences: what the checker found across the runs
//! ("A stale read happened in 37 of 100 runs."), what was lost, and who led,
//! and what each failing seed is listed as.

use super::tally::Tally;
use crate::scenario::sweep::{Consistency, SeedOutcome};

/// "1 run", "37 runs".
fn runs(n: usize) -> String {
    if n == 1 {
        "1 run".to_string()
    } else {
        format!("{n} runs")
    }
}

/// The headline: what the checker found, in one sentence.
pub fn verdict_sentence(tally: &Tally) -> String {
    let v = &tally.verdicts;
    let of = tally.runs;
    if v.no_operations == of {
        return format!("No client called the store in any of the {of} runs: there was nothing to check.");
    }
    let mut said = if v.violations() == 0 {
        format!("No stale read in any of the {of} runs: the checker found one order explaining every answer.")
    } else if v.other_violations == 0 {
        format!("A stale read happened in {} of {of} runs.", v.stale_reads)
    } else {
        format!(
            "The checker found an answer no order explains in {} of {of} runs ({} of them stale reads).",
            v.violations(),
            v.stale_reads
        )
    };
    if v.undecided > 0 {
        said.push_str(&format!(
            " In {} the checker ran out of steps before an answer.",
            runs(v.undecided)
        ));
    }
    said
}

/// What the runs lost, and who led, in a sentence or two.
pub fn details_sentence(tally: &Tally) -> String {
    let lost = &tally.lost;
    let mut said = if lost.runs_with_losses == 0 {
        "No run lost a request.".to_string()
    } else if lost.runs_with_losses == tally.runs {
        format!(
            "Every run lost requests (failed or timed out), up to {} in one run.",
            lost.most
        )
    } else {
        format!(
            "{} lost requests (failed or timed out), up to {} in one run.",
            capitalised(&runs(lost.runs_with_losses)),
            lost.most
        )
    };
    if let Some([none, _, more]) = tally.leaders {
        said.push(' ');
        said.push_str(&if more > 0 {
            format!("Two leaders in one term in {}!", runs(more))
        } else {
            "Never two leaders in one term.".to_string()
        });
        if none > 0 {
            said.push_str(&format!(" No leader was elected in {}.", runs(none)));
        }
    }
    if let Some((first, last)) = tally.seeds.filter(|(first, last)| first != last) {
        said.push_str(&format!(
            " The runs used seeds {first} to {last}, counting up from the seed of the run on screen."
        ));
    }
    said
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// What went wrong in a failing seed's run.
fn failure(outcome: &SeedOutcome) -> &'static str {
    match outcome.consistency {
        Consistency::Violation { stale_read: true } => "stale read",
        Consistency::Violation { stale_read: false } => "an answer no order explains",
        _ => "two leaders in one term",
    }
}

/// How a failing seed's button reads: "Seed 1043", with what went wrong
/// unless it is the usual stale read.
pub fn failing_seed(outcome: &SeedOutcome) -> String {
    match outcome.consistency {
        Consistency::Violation { stale_read: true } => format!("Seed {}", outcome.seed),
        _ => format!("Seed {} ({})", outcome.seed, failure(outcome)),
    }
}

/// What a failing seed's button does, in full: "Open seed 1043: stale read".
pub fn open_seed(outcome: &SeedOutcome) -> String {
    format!("Open seed {}: {}", outcome.seed, failure(outcome))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(seed: u64, consistency: Consistency, lost: u64) -> SeedOutcome {
        SeedOutcome {
            seed,
            consistency,
            requests_lost: lost,
            most_leaders_in_a_term: None,
        }
    }

    #[test]
    fn the_headline_counts_stale_reads_out_of_all_runs() {
        let outcomes: Vec<SeedOutcome> = (101..=200)
            .map(|seed| match seed {
                ..=163 => run(seed, Consistency::Linearizable, 0),
                _ => run(seed, Consistency::Violation { stale_read: true }, 4),
            })
            .collect();
        let tally = Tally::of(&outcomes);
        assert_eq!(verdict_sentence(&tally), "A stale read happened in 37 of 100 runs.");
        assert_eq!(
            details_sentence(&tally),
            "37 runs lost requests (failed or timed out), up to 4 in one run. \
             The runs used seeds 101 to 200, counting up from the seed of the run on screen."
        );
        assert_eq!(failing_seed(&outcomes[99]), "Seed 200");
        assert_eq!(open_seed(&outcomes[99]), "Open seed 200: stale read");
    }

    #[test]
    fn runs_that_all_lost_requests_are_every_run() {
        let outcomes: Vec<SeedOutcome> = (7..=106).map(|seed| run(seed, Consistency::Linearizable, 2)).collect();
        let said = details_sentence(&Tally::of(&outcomes));
        assert!(
            said.starts_with("Every run lost requests (failed or timed out), up to 2 in one run."),
            "{said}"
        );
    }

    #[test]
    fn a_clean_sweep_says_so_and_names_undecided_runs() {
        let mut outcomes = vec![run(1, Consistency::Linearizable, 0); 99];
        outcomes.push(run(1, Consistency::Undecided, 0));
        let said = verdict_sentence(&Tally::of(&outcomes));
        assert!(said.starts_with("No stale read in any of the 100 runs"), "{said}");
        assert!(
            said.ends_with("In 1 run the checker ran out of steps before an answer."),
            "{said}"
        );
        assert_eq!(details_sentence(&Tally::of(&outcomes)), "No run lost a request.");
    }
}
