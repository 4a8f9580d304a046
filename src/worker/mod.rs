//! The background worker: owns the tokio runtime and speaks through `Command` and `Event`.
