//! The registry's promises: no two commands share a shortcut as egui matches keys, every
//! shortcut reaches its own command and no other, keys that type never fire while a text
//! field has the keyboard, and README's keyboard table is the registry's.

use egui::{KeyboardShortcut, ModifierNames, Modifiers};
use egui_kittest::Harness;

use super::keys::{bindings, types_text};
use super::{Command, Shortcuts};

/// The modifiers a keyboard reports for a shortcut: on a Mac, Cmd sets `mac_cmd` and
/// `command`; elsewhere Ctrl sets `ctrl` and `command`.
fn as_pressed(modifiers: Modifiers, mac: bool) -> Modifiers {
    let command = modifiers.command || modifiers.ctrl && !mac || modifiers.mac_cmd && mac;
    Modifiers {
        ctrl: modifiers.ctrl || command && !mac,
        mac_cmd: mac && command,
        command,
        ..modifiers
    }
}

/// Whether pressing `pressed` is taken by egui as `pattern` (`consume_shortcut` matches
/// logically: an extra Shift or Alt does not stop a match).
fn taken_as(pressed: KeyboardShortcut, pattern: KeyboardShortcut, mac: bool) -> bool {
    pressed.logical_key == pattern.logical_key
        && as_pressed(pressed.modifiers, mac).matches_logically(pattern.modifiers)
}

/// Two shortcuts clash when each is taken as the other: no order of trying them tells them
/// apart. (When only one is taken as the other, e.g. Shift+J as J, the more specific one is
/// tried first; the next test proves that order.)
fn clash(a: KeyboardShortcut, b: KeyboardShortcut) -> bool {
    [false, true]
        .into_iter()
        .any(|mac| taken_as(a, b, mac) && taken_as(b, a, mac))
}

#[test]
fn no_two_commands_share_a_shortcut() {
    // The check sees through egui's matching, not just equal values: Ctrl+S and Cmd+S are the
    // same keys outside a Mac; J and Shift+J are not the same.
    let ctrl_s = KeyboardShortcut::new(Modifiers::CTRL, egui::Key::S);
    let command_s = KeyboardShortcut::new(Modifiers::COMMAND, egui::Key::S);
    assert!(clash(ctrl_s, command_s));
    let j = KeyboardShortcut::new(Modifiers::NONE, egui::Key::J);
    let shift_j = KeyboardShortcut::new(Modifiers::SHIFT, egui::Key::J);
    assert!(!clash(j, shift_j) && taken_as(shift_j, j, false));

    let all = bindings();
    for &(a, first) in &all {
        for &(b, second) in &all {
            assert!(
                first == second || !clash(a, b),
                "{first:?} and {second:?} share {}",
                a.format(&ModifierNames::NAMES, false)
            );
        }
    }
}

/// A frame that reads the shortcuts as the app does, beside one text field.
struct Keyboard {
    shortcuts: Shortcuts,
    text: String,
    focus_the_field: bool,
    unavailable: Option<Command>,
    ran: Vec<Command>,
    /// Esc was still in the input after the shortcuts were read.
    escape_left: bool,
}

fn keyboard(focus_the_field: bool) -> Harness<'static, Keyboard> {
    let keyboard = Keyboard {
        shortcuts: Shortcuts::default(),
        text: String::new(),
        focus_the_field,
        unavailable: None,
        ran: Vec::new(),
        escape_left: false,
    };
    let mut harness = Harness::new_ui_state(
        |ui, keyboard: &mut Keyboard| {
            let unavailable = keyboard.unavailable;
            let pressed = keyboard
                .shortcuts
                .pressed(ui.ctx(), |command| Some(command) != unavailable);
            keyboard.ran.extend(pressed);
            keyboard.escape_left |= ui.input(|i| i.key_pressed(egui::Key::Escape));
            let label = ui.label("Search");
            let field = ui
                .text_edit_singleline(&mut keyboard.text)
                .labelled_by(label.id);
            if std::mem::take(&mut keyboard.focus_the_field) {
                field.request_focus();
            }
            keyboard.shortcuts.end_frame(ui.ctx());
        },
        keyboard,
    );
    harness.run();
    assert_eq!(harness.ctx.text_edit_focused(), focus_the_field);
    harness
}

