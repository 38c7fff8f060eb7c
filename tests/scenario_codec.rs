//! Scenario links: every valid scenario survives the trip through a link;
//! a shared link rebuilds the very run the sender saw; links stay short;
//! and no link, however mangled or hostile, makes decoding panic, hang or
//! hand over a scenario that cannot be built. Each way a link can be wrong
//! has its own message for the student who pasted it.
#![cfg(not(target_arch = "wasm32"))]

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use many_nodes::scenario::limits::{
    MAX_EVENTS_TO_OPEN, MAX_INTERVENTIONS, MAX_LINK_CHARS, MAX_LINK_DELAY, MAX_NODES, MAX_PPM, MAX_PRESET_MS, MAX_TIME,
};
use many_nodes::scenario::{
    decode, encode, ClusterSpec, LessonStep, LinkError, Scenario, ScenarioError, TextField, FORMAT_VERSION, LINK_PREFIX,
};
use many_nodes::sim::rng::SimRng;
use many_nodes::sim::{millis, seconds, Action, DropReason, Intervention, LinkConfig, NodeId, TraceKind};
use proptest::collection::vec;
use proptest::option;
use proptest::prelude::*;

// ---------------------------------------------------------------------------
// Generated valid scenarios

fn cluster() -> impl Strategy<Value = ClusterSpec> {
    prop_oneof![
        Just(ClusterSpec::LoneProcess),
        (option::of(0..50u32), 0..=5u32, any::<bool>()).prop_map(|(requests, max_retries, idempotency_keys)| {
            ClusterSpec::ClientServer {
                requests,
                max_retries,
                idempotency_keys,
            }
        }),
        Just(ClusterSpec::WebAndDatabase),
        Just(ClusterSpec::Wordpress),
        (0..=MAX_PPM, any::<bool>()).prop_map(|(loss_ppm, idempotency_keys)| ClusterSpec::RetryingSave {
            loss_ppm,
            idempotency_keys
        }),
        (1..20u32, 1..20u32, 0..=MAX_PRESET_MS, 1..=MAX_PRESET_MS).prop_map(
            |(clients, servers, service_ms, every_ms)| ClusterSpec::ScaleOut {
                clients,
                servers,
                service_ms,
                every_ms
            }
        ),
        any::<bool>().prop_map(|local_servers| ClusterSpec::Geography { local_servers }),
        (1..8u32, 0..8u32, any::<bool>(), any::<bool>()).prop_map(
            |(replicas, clients, synchronous, prefer_availability)| ClusterSpec::PrimaryBackup {
                replicas,
                clients,
                synchronous,
                prefer_availability
            }
        ),
        (1..8u32, 0..8u32)
            .prop_flat_map(|(n, clients)| (Just(n), 1..=n, 1..=n, Just(clients)))
            .prop_map(|(n, r, w, clients)| ClusterSpec::Quorum { n, r, w, clients }),
        (1..10u32, 0..10u32, 0..=MAX_PPM).prop_map(|(shards, clients, hot_key_ppm)| ClusterSpec::Shards {
            shards,
            clients,
            hot_key_ppm
        }),
        (1..30u32).prop_map(|nodes| ClusterSpec::ClockGossip { nodes }),
        (0..3_600_000u32, 0..100u32).prop_map(|(b_behind_ms, rounds)| ClusterSpec::ClockChat { b_behind_ms, rounds }),
        (1..30u32, 1..=MAX_PRESET_MS).prop_map(|(nodes, timeout_ms)| ClusterSpec::Election { nodes, timeout_ms }),
        (0..30u32).prop_map(|clients| ClusterSpec::CentralServer { clients }),
        (1..30u32, -100_000..=100_000i32).prop_map(|(nodes, drift_ppm)| ClusterSpec::ClockDrift { nodes, drift_ppm }),
        (1..20u32, 1..20u32, 0..=MAX_PRESET_MS, 1..=MAX_PRESET_MS).prop_map(
            |(clients, servers, service_ms, every_ms)| ClusterSpec::ScaleOutSkippingSilent {
                clients,
                servers,
                service_ms,
                every_ms
            }
        ),
    ]
}

