//! One message for each way a link can be wrong, for the student who
//! pasted it.

use super::round_trip::classroom_scenario;
use many_nodes::protocols::{election, lamport, quorum, rpc, sharding};
use many_nodes::scenario::limits::{
    MAX_EVENTS_TO_OPEN, MAX_INTERVENTIONS, MAX_LINK_CHARS, MAX_NODES, MAX_PPM, MAX_TIME,
};
use many_nodes::scenario::{
    decode, encode, ClusterSpec, LinkError, Scenario, ScenarioError, TextField, FORMAT_VERSION, LINK_PREFIX,
};
use many_nodes::sim::{millis, seconds, Action, Intervention, LinkConfig, NodeId};

#[test]
fn a_truncated_link_says_it_was_cut_off() {
    let link = encode(&classroom_scenario());
    for cut in LINK_PREFIX.len()..link.len() {
        let error = decode(&link[..cut]).expect_err("a cut link does not open");
        assert_eq!(error, LinkError::Truncated, "cut at {cut} of {}", link.len());
    }
    assert_eq!(
        LinkError::Truncated.to_string(),
        "this link was cut off — ask for the whole link again"
    );
}

#[test]
fn a_link_from_a_newer_version_says_so() {
    let link = encode(&classroom_scenario());
    let payload = &link[LINK_PREFIX.len()..];
    let next = u32::from(FORMAT_VERSION) + 1;
    let error = decode(&format!("v{next}.{payload}")).expect_err("the next version is from the future");
    assert_eq!(error, LinkError::UnknownVersion { found: next });
    assert!(error.to_string().contains("newer version of Many Nodes"), "{error}");
    assert!(matches!(
        decode(&format!("v0.{payload}")),
        Err(LinkError::UnknownVersion { found: 0 })
    ));
    assert!(matches!(
        decode(&format!("v999999999.{payload}")),
        Err(LinkError::UnknownVersion { found: 999_999_999 })
    ));
}

#[test]
fn the_link_prefix_names_the_format_version() {
    assert_eq!(LINK_PREFIX, format!("v{FORMAT_VERSION}."));
}

#[test]
fn a_link_asking_for_100_000_nodes_names_the_limit() {
    let scenario = Scenario::new(
        ClusterSpec::Election(election::Election {
            nodes: 100_000,
            timeout_ms: 150,
        }),
        1,
    );
    let expected = ScenarioError::TooManyNodes {
        asked: 100_000,
        limit: MAX_NODES,
    };
    let error = decode(&encode(&scenario)).expect_err("too many nodes");
    assert_eq!(error, LinkError::Invalid(expected.clone()));
    assert_eq!(error.to_string(), "this link asks for 100,000 nodes; the limit is 500");
    assert_eq!(scenario.build().err(), Some(expected));
    let overflowing = Scenario::new(
        ClusterSpec::Quorum(quorum::Quorum {
            n: u32::MAX,
            r: 1,
            w: 1,
            clients: u32::MAX,
        }),
        1,
    );
    assert!(matches!(
        decode(&encode(&overflowing)),
        Err(LinkError::Invalid(ScenarioError::TooManyNodes {
            asked: 8_589_934_590,
            ..
        }))
    ));
}

#[test]
fn a_short_link_to_late_in_a_busy_run_is_refused_for_its_work() {
    let mut busy = Scenario::new(
        ClusterSpec::Election(election::Election {
            nodes: 499,
            timeout_ms: 1,
        }),
        1,
    );
    busy.playhead = seconds(29 * 60 + 59);
    let link = encode(&busy);
    assert!(link.len() < 40, "a link of {} characters", link.len());
    let Err(LinkError::Invalid(ScenarioError::TooMuchWork {
        events,
        playhead,
        limit,
    })) = decode(&link)
    else {
        panic!("the link is refused for its work");
    };
    assert!(events > MAX_EVENTS_TO_OPEN && limit == MAX_EVENTS_TO_OPEN && playhead == busy.playhead);
    let said = decode(&link).err().map(|e| e.to_string()).unwrap_or_default();
    assert!(
        said.starts_with("this link needs about ") && said.ends_with(" events to reach 29:59; the limit is 50 million"),
        "{said}"
    );
    busy.playhead = 0;
    assert_eq!(
        decode(&encode(&busy)),
        Ok(busy),
        "the same cluster from its start opens"
    );
}

