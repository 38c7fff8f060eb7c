//! The controls a lesson may name, in one table. The UI takes each button's
//! label from here, and lesson text names a control only by its id in
//! braces (`"press {split-off}"`), which the panel renders as the label. A
//! hint therefore cannot drift from the button it names, and a native test
//! fails when a lesson names a control that is not in the table.

/// A control on the page that a lesson may tell the student to use.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Control {
    Play,
    Pause,
    Step,
    Speed,
    Reset,
    Drop,
    Crash,
    Restart,
    PauseNode,
    Resume,
    Close,
    Network,
    SplitOff,
    HealEverything,
    CutBothWays,
    CutOneWay,
    HealLink,
    Latency,
    Jitter,
    Loss,
    Duplication,
    Share,
    ShareFromStart,
    LockIn,
    SkipToResult,
    NextStep,
    Back,
    Hint,
    Glossary,
    RunSeeds,
}

/// Each control's id (as lesson text writes it) and its label (as the
/// page shows it), in the order [`Control`] declares them.
pub static CONTROLS: [(Control, &str, &str); 30] = [
    (Control::Play, "play", "Play"),
    (Control::Pause, "pause", "Pause"),
    (Control::Step, "step", "Step"),
    (Control::Speed, "speed", "Speed"),
    (Control::Reset, "reset", "Reset"),
    (Control::Drop, "drop", "Drop"),
    (Control::Crash, "crash", "Crash"),
    (Control::Restart, "restart", "Restart"),
    (Control::PauseNode, "pause-node", "Pause this node"),
    (Control::Resume, "resume", "Resume this node"),
    (Control::Close, "close", "Close"),
    (Control::Network, "network", "Network"),
    (Control::SplitOff, "split-off", "Split off the ticked nodes"),
    (Control::HealEverything, "heal-everything", "Heal everything"),
    (Control::CutBothWays, "cut-both-ways", "Cut both ways"),
    (Control::CutOneWay, "cut-one-way", "Cut one way"),
    (Control::HealLink, "heal-link", "Heal"),
    (Control::Latency, "latency", "Latency"),
    (Control::Jitter, "jitter", "Jitter"),
    (Control::Loss, "loss", "Loss"),
    (Control::Duplication, "duplication", "Duplication"),
    (Control::Share, "share", "Share this run"),
    (Control::ShareFromStart, "share-from-start", "Share from the start"),
    (Control::LockIn, "lock-in", "Lock in my answer and watch"),
    (Control::SkipToResult, "skip-to-result", "Skip to the result"),
    (Control::NextStep, "next-step", "Next step"),
    (Control::Back, "back", "Back"),
    (Control::Hint, "hint", "Hint"),
    (Control::Glossary, "glossary", "Glossary"),
    (Control::RunSeeds, "run-seeds", "Run 100 seeds"),
];

impl Control {
    /// The control's row: the table lists controls in declaration order.
    fn entry(self) -> &'static (Control, &'static str, &'static str) {
        &CONTROLS[self as usize]
    }

    /// The id lesson text uses, and the page puts on the control as
    /// `data-control`.
    pub fn id(self) -> &'static str {
        self.entry().1
    }

    /// The words on the control.
    pub fn label(self) -> &'static str {
        self.entry().2
    }

    /// The control whose id is `id`.
    pub fn by_id(id: &str) -> Option<Control> {
        CONTROLS.iter().find(|(_, i, _)| *i == id).map(|(c, _, _)| *c)
    }
}

/// A piece of lesson text: plain words, or a control named by id.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Piece<'a> {
    Words(&'a str),
    Control(Control),
}

/// Why a lesson's text does not name its controls properly.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NamingError {
    /// `{id}` where no control has that id.
    Unknown(String),
    /// A `{` with no `}` after it.
    Unclosed,
}

/// Split `text` into words and named controls.
pub fn pieces(text: &str) -> Result<Vec<Piece<'_>>, NamingError> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        if open > 0 {
            out.push(Piece::Words(&rest[..open]));
        }
        let after = &rest[open + 1..];
        let close = after.find('}').ok_or(NamingError::Unclosed)?;
        let id = &after[..close];
        let control = Control::by_id(id).ok_or_else(|| NamingError::Unknown(id.to_string()))?;
        out.push(Piece::Control(control));
        rest = &after[close + 1..];
    }
    if !rest.is_empty() {
        out.push(Piece::Words(rest));
    }
    Ok(out)
}

