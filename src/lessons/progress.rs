//! How far the student has got: for each lesson, which of its steps are
//! done, in any order (a link may open a lesson part-way; the steps before
//! it still count once done). Saved in the browser as a short text: the
//! number of steps done from the first, then any done after a gap
//! ("one-machine=3;clocks=0+3,4", steps counted from 1). Read back
//! forgivingly: anything unreadable is ignored, never trusted.

use super::LESSONS;

/// The most steps a lesson's progress can record.
const MOST_STEPS: usize = u32::BITS as usize;

/// Steps done per lesson, in course order: bit `i` is step `i`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Progress {
    done: [u32; LESSONS.len()],
}

/// The steps lesson `index` has, as far as progress can record them.
fn steps_of(index: usize) -> usize {
    LESSONS.get(index).map_or(0, |l| l.steps.len().min(MOST_STEPS))
}

/// The bits of the first `count` steps.
fn first(count: usize) -> u32 {
    match count {
        0 => 0,
        c if c >= MOST_STEPS => u32::MAX,
        c => (1u32 << c) - 1,
    }
}

impl Progress {
    /// Read saved progress; unknown lessons, bad numbers and steps past a
    /// lesson's end are skipped.
    pub fn parse(saved: &str) -> Progress {
        let mut progress = Progress::default();
        for entry in saved.split(';') {
            let Some((slug, steps)) = entry.split_once('=') else {
                continue;
            };
            let Some(index) = LESSONS.iter().position(|l| l.slug == slug) else {
                continue;
            };
            let (leading, later) = steps.split_once('+').unwrap_or((steps, ""));
            let Ok(leading) = leading.parse::<usize>() else {
                continue;
            };
            let later = later
                .split(',')
                .filter_map(|n| n.parse::<usize>().ok())
                .filter(|&n| (1..=MOST_STEPS).contains(&n))
                .fold(0, |bits, n| bits | 1u32 << (n - 1));
            progress.done[index] = (first(leading) | later) & first(steps_of(index));
        }
        progress
    }

    /// The text to save.
    pub fn to_text(&self) -> String {
        LESSONS
            .iter()
            .zip(self.done)
            .filter(|(_, bits)| *bits != 0)
            .map(|(lesson, bits)| {
                let leading = bits.trailing_ones() as usize;
                let later: Vec<String> = (leading..MOST_STEPS)
                    .filter(|&i| bits & 1 << i != 0)
                    .map(|i| (i + 1).to_string())
                    .collect();
                match later.is_empty() {
                    true => format!("{}={leading}", lesson.slug),
                    false => format!("{}={leading}+{}", lesson.slug, later.join(",")),
                }
            })
            .collect::<Vec<_>>()
            .join(";")
    }

    /// Whether step `step` of lesson `index` is done.
    pub fn is_done(&self, index: usize, step: usize) -> bool {
        step < MOST_STEPS && self.done.get(index).is_some_and(|bits| bits & 1 << step != 0)
    }

    /// Whether every step of lesson `index` is done.
    pub fn finished(&self, index: usize) -> bool {
        let all = first(steps_of(index));
        all != 0 && self.done.get(index).is_some_and(|&bits| bits & all == all)
    }

    /// Record that step `step` of lesson `index` is done. Returns whether
    /// anything changed.
    pub fn complete(&mut self, index: usize, step: usize) -> bool {
        if step >= steps_of(index) {
            return false;
        }
        let Some(bits) = self.done.get_mut(index) else {
            return false;
        };
        let before = *bits;
        *bits |= 1 << step;
        *bits != before
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
        assert!(progress.complete(5, 2));
        assert!(progress.complete(5, 3));
        assert_eq!(
            progress.to_text(),
            format!("{}=2;{}=0+3,4", LESSONS[3].slug, LESSONS[5].slug)
        );
        let read = Progress::parse(&progress.to_text());
        assert_eq!(read, progress);
        assert!(read.is_done(3, 1) && !read.is_done(3, 2));
        assert!(!read.is_done(5, 1) && read.is_done(5, 2));
        assert!(!read.is_done(0, 0));
    }

    #[test]
    fn unreadable_saved_progress_is_ignored() {
        let last = LESSONS[9].slug;
        let steps = LESSONS[9].steps.len();
        let read = Progress::parse(&format!(
            "nonsense;;=3;no-such-lesson=2;{last}=x;{last}=250;{}=0+x,0,99,2",
            LESSONS[1].slug
        ));
        for index in [0, 2, 3, 4, 5, 6, 7, 8] {
            assert!((0..12).all(|step| !read.is_done(index, step)));
        }
        assert!(read.finished(9), "capped at the lesson's length");
        assert!(!read.is_done(9, steps), "no step past the end");
        assert!(
            read.is_done(1, 1) && !read.is_done(1, 0),
            "only the readable step counts"
        );
    }

    #[test]
    fn a_lesson_is_finished_when_all_its_steps_are_done_in_any_order() {
        let mut progress = Progress::default();
        let last = LESSONS[0].steps.len().saturating_sub(1);
        assert!(progress.complete(0, last));
        assert!(!progress.finished(0), "the last step alone finishes nothing");
        for step in (0..last).rev() {
            assert!(!progress.finished(0));
            progress.complete(0, step);
        }
        assert_eq!(progress.finished(0), !LESSONS[0].steps.is_empty());
        assert!(!progress.finished(1));
        assert!(!progress.complete(0, last + 1), "no step past the end");
    }
}
