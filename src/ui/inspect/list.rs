//! The thread list: the page's matching comments grouped by thread, and the order the
//! navigation commands walk. Rebuilt only when the page or the filter changes; each frame lays
//! out only the rows in view, so a page of 1024 comments draws as fast as one of 16.

use egui::ScrollArea;

use crate::api::Page;
use crate::inspect::{PageFilter, PageGeneration, PageIndex};

use super::filter_bar::Choices;
use super::rows::{Row, draw_row, texts};
use crate::text::plural;

#[derive(Debug, Default)]
pub(super) struct ListCache {
    /// The page the cache was built for.
    page: Option<PageGeneration>,
    filter: PageFilter,
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
    ) -> bool {
        let new_page = self.page != Some(generation);
        if !new_page && self.filter == *filter {
            return false;
        }
        if new_page {
            self.choices = Choices::build(page, index);
        }
        self.page = Some(generation);
        self.filter = filter.clone();
        self.rebuild(page, index);
        new_page
    }

    pub(super) fn choices(&self) -> &Choices {
        &self.choices
    }

    fn rebuild(&mut self, page: &Page, index: &PageIndex) {
        let matching = index.filter(page, &self.filter);
        let mut matches = vec![false; page.results.len()];
        for &result in &matching {
            matches[result] = true;
        }
        self.total = page.results.len();
        self.rows.clear();
        self.order.clear();
        self.thread_starts.clear();
        self.place = vec![None; page.results.len()];
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

    /// Draws the count and the rows in view; returns the comment clicked.
    pub(super) fn show(
        &mut self,
        ui: &mut egui::Ui,
        page: &Page,
        index: &PageIndex,
        selected: Option<usize>,
        reveal: bool,
    ) -> Option<usize> {
        let count = if self.filter == PageFilter::default() {
            format!(
                "{} in {}",
                plural(self.total, "comment"),
                plural(index.threads.len(), "thread")
            )
        } else {
            format!("{} of {} comments match", self.order.len(), self.total)
        };
        ui.label(count);
        ui.separator();
        if self.rows.is_empty() {
            ui.weak(if self.total == 0 {
                "This page has no comments."
            } else {
                "No comment matches the filter."
            });
            return None;
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
        let mut clicked = None;
        let output = area.show_rows(ui, row_height, self.rows.len(), |ui, range| {
            for row in &self.rows[range] {
                let target = match *row {
                    Row::Thread { first, .. } => first,
                    Row::Comment { result } => result,
                };
                let is_selected =
                    selected_row.is_some_and(|(_, r)| std::ptr::eq(row, &self.rows[r]));
                let (line1, line2, indent) = texts(*row, page, index);
                if draw_row(ui, row_height, indent, &line1, &line2, is_selected).clicked() {
                    clicked = Some(target);
                }
            }
        });
        self.viewport = (output.state.clamped_offset().y, output.inner_rect.height());
        clicked
    }
}
