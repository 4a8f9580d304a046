//! Drawing one row of the thread list: two lines of text, painted rather than built from
//! widgets, with an accessible name that says what the row shows.

use egui::text::{LayoutJob, TextWrapping};
use egui::{Align2, Color32, FontId, Rect, Role, Sense, TextFormat, WidgetInfo, vec2};

use crate::api::{Page, StreamResult};
use crate::inspect::{PageIndex, ResultView, local_time};
use crate::text::{percent, plural};

/// One line of the thread list.
#[derive(Clone, Copy, Debug)]
pub(super) enum Row {
    /// A thread's summary; selecting it selects `first`, its first matching comment. A thread
    /// of one comment is only this row.
    Thread { thread: usize, first: usize },
    /// One comment of a thread that has several.
    Comment { result: usize },
}

/// The two lines of a row and its indent.
pub(super) fn texts(row: Row, page: &Page, index: &PageIndex) -> (String, String, f32) {
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
            details.extend(
                thread
                    .top_labels
                    .iter()
                    .map(|label| format!("{} {}", label.path, percent(label.probability))),
            );
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
    let subject = result.comment.subject().unwrap_or("(no subject)");
    let from = messages
        .iter()
        .find_map(|m| m.from.as_deref().map(str::to_owned));
    let time = messages
        .iter()
        .find_map(|m| m.sent_at.as_ref())
        .or(result.comment.timestamp.as_ref())
        .map(local_time);
    let best = view
        .label_list()
        .and_then(|list| list.leaves().next())
        .and_then(|row| Some(format!("{} {}", row.path, percent(row.probability?))));
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

fn join(parts: Vec<String>) -> String {
    parts
        .into_iter()
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join(" · ")
}

/// One row: painted rather than built from widgets, so that it costs two cached galleys.
pub(super) fn draw_row(
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
