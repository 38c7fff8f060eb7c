//! Native tests: everything a lesson step tells the student to look at
//! (its [`Sight`]s) is drawn on the picture it opens, on a phone's canvas
//! and a laptop's, at some moment of the step's run: a word on a node, a
//! tag, a ring or a stamp on the space-time diagram. Each sight is named in
//! the step's data and in its text, so neither can drift from the other.

use super::labels::{node_words, outcomes_tag, Font, NodeWords, TAG_PADDING, WIDE_QUEUE};
use super::placement::{clearly_own, nearer_another, Area, KeepOff, TAG_APART};
use super::readouts;
use crate::lessons::focus::{Sight, Stamp, View};
use crate::lessons::{Step, LESSONS};
use crate::sim::{millis, seconds, Headline, Run, SimTime, Snapshot};
use crate::ui::layout::Layout;
use crate::ui::spacetime::{place_stamps, space_time, Lanes};

/// A phone's canvas and a laptop's, as measured in Chromium.
const CANVASES: [(f64, f64); 2] = [(366.0, 228.0), (730.0, 282.0)];

/// How often the run is looked at, and for how long at most.
const LOOK_EVERY: SimTime = millis(100);
const LOOK_FOR: SimTime = seconds(12);

/// Text widths judged generously from their length.
fn measure(font: Font, text: &str) -> f64 {
    let per_char = match font {
        Font::State => 7.8,
        Font::Clock => 7.3,
        Font::HeadlineInside | Font::Tag => 6.6,
    };
    text.chars().count() as f64 * per_char
}

/// Whether every node with a headline of this kind shows it.
fn headlines_shown(snapshot: &Snapshot, words: &[NodeWords], kind: fn(&Headline) -> bool) -> bool {
    let mut any = false;
    for (node, words) in snapshot.nodes.iter().zip(words) {
        if node.headline.as_ref().is_some_and(kind) {
            any = true;
            if words.headline.is_none() {
                return false;
            }
        }
    }
    any
}

/// The words of the tag on top of a node, if any.
fn upper(words: &NodeWords) -> Option<&str> {
    words.upper.as_ref().map(|(tag, _)| tag.as_str())
}

