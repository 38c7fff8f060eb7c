//! The choices of the "add a fault" form: what can be scheduled, which
//! nodes each choice asks for, and the [`Fault`] it makes from them.

use crate::scenario::Fault;
use crate::sim::NodeId;

/// What the "add a fault" form can schedule.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FaultKind {
    Crash,
    Restart,
    Pause,
    Resume,
    CutLink,
    HealLink,
    Partition,
    HealAll,
}

/// Which nodes a kind of fault asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Targets {
    One,
    Two,
    Side,
    None,
}

impl FaultKind {
    pub const ALL: [FaultKind; 8] = [
        FaultKind::Crash,
        FaultKind::Restart,
        FaultKind::Pause,
        FaultKind::Resume,
        FaultKind::CutLink,
        FaultKind::HealLink,
        FaultKind::Partition,
        FaultKind::HealAll,
    ];

    pub fn label(self) -> &'static str {
        match self {
            FaultKind::Crash => "Crash a node",
            FaultKind::Restart => "Restart a node",
            FaultKind::Pause => "Pause a node",
            FaultKind::Resume => "Resume a node",
            FaultKind::CutLink => "Cut a link (both ways)",
            FaultKind::HealLink => "Heal a link (both ways)",
            FaultKind::Partition => "Split the network in two",
            FaultKind::HealAll => "Heal the whole network",
        }
    }

    pub fn targets(self) -> Targets {
        match self {
            FaultKind::Crash | FaultKind::Restart | FaultKind::Pause | FaultKind::Resume => Targets::One,
            FaultKind::CutLink | FaultKind::HealLink => Targets::Two,
            FaultKind::Partition => Targets::Side,
            FaultKind::HealAll => Targets::None,
        }
    }

    pub fn fault(self, first: usize, second: usize, side: &[usize]) -> Fault {
        let node = |i: usize| NodeId(i as u32);
        match self {
            FaultKind::Crash => Fault::Crash(node(first)),
            FaultKind::Restart => Fault::Restart(node(first)),
            FaultKind::Pause => Fault::Pause(node(first)),
            FaultKind::Resume => Fault::Resume(node(first)),
            FaultKind::CutLink => Fault::CutLink(node(first), node(second)),
            FaultKind::HealLink => Fault::HealLink(node(first), node(second)),
            FaultKind::Partition => Fault::Partition(side.iter().map(|&i| node(i)).collect()),
            FaultKind::HealAll => Fault::HealAll,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_choice_makes_the_fault_it_names() {
        assert_eq!(FaultKind::Crash.fault(2, 0, &[]), Fault::Crash(NodeId(2)));
        assert_eq!(FaultKind::Resume.fault(1, 0, &[]), Fault::Resume(NodeId(1)));
        assert_eq!(
            FaultKind::CutLink.fault(0, 3, &[]),
            Fault::CutLink(NodeId(0), NodeId(3))
        );
        assert_eq!(
            FaultKind::Partition.fault(0, 0, &[2, 1]),
            Fault::Partition(vec![NodeId(2), NodeId(1)])
        );
        assert_eq!(FaultKind::HealAll.fault(4, 4, &[4]), Fault::HealAll);
    }

    #[test]
    fn each_choice_asks_only_for_the_nodes_it_needs() {
        let asks: Vec<Targets> = FaultKind::ALL.iter().map(|k| k.targets()).collect();
        assert_eq!(asks.iter().filter(|&&t| t == Targets::One).count(), 4);
        assert_eq!(FaultKind::HealLink.targets(), Targets::Two);
        assert_eq!(FaultKind::Partition.targets(), Targets::Side);
        assert_eq!(FaultKind::HealAll.targets(), Targets::None);
    }
}