fn link_config() -> impl Strategy<Value = LinkConfig> {
    (
        0..=MAX_LINK_DELAY,
        0..=MAX_LINK_DELAY,
        0..=MAX_PPM,
        0..=MAX_PPM,
        0..=MAX_PPM,
        option::of(any::<u64>()),
    )
        .prop_map(|(latency, jitter, loss, duplicate, reorder, bandwidth)| LinkConfig {
            latency,
            jitter,
            loss,
            duplicate,
            reorder,
            bandwidth,
        })
}

fn action(nodes: u32) -> impl Strategy<Value = Action> {
    let node = (0..nodes).prop_map(NodeId);
    prop_oneof![
        node.clone().prop_map(Action::Crash),
        node.clone().prop_map(Action::Restart),
        node.clone().prop_map(Action::Pause),
        node.clone().prop_map(Action::Resume),
        (node.clone(), node.clone()).prop_map(|(from, to)| Action::CutLink { from, to }),
        (node.clone(), node.clone()).prop_map(|(from, to)| Action::HealLink { from, to }),
        vec(vec(node, 0..5), 0..4).prop_map(Action::Partition),
        Just(Action::HealAll),
        any::<u64>().prop_map(Action::DropMessage),
        (any::<u64>(), 0..=MAX_TIME).prop_map(|(message, by)| Action::DelayMessage { message, by }),
        link_config().prop_map(Action::SetNetwork),
    ]
}

fn scenario() -> impl Strategy<Value = Scenario> {
    cluster()
        .prop_flat_map(|cluster| {
            let nodes = cluster.node_count() as u32;
            (
                Just(cluster),
                option::of((any::<u8>(), any::<u8>())),
                any::<u64>(),
                "[a-zA-Z0-9 <>&'\"/éß漢字🙂]{0,80}",
                "[a-z .<>\n漢🙂]{0,300}",
                option::of(link_config()),
                vec((0..=MAX_TIME, action(nodes)), 0..30),
                0..=MAX_TIME,
            )
        })
        .prop_map(
            |(cluster, lesson, seed, name, note, network, interventions, playhead)| {
                within_the_work_limit(Scenario {
                    lesson: lesson.map(|(lesson, step)| LessonStep { lesson, step }),
                    seed,
                    name,
                    note,
                    cluster,
                    network,
                    interventions: interventions
                        .into_iter()
                        .map(|(at, action)| Intervention::new(at, action))
                        .collect(),
                    playhead,
                })
            },
        )
}

/// The scenario with its playhead brought early enough that reaching it is
/// within the work limit (halving it until it is).
fn within_the_work_limit(mut scenario: Scenario) -> Scenario {
    while scenario.playhead > 0 && scenario.estimated_events() > MAX_EVENTS_TO_OPEN {
        scenario.playhead /= 2;
    }
    scenario
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn any_valid_scenario_round_trips(scenario in scenario()) {
        prop_assert_eq!(scenario.validate(), Ok(()));
        let link = encode(&scenario);
        prop_assert!(link.starts_with(LINK_PREFIX));
        prop_assert!(link.bytes().all(|b| b.is_ascii_alphanumeric() || b"-_.".contains(&b)), "{}", link);
        prop_assert_eq!(decode(&link), Ok(scenario));
    }
}

// ---------------------------------------------------------------------------
// Short links, same runs

