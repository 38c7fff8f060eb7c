//! Interventions applied to a world: crashing, restarting, pausing and
//! resuming nodes; cutting, partitioning and healing the network; dropping
//! or holding a message on the wire; changing the network settings.

use super::super::behaviour::Behaviour;
use super::super::intervention::{Action, InterventionError};
use super::super::message::DropReason;
use super::super::node::{NodeId, Status};
use super::super::trace::TraceKind;
use super::queue::Event;
use super::{Pending, World};

impl<B: Behaviour> World<B> {
    /// Carry out an action now, after everything already done at this
    /// moment. Nothing changes when it names something that is not there.
    pub fn apply(&mut self, action: &Action) -> Result<(), InterventionError> {
        self.validate(action)?;
        self.trace
            .push(self.now, TraceKind::Intervened(Box::new(action.clone())));
        match action {
            Action::Crash(node) => self.crash(*node),
            Action::Restart(node) => {
                if self.nodes[node.index()].status == Status::Crashed {
                    self.nodes[node.index()].status = Status::Up;
                    self.offer(*node, Pending::Start);
                }
            }
            Action::Pause(node) => {
                let state = &mut self.nodes[node.index()];
                if state.status == Status::Up {
                    state.status = Status::Paused;
                }
            }
            Action::Resume(node) => {
                let state = &mut self.nodes[node.index()];
                if state.status == Status::Paused {
                    state.status = Status::Up;
                    self.kick(*node);
                }
            }
            Action::CutLink { from, to } => self.network.cut(*from, *to),
            Action::HealLink { from, to } => self.network.heal(*from, *to),
            Action::Partition(groups) => self.network.partition(groups),
            Action::HealAll => self.network.heal_all(),
            Action::DropMessage(message) => self.drop_by_hand(*message),
            Action::DelayMessage { message, by } => {
                let (message, by) = (*message, *by);
                self.queue.rebuild(|time, event| match event {
                    Event::Arrive(envelope) | Event::Lose(envelope, _) if envelope.id == message => {
                        *time = time.saturating_add(by);
                        envelope.arrives = envelope.arrives.saturating_add(by);
                    }
                    _ => {}
                });
            }
            Action::SetNetwork(link) => self.network.set_default_link(*link),
        }
        Ok(())
    }

    fn validate(&self, action: &Action) -> Result<(), InterventionError> {
        let known = |node: &NodeId| {
            if node.index() < self.nodes.len() {
                Ok(())
            } else {
                Err(InterventionError::NoSuchNode(*node))
            }
        };
        match action {
            Action::Crash(n) | Action::Restart(n) | Action::Pause(n) | Action::Resume(n) => known(n),
            Action::CutLink { from, to } | Action::HealLink { from, to } => known(from).and(known(to)),
            Action::Partition(groups) => groups.iter().flatten().try_for_each(known),
            Action::DropMessage(message) | Action::DelayMessage { message, .. } => {
                if self.on_the_wire(*message) {
                    Ok(())
                } else {
                    Err(InterventionError::NotInFlight(*message))
                }
            }
            Action::HealAll | Action::SetNetwork(_) => Ok(()),
        }
    }

    /// Is this message travelling now (left its sender, not yet arrived or
    /// lost, not already dropped)?
    fn on_the_wire(&self, message: u64) -> bool {
        !self.dropped_by_hand.contains(&message)
            && self.queue.iter().any(|s| match s.event {
                Event::Arrive(e) | Event::Lose(e, _) => e.id == message,
                _ => false,
            })
    }

    fn drop_by_hand(&mut self, message: u64) {
        let found = self.queue.iter().find_map(|s| match s.event {
            Event::Arrive(e) | Event::Lose(e, _) if e.id == message => Some(e.clone()),
            _ => None,
        });
        if let Some(envelope) = found {
            self.record_drop(&envelope, DropReason::ByHand);
            self.dropped_by_hand.insert(message);
        }
    }

    pub(super) fn crash(&mut self, node: NodeId) {
        let now = self.now;
        let state = &mut self.nodes[node.index()];
        if state.status == Status::Crashed {
            return;
        }
        state.status = Status::Crashed;
        state.role_when_crashed = state.behaviour.role();
        state.incarnation += 1;
        state.busy_until = now;
        state.free_scheduled = false;
        for timer in state.timers.drain(..) {
            self.queue.cancel(timer.slot);
        }
        state.behaviour.on_crash();
        let lost: Vec<_> = state.inbox.drain(..).collect();
        let unsent: Vec<_> = state.departing.drain(..).collect();
        for (_, slot) in unsent {
            if let Some(Event::Depart(envelope, _)) = self.queue.take(slot) {
                self.record_drop(&envelope, DropReason::SenderCrashed);
            }
        }
        for item in lost {
            if let Pending::Message(envelope) = item {
                self.record_drop(&envelope, DropReason::DestinationDown);
            }
        }
    }
}
