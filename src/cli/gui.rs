//! `streamlens [--demo]`: the desktop app.

use std::path::PathBuf;
use std::process::ExitCode;

use crate::app::{App, AppOptions};
use crate::worker::KeyringChoice;

/// Opens the window. `--demo` connects to the in-process demo server at once; `open` shows a
/// page file offline instead.
pub fn run(demo: bool, no_keyring: bool, open: Option<PathBuf>) -> ExitCode {
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("streamlens")
            .with_inner_size([1280.0, 800.0])
            .with_drag_and_drop(true),
        ..Default::default()
    };
    let keyring = if no_keyring {
        KeyringChoice::Off
    } else {
        KeyringChoice::Platform
    };
    let app_options = AppOptions {
        demo,
        demo_when_unconfigured: true,
        keyring,
        open,
        ..AppOptions::default()
    };
    let result = eframe::run_native(
        "streamlens",
        options,
        Box::new(move |cc| Ok(Box::new(App::new(cc, app_options)?))),
    );
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("streamlens: the window could not open: {err}");
            ExitCode::FAILURE
        }
    }
}
