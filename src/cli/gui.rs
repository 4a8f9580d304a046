//! `streamlens [--demo] [FILE…]`: the desktop app.

use std::path::PathBuf;
use std::process::ExitCode;

use crate::app::{App, AppOptions};
use crate::credentials::session_token_from_env;
use crate::worker::KeyringChoice;

/// The application id: the window's Wayland app id and X11 class, and the name of the desktop
/// entry, icons and AppStream metainfo under `assets/`, so a desktop matches the running window
/// to its launcher. Reverse-DNS, as AppStream and the desktop entry specification ask.
pub const APP_ID: &str = "io.github.streamlens.Streamlens";

/// The window icon: the 128 px rendering of `assets/icons/hicolor/scalable/apps/APP_ID.svg`.
const ICON_PNG: &[u8] =
    include_bytes!("../../assets/icons/hicolor/128x128/apps/io.github.streamlens.Streamlens.png");

/// Opens the window. `--demo` connects to the in-process demo server at once, `--endpoint`
/// to that endpoint with the token in `REINFER_TOKEN`; page files given on the command line
/// are shown offline instead.
pub fn run(demo: bool, no_keyring: bool, endpoint: Option<String>, open: Vec<PathBuf>) -> ExitCode {
    let session = match endpoint {
        None => None,
        Some(endpoint) => match session_token_from_env() {
            Some(token) => Some((endpoint, token)),
            None => {
                eprintln!("streamlens: --endpoint needs the API token in REINFER_TOKEN");
                return ExitCode::FAILURE;
            }
        },
    };
    let icon = eframe::icon_data::from_png_bytes(ICON_PNG).expect("the bundled icon is a PNG");
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("streamlens")
            .with_app_id(APP_ID)
            .with_icon(icon)
            .with_inner_size([1280.0, 800.0])
            .with_drag_and_drop(true),
        // eframe would otherwise keep settings under the app id; they stay where earlier versions
        // saved them (~/.local/share/streamlens/app.ron), with the list of saved connections.
        persistence_path: eframe::storage_dir("streamlens").map(|dir| dir.join("app.ron")),
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
        session,
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
