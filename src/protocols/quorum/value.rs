//! Versioned values as the quorum replicas store them. A version is the
//! writer's counter plus the writer's id, so any two versions compare and a
//! reader can always pick the newest of the answers it got.

use crate::protocols::written::write_number;
use crate::sim::{NodeId, Written};

/// Keys are small numbers, named x, y, z, then "key 3" and on.
pub type Key = u32;

/// Which write a value came from: compared by counter, then by writer.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Version {
    /// One more than the highest counter the writer had seen.
    pub counter: u64,
    /// The client that wrote it.
    pub writer: NodeId,
}

/// A value and the version it was written with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Stored {
    pub version: Version,
    pub value: u64,
}

impl Stored {
    /// As the page shows it: the number of the write and the version.
    pub fn written(&self) -> Written {
        Written {
            value: write_number(self.value),
            version: self.version.counter,
        }
    }
}
