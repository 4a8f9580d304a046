//! streamlens: inspect what a Communications Mining stream delivers.
//!
//! The modules are layers; each may use only the ones declared before it (see ARCHITECTURE.md).

pub mod api;

// Layer 1: fuzzy matching of a few typed letters against texts (the command palette's).
pub mod fuzzy;

// Layer 1.5: what the inspector views show, computed from `api` models only (no egui).
pub mod inspect;

// Layer 1.5: saving a page to a file and opening it offline, from `api` models only.
pub mod export;

pub mod app;
pub mod cli;
pub mod credentials;
pub mod demo_server;
pub mod state;
pub mod ui;
pub mod worker;
