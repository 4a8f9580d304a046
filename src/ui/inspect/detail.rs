//! The detail of the selected comment: its messages, attachments, labels, scores, general
//! fields and user properties, or its raw JSON.

use egui::{CollapsingHeader, ScrollArea};

use crate::api::{Attachment, Page, StreamResult};
use crate::inspect::overview::LabelColours;
use crate::inspect::{PageIndex, ResultView, local_time};
use crate::text::plural;

use super::{Inspector, bars, fields, message, properties, scores};

/// The registry's words ([`crate::ui::commands`]) the inspector shows. The registry runs the
/// inspector's commands, so the inspector does not read it: whoever draws the inspector passes
/// them in (`commands::inspector_hints`).
#[derive(Clone, Debug)]
pub struct CommandHints {
    /// The keys that step through the list, e.g. `J and K`.
    pub step_keys: String,
    /// The Copy uid button's tooltip: what Copy comment uid does, with its shortcut.
    pub copy_uid: String,
}

/// What the detail draws in its Labels section.
pub enum LabelsShown<'a> {
    /// The comment's own label bars.
    Own,
    /// Whatever the caller draws there, given the leaf-only choice (a comparison draws both
    /// sides' bars next to each other).
    Drawn(&'a mut dyn FnMut(&mut egui::Ui, &mut bool)),
}

impl Inspector {
    pub(super) fn show_detail(
        &mut self,
        ui: &mut egui::Ui,
        page: &Page,
        index: &PageIndex,
        colours: &LabelColours,
        hints: &CommandHints,
    ) {
        match self.selected {
            Some(selected) => {
                let look = (colours, LabelsShown::Own);
                self.show_comment(ui, page, index, selected, look, hints)
            }
            None => {
                let keys = &hints.step_keys;
                ui.weak(format!(
                    "Select a comment on the left ({keys} step through them)."
                ));
            }
        }
    }

    /// Draws result `result` of `page` as the detail does: its uid, then its messages,
    /// attachments, labels (each in its colour of `colours`), scores, general fields and user
    /// properties, or its raw JSON. Labels drawn by the caller come before the messages;
    /// `hints` are the registry's words for Copy uid.
    /// Another result than the selected one becomes the selection, opening at its top (see
    /// [`Inspector::forget_selection`] for another page's).
    pub fn show_comment(
        &mut self,
        ui: &mut egui::Ui,
        page: &Page,
        index: &PageIndex,
        result: usize,
        (colours, labels): (&LabelColours, LabelsShown),
        hints: &CommandHints,
    ) {
        let Some((result_json, view)) = page.results.get(result).zip(index.results.get(result))
        else {
            return;
        };
        self.select(Some(result));
        ui.horizontal_wrapped(|ui| {
            ui.strong(result_json.comment.uid.as_str());
            if ui
                .button("Copy uid")
                .on_hover_text(&hints.copy_uid)
                .clicked()
            {
                ui.ctx().copy_text(result_json.comment.uid.to_string());
            }
            ui.checkbox(&mut self.raw_view, "Raw JSON")
                .on_hover_text("The comment's JSON exactly as the server sent it");
        });
        ui.separator();
        let mut area = ScrollArea::vertical()
            .id_salt("inspect-detail")
            .auto_shrink(false);
        if std::mem::take(&mut self.detail_to_top) {
            area = area.vertical_scroll_offset(0.0);
        }
        area.show(ui, |ui| {
            if self.raw_view {
                self.raw.show(ui, result, page.raw_result(result_json));
            } else {
                self.formatted(ui, (page, result, result_json, view), colours, labels);
            }
        });
    }

    fn formatted(
        &mut self,
        ui: &mut egui::Ui,
        (page, selected, result, view): (&Page, usize, &StreamResult, &ResultView),
        colours: &LabelColours,
        labels: LabelsShown,
    ) {
        let comment = &result.comment;
        for problem in page
            .problems
            .iter()
            .filter(|p| p.uid.as_deref() == Some(comment.uid.as_str()))
        {
            ui.colored_label(ui.visuals().warn_fg_color, problem.to_string());
        }
        ui.horizontal_wrapped(|ui| {
            if let Some(thread) = &comment.thread_id {
                ui.weak(format!("thread {thread}"));
            }
            if let Some(created) = &comment.created_at {
                ui.weak(format!("received {}", local_time(created)));
            }
        });
        // Drawn labels (a comparison's) are what the reader came for: they go first.
        let own_labels = matches!(labels, LabelsShown::Own);
        if let LabelsShown::Drawn(draw) = labels {
            section(ui, "Labels", |ui| draw(ui, &mut self.leaf_only));
        }
        let count = comment.messages.len();
        for (number, message) in comment.messages.iter().enumerate() {
            let title = format!("Message {} of {count}", number + 1);
            CollapsingHeader::new(title)
                .id_salt(("inspect-message", number))
                .default_open(true)
                .show(ui, |ui| {
                    let at = message::At {
                        result: selected,
                        message: number,
                    };
                    message::show(ui, message, view, at, &mut self.expanded);
                });
        }
        if !comment.attachments.is_empty() {
            section(ui, "Attachments", |ui| {
                for attachment in &comment.attachments {
                    ui.label(describe(attachment));
                }
            });
        }
        if own_labels {
            section(ui, "Labels", |ui| {
                bars::show(ui, view, comment, colours, &mut self.leaf_only)
            });
        }
        if !view.scores.is_empty() {
            section(ui, "Scores", |ui| scores::show(ui, &view.scores));
        }
        if !view.general_fields.is_empty() {
            section(ui, "General fields", |ui| {
                fields::show(ui, &view.general_fields, comment)
            });
        }
        if !comment.user_properties.is_empty() {
            section(ui, "User properties", |ui| {
                properties::show(ui, &comment.user_properties, &mut self.property_sort)
            });
        }
    }
}

fn section(ui: &mut egui::Ui, title: &str, contents: impl FnOnce(&mut egui::Ui)) {
    CollapsingHeader::new(title)
        .default_open(true)
        .show(ui, contents);
}

/// An attachment's name, type and size; its content is never fetched here.
fn describe(attachment: &Attachment) -> String {
    let name = attachment.name.as_deref().unwrap_or("(unnamed attachment)");
    let mut parts = vec![name.to_owned()];
    parts.extend(attachment.content_type.as_deref().map(str::to_owned));
    if let Some(size) = attachment.size {
        parts.push(size_text(size));
    }
    if attachment.inline == Some(true) {
        parts.push("inline".to_owned());
    }
    parts.join(" · ")
}

fn size_text(bytes: u64) -> String {
    const KIB: f64 = 1024.0;
    let value = bytes as f64;
    if value < KIB {
        plural(bytes as usize, "byte")
    } else if value < KIB * KIB {
        format!("{:.0} KB", value / KIB)
    } else {
        format!("{:.1} MB", value / KIB / KIB)
    }
}
