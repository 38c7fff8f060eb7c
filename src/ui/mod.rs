//! The browser UI: a thin Leptos layer that owns a running scenario, draws
//! its snapshots on a canvas, and turns clicks and keys into interventions.
//! All simulation logic lives in `sim` and `protocols`; pure geometry lives
//! in `layout` so it can be tested natively.

mod app;
pub mod charts;
mod controls;
mod demo;
pub mod drops;
mod event_log;
pub mod fact_words;
mod focus;
mod glossary_view;
pub mod history;
pub mod layout;
mod lesson_panel;
mod link_settings;
mod location;
mod narration;
mod network_panel;
mod node_menu;
mod node_state;
mod opening;
pub mod pacing;
mod painter;
mod palette;
mod prediction;
pub mod route;
pub mod sandbox;
mod saved_progress;
mod screen;
mod share;
mod sidebar;
pub mod spacetime;
mod spacetime_painter;
mod spoken;
mod sweep;
mod timeline_bar;
mod travel;
mod visibility;

pub use app::{App, ClusterView};
pub use demo::demo_scenario;
pub use screen::Screen;
