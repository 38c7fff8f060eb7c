//! The sandbox form's numbers and a cluster, both ways: a family's field
//! values make its [`ClusterSpec`] (each held to its field's range), and a
//! cluster gives back the values the form shows. Pure, tested natively.

use super::kinds::{Family, Input};
use crate::scenario::limits::MAX_PPM;
use crate::scenario::ClusterSpec;

impl Family {
    /// The cluster of this family with `values` for its [`Family::fields`]
    /// (in order; each is clamped to its field's range, a missing one is
    /// the field's starting value).
    pub fn build(self, values: &[i64]) -> ClusterSpec {
        let fields = self.fields();
        let value = |i: usize| {
            fields.get(i).map_or(0, |field| {
                let v = values.get(i).copied().unwrap_or(field.start);
                match field.input {
                    Input::Number { min, max, .. } => v.clamp(min, max),
                    Input::Toggle => v.clamp(0, 1),
                }
            })
        };
        let whole = |i: usize| u32::try_from(value(i)).unwrap_or(0);
        let on = |i: usize| value(i) != 0;
        let ppm = |i: usize| whole(i).saturating_mul(PPM_PER_PERCENT).min(MAX_PPM);
        match self {
            Family::Election => ClusterSpec::Election {
                nodes: whole(0),
                timeout_ms: whole(1),
            },
            Family::ClientServer => ClusterSpec::ClientServer {
                requests: Some(whole(0)).filter(|&count| count > 0),
                max_retries: whole(1),
                idempotency_keys: on(2),
            },
            Family::ScaleOut => ClusterSpec::ScaleOut {
                clients: whole(0),
                servers: whole(1),
                service_ms: whole(2),
                every_ms: whole(3),
            },
            Family::ScaleOutSkippingSilent => ClusterSpec::ScaleOutSkippingSilent {
                clients: whole(0),
                servers: whole(1),
                service_ms: whole(2),
                every_ms: whole(3),
            },
            Family::PrimaryBackup => ClusterSpec::PrimaryBackup {
                replicas: whole(0),
                clients: whole(1),
                synchronous: on(2),
                prefer_availability: on(3),
            },
            Family::Quorum => ClusterSpec::Quorum {
                n: whole(0),
                r: whole(1),
                w: whole(2),
                clients: whole(3),
            },
            Family::Shards => ClusterSpec::Shards {
                shards: whole(0),
                clients: whole(1),
                hot_key_ppm: ppm(2),
            },
            Family::ClockGossip => ClusterSpec::ClockGossip { nodes: whole(0) },
            Family::ClockDrift => ClusterSpec::ClockDrift {
                nodes: whole(0),
                drift_ppm: i32::try_from(value(1)).unwrap_or(0),
            },
            Family::ClockChat => ClusterSpec::ClockChat {
                b_behind_ms: whole(0),
                rounds: whole(1),
            },
            Family::CentralServer => ClusterSpec::CentralServer { clients: whole(0) },
            Family::RetryingSave => ClusterSpec::RetryingSave {
                loss_ppm: ppm(0),
                idempotency_keys: on(1),
            },
            Family::Geography => ClusterSpec::Geography { local_servers: on(0) },
            Family::WebAndDatabase => ClusterSpec::WebAndDatabase,
            Family::Wordpress => ClusterSpec::Wordpress,
            Family::LoneProcess => ClusterSpec::LoneProcess,
        }
    }
}

