//! Opening a scenario: check it, build it at time zero, and say in a
//! sentence for the student why a link cannot be opened. Travelling to a
//! link's playhead is budgeted work, done by `Screen::open_run`.

use super::demo::demo_scenario;
use crate::lessons::LESSONS;
use crate::scenario::Scenario;
use crate::sim::{Run, SimTime, MINUTE};

/// The furthest into its run a link may start: replaying further takes
/// too long for a page that should open at once.
pub const MAX_OPEN_PLAYHEAD: SimTime = 30 * MINUTE;

/// Check what a link asks for beyond the scenario's own limits: how far
/// into the run it starts, and the place in the course it names.
pub fn check_link(scenario: &Scenario) -> Result<(), String> {
    if scenario.playhead > MAX_OPEN_PLAYHEAD {
        return Err(format!(
            "this link starts {} minutes into its run; links can start at most {} minutes in",
            scenario.playhead / MINUTE,
            MAX_OPEN_PLAYHEAD / MINUTE
        ));
    }
    let Some(at) = scenario.lesson else {
        return Ok(());
    };
    let (lesson, step) = (usize::from(at.lesson), usize::from(at.step));
    match LESSONS.get(lesson) {
        None => Err(format!(
            "this link points at lesson {}, but the course has {} lessons",
            lesson + 1,
            LESSONS.len()
        )),
        Some(found) if step >= found.steps.len() => Err(format!(
            "this link points at step {} of lesson {}, which has {} steps",
            step + 1,
            lesson + 1,
            found.steps.len()
        )),
        Some(_) => Ok(()),
    }
}

/// The scenario's run at time zero (every intervention scheduled).
pub fn open(scenario: &Scenario) -> Result<Box<dyn Run>, String> {
    scenario.build().map_err(|problem| problem.to_string())
}

/// The built-in scenario's run at its start.
pub fn default_run() -> Box<dyn Run> {
    open(&demo_scenario()).expect("the built-in scenario is valid (checked by the demo's unit test)")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::protocols::rpc;
    use crate::scenario::{ClusterSpec, LessonStep};

    fn at(lesson: u8, step: u8) -> Scenario {
        let mut scenario = Scenario::new(ClusterSpec::LoneProcess(rpc::LoneProcess), 1);
        scenario.lesson = Some(LessonStep { lesson, step });
        scenario
    }

    #[test]
    fn a_link_names_only_places_the_course_has() {
        let last = LESSONS.len() - 1;
        let steps = LESSONS[last].steps.len();
        assert_eq!(check_link(&at(last as u8, steps as u8 - 1)), Ok(()));
        let past_the_end = check_link(&at(42, 0)).err().unwrap_or_default();
        assert!(
            past_the_end.contains("lesson 43") && past_the_end.contains(&format!("has {} lessons", LESSONS.len())),
            "{past_the_end}"
        );
        let no_such_step = check_link(&at(last as u8, steps as u8)).err().unwrap_or_default();
        assert!(
            no_such_step.contains(&format!("which has {steps} steps")),
            "{no_such_step}"
        );
    }

    #[test]
    fn a_link_starts_at_most_half_an_hour_in() {
        let mut late = Scenario::new(ClusterSpec::LoneProcess(rpc::LoneProcess), 1);
        late.playhead = MAX_OPEN_PLAYHEAD + 1;
        assert!(check_link(&late).is_err());
        late.playhead = MAX_OPEN_PLAYHEAD;
        assert_eq!(check_link(&late), Ok(()));
    }
}
