//! Where a step draws the student's eye: the things its text tells them to
//! look at (each drawn on the picture, never only in a menu), the view that
//! shows them, a speed slow enough to follow them, and a control to
//! spotlight. Native tests read these values, so a step's text and what
//! the picture shows cannot drift apart.

use super::controls::Control;
use super::LESSONS;

/// Something a step's text tells the student to look at, drawn on the
/// picture without hovering or opening a menu.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sight {
    /// Each node's own clock reading, beside it on the canvas.
    Clocks,
    /// The counter written in a node's circle.
    Counter,
    /// The balance a server stores, written on it.
    Balance,
    /// The tag on or by a node counting the requests waiting in its queue:
    /// on its lower edge, or under or above it where that is clear.
    Waiting,
    /// The dark ring that drains around a node while it waits.
    Countdown,
    /// The election term each server is in, written on it.
    Terms,
    /// The tag on a candidate counting the votes it holds.
    Votes,
    /// How many keys each shard stores, written on it.
    Keys,
    /// The tag on a server that clients retry against: the saves it ran
    /// twice, and the idempotency keys it keeps.
    Repeats,
    /// What each replica holds for x, written on it.
    Stored,
    /// The tag by a client (under it where that is clear, else above it,
    /// else on its lower edge) counting its requests that went wrong: errors, refusals, stale reads,
    /// and requests it gave up on.
    Outcomes,
    /// The tag on each replica's upper edge with the epoch of the newest
    /// primary it knows of.
    Epochs,
    /// The tag on each server a load balancer skips as silent.
    Skipped,
    /// How long a client waited for its latest answer, written on it.
    Waited,
    /// How many answers a client has had, written after its wait.
    Answers,
    /// The count beside a node of the answers it heard before their
    /// question.
    AnswersFirst,
    /// The links drawn between nodes that talk, which a click cuts.
    Links,
    /// The space-time diagram, its events stamped this way.
    Stamps(Stamp),
    /// The History panel: each client operation as a bar from its call to
    /// its answer, and the checker's verdict. It shows beside either view,
    /// and the step opens it.
    History,
    /// The step's own cluster and faults run again under 100 seeds: the
    /// step offers the button that starts it, and shows its chart of what
    /// the checker found in each run, beside the lesson's text.
    Seeds,
}

/// Whether a student at step `step` of lesson `lesson` (both counted from
/// 0) has met Lamport clocks: the course teaches them at the first step
/// that stamps the space-time diagram with them. Before that, the node
/// menu leaves them out.
pub fn lamport_met(lesson: usize, step: usize) -> bool {
    met_at(lesson, step, |focus| focus.stamps() == Some(Stamp::Lamport))
}

/// Whether a student at step `step` of lesson `lesson` has met a
/// replica's epochs: the course teaches them at the first step that looks
/// at them. Before that, the picture leaves the epoch tags out.
pub fn epochs_met(lesson: usize, step: usize) -> bool {
    met_at(lesson, step, |focus| focus.look.contains(&Sight::Epochs))
}

/// Whether step `step` of lesson `lesson` comes at or after the course's
/// first step whose focus `teaches`.
fn met_at(lesson: usize, step: usize, teaches: impl Fn(&Focus) -> bool) -> bool {
    let first = LESSONS.iter().enumerate().find_map(|(l, taught)| {
        let s = taught.steps.iter().position(|s| teaches(&s.focus))?;
        Some((l, s))
    });
    first.is_some_and(|first| (lesson, step) >= first)
}

/// How the space-time diagram stamps each send and each arrival.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stamp {
    /// With the reading of the node's own clock.
    Clock,
    /// With the node's Lamport number.
    Lamport,
    /// With the node's vector clock.
    Vector,
}

/// The two pictures of a run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum View {
    /// Nodes, links and messages in flight.
    Cluster,
    /// One lane per node, time running to the right.
    SpaceTime,
}

