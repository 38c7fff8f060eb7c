//! Budgets for simulating in the browser, so no cluster, link or speed can
//! freeze the page. A frame spends at most [`FRAME_BUDGET_MS`] running the
//! cluster; work is done in small batches of events with a look at the
//! clock between them. When a busy cluster cannot keep up with the chosen
//! speed, the run slows down instead of falling behind, and [`Pace`]
//! measures by how much, so the page can say so.

use leptos::prelude::*;

/// The most wall-clock time one frame spends simulating, in milliseconds.
pub const FRAME_BUDGET_MS: f64 = 8.0;

/// Engine events run between two looks at the clock: small enough that a
/// batch takes well under a millisecond on a slow phone.
pub const EVENTS_PER_LOOK: u64 = 500;

/// About how many engine events a second a modest laptop runs within the
/// frame budget: a cluster busier than this plays slower than real time.
pub const REAL_TIME_EVENTS_PER_SECOND: f64 = 1_000_000.0;

/// How long the pace is measured before the page is told, in milliseconds.
const PACE_WINDOW_MS: f64 = 700.0;

/// Below this share of the chosen speed, the run says it is slower.
const SLOW_SHARE: f64 = 0.9;

/// Milliseconds since the page opened, if the browser says.
pub fn wall_clock_ms() -> Option<f64> {
    web_sys::window().and_then(|w| w.performance()).map(|p| p.now())
}

/// Call `batch` with a budget of [`EVENTS_PER_LOOK`] events until it says
/// it is done (true) or `ms` milliseconds have passed (false). Without a
/// clock, one batch only.
pub fn within_ms(ms: f64, mut batch: impl FnMut(&mut u64) -> bool) -> bool {
    let started = wall_clock_ms();
    loop {
        let mut budget = EVENTS_PER_LOOK;
        if batch(&mut budget) {
            return true;
        }
        match (started, wall_clock_ms()) {
            (Some(started), Some(now)) if now - started < ms => {}
            _ => return false,
        }
    }
}

/// How fast the run really goes, measured over the last moment of play.
#[derive(Clone, Copy, Debug, Default)]
pub struct Pace {
    wall_ms: f64,
    sim_micros: f64,
    asked_micros: f64,
    fell_short: bool,
}

impl Pace {
    /// Count one frame: `wall_ms` of play in which `asked` microseconds of
    /// sim time were asked for and `got` were run. Once a window is full,
    /// returns the speed to report: `Some(real speed)` when the run fell
    /// short and went slower than asked, `None` when it kept up.
    pub fn frame(&mut self, wall_ms: f64, asked: u64, got: u64) -> Option<Option<f64>> {
        self.wall_ms += wall_ms;
        self.asked_micros += asked as f64;
        self.sim_micros += got as f64;
        self.fell_short |= got < asked;
        if self.wall_ms < PACE_WINDOW_MS {
            return None;
        }
        let real = self.sim_micros / (self.wall_ms * 1_000.0);
        let slow = self.fell_short && self.sim_micros < SLOW_SHARE * self.asked_micros;
        *self = Pace::default();
        Some(slow.then_some(real))
    }

    /// Forget what was measured (the run paused, or changed).
    pub fn reset(&mut self) {
        *self = Pace::default();
    }
}

/// "0.3×", "0.05×", "2×": a speed as people read it.
pub fn speed_words(speed: f64) -> String {
    let rounded = if speed >= 10.0 {
        format!("{speed:.0}")
    } else if speed >= 0.1 {
        format!("{speed:.1}")
    } else {
        format!("{speed:.2}")
    };
    let shown = if rounded.contains('.') {
        rounded.trim_end_matches('0').trim_end_matches('.')
    } else {
        &rounded
    };
    format!("{shown}×")
}

/// Says, over the picture, that the run goes slower than the chosen speed.
#[component]
pub fn PaceNote(behind: RwSignal<Option<f64>>, playing: RwSignal<bool>) -> impl IntoView {
    view! {
        <p class="pace-note" role="status" aria-live="polite">
            {move || {
                behind
                    .get()
                    .filter(|_| playing.get())
                    .map(|real| {
                        format!(
                            "Running at {}: this cluster is busier than real time.",
                            speed_words(real)
                        )
                    })
            }}
        </p>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_run_that_keeps_up_reports_no_slowdown() {
        let mut pace = Pace::default();
        let reports: Vec<_> = (0..50).filter_map(|_| pace.frame(16.0, 16_000, 16_000)).collect();
        assert!(!reports.is_empty());
        assert!(reports.iter().all(Option::is_none));
    }

    #[test]
    fn a_run_that_falls_short_reports_its_real_speed() {
        let mut pace = Pace::default();
        let reports: Vec<_> = (0..50).filter_map(|_| pace.frame(16.0, 1_600_000, 480_000)).collect();
        let real = reports.last().copied().flatten().unwrap_or_default();
        assert!((real - 30.0).abs() < 0.01, "{real}");
        assert_eq!(speed_words(0.3), "0.3×");
        assert_eq!(speed_words(0.047), "0.05×");
        assert_eq!(speed_words(30.0), "30×");
    }

    #[test]
    fn a_run_that_ends_is_not_slow() {
        // The last event is long past: every frame gets all it asked for.
        let mut pace = Pace::default();
        let reports: Vec<_> = (0..50).filter_map(|_| pace.frame(16.0, 100, 100)).collect();
        assert!(reports.iter().all(Option::is_none));
    }
}