/// Ten nodes, twenty interventions of every common kind, a name and a note.
fn classroom_scenario() -> Scenario {
    let mut scenario = Scenario::new(ClusterSpec::Wordpress, 0x5eed_cafe_f00d_0001);
    scenario.lesson = Some(LessonStep { lesson: 4, step: 2 });
    scenario.name = "The cache goes down".to_string();
    scenario.note = "Watch the database replica.\nWhat do the readers see?".to_string();
    scenario.network = Some(LinkConfig {
        loss: 20_000,
        ..LinkConfig::default()
    });
    scenario.interventions = (0..20u64)
        .map(|i| {
            let node = NodeId((i % 10) as u32);
            let action = match i % 5 {
                0 => Action::Crash(node),
                1 => Action::Restart(node),
                2 => Action::CutLink {
                    from: node,
                    to: NodeId(9),
                },
                3 => Action::Partition(vec![vec![NodeId(7), NodeId(8)], vec![node]]),
                _ => Action::HealAll,
            };
            Intervention::new(millis(350 * i + 123), action)
        })
        .collect();
    scenario.playhead = seconds(9) + 456;
    scenario
}

#[test]
fn a_ten_node_scenario_with_twenty_interventions_fits_in_a_short_link() {
    let scenario = classroom_scenario();
    assert_eq!(scenario.cluster.node_count(), 10);
    assert_eq!(scenario.interventions.len(), 20);
    let link = encode(&scenario);
    println!("10 nodes, 20 interventions, name and note: {} characters", link.len());
    assert!(link.len() < 1_000, "{} characters: {link}", link.len());
    assert_eq!(decode(&link), Ok(scenario));
}

#[test]
fn decoding_a_shared_link_gives_the_same_run() {
    for cluster in [
        ClusterSpec::Wordpress,
        ClusterSpec::PrimaryBackup {
            replicas: 3,
            clients: 2,
            synchronous: true,
            prefer_availability: false,
        },
        ClusterSpec::Election {
            nodes: 5,
            timeout_ms: 150,
        },
        ClusterSpec::ClockChat {
            b_behind_ms: 40,
            rounds: 5,
        },
    ] {
        let mut sent = Scenario::new(cluster, 42);
        sent.network = Some(LinkConfig {
            loss: 30_000,
            duplicate: 20_000,
            reorder: 40_000,
            ..LinkConfig::default()
        });
        let mut sender = sent.build().expect("a valid scenario builds");
        assert_eq!(sender.now(), 0, "building does not move time on");
        sender.advance_to(millis(600));
        sender.intervene(Action::Crash(NodeId(1))).expect("node 1 exists");
        sender.advance_to(millis(1_300));
        if let Some(message) = sender.snapshot().messages.first() {
            sender
                .intervene(Action::DropMessage(message.id))
                .expect("it is on the wire");
        }
        sender
            .intervene(Action::Partition(vec![vec![NodeId(0), NodeId(2)]]))
            .expect("nodes exist");
        sender.advance_to(millis(2_100));
        sender.intervene(Action::HealAll).expect("always possible");
        sender.intervene(Action::Restart(NodeId(1))).expect("node 1 exists");
        sender.advance_to(millis(3_333));
        sent.capture(&*sender);

        let received = decode(&encode(&sent)).expect("a valid link opens");
        assert_eq!(received, sent);
        let mut receiver = received.build().expect("a valid scenario builds");
        receiver.seek(received.playhead);
        assert_eq!(receiver.now(), sender.now());
        assert_eq!(receiver.digest(), sender.digest(), "{cluster:?}");
        assert_eq!(receiver.snapshot(), sender.snapshot(), "{cluster:?}");
    }
}

#[test]
fn the_seed_and_the_network_override_shape_the_run() {
    let digest_of = |scenario: &Scenario| {
        let mut run = scenario.build().expect("a valid scenario builds");
        run.advance_to(seconds(2));
        run.digest()
    };
    let spec = ClusterSpec::Quorum {
        n: 3,
        r: 2,
        w: 2,
        clients: 2,
    };
    assert_ne!(digest_of(&Scenario::new(spec, 1)), digest_of(&Scenario::new(spec, 2)));

    let mut lossless = Scenario::new(
        ClusterSpec::ClientServer {
            requests: None,
            max_retries: 2,
            idempotency_keys: false,
        },
        1,
    );
    lossless.network = Some(LinkConfig {
        loss: MAX_PPM,
        ..LinkConfig::default()
    });
    let mut run = lossless.build().expect("a valid scenario builds");
    run.advance_to(seconds(3));
    let fates: Vec<_> = run
        .trace()
        .events()
        .filter_map(|e| match e.kind {
            TraceKind::Delivered { .. } => Some(None),
            TraceKind::Dropped { reason, .. } => Some(Some(reason)),
            _ => None,
        })
        .collect();
    assert!(!fates.is_empty());
    assert!(fates.iter().all(|&fate| fate == Some(DropReason::Loss)), "{fates:?}");
}

