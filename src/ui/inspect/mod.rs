//! The inspector: a filter bar, the page's threads and the detail of the selected comment,
//! drawn from a page and its [`PageIndex`]. Everything shown is computed by
//! [`crate::inspect`]; this module only caches what depends on the filter and draws.

mod bars;
mod detail;
mod fields;
mod filter_bar;
mod list;
mod message;
mod properties;
mod raw;
mod rows;

use std::collections::HashSet;

use egui::{Key, KeyboardShortcut, Modifiers};
use serde::{Deserialize, Serialize};

use crate::api::Page;
use crate::inspect::PageIndex;

pub use properties::PropertySort;

/// Something the app asks the inspector to do, from a shortcut or a menu.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum InspectCommand {
    NextComment,
    PreviousComment,
    NextThread,
    PreviousThread,
    FocusFilter,
    CopyUid,
}

/// Every shortcut of the inspector: each command's own, then the arrow keys. egui ignores an
/// extra Shift when matching, so the more specific shortcuts come first and [`take_commands`]
/// tries them in this order.
pub const SHORTCUTS: &[(KeyboardShortcut, InspectCommand)] = &[
    pair(InspectCommand::CopyUid),
    pair(InspectCommand::FocusFilter),
    pair(InspectCommand::NextThread),
    pair(InspectCommand::PreviousThread),
    pair(InspectCommand::NextComment),
    pair(InspectCommand::PreviousComment),
    (
        KeyboardShortcut::new(Modifiers::NONE, Key::ArrowDown),
        InspectCommand::NextComment,
    ),
    (
        KeyboardShortcut::new(Modifiers::NONE, Key::ArrowUp),
        InspectCommand::PreviousComment,
    ),
];

const fn pair(command: InspectCommand) -> (KeyboardShortcut, InspectCommand) {
    (command.shortcut(), command)
}

impl InspectCommand {
    /// In menu order.
    pub const ALL: [InspectCommand; 6] = [
        Self::NextComment,
        Self::PreviousComment,
        Self::NextThread,
        Self::PreviousThread,
        Self::FocusFilter,
        Self::CopyUid,
    ];

    /// The text of its menu entry.
    pub fn label(self) -> &'static str {
        match self {
            Self::NextComment => "Next comment",
            Self::PreviousComment => "Previous comment",
            Self::NextThread => "Next thread",
            Self::PreviousThread => "Previous thread",
            Self::FocusFilter => "Search this page",
            Self::CopyUid => "Copy comment uid",
        }
    }

    /// The shortcut shown beside its menu entry.
    pub const fn shortcut(self) -> KeyboardShortcut {
        let (modifiers, key) = match self {
            Self::NextComment => (Modifiers::NONE, Key::J),
            Self::PreviousComment => (Modifiers::NONE, Key::K),
            Self::NextThread => (Modifiers::SHIFT, Key::J),
            Self::PreviousThread => (Modifiers::SHIFT, Key::K),
            Self::FocusFilter => (Modifiers::COMMAND, Key::F),
            Self::CopyUid => (Modifiers::COMMAND.plus(Modifiers::SHIFT), Key::C),
        };
        KeyboardShortcut::new(modifiers, key)
    }
}

/// Consumes this frame's inspector shortcuts. Plain keys (J, K, arrows) are left alone while a
/// text field has the keyboard, so that typing a `j` in a search box types it.
pub fn take_commands(ctx: &egui::Context) -> Vec<InspectCommand> {
    let typing = ctx.egui_wants_keyboard_input();
    ctx.input_mut(|input| {
        SHORTCUTS
            .iter()
            .filter(|(shortcut, _)| !typing || shortcut.modifiers.command)
            .filter(|(shortcut, _)| input.consume_shortcut(shortcut))
            .map(|(_, command)| *command)
            .collect()
    })
}

/// The inspector's view state. Only the analyst's display choices are saved between runs;
/// the split between the thread list and the detail is kept by egui's own memory.
#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Inspector {
    /// Labels as a flat list of the most specific ones instead of the taxonomy.
    pub leaf_only: bool,
    pub property_sort: PropertySort,
    /// The selected comment's JSON as the server sent it, instead of the formatted view.
    pub raw_view: bool,
    #[serde(skip)]
    selected: Option<usize>,
    #[serde(skip)]
    filter: filter_bar::FilterBar,
    #[serde(skip)]
    list: list::ListCache,
    /// Long bodies shown whole: (result, message).
    #[serde(skip)]
    expanded: HashSet<(usize, usize)>,
    /// Scroll the thread list to the selection (set when a command moved it).
    #[serde(skip)]
    reveal_selected: bool,
    /// Scroll the detail back to its top (set when the selection changed).
    #[serde(skip)]
    detail_to_top: bool,
    #[serde(skip)]
    raw: raw::RawCache,
}

impl Inspector {
    /// Draws the inspector into all of `ui`.
    pub fn show(&mut self, ui: &mut egui::Ui, page: &Page, index: &PageIndex) {
        if self.list.refresh(page, index, &self.filter.filter) {
            self.forget_page();
        }
        egui::Panel::top("inspect-filter").show(ui, |ui| {
            self.filter.show(ui, self.list.choices());
        });
        self.list.refresh(page, index, &self.filter.filter);
        egui::Panel::left("inspect-threads")
            .resizable(true)
            .default_size(340.0)
            .min_size(180.0)
            .show(ui, |ui| {
                let reveal = std::mem::take(&mut self.reveal_selected);
                if let Some(clicked) = self.list.show(ui, page, index, self.selected, reveal) {
                    self.select(Some(clicked));
                }
            });
        egui::CentralPanel::default().show(ui, |ui| self.show_detail(ui, page, index));
    }

    /// Carries out a command; call it inside a frame so that a copy reaches the clipboard.
    pub fn apply(
        &mut self,
        command: InspectCommand,
        page: &Page,
        index: &PageIndex,
        ctx: &egui::Context,
    ) {
        if self.list.refresh(page, index, &self.filter.filter) {
            self.forget_page();
        }
        match command {
            InspectCommand::NextComment => self.select_moved(self.list.step(self.selected, 1)),
            InspectCommand::PreviousComment => self.select_moved(self.list.step(self.selected, -1)),
            InspectCommand::NextThread => {
                self.select_moved(self.list.thread_step(self.selected, 1))
            }
            InspectCommand::PreviousThread => {
                self.select_moved(self.list.thread_step(self.selected, -1))
            }
            InspectCommand::FocusFilter => {
                ctx.memory_mut(|memory| memory.request_focus(filter_bar::text_id()))
            }
            InspectCommand::CopyUid => {
                if let Some(result) = self.selected.and_then(|i| page.results.get(i)) {
                    ctx.copy_text(result.comment.uid.to_string());
                }
            }
        }
    }

    /// Call when a new page replaces the shown one: the filter stays, the selection goes.
    pub fn reset_for_new_page(&mut self) {
        self.forget_page();
        self.list.invalidate();
    }

    /// The selected comment, as an index into `page.results`.
    pub fn selected(&self) -> Option<usize> {
        self.selected
    }

    fn forget_page(&mut self) {
        self.selected = None;
        self.expanded.clear();
        self.raw = raw::RawCache::default();
    }

    fn select(&mut self, result: Option<usize>) {
        if result.is_some() && result != self.selected {
            self.selected = result;
            self.detail_to_top = true;
        }
    }

    fn select_moved(&mut self, result: Option<usize>) {
        self.select(result);
        self.reveal_selected = true;
    }
}
