//! The eframe application: owns state and worker.