/// The link carries markup in a name or a note byte for byte, as text; it
/// is the page that must write it as text (Leptos text nodes), which this
/// test does not see.
#[test]
fn markup_in_a_name_or_note_survives_the_link_byte_for_byte() {
    let mut scenario = classroom_scenario();
    scenario.name = "<script>alert('hi')</script> & \"friends\"".to_string();
    scenario.note = "<img src=x onerror=alert(1)>\n</textarea>".to_string();
    let decoded = decode(&encode(&scenario)).expect("text is just text");
    assert_eq!(decoded.name, scenario.name);
    assert_eq!(decoded.note, scenario.note);
}

#[test]
fn an_enormous_time_is_refused() {
    let mut scenario = classroom_scenario();
    scenario.playhead = u64::MAX;
    let error = decode(&encode(&scenario)).expect_err("far too late");
    assert_eq!(
        error,
        LinkError::Invalid(ScenarioError::TimeTooLarge {
            at: u64::MAX,
            limit: MAX_TIME
        })
    );
    assert_eq!(
        error.to_string(),
        "this link goes 5,124,095,576 hours into the run; the limit is 24 hours"
    );

    let mut scenario = classroom_scenario();
    scenario
        .interventions
        .push(Intervention::new(MAX_TIME + 1, Action::HealAll));
    assert!(matches!(
        decode(&encode(&scenario)),
        Err(LinkError::Invalid(ScenarioError::TimeTooLarge { .. }))
    ));
    scenario.interventions.pop();
    scenario.interventions.push(Intervention::new(
        MAX_TIME,
        Action::DelayMessage {
            message: 3,
            by: u64::MAX,
        },
    ));
    assert!(matches!(
        decode(&encode(&scenario)),
        Err(LinkError::Invalid(ScenarioError::InvalidParameter { .. }))
    ));
}

#[test]
fn a_changed_character_is_noticed() {
    let link = encode(&classroom_scenario());
    let mut changed = 0;
    for at in LINK_PREFIX.len()..link.len() - 1 {
        let mut bytes = link.clone().into_bytes();
        bytes[at] = if bytes[at] == b'A' { b'B' } else { b'A' };
        let mangled = String::from_utf8(bytes).expect("still ASCII");
        let error = decode(&mangled).expect_err("a changed link does not open");
        assert!(matches!(error, LinkError::Corrupt | LinkError::Truncated), "{error:?}");
        changed += 1;
    }
    assert!(changed > 100);
    assert!(LinkError::Corrupt.to_string().contains("damaged"));
}

#[test]
fn links_that_are_not_links_say_so() {
    let link = encode(&classroom_scenario());
    for not_a_link in [
        "",
        "   ",
        "hello",
        "v.abc",
        "vv1.abc",
        "v1",
        "1.abc",
        "https://example.com/",
    ] {
        assert_eq!(decode(not_a_link), Err(LinkError::NotALink), "{not_a_link:?}");
    }
    assert!(LinkError::NotALink.to_string().contains(&format!("\"{LINK_PREFIX}\"")));
    for stranger in ["!", "+", "/", " ", "é"] {
        let changed = format!("{}{stranger}{}", &link[..10], &link[11..]);
        assert_eq!(decode(&changed), Err(LinkError::NotBase64), "{stranger:?}");
    }
    assert_eq!(
        decode(&format!("  {link}\n")).map(|s| s.seed),
        Ok(classroom_scenario().seed)
    );
    let pasted_often = link.repeat(MAX_LINK_CHARS / link.len() + 1);
    assert!(matches!(decode(&pasted_often), Err(LinkError::TooLong { .. })));
    assert!(decode(&pasted_often)
        .err()
        .is_some_and(|e| e.to_string().contains("pasted twice")));
}

#[test]
fn texts_are_limited_and_free_of_control_characters() {
    let with = |name: &str, note: &str| {
        let mut scenario = classroom_scenario();
        scenario.name = name.to_string();
        scenario.note = note.to_string();
        decode(&encode(&scenario)).map(|_| ()).map_err(|e| (e.to_string(), e))
    };
    assert_eq!(with(&"漢".repeat(80), &"🙂".repeat(1_000)), Ok(()));
    assert_eq!(
        with("line one\nline two", ""),
        Err(too_long_or_control(None, TextField::Name))
    );
    assert_eq!(with("", "line one\nline two"), Ok(()));
    assert_eq!(with("", "bell\u{7}"), Err(too_long_or_control(None, TextField::Note)));
    assert_eq!(with("tab\there", ""), Err(too_long_or_control(None, TextField::Name)));
    assert_eq!(
        with(&"x".repeat(81), ""),
        Err(too_long_or_control(Some(80), TextField::Name))
    );
    assert_eq!(
        with("", &"x".repeat(1_001)),
        Err(too_long_or_control(Some(1_000), TextField::Note))
    );
}

