//! Checker speed, printed by `make bench`: how long checking a realistic
//! history takes (5 clients on 3 keys, two registers and a counter, each
//! client calling again soon after its last answer, so operations overlap;
//! the answers are what a sequential store gave at an instant inside each
//! operation, and a few answers are lost).

use std::time::Instant;

use many_nodes::check::{apply, check, Call, Operation, Outcome, Verdict};
use many_nodes::sim::NodeId;

/// A small deterministic generator (xorshift), so every run checks the same
/// history.
struct Jitter(u64);

impl Jitter {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n
    }
}

fn realistic_history(count: usize) -> Vec<Operation> {
    let mut jitter = Jitter(0x9e37_79b9_7f4a_7c15);
    let mut state = [None, None, Some(0)];
    let mut free_at = [0u64; 5];
    let mut pending = Vec::with_capacity(count);
    for _ in 0..count {
        let client = jitter.below(5) as usize;
        let invoked = free_at[client] + jitter.below(2_000);
        let instant = invoked + 100 + jitter.below(1_000);
        let completed = instant + 100 + jitter.below(1_000);
        free_at[client] = completed;
        let key = jitter.below(3) as u32;
        let value = jitter.below(10) as i64;
        let call = match (jitter.below(2), key) {
            (0, _) => Call::Read { key },
            (_, 2) => Call::Add { key, by: value },
            _ => Call::Write { key, value },
        };
        pending.push((instant, client, call, invoked, completed, jitter.below(100) == 0));
    }
    pending.sort_by_key(|&(instant, ..)| instant);
    pending
        .into_iter()
        .map(|(_, client, call, invoked, completed, lost)| {
            let slot = call.key() as usize;
            let (after, ret) = apply(state[slot], call);
            state[slot] = after;
            let outcome = if lost && !matches!(call, Call::Read { .. }) {
                Outcome::Pending
            } else {
                Outcome::Returned { ret, completed }
            };
            Operation {
                client: NodeId(client as u32),
                call,
                invoked,
                outcome,
            }
        })
        .collect()
}

fn main() {
    for (count, label, goal_ms, goal) in [
        (1_000, "1,000", 100.0, "< 100 ms"),
        (10_000, "10,000", 1_000.0, "< 1 s"),
    ] {
        let history = realistic_history(count);
        let started = Instant::now();
        let verdict = check(&history, 10_000_000);
        let ms = started.elapsed().as_secs_f64() * 1_000.0;
        let found = match verdict {
            Verdict::Linearizable { .. } => "linearizable".to_string(),
            Verdict::Violation(_) => "violation (the generator is wrong)".to_string(),
            Verdict::Undecided { steps } => format!("undecided after {steps} steps"),
        };
        let flag = if ms < goal_ms { "" } else { "  MISSED" };
        println!("check {label} ops: {ms:.1} ms (goal {goal}), {found}{flag}");
    }
}
