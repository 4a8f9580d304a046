//! The first screen: the demo, the saved connections, and the form to add or edit one.

use std::any::TypeId;
use std::fmt;
use std::ops::Range;

use egui::text::CharIndex;

use super::Drafts;
use super::widgets::labelled_text;
use crate::api::Token;
use crate::credentials::session_token_from_env;
use crate::state::{Action, AppState, ConnectionState, KeyringStatus};

/// A connection being added or edited. The token field is never prefilled from the keyring.
#[derive(Debug, Default)]
pub struct ConnectionForm {
    /// The saved connection being edited (its token must be pasted again to change it).
    pub editing: Option<String>,
    pub name: String,
    pub endpoint: String,
    pub token: SecretText,
    /// Keep it in memory only (the only choice without a keyring).
    pub session_only: bool,
}

/// A token while it is typed: the text egui's (masked) field edits, which becomes a [`Token`]
/// when the form is sent. Its `Debug` prints a redaction, like `Token`'s, so that no draft or
/// state printed for a log, a panic or a test shows it.
#[derive(Default)]
pub struct SecretText(String);

impl SecretText {
    /// The token typed, without the spaces and line breaks a paste brings along.
    pub fn token(&self) -> Token {
        Token::new(self.0.trim())
    }
}

impl From<String> for SecretText {
    fn from(text: String) -> Self {
        Self(text)
    }
}

impl fmt::Debug for SecretText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SecretText(<redacted>)")
    }
}

/// Edited exactly as a `String` is.
impl egui::TextBuffer for SecretText {
    fn is_mutable(&self) -> bool {
        true
    }

    fn as_str(&self) -> &str {
        &self.0
    }

    fn insert_text(&mut self, text: &str, char_index: CharIndex) -> usize {
        self.0.insert_text(text, char_index)
    }

    fn delete_char_range(&mut self, char_range: Range<CharIndex>) {
        self.0.delete_char_range(char_range);
    }

    fn clear(&mut self) {
        self.0.clear();
    }

    fn replace_with(&mut self, text: &str) {
        self.0.replace_with(text);
    }

    fn take(&mut self) -> String {
        std::mem::take(&mut self.0)
    }

    fn type_id(&self) -> TypeId {
        TypeId::of::<Self>()
    }
}

pub fn show(ui: &mut egui::Ui, state: &AppState, drafts: &mut Drafts, actions: &mut Vec<Action>) {
    ui.heading("Connect to Communications Mining");
    if let ConnectionState::Connecting { kind, .. } = &state.connection {
        ui.label(format!("Connecting to {}…", kind.name()));
        return;
    }
    ui.label("Try streamlens on its built-in demo server, with invented data:");
    if ui.button("Open the demo").clicked() {
        actions.push(Action::OpenDemo);
    }
    ui.separator();
    let keyring_ready = match &state.keyring {
        KeyringStatus::Probing => {
            ui.label("Checking the system keyring…");
            false
        }
        KeyringStatus::Ready => true,
        KeyringStatus::Unavailable(reason) => {
            ui.colored_label(ui.visuals().warn_fg_color, reason);
            false
        }
    };
    if keyring_ready {
        saved_connections(ui, state, drafts, actions);
    }
    match &mut drafts.form {
        Some(form) => {
            if form_ui(ui, form, keyring_ready, actions) {
                drafts.form = None;
            }
        }
        None => {
            ui.horizontal(|ui| {
                if keyring_ready && ui.button("Add connection…").clicked() {
                    drafts.form = Some(ConnectionForm::default());
                }
                if ui.button("Connect for this session only…").clicked() {
                    drafts.form = Some(ConnectionForm {
                        session_only: true,
                        token: session_token_from_env().unwrap_or_default(),
                        ..ConnectionForm::default()
                    });
                }
            });
        }
    }
    if actions.iter().any(|a| {
        matches!(
            a,
            Action::SaveConnection { .. } | Action::ConnectSession { .. }
        )
    }) {
        drafts.form = None;
    }
}

fn saved_connections(
    ui: &mut egui::Ui,
    state: &AppState,
    drafts: &mut Drafts,
    actions: &mut Vec<Action>,
) {
    if state.settings.connections.is_empty() {
        ui.label("No saved connections yet.");
        return;
    }
    ui.label("Saved connections (endpoint and token in the system keyring):");
    egui::Grid::new("saved-connections")
        .striped(true)
        .show(ui, |ui| {
            for name in &state.settings.connections {
                ui.label(name);
                if ui
                    .button("Connect")
                    .on_hover_text(format!("Connect to {name}"))
                    .clicked()
                {
                    actions.push(Action::ConnectSaved(name.clone()));
                }
                if ui.button("Edit").clicked() {
                    drafts.form = Some(ConnectionForm {
                        editing: Some(name.clone()),
                        name: name.clone(),
                        ..Default::default()
                    });
                }
                if ui.button("Delete").clicked() {
                    actions.push(Action::DeleteConnection(name.clone()));
                }
                ui.end_row();
            }
        });
}

/// Returns true when the form is done with (cancelled).
fn form_ui(
    ui: &mut egui::Ui,
    form: &mut ConnectionForm,
    keyring_ready: bool,
    actions: &mut Vec<Action>,
) -> bool {
    ui.separator();
    let session_only = form.session_only || !keyring_ready;
    ui.strong(match (&form.editing, session_only) {
        (Some(name), _) => format!("Edit “{name}”"),
        (None, true) => "Session-only connection (kept in memory, never saved)".to_owned(),
        (None, false) => "New connection".to_owned(),
    });
    if !session_only {
        labelled_text(ui, "Name", &mut form.name, false);
    }
    labelled_text(ui, "Endpoint", &mut form.endpoint, false)
        .on_hover_text("e.g. https://cloud.uipath.com/ORG/TENANT/reinfer_ — a URL copied from the browser works too");
    labelled_text(ui, "API token", &mut form.token, true);
    if form.editing.is_some() {
        ui.weak("Leave endpoint and token empty to only rename; leave the token empty to keep it.");
    }
    let mut cancelled = false;
    ui.horizontal(|ui| {
        let token = form.token.token();
        if session_only {
            if ui.button("Connect").clicked() {
                actions.push(Action::ConnectSession {
                    endpoint: form.endpoint.clone(),
                    token,
                });
            }
        } else if ui.button("Save and connect").clicked() {
            actions.push(Action::SaveConnection {
                replaces: form.editing.clone(),
                name: form.name.clone(),
                endpoint: form.endpoint.clone(),
                token,
            });
        }
        cancelled = ui.button("Cancel").clicked();
    });
    cancelled
}
