//! The same scenario and interventions give the same run, to the event: each
//! protocol family's reference run, twice, natively, matches the digest
//! pinned in `tests/fixtures/reference_digests.txt` (the browser test
//! `tests/web.rs` checks the WebAssembly build against the same file).
#![cfg(not(target_arch = "wasm32"))]

#[path = "support/reference.rs"]
mod reference;

use reference::{pinned_digests, reference_digests};

#[test]
fn reference_runs_repeat_exactly() {
    assert_eq!(reference_digests(), reference_digests());
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
