//! The labs, each graded natively: a reference solution passes every
//! property over 200 seeds; the starter and known-wrong solutions fail the
//! property they break, with the explanation a student would read. The
//! solutions live here, beside the tests, never in the shipped code.
#![cfg(not(target_arch = "wasm32"))]

mod election;
mod exactly_once;
mod gossip;
mod grading;
mod lamport;
mod primary_backup;

use many_nodes::lab::grade::{grade, CODE_RUNS};
use many_nodes::lab::{Grade, Lab, Verdict};

/// `source` graded for `lab` over seeds 0 to 199.
fn graded(lab: &'static Lab, source: &str) -> Grade {
    grade(lab, source, 0..200).expect("the script compiles")
}

/// `source` passes every property of `lab` under each of 200 seeds.
fn passes_every_seed(lab: &'static Lab, source: &str) {
    let grade = graded(lab, source);
    assert_eq!(grade.runs, 200);
    assert!(grade.passed(), "{:?}", grade.first_failure());
}

/// The first failure's property and explanation.
fn first_failure(grade: &Grade) -> (&'static str, String) {
    match grade.first_failure() {
        Some((_, Verdict::Failed { property, explanation })) => (property, explanation.clone()),
        other => panic!("expected a failed run, got {other:?}"),
    }
}

/// Each of `sources` fails, where it fails, a property of `lab`, never
/// because its code broke (over 20 seeds).
fn fails_only_its_properties(lab: &'static Lab, sources: &[&str]) {
    for source in sources {
        let grade = grade(lab, source, 0..20).expect("the script compiles");
        assert!(grade
            .failures
            .iter()
            .all(|(_, verdict)| !matches!(verdict, Verdict::Failed { property, .. } if *property == CODE_RUNS)));
    }
}
