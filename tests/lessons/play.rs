//! Playing a lesson step natively, the way the UI would: open the run a
//! step loads (by its title or its place in the lesson), act on it as the
//! controls do, read the step's task and question against it, and check
//! what its text says. Shared by the tests of every lesson.

use many_nodes::lessons::words::slips;
use many_nodes::lessons::{by_slug, Lesson, Step, Task};
use many_nodes::scenario::Scenario;
use many_nodes::sim::{millis, seconds, Action, LinkConfig, NodeId, Run, SimTime, TraceKind};
use many_nodes::ui::fact_words::value_words;

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

/// What the named node's menu shows under `key`, written as the page
/// writes it.
pub fn detail(run: &dyn Run, name: &str, key: &str) -> String {
    let snapshot = run.snapshot();
    let names: Vec<String> = snapshot.nodes.iter().map(|n| n.name.clone()).collect();
    let node = snapshot.nodes.iter().find(|n| n.name == name);
    let fact = node.and_then(|n| n.details.iter().find(|f| f.what == key));
    fact.map(|f| value_words(&f.value, &names))
        .unwrap_or_else(|| panic!("{name} shows no {key}"))
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

pub fn lesson(slug: &str) -> &'static Lesson {
    match by_slug(slug) {
        Some((_, lesson)) => lesson,
        None => panic!("no lesson {slug}"),
    }
}

/// Step `index` (from 0) of lesson `slug`.
pub fn step_at(slug: &str, index: usize) -> &'static Step {
    match lesson(slug).steps.get(index) {
        Some(step) => step,
        None => panic!("{slug} has no step {index}"),
    }
}

/// The scenario a step shows: its own, or the one it keeps from an earlier step.
pub fn scenario_at(slug: &str, index: usize) -> Scenario {
    match lesson(slug).scenario_for(index) {
        Some(scenario) => scenario,
        None => panic!("{slug} step {index} has no scenario to run"),
    }
}

pub fn task_at(slug: &str, index: usize) -> &'static Task {
    match &step_at(slug, index).task {
        Some(task) => task,
        None => panic!("{slug} step {index} has no task"),
    }
}

pub fn build_at(slug: &str, index: usize) -> Box<dyn Run> {
    build(&scenario_at(slug, index))
}

/// Act on the run now, as a control does.
pub fn act_now(run: &mut dyn Run, action: Action) {
    let now = run.now();
    act(run, now, action);
}

/// Whether `done` holds at some check between now and `until`, checked four
/// times a second as the UI does.
pub fn done_by(run: &mut dyn Run, done: fn(&dyn Run) -> bool, until: SimTime) -> bool {
    while run.now() < until {
        let next = run.now() + millis(250);
        run.advance_to(next);
        if done(run) {
            return true;
        }
    }
    false
}

/// A minute of the step's scenario, untouched, never shows the task done.
pub fn stays_undone_untouched(slug: &str, index: usize) {
    let mut run = build_at(slug, index);
    assert!(
        !done_by(run.as_mut(), task_at(slug, index).done, seconds(60)),
        "{slug} step {index} completes on its own"
    );
}

/// What the task of `slug` step `index` says once done, read from `run`.
pub fn praise_at(slug: &str, index: usize, run: &dyn Run) -> String {
    praise(step_at(slug, index), run)
}

/// A whole number from the named node's menu.
pub fn figure(run: &dyn Run, name: &str, key: &str) -> u64 {
    detail(run, name, key)
        .parse()
        .unwrap_or_else(|_| panic!("{name}'s {key} is not a number"))
}

/// Messages of the kind with this id from `from` (any node if `None`) to
/// `to` (any node if `None`), delivered in `[since, until)`.
pub fn delivered(
    run: &dyn Run,
    kind: &str,
    from: Option<NodeId>,
    to: Option<NodeId>,
    since: SimTime,
    until: SimTime,
) -> u64 {
    passing(run, false, kind, (from, to), (since, until))
}

/// Like [`delivered`], but counting the messages that left in the window.
pub fn sent(
    run: &dyn Run,
    kind: &str,
    from: Option<NodeId>,
    to: Option<NodeId>,
    since: SimTime,
    until: SimTime,
) -> u64 {
    passing(run, true, kind, (from, to), (since, until))
}

fn passing(
    run: &dyn Run,
    leaving: bool,
    kind: &str,
    (from, to): (Option<NodeId>, Option<NodeId>),
    (since, until): (SimTime, SimTime),
) -> u64 {
    run.trace()
        .events()
        .filter(|e| e.time >= since && e.time < until)
        .filter(|e| {
            let (f, t, k) = match e.kind {
                TraceKind::Sent { from, to, kind, .. } if leaving => (from, to, kind),
                TraceKind::Delivered { from, to, kind, .. } if !leaving => (from, to, kind),
                _ => return false,
            };
            k.id == kind && from.is_none_or(|x| x == f) && to.is_none_or(|x| x == t)
        })
        .count() as u64
}
