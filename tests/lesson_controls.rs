//! Lessons name the page's controls only through the control table: every
//! `{id}` in any lesson text is a control the page has, and no text types a
//! control's label by hand after "press", "choose" and the like, where it
//! could drift from the button. Every sentence is also free of the grammar
//! slips computed text is prone to ("a answer", "1 nodes").

use many_nodes::lessons::controls::{hand_typed_labels, pieces, plain};
use many_nodes::lessons::glossary::GLOSSARY;
use many_nodes::lessons::words::slips;
use many_nodes::lessons::LESSONS;
use many_nodes::sim::Run;

/// Every sentence the course shows, with where it comes from.
fn every_text() -> Vec<(String, String)> {
    let mut texts = Vec::new();
    for lesson in LESSONS {
        let mut add = |place: String, text: &str| texts.push((format!("{}: {place}", lesson.slug), text.to_string()));
        add("goal".into(), lesson.goal);
        add("takeaway".into(), lesson.takeaway);
        for (index, step) in lesson.steps.iter().enumerate() {
            let at = |what: &str| format!("step {} {what}", index + 1);
            add(at("title"), step.title);
            for paragraph in step.text {
                add(at("text"), paragraph);
            }
            if let Some(task) = &step.task {
                add(at("instruction"), task.instruction);
                add(at("hint"), task.hint);
                if let Some(run) = lesson.scenario_for(index).and_then(|s| s.build().ok()) {
                    add(at("praise"), &(task.praise)(run.as_ref() as &dyn Run));
                }
            }
            if let Some(question) = &step.question {
                add(at("prompt"), question.prompt);
                for text in question.choices.iter().chain(question.why) {
                    add(at("answer"), text);
                }
            }
        }
    }
    for term in GLOSSARY.iter() {
        texts.push((format!("glossary: {}", term.word), term.meaning.to_string()));
    }
    texts
}

#[test]
fn every_named_control_exists() {
    for (place, text) in every_text() {
        if let Err(problem) = pieces(&text) {
            panic!("{place} names a control the page does not have: {problem:?} in {text:?}");
        }
    }
}

#[test]
fn no_control_label_is_typed_by_hand() {
    for (place, text) in every_text() {
        let typed = hand_typed_labels(&text);
        assert!(
            typed.is_empty(),
            "{place} types {typed:?} by hand: name the control as {{id}} from lessons::controls"
        );
    }
}

#[test]
fn no_text_has_grammar_slips() {
    for (place, text) in every_text() {
        let found = slips(&plain(&text));
        assert!(found.is_empty(), "{place} has {found:?}: {text}");
    }
}
