//! Playing a lesson step natively, the way the UI would: open the run a
//! step loads, act on it as the controls do, read the step's task and
//! question against it, and check what its text says.

use many_nodes::lessons::words::slips;
use many_nodes::lessons::{by_slug, Step};
use many_nodes::scenario::Scenario;
use many_nodes::sim::{millis, seconds, Action, LinkConfig, NodeId, Run, SimTime};

/// The step of lesson `slug` titled `title`, and the scenario it runs on
/// (its own, or the last one an earlier step loaded).
pub fn step(slug: &str, title: &str) -> (&'static Step, Scenario) {
    let Some((_, lesson)) = by_slug(slug) else {
        panic!("no lesson {slug}");
    };
    let Some(index) = lesson.steps.iter().position(|s| s.title == title) else {
        panic!("{slug} has no step '{title}'");
    };
    match lesson.scenario_for(index) {
        Some(scenario) => (&lesson.steps[index], scenario),
        None => panic!("{slug}: '{title}' runs on no scenario"),
    }
}

pub fn build(scenario: &Scenario) -> Box<dyn Run> {
    scenario
        .build()
        .unwrap_or_else(|problem| panic!("the scenario does not build: {problem}"))
}

/// The run a step opens with.
pub fn open(slug: &str, title: &str) -> (&'static Step, Box<dyn Run>) {
    let (step, scenario) = step(slug, title);
    (step, build(&scenario))
}

pub fn id(run: &dyn Run, name: &str) -> NodeId {
    match run.snapshot().nodes.iter().find(|n| n.name == name) {
        Some(node) => node.id,
        None => panic!("no node named {name}"),
    }
}

pub fn act(run: &mut dyn Run, at: SimTime, action: Action) {
    run.advance_to(at);
    if let Err(problem) = run.intervene(action) {
        panic!("the intervention failed: {problem}");
    }
}

/// Play the run a millisecond at a time, as the UI's clock does, until a
/// message with this label (and, if given, this receiver) is on the wire,
/// then drop it as the node menu's button does.
pub fn drop_next(run: &mut dyn Run, label: &str, to: Option<NodeId>) {
    let give_up = run.now() + seconds(60);
    while run.now() < give_up {
        let found = run
            .snapshot()
            .messages
            .iter()
            .find(|m| m.kind.id == label && to.is_none_or(|t| m.to == t))
            .map(|m| m.id);
        if let Some(message) = found {
            let now = run.now();
            act(run, now, Action::DropMessage(message));
            return;
        }
        let next = run.now() + millis(1);
        run.advance_to(next);
    }
    panic!("no {label} went on the wire within a minute");
}

pub fn task_done(step: &Step, run: &dyn Run) -> bool {
    match &step.task {
        Some(task) => (task.done)(run),
        None => panic!("'{}' has no task", step.title),
    }
}

/// What the step's task says once done, read from `run`; it must be free
/// of grammar slips.
pub fn praise(step: &Step, run: &dyn Run) -> String {
    let Some(task) = &step.task else {
        panic!("'{}' has no task", step.title);
    };
    let said = (task.praise)(run);
    let found = slips(&said);
    assert!(found.is_empty(), "'{}' praise has slips {found:?}: {said}", step.title);
    said
}

/// Whether `text` says `quoted`, with the text in the failure message.
pub fn assert_contains(text: &str, quoted: &str) {
    assert!(text.contains(quoted), "should say \"{quoted}\": {text}");
}

/// The answer the step's question reads from the run, once it has played
/// to the moment the question is about.
pub fn outcome(step: &Step, run: &mut dyn Run) -> usize {
    match &step.question {
        Some(question) => {
            run.advance_to(question.watch_until);
            (question.outcome)(run)
        }
        None => panic!("'{}' has no question", step.title),
    }
}

pub fn expected(step: &Step) -> usize {
    step.question.as_ref().map_or(usize::MAX, |q| q.expected)
}

/// The step's text, paragraphs and question together.
pub fn words(step: &Step) -> String {
    let mut all = step.text.join(" ");
    if let Some(question) = &step.question {
        all.push(' ');
        all.push_str(question.prompt);
        all.push(' ');
        all.push_str(&question.choices.join(" "));
        all.push(' ');
        all.push_str(&question.why.join(" "));
    }
    if let Some(task) = &step.task {
        all.push(' ');
        all.push_str(task.instruction);
    }
    all
}

pub fn assert_says(step: &Step, quoted: &str) {
    assert!(words(step).contains(quoted), "'{}' should say \"{quoted}\"", step.title);
}

/// How long every link of the scenario takes one way, in whole ms.
pub fn hop_ms(scenario: &Scenario) -> u64 {
    scenario.network.map_or(0, |link| link.latency / millis(1))
}

pub fn slower(latency: SimTime) -> Action {
    Action::SetNetwork(LinkConfig {
        latency,
        ..LinkConfig::default()
    })
}

/// What the named node's menu shows under `key`.
pub fn detail(run: &dyn Run, name: &str, key: &str) -> String {
    let snapshot = run.snapshot();
    let node = snapshot.nodes.iter().find(|n| n.name == name);
    let value = node.and_then(|n| n.details.iter().find(|(k, _)| *k == key).map(|(_, v)| v.clone()));
    value.unwrap_or_else(|| panic!("{name} shows no {key}"))
}

/// `value` rounded to whole units, with commas between thousands.
pub fn whole(value: f64) -> String {
    let digits = format!("{value:.0}");
    let mut out = String::new();
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(digit);
    }
    out
}
