//! Plain English for what the simulation shows people, in one place so every
//! protocol family and every sentence of the UI says it the same way: a noun
//! with its article ("a request", "an ack"), a count with its noun in the
//! right number ("1 node", "3 replies"), a length of time in sensible units
//! ("750 µs", "4 ms", "2.5 s"), a clock's reading ("12.345 s") and a chance
//! given in parts per million as a percentage ("2.5%").

use super::behaviour::Written;
use super::rng::PartsPerMillion;
use super::time::{Duration, MILLISECOND, SECOND};

/// Words starting with a vowel letter but a consonant sound ("a unit").
const CONSONANT_SOUNDS: [&str; 4] = ["one", "uni", "use", "eu"];

/// Words starting with a consonant letter but a vowel sound ("an hour").
const VOWEL_SOUNDS: [&str; 2] = ["hour", "honest"];

/// "a" or "an", whichever goes before `word`.
pub fn article(word: &str) -> &'static str {
    let lower = word.trim_start().to_lowercase();
    let starts = |prefixes: &[&str]| prefixes.iter().any(|p| lower.starts_with(p));
    let vowel = lower.starts_with(['a', 'e', 'i', 'o', 'u']);
    if (vowel && !starts(&CONSONANT_SOUNDS)) || starts(&VOWEL_SOUNDS) {
        "an"
    } else {
        "a"
    }
}

/// `noun` with its article: "a request", "an answer", "an ack".
pub fn with_article(noun: &str) -> String {
    format!("{} {noun}", article(noun))
}

/// The plural of a regular English noun: "nodes", "replies", "copies",
/// "keys", "matches". A phrase takes it on its first word when it is "X of
/// Y" ("writes of keys") and on its last word otherwise ("heartbeat
/// replies").
pub fn plural(noun: &str) -> String {
    if let Some((head, tail)) = noun.split_once(" of ") {
        return format!("{} of {tail}", plural(head));
    }
    let (before, last) = noun.rsplit_once(' ').map_or(("", noun), |(b, l)| (b, l));
    let joined = |word: String| {
        if before.is_empty() {
            word
        } else {
            format!("{before} {word}")
        }
    };
    let consonant_y = last.strip_suffix('y').filter(|stem| {
        stem.chars()
            .last()
            .is_some_and(|c| !matches!(c.to_ascii_lowercase(), 'a' | 'e' | 'i' | 'o' | 'u'))
    });
    if let Some(stem) = consonant_y {
        return joined(format!("{stem}ies"));
    }
    if ["s", "x", "z", "ch", "sh"].iter().any(|end| last.ends_with(end)) {
        return joined(format!("{last}es"));
    }
    joined(format!("{last}s"))
}

/// `noun` in the number that goes with `n`: "node" for 1, "nodes" else.
pub fn for_count(n: u64, noun: &str) -> String {
    if n == 1 {
        noun.to_string()
    } else {
        plural(noun)
    }
}

/// `n` and `noun`, in the singular for exactly one: "1 node", "0 nodes",
/// "3 replies".
pub fn count(n: u64, noun: &str) -> String {
    format!("{n} {}", for_count(n, noun))
}

/// `value` in `unit`s, to one decimal place when that is not whole.
fn in_units(value: u64, unit: u64, name: &str) -> String {
    let tenths = (u128::from(value) * 10 + u128::from(unit) / 2) / u128::from(unit);
    if tenths % 10 == 0 {
        format!("{} {name}", tenths / 10)
    } else {
        format!("{}.{} {name}", tenths / 10, tenths % 10)
    }
}

/// A length of time in the unit that suits it: "750 µs", "4 ms", "2.5 ms",
/// "1.2 s", "90 s".
pub fn duration(length: Duration) -> String {
    if length < MILLISECOND {
        format!("{length} µs")
    } else if length < SECOND - MILLISECOND / 20 {
        in_units(length, MILLISECOND, "ms")
    } else {
        in_units(length, SECOND, "s")
    }
}

/// A length of time in whole milliseconds, rounded half up: how a client's
/// wait is shown, and quoted where its label is.
pub fn whole_millis(length: Duration) -> u64 {
    (length + MILLISECOND / 2) / MILLISECOND
}

