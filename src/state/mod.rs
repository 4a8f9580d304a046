//! Plain application state, driven by actions from the UI and events from the worker.
