//! The thread list: the page's matching comments grouped by thread, and the order the
//! navigation commands walk. Rebuilt only when the page or the filter changes; each frame lays
//! out only the rows in view, so a page of 1024 comments draws as fast as one of 16.

use egui::text::{LayoutJob, TextWrapping};
use egui::{Align2, Color32, FontId, Rect, Role, ScrollArea, Sense, TextFormat, WidgetInfo, vec2};

use crate::api::{Page, StreamResult};
use crate::inspect::{PageFilter, PageIndex, ResultView, local_time};

use super::filter_bar::Choices;

/// Which page and index the cache was built for: their buffers' addresses and lengths.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct PageKey {
    raw: (usize, usize),
    results: (usize, usize),
    views: (usize, usize),
}

impl PageKey {
    fn of(page: &Page, index: &PageIndex) -> Self {
        Self {
            raw: (page.raw.as_ptr() as usize, page.raw.len()),
            results: (page.results.as_ptr() as usize, page.results.len()),
            views: (index.results.as_ptr() as usize, index.results.len()),
        }
    }

    fn same_page(&self, other: &Self) -> bool {
        self.raw == other.raw && self.results == other.results
    }
}

/// One line of the list.
#[derive(Clone, Copy, Debug)]
enum Row {
    /// A thread's summary; selecting it selects `first`, its first matching comment. A thread
    /// of one comment is only this row.
    Thread { thread: usize, first: usize },
    /// One comment of a thread that has several.
    Comment { result: usize },
}

#[derive(Debug, Default)]
pub(super) struct ListCache {
    key: Option<PageKey>,
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
    pub(super) fn refresh(&mut self, page: &Page, index: &PageIndex, filter: &PageFilter) -> bool {
        let key = PageKey::of(page, index);
        let new_page = self.key.is_none_or(|old| !old.same_page(&key));
        if self.key == Some(key) && self.filter == *filter {
            return false;
        }
        if self.key != Some(key) {
            self.choices = Choices::build(page, index);
        }
        self.key = Some(key);
        self.filter = filter.clone();
        self.rebuild(page, index);
        new_page
    }

    /// Forgets the page so the next refresh rebuilds everything.
    pub(super) fn invalidate(&mut self) {
        self.key = None;
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
            if row_top < top {
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

/// The two lines of a row and its indent.
fn texts(row: Row, page: &Page, index: &PageIndex) -> (String, String, f32) {
    match row {
        Row::Thread { thread, .. } => {
            let thread = &index.threads.threads()[thread];
            let subject = thread.subject.as_deref().unwrap_or("(no subject)");
            let mut details = vec![
                thread
                    .first_sender
                    .clone()
                    .unwrap_or_else(|| "unknown sender".into()),
                thread.started_text.clone(),
                plural(thread.message_count(), "message"),
            ];
            if thread.comment_count() > 1 {
                details.push(plural(thread.comment_count(), "comment"));
            }
            details.extend(thread.top_labels.iter().map(|label| {
                format!("{} {}", label.path, super::bars::percent(label.probability))
            }));
            (subject.to_owned(), join(details), 0.0)
        }
        Row::Comment { result } => {
            let (first, rest) = comment_texts(&page.results[result], &index.results[result]);
            (first, rest, 16.0)
        }
    }
}

fn comment_texts(result: &StreamResult, view: &ResultView) -> (String, String) {
    let messages = &result.comment.messages;
    let subject = messages
        .iter()
        .filter_map(|m| m.subject.as_ref())
        .map(|s| s.text.trim())
        .find(|s| !s.is_empty())
        .unwrap_or("(no subject)");
    let from = messages.iter().find_map(|m| m.from.clone());
    let time = messages
        .iter()
        .find_map(|m| m.sent_at.as_ref())
        .or(result.comment.timestamp.as_ref())
        .map(local_time);
    let best = view
        .label_list()
        .and_then(|list| list.leaves().next())
        .and_then(|row| {
            Some(format!(
                "{} {}",
                row.path,
                super::bars::percent(row.probability?)
            ))
        });
    let details = [
        Some(from.unwrap_or_else(|| "unknown sender".into())),
        time,
        Some(plural(messages.len(), "message")),
        best,
    ];
    (
        subject.to_owned(),
        join(details.into_iter().flatten().collect()),
    )
}

fn plural(count: usize, noun: &str) -> String {
    if count == 1 {
        format!("1 {noun}")
    } else {
        format!("{count} {noun}s")
    }
}

fn join(parts: Vec<String>) -> String {
    parts
        .into_iter()
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join(" · ")
}

/// One row: painted rather than built from widgets, so that it costs two cached galleys.
fn draw_row(
    ui: &mut egui::Ui,
    height: f32,
    indent: f32,
    line1: &str,
    line2: &str,
    selected: bool,
) -> egui::Response {
    let (rect, response) =
        ui.allocate_exact_size(vec2(ui.available_width(), height), Sense::click());
    if ui.is_rect_visible(rect) {
        let visuals = ui.style().interact_selectable(&response, selected);
        if selected || response.hovered() {
            ui.painter().rect_filled(rect, 3.0, visuals.weak_bg_fill);
        }
        let inner = Rect::from_min_max(
            rect.min + vec2(4.0 + indent, 3.0),
            rect.max - vec2(4.0, 3.0),
        );
        let font = egui::TextStyle::Body.resolve(ui.style());
        let strong = ui.visuals().strong_text_color();
        let weak = ui.visuals().weak_text_color();
        let top = line(ui, line1, font.clone(), strong, inner.width());
        let bottom = line(
            ui,
            line2,
            FontId::new(font.size * 0.9, font.family),
            weak,
            inner.width(),
        );
        let painter = ui.painter_at(rect);
        painter.galley(inner.min, top, strong);
        let at = Align2::LEFT_BOTTOM.anchor_size(inner.left_bottom(), bottom.size());
        painter.galley(at.min, bottom, weak);
    }
    let name = format!("{line1}, {line2}");
    response.widget_info(|| WidgetInfo::selected(Role::ListBoxOption, true, selected, &name));
    response
}

fn line(
    ui: &egui::Ui,
    text: &str,
    font: FontId,
    color: Color32,
    width: f32,
) -> std::sync::Arc<egui::Galley> {
    let mut job =
        LayoutJob::single_section(text.replace('\n', " "), TextFormat::simple(font, color));
    job.wrap = TextWrapping::truncate_at_width(width.max(10.0));
    ui.painter().layout_job(job)
}
