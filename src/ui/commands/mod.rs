//! Every command of the app, defined once: its text, tooltip, shortcuts and menu here, when it
//! can run and what it does in `run.rs`, how its shortcuts are read in `keys.rs`. Menus,
//! buttons' tooltips, shortcut handling, the command palette and README's keyboard table all
//! read this.
//!
//! A new command is one line in the `commands!` list plus its arm in each `match` on
//! [`Command`] (the compiler names any that are missing): its [`Entry`], when it is available,
//! and its handler.

mod draw;
mod keys;
mod run;
#[cfg(test)]
mod tests;

use egui::{Key, KeyboardShortcut, Modifiers};

pub use draw::{button, menu_item, tab};
pub use keys::{Shortcuts, inspector_hints};
pub use run::{Outcome, Situation};

/// Declares [`Command`] and [`Command::ALL`] from one list, so neither can miss an entry.
macro_rules! commands {
    ($($name:ident),* $(,)?) => {
        /// Something the user can ask for by menu, button, shortcut or the palette.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum Command {
            $($name,)*
        }

        impl Command {
            /// Every command, in the order the menus and the palette list them.
            pub const ALL: &[Command] = &[$(Command::$name,)*];
        }
    };
}

commands! {
    Fetch,
    Cancel,
    OlderPage,
    NewerPage,
    CompareWithShown,
    Advance,
    Reset,
    NextComment,
    PreviousComment,
    NextThread,
    PreviousThread,
    SearchPage,
    CopyUid,
    ShowInspector,
    ShowOverview,
    Open,
    CompareWithFile,
    Export,
    ExportJsonLines,
    ExportCsv,
    Quit,
    Disconnect,
    SystemTheme,
    LightTheme,
    DarkTheme,
    ZoomIn,
    ZoomOut,
    ZoomReset,
    Palette,
}

/// The menu of the menu bar a command is listed in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Menu {
    File,
    Stream,
    Comment,
    Connection,
    View,
}

impl Menu {
    /// In menu bar order.
    pub const ALL: [Menu; 5] = [
        Menu::File,
        Menu::Stream,
        Menu::Comment,
        Menu::Connection,
        Menu::View,
    ];

    pub fn title(self) -> &'static str {
        match self {
            Menu::File => "File",
            Menu::Stream => "Stream",
            Menu::Comment => "Comment",
            Menu::Connection => "Connection",
            Menu::View => "View",
        }
    }
}

/// What a command is called, what it does in a sentence, its keys (the first is the one shown
/// in menus) and its menu.
#[derive(Clone, Copy, Debug)]
pub struct Entry {
    pub text: &'static str,
    pub tooltip: &'static str,
    pub shortcuts: &'static [KeyboardShortcut],
    pub menu: Menu,
}

const fn key(key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(Modifiers::NONE, key)
}

const fn shift(key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(Modifiers::SHIFT, key)
}

const fn alt(key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(Modifiers::ALT, key)
}

/// Ctrl, or Cmd on a Mac.
const fn ctrl(key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(Modifiers::COMMAND, key)
}

const fn ctrl_shift(key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(Modifiers::COMMAND.plus(Modifiers::SHIFT), key)
}

