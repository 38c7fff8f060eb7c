//! Checking a scenario against the limits before anything is built: sizes,
//! times, texts, the cluster's parameters, and that every intervention acts
//! on nodes the cluster has and keeps the network within sane bounds.
//! Decoding a link and building a run both check, so a run is never built
//! from a scenario that fails here.

use crate::sim::{Action, Intervention, LinkConfig, NodeId, SimTime};

use super::error::{ScenarioError, TextField};
use super::limits::{
    MAX_EVENTS_TO_OPEN, MAX_INTERVENTIONS, MAX_LINK_DELAY, MAX_NAME, MAX_NODES, MAX_NOTE, MAX_PPM, MAX_TIME,
};
use super::Scenario;

impl Scenario {
    /// Check the whole scenario; the first problem found is returned.
    pub fn validate(&self) -> Result<(), ScenarioError> {
        check_text(&self.name, TextField::Name, MAX_NAME, false)?;
        check_text(&self.note, TextField::Note, MAX_NOTE, true)?;
        let nodes = self.cluster.node_count();
        if nodes > MAX_NODES {
            return Err(ScenarioError::TooManyNodes {
                asked: nodes,
                limit: MAX_NODES,
            });
        }
        self.cluster.check_parameters()?;
        if let Some(link) = &self.network {
            check_link(link)?;
        }
        if self.interventions.len() > MAX_INTERVENTIONS {
            return Err(ScenarioError::TooManyInterventions {
                asked: self.interventions.len(),
                limit: MAX_INTERVENTIONS,
            });
        }
        check_time(self.playhead)?;
        self.interventions
            .iter()
            .try_for_each(|intervention| check_intervention(intervention, nodes))?;
        self.check_work()
    }

    /// Check that reaching the playhead is work a browser tab can do while
    /// a class waits (the rest of the scenario must be valid already).
    fn check_work(&self) -> Result<(), ScenarioError> {
        let events = self.estimated_events();
        if events > MAX_EVENTS_TO_OPEN {
            return Err(ScenarioError::TooMuchWork {
                events,
                playhead: self.playhead,
                limit: MAX_EVENTS_TO_OPEN,
            });
        }
        Ok(())
    }
}

fn check_text(text: &str, field: TextField, limit: usize, line_breaks: bool) -> Result<(), ScenarioError> {
    if text.chars().count() > limit {
        return Err(ScenarioError::TextTooLong { field, limit });
    }
    if text.chars().any(|c| c.is_control() && !(line_breaks && c == '\n')) {
        return Err(ScenarioError::ControlCharacter { field });
    }
    Ok(())
}

fn check_time(at: SimTime) -> Result<(), ScenarioError> {
    if at > MAX_TIME {
        return Err(ScenarioError::TimeTooLarge { at, limit: MAX_TIME });
    }
    Ok(())
}

fn check_link(link: &LinkConfig) -> Result<(), ScenarioError> {
    let problem = if link.latency > MAX_LINK_DELAY || link.jitter > MAX_LINK_DELAY {
        "a link's latency and jitter are at most a minute each"
    } else if [link.loss, link.duplicate, link.reorder]
        .iter()
        .any(|&ppm| ppm > MAX_PPM)
    {
        "a link cannot lose, duplicate or reorder more than every message"
    } else {
        return Ok(());
    };
    Err(ScenarioError::InvalidParameter { what: problem })
}

fn check_intervention(intervention: &Intervention, nodes: u64) -> Result<(), ScenarioError> {
    check_time(intervention.at)?;
    let known = |node: &NodeId| {
        if u64::from(node.0) < nodes {
            Ok(())
        } else {
            Err(ScenarioError::NoSuchNode { node: *node, nodes })
        }
    };
    match &intervention.action {
        Action::Crash(node) | Action::Restart(node) | Action::Pause(node) | Action::Resume(node) => known(node),
        Action::CutLink { from, to } | Action::HealLink { from, to } => known(from).and(known(to)),
        Action::Partition(groups) => groups.iter().flatten().try_for_each(known),
        Action::HealAll | Action::DropMessage(_) => Ok(()),
        Action::DelayMessage { by, .. } => {
            if *by > MAX_TIME {
                Err(ScenarioError::InvalidParameter {
                    what: "a message can be held back for at most 24 hours",
                })
            } else {
                Ok(())
            }
        }
        Action::SetNetwork(link) => check_link(link),
    }
}