/// Whether `sight` is on the picture of `run` on a `size` canvas now.
fn drawn(sight: Sight, run: &dyn Run, step: &Step, size: (f64, f64)) -> bool {
    let snapshot = run.snapshot();
    if let Sight::Stamps(stamp) = sight {
        let diagram = space_time(run.trace(), &snapshot, seconds(3), Some(stamp));
        let names: Vec<String> = snapshot.nodes.iter().map(|n| n.name.clone()).collect();
        let lanes = Lanes::new(&diagram, &names, size);
        let placed = place_stamps(&diagram.stamps, &lanes, |t| t.chars().count() as f64 * 7.0);
        let entries = snapshot.nodes.len();
        return !placed.is_empty()
            && placed
                .iter()
                .all(|(_, s)| stamp != Stamp::Vector || s.text.split(',').count() == entries);
    }
    let layout = Layout::plan(&snapshot.nodes).with_links(&run.talkers(seconds(10), 10_000));
    let positions = layout.positions(size.0, size.1);
    let radius = layout.radius(size.0, size.1);
    let ringed = step
        .point_at
        .and_then(|name| snapshot.nodes.iter().position(|n| n.name == name));
    let readouts = readouts(layout.map_frame(size.0, size.1).as_ref(), size);
    let keep_off = KeepOff {
        readouts: &readouts,
        links: &layout.links,
    };
    let words = node_words(&snapshot, &positions, radius, size, measure, ringed, keep_off);
    match sight {
        Sight::Clocks => words.iter().all(|w| w.clock.is_some()),
        Sight::Counter => headlines_shown(&snapshot, &words, |h| matches!(h, Headline::Counter { .. })),
        Sight::Balance => headlines_shown(&snapshot, &words, |h| matches!(h, Headline::Balance { .. })),
        Sight::Keys => headlines_shown(&snapshot, &words, |h| matches!(h, Headline::Keys { .. })),
        // Each replica shows what it holds for x and which version that
        // is ("(version 2)" or "(v2)"), once writes have reached them.
        Sight::Stored => {
            let versions: Vec<(u64, Option<&String>)> = snapshot
                .nodes
                .iter()
                .zip(&words)
                .filter_map(|(node, words)| match node.headline {
                    Some(Headline::Holds {
                        written: Some(written), ..
                    }) => Some((written.version, words.headline.as_ref())),
                    _ => None,
                })
                .collect();
            let in_full = |version: u64, shown: &str| shown.ends_with(&format!("(version {version})"));
            let short = |version: u64, shown: &str| shown.ends_with(&format!("(v{version})"));
            // One form in a picture: "(version 2)" beside "(v3)" would
            // make a student wonder what sets that replica apart.
            let all = |form: fn(u64, &str) -> bool| {
                versions
                    .iter()
                    .all(|(version, shown)| shown.is_some_and(|h| form(*version, h)))
            };
            headlines_shown(&snapshot, &words, |h| matches!(h, Headline::Holds { .. }))
                && !versions.is_empty()
                && (all(in_full) || all(short))
        }
        Sight::Terms => headlines_shown(&snapshot, &words, |h| matches!(h, Headline::Term { .. })),
        // Every replica that knows of primaries' epochs shows its newest.
        Sight::Epochs => {
            let knows = |n: &crate::sim::NodeView| matches!(n.headline, Some(Headline::Holds { epoch: Some(_), .. }));
            let tags: Vec<Option<&str>> = snapshot
                .nodes
                .iter()
                .zip(&words)
                .filter(|(n, _)| knows(n))
                .map(|(_, w)| upper(w))
                .collect();
            let in_full = tags.iter().flatten().filter(|t| t.starts_with("epoch")).count();
            // Every replica is tagged, all in one form: in full or bare.
            headlines_shown(&snapshot, &words, |h| {
                matches!(h, Headline::Holds { epoch: Some(_), .. })
            }) && tags.iter().all(Option::is_some)
                && (in_full == 0 || in_full == tags.len())
        }
        // Every server a load balancer steps around is tagged.
        Sight::Skipped => {
            let silent: Vec<_> = snapshot
                .nodes
                .iter()
                .filter_map(|n| n.stepping_around.as_ref())
                .flatten()
                .collect();
            !silent.is_empty()
                && silent
                    .iter()
                    .all(|id| words.get(id.index()).is_some_and(|w| upper(w) == Some("skipped")))
        }
        Sight::Waited => headlines_shown(&snapshot, &words, |h| matches!(h, Headline::Waited { .. })),
        Sight::Answers => {
            let counted = |h: &Headline| matches!(h, Headline::Waited { .. });
            let written = snapshot
                .nodes
                .iter()
                .zip(&words)
                .filter(|(n, _)| n.headline.as_ref().is_some_and(counted));
            headlines_shown(&snapshot, &words, counted)
                && written
                    .into_iter()
                    .all(|(_, w)| w.headline.as_ref().is_some_and(|h| h.contains("answer")))
        }
        Sight::AnswersFirst => headlines_shown(&snapshot, &words, |h| matches!(h, Headline::AnswersFirst { .. })),
        // Every queue is tagged, not just one that happens to fit.
        Sight::Waiting => {
            let queued = || snapshot.nodes.iter().zip(&words).filter(|(n, _)| n.queue > 0);
            queued().next().is_some() && queued().all(|(_, w)| w.waiting.is_some())
        }
        Sight::Countdown => words.iter().any(|w| w.countdown.is_some()),
        Sight::Votes => words.iter().any(|w| w.votes.is_some()),
        // Keys are counted wherever a server keeps them.
        Sight::Repeats => {
            let keeps_keys = |n: &crate::sim::NodeView| matches!(n.headline, Some(Headline::Balance { repeats: Some(r), .. }) if r.keys_kept.is_some());
            words.iter().any(|w| upper(w).is_some_and(|tag| tag.contains("twice")))
                && snapshot
                    .nodes
                    .iter()
                    .zip(&words)
                    .filter(|(n, _)| keeps_keys(n))
                    .all(|(_, w)| upper(w).is_some_and(|tag| tag.contains("key")))
        }
        // Every client with trouble to show is tagged.
        Sight::Outcomes => {
            let troubled = || {
                snapshot
                    .nodes
                    .iter()
                    .zip(&words)
                    .filter(|(n, _)| n.outcomes.and_then(outcomes_tag).is_some())
            };
            troubled().next().is_some() && troubled().all(|(_, w)| w.outcomes.is_some() && w.waiting.is_none())
        }
        Sight::Links => !layout.links.is_empty(),
        Sight::Stamps(_) => false,
        // The sweep checks each run's history: the run must have one.
        Sight::History | Sight::Seeds => run.history().calls() > 0,
    }
}

