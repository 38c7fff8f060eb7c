//! Grading itself, whatever the lab: slices give the grade a single pass
//! gives, a failing seed opens on a timeline as the very run that was
//! graded, code that floods the engine fails instead of running forever,
//! and each property's tally adds up to the failed runs.

use many_nodes::lab::grade::{grade, Grading, CODE_RUNS};
use many_nodes::lab::labs::{all, exactly_once};
use many_nodes::lab::test_run::{timeline, TestRun, EVENTS_PER_RUN};
use many_nodes::lab::Program;

const NO_DEDUP: &str = include_str!("exactly_once/no_dedup.rhai");

/// A server that answers every save, and keeps a timer firing at 0 ms.
const FLOODING: &str = r#"
fn on_start() { set_timer("again", 0); }
fn on_timer(name) { set_timer("again", 0); }
fn on_message(from, msg) { reply(#{type: "saved", id: msg.id}); }
"#;

#[test]
fn grading_in_slices_gives_the_grade_of_one_pass() {
    let whole = grade(&exactly_once::LAB, NO_DEDUP, 0..12).expect("compiles");
    assert!(!whole.passed(), "the known-wrong server fails some of these seeds");
    for slice in [1, 97, 1_000] {
        let mut grading = Grading::new(&exactly_once::LAB, NO_DEDUP, 0..12).expect("compiles");
        let mut slices = 0;
        while !grading.work(&mut { slice }) {
            slices += 1;
        }
        assert!(slices > 0, "a budget of {slice} needs more than one slice");
        assert_eq!(grading.grade(), whole, "graded in slices of {slice}");
        assert_eq!(grading.progress(), (12, 12));
    }
}

#[test]
fn a_slice_spends_no_more_than_its_budget() {
    let mut grading = Grading::new(&exactly_once::LAB, NO_DEDUP, 0..3).expect("compiles");
    let mut previous = grading.progress();
    loop {
        let mut budget = 250;
        let done = grading.work(&mut budget);
        assert!(budget <= 250);
        assert!(grading.progress().0 >= previous.0);
        previous = grading.progress();
        if done {
            break;
        }
    }
    assert_eq!(previous, (3, 3));
}

#[test]
fn a_failing_seed_opens_as_the_run_that_was_graded() {
    for lab in all() {
        let program = std::rc::Rc::new(Program::compile(lab.starter, lab.kinds).expect("the starter compiles"));
        for seed in [0, 5] {
            let mut graded = TestRun::new(lab, &program, seed);
            graded.work(&mut { u64::MAX });
            let mut watched = timeline(lab, &program, seed);
            watched.advance_to(lab.duration);
            assert_eq!(
                watched.world().trace().digest(),
                graded.world().trace().digest(),
                "{} seed {seed}",
                lab.id
            );
        }
    }
}

#[test]
fn code_that_floods_the_engine_fails_and_grading_ends() {
    let mut grading = Grading::new(&exactly_once::LAB, FLOODING, 0..2).expect("compiles");
    let mut slices = 0u64;
    while !grading.work(&mut { 10_000 }) {
        slices += 1;
        assert!(slices <= 2 * EVENTS_PER_RUN / 10_000 + 2, "grading never ends");
    }
    let outcomes = grading.outcomes();
    assert_eq!(outcomes[0].property, CODE_RUNS);
    assert_eq!(outcomes[0].failed_runs, 2);
    assert_eq!(outcomes[0].checked_runs, 2);
    assert!(
        outcomes[1..].iter().all(|outcome| outcome.checked_runs == 0),
        "code that crashed in every run checked nothing else: {outcomes:?}"
    );
    let (seed, why) = outcomes[0].first_failure.clone().expect("a first failure");
    assert_eq!(seed, 0);
    assert!(why.contains("0 ms"), "{why}");
}

#[test]
fn each_property_counts_the_runs_that_failed_it() {
    let mut grading = Grading::new(&exactly_once::LAB, exactly_once::LAB.starter, 0..30).expect("compiles");
    grading.work(&mut { u64::MAX });
    let outcomes = grading.outcomes();
    let names: Vec<&str> = outcomes.iter().map(|outcome| outcome.property).collect();
    assert_eq!(names, [CODE_RUNS, exactly_once::APPLIED_ONCE, exactly_once::ANSWERED]);
    assert!(
        outcomes.iter().all(|outcome| outcome.checked_runs == 30),
        "the starter never crashes"
    );
    let failed: u64 = outcomes.iter().map(|outcome| outcome.failed_runs).sum();
    assert_eq!(failed, grading.grade().failures.len() as u64);
    let first = grading.grade().failures[0].0;
    assert!(outcomes
        .iter()
        .any(|outcome| outcome.first_failure.as_ref().map(|f| f.0) == Some(first)));
}

#[test]
fn a_lab_with_a_figure_reports_its_mean_over_the_runs_that_ended() {
    use many_nodes::lab::grade::run;
    use many_nodes::lab::labs::gossip::{self, messages_per_value};
    let source = include_str!("gossip/reference.rhai");
    let graded = grade(&gossip::LAB, source, 0..4).expect("the script compiles");
    let program = Program::compile(source, gossip::LAB.kinds).expect("the script compiles");
    let sum: u64 = (0..4)
        .map(|seed| messages_per_value(&run(&gossip::LAB, &program, seed)))
        .sum();
    assert_eq!(
        graded.measured,
        Some(("messages between your nodes per value", sum / 4))
    );
    let plain = grade(&exactly_once::LAB, NO_DEDUP, 0..2).expect("the script compiles");
    assert_eq!(plain.measured, None, "a lab with no figure reports none");
}