/// Every cluster at the small and the large ends of its ranges: it has the
/// nodes it says and runs without trouble.
#[test]
fn every_cluster_has_the_nodes_it_says_and_runs_at_the_edges_of_its_ranges() {
    let small = [
        ClusterSpec::LoneProcess,
        ClusterSpec::ClientServer {
            requests: Some(0),
            max_retries: 0,
            idempotency_keys: false,
        },
        ClusterSpec::WebAndDatabase,
        ClusterSpec::Wordpress,
        ClusterSpec::RetryingSave {
            loss_ppm: MAX_PPM,
            idempotency_keys: true,
        },
        ClusterSpec::ScaleOut {
            clients: 1,
            servers: 1,
            service_ms: 0,
            every_ms: 1,
        },
        ClusterSpec::ScaleOutSkippingSilent {
            clients: 1,
            servers: 1,
            service_ms: 0,
            every_ms: 1,
        },
        ClusterSpec::Geography { local_servers: true },
        ClusterSpec::PrimaryBackup {
            replicas: 1,
            clients: 0,
            synchronous: false,
            prefer_availability: true,
        },
        ClusterSpec::Quorum {
            n: 1,
            r: 1,
            w: 1,
            clients: 0,
        },
        ClusterSpec::Shards {
            shards: 1,
            clients: 0,
            hot_key_ppm: MAX_PPM,
        },
        ClusterSpec::ClockGossip { nodes: 1 },
        ClusterSpec::ClockChat {
            b_behind_ms: 0,
            rounds: 0,
        },
        ClusterSpec::Election {
            nodes: 1,
            timeout_ms: 1,
        },
        ClusterSpec::CentralServer { clients: 0 },
        ClusterSpec::ClockDrift {
            nodes: 1,
            drift_ppm: -100_000,
        },
    ];
    let large = [
        ClusterSpec::ClientServer {
            requests: Some(u32::MAX),
            max_retries: 100,
            idempotency_keys: true,
        },
        ClusterSpec::ScaleOut {
            clients: 200,
            servers: 299,
            service_ms: MAX_PRESET_MS,
            every_ms: 5,
        },
        ClusterSpec::PrimaryBackup {
            replicas: 250,
            clients: 250,
            synchronous: true,
            prefer_availability: false,
        },
        ClusterSpec::Quorum {
            n: 400,
            r: 400,
            w: 1,
            clients: 100,
        },
        ClusterSpec::Shards {
            shards: 450,
            clients: 50,
            hot_key_ppm: 0,
        },
        ClusterSpec::ClockGossip { nodes: 500 },
        ClusterSpec::ClockChat {
            b_behind_ms: 3_600_000,
            rounds: 10_000,
        },
        ClusterSpec::Election {
            nodes: 500,
            timeout_ms: 20,
        },
        ClusterSpec::CentralServer { clients: 499 },
        ClusterSpec::ClockDrift {
            nodes: 500,
            drift_ppm: 100_000,
        },
    ];
    for (specs, run_for) in [(&small[..], seconds(1)), (&large[..], millis(100))] {
        for &spec in specs {
            let mut run = Scenario::new(spec, 9).build().expect("within its ranges");
            assert_eq!(run.snapshot().nodes.len() as u64, spec.node_count(), "{spec:?}");
            run.advance_to(run_for);
            assert_eq!(run.now(), run_for);
        }
    }
}

