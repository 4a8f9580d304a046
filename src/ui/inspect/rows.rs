//! Drawing one row of the thread list: two lines of text and the comment's labels above their
//! thresholds as chips in each label's colour, painted rather than built from widgets, with an
//! accessible name that says what the row shows.

use egui::text::{LayoutJob, TextWrapping};
use egui::{Align2, Color32, FontId, Rect, Role, Sense, TextFormat, WidgetInfo, vec2};

use crate::api::{LabelPath, Page, StreamResult};
use crate::inspect::overview::LabelColours;
use crate::inspect::{LabelList, LabelState, PageIndex, ResultView, local_time};
use crate::text::{percent, plural};
use crate::ui::label_colours;

/// Chips drawn at most on a row; the rest are counted (`+2`).
const MOST_CHIPS: usize = 3;
/// Characters of a label's name on a chip.
const CHIP_CHARS: usize = 16;

/// One line of the thread list.
#[derive(Clone, Copy, Debug)]
pub(super) enum Row {
    /// A thread's summary; selecting it selects `first`, its first matching comment. A thread
    /// of one comment is only this row.
    Thread { thread: usize, first: usize },
    /// One comment of a thread that has several.
    Comment { result: usize },
    /// One comment listed on its own, outside its thread (the overview's lists).
    Alone { result: usize },
}

/// What a row shows.
pub(super) struct RowText {
    pub line1: String,
    pub line2: String,
    pub indent: f32,
    /// The comment's labels above their thresholds, the most specific of each branch: name and
    /// colour number.
    pub chips: Vec<(LabelPath, Option<usize>)>,
}

/// The texts of a row. `focus` is the label whose probability the row names (the overview's
/// lists), instead of the comment's best label.
pub(super) fn texts(
    row: Row,
    page: &Page,
    index: &PageIndex,
    colours: &LabelColours,
    focus: Option<&LabelPath>,
) -> RowText {
    let chips = |result: usize| {
        let list = index.results[result].label_list();
        list.map(|list| chips(list, colours)).unwrap_or_default()
    };
    match row {
        Row::Thread { thread, first } => {
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
            let alone = thread.comment_count() == 1;
            if !alone {
                details.push(plural(thread.comment_count(), "comment"));
            }
            details.extend(
                thread
                    .top_labels
                    .iter()
                    .map(|label| format!("{} {}", label.path, percent(label.probability))),
            );
            RowText {
                line1: subject.to_owned(),
                line2: join(details),
                indent: 0.0,
                // A thread of several comments has their chips on their own rows.
                chips: if alone { chips(first) } else { Vec::new() },
            }
        }
        Row::Comment { result } | Row::Alone { result } => {
            let view = &index.results[result];
            let (line1, line2) = comment_texts(&page.results[result], view, focus);
            RowText {
                line1,
                line2,
                indent: if matches!(row, Row::Comment { .. }) {
                    16.0
                } else {
                    0.0
                },
                chips: chips(result),
            }
        }
    }
}

/// The labels the stream lets through, leaving out a parent when a label under it is let
/// through too.
fn chips(list: &LabelList, colours: &LabelColours) -> Vec<(LabelPath, Option<usize>)> {
    let above: Vec<&LabelPath> = (list.rows().iter())
        .filter(|row| row.state == LabelState::Above)
        .map(|row| &row.path)
        .collect();
    (above.iter())
        .filter(|path| {
            !above
                .iter()
                .any(|other| other != *path && other.starts_with(path))
        })
        .map(|path| ((*path).clone(), colours.number(path)))
        .collect()
}

fn comment_texts(
    result: &StreamResult,
    view: &ResultView,
    focus: Option<&LabelPath>,
) -> (String, String) {
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
    let label = view.label_list().and_then(|list| match focus {
        Some(focus) => {
            let row = list.rows().iter().find(|row| &row.path == focus);
            let probability = row.and_then(|row| row.probability);
            Some(format!(
                "{focus} {}",
                probability.map_or("not predicted".to_owned(), percent)
            ))
        }
        None => {
            let best = list.leaves().next()?;
            Some(format!("{} {}", best.path, percent(best.probability?)))
        }
    });
    let details = [
        Some(from.unwrap_or_else(|| "unknown sender".into())),
        time,
        Some(plural(messages.len(), "message")),
        label,
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

/// One row: painted rather than built from widgets, so that it costs a few cached galleys.
pub(super) fn draw_row(
    ui: &mut egui::Ui,
    height: f32,
    text: &RowText,
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
            rect.min + vec2(4.0 + text.indent, 3.0),
            rect.max - vec2(4.0, 3.0),
        );
        let font = egui::TextStyle::Body.resolve(ui.style());
        let small = FontId::new(font.size * 0.85, font.family.clone());
        let painter = ui.painter_at(rect);
        let chips_width = paint_chips(ui, &painter, inner, &text.chips, small);
        let strong = ui.visuals().strong_text_color();
        let weak = ui.visuals().weak_text_color();
        let subject_width = inner.width() - chips_width;
        let top = line(ui, &text.line1, font.clone(), strong, subject_width);
        let bottom = line(
            ui,
            &text.line2,
            FontId::new(font.size * 0.9, font.family),
            weak,
            inner.width(),
        );
        painter.galley(inner.min, top, strong);
        let at = Align2::LEFT_BOTTOM.anchor_size(inner.left_bottom(), bottom.size());
        painter.galley(at.min, bottom, weak);
    }
    let mut name = format!("{}, {}", text.line1, text.line2);
    if !text.chips.is_empty() {
        let names: Vec<String> = text.chips.iter().map(|(p, _)| p.to_string()).collect();
        name.push_str(&format!(", above threshold: {}", names.join(", ")));
    }
    response.widget_info(|| WidgetInfo::selected(Role::ListBoxOption, true, selected, &name));
    response
}

