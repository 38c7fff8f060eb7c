//! How far apart a cluster's nodes stand, in time. On a network where
//! distance adds to every message's trip (the geography lesson's two
//! continents, light in fibre: `Run::distance`), the network's latency
//! setting is only part of the delay: this says how much distance adds on
//! the longest trip, so the network panel can say so beside its latency
//! slider.

use crate::sim::{DistanceLatency, Duration, NodeView};

/// The trip between the two nodes farthest apart: their names and how long
/// distance alone adds to a message between them, one way.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FarthestTrip {
    pub from: String,
    pub to: String,
    pub adds: Duration,
}

/// The farthest trip between `nodes` (the first such pair, in node order)
/// when distance adds `distance`; `None` with fewer than two nodes or
/// when every node stands on one spot.
pub fn farthest_trip(distance: DistanceLatency, nodes: &[NodeView]) -> Option<FarthestTrip> {
    let mut farthest: Option<(u64, &NodeView, &NodeView)> = None;
    for (i, a) in nodes.iter().enumerate() {
        for b in &nodes[i + 1..] {
            let km = a.place.distance_km(b.place);
            if km > farthest.map_or(0, |(most, _, _)| most) {
                farthest = Some((km, a, b));
            }
        }
    }
    farthest.map(|(km, a, b)| FarthestTrip {
        from: a.name.clone(),
        to: b.name.clone(),
        adds: distance.across(km),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::protocols::rpc::Geography;
    use crate::scenario::{ClusterSpec, Scenario, KINDS};
    use crate::sim::{millis, seconds, TraceKind};

    fn geography(local_servers: bool) -> Scenario {
        Scenario::new(ClusterSpec::Geography(Geography { local_servers }), 505)
    }

    #[test]
    fn only_the_geography_cluster_has_distance() {
        let run = geography(false).build().unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(run.distance(), Some(DistanceLatency::FIBRE));
        let lone = KINDS
            .iter()
            .filter_map(|kind| Scenario::new(kind.start(), 1).build().ok())
            .filter(|run| run.distance().is_some())
            .count();
        assert_eq!(lone, 1, "one kind of cluster spreads its nodes over a map");
    }

    #[test]
    fn the_farthest_trip_crosses_the_world() {
        let scenario = geography(false);
        let run = scenario.build().unwrap_or_else(|e| panic!("{e}"));
        let nodes = run.snapshot().nodes;
        let trip = farthest_trip(DistanceLatency::FIBRE, &nodes).unwrap_or_else(|| panic!("no trip"));
        assert_eq!(
            (trip.from.as_str(), trip.to.as_str()),
            ("client in Australia", "server in Europe")
        );
        assert!(
            (millis(80)..millis(83)).contains(&trip.adds),
            "about 16,000 km of fibre: {} µs",
            trip.adds
        );
    }

    #[test]
    fn the_farthest_trip_is_what_the_network_adds() {
        let mut run = geography(false).build().unwrap_or_else(|e| panic!("{e}"));
        let nodes = run.snapshot().nodes;
        let trip = farthest_trip(DistanceLatency::FIBRE, &nodes).unwrap_or_else(|| panic!("no trip"));
        let link = run.default_link();
        run.advance_to(seconds(3));
        let named = |name: &str| nodes.iter().find(|n| n.name == name).map(|n| n.id);
        let (from, to) = (named(&trip.from), named(&trip.to));
        let took: Vec<Duration> = run
            .trace()
            .events()
            .filter_map(|event| match event.kind {
                TraceKind::Sent {
                    from: sender,
                    to: receiver,
                    departs,
                    arrives,
                    ..
                } if Some(sender) == from && Some(receiver) == to => Some(arrives - departs),
                _ => None,
            })
            .collect();
        assert!(!took.is_empty(), "the far client sends to the far server");
        for journey in took {
            let beyond = journey - trip.adds;
            assert!(
                (link.latency..=link.latency + link.jitter).contains(&beyond),
                "a request took {journey} µs: distance {} µs plus {beyond} µs",
                trip.adds
            );
        }
    }

    #[test]
    fn no_trip_without_two_nodes_apart() {
        assert_eq!(farthest_trip(DistanceLatency::FIBRE, &[]), None);
    }
}
