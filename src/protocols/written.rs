//! How the clients of the replicated stores (primary/backup and quorum)
//! number what they write: a value is `the writer's id × 1,000,000 + the
//! number of its write`, so a value says who wrote it and when. Replicas
//! show the value for one key, x, on the picture.

use crate::sim::{NodeId, ValueMeaning};

/// How many writes one writer's numbers span.
const WRITER_SPAN: u64 = 1_000_000;

/// The key a replica shows on the picture: the first, x.
pub const SHOWN_KEY: u32 = 0;

/// The value `writer` writes with its write number `number`.
pub fn written_value(writer: NodeId, number: u64) -> u64 {
    u64::from(writer.0) * WRITER_SPAN + number % WRITER_SPAN
}

/// The number of the write that put `value` there, counted by its writer.
pub fn write_number(value: u64) -> u64 {
    value % WRITER_SPAN
}

/// `value` as the run's history records it (a whole number of the same
/// size; written values are far below `i64::MAX`).
pub fn stored_number(value: u64) -> i64 {
    i64::try_from(value).unwrap_or(i64::MAX)
}

/// `value` as the history recorded it, as a numbered write, where the
/// store's protocol says its values are those; plain numbers say nothing
/// about who wrote them.
pub fn numbered_write(value: i64, meaning: ValueMeaning) -> Option<u64> {
    match meaning {
        ValueMeaning::NumberedWrites => u64::try_from(value).ok(),
        ValueMeaning::Plain => None,
    }
}

/// The client that wrote `value`.
pub fn writer_of(value: u64) -> NodeId {
    NodeId((value / WRITER_SPAN) as u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_value_says_who_wrote_it_and_which_write_it_was() {
        let value = written_value(NodeId(3), 12);
        assert_eq!((writer_of(value), write_number(value)), (NodeId(3), 12));
        assert_eq!(write_number(written_value(NodeId(1), 1_000_007)), 7);
    }
}
