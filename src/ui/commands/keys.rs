//! Reading the commands' shortcuts from the keyboard, and writing them for people.

use egui::KeyboardShortcut;

use super::Command;
use crate::ui::inspect::CommandHints;

/// Takes each frame's shortcuts off the input.
///
/// It remembers whether a text field had the keyboard when the last frame ended: egui drops
/// the focus at the start of a frame in which Esc is pressed, so asking only then would let
/// that Esc cancel a fetch while the user is typing.
#[derive(Debug, Default)]
pub struct Shortcuts {
    typing: bool,
}

impl Shortcuts {
    /// The available commands whose shortcuts were pressed, in the order pressed bindings are
    /// tried, their keys consumed. Keys that type or move the cursor (see [`types_text`]) are
    /// left alone while a text field has the keyboard; the shortcuts of commands that are not
    /// available are left to egui.
    pub fn pressed(
        &self,
        ctx: &egui::Context,
        available: impl Fn(Command) -> bool,
    ) -> Vec<Command> {
        let typing = self.typing || ctx.text_edit_focused();
        let bindings: Vec<(KeyboardShortcut, Command)> = bindings()
            .into_iter()
            .filter(|&(shortcut, command)| available(command) && !(typing && types_text(shortcut)))
            .collect();
        ctx.input_mut(|input| {
            bindings
                .into_iter()
                .filter(|(shortcut, _)| input.consume_shortcut(shortcut))
                .map(|(_, command)| command)
                .collect()
        })
    }

    /// Call once the frame is drawn.
    pub fn end_frame(&mut self, ctx: &egui::Context) {
        self.typing = ctx.text_edit_focused();
    }
}

/// Every shortcut with its command, in the order they are tried. egui matches a shortcut even
/// when Shift or Alt is pressed beyond it (J matches Shift+J), so the ones with more of those
/// come first.
pub(super) fn bindings() -> Vec<(KeyboardShortcut, Command)> {
    let mut bindings: Vec<(KeyboardShortcut, Command)> = Command::ALL
        .iter()
        .flat_map(|&command| command.shortcuts().iter().map(move |&s| (s, command)))
        .collect();
    bindings.sort_by_key(|(shortcut, _)| {
        std::cmp::Reverse(u8::from(shortcut.modifiers.shift) + u8::from(shortcut.modifiers.alt))
    });
    bindings
}

/// Whether the key would type into a text field or move its cursor: no Ctrl, Cmd or Alt
/// (Shift alone types a capital), or an arrow, Home, End or Space with any modifier.
pub(super) fn types_text(shortcut: KeyboardShortcut) -> bool {
    let m = shortcut.modifiers;
    let plain = !(m.ctrl || m.command || m.mac_cmd || m.alt);
    plain || shortcut.conflicts_with_text_editing()
}

impl Command {
    /// The first shortcut, as egui writes it on this system (e.g. "Ctrl+R", "⌘R").
    pub fn shortcut_text(self, ctx: &egui::Context) -> Option<String> {
        let first = self.shortcuts().first()?;
        Some(ctx.format_shortcut(first))
    }

    /// The tooltip followed by every shortcut, for a button or a menu entry.
    pub fn hint(self, ctx: &egui::Context) -> String {
        let entry = self.entry();
        let keys: Vec<String> = entry
            .shortcuts
            .iter()
            .map(|s| ctx.format_shortcut(s))
            .collect();
        if keys.is_empty() {
            entry.tooltip.to_owned()
        } else {
            format!("{} ({})", entry.tooltip, keys.join(" or "))
        }
    }
}

/// The registry's words the inspector shows (it cannot read them itself: see
/// [`CommandHints`]): the first keys of Next and Previous comment, and Copy comment uid's
/// tooltip with its shortcut.
pub fn inspector_hints(ctx: &egui::Context) -> CommandHints {
    let key = |command: Command| command.shortcut_text(ctx).unwrap_or_default();
    CommandHints {
        step_keys: format!(
            "{} and {}",
            key(Command::NextComment),
            key(Command::PreviousComment)
        ),
        copy_uid: Command::CopyUid.hint(ctx),
    }
}
