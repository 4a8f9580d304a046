//! Panels: each reads the state and returns actions.

/// The inspector widget: threads, filter and the detail of a page's comments.
pub mod inspect;
