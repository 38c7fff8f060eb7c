//! Many Nodes: learn distributed systems by running one.
//!
//! `sim` is the pure, deterministic simulation core and `protocols` the node
//! behaviours that run on it (neither imports anything from the browser);
//! `ui` is the thin Leptos front end that draws a run and turns clicks into
//! interventions. `check` is the pure linearizability checker the lessons
//! run on what clients saw. `lab` runs a student's own node code (a Rhai
//! script) in the simulator and grades it; the lesson app never links it.

pub mod check;
pub mod lab;
pub mod lab_page;
pub mod lessons;
pub mod protocols;
pub mod scenario;
pub mod sim;
pub mod ui;
