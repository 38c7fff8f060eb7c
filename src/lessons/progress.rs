//! How far the student has got: for each lesson, how many of its steps are
//! done. Saved in the browser as a short text ("one-machine=3;clocks=1"),
//! read back forgivingly: anything unreadable is ignored, never trusted.

use super::LESSONS;

/// Steps done per lesson, in course order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Progress {
    done: [u8; LESSONS.len()],
}

impl Progress {
    /// Read saved progress; unknown lessons and bad numbers are skipped, and
    /// counts are capped at the lesson's length.
    pub fn parse(saved: &str) -> Progress {
        let mut progress = Progress::default();
        for entry in saved.split(';') {
            let Some((slug, count)) = entry.split_once('=') else {
                continue;
            };
            let Some(index) = LESSONS.iter().position(|l| l.slug == slug) else {
                continue;
            };
            if let Ok(count) = count.parse::<u8>() {
                progress.done[index] = count.min(LESSONS[index].steps.len() as u8);
            }
        }
        progress
    }

    /// The text to save.
    pub fn to_text(&self) -> String {
        LESSONS
            .iter()
            .zip(self.done)
            .filter(|(_, count)| *count > 0)
            .map(|(lesson, count)| format!("{}={count}", lesson.slug))
            .collect::<Vec<_>>()
            .join(";")
    }

    /// How many steps of lesson `index` are done.
    pub fn steps_done(&self, index: usize) -> usize {
        self.done.get(index).map_or(0, |&count| usize::from(count))
    }

    /// Whether every step of lesson `index` is done.
    pub fn finished(&self, index: usize) -> bool {
        LESSONS
            .get(index)
            .is_some_and(|l| !l.steps.is_empty() && self.steps_done(index) >= l.steps.len())
    }

    /// Record that step `step` of lesson `index` is done. Progress goes in
    /// order: a step counts once every step before it is done, so opening
    /// a lesson's last step (a link can) does not finish the lesson.
    /// Returns whether anything changed.
    pub fn complete(&mut self, index: usize, step: usize) -> bool {
        let Some(lesson) = LESSONS.get(index) else { return false };
        if step > usize::from(self.done[index]) {
            return false;
        }
        let count = (step + 1).min(lesson.steps.len()) as u8;
        if self.done[index] >= count {
            return false;
        }
        self.done[index] = count;
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn progress_survives_saving_and_reading_back() {
        let mut progress = Progress::default();
        assert!(progress.complete(3, 0));
        assert!(progress.complete(3, 1));
        assert!(!progress.complete(3, 0), "going back does not undo progress");
        let read = Progress::parse(&progress.to_text());
        assert_eq!(read, progress);
        assert_eq!(read.steps_done(3), 2);
        assert_eq!(read.steps_done(0), 0);
    }

    #[test]
    fn unreadable_saved_progress_is_ignored() {
        let last = LESSONS[9].slug;
        let read = Progress::parse(&format!("nonsense;;=3;no-such-lesson=2;{last}=x;{last}=250"));
        for index in 0..9 {
            assert_eq!(read.steps_done(index), 0);
        }
        assert_eq!(
            read.steps_done(9),
            LESSONS[9].steps.len(),
            "capped at the lesson's length"
        );
    }

    #[test]
    fn a_lesson_is_finished_when_its_steps_are_done_in_order() {
        let mut progress = Progress::default();
        let last = LESSONS[0].steps.len().saturating_sub(1);
        assert!(
            !progress.complete(0, last),
            "opening the last step first finishes nothing"
        );
        assert!(!progress.finished(0));
        for step in 0..=last {
            progress.complete(0, step);
        }
        assert_eq!(progress.finished(0), !LESSONS[0].steps.is_empty());
        assert!(!progress.finished(1));
    }
}