fn press(harness: &mut Harness<'_, Keyboard>, shortcut: KeyboardShortcut) -> Vec<Command> {
    let modifiers = as_pressed(shortcut.modifiers, false);
    harness.key_press_modifiers(modifiers, shortcut.logical_key);
    harness.run();
    std::mem::take(&mut harness.state_mut().ran)
}

#[test]
fn every_shortcut_runs_its_own_command_and_no_other() {
    let mut harness = keyboard(false);
    for (shortcut, command) in bindings() {
        let keys = shortcut.format(&ModifierNames::NAMES, false);
        assert_eq!(press(&mut harness, shortcut), [command], "{keys}");
    }
}

#[test]
fn keys_that_type_never_fire_while_a_text_field_has_the_keyboard() {
    let mut typed = 0;
    for (shortcut, command) in bindings() {
        let keys = shortcut.format(&ModifierNames::NAMES, false);
        let mut harness = keyboard(true);
        let ran = press(&mut harness, shortcut);
        if types_text(shortcut) {
            typed += 1;
            assert_eq!(ran, [], "{keys} ran while typing");
        } else {
            assert_eq!(ran, [command], "{keys} works from a text field too");
        }
    }
    // J, K, the arrows, F5, Esc, Shift+J/K, Alt+arrows at least.
    assert!(typed >= 10, "{typed}");
}

#[test]
fn unavailable_commands_leave_their_keys_to_egui() {
    let escape = KeyboardShortcut::new(Modifiers::NONE, egui::Key::Escape);
    let mut harness = keyboard(false);
    assert_eq!(press(&mut harness, escape), [Command::Cancel]);
    assert!(!harness.state().escape_left, "Cancel took the Esc");
    harness.state_mut().unavailable = Some(Command::Cancel);
    assert_eq!(press(&mut harness, escape), []);
    assert!(harness.state().escape_left, "left for a dialog to close");
}

const START: &str = "<!-- keyboard:start -->";
const END: &str = "<!-- keyboard:end -->";

/// README's table: every command, its keys as the menus write them outside a Mac, its menu.
fn keyboard_table() -> String {
    let mut table = vec![
        "| command | keys | menu | what it does |".to_owned(),
        "|---|---|---|---|".to_owned(),
    ];
    for &command in Command::ALL {
        let entry = command.entry();
        let keys: Vec<String> = entry
            .shortcuts
            .iter()
            .map(|s| s.format(&ModifierNames::NAMES, false))
            .collect();
        let keys = if keys.is_empty() {
            "–".to_owned()
        } else {
            keys.join(", ")
        };
        table.push(format!(
            "| {} | {keys} | {} | {} |",
            entry.text,
            entry.menu.title(),
            entry.tooltip
        ));
    }
    table.join("\n")
}

/// `UPDATE_README=1` rewrites the table; otherwise a difference fails.
#[test]
fn readme_keyboard_table_is_the_registry() {
    let table = keyboard_table();
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/README.md");
    let readme = std::fs::read_to_string(path).unwrap();
    let (Some(start), Some(end)) = (readme.find(START), readme.find(END)) else {
        panic!("README.md lacks the {START} … {END} markers");
    };
    let current = readme[start + START.len()..end].trim();
    if std::env::var_os("UPDATE_README").is_some() {
        let updated = format!("{}{START}\n{table}\n{}", &readme[..start], &readme[end..]);
        std::fs::write(path, updated).unwrap();
    } else {
        assert_eq!(
            current, table,
            "README's keyboard table is out of date: run with UPDATE_README=1"
        );
    }
}
