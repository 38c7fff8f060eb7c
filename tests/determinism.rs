//! The same scenario and interventions give the same run, to the event: each
//! protocol family's reference run, twice, natively, matches the digest
//! pinned in `tests/fixtures/reference_digests.txt` (the browser test
//! `tests/web.rs` checks the WebAssembly build against the same file).
#![cfg(not(target_arch = "wasm32"))]

#[path = "support/reference.rs"]
mod reference;

use many_nodes::sim::Parting;
use reference::{pinned_digests, reference_digests, reference_traces, SEED};

/// Where two runs part, in words, for a failure message.
fn parting_words(family: &str, parting: &Parting<'_>) -> String {
    format!(
        "{family}: the runs part at event {}:\n  first:  {:?}\n  second: {:?}",
        parting.index, parting.mine, parting.theirs
    )
}

#[test]
fn reference_runs_repeat_exactly_event_by_event() {
    for ((family, first), (_, second)) in reference_traces(SEED).iter().zip(reference_traces(SEED).iter()) {
        if let Some(parting) = first.first_difference(second) {
            panic!("{}", parting_words(family, &parting));
        }
        assert_eq!(first.digest(), second.digest(), "{family}");
    }
}

#[test]
fn another_seed_parts_every_reference_run_and_says_where() {
    for ((family, first), (_, second)) in reference_traces(SEED).iter().zip(reference_traces(SEED + 1).iter()) {
        let parting = first.first_difference(second);
        let Some(parting) = parting else {
            panic!("{family}: seeds {SEED} and {} gave the very same run", SEED + 1)
        };
        assert_ne!(parting.mine, parting.theirs, "{}", parting_words(family, &parting));
        assert_ne!(first.digest(), second.digest(), "{family}");
        // Every event before the parting is the same in both runs.
        let before = parting.index as usize;
        assert!(first.events().take(before).eq(second.events().take(before)), "{family}");
    }
}

#[test]
fn native_build_matches_the_pinned_digests() {
    let computed = reference_digests();
    let pinned = pinned_digests();
    let listing: Vec<String> = computed.iter().map(|(f, d)| format!("{f} {d}")).collect();
    assert_eq!(
        computed
            .iter()
            .map(|(f, d)| (f.to_string(), d.clone()))
            .collect::<Vec<_>>(),
        pinned,
        "if the engine changed on purpose, pin the new digests:\n{}",
        listing.join("\n")
    );
}