/// From one length of time to another: "2–4 s", "500 ms–1 s".
pub fn duration_range(low: Duration, high: Duration) -> String {
    let (from, to) = (duration(low), duration(high));
    match (from.rsplit_once(' '), to.rsplit_once(' ')) {
        (Some((number, unit)), Some((_, same))) if unit == same => format!("{number}–{to}"),
        _ => format!("{from}–{to}"),
    }
}

/// What a store holds under a key, as every picture, menu and message
/// writes it: "x = 12 (version 17)".
pub fn holding(name: &str, written: Written) -> String {
    format!("{name} = {} (version {})", written.value, written.version)
}

/// A key of a small store in words: "x", "y", "z", then "key 3" and on.
pub fn key_name(key: u32) -> String {
    match key {
        0 => "x".to_string(),
        1 => "y".to_string(),
        2 => "z".to_string(),
        _ => format!("key {key}"),
    }
}

/// A clock's reading, in seconds to the millisecond: "12.345 s", "-1.500 s"
/// (a node's clock may be behind the run's start).
pub fn clock_reading(micros: i64) -> String {
    let sign = if micros < 0 { "-" } else { "" };
    let abs = micros.unsigned_abs();
    format!("{sign}{}.{:03} s", abs / 1_000_000, (abs / 1_000) % 1_000)
}

/// A share given in parts per million, as a percentage to one decimal
/// place: "2.5%", "20.0%".
pub fn percent(ppm: PartsPerMillion) -> String {
    format!("{}.{}%", ppm / 10_000, (ppm / 1_000) % 10)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::{millis, seconds};

    #[test]
    fn articles_follow_the_sound_of_the_word() {
        for (noun, said) in [
            ("request", "a request"),
            ("answer", "an answer"),
            ("ack", "an ack"),
            ("heartbeat", "a heartbeat"),
            ("idempotency key", "an idempotency key"),
            ("unit", "a unit"),
            ("hour", "an hour"),
            ("Update", "an Update"),
        ] {
            assert_eq!(with_article(noun), said);
        }
    }

    #[test]
    fn counts_of_one_are_singular_and_the_rest_plural() {
        assert_eq!(count(1, "node"), "1 node");
        assert_eq!(count(0, "node"), "0 nodes");
        assert_eq!(count(3, "node"), "3 nodes");
        assert_eq!(count(2, "reply"), "2 replies");
        assert_eq!(count(2, "copy"), "2 copies");
        assert_eq!(count(2, "key"), "2 keys");
        assert_eq!(count(2, "match"), "2 matches");
        assert_eq!(count(2, "heartbeat reply"), "2 heartbeat replies");
        assert_eq!(count(2, "write of a key"), "2 writes of a key");
        assert_eq!(count(1, "attempt"), "1 attempt");
        assert_eq!(for_count(1_000, "node"), "nodes");
    }

    #[test]
    fn durations_read_in_sensible_units() {
        assert_eq!(duration(0), "0 µs");
        assert_eq!(duration(750), "750 µs");
        assert_eq!(duration(millis(4)), "4 ms");
        assert_eq!(duration(4_000), "4 ms");
        assert_eq!(duration(2_500), "2.5 ms");
        assert_eq!(duration(1_234), "1.2 ms");
        assert_eq!(duration(millis(300)), "300 ms");
        assert_eq!(duration(999_400), "999.4 ms");
        assert_eq!(duration(999_990), "1 s");
        assert_eq!(duration(seconds(1)), "1 s");
        assert_eq!(duration(1_200_000), "1.2 s");
        assert_eq!(duration(seconds(90)), "90 s");
    }

    #[test]
    fn ranges_name_a_shared_unit_once() {
        assert_eq!(duration_range(seconds(2), seconds(4)), "2–4 s");
        assert_eq!(duration_range(millis(150), millis(300)), "150–300 ms");
        assert_eq!(duration_range(millis(500), seconds(1)), "500 ms–1 s");
    }

    #[test]
    fn shares_read_as_percentages() {
        assert_eq!(percent(25_000), "2.5%");
        assert_eq!(percent(200_000), "20.0%");
        assert_eq!(percent(0), "0.0%");
    }

    #[test]
    fn clock_readings_show_milliseconds() {
        assert_eq!(clock_reading(0), "0.000 s");
        assert_eq!(clock_reading(12_345_678), "12.345 s");
        assert_eq!(clock_reading(-1_500_000), "-1.500 s");
    }
}