impl Sight {
    /// Words the step's text uses when it tells the student to look at it
    /// (any case).
    pub fn words(self) -> &'static str {
        match self {
            Sight::Clocks => "clock",
            Sight::Counter => "counter",
            Sight::Balance => "balance",
            Sight::Waiting => "waiting",
            Sight::Countdown => "ring",
            Sight::Terms => "term",
            Sight::Votes => "vote",
            Sight::Keys => "keys",
            Sight::Repeats => "ran twice",
            Sight::Stored => "for x",
            Sight::Outcomes => "tag by",
            Sight::Waited => "waited",
            Sight::Skipped => "skipped",
            Sight::Epochs => "epoch",
            Sight::AnswersFirst => "heard first",
            Sight::Answers => "counts its answers",
            Sight::Links => "link",
            Sight::Stamps(Stamp::Clock) => "stamped with",
            Sight::Stamps(Stamp::Lamport) => "lamport number",
            Sight::Stamps(Stamp::Vector) => "vector clock",
            Sight::History => "history",
            Sight::Seeds => "100 seeds",
        }
    }

    /// The view it is drawn in.
    pub fn view(self) -> View {
        match self {
            Sight::Stamps(_) => View::SpaceTime,
            _ => View::Cluster,
        }
    }
}

/// What a step draws attention to.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Focus {
    /// What its text tells the student to look at.
    pub look: &'static [Sight],
    /// The speed the run is set to as the step opens, one the speed
    /// control offers; `None` keeps the student's.
    pub speed: Option<f64>,
    /// A control the step talks about, outlined on the page.
    pub spotlight: Option<Control>,
}

impl Focus {
    /// Nothing in particular.
    pub const NONE: Focus = Focus {
        look: &[],
        speed: None,
        spotlight: None,
    };

    /// The view the step opens, when what it shows lives in one.
    pub fn view(&self) -> Option<View> {
        self.look
            .iter()
            .find(|&&sight| !matches!(sight, Sight::History | Sight::Seeds))
            .map(|sight| sight.view())
    }

    /// Whether the step opens the History panel.
    pub fn opens_history(&self) -> bool {
        self.look.contains(&Sight::History)
    }

    /// Whether the step offers to run its scenario under 100 seeds.
    pub fn offers_sweep(&self) -> bool {
        self.look.contains(&Sight::Seeds)
    }

    /// How the space-time diagram stamps events at this step, if it does.
    pub fn stamps(&self) -> Option<Stamp> {
        self.look.iter().find_map(|sight| match sight {
            Sight::Stamps(stamp) => Some(*stamp),
            _ => None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lamport_clocks_appear_in_the_menu_from_the_step_whose_text_teaches_them() {
        let mut met = None;
        for (l, lesson) in LESSONS.iter().enumerate() {
            for (s, step) in lesson.steps.iter().enumerate() {
                if lamport_met(l, s) && met.is_none() {
                    met = Some((l, s));
                    let text = step.text.concat();
                    assert!(text.contains("Lamport"), "{} step {s} shows them untaught", lesson.slug);
                }
                if let Some(first) = met {
                    assert!(lamport_met(l, s), "{} step {s} hides them after {first:?}", lesson.slug);
                }
            }
        }
        let Some((lesson, _)) = met else {
            panic!("no step teaches Lamport clocks");
        };
        assert!(lesson > 0, "the first lesson does not teach them");
    }

    #[test]
    fn epoch_tags_appear_from_the_step_whose_text_explains_epochs() {
        let mut met = false;
        for (l, lesson) in LESSONS.iter().enumerate() {
            for (s, step) in lesson.steps.iter().enumerate() {
                if epochs_met(l, s) && !met {
                    met = true;
                    let text = step.text.concat();
                    assert!(
                        text.contains("epoch"),
                        "{} step {s} shows them unexplained",
                        lesson.slug
                    );
                }
                assert_eq!(epochs_met(l, s), met, "{} step {s}", lesson.slug);
            }
        }
        assert!(met, "no step explains epochs");
    }
}
