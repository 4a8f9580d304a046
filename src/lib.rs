//! streamlens: inspect what a Communications Mining stream delivers.
//!
//! The modules are layers, declared here from the bottom up; ARCHITECTURE.md says which each
//! may use, and tests/architecture.rs checks it.

// Layer 0: words every layer writes the same way (plural, percent, cut, case folding).
pub mod text;

// Layer 1: the typed API client and its models.
pub mod api;

// Layer 1: fuzzy matching of a few typed letters against texts (the command palette's).
pub mod fuzzy;

// Layer 1.5: what the inspector views show, computed from `api` models only (no egui).
pub mod inspect;

// Layer 1.5: saving a page to a file and opening it offline, from `api` models only.
pub mod export;

// Layer 1.5: two pages compared comment by comment, from `api` models with `inspect`'s threshold
// rule, `export`'s provenance and `text`'s words (no egui, no tokio).
pub mod compare;

// Layer 2: the stand-in server.
pub mod demo_server;

// Layer 3: named connections in the OS keyring.
pub mod credentials;

// Layer 4: the background worker, `Command` in, `Event` out.
pub mod worker;

// Layer 5: plain application state.
pub mod state;

// Layer 6: the panels.
pub mod ui;

// Layer 7: the window and the command line.
pub mod app;
pub mod cli;
