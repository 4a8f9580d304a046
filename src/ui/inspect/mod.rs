//! The inspector: a filter bar, the page's threads and the detail of the selected comment,
//! drawn from a page and its [`PageIndex`]. Everything shown is computed by
//! [`crate::inspect`]; this module only caches what depends on the filter and draws.

mod bars;
mod detail;
mod fields;
mod filter_bar;
mod focus;
mod list;
mod message;
mod properties;
mod raw;
mod rows;
mod scores;

use std::collections::HashSet;

use serde::{Deserialize, Serialize};

use crate::api::{LabelPath, Page};
use crate::inspect::overview::LabelColours;
use crate::inspect::{LabelMode, PageGeneration, PageIndex};
use list::ListClick;

pub use bars::{leaf_toggle, list as label_bars};
pub use detail::{CommandHints, LabelsShown};
pub use focus::{FocusKind, ListFocus};
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
    /// The overview's list shown instead of the threads, and its revision (a new one each time
    /// it is set, so the list knows to rebuild without comparing every comment).
    #[serde(skip)]
    focus: Option<ListFocus>,
    #[serde(skip)]
    focus_revision: u64,
    /// A new list was asked for: its first comment is selected once it is built.
    #[serde(skip)]
    select_first: bool,
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
    /// drawn again: a new one opens on its first comment, and keeps the filter. `colours` are
    /// the run's label colours, `hints` the registry's words for the commands it names.
    pub fn show(
        &mut self,
        ui: &mut egui::Ui,
        generation: PageGeneration,
        page: &Page,
        index: &PageIndex,
        colours: &LabelColours,
        hints: &CommandHints,
    ) {
        self.refresh(generation, page, index);
        egui::Panel::top("inspect-filter").show(ui, |ui| {
            self.filter.show(ui, self.list.choices());
        });
        egui::Panel::left("inspect-threads")
            .resizable(true)
            .default_size(340.0)
            .min_size(180.0)
            .show(ui, |ui| {
                self.show_list(ui, generation, page, index, colours);
            });
        egui::CentralPanel::default()
            .show(ui, |ui| self.show_detail(ui, page, index, colours, hints));
    }

    /// Draws the comment list alone into `ui` (beside another view); returns the comment
    /// clicked, which is selected too.
    pub fn show_list(
        &mut self,
        ui: &mut egui::Ui,
        generation: PageGeneration,
        page: &Page,
        index: &PageIndex,
        colours: &LabelColours,
    ) -> Option<usize> {
        self.refresh(generation, page, index);
        let reveal = std::mem::take(&mut self.reveal_selected);
        let focus = self.focus.as_ref();
        match (self.list).show(ui, (page, index), colours, focus, (self.selected, reveal))? {
            ListClick::Comment(result) => {
                self.select(Some(result));
                Some(result)
            }
            ListClick::AllComments => {
                self.set_focus(None);
                None
            }
        }
    }

    /// Narrows the list to the comments with `label` (or a label under it), whatever their
    /// probability, as the filter bar's label does; `None` lifts that part of the filter.
    pub fn filter_label(&mut self, label: Option<LabelPath>) {
        self.filter.filter.label = label;
        self.filter.filter.label_mode = LabelMode::Any;
    }

    /// The label the list is narrowed to, if any.
    pub fn filtered_label(&self) -> Option<&LabelPath> {
        self.filter.filter.label.as_ref()
    }

    /// Shows the overview's list instead of the page's threads, or the threads again. A list
    /// of another kind or label opens on its first comment; the same list at another
    /// threshold keeps the selection.
    pub fn set_focus(&mut self, focus: Option<ListFocus>) {
        let what = |focus: &ListFocus| (focus.kind, focus.label.clone());
        self.select_first = focus
            .as_ref()
            .is_some_and(|new| self.focus.as_ref().map(what) != Some(what(new)));
        self.focus = focus;
        self.focus_revision += 1;
    }

    /// The overview's list shown, if any.
    pub fn focus(&self) -> Option<&ListFocus> {
        self.focus.as_ref()
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

    /// Rebuilds what the page, the filter or the focus changed. A new page shows its first
    /// comment at once; nothing takes the keyboard, so J and K keep stepping through the list.
    fn refresh(&mut self, generation: PageGeneration, page: &Page, index: &PageIndex) {
        let focus = (self.focus_revision, self.focus.as_ref());
        if (self.list).refresh(generation, page, index, &self.filter.filter, focus) {
            self.forget_selection();
            self.select_moved(self.list.step(None, 1));
        } else if std::mem::take(&mut self.select_first) {
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
