//! A node's state as its family's own types hold it, for lesson checks
//! and praise: never the words its menu shows, so menus can be reworded
//! freely.

use crate::sim::{world_of, Behaviour, Run};

/// The named node's behaviour, when the run is of family `B`.
pub fn named<'a, B: Behaviour + 'static>(run: &'a dyn Run, name: &str) -> Option<&'a B> {
    let id = run.snapshot().nodes.iter().find(|n| n.name == name)?.id;
    world_of::<B>(run)?.behaviour(id)
}