impl Command {
    pub fn entry(self) -> Entry {
        use Command::*;
        let (text, tooltip, shortcuts, menu): (_, _, &'static [KeyboardShortcut], _) = match self {
            Fetch => (
                "Fetch",
                "Read the stream's head. Never moves the stream.",
                const { &[key(Key::F5), ctrl(Key::R)] },
                Menu::Stream,
            ),
            Cancel => (
                "Cancel fetch",
                "Stop the fetch under way; the page on screen stays.",
                const { &[key(Key::Escape)] },
                Menu::Stream,
            ),
            OlderPage => (
                "Older page",
                "Show the page fetched before this one in this run.",
                const { &[alt(Key::ArrowLeft)] },
                Menu::Stream,
            ),
            NewerPage => (
                "Newer page",
                "Show the page fetched after this one in this run.",
                const { &[alt(Key::ArrowRight)] },
                Menu::Stream,
            ),
            CompareWithShown => (
                "Compare with the shown page…",
                "List this run's pages, to compare one with the page on screen (or show it).",
                const { &[ctrl_shift(Key::D)] },
                Menu::Stream,
            ),
            Advance => (
                "Advance…",
                "Acknowledge this page: moves the stream for every consumer, after a confirmation.",
                &[],
                Menu::Stream,
            ),
            Reset => (
                "Reset…",
                "Move the stream to the date typed in Reset to: for every consumer, after a \
                 confirmation.",
                &[],
                Menu::Stream,
            ),
            NextComment => (
                "Next comment",
                "Select the next comment in the list.",
                const { &[key(Key::J), key(Key::ArrowDown)] },
                Menu::Comment,
            ),
            PreviousComment => (
                "Previous comment",
                "Select the previous comment in the list.",
                const { &[key(Key::K), key(Key::ArrowUp)] },
                Menu::Comment,
            ),
            NextThread => (
                "Next thread",
                "Select the first comment of the next thread.",
                const { &[shift(Key::J)] },
                Menu::Comment,
            ),
            PreviousThread => (
                "Previous thread",
                "Back to the start of this thread, or of the one before.",
                const { &[shift(Key::K)] },
                Menu::Comment,
            ),
            SearchPage => (
                "Search this page",
                "Put the cursor in the filter's search box.",
                const { &[ctrl(Key::F)] },
                Menu::Comment,
            ),
            CopyUid => (
                "Copy comment uid",
                "Copy the selected comment's uid to the clipboard.",
                const { &[ctrl_shift(Key::C)] },
                Menu::Comment,
            ),
            ShowInspector => (
                "Inspector",
                "Show the page's comments one at a time: threads, messages, label bars.",
                const { &[ctrl_shift(Key::I)] },
                Menu::View,
            ),
            ShowOverview => (
                "Overview",
                "Show what the page, or every page of this run, says about each label, and what \
                 another threshold would change (a what-if: nothing is written).",
                const { &[ctrl_shift(Key::O)] },
                Menu::View,
            ),
            Open => (
                "Open…",
                "Open exported pages, or saved fetch or results responses: several files join \
                 the history in the order they were fetched.",
                const { &[ctrl(Key::O)] },
                Menu::File,
            ),
            CompareWithFile => (
                "Compare with…",
                "Compare the page on screen with a saved page, comment by comment: labels that \
                 entered or left, probability moves, general fields, comments only in one.",
                const { &[ctrl(Key::D)] },
                Menu::File,
            ),
            Export => (
                "Export JSON (lossless)…",
                "Save this page as JSON, exactly as the API sent it, with where it came from. \
                 JSON Lines and CSV are in the File menu.",
                const { &[ctrl(Key::S)] },
                Menu::File,
            ),
            ExportJsonLines => (
                "Export JSON Lines…",
                "Save this page with one line per comment.",
                &[],
                Menu::File,
            ),
            ExportCsv => (
                "Export CSV…",
                "Save this page as a table: a row per comment, its user properties and label \
                 scores as columns.",
                &[],
                Menu::File,
            ),
            Quit => (
                "Quit",
                "Close streamlens.",
                const { &[ctrl(Key::Q)] },
                Menu::File,
            ),
            Disconnect => (
                "Disconnect",
                "Leave this connection; the pages fetched stay in the history.",
                &[],
                Menu::Connection,
            ),
            SystemTheme => (
                "System theme",
                "Light or dark as the system is set.",
                &[],
                Menu::View,
            ),
            LightTheme => ("Light theme", "Dark text on light.", &[], Menu::View),
            DarkTheme => ("Dark theme", "Light text on dark.", &[], Menu::View),
            ZoomIn => (
                "Zoom in",
                "Make everything larger.",
                const { &[ctrl(Key::Plus), ctrl(Key::Equals)] },
                Menu::View,
            ),
            ZoomOut => (
                "Zoom out",
                "Make everything smaller.",
                const { &[ctrl(Key::Minus)] },
                Menu::View,
            ),
            ZoomReset => (
                "Reset zoom",
                "Back to the normal size.",
                const { &[ctrl(Key::Num0)] },
                Menu::View,
            ),
            Palette => (
                "Command palette…",
                "Find any command, stream or comment by typing a few of its letters.",
                const { &[ctrl(Key::K), ctrl_shift(Key::P)] },
                Menu::View,
            ),
        };
        Entry {
            text,
            tooltip,
            shortcuts,
            menu,
        }
    }

    pub fn text(self) -> &'static str {
        self.entry().text
    }

    pub fn shortcuts(self) -> &'static [KeyboardShortcut] {
        self.entry().shortcuts
    }

    /// The theme a theme command chooses.
    pub fn theme(self) -> Option<egui::ThemePreference> {
        match self {
            Command::SystemTheme => Some(egui::ThemePreference::System),
            Command::LightTheme => Some(egui::ThemePreference::Light),
            Command::DarkTheme => Some(egui::ThemePreference::Dark),
            _ => None,
        }
    }
}
