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

use serde::{Deserialize, Serialize};

use crate::api::Page;
use crate::inspect::{PageGeneration, PageIndex};

pub use bars::{leaf_toggle, list as label_bars};
pub use detail::LabelsShown;
pub use properties::PropertySort;

/// Something the app asks the inspector to do: what the commands of the registry
/// ([`crate::ui::commands`]) and the palette's comment rows come to here.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum InspectCommand {
    NextComment,
    PreviousComment,
    NextThread,
    PreviousThread,
    FocusFilter,
    CopyUid,
    /// Select this comment (an index into the page's results) and bring its row into view.
    Select(usize),
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
    /// Draws the inspector into all of `ui`. `generation` tells a new page from the same page
    /// drawn again: a new one opens on its first comment, and keeps the filter.
    pub fn show(
        &mut self,
        ui: &mut egui::Ui,
        generation: PageGeneration,
        page: &Page,
        index: &PageIndex,
    ) {
        self.refresh(generation, page, index);
        egui::Panel::top("inspect-filter").show(ui, |ui| {
            self.filter.show(ui, self.list.choices());
        });
        self.list
            .refresh(generation, page, index, &self.filter.filter);
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
        generation: PageGeneration,
        page: &Page,
        index: &PageIndex,
        ctx: &egui::Context,
    ) {
        self.refresh(generation, page, index);
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
            InspectCommand::Select(result) if result < page.results.len() => {
                self.select_moved(Some(result))
            }
            InspectCommand::Select(_) => {}
        }
    }

    /// The selected comment, as an index into `page.results`.
    pub fn selected(&self) -> Option<usize> {
        self.selected
    }

    /// Rebuilds what the page or the filter changed. A new page shows its first comment at
    /// once; nothing takes the keyboard, so J and K keep stepping through the list.
    fn refresh(&mut self, generation: PageGeneration, page: &Page, index: &PageIndex) {
        if (self.list).refresh(generation, page, index, &self.filter.filter) {
            self.forget_selection();
            self.select_moved(self.list.step(None, 1));
        }
    }

    /// Forgets the selection and what was kept for it (long bodies shown whole, the raw JSON
    /// laid out): before showing a comment of another page with [`Inspector::show_comment`].
    pub fn forget_selection(&mut self) {
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
