//! Words for text computed from a run (counts come from `sim::words`): a
//! stretch of sim time in seconds, a list ("A, B and C"), and a check for the slips such text is prone to
//! ("a answer", "1 nodes"), which the tests run over every sentence the
//! course shows.

use crate::sim::{Duration, SECOND};

/// A stretch of sim time in seconds, to a tenth below ten and whole above:
/// "0.4 s", "2.5 s", "5 s", "31 s".
pub fn secs(span: Duration) -> String {
    let value = span as f64 / SECOND as f64;
    let text = if value < 9.95 {
        format!("{value:.1}")
    } else {
        format!("{value:.0}")
    };
    format!("{} s", text.strip_suffix(".0").unwrap_or(&text))
}

/// Units a number keeps on its line.
const UNITS: [&str; 5] = ["ms", "s", "km", "%", "µs"];

/// `text` with the space between a number and its unit ("2.3 s", "30 ms")
/// made non-breaking, so a line never ends between them.
pub fn keep_units(text: &str) -> String {
    let mut kept = String::with_capacity(text.len());
    let mut previous = None;
    for (at, c) in text.char_indices() {
        let rest = &text[at + c.len_utf8()..];
        let unit_follows = UNITS.iter().any(|unit| {
            rest.strip_prefix(unit)
                .is_some_and(|after| !after.starts_with(|c: char| c.is_alphanumeric()))
        });
        let after_digit = previous.is_some_and(|p: char| p.is_ascii_digit());
        kept.push(if c == ' ' && after_digit && unit_follows {
            '\u{a0}'
        } else {
            c
        });
        previous = Some(c);
    }
    kept
}

/// Once, twice, or "N times".
pub fn times(n: u64) -> String {
    match n {
        1 => "once".to_string(),
        2 => "twice".to_string(),
        n => format!("{n} times"),
    }
}

/// Items joined as a sentence lists them: "A", "A and B", "A, B and C".
pub fn list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// Words after "a" that are still said with a consonant sound.
const A_BEFORE_VOWEL_LETTER: [&str; 7] = ["one", "once", "one-way", "user", "unique", "usual", "european"];

/// Words after "an" that are said with a vowel sound.
const AN_BEFORE_CONSONANT_LETTER: [&str; 3] = ["hour", "hours", "honest"];

/// Words ending in "s" that may follow "1": units and singular nouns.
const SINGULAR_WITH_S: [&str; 9] = ["s", "ms", "µs", "is", "was", "has", "this", "its", "process"];

/// Words that a number names rather than counts ("server 1 takes").
const NAMED_BY_NUMBER: [&str; 8] = ["server", "web", "lesson", "step", "term", "epoch", "key", "shard"];

/// Grammar slips in `text`, each quoted with the words around it: "a" or
/// "an" before the wrong sound, a plural after "1", a word written twice
/// in a row, and stray spaces.
pub fn slips(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    if text.contains("  ") {
        found.push("two spaces in a row".to_string());
    }
    for mark in [" .", " ,", " :", " ;"] {
        if text.contains(mark) {
            found.push(format!("a space before \"{}\"", mark.trim()));
        }
    }
    let words: Vec<&str> = text.split_whitespace().collect();
    for (at, pair) in words.windows(2).enumerate() {
        let (first, second) = (pair[0], pair[1]);
        let before = at.checked_sub(1).and_then(|i| words.get(i)).map(|w| w.to_lowercase());
        let named = before.is_some_and(|w| NAMED_BY_NUMBER.contains(&w.as_str()));
        let bare = |w: &str| -> String {
            w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-' && c != 'µ')
                .to_lowercase()
        };
        let (a, b) = (bare(first), bare(second));
        let starts_with_vowel = b.starts_with(['a', 'e', 'i', 'o']) || b.starts_with('u');
        let clean_join = !first.ends_with([',', '.', ':', ';', '"', ')']);
        // A capital "A" is also a node's name ("A asked"), so only "a" is checked.
        if clean_join && first == "a" && starts_with_vowel && !A_BEFORE_VOWEL_LETTER.contains(&b.as_str()) {
            found.push(format!("\"{first} {second}\""));
        }
        let consonant = b.chars().next().is_some_and(|c| c.is_alphabetic()) && !starts_with_vowel;
        if clean_join
            && (first == "an" || first == "An")
            && consonant
            && !AN_BEFORE_CONSONANT_LETTER.contains(&b.as_str())
        {
            found.push(format!("\"{first} {second}\""));
        }
        if clean_join && !named && a == "1" && b.ends_with('s') && !SINGULAR_WITH_S.contains(&b.as_str()) {
            found.push(format!("\"{first} {second}\""));
        }
        if clean_join && !a.is_empty() && a == b && a.chars().all(char::is_alphabetic) {
            found.push(format!("\"{first} {second}\""));
        }
    }
    found
}

/// Text as a sentence starts: its first letter a capital ("app was
/// down" becomes "App was down"), for words that may open with a node's
/// name.
pub fn sentence_start(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::millis;

    #[test]
    fn a_sentence_starts_with_a_capital() {
        assert_eq!(sentence_start("app was down for 2 s."), "App was down for 2 s.");
        assert_eq!(sentence_start("R1 noticed"), "R1 noticed");
        assert_eq!(sentence_start(""), "");
    }

    #[test]
    fn seconds_keep_a_tenth_only_while_it_matters() {
        assert_eq!(secs(millis(400)), "0.4 s");
        assert_eq!(secs(millis(2_500)), "2.5 s");
        assert_eq!(secs(millis(5_000)), "5 s");
        assert_eq!(secs(millis(31_200)), "31 s");
    }

    #[test]
    fn a_number_keeps_its_unit_on_its_line() {
        assert_eq!(keep_units("down for 2.3 s."), "down for 2.3\u{a0}s.");
        assert_eq!(
            keep_units("about 30 ms one way, 5 %"),
            "about 30\u{a0}ms one way, 5\u{a0}%"
        );
        assert_eq!(keep_units("3 servers and 2 shards"), "3 servers and 2 shards");
        assert_eq!(keep_units("16,000 km away"), "16,000\u{a0}km away");
        assert_eq!(times(1), "once");
        assert_eq!(times(3), "3 times");
    }

    #[test]
    fn lists_read_as_a_sentence() {
        let names = |n: &[&str]| n.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(list(&names(&[])), "");
        assert_eq!(list(&names(&["A"])), "A");
        assert_eq!(list(&names(&["A", "B"])), "A and B");
        assert_eq!(list(&names(&["A", "B", "C"])), "A, B and C");
    }

    #[test]
    fn slips_are_caught_and_good_text_passes() {
        assert_eq!(slips("It got a answer."), vec!["\"a answer.\""]);
        assert_eq!(slips("Only 1 nodes is up."), vec!["\"1 nodes\""]);
        assert_eq!(slips("an request"), vec!["\"an request\""]);
        assert_eq!(slips("the the end"), vec!["\"the the\""]);
        assert_eq!(slips("two  spaces"), vec!["two spaces in a row"]);
        assert_eq!(slips("a word ."), vec!["a space before \".\""]);
        for good in [
            "An answer came after 1 s, a one-way trip and an hour.",
            "1 request of 3 requests, in a unique order, 1 ms late.",
            "It took 1 s; a user saw it. Choose a. Option b is an idea.",
            "A asked and B answered, and server 1 takes the rest.",
        ] {
            assert!(slips(good).is_empty(), "{good}: {:?}", slips(good));
        }
    }
}
