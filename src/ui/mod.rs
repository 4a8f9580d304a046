//! The panels. Each reads the state, edits only its own input drafts ([`Drafts`]) and pushes
//! [`Action`]s; nothing here talks to the network, the keyring or files.

mod banner;
mod confirm;
mod connect;
mod fetch_bar;
pub mod fonts;
pub mod inspect;
mod picker;
mod top_bar;
mod widgets;

use crate::state::{Action, AppState};
use inspect::InspectCommand;

pub use connect::ConnectionForm;
pub use top_bar::{SHORTCUTS, ShortcutAction};

/// Text being typed, before it becomes an action.
#[derive(Debug, Default)]
pub struct Drafts {
    pub form: Option<ConnectionForm>,
    pub project_search: String,
    pub dataset_search: String,
    pub stream_search: String,
    /// The date-time typed for "Reset to date".
    pub reset_to: String,
    /// A path typed where no file dialog appeared.
    pub typed_path: String,
}

/// Draws the whole window. `central` draws the page itself (the inspector) and runs the
/// inspector commands chosen in the menus or by shortcut.
pub fn show(
    ui: &mut egui::Ui,
    state: &AppState,
    drafts: &mut Drafts,
    actions: &mut Vec<Action>,
    inspect: &mut Vec<InspectCommand>,
    central: impl FnOnce(&mut egui::Ui, &AppState, &mut Vec<InspectCommand>),
) {
    egui::Panel::top("menu").show(ui, |ui| top_bar::show(ui, state, drafts, actions, inspect));
    if let Some(confirm) = &state.confirm {
        confirm::show(ui.ctx(), confirm, actions);
    }
    let connected = state.connection.connected().is_some();
    if !connected && state.pages.current().is_none() {
        egui::CentralPanel::default().show(ui, |ui| {
            banner::show(ui, state, drafts, actions);
            connect::show(ui, state, drafts, actions);
        });
        return;
    }
    if connected {
        egui::Panel::left("picker")
            .resizable(true)
            .default_size(260.0)
            .show(ui, |ui| {
                picker::show(ui, state, drafts, actions);
            });
    }
    egui::CentralPanel::default().show(ui, |ui| {
        banner::show(ui, state, drafts, actions);
        fetch_bar::show(ui, state, drafts, actions);
        ui.separator();
        central(ui, state, inspect);
    });
}
