//! streamlens: inspect what a Communications Mining stream delivers.
//!
//! The modules are layers; each may use only the ones declared before it (see ARCHITECTURE.md).

pub mod api;
pub mod demo_server;
pub mod credentials;
pub mod worker;
pub mod state;
pub mod ui;
pub mod app;
pub mod cli;
