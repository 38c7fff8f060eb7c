//! Hostile links: no link, however mangled, makes decoding panic, hang or
//! hand over a scenario that cannot be built.

use super::round_trip::classroom_scenario;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use many_nodes::protocols::{election, lamport, quorum, replication, rpc, sharding};
use many_nodes::scenario::limits::MAX_TIME;
use many_nodes::scenario::{decode, encode, ClusterSpec, LinkError, Scenario, LINK_PREFIX};
use many_nodes::sim::rng::SimRng;
use many_nodes::sim::{millis, seconds, Action, Intervention, LinkConfig, NodeId};

/// Links of one scenario per cluster family, to mangle.
fn sample_links() -> Vec<String> {
    let mut links = vec![encode(&classroom_scenario())];
    let specs = [
        ClusterSpec::Quorum(quorum::Quorum {
            n: 5,
            r: 3,
            w: 3,
            clients: 2,
        }),
        ClusterSpec::ClockDrift(lamport::ClockDrift {
            nodes: 4,
            drift_ppm: -300,
        }),
        ClusterSpec::ScaleOut(rpc::ScaleOut {
            clients: 3,
            servers: 2,
            service_ms: 8,
            every_ms: 20,
            skip_silent: false,
        }),
        ClusterSpec::LoneProcess(rpc::LoneProcess),
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
        0 => ClusterSpec::LoneProcess(rpc::LoneProcess),
        1 => ClusterSpec::ClientServer(rpc::ClientServer {
            requests: Some(w()),
            max_retries: w(),
            idempotency_keys: true,
        }),
        2 => ClusterSpec::WebAndDatabase(rpc::WebAndDatabase),
        3 => ClusterSpec::Wordpress(rpc::Wordpress),
        4 => ClusterSpec::RetryingSave(rpc::RetryingSave {
            loss_ppm: w(),
            idempotency_keys: false,
        }),
        5 => ClusterSpec::ScaleOut(rpc::ScaleOut {
            clients: w(),
            servers: w(),
            service_ms: w(),
            every_ms: w(),
            skip_silent: false,
        }),
        6 => ClusterSpec::Geography(rpc::Geography { local_servers: false }),
        7 => ClusterSpec::PrimaryBackup(replication::PrimaryBackup {
            replicas: w(),
            clients: w(),
            synchronous: true,
            prefer_availability: true,
            start_in_touch: true,
        }),
        8 => ClusterSpec::Quorum(quorum::Quorum {
            n: w(),
            r: w(),
            w: w(),
            clients: w(),
        }),
        9 => ClusterSpec::Shards(sharding::Shards {
            shards: w(),
            clients: w(),
            hot_key_ppm: w(),
        }),
        10 => ClusterSpec::ClockGossip(lamport::ClockGossip { nodes: w() }),
        11 => ClusterSpec::ClockChat(lamport::ClockChat {
            b_behind_ms: w(),
            rounds: w(),
        }),
        12 => ClusterSpec::Election(election::Election {
            nodes: w(),
            timeout_ms: w(),
        }),
        13 => ClusterSpec::CentralServer(rpc::CentralServer { clients: w() }),
        _ => ClusterSpec::ClockDrift(lamport::ClockDrift {
            nodes: w(),
            drift_ppm: w() as i32,
        }),
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