#[test]
fn every_sight_a_step_names_is_drawn_on_the_picture_it_opens() {
    let mut checked = 0;
    for lesson in LESSONS {
        for (index, step) in lesson.steps.iter().enumerate() {
            let at = format!("{} step {}", lesson.slug, index + 1);
            let look = step.focus.look;
            if look.is_empty() {
                continue;
            }
            // As a student doing the step's task would see it.
            let scenario = lesson.scenario_for(index).map(|mut scenario| {
                if let Some(example) = step.task.as_ref().and_then(|t| t.example) {
                    example(&mut scenario);
                }
                scenario
            });
            let Some(mut run) = scenario.and_then(|s| s.build().ok()) else {
                panic!("{at}: no run to look at")
            };
            let until = step.question.as_ref().map_or(LOOK_FOR, |q| q.watch_until.max(LOOK_FOR));
            let mut missing: Vec<(Sight, (f64, f64))> =
                look.iter().flat_map(|&s| CANVASES.map(|size| (s, size))).collect();
            let mut t = 0;
            while !missing.is_empty() && t <= until {
                run.advance_to(t);
                missing.retain(|&(sight, size)| !drawn(sight, run.as_ref(), step, size));
                t += LOOK_EVERY;
            }
            assert!(missing.is_empty(), "{at}: never drawn: {missing:?}");
            checked += look.len();
        }
    }
    assert!(checked >= 20, "only {checked} sights named in the whole course");
}

#[test]
fn a_step_names_its_sights_in_its_text_and_shows_them_in_one_view() {
    for lesson in LESSONS {
        for (index, step) in lesson.steps.iter().enumerate() {
            let at = format!("{} step {}", lesson.slug, index + 1);
            let task = step.task.as_ref().map(|t| [t.instruction, t.hint]);
            let prompt = step.question.as_ref().map(|q| q.prompt);
            let text = step.text.iter().chain(task.iter().flatten()).chain(prompt.iter());
            let text = text.copied().collect::<Vec<_>>().join(" ");
            let text = text.to_lowercase();
            for sight in step.focus.look {
                assert!(text.contains(sight.words()), "{at}: the text never mentions {sight:?}");
            }
            // The History panel and the sweep show beside either view.
            let views: Vec<View> = step
                .focus
                .look
                .iter()
                .filter(|&&s| !matches!(s, Sight::History | Sight::Seeds))
                .map(|s| s.view())
                .collect();
            assert!(views.windows(2).all(|w| w[0] == w[1]), "{at}: sights in two views");
            if let Some(speed) = step.focus.speed {
                let offered = crate::ui::controls::SPEEDS
                    .iter()
                    .any(|(value, _)| value.parse() == Ok(speed));
                assert!(offered, "{at}: speed {speed} is not one the control offers");
            }
        }
    }
}

#[test]
fn no_step_sends_the_student_to_a_menu_to_look_at_something() {
    let looking = ["look at", "see ", "check ", "compare "];
    for lesson in LESSONS {
        for (index, step) in lesson.steps.iter().enumerate() {
            for sentence in step.text.iter().flat_map(|t| t.split(". ")) {
                let lower = sentence.to_lowercase();
                let sent = lower.contains("menu") && looking.iter().any(|w| lower.contains(w));
                assert!(!sent, "{} step {}: \"{sentence}\"", lesson.slug, index + 1);
            }
        }
    }
}

/// A message's hop is on screen long enough to follow at the speed a step
/// plays at: about a third of a second or more.
const FOLLOWED_HOP_SECONDS: f64 = 0.3;

/// Steps whose point is that the hops are short, so that they flash past
/// on purpose: the server next door (or the CDN's copy) answers almost at
/// once.
const QUICK_BY_DESIGN: [(&str, usize); 2] = [("geography", 3), ("geography", 5)];

/// The longest a prediction keeps a student watching at the step's speed,
/// in seconds of wall clock. A longer one would drag; the question offers
/// a skip to its result for anyone who has seen enough sooner.
const LONGEST_WATCH_SECONDS: f64 = 90.0;

/// The typical time a message of this run spends on the wire: the median
/// over the messages seen in flight in its first seconds.
fn typical_hop(run: &mut dyn Run, until: SimTime) -> Option<f64> {
    let mut hops = std::collections::BTreeMap::new();
    let mut t = 0;
    while t <= until {
        run.advance_to(t);
        for message in run.snapshot().messages {
            hops.insert(message.id, message.arrives - message.departs);
        }
        t += LOOK_EVERY;
    }
    let mut hops: Vec<SimTime> = hops.into_values().collect();
    hops.sort_unstable();
    hops.get(hops.len() / 2).map(|&hop| hop as f64 / 1e6)
}

