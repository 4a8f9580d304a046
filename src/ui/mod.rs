//! Panels: each reads the state and returns actions.
