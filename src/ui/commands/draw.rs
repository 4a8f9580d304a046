//! A command as a menu entry or a button: text, shortcut and tooltip from its [`Entry`],
//! enabled when it is available; a click asks for the command.
//!
//! [`Entry`]: super::Entry

use super::{Command, Situation};

/// The command's entry in a menu: its text, its first shortcut on the right, its tooltip with
/// every shortcut. Theme entries show which theme is chosen.
pub fn menu_item(
    ui: &mut egui::Ui,
    command: Command,
    now: &Situation,
    requested: &mut Vec<Command>,
) {
    let mut item = egui::Button::new(command.text());
    if let Some(keys) = command.shortcut_text(ui.ctx()) {
        item = item.shortcut_text(keys);
    }
    if let Some(theme) = command.theme() {
        item = item.selected(ui.ctx().options(|o| o.theme_preference) == theme);
    }
    let hint = command.hint(ui.ctx());
    let response = ui
        .add_enabled(command.available(now), item)
        .on_hover_text(&hint)
        .on_disabled_hover_text(hint);
    if response.clicked() {
        requested.push(command);
        ui.close();
    }
}

/// A button of a panel with its own short `label`, and the command's tooltip and shortcuts.
pub fn button(
    ui: &mut egui::Ui,
    command: Command,
    label: &str,
    now: &Situation,
    requested: &mut Vec<Command>,
) -> egui::Response {
    let response = ui
        .add_enabled(command.available(now), egui::Button::new(label))
        .on_hover_text(command.hint(ui.ctx()));
    if response.clicked() {
        requested.push(command);
    }
    response
}

/// A tab of the window's centre that shows a view: its own short `label`, selected while its
/// view is shown, with the command's tooltip and shortcuts.
pub fn tab(
    ui: &mut egui::Ui,
    command: Command,
    label: &str,
    selected: bool,
    now: &Situation,
    requested: &mut Vec<Command>,
) {
    let response = ui
        .add_enabled(
            command.available(now),
            egui::Button::selectable(selected, label),
        )
        .on_hover_text(command.hint(ui.ctx()));
    if response.clicked() && !selected {
        requested.push(command);
    }
}
