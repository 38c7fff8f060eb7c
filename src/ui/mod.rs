//! The browser UI: a thin Leptos layer that owns a running scenario, draws
//! its snapshots on a canvas, and turns clicks and keys into interventions.
//! All simulation logic lives in `sim` and `protocols`; pure geometry lives
//! in `layout` so it can be tested natively.

mod app;
mod controls;
mod demo;
pub mod drops;
mod event_log;
pub mod layout;
mod location;
mod narration;
mod network_panel;
mod node_menu;
mod opening;
mod painter;
mod palette;
mod screen;
mod share;
mod sidebar;
pub mod spacetime;
mod spacetime_painter;
mod timeline_bar;

pub use app::App;
pub use demo::demo_scenario;
