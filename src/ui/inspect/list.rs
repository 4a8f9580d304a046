//! The thread list: the page's matching comments grouped by thread, or the overview's list of
//! them ([`ListFocus`]), and the order the navigation commands walk. Rebuilt only when the
//! page, the filter or the focus changes; each frame lays out only the rows in view, so a page
//! of 1024 comments draws as fast as one of 16.

use egui::ScrollArea;

use crate::api::Page;
use crate::inspect::overview::LabelColours;
use crate::inspect::{PageFilter, PageGeneration, PageIndex};

use super::filter_bar::Choices;
use super::focus::ListFocus;
use super::rows::{Row, draw_row, texts};
use crate::text::plural;

/// What a click in the list asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum ListClick {
    Comment(usize),
    /// Leave the overview's list for the page's threads.
    AllComments,
}

#[derive(Debug, Default)]
pub(super) struct ListCache {
    /// The page the cache was built for.
    page: Option<PageGeneration>,
    filter: PageFilter,
    /// The revision of the focus the list was built for (see [`super::Inspector`]).
    focus: u64,
    /// The focus's comments on other pages than this one.
    elsewhere: usize,
    choices: Choices,
    total: usize,
    rows: Vec<Row>,
    /// Matching results in list order: what next/previous walk.
    order: Vec<usize>,
    /// Positions in `order` where a thread starts.
    thread_starts: Vec<usize>,
    /// For each result, its position in `order` and its row (`None`: filtered out).
    place: Vec<Option<(usize, usize)>>,
    /// The list's scroll offset and height last frame, to tell whether a row is in view.
    viewport: (f32, f32),
}

impl ListCache {
    /// Rebuilds what the page or the filter changed. True when the page itself changed.
    pub(super) fn refresh(
        &mut self,
        generation: PageGeneration,
        page: &Page,
        index: &PageIndex,
        filter: &PageFilter,
        focus: (u64, Option<&ListFocus>),
    ) -> bool {
        let new_page = self.page != Some(generation);
        if !new_page && self.filter == *filter && self.focus == focus.0 {
            return false;
        }
        if new_page {
            self.choices = Choices::build(page, index);
        }
        self.page = Some(generation);
        self.filter = filter.clone();
        self.focus = focus.0;
        match focus.1 {
            Some(focus) => self.rebuild_focused(generation, page, index, focus),
            None => self.rebuild(page, index),
        }
        new_page
    }

    pub(super) fn choices(&self) -> &Choices {
        &self.choices
    }

    /// Which results match the filter, and the list emptied for them.
    fn start(&mut self, page: &Page, index: &PageIndex) -> Vec<bool> {
        let matching = index.filter(page, &self.filter);
        let mut matches = vec![false; page.results.len()];
        for &result in &matching {
            matches[result] = true;
        }
        self.total = page.results.len();
        self.elsewhere = 0;
        self.rows.clear();
        self.order.clear();
        self.thread_starts.clear();
        self.place = vec![None; page.results.len()];
        matches
    }

    /// The focus's comments of this page that match the filter, each alone, in its order.
    fn rebuild_focused(
        &mut self,
        generation: PageGeneration,
        page: &Page,
        index: &PageIndex,
        focus: &ListFocus,
    ) {
        let matches = self.start(page, index);
        let mut on_page = 0;
        for result in focus.on_page(generation) {
            on_page += 1;
            let shown = matches.get(result).copied().unwrap_or(false);
            if !shown || self.place[result].is_some() {
                continue;
            }
            self.thread_starts.push(self.order.len());
            self.rows.push(Row::Alone { result });
            self.place[result] = Some((self.order.len(), self.rows.len() - 1));
            self.order.push(result);
        }
        self.elsewhere = focus.comments.len() - on_page;
    }

    fn rebuild(&mut self, page: &Page, index: &PageIndex) {
        let matches = self.start(page, index);
        for (thread_index, thread) in index.threads.threads().iter().enumerate() {
            let shown: Vec<usize> = thread
                .comments
                .iter()
                .copied()
                .filter(|&result| matches.get(result).copied().unwrap_or(false))
                .collect();
            let Some(&first) = shown.first() else {
                continue;
            };
            self.thread_starts.push(self.order.len());
            self.rows.push(Row::Thread {
                thread: thread_index,
                first,
            });
            let grouped = thread.comment_count() > 1;
            for result in shown {
                if grouped {
                    self.rows.push(Row::Comment { result });
                }
                self.place[result] = Some((self.order.len(), self.rows.len() - 1));
                self.order.push(result);
            }
        }
    }

