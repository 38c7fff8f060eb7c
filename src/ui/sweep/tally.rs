//! The numbers a finished sweep shows: how many runs the checker found
//! linearizable, broken or undecided, how many requests each run lost, and,
//! in a cluster with elections, how many leaders its busiest term had.
//! Pure, so the chart and the sentences are tested natively.

use crate::scenario::sweep::{Consistency, SeedOutcome};

/// How many runs came to each verdict.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Verdicts {
    pub linearizable: usize,
    pub stale_reads: usize,
    /// Violations whose breaking answer came to a write or an add.
    pub other_violations: usize,
    pub undecided: usize,
    pub no_operations: usize,
}

impl Verdicts {
    pub fn violations(&self) -> usize {
        self.stale_reads + self.other_violations
    }
}

/// Runs counted by how many requests they lost, in ranges of equal width.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LostRequests {
    /// How many requests each range spans.
    pub width: u64,
    /// Runs per range: the first counts runs that lost `0..width`.
    pub runs: Vec<usize>,
    /// The most any one run lost.
    pub most: u64,
    /// Runs that lost any request.
    pub runs_with_losses: usize,
}

/// The most ranges the lost-requests histogram is split into.
const LOST_RANGES: u64 = 8;

/// Everything the chart and the sentences of a finished sweep say.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Tally {
    pub runs: usize,
    pub verdicts: Verdicts,
    pub lost: LostRequests,
    /// Runs counted by the most leaders any one term had (index 0: none
    /// elected, 1: one, 2: two or more); `None` without elections.
    pub leaders: Option<[usize; 3]>,
    /// The first and the last seed run, in the order they ran; `None`
    /// before any run.
    pub seeds: Option<(u64, u64)>,
}

impl Tally {
    pub fn of(outcomes: &[SeedOutcome]) -> Tally {
        let mut verdicts = Verdicts::default();
        for outcome in outcomes {
            match outcome.consistency {
                Consistency::Linearizable => verdicts.linearizable += 1,
                Consistency::Violation { stale_read: true } => verdicts.stale_reads += 1,
                Consistency::Violation { stale_read: false } => verdicts.other_violations += 1,
                Consistency::Undecided => verdicts.undecided += 1,
                Consistency::NoOperations => verdicts.no_operations += 1,
            }
        }
        let most = outcomes.iter().map(|o| o.requests_lost).max().unwrap_or(0);
        let width = (most / LOST_RANGES + 1).max(1);
        let mut runs = vec![0; (most / width + 1) as usize];
        for outcome in outcomes {
            if let Some(slot) = runs.get_mut((outcome.requests_lost / width) as usize) {
                *slot += 1;
            }
        }
        let leaders = outcomes.iter().any(|o| o.most_leaders_in_a_term.is_some()).then(|| {
            let mut counts = [0; 3];
            for most in outcomes.iter().filter_map(|o| o.most_leaders_in_a_term) {
                counts[most.min(2)] += 1;
            }
            counts
        });
        Tally {
            runs: outcomes.len(),
            verdicts,
            lost: LostRequests {
                width,
                runs,
                most,
                runs_with_losses: outcomes.iter().filter(|o| o.requests_lost > 0).count(),
            },
            leaders,
            seeds: outcomes
                .first()
                .zip(outcomes.last())
                .map(|(first, last)| (first.seed, last.seed)),
        }
    }
}

/// A seed's outcome made by hand, for the tally's and the chart's tests.
#[cfg(test)]
pub(crate) fn run(seed: u64, consistency: Consistency, lost: u64, leaders: Option<usize>) -> SeedOutcome {
    SeedOutcome {
        seed,
        consistency,
        requests_lost: lost,
        most_leaders_in_a_term: leaders,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verdicts_losses_and_leaders_are_counted_per_run() {
        let tally = Tally::of(&[
            run(1, Consistency::Linearizable, 0, None),
            run(2, Consistency::Violation { stale_read: true }, 3, None),
            run(3, Consistency::Violation { stale_read: false }, 17, None),
            run(4, Consistency::Undecided, 9, None),
        ]);
        assert_eq!(tally.runs, 4);
        assert_eq!(tally.verdicts.violations(), 2);
        assert_eq!((tally.verdicts.linearizable, tally.verdicts.undecided), (1, 1));
        assert_eq!(tally.lost.most, 17);
        assert_eq!(tally.lost.runs.iter().sum::<usize>(), 4);
        assert_eq!(tally.lost.runs_with_losses, 3);
        assert!(tally.lost.runs.len() as u64 <= LOST_RANGES + 1);
        assert_eq!(tally.leaders, None);
    }

    #[test]
    fn leaders_per_term_are_counted_where_there_are_elections() {
        let tally = Tally::of(&[
            run(1, Consistency::NoOperations, 0, Some(1)),
            run(2, Consistency::NoOperations, 0, Some(0)),
            run(3, Consistency::NoOperations, 0, Some(3)),
        ]);
        assert_eq!(tally.leaders, Some([1, 1, 1]));
        assert_eq!(tally.lost.runs, vec![3]);
    }
}
