//! Charts beside the lesson steps, drawn with plotters: the data each one
//! plots (pure, tested natively), the drawing (generic over plotters'
//! backends, so tests render SVG text), and the Leptos component that draws
//! on a canvas as the run advances.

pub mod caption;
pub mod data;
pub mod draw;
pub mod view;

pub use view::ChartView;