// ---------------------------------------------------------------------------
// One message for each way a link can be wrong

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
    let error = decode(&format!("v2.{payload}")).expect_err("version 2 is from the future");
    assert_eq!(error, LinkError::UnknownVersion { found: 2 });
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
        ClusterSpec::Election {
            nodes: 100_000,
            timeout_ms: 150,
        },
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
        ClusterSpec::Quorum {
            n: u32::MAX,
            r: 1,
            w: 1,
            clients: u32::MAX,
        },
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
        ClusterSpec::Election {
            nodes: 499,
            timeout_ms: 1,
        },
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
    assert!(LinkError::NotALink.to_string().contains("\"v1.\""));
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
        ClusterSpec::Quorum {
            n: 3,
            r: 4,
            w: 2,
            clients: 1,
        },
        ClusterSpec::Quorum {
            n: 3,
            r: 2,
            w: 0,
            clients: 1,
        },
        ClusterSpec::Quorum {
            n: 0,
            r: 0,
            w: 0,
            clients: 1,
        },
        ClusterSpec::Election {
            nodes: 0,
            timeout_ms: 150,
        },
        ClusterSpec::Election {
            nodes: 3,
            timeout_ms: 0,
        },
        ClusterSpec::ScaleOut {
            clients: 2,
            servers: 0,
            service_ms: 5,
            every_ms: 10,
        },
        ClusterSpec::ScaleOut {
            clients: 2,
            servers: 2,
            service_ms: 5,
            every_ms: 0,
        },
        ClusterSpec::Shards {
            shards: 0,
            clients: 3,
            hot_key_ppm: 0,
        },
        ClusterSpec::RetryingSave {
            loss_ppm: MAX_PPM + 1,
            idempotency_keys: false,
        },
        ClusterSpec::ClockDrift {
            nodes: 3,
            drift_ppm: i32::MIN,
        },
        ClusterSpec::ClockChat {
            b_behind_ms: u32::MAX,
            rounds: 1,
        },
        ClusterSpec::ClientServer {
            requests: None,
            max_retries: u32::MAX,
            idempotency_keys: false,
        },
    ];
    for spec in impossible {
        let scenario = Scenario::new(spec, 1);
        let error = decode(&encode(&scenario)).expect_err("impossible");
        assert!(
            matches!(error, LinkError::Invalid(ScenarioError::InvalidParameter { .. })),
            "{spec:?}: {error:?}"
        );
        assert!(error.to_string().starts_with("this link's cluster cannot be built: "));
        assert!(scenario.build().is_err());
    }
    let mut scenario = classroom_scenario();
    scenario.network = Some(LinkConfig {
        latency: u64::MAX,
        ..LinkConfig::default()
    });
    assert!(scenario.build().is_err());
}

// ---------------------------------------------------------------------------
// Hostile links

/// Links of one scenario per cluster family, to mangle.
fn sample_links() -> Vec<String> {
    let mut links = vec![encode(&classroom_scenario())];
    let specs = [
        ClusterSpec::Quorum {
            n: 5,
            r: 3,
            w: 3,
            clients: 2,
        },
        ClusterSpec::ClockDrift {
            nodes: 4,
            drift_ppm: -300,
        },
        ClusterSpec::ScaleOut {
            clients: 3,
            servers: 2,
            service_ms: 8,
            every_ms: 20,
        },
        ClusterSpec::LoneProcess,
    ];
    for (i, spec) in specs.into_iter().enumerate() {
        let mut scenario = Scenario::new(spec, (i as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15));
        scenario.name = format!("sample {i} 🙂");
        scenario.interventions = vec![
            Intervention::new(millis(10), Action::Crash(NodeId(0))),
            Intervention::new(millis(20), Action::SetNetwork(LinkConfig::default())),
            Intervention::new(millis(30), Action::Partition(vec![vec![NodeId(0)]])),
        ];
        scenario.playhead = seconds(i as u64);
        links.push(encode(&scenario));
    }
    links
}

const BASE64_CHARS: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
const ODD_CHARS: [char; 12] = ['v', '1', '.', '=', '+', '/', ' ', '\n', 'é', '漢', '🙂', '\0'];