    /// The comment `by` places after (or before) `from` in list order, staying at the ends.
    pub(super) fn step(&self, from: Option<usize>, by: isize) -> Option<usize> {
        let last = self.order.len().checked_sub(1)?;
        let at = match self.position(from) {
            Some(at) => at.saturating_add_signed(by).min(last),
            None if by < 0 => last,
            None => 0,
        };
        self.order.get(at).copied()
    }

    /// The first comment of the thread after (or before) the one holding `from`; staying put
    /// at the ends.
    pub(super) fn thread_step(&self, from: Option<usize>, by: isize) -> Option<usize> {
        let last = self.thread_starts.len().checked_sub(1)?;
        let thread = match self.position(from) {
            Some(at) => {
                let current = self.thread_starts.partition_point(|&start| start <= at) - 1;
                if by < 0 && at > self.thread_starts[current] {
                    // Back to the start of this thread first, as "previous paragraph" does.
                    return self.order.get(self.thread_starts[current]).copied();
                }
                let next = current.saturating_add_signed(by).min(last);
                if next == current {
                    // No thread that way: stay on the comment rather than jump to its thread's start.
                    return from;
                }
                next
            }
            None if by < 0 => last,
            None => 0,
        };
        self.order.get(self.thread_starts[thread]).copied()
    }

    fn position(&self, result: Option<usize>) -> Option<usize> {
        Some(self.place.get(result?).copied().flatten()?.0)
    }

    /// Draws the count and the rows in view; returns what was clicked.
    pub(super) fn show(
        &mut self,
        ui: &mut egui::Ui,
        (page, index): (&Page, &PageIndex),
        colours: &LabelColours,
        focus: Option<&ListFocus>,
        (selected, reveal): (Option<usize>, bool),
    ) -> Option<ListClick> {
        let mut clicked = None;
        if let Some(focus) = focus {
            ui.strong(&focus.title);
            let mut count = format!("{} on this page", plural(self.order.len(), "comment"));
            if self.elsewhere > 0 {
                count.push_str(&format!(", {} on other pages", self.elsewhere));
            }
            if self.filter != PageFilter::default() {
                count.push_str(" (matching the filter)");
            }
            ui.horizontal_wrapped(|ui| {
                ui.label(count);
                if ui.button("Show all comments").clicked() {
                    clicked = Some(ListClick::AllComments);
                }
            });
        } else if self.filter == PageFilter::default() {
            ui.label(format!(
                "{} in {}",
                plural(self.total, "comment"),
                plural(index.threads.len(), "thread")
            ));
        } else {
            ui.label(format!(
                "{} of {} comments match",
                self.order.len(),
                self.total
            ));
            if let Some(label) = &self.filter.label {
                ui.weak(format!("Filtered to {label}"));
            }
        }
        ui.separator();
        if self.rows.is_empty() {
            ui.weak(match (self.total, focus) {
                (0, _) => "This page has no comments.",
                (_, Some(_)) => "None of these comments is on this page.",
                (_, None) => "No comment matches the filter.",
            });
            return clicked;
        }

        let font = egui::TextStyle::Body.resolve(ui.style());
        let row_height = 2.0 * ui.fonts_mut(|f| f.row_height(&font)) + 6.0;
        let mut area = ScrollArea::vertical()
            .id_salt("inspect-thread-list")
            .auto_shrink(false);
        let selected_row = selected.and_then(|r| self.place.get(r).copied().flatten());
        if let (true, Some((_, row))) = (reveal, selected_row) {
            let step = row_height + ui.spacing().item_spacing.y;
            let (top, height) = self.viewport;
            let row_top = row as f32 * step;
            // Before the list was first drawn its height is unknown (0): put the row on top.
            if row_top < top || height <= 0.0 {
                area = area.vertical_scroll_offset(row_top);
            } else if row_top + step > top + height {
                area = area.vertical_scroll_offset(row_top + step - height);
            }
        }
        let focus_label = focus.map(|focus| &focus.label);
        let output = area.show_rows(ui, row_height, self.rows.len(), |ui, range| {
            for row in &self.rows[range] {
                let target = match *row {
                    Row::Thread { first, .. } => first,
                    Row::Comment { result } | Row::Alone { result } => result,
                };
                let is_selected =
                    selected_row.is_some_and(|(_, r)| std::ptr::eq(row, &self.rows[r]));
                let text = texts(*row, page, index, colours, focus_label);
                if draw_row(ui, row_height, &text, is_selected).clicked() {
                    clicked = Some(ListClick::Comment(target));
                }
            }
        });
        self.viewport = (output.state.clamped_offset().y, output.inner_rect.height());
        clicked
    }
}