#[test]
fn every_step_plays_its_hops_slowly_enough_to_follow() {
    let mut followed = 0;
    for lesson in LESSONS {
        for (index, step) in lesson.steps.iter().enumerate() {
            let at = format!("{} step {}", lesson.slug, index + 1);
            let speed = lesson.speed_at(index).unwrap_or(1.0);
            let Some(mut run) = lesson.scenario_for(index).and_then(|s| s.build().ok()) else {
                continue;
            };
            let Some(hop) = typical_hop(run.as_mut(), seconds(4)) else {
                continue;
            };
            if QUICK_BY_DESIGN.contains(&(lesson.slug, index + 1)) {
                assert!(hop / speed < FOLLOWED_HOP_SECONDS, "{at} is no longer quick by design");
                continue;
            }
            assert!(
                hop / speed >= FOLLOWED_HOP_SECONDS,
                "{at}: a {hop:.3} s hop at {speed}x flashes past"
            );
            followed += 1;
            if let Some(question) = &step.question {
                let wall = question.watch_until as f64 / 1e6 / speed;
                assert!(
                    wall <= LONGEST_WATCH_SECONDS,
                    "{at}: the prediction takes {wall} s to watch"
                );
            }
        }
    }
    assert!(followed >= 30, "only {followed} steps send messages");
}

/// Phones' canvases and laptops', with and without the History view above
/// the picture, as measured in Chromium.
const TAGGED_CANVASES: [(f64, f64); 6] = [
    (366.0, 228.0),
    (336.0, 224.0),
    (730.0, 282.0),
    (730.0, 244.0),
    (730.0, 175.0),
    (1284.0, 650.0),
];

