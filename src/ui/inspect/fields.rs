//! Field rows (general fields and a label's extracted fields): name, value, confidence, and
//! where each span points, or why it cannot be highlighted.

use egui::{Color32, Sense, vec2};

use crate::api::Comment;
use crate::inspect::{FieldRow, ResolvedSpan};
use crate::text::{cut, percent};

/// Light and dark variants of the highlight colours; a field's name picks one, so that the
/// list and the highlighted text agree without a table.
const PALETTE: [(Color32, Color32); 6] = [
    (
        Color32::from_rgb(255, 224, 130),
        Color32::from_rgb(120, 95, 20),
    ),
    (
        Color32::from_rgb(170, 220, 255),
        Color32::from_rgb(30, 80, 130),
    ),
    (
        Color32::from_rgb(190, 240, 180),
        Color32::from_rgb(40, 100, 40),
    ),
    (
        Color32::from_rgb(255, 190, 210),
        Color32::from_rgb(130, 40, 70),
    ),
    (
        Color32::from_rgb(220, 200, 255),
        Color32::from_rgb(80, 50, 130),
    ),
    (
        Color32::from_rgb(255, 210, 170),
        Color32::from_rgb(130, 70, 20),
    ),
];

/// Longer quotes of a span's text are cut: the text itself is shown above.
const QUOTE_LIMIT: usize = 120;

/// The highlight colour of the field called `name`.
pub(super) fn colour(ui: &egui::Ui, name: &str) -> Color32 {
    // FNV-1a: stable between runs, unlike the std hasher.
    let hash = name.bytes().fold(0xcbf29ce484222325u64, |h, b| {
        (h ^ b as u64).wrapping_mul(0x100000001b3)
    });
    let (light, dark) = PALETTE[(hash % PALETTE.len() as u64) as usize];
    if ui.visuals().dark_mode { dark } else { light }
}

pub(super) fn show(ui: &mut egui::Ui, fields: &[FieldRow], comment: &Comment) {
    for field in fields {
        ui.horizontal_wrapped(|ui| {
            if field.spans.iter().any(Result::is_ok) {
                let size = vec2(10.0, 10.0);
                let (rect, _) = ui.allocate_exact_size(size, Sense::hover());
                ui.painter().rect_filled(rect, 2.0, colour(ui, &field.name));
            }
            ui.strong(field.name.as_str());
            if let Some(kind) = field.kind.as_ref().filter(|kind| **kind != field.name) {
                ui.weak(format!("({kind})"));
            }
            match &field.value {
                Some(value) => ui.label(value.as_str()),
                None => ui.weak("not found"),
            };
            if let Some(confidence) = field.confidence {
                ui.weak(format!("confidence {}", percent(confidence)));
            }
        });
        for span in &field.spans {
            let text = match span {
                Ok(span) => format!("in {}", quote(comment, span)),
                Err(problem) => format!("not highlighted: {problem}"),
            };
            ui.horizontal(|ui| {
                ui.add_space(16.0);
                ui.weak(text);
            });
        }
    }
}

/// Where a span lies and what it covers, e.g. `message 1 subject: “XE-182943”`.
fn quote(comment: &Comment, span: &ResolvedSpan) -> String {
    let text = comment
        .messages
        .get(span.message_index)
        .and_then(|message| span.part.text_of(message))
        .and_then(|text| text.get(span.bytes.clone()))
        .unwrap_or_default();
    let (start, was_cut) = cut(text, QUOTE_LIMIT);
    let more = if was_cut { "…" } else { "" };
    format!(
        "message {} {}: “{start}{more}”",
        span.message_index + 1,
        span.part
    )
}
