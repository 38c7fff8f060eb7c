//! Lab links: every lab's code and seed come back as they went in, links
//! stay short, and every kind of bad link gets its own clear error, never a
//! panic, however it was mangled (a huge unpacked body included).
#![cfg(not(target_arch = "wasm32"))]

use base64::Engine;
use many_nodes::lab::labs::all;
use many_nodes::lab::link::{decode, encode, LabLink, LabLinkError, LINK_PREFIX, MAX_LINK_CHARS};
use many_nodes::lab::MAX_SOURCE;
use many_nodes::sim::link_text::{checksum, BASE64};
use proptest::prelude::*;
use serde::Serialize;

const REFERENCE: &str = include_str!("labs/primary_backup/reference.rhai");

/// A link whose body is `body`, packed, deflated and checked as a real one.
fn forged<T: Serialize>(body: &T) -> String {
    let packed = postcard::to_allocvec(body).expect("packs");
    deflated_link(&packed)
}

fn deflated_link(packed: &[u8]) -> String {
    let deflated = miniz_oxide::deflate::compress_to_vec(packed, 6);
    let mut bytes = checksum(&deflated).to_le_bytes().to_vec();
    bytes.extend_from_slice(&deflated);
    format!("{LINK_PREFIX}{}", BASE64.encode(bytes))
}

#[test]
fn every_lab_its_code_and_seed_come_back() {
    for lab in all() {
        for seed in [None, Some(0), Some(u64::MAX)] {
            let code = format!("{}\n// note: «ünïcode» ✓ \"quotes\" \\ back`ticks`\n", lab.starter);
            let text = encode(&LabLink {
                lab,
                code: code.clone(),
                seed,
            })
            .expect("encodes");
            let back = decode(&format!("  {text}\n")).expect("decodes");
            assert_eq!(back.lab.id, lab.id);
            assert_eq!(back.code, code);
            assert_eq!(back.seed, seed);
        }
    }
}

#[test]
fn a_link_is_shorter_than_the_code_it_carries() {
    let lab = all()[3];
    let text = encode(&LabLink {
        lab,
        code: REFERENCE.to_string(),
        seed: Some(17),
    })
    .expect("encodes");
    assert!(text.starts_with(LINK_PREFIX));
    assert!(
        text.len() < REFERENCE.len(),
        "{} characters for {} of code",
        text.len(),
        REFERENCE.len()
    );
    assert!(text
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_' || b == b'.'));
}

#[test]
fn code_longer_than_a_lab_takes_makes_no_link() {
    let code = "x".repeat(MAX_SOURCE + 1);
    let error = encode(&LabLink {
        lab: all()[0],
        code,
        seed: None,
    })
    .err();
    assert_eq!(error, Some(LabLinkError::CodeTooLong { bytes: MAX_SOURCE + 1 }));
}

#[test]
fn each_bad_link_has_its_own_error() {
    let good = encode(&LabLink {
        lab: all()[1],
        code: REFERENCE.to_string(),
        seed: Some(3),
    })
    .expect("encodes");
    assert_eq!(decode("hello").err(), Some(LabLinkError::NotALabLink));
    assert_eq!(decode("v2.AAAA").err(), Some(LabLinkError::NotALabLink));
    assert_eq!(
        decode("l7.AAAA").err(),
        Some(LabLinkError::UnknownVersion { found: "7".into() })
    );
    for cut in [good.len() / 2, good.len() / 2 + 1, good.len() - 1] {
        let error = decode(&good[..cut]).err();
        assert!(
            matches!(error, Some(LabLinkError::Truncated | LabLinkError::Corrupt)),
            "cut at {cut}: {error:?}"
        );
    }
    assert_eq!(decode("l1.AA").err(), Some(LabLinkError::Truncated));
    let mut changed = good.clone().into_bytes();
    let middle = changed.len() / 2;
    changed[middle] = if changed[middle] == b'A' { b'B' } else { b'A' };
    assert_eq!(
        decode(&String::from_utf8(changed).expect("ascii")).err(),
        Some(LabLinkError::Corrupt)
    );
    assert_eq!(decode(&format!("{good}!")).err(), Some(LabLinkError::Corrupt));
    let long = format!("{LINK_PREFIX}{}", "A".repeat(MAX_LINK_CHARS));
    assert_eq!(decode(&long).err(), Some(LabLinkError::TooLong { chars: long.len() }));
}

#[test]
fn a_link_to_a_lab_that_does_not_exist_says_so() {
    let text = forged(&("raft-in-a-day", "fn on_start() {}", Some(1u64)));
    let error = decode(&text).err().expect("no such lab");
    assert_eq!(
        error,
        LabLinkError::UnknownLab {
            id: "raft-in-a-day".into()
        }
    );
    assert!(error.to_string().contains("\"raft-in-a-day\""), "{error}");
}

#[test]
fn a_small_link_cannot_unpack_into_a_huge_body() {
    let huge = ("exactly-once", "x".repeat(50 * MAX_SOURCE), None::<u64>);
    let text = forged(&huge);
    assert!(
        text.len() < MAX_LINK_CHARS,
        "the bomb fits in a link: {} characters",
        text.len()
    );
    assert_eq!(decode(&text).err(), Some(LabLinkError::Corrupt));
    let just_over = ("exactly-once", "x".repeat(MAX_SOURCE + 1), None::<u64>);
    assert_eq!(
        decode(&forged(&just_over)).err(),
        Some(LabLinkError::CodeTooLong { bytes: MAX_SOURCE + 1 })
    );
}

#[test]
fn every_error_reads_as_a_sentence() {
    let errors = [
        LabLinkError::NotALabLink,
        LabLinkError::UnknownVersion { found: "9".into() },
        LabLinkError::TooLong { chars: 200_000 },
        LabLinkError::Truncated,
        LabLinkError::Corrupt,
        LabLinkError::UnknownLab { id: "x".into() },
        LabLinkError::CodeTooLong { bytes: 70_000 },
    ];
    for error in errors {
        let words = error.to_string();
        assert!(words.starts_with("Th") && words.ends_with('.'), "{words}");
    }
}

proptest! {
    #[test]
    fn no_text_makes_decoding_panic(text in "\\PC{0,200}") {
        let _ = decode(&text);
        let _ = decode(&format!("{LINK_PREFIX}{text}"));
    }

    #[test]
    fn no_bytes_after_a_good_checksum_make_decoding_panic(packed in proptest::collection::vec(any::<u8>(), 0..300)) {
        let _ = decode(&deflated_link(&packed));
    }
}