/// `text` with each named control replaced by its label, for plain-text
/// uses (announcements to screen readers). An unknown id stays as written.
pub fn plain(text: &str) -> String {
    match pieces(text) {
        Ok(pieces) => pieces
            .iter()
            .map(|piece| match piece {
                Piece::Words(words) => *words,
                Piece::Control(control) => control.label(),
            })
            .collect(),
        Err(_) => text.to_string(),
    }
}

/// Verbs that introduce a control; after one, a capitalised word must be a
/// control named through the table, not a label typed by hand.
const VERBS: [&str; 8] = ["press ", "choose ", "click ", "tap ", "use ", "open ", "drag ", "tick "];

/// Labels typed by hand, which the table cannot keep in step with the
/// page: a capitalised word after a verb ("press Heal all", a label that
/// may not even exist), a label of several words anywhere ("Heal
/// everything"), and a one-word label inside a sentence ("the Loss
/// slider"). A one-word label opening a sentence ("Crash the leader") is
/// an ordinary verb. Text inside `{}` is left alone.
pub fn hand_typed_labels(text: &str) -> Vec<String> {
    let words: Vec<&str> = match pieces(text) {
        Ok(pieces) => pieces
            .into_iter()
            .filter_map(|piece| match piece {
                Piece::Words(words) => Some(words),
                Piece::Control(_) => None,
            })
            .collect(),
        Err(_) => vec![text],
    };
    words
        .into_iter()
        .flat_map(|w| after_verbs(w).into_iter().chain(labels_in(w)))
        .collect()
}

fn after_verbs(text: &str) -> Vec<String> {
    let lower = text.to_lowercase();
    let mut found = Vec::new();
    for verb in VERBS {
        let mut from = 0;
        while let Some(at) = lower[from..].find(verb) {
            let start = from + at + verb.len();
            let word: String = text[start..].chars().take_while(|c| c.is_alphanumeric()).collect();
            // Node names (A, C, R0, S3) are short or carry digits; labels
            // are words.
            let label_like = word.len() >= 3 && word.chars().all(char::is_alphabetic);
            if label_like && word.chars().next().is_some_and(char::is_uppercase) {
                found.push(format!("{}{word}", &text[from + at..start]));
            }
            from = start;
        }
    }
    found
}

/// The table's labels written out in `text`, as [`hand_typed_labels`] counts
/// them.
fn labels_in(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    for (_, _, label) in &CONTROLS {
        for (at, _) in text.match_indices(label) {
            let before = text[..at].trim_end();
            let after = text[at + label.len()..].chars().next();
            let whole_word = !text[..at].ends_with(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric);
            let opens_sentence = before.is_empty() || before.ends_with(['.', '!', '?', ':', '(', '"']);
            if whole_word && (label.contains(' ') || !opens_sentence) {
                found.push((*label).to_string());
            }
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_and_labels_are_one_table() {
        for (row, (control, id, label)) in CONTROLS.iter().enumerate() {
            assert_eq!(*control as usize, row);
            assert_eq!(control.id(), *id);
            assert_eq!(control.label(), *label);
            assert_eq!(Control::by_id(id), Some(*control));
        }
    }

    #[test]
    fn text_names_controls_by_id() {
        assert_eq!(
            pieces("Tick two, then press {split-off}.").unwrap(),
            vec![
                Piece::Words("Tick two, then press "),
                Piece::Control(Control::SplitOff),
                Piece::Words(".")
            ]
        );
        assert_eq!(plain("press {heal-everything}"), "press Heal everything");
        assert_eq!(
            pieces("press {partition}"),
            Err(NamingError::Unknown("partition".into()))
        );
        assert_eq!(pieces("press {crash"), Err(NamingError::Unclosed));
    }

    #[test]
    fn hand_typed_labels_are_found() {
        assert_eq!(
            hand_typed_labels("Press Heal all in the panel"),
            vec!["Press Heal", "Heal"]
        );
        assert_eq!(hand_typed_labels("then choose Crash."), vec!["choose Crash", "Crash"]);
        assert!(hand_typed_labels("press the client's button, then choose {crash}").is_empty());
        assert!(hand_typed_labels("press C's button, then press R0").is_empty());
        assert_eq!(
            hand_typed_labels("then open Network below"),
            vec!["open Network", "Network"]
        );
        assert_eq!(hand_typed_labels("Drag the Loss slider"), vec!["Loss"]);
        assert_eq!(hand_typed_labels("Heal everything first."), vec!["Heal everything"]);
        assert!(hand_typed_labels("Crash the leader. Restart it: {restart}.").is_empty());
        assert!(hand_typed_labels("Stepping forward. Playback").is_empty());
    }
}
