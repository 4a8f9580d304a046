//! The panels. Each reads the state, edits only its own input drafts ([`Drafts`]) and pushes
//! [`Action`]s; nothing here talks to the network, the keyring or files.

mod banner;
pub mod central;
pub mod commands;
mod compare;
mod confirm;
mod connect;
mod fetch_bar;
pub mod fonts;
mod history;
pub mod inspect;
pub mod label_colours;
pub mod overview;
mod palette;
mod picker;
pub mod title;
mod top_bar;
mod widgets;

use crate::state::Action;
use commands::{Command, Situation};
use inspect::InspectCommand;

pub use connect::{ConnectionForm, SecretText};
pub use palette::Palette;

/// Which view fills the window's centre under the fetch bar.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum CentralView {
    /// The page's comments one at a time ([`inspect::Inspector`]).
    #[default]
    Inspector,
    /// What the pages say about each label, and the threshold what-if ([`overview`]).
    Overview,
    /// Two pages compared comment by comment.
    Compare,
}

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
    /// The command palette, while it is open.
    pub palette: Option<Palette>,
    /// The page history's list, while it is open.
    pub history_open: bool,
}

/// What the user asked for in one frame.
#[derive(Debug, Default)]
pub struct Requests {
    pub actions: Vec<Action>,
    /// Commands of the registry, run if still available when the frame is drawn.
    pub commands: Vec<Command>,
    pub inspect: Vec<InspectCommand>,
}

/// Draws the whole window. `central` draws the page itself (see [`central::show`]).
pub fn show(
    ui: &mut egui::Ui,
    now: &Situation,
    drafts: &mut Drafts,
    requests: &mut Requests,
    central: impl FnOnce(&mut egui::Ui, &mut Requests),
) {
    let state = now.state;
    egui::Panel::top("menu").show(ui, |ui| top_bar::show(ui, now, &mut requests.commands));
    if let Some(confirm) = &state.confirm {
        confirm::show(ui.ctx(), confirm, &mut requests.actions);
    }
    palette::show(ui.ctx(), now, drafts, requests);
    history::show(ui.ctx(), state, drafts, &mut requests.actions);
    let actions = &mut requests.actions;
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
        banner::show(ui, state, drafts, &mut requests.actions);
        let asked = &mut requests.commands;
        fetch_bar::show(ui, now, drafts, &mut requests.actions, asked);
        ui.separator();
        central(ui, requests);
    });
}