/// Paints the chips right-aligned on the first line: as many of the first [`MOST_CHIPS`] as fit
/// in half the row, then `+N` counting every chip not painted. Returns the width they take.
fn paint_chips(
    ui: &egui::Ui,
    painter: &egui::Painter,
    inner: Rect,
    chips: &[(LabelPath, Option<usize>)],
    font: FontId,
) -> f32 {
    if chips.is_empty() {
        return 0.0;
    }
    let gap = 4.0;
    let galleys: Vec<_> = (chips.iter().take(MOST_CHIPS))
        .map(|(path, number)| {
            let fill = label_colours::colour(ui.visuals(), *number);
            let (name, cut) = crate::text::cut(path.leaf(), CHIP_CHARS);
            let name = if cut {
                format!("{name}…")
            } else {
                name.to_owned()
            };
            (
                label_colours::chip_galley(ui, &name, font.clone(), fill),
                fill,
            )
        })
        .collect();
    let weak = ui.visuals().weak_text_color();
    let more = |hidden: usize| painter.layout_no_wrap(format!("+{hidden}"), font.clone(), weak);
    let widths: Vec<f32> = (galleys.iter())
        .map(|(galley, _)| label_colours::chip_size(galley).x)
        .collect();
    // Leave the subject at least half the row.
    let room = inner.width() / 2.0;
    let shown = chips_that_fit(&widths, chips.len(), room, gap, |hidden| {
        more(hidden).size().x
    });
    let mut x = inner.right();
    let y = inner.top() + ui.text_style_height(&egui::TextStyle::Body) / 2.0;
    let hidden = chips.len() - shown;
    if hidden > 0 {
        let more = more(hidden);
        x -= more.size().x;
        let at = egui::pos2(x, y - more.size().y / 2.0);
        painter.galley(at, more, Color32::PLACEHOLDER);
        x -= gap;
    }
    for ((galley, fill), width) in galleys.into_iter().zip(widths).take(shown).rev() {
        x -= width;
        label_colours::paint_chip(painter, egui::pos2(x, y), galley, fill);
        x -= gap;
    }
    inner.right() - x
}

/// How many of the first chips, `widths` wide, fit in `room` with `gap` between them and, when
/// some of the `total` are left out, the `+N` that counts them (`more_width(N)` wide).
fn chips_that_fit(
    widths: &[f32],
    total: usize,
    room: f32,
    gap: f32,
    more_width: impl Fn(usize) -> f32,
) -> usize {
    let needed = |shown: usize| {
        let chips: f32 = widths[..shown].iter().map(|width| width + gap).sum();
        let more = match total - shown {
            0 => 0.0,
            hidden => more_width(hidden) + gap,
        };
        chips + more - gap
    };
    (0..=widths.len())
        .rev()
        .find(|&shown| needed(shown) <= room)
        .unwrap_or(0)
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

#[cfg(test)]
mod tests {
    use super::chips_that_fit;

    /// `+N` is 10 wide whatever N; chips are 30 wide with gaps of 4.
    fn fit(chips: usize, total: usize, room: f32) -> usize {
        chips_that_fit(&vec![30.0; chips], total, room, 4.0, |_| 10.0)
    }

    #[test]
    fn chips_that_do_not_fit_are_counted_with_the_rest() {
        // Three chips and nothing more: 30 + 4 + 30 + 4 + 30.
        assert_eq!(fit(3, 3, 98.0), 3);
        // One short: two chips and +1 (30 + 4 + 30 + 4 + 10).
        assert_eq!(fit(3, 3, 97.0), 2);
        // Three of five drawn at most: the other two always counted (30 · 3 + 4 · 3 + 10).
        assert_eq!(fit(3, 5, 112.0), 3);
        assert_eq!(fit(3, 5, 111.0), 2);
        // Room for +N alone, or not even that: no chip; +N says how many.
        assert_eq!(fit(3, 5, 10.0), 0);
        assert_eq!(fit(3, 5, 1.0), 0);
    }
}
