//! Opening a scenario: build it, then travel to its playhead. A link that
//! cannot be opened gives a sentence for the student, and the page falls
//! back to the built-in scenario (or keeps the current run, if there is one).

use super::demo::demo_scenario;
use crate::scenario::Scenario;
use crate::sim::{Run, SimTime, MINUTE};

/// The furthest into its run a link may start: replaying further takes
/// too long for a page that should open at once.
pub const MAX_OPEN_PLAYHEAD: SimTime = 30 * MINUTE;

/// The scenario's run, standing at its playhead.
pub fn open(scenario: &Scenario) -> Result<Box<dyn Run>, String> {
    if scenario.playhead > MAX_OPEN_PLAYHEAD {
        return Err(format!(
            "this link starts {} minutes into its run; links can start at most {} minutes in",
            scenario.playhead / MINUTE,
            MAX_OPEN_PLAYHEAD / MINUTE
        ));
    }
    let mut run = scenario.build().map_err(|problem| problem.to_string())?;
    run.seek(scenario.playhead);
    Ok(run)
}

/// The built-in scenario's run at its start.
pub fn default_run() -> Box<dyn Run> {
    open(&demo_scenario()).expect("the built-in scenario is valid (checked by the demo's unit test)")
}