fn pick<T: Copy>(rng: &mut SimRng, items: &[T]) -> T {
    items[rng.below(items.len() as u64) as usize]
}

fn random_string(rng: &mut SimRng, len: u64) -> String {
    (0..rng.below(len))
        .map(|_| {
            if rng.chance(500_000) {
                char::from(pick(rng, BASE64_CHARS))
            } else {
                pick(rng, &ODD_CHARS)
            }
        })
        .collect()
}

/// One mangled link: `kind` chooses how.
fn hostile_link(rng: &mut SimRng, kind: u64, valid: &str) -> String {
    let payload = &valid[LINK_PREFIX.len()..];
    let bytes = || URL_SAFE_NO_PAD.decode(payload).expect("our own link");
    let relink = |bytes: &[u8]| format!("{LINK_PREFIX}{}", URL_SAFE_NO_PAD.encode(bytes));
    match kind {
        0 => {
            let len = rng.below(160);
            let chars: String = (0..len).map(|_| char::from(pick(rng, BASE64_CHARS))).collect();
            format!("{LINK_PREFIX}{chars}")
        }
        1 if rng.chance(500_000) => random_string(rng, 60),
        1 => format!("{LINK_PREFIX}{}", random_string(rng, 60)),
        2 => valid[..rng.below(valid.len() as u64) as usize].to_string(),
        3 => {
            let mut link = valid.to_string().into_bytes();
            for _ in 0..=rng.below(3) {
                let at = rng.between(LINK_PREFIX.len() as u64, link.len() as u64 - 1) as usize;
                link[at] = pick(rng, BASE64_CHARS);
            }
            String::from_utf8(link).unwrap_or_default()
        }
        4 => {
            let mut bytes = bytes();
            for _ in 0..=rng.below(3) {
                let at = rng.below(bytes.len() as u64) as usize;
                bytes[at] ^= 1 << rng.below(8);
            }
            relink(&bytes)
        }
        5 => {
            // A huge varint: a length or count claiming up to 2^64.
            let mut bytes = bytes();
            let at = rng.below(bytes.len() as u64 + 1) as usize;
            let run = rng.between(1, 12) as usize;
            let mut huge = vec![0xff; run];
            huge.push(rng.below(2) as u8);
            bytes.splice(at..at, huge);
            relink(&bytes)
        }
        6 => {
            let mut bytes = bytes();
            let at = rng.below(bytes.len() as u64) as usize;
            let end = (at + rng.between(1, 6) as usize).min(bytes.len());
            bytes[at..end].fill(0xff);
            relink(&bytes)
        }
        _ => {
            let bytes: Vec<u8> = (0..rng.below(200)).map(|_| rng.next_u64() as u8).collect();
            relink(&bytes)
        }
    }
}

#[test]
fn decoding_survives_a_hundred_thousand_hostile_links() {
    const HOSTILE_LINKS: u64 = 100_000;
    let valid = sample_links();
    let mut rng = SimRng::seeded(20_260_101);
    let mut seen = std::collections::BTreeMap::<String, u64>::new();
    for i in 0..HOSTILE_LINKS {
        let link = hostile_link(&mut rng, i % 8, &valid[(i / 8) as usize % valid.len()]);
        let kind = match decode(&link) {
            Ok(scenario) => {
                let run = scenario.build().expect("a link that opens builds");
                assert_eq!(run.now(), 0);
                "opened".to_string()
            }
            Err(error) => {
                assert!(!error.to_string().is_empty());
                format!("{error:?}")
                    .split(['(', ' '])
                    .next()
                    .unwrap_or_default()
                    .to_string()
            }
        };
        *seen.entry(kind).or_default() += 1;
    }
    println!("{seen:?}");
    for kind in ["Corrupt", "NotALink", "NotBase64", "Truncated"] {
        assert!(seen.get(kind).is_some_and(|&n| n > 100), "too few {kind}: {seen:?}");
    }
    assert_eq!(seen.values().sum::<u64>(), HOSTILE_LINKS);
}

