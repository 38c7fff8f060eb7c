//! Every lesson keeps the shape the curriculum asks for, and every check in
//! it agrees with the simulation: questions come out as the text says when
//! nobody touches the run, tasks are not done until the student does them,
//! and every node a step points at exists.

use many_nodes::lessons::{by_slug, LESSONS};
use many_nodes::scenario::{decode, encode, Scenario};
use many_nodes::sim::{seconds, Run};

fn build(scenario: &Scenario, context: &str) -> Box<dyn Run> {
    scenario
        .build()
        .unwrap_or_else(|problem| panic!("{context}: the scenario does not build: {problem}"))
}

#[test]
fn every_lesson_has_a_goal_three_to_eight_steps_a_task_a_question_and_a_takeaway() {
    for lesson in LESSONS {
        assert!(
            !lesson.goal.is_empty() && !lesson.takeaway.is_empty(),
            "{}",
            lesson.slug
        );
        assert!(
            (3..=8).contains(&lesson.steps.len()),
            "{} has {} steps",
            lesson.slug,
            lesson.steps.len()
        );
        assert!(
            lesson.steps.iter().any(|s| s.task.is_some()),
            "{} has no task",
            lesson.slug
        );
        assert!(
            lesson.steps.iter().any(|s| s.question.is_some()),
            "{} has no question",
            lesson.slug
        );
        assert!(
            lesson.steps[0].scenario.is_some(),
            "{} opens without a scenario",
            lesson.slug
        );
        for step in lesson.steps {
            assert!(!step.text.is_empty(), "{}: '{}' has no text", lesson.slug, step.title);
            assert!(
                !(step.task.is_some() && step.question.is_some()),
                "{}: '{}' asks two things at once",
                lesson.slug,
                step.title
            );
        }
    }
}

#[test]
fn slugs_are_unique_and_fit_in_an_address() {
    for (index, lesson) in LESSONS.iter().enumerate() {
        assert!(
            lesson.slug.chars().all(|c| c.is_ascii_lowercase() || c == '-'),
            "{}",
            lesson.slug
        );
        assert_eq!(by_slug(lesson.slug).map(|(i, _)| i), Some(index), "{}", lesson.slug);
    }
}

#[test]
fn every_step_scenario_is_valid_and_survives_a_link() {
    for lesson in LESSONS {
        for step in lesson.steps.iter().filter(|s| s.scenario.is_some()) {
            let scenario = step.scenario.map(|make| make()).expect("filtered");
            assert_eq!(scenario.validate(), Ok(()), "{}: '{}'", lesson.slug, step.title);
            assert_eq!(decode(&encode(&scenario)), Ok(scenario.clone()), "{}", lesson.slug);
        }
    }
}

#[test]
fn every_prediction_comes_out_as_the_lesson_expects_when_nobody_intervenes() {
    for lesson in LESSONS {
        for step in lesson.steps {
            let Some(question) = &step.question else { continue };
            let context = format!("{}: '{}'", lesson.slug, step.title);
            assert!(step.scenario.is_some(), "{context}: a question needs its own scenario");
            assert!(question.choices.len() >= 2, "{context}: fewer than two choices");
            assert_eq!(
                question.why.len(),
                question.choices.len(),
                "{context}: one 'why' per choice"
            );
            assert!(question.expected < question.choices.len(), "{context}");
            let scenario = step.scenario.map(|make| make()).expect("checked above");
            let mut run = build(&scenario, &context);
            run.advance_to(question.watch_until);
            assert_eq!((question.outcome)(run.as_ref()), question.expected, "{context}");
        }
    }
}

#[test]
fn no_task_is_done_before_the_student_acts() {
    for lesson in LESSONS {
        for (index, step) in lesson.steps.iter().enumerate() {
            let Some(task) = &step.task else { continue };
            let context = format!("{}: '{}'", lesson.slug, step.title);
            let scenario = lesson.scenario_for(index).expect("the first step has a scenario");
            let mut run = build(&scenario, &context);
            assert!(!(task.done)(run.as_ref()), "{context}: done at the start");
            run.advance_to(seconds(60));
            assert!(
                !(task.done)(run.as_ref()),
                "{context}: done after a minute of doing nothing"
            );
        }
    }
}

#[test]
fn every_node_a_step_points_at_exists() {
    for lesson in LESSONS {
        for (index, step) in lesson.steps.iter().enumerate() {
            let Some(name) = step.point_at else { continue };
            let scenario = lesson.scenario_for(index).expect("the first step has a scenario");
            let run = build(&scenario, lesson.slug);
            assert!(
                run.snapshot().nodes.iter().any(|n| n.name == name),
                "{}: '{}' points at {name}, which is not in its cluster",
                lesson.slug,
                step.title
            );
        }
    }
}

/// A step that carries on an earlier run, opened by itself (from a link),
/// finds every earlier task that has an example done, as a student who
/// came through Next would have left it; and a task followed by such a
/// step that shows its effect (a chart or a takeaway) has one.
#[test]
fn a_step_opened_by_itself_finds_the_tasks_before_it_done() {
    let mut checked = 0;
    for lesson in LESSONS {
        for (index, step) in lesson.steps.iter().enumerate() {
            if step.scenario.is_some() {
                continue;
            }
            let Some(owner) = lesson.steps[..index].iter().rposition(|s| s.scenario.is_some()) else {
                continue;
            };
            let Some(scenario) = lesson.scenario_for(index) else {
                continue;
            };
            let at = format!("{} step {}", lesson.slug, index + 1);
            for task in lesson.steps[owner..index].iter().filter_map(|s| s.task.as_ref()) {
                if task.example.is_none() {
                    continue;
                }
                // Checked four times a second from where the step opens, as
                // the page checks a task, for a few seconds.
                let mut run = build(&scenario, &at);
                let mut t = scenario.playhead;
                let done = loop {
                    run.advance_to(t);
                    if (task.done)(run.as_ref()) || t > scenario.playhead + seconds(5) {
                        break (task.done)(run.as_ref());
                    }
                    t += seconds(1) / 4;
                };
                assert!(done, "{at}: opened by itself, \"{}\" is not done", task.instruction);
                checked += 1;
            }
        }
    }
    assert!(checked >= 2, "only {checked} examples checked");
}
