//! Pure functions over logged events: put them in order by physical
//! timestamp or by Lamport timestamp, and find the pairs an order gets
//! wrong, that is, an effect placed before its cause (causality is decided
//! exactly, by the vector clocks).

use super::event::{EventId, LoggedEvent};

/// A cause that an order puts after its effect.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Contradiction {
    /// The event that happened first (it could have influenced `effect`).
    pub cause: EventId,
    /// The event it led to, which the order puts earlier.
    pub effect: EventId,
    /// How much earlier the effect's physical stamp reads than the cause's,
    /// in microseconds (zero when the stamps tie; it can be negative in an
    /// order that is not by physical time).
    pub physical_gap: i64,
}

/// The same events in two orders, with what each gets wrong.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct OrderReport {
    /// Sorted by physical timestamp (ties by node, then index).
    pub by_physical: Vec<EventId>,
    /// Sorted by Lamport timestamp (ties by node, then index).
    pub by_lamport: Vec<EventId>,
    /// Effects that the physical order puts before their causes.
    pub physical_contradictions: Vec<Contradiction>,
    /// Effects that the Lamport order puts before their causes (always none).
    pub lamport_contradictions: Vec<Contradiction>,
}

/// The events sorted by their physical timestamps.
pub fn by_physical(events: &[LoggedEvent]) -> Vec<&LoggedEvent> {
    let mut sorted: Vec<&LoggedEvent> = events.iter().collect();
    sorted.sort_by_key(|e| (e.physical, e.id));
    sorted
}

/// The events sorted by their Lamport timestamps.
pub fn by_lamport(events: &[LoggedEvent]) -> Vec<&LoggedEvent> {
    let mut sorted: Vec<&LoggedEvent> = events.iter().collect();
    sorted.sort_by_key(|e| (e.lamport, e.id));
    sorted
}

/// Every pair that `order` puts the wrong way round: an event listed before
/// another that happened before it. Quadratic in the number of events.
pub fn contradictions(order: &[&LoggedEvent]) -> Vec<Contradiction> {
    let mut found = Vec::new();
    for (i, earlier) in order.iter().enumerate() {
        for later in &order[i + 1..] {
            if later.vector.happened_before(&earlier.vector) {
                found.push(Contradiction {
                    cause: later.id,
                    effect: earlier.id,
                    physical_gap: later.physical - earlier.physical,
                });
            }
        }
    }
    found
}

/// Order the events both ways and report what each order gets wrong.
pub fn compare_orders(events: &[LoggedEvent]) -> OrderReport {
    let physical = by_physical(events);
    let lamport = by_lamport(events);
    OrderReport {
        by_physical: physical.iter().map(|e| e.id).collect(),
        by_lamport: lamport.iter().map(|e| e.id).collect(),
        physical_contradictions: contradictions(&physical),
        lamport_contradictions: contradictions(&lamport),
    }
}

#[cfg(test)]
mod tests {
    use super::super::event::EventKind;
    use super::super::vector::VectorClock;
    use super::*;
    use crate::sim::NodeId;

    fn event(node: u32, index: u64, physical: i64, lamport: u64, vector: &[u64]) -> LoggedEvent {
        LoggedEvent {
            id: EventId {
                node: NodeId(node),
                index,
            },
            kind: EventKind::Local("test"),
            physical,
            lamport,
            vector: VectorClock::from_entries(vector.to_vec()),
        }
    }

    #[test]
    fn a_reply_stamped_before_its_request_is_reported() {
        let request = event(0, 1, 1_000, 1, &[1, 0]);
        let reply = event(1, 1, 400, 2, &[1, 1]);
        let report = compare_orders(&[request.clone(), reply.clone()]);
        assert_eq!(report.by_physical, vec![reply.id, request.id]);
        assert_eq!(report.by_lamport, vec![request.id, reply.id]);
        assert_eq!(
            report.physical_contradictions,
            vec![Contradiction {
                cause: request.id,
                effect: reply.id,
                physical_gap: 600
            }]
        );
        assert!(report.lamport_contradictions.is_empty());
    }
}