/// A parameter: usually small, often at an edge, sometimes anything.
fn wild(rng: &mut SimRng, edges: &[u32]) -> u32 {
    match rng.below(10) {
        0..=4 => rng.below(8) as u32,
        5..=7 => pick(rng, edges),
        _ => rng.next_u64() as u32,
    }
}

fn wild_scenario(rng: &mut SimRng) -> Scenario {
    let edges = [
        0,
        1,
        2,
        250,
        499,
        500,
        501,
        60_000,
        60_001,
        1_000_000,
        1_000_001,
        u32::MAX,
    ];
    let mut w = || wild(rng, &edges);
    let cluster = match w() % 15 {
        0 => ClusterSpec::LoneProcess,
        1 => ClusterSpec::ClientServer {
            requests: Some(w()),
            max_retries: w(),
            idempotency_keys: true,
        },
        2 => ClusterSpec::WebAndDatabase,
        3 => ClusterSpec::Wordpress,
        4 => ClusterSpec::RetryingSave {
            loss_ppm: w(),
            idempotency_keys: false,
        },
        5 => ClusterSpec::ScaleOut {
            clients: w(),
            servers: w(),
            service_ms: w(),
            every_ms: w(),
        },
        6 => ClusterSpec::Geography { local_servers: false },
        7 => ClusterSpec::PrimaryBackup {
            replicas: w(),
            clients: w(),
            synchronous: true,
            prefer_availability: true,
        },
        8 => ClusterSpec::Quorum {
            n: w(),
            r: w(),
            w: w(),
            clients: w(),
        },
        9 => ClusterSpec::Shards {
            shards: w(),
            clients: w(),
            hot_key_ppm: w(),
        },
        10 => ClusterSpec::ClockGossip { nodes: w() },
        11 => ClusterSpec::ClockChat {
            b_behind_ms: w(),
            rounds: w(),
        },
        12 => ClusterSpec::Election {
            nodes: w(),
            timeout_ms: w(),
        },
        13 => ClusterSpec::CentralServer { clients: w() },
        _ => ClusterSpec::ClockDrift {
            nodes: w(),
            drift_ppm: w() as i32,
        },
    };
    let mut scenario = Scenario::new(cluster, rng.next_u64());
    let time = |rng: &mut SimRng| match rng.below(12) {
        0 => rng.next_u64(),
        1 => MAX_TIME + rng.below(2),
        _ => rng.below(seconds(5)),
    };
    for _ in 0..rng.below(6) {
        let node = NodeId(wild(rng, &edges));
        let action = match rng.below(5) {
            0 => Action::Crash(node),
            1 => Action::CutLink {
                from: node,
                to: NodeId(0),
            },
            2 => Action::Partition(vec![vec![node, NodeId(1)]]),
            3 => Action::DelayMessage {
                message: rng.below(50),
                by: time(rng),
            },
            _ => Action::SetNetwork(LinkConfig {
                latency: time(rng),
                loss: wild(rng, &edges),
                ..LinkConfig::default()
            }),
        };
        scenario.interventions.push(Intervention::new(time(rng), action));
    }
    scenario.playhead = time(rng);
    scenario
}

#[test]
fn random_scenarios_are_refused_with_a_reason_or_run() {
    let mut rng = SimRng::seeded(7);
    let (mut opened, mut refused) = (0, 0);
    for _ in 0..5_000 {
        let scenario = wild_scenario(&mut rng);
        match decode(&encode(&scenario)) {
            Ok(decoded) => {
                assert_eq!(decoded, scenario);
                let mut run = decoded.build().expect("a link that opens builds");
                run.advance_to(millis(20));
                opened += 1;
            }
            Err(LinkError::Invalid(problem)) => {
                assert_eq!(scenario.validate(), Err(problem.clone()));
                assert_eq!(scenario.build().err(), Some(problem));
                refused += 1;
            }
            Err(other) => panic!("our own link failed to decode: {other:?}"),
        }
    }
    assert!(opened > 500 && refused > 500, "opened {opened}, refused {refused}");
}
