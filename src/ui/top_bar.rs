//! The menu bar (the same actions as the buttons, with their shortcuts) and the active
//! connection's name, host and user, always visible.

use egui::{Key, KeyboardShortcut, Modifiers};

use super::Drafts;
use super::inspect::InspectCommand;
use crate::export::ExportFormat;
use crate::state::{Action, AppState, ConnectionState};

/// Keyboard shortcuts of the app's actions; the app consumes them, the menus show them.
pub const SHORTCUTS: &[(KeyboardShortcut, ShortcutAction)] = &[
    (
        KeyboardShortcut::new(Modifiers::NONE, Key::F5),
        ShortcutAction::Fetch,
    ),
    (
        KeyboardShortcut::new(Modifiers::COMMAND, Key::R),
        ShortcutAction::Fetch,
    ),
    (
        KeyboardShortcut::new(Modifiers::NONE, Key::Escape),
        ShortcutAction::Cancel,
    ),
    (
        KeyboardShortcut::new(Modifiers::COMMAND, Key::S),
        ShortcutAction::Export,
    ),
    (
        KeyboardShortcut::new(Modifiers::COMMAND, Key::O),
        ShortcutAction::Open,
    ),
];

/// The actions that have a shortcut (an [`Action`] itself cannot be a constant).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ShortcutAction {
    Fetch,
    Cancel,
    Export,
    Open,
}

impl ShortcutAction {
    pub fn action(self) -> Action {
        match self {
            ShortcutAction::Fetch => Action::Fetch,
            ShortcutAction::Cancel => Action::Cancel,
            ShortcutAction::Export => Action::Export(ExportFormat::Json),
            ShortcutAction::Open => Action::Open,
        }
    }
}

fn shortcut_text(ctx: &egui::Context, wanted: ShortcutAction) -> String {
    SHORTCUTS
        .iter()
        .find(|(_, a)| *a == wanted)
        .map(|(s, _)| ctx.format_shortcut(s))
        .unwrap_or_default()
}

pub fn show(
    ui: &mut egui::Ui,
    state: &AppState,
    drafts: &mut Drafts,
    actions: &mut Vec<Action>,
    inspect: &mut Vec<InspectCommand>,
) {
    egui::MenuBar::new().ui(ui, |ui| {
        ui.menu_button("File", |ui| {
            let open = egui::Button::new("Open…")
                .shortcut_text(shortcut_text(ui.ctx(), ShortcutAction::Open));
            if ui
                .add(open)
                .on_hover_text("Open an exported page, or a saved fetch or results response")
                .clicked()
            {
                actions.push(Action::Open);
                ui.close();
            }
            let has_page = state.pages.current().is_some();
            for format in ExportFormat::ALL {
                let label = match format {
                    ExportFormat::Json => "Export JSON (lossless)…",
                    ExportFormat::Jsonl => "Export JSON Lines…",
                    ExportFormat::Csv => "Export CSV…",
                };
                let mut button = egui::Button::new(label);
                if format == ExportFormat::Json {
                    button = button.shortcut_text(shortcut_text(ui.ctx(), ShortcutAction::Export));
                }
                if ui.add_enabled(has_page, button).clicked() {
                    actions.push(Action::Export(format));
                    ui.close();
                }
            }
            ui.separator();
            if ui.button("Quit").clicked() {
                ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
            }
        });
        ui.menu_button("Stream", |ui| {
            let fetch = egui::Button::new("Fetch")
                .shortcut_text(shortcut_text(ui.ctx(), ShortcutAction::Fetch));
            if ui
                .add_enabled(state.catalog.chosen().is_some(), fetch)
                .clicked()
            {
                actions.push(Action::Fetch);
                ui.close();
            }
            let cancel = egui::Button::new("Cancel fetch")
                .shortcut_text(shortcut_text(ui.ctx(), ShortcutAction::Cancel));
            if ui
                .add_enabled(state.pages.running.is_some(), cancel)
                .clicked()
            {
                actions.push(Action::Cancel);
                ui.close();
            }
            if ui
                .add_enabled(
                    state.advance_blocked().is_none(),
                    egui::Button::new("Advance…"),
                )
                .clicked()
            {
                actions.push(Action::AskAdvance);
                ui.close();
            }
        });
        ui.menu_button("Comment", |ui| {
            let has_page = state.pages.current().is_some();
            for command in InspectCommand::ALL {
                let shortcut = ui.ctx().format_shortcut(&command.shortcut());
                let button = egui::Button::new(command.label()).shortcut_text(shortcut);
                if ui.add_enabled(has_page, button).clicked() {
                    inspect.push(command);
                    ui.close();
                }
            }
        });
        ui.menu_button("Connection", |ui| {
            if ui
                .add_enabled(
                    state.connection.connected().is_some(),
                    egui::Button::new("Disconnect"),
                )
                .clicked()
            {
                drafts.form = None;
                actions.push(Action::Disconnect);
                ui.close();
            }
        });
        ui.menu_button("View", |ui| {
            egui::widgets::global_theme_preference_buttons(ui);
            ui.label("Zoom: Ctrl + / Ctrl − / Ctrl 0");
        });
        ui.with_layout(
            egui::Layout::right_to_left(egui::Align::Center),
            |ui| match &state.connection {
                ConnectionState::Connected(connected) => {
                    let who = connected
                        .user
                        .username
                        .as_deref()
                        .or(connected.user.email.as_deref())
                        .unwrap_or("unknown user");
                    ui.label(format!("{} · {} · {who}", connected.name, connected.host));
                }
                ConnectionState::Connecting { name, .. } => {
                    ui.label(format!("Connecting to {name}…"));
                }
                ConnectionState::Disconnected => {
                    ui.weak("Not connected");
                }
            },
        );
    });
}