/// The values of a cluster's parameters, in the order of its family's
/// [`Family::fields`] (switches as 0 or 1, shares in whole percent).
pub fn values(spec: &ClusterSpec) -> Vec<i64> {
    let n = i64::from;
    let flag = |on: bool| i64::from(on);
    let percent = |ppm: u32| n(ppm / PPM_PER_PERCENT);
    match *spec {
        ClusterSpec::Election { nodes, timeout_ms } => vec![n(nodes), n(timeout_ms)],
        ClusterSpec::ClientServer {
            requests,
            max_retries,
            idempotency_keys,
        } => vec![n(requests.unwrap_or(0)), n(max_retries), flag(idempotency_keys)],
        ClusterSpec::ScaleOut {
            clients,
            servers,
            service_ms,
            every_ms,
        }
        | ClusterSpec::ScaleOutSkippingSilent {
            clients,
            servers,
            service_ms,
            every_ms,
        } => vec![n(clients), n(servers), n(service_ms), n(every_ms)],
        ClusterSpec::PrimaryBackup {
            replicas,
            clients,
            synchronous,
            prefer_availability,
        } => vec![n(replicas), n(clients), flag(synchronous), flag(prefer_availability)],
        ClusterSpec::Quorum { n: size, r, w, clients } => vec![n(size), n(r), n(w), n(clients)],
        ClusterSpec::Shards {
            shards,
            clients,
            hot_key_ppm,
        } => vec![n(shards), n(clients), percent(hot_key_ppm)],
        ClusterSpec::ClockGossip { nodes } | ClusterSpec::CentralServer { clients: nodes } => vec![n(nodes)],
        ClusterSpec::ClockDrift { nodes, drift_ppm } => vec![n(nodes), i64::from(drift_ppm)],
        ClusterSpec::ClockChat { b_behind_ms, rounds } => vec![n(b_behind_ms), n(rounds)],
        ClusterSpec::RetryingSave {
            loss_ppm,
            idempotency_keys,
        } => vec![percent(loss_ppm), flag(idempotency_keys)],
        ClusterSpec::Geography { local_servers } => vec![flag(local_servers)],
        ClusterSpec::WebAndDatabase | ClusterSpec::Wordpress | ClusterSpec::LoneProcess => vec![],
    }
}

/// `spec` with its parameter number `index` set to `value`.
pub fn with_value(spec: &ClusterSpec, index: usize, value: i64) -> ClusterSpec {
    let mut all = values(spec);
    if let Some(slot) = all.get_mut(index) {
        *slot = value;
    }
    Family::of(spec).build(&all)
}

const PPM_PER_PERCENT: u32 = 10_000;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::limits::MAX_DRIFT;

    #[test]
    fn the_form_reads_back_the_cluster_it_shows() {
        for family in Family::ALL {
            let start = family.start();
            assert_eq!(values(&start).len(), family.fields().len(), "{}", family.name());
            assert_eq!(family.build(&values(&start)), start, "{}", family.name());
        }
    }

    #[test]
    fn changing_one_parameter_changes_only_that_one() {
        let quorum = Family::Quorum.start();
        assert_eq!(
            with_value(&quorum, 3, 7),
            ClusterSpec::Quorum {
                n: 3,
                r: 2,
                w: 2,
                clients: 7
            }
        );
        let save = with_value(&Family::RetryingSave.start(), 0, 45);
        assert_eq!(values(&save), vec![45, 0]);
    }

    #[test]
    fn numbers_outside_a_field_are_held_to_its_limits() {
        let election = Family::Election.start();
        assert_eq!(
            with_value(&election, 0, 1_000_000),
            ClusterSpec::Election {
                nodes: 500,
                timeout_ms: 300
            }
        );
        assert_eq!(
            with_value(&election, 1, -4),
            ClusterSpec::Election {
                nodes: 5,
                timeout_ms: 1
            }
        );
        let drift = with_value(&Family::ClockDrift.start(), 1, -5_000_000);
        assert_eq!(values(&drift), vec![3, -i64::from(MAX_DRIFT)]);
        let save = with_value(&Family::RetryingSave.start(), 0, 250);
        assert_eq!(values(&save), vec![100, 0]);
    }

    #[test]
    fn a_client_that_never_stops_is_zero_requests() {
        let endless = Family::ClientServer.start();
        assert!(matches!(endless, ClusterSpec::ClientServer { requests: None, .. }));
        let ten = with_value(&endless, 0, 10);
        assert!(matches!(ten, ClusterSpec::ClientServer { requests: Some(10), .. }));
    }
}
