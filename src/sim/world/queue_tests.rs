//! The radix queue against a plain ordered map, under random pushes (some
//! before the floor, as an intervention between frames makes), cancels,
//! pops, delays and partial runs: both must hand out the same events in the
//! same order.

use std::collections::BTreeMap;

use super::{Event, EventQueue};
use crate::sim::node::NodeId;
use crate::sim::time::SimTime;

/// A small deterministic generator, so a failure repeats.
struct Dice(u64);

impl Dice {
    fn below(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % n
    }
}

/// The model: events by (time, order pushed), each named by a number.
#[derive(Default)]
struct Model {
    queued: BTreeMap<(SimTime, u64), u32>,
    pushed: u64,
}

fn name(event: &Event<()>) -> u32 {
    match event {
        Event::Start(node) => node.0,
        other => panic!("the test queues only starts, got {other:?}"),
    }
}

#[test]
fn hands_out_events_in_time_then_push_order() {
    for seed in 1..40u64 {
        let mut dice = Dice(seed);
        let mut queue = EventQueue::<()>::default();
        let mut model = Model::default();
        let mut slots: Vec<(u32, (SimTime, u64))> = Vec::new();
        let mut now: SimTime = 0;
        let mut next_name = 0u32;
        for _ in 0..4_000 {
            match dice.below(10) {
                0..=3 => {
                    let time = match dice.below(8) {
                        0 => now,
                        1 => now.saturating_sub(dice.below(50)),
                        2 => now + (1 << dice.below(40)),
                        _ => now + dice.below(100),
                    };
                    let slot = queue.push(time, Event::Start(NodeId(next_name)));
                    model.queued.insert((time, model.pushed), next_name);
                    slots.push((slot, (time, model.pushed)));
                    model.pushed += 1;
                    next_name += 1;
                }
                4 if !slots.is_empty() => {
                    let (slot, key) = slots.swap_remove(dice.below(slots.len() as u64) as usize);
                    let taken = queue.take(slot).map(|e| name(&e));
                    assert_eq!(taken, model.queued.remove(&key), "seed {seed}: take");
                }
                5 => {
                    let t = now + dice.below(200);
                    let expected: Vec<u32> = model.queued.range(..(t + 1, 0)).map(|(_, &n)| n).collect();
                    let mut got = Vec::new();
                    while queue.next_time().is_some_and(|next| next <= t) {
                        let scheduled = queue.pop().expect("an event is due");
                        now = now.max(scheduled.time);
                        got.push(name(&scheduled.event));
                    }
                    assert_eq!(got, expected, "seed {seed}: a run up to {t}");
                    model.queued.retain(|&(time, _), _| time > t);
                    slots.retain(|(_, (time, _))| *time > t);
                    now = now.max(t);
                }
                6 if !model.queued.is_empty() => {
                    let delayed = dice.below(next_name.into()) as u32;
                    let by = dice.below(500);
                    queue.rebuild(|time, event| {
                        if name(event) == delayed {
                            *time += by;
                        }
                    });
                    let key = model.queued.iter().find(|(_, &n)| n == delayed).map(|(&k, _)| k);
                    if let Some(key) = key {
                        model.queued.remove(&key);
                        model.queued.insert((key.0 + by, key.1), delayed);
                        for (_, at) in slots.iter_mut().filter(|(_, at)| *at == key) {
                            *at = (key.0 + by, key.1);
                        }
                    }
                }
                _ => {
                    let expected = model.queued.first_key_value().map(|(&(time, _), &n)| (time, n));
                    assert_eq!(queue.peek_time(), expected.map(|(time, _)| time), "seed {seed}: peek");
                    let popped = queue.pop().map(|s| (s.time, name(&s.event)));
                    assert_eq!(popped, expected, "seed {seed}: pop");
                    if let Some(((time, pushed), _)) = popped.and(model.queued.pop_first()) {
                        slots.retain(|(_, key)| *key != (time, pushed));
                        now = now.max(time);
                    }
                }
            }
            assert_eq!(queue.iter().count(), model.queued.len(), "seed {seed}: what is queued");
        }
    }
}
