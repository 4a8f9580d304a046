//! The menu bar (every command of the registry, with its shortcut) and the active
//! connection's name, host and user, always visible.

use super::commands::{self, Command, Menu, Situation};
use crate::state::ConnectionState;

/// The menus list the registry's commands, each under its [`Menu`].
pub fn show(ui: &mut egui::Ui, now: &Situation, requested: &mut Vec<Command>) {
    egui::MenuBar::new().ui(ui, |ui| {
        for menu in Menu::ALL {
            ui.menu_button(menu.title(), |ui| {
                for &command in Command::ALL {
                    if command.entry().menu == menu {
                        commands::menu_item(ui, command, now, requested);
                    }
                }
            });
        }
        ui.with_layout(
            egui::Layout::right_to_left(egui::Align::Center),
            |ui| match &now.state.connection {
                ConnectionState::Connected(connected) => {
                    let who = connected
                        .user
                        .username
                        .as_deref()
                        .or(connected.user.email.as_deref())
                        .unwrap_or("unknown user");
                    let name = connected.kind.name();
                    ui.label(format!("{name} · {} · {who}", connected.host));
                }
                ConnectionState::Connecting { kind, .. } => {
                    ui.label(format!("Connecting to {}…", kind.name()));
                }
                ConnectionState::Disconnected => {
                    ui.weak("Not connected");
                }
            },
        );
    });
}
