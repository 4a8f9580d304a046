//! One message of the selected comment: its headers, and its subject, body and signature with
//! the fields' spans highlighted. Markup is not rendered, so nothing loads and no link opens.

use std::collections::HashSet;

use egui::text::LayoutJob;
use egui::{Grid, Label, TextFormat};

use crate::api::Message;
use crate::inspect::{ContentPart, ResultView, local_time};
use crate::text::{cut, plural};

use super::fields;

/// Bodies longer than this (in bytes) show their start and a "Show all" button.
pub(super) const LONG_TEXT: usize = 4000;

/// Where a message sits: which result and which of its messages.
#[derive(Clone, Copy)]
pub(super) struct At {
    pub(super) result: usize,
    pub(super) message: usize,
}

pub(super) fn show(
    ui: &mut egui::Ui,
    message: &Message,
    view: &ResultView,
    at: At,
    expanded: &mut HashSet<(usize, usize)>,
) {
    Grid::new(("inspect-message-headers", at.message))
        .num_columns(2)
        .show(ui, |ui| {
            let row = |ui: &mut egui::Ui, name: &str, value: &str| {
                ui.weak(name);
                ui.label(value);
                ui.end_row();
            };
            if let Some(from) = &message.from {
                row(ui, "From", from);
            }
            for (name, list) in [
                ("To", &message.to),
                ("Cc", &message.cc),
                ("Bcc", &message.bcc),
            ] {
                if !list.is_empty() {
                    row(ui, name, &list.join(", "));
                }
            }
            if let Some(sent) = &message.sent_at {
                row(ui, "Sent", &local_time(sent));
            }
            if let Some(language) = &message.language {
                row(ui, "Language", language);
            }
            if let Some(subject) = &message.subject {
                ui.weak("Subject");
                text(
                    ui,
                    view,
                    at.message,
                    ContentPart::Subject,
                    &subject.text,
                    None,
                );
                ui.end_row();
                if let Some(original) = &subject.translated_from {
                    row(ui, "Original subject", original);
                }
            }
        });

    ui.add_space(4.0);
    ui.weak(if message.body.translated_from.is_some() {
        "Body (translated)"
    } else {
        "Body"
    });
    let key = (at.result, at.message);
    let limit = (!expanded.contains(&key)).then_some(LONG_TEXT);
    let body = &message.body.text;
    if body.is_empty() {
        ui.weak("(empty)");
    } else if text(ui, view, at.message, ContentPart::Body, body, limit)
        && ui
            .button("Show all")
            .on_hover_text(plural(body.chars().count(), "character"))
            .clicked()
    {
        expanded.insert(key);
    }
    if let Some(original) = &message.body.translated_from {
        ui.weak("Original body");
        let (start, was_cut) = cut(original, limit.unwrap_or(usize::MAX));
        ui.label(if was_cut {
            format!("{start}…")
        } else {
            start.to_owned()
        });
    }
    if let Some(signature) = &message.signature {
        ui.weak("Signature");
        text(
            ui,
            view,
            at.message,
            ContentPart::Signature,
            &signature.text,
            limit,
        );
    }
}

/// Draws `full` (cut to `limit`) with its highlighted pieces; true when it was cut.
fn text(
    ui: &mut egui::Ui,
    view: &ResultView,
    message: usize,
    part: ContentPart,
    full: &str,
    limit: Option<usize>,
) -> bool {
    let (shown, was_cut) = cut(full, limit.unwrap_or(usize::MAX));
    let Some(highlights) = view.highlights(message, part) else {
        let shown = if was_cut {
            format!("{shown}…")
        } else {
            shown.to_owned()
        };
        ui.add(Label::new(shown).wrap());
        return was_cut;
    };
    let font = egui::TextStyle::Body.resolve(ui.style());
    let colour = ui.visuals().text_color();
    let mut job = LayoutJob::default();
    for (range, field) in &highlights.segments {
        let end = range.end.min(shown.len());
        if range.start >= end {
            break;
        }
        let mut format = TextFormat::simple(font.clone(), colour);
        if let Some(field) = field.and_then(|field| view.field(field)) {
            format.background = fields::colour(ui, &field.name);
        }
        job.append(&shown[range.start..end], 0.0, format);
    }
    if was_cut {
        job.append("…", 0.0, TextFormat::simple(font, colour));
    }
    job.wrap.max_width = ui.available_width();
    ui.add(Label::new(job).wrap());
    was_cut
}
