//! Links made by older link formats keep opening, with the very run they
//! showed: each pinned link in `tests/fixtures/v1_links.txt` and
//! `tests/fixtures/v2_links.txt` decodes, and its
//! run seeked to the pinned moment has the pinned trace digest. Re-encoded,
//! it becomes a link of today's format that opens the same scenario.
#![cfg(not(target_arch = "wasm32"))]

use many_nodes::scenario::{decode, encode, LINK_PREFIX};
use many_nodes::sim::millis;

/// (name, link, moment in ms, digest) for every pinned link.
fn pinned() -> Vec<(&'static str, &'static str, u64, &'static str)> {
    [
        include_str!("fixtures/v1_links.txt"),
        include_str!("fixtures/v2_links.txt"),
    ]
    .into_iter()
    .flat_map(str::lines)
    .filter(|line| !line.trim().is_empty() && !line.starts_with('#'))
    .map(|line| {
        let parts: Vec<&str> = line.split_whitespace().collect();
        let [name, link, at_ms, digest] = parts[..] else {
            panic!("a pinned line has four parts: {line}");
        };
        let at_ms = at_ms
            .parse()
            .unwrap_or_else(|_| panic!("{name}: {at_ms} is not a number"));
        (name, link, at_ms, digest)
    })
    .collect()
}

#[test]
fn every_pinned_old_link_opens_the_run_it_showed() {
    let links = pinned();
    assert!(
        links.len() >= 120,
        "the fixtures pin every lesson step and every cluster kind"
    );
    for (name, link, at_ms, digest) in links {
        let scenario = decode(link).unwrap_or_else(|problem| panic!("{name}: {problem}"));
        let mut run = scenario.build().unwrap_or_else(|problem| panic!("{name}: {problem}"));
        run.seek(millis(at_ms));
        assert_eq!(run.digest().hex(), digest, "{name} no longer shows the run it showed");
    }
}

#[test]
fn an_old_link_written_again_is_todays_link_for_the_same_scenario() {
    for (name, link, _, _) in pinned() {
        let scenario = decode(link).unwrap_or_else(|problem| panic!("{name}: {problem}"));
        let again = encode(&scenario);
        assert!(again.starts_with(LINK_PREFIX), "{name}: {again}");
        assert_eq!(decode(&again).as_ref(), Ok(&scenario), "{name}");
    }
}