fn too_long_or_control(limit: Option<usize>, field: TextField) -> (String, LinkError) {
    let problem = match limit {
        Some(limit) => ScenarioError::TextTooLong { field, limit },
        None => ScenarioError::ControlCharacter { field },
    };
    (problem.to_string(), LinkError::Invalid(problem))
}

#[test]
fn interventions_must_act_on_nodes_the_cluster_has() {
    for action in [
        Action::Crash(NodeId(10)),
        Action::CutLink {
            from: NodeId(0),
            to: NodeId(u32::MAX),
        },
        Action::Partition(vec![vec![NodeId(1)], vec![NodeId(2), NodeId(10)]]),
    ] {
        let mut scenario = classroom_scenario();
        scenario.interventions.push(Intervention::new(millis(1), action));
        let error = decode(&encode(&scenario)).expect_err("the cluster has ten nodes");
        assert!(
            matches!(error, LinkError::Invalid(ScenarioError::NoSuchNode { nodes: 10, .. })),
            "{error:?}"
        );
        assert!(error.to_string().contains("only 10 nodes"), "{error}");
    }
    let mut scenario = classroom_scenario();
    scenario.interventions = vec![Intervention::new(0, Action::HealAll); MAX_INTERVENTIONS + 1];
    assert!(matches!(
        decode(&encode(&scenario)),
        Err(LinkError::Invalid(ScenarioError::TooManyInterventions { .. }))
    ));
}

#[test]
fn impossible_parameters_are_refused() {
    let impossible = [
        ClusterSpec::Quorum(quorum::Quorum {
            n: 3,
            r: 4,
            w: 2,
            clients: 1,
        }),
        ClusterSpec::Quorum(quorum::Quorum {
            n: 3,
            r: 2,
            w: 0,
            clients: 1,
        }),
        ClusterSpec::Quorum(quorum::Quorum {
            n: 0,
            r: 0,
            w: 0,
            clients: 1,
        }),
        ClusterSpec::Election(election::Election {
            nodes: 0,
            timeout_ms: 150,
        }),
        ClusterSpec::Election(election::Election {
            nodes: 3,
            timeout_ms: 0,
        }),
        ClusterSpec::ScaleOut(rpc::ScaleOut {
            clients: 2,
            servers: 0,
            service_ms: 5,
            every_ms: 10,
            skip_silent: false,
        }),
        ClusterSpec::ScaleOut(rpc::ScaleOut {
            clients: 2,
            servers: 2,
            service_ms: 5,
            every_ms: 0,
            skip_silent: false,
        }),
        ClusterSpec::Shards(sharding::Shards {
            shards: 0,
            clients: 3,
            hot_key_ppm: 0,
        }),
        ClusterSpec::RetryingSave(rpc::RetryingSave {
            loss_ppm: MAX_PPM + 1,
            idempotency_keys: false,
        }),
        ClusterSpec::ClockDrift(lamport::ClockDrift {
            nodes: 3,
            drift_ppm: i32::MIN,
        }),
        ClusterSpec::ClockChat(lamport::ClockChat {
            b_behind_ms: u32::MAX,
            rounds: 1,
        }),
        ClusterSpec::ClientServer(rpc::ClientServer {
            requests: None,
            max_retries: u32::MAX,
            idempotency_keys: false,
        }),
    ];
    for spec in impossible {
        let scenario = Scenario::new(spec, 1);
        let error = decode(&encode(&scenario)).expect_err("impossible");
        let said = error.to_string();
        match error {
            LinkError::Invalid(ScenarioError::InvalidParameter { .. }) => {
                assert!(said.starts_with("this link's cluster cannot be built: "), "{said}");
            }
            LinkError::Invalid(ScenarioError::OutOfRange { kind, field, found }) => {
                assert_eq!(kind, spec.kind().name);
                assert_eq!(
                    spec.values().get(kind_field(&spec, field.label)),
                    Some(&found),
                    "{said}"
                );
                let named = format!("this link's cluster ({kind}) cannot be built: \"{}\" is ", field.label);
                assert!(said.starts_with(&named), "{said}");
            }
            _ => panic!("{spec:?}: {error:?}"),
        }
        assert!(scenario.build().is_err());
    }
    let mut scenario = classroom_scenario();
    scenario.network = Some(LinkConfig {
        latency: u64::MAX,
        ..LinkConfig::default()
    });
    assert!(scenario.build().is_err());
}

/// The index of the field called `label` in `spec`'s kind.
fn kind_field(spec: &ClusterSpec, label: &str) -> usize {
    let fields = spec.kind().fields;
    fields
        .iter()
        .position(|field| field.label == label)
        .unwrap_or_else(|| panic!("{label} is not a field of {}", spec.kind().name))
}
