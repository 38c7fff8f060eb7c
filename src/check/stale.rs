//! Counting stale reads: reads whose answer was certainly out of date when
//! they were called. The linearizability check stops at the first answer
//! no order explains; a chart that counts stale answers needs every one,
//! and needs no search, because it counts only the plain cases.
//!
//! A read of a register is stale when some write of the same key had
//! finished before the read was called, and yet the read returned a value
//! that every write of it had finished before that write began (or
//! nothing, when any write had finished). Any order must put such a read
//! after that write, where its value is gone, so each counted read is a
//! real violation; reads of concurrent writes are never counted.

use std::collections::HashMap;

use crate::sim::history::{Call, Operation, Ret};
use crate::sim::SimTime;

/// When the last write of a value finished: `None` while one of them has
/// not (it may take effect at any time).
type LastWritten = Option<SimTime>;

/// How many reads called at `from` or later returned a value that was
/// certainly out of date (see the module's notes). It takes time in
/// proportion to the history's length (times a logarithm), so a chart may
/// count a long run.
pub fn stale_reads(history: &[Operation], from: SimTime) -> u64 {
    // Per key, the finished writes in the order they finished, each with
    // the latest call among them so far; and per value, when its last
    // write finished.
    let mut finished: HashMap<u32, Vec<(SimTime, SimTime)>> = HashMap::new();
    let mut last: HashMap<(u32, i64), LastWritten> = HashMap::new();
    for op in history {
        if let Call::Write { key, value } = op.call {
            let done = op.completed();
            if let Some(done) = done {
                finished.entry(key).or_default().push((done, op.invoked));
            }
            let entry = last.entry((key, value)).or_insert(Some(0));
            *entry = entry.zip(done).map(|(a, b)| a.max(b));
        }
    }
    for writes in finished.values_mut() {
        writes.sort_unstable();
        let mut latest_call = 0;
        for (_, invoked) in writes.iter_mut() {
            latest_call = latest_call.max(*invoked);
            *invoked = latest_call;
        }
    }
    let stale = history.iter().filter(|op| op.invoked >= from).filter(|op| {
        let (Call::Read { key }, Some(Ret::Value(got))) = (op.call, op.ret()) else {
            return false;
        };
        let Some(writes) = finished.get(&key) else {
            return false;
        };
        // The latest call among the writes that finished before this read.
        let before = writes.partition_point(|&(done, _)| done < op.invoked);
        let Some(&(_, latest_call)) = before.checked_sub(1).and_then(|i| writes.get(i)) else {
            return false;
        };
        match got {
            // Nothing, after a write had finished.
            None => true,
            // A value none of whose writes is unfinished, all done before
            // some write that finished before the read began.
            Some(value) => match last.get(&(key, value)) {
                Some(&Some(written)) => written < latest_call,
                Some(None) => false,
                // A value nobody wrote is out of date once anything is.
                None => true,
            },
        }
    });
    stale.count() as u64
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::history::Outcome;
    use crate::sim::NodeId;

    fn op(call: Call, invoked: u64, answer: Option<(Ret, u64)>) -> Operation {
        Operation {
            client: NodeId(1),
            call,
            invoked,
            outcome: answer.map_or(Outcome::Pending, |(ret, completed)| Outcome::Returned {
                ret,
                completed,
            }),
        }
    }

    const X: u32 = 0;

    fn write(value: i64, invoked: u64, completed: u64) -> Operation {
        op(Call::Write { key: X, value }, invoked, Some((Ret::Done, completed)))
    }

    fn read(got: Option<i64>, invoked: u64, completed: u64) -> Operation {
        op(Call::Read { key: X }, invoked, Some((Ret::Value(got), completed)))
    }

    #[test]
    fn a_read_of_an_overwritten_value_or_of_nothing_after_a_write_is_stale() {
        let history = [
            write(1, 0, 10),
            write(2, 20, 30),
            read(Some(1), 40, 50),
            read(None, 40, 50),
            read(Some(2), 40, 50),
        ];
        assert_eq!(stale_reads(&history, 0), 2);
        assert_eq!(stale_reads(&history, 41), 0, "only reads called from then on");
    }

    #[test]
    fn a_read_of_a_concurrent_or_unfinished_write_is_not_counted() {
        let history = [
            write(1, 0, 25),
            write(2, 20, 30),
            // Write 1 overlapped write 2: it may have come last.
            read(Some(1), 40, 50),
            op(Call::Write { key: X, value: 3 }, 31, None),
            read(Some(2), 60, 70),
            // Called while write 2 was under way.
            read(None, 25, 35),
        ];
        assert_eq!(stale_reads(&history, 0), 0);
    }

    #[test]
    fn every_counted_read_is_one_the_checker_rejects() {
        let history = [write(1, 0, 10), write(2, 20, 30), read(Some(1), 40, 50)];
        assert_eq!(stale_reads(&history, 0), 1);
        assert!(matches!(
            crate::check::check(&history, 10_000),
            crate::check::Verdict::Violation(_)
        ));
    }
}
