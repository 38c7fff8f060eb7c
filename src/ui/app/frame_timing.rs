//! User-timing entries for `make bench`: the script work of each animation
//! frame is measured as "frame" (`performance.measure`), and the first frame
//! that paints the picture is marked "canvas-ready". Each frame's entries are
//! cleared at once, so a long session keeps none; a `PerformanceObserver`
//! still receives every one.

use web_sys::Performance;

/// The measure that spans one frame's script work.
const FRAME: &str = "frame";
/// The mark at the start of a frame.
const FRAME_START: &str = "frame-start";
/// The mark left, once, when the picture is first painted.
const CANVAS_READY: &str = "canvas-ready";

fn performance() -> Option<Performance> {
    web_sys::window().and_then(|w| w.performance())
}

/// One frame's timing, from its start to [`FrameTiming::end`].
pub struct FrameTiming(Option<Performance>);

impl FrameTiming {
    pub fn start() -> FrameTiming {
        let performance = performance();
        if let Some(p) = &performance {
            let _ = p.mark(FRAME_START);
        }
        FrameTiming(performance)
    }

    /// Measure the frame, and leave the "canvas-ready" mark if `first_picture`.
    pub fn end(self, first_picture: bool) {
        let Some(p) = self.0 else {
            return;
        };
        let _ = p.measure_with_start_mark(FRAME, FRAME_START);
        p.clear_marks_with_mark_name(FRAME_START);
        p.clear_measures_with_measure_name(FRAME);
        if first_picture {
            let _ = p.mark(CANVAS_READY);
        }
    }
}