#[test]
fn every_tag_hanging_on_a_node_reads_as_its_own_and_covers_no_words_or_other_tags() {
    let mut tagged = 0;
    // Each step and canvas where a tag sits on words, with the first time.
    let mut crossed: Vec<(String, String)> = Vec::new();
    // Each step and canvas where a tag sits nearer another node than its own.
    let mut astray: Vec<(String, String)> = Vec::new();
    // Each step and canvas where one client's tag is a bare count and
    // another's is in words.
    let mut mixed: Vec<(String, String)> = Vec::new();
    for lesson in LESSONS {
        for (index, step) in lesson.steps.iter().enumerate() {
            let Some(mut scenario) = lesson.scenario_for(index) else {
                continue;
            };
            if let Some(example) = step.task.as_ref().and_then(|t| t.example) {
                example(&mut scenario);
            }
            let Ok(mut run) = scenario.build() else {
                panic!("{} step {}: no run", lesson.slug, index + 1)
            };
            for t in (1..=LOOK_FOR / seconds(1)).map(seconds) {
                run.advance_to(t);
                let snapshot = run.snapshot();
                let layout = Layout::plan(&snapshot.nodes).with_links(&run.talkers(seconds(10), 10_000));
                for size in TAGGED_CANVASES {
                    let positions = layout.positions(size.0, size.1);
                    let radius = layout.radius(size.0, size.1);
                    let readouts = readouts(layout.map_frame(size.0, size.1).as_ref(), size);
                    let keep_off = KeepOff {
                        readouts: &readouts,
                        links: &layout.links,
                    };
                    let ringed = step
                        .point_at
                        .and_then(|n| snapshot.nodes.iter().position(|v| v.name == n));
                    let words = node_words(&snapshot, &positions, radius, size, measure, ringed, keep_off);
                    let tags: Vec<_> = words
                        .iter()
                        .zip(&positions)
                        .enumerate()
                        .flat_map(|(own, (w, &at))| {
                            [&w.waiting, &w.outcomes]
                                .into_iter()
                                .flatten()
                                .map(move |(text, edge)| {
                                    let area = edge.tag_area(at, radius, measure(Font::Tag, text) + 2.0 * TAG_PADDING);
                                    (area, text, own)
                                })
                        })
                        .collect();
                    tagged += tags.len();
                    // Words keep room for a bare count up to `WIDE_QUEUE`;
                    // a longer one takes the spot where it covers least.
                    let roomy = |text: &str| text.len() <= WIDE_QUEUE.len() || text.parse::<u64>().is_err();
                    // Tags on top of a node (a candidate's votes among
                    // them) read as its own too.
                    let upper = words.iter().zip(&positions).enumerate().flat_map(|(own, (w, &at))| {
                        [&w.upper, &w.votes].into_iter().flatten().map(move |(text, edge)| {
                            (
                                edge.tag_area(at, radius, measure(Font::Tag, text) + 2.0 * TAG_PADDING),
                                text,
                                own,
                            )
                        })
                    });
                    let upper: Vec<_> = upper.collect();
                    // Keep the first time a step and canvas goes wrong.
                    let at = format!("{} step {} on {size:?}", lesson.slug, index + 1);
                    let note = |list: &mut Vec<(String, String)>, what: String| {
                        if !list.iter().any(|(a, _)| *a == at) {
                            list.push((at.clone(), format!("at {t}: {what}")));
                        }
                    };
                    // A tag hanging under or beside a node reads plainly as
                    // its own, not from the gap between two nodes; one on top
                    // of a node at least sits nearer it than any other.
                    for (tag, text, own) in tags.iter().filter(|(_, text, _)| roomy(text)) {
                        if !clearly_own(tag, *own, &positions) {
                            note(&mut astray, format!("{text} {tag:?}"));
                        }
                    }
                    for (tag, text, own) in upper.iter().filter(|(_, text, _)| roomy(text)) {
                        if nearer_another(tag, *own, &positions) {
                            note(&mut astray, format!("{text} {tag:?}"));
                        }
                    }
                    // Nor on a readout ("true time"), past a pixel of its margin.
                    let on_readout = |tag: &Area| {
                        readouts.iter().any(|r| {
                            tag.right.min(r.right) - tag.left.max(r.left) > 1.0
                                && tag.bottom.min(r.bottom) - tag.top.max(r.top) > 1.0
                        })
                    };
                    for (tag, text, _) in tags.iter().chain(&upper) {
                        if on_readout(tag) {
                            note(&mut crossed, format!("{text} {tag:?} on a readout"));
                        }
                    }
                    let labels: Vec<_> = words.iter().filter_map(|w| w.label.as_ref().map(|l| l.0)).collect();
                    let uncovered = tags.iter().filter(|(_, text, _)| roomy(text)).chain(&upper);
                    for (tag, ..) in uncovered {
                        for label in labels.iter().filter(|label| tag.overlaps(label)) {
                            note(&mut crossed, format!("tag {tag:?} on words {label:?}"));
                        }
                    }
                    // Nor within half a tag's height of another node's
                    // words, where it would read as a line of theirs: on
                    // the full pictures (a short one beside History may
                    // have no such spot).
                    let full_picture = CANVASES.contains(&size);
                    let words_of = |own: usize| {
                        words
                            .iter()
                            .enumerate()
                            .filter(move |&(other, _)| other != own)
                            .filter_map(|(_, w)| w.label.as_ref().map(|l| l.0))
                    };
                    for (tag, text, own) in tags.iter().filter(|(_, text, _)| full_picture && roomy(text)) {
                        if words_of(*own).any(|label| label.overlaps(&tag.grown(TAG_APART))) {
                            note(&mut crossed, format!("{text} {tag:?} against another node's words"));
                        }
                    }
                    for (top, text, _) in &upper {
                        for (hanging, ..) in tags.iter().filter(|(tag, ..)| tag.overlaps(&top.grown(TAG_APART))) {
                            note(&mut crossed, format!("{text} {top:?} on tag {hanging:?}"));
                        }
                    }
                    let outcomes: Vec<&str> = words
                        .iter()
                        .filter_map(|w| w.outcomes.as_ref())
                        .map(|(text, _)| text.as_str())
                        .collect();
                    let bare = outcomes.iter().filter(|text| text.parse::<u64>().is_ok()).count();
                    if bare > 0 && bare < outcomes.len() {
                        note(&mut mixed, outcomes.join(" | "));
                    }
                    for (i, (a, ..)) in tags.iter().enumerate() {
                        for (b, ..) in &tags[i + 1..] {
                            assert!(
                                !a.overlaps(b),
                                "{} step {} at {t} on {size:?}: {a:?} and {b:?}",
                                lesson.slug,
                                index + 1
                            );
                        }
                    }
                }
            }
        }
    }
    assert!(crossed.is_empty(), "tags on words: {crossed:#?}");
    assert!(astray.is_empty(), "tags nearer another node: {astray:#?}");
    assert!(mixed.is_empty(), "clients' tags in two forms: {mixed:#?}");
    assert!(tagged > 30, "only {tagged} tags looked at");
}
