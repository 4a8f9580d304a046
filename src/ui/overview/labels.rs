//! The overview's table of labels, in taxonomy order: comments above and below the stream's
//! threshold, the mean probability and the threshold, sortable by each number. A click on a
//! label chooses it for the panels beside and narrows the comment list to it.

use egui::{Grid, RichText, ScrollArea};

use crate::inspect::overview::{LabelSort, LabelSummary, Overview, Threshold};
use crate::state::AppState;
use crate::text::percent;
use crate::ui::inspect::Inspector;
use crate::ui::label_colours;

use super::{Ask, OverviewView};

/// Indent per level of the taxonomy.
const INDENT: f32 = 10.0;

pub(super) fn show(
    ui: &mut egui::Ui,
    view: &mut OverviewView,
    overview: &Overview,
    state: &AppState,
    inspector: &Inspector,
    asked: &mut Vec<Ask>,
) {
    ui.strong("Labels");
    if let Some(label) = inspector.filtered_label() {
        ui.horizontal_wrapped(|ui| {
            ui.weak(format!("The list shows the comments with {label}."));
            if ui.small_button("List every comment").clicked() {
                asked.push(Ask::FilterLabel(None));
            }
        });
    }
    let rows = overview.rows(view.sort, view.descending);
    if rows.is_empty() {
        ui.weak("No labels to count.");
        return;
    }
    ScrollArea::both()
        .id_salt("overview-labels")
        .auto_shrink(false)
        .show(ui, |ui| {
            Grid::new("overview-label-table")
                .striped(true)
                .num_columns(5)
                .show(ui, |ui| {
                    header(ui, view);
                    for row in rows {
                        label_row(ui, view, row, state, asked);
                    }
                });
        });
}

/// The column heads; each but the threshold sorts by its column (again: the other way).
fn header(ui: &mut egui::Ui, view: &mut OverviewView) {
    for (sort, title, hint) in [
        (LabelSort::Name, "Label", "Sort by name, in taxonomy order"),
        (
            LabelSort::Above,
            "Above",
            "Comments at or above the stream's threshold: those the stream lets through",
        ),
        (
            LabelSort::Below,
            "Below",
            "Comments with the label below the stream's threshold",
        ),
        (LabelSort::Mean, "Mean", "The mean probability"),
    ] {
        let arrow = match (view.sort == sort, view.descending) {
            (false, _) => "",
            (true, true) => " ⏷",
            (true, false) => " ⏶",
        };
        let text = format!("{title}{arrow}");
        let head = ui.add(egui::Button::new(RichText::new(text).strong()).frame(false));
        if head.on_hover_text(hint).clicked() {
            if view.sort == sort {
                view.descending = !view.descending;
            } else {
                view.sort = sort;
                view.descending = sort != LabelSort::Name;
            }
        }
    }
    ui.strong("Threshold");
    ui.end_row();
}

fn label_row(
    ui: &mut egui::Ui,
    view: &mut OverviewView,
    row: &LabelSummary,
    state: &AppState,
    asked: &mut Vec<Ask>,
) {
    ui.horizontal(|ui| {
        ui.add_space(row.depth as f32 * INDENT);
        let colour = label_colours::of(ui, &state.pages.colours, &row.path);
        label_colours::swatch(ui, colour);
        let chosen = view.chosen.as_ref() == Some(&row.path);
        let mut name = RichText::new(row.path.leaf());
        if !row.predicted {
            name = name.weak();
        }
        let mut hover = row.path.to_string();
        for note in &row.notes {
            hover.push('\n');
            hover.push_str(&note.to_string());
        }
        let response = ui.add(egui::Button::selectable(chosen, name));
        // Screen readers and tests find the row by the label's full name.
        let path = row.path.to_string();
        response.widget_info(|| {
            egui::WidgetInfo::selected(egui::accesskit::Role::Button, true, chosen, &path)
        });
        if response.on_hover_text(hover).clicked() && row.predicted {
            view.choose(row.path.clone());
            asked.push(Ask::FilterLabel(Some(row.path.clone())));
        }
        if !row.notes.is_empty() {
            ui.weak("⚠").on_hover_text(
                row.notes
                    .iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join("\n"),
            );
        }
    });
    if row.predicted {
        ui.label(row.above.to_string());
        ui.label(row.below.to_string());
        ui.label(row.mean.map_or("–".to_owned(), percent));
    } else {
        for _ in 0..3 {
            ui.weak("–");
        }
    }
    ui.label(threshold_text(&row.threshold));
    ui.end_row();
}

/// The stream's threshold in a word or a number.
pub(super) fn threshold_text(threshold: &Threshold) -> String {
    match threshold {
        Threshold::At(t) => percent(*t),
        Threshold::Off => "100%, off".to_owned(),
        Threshold::Missing => "none".to_owned(),
        Threshold::Invalid(t) => format!("{t} (not 0–1)"),
        Threshold::Differs(_) => "differs by page".to_owned(),
    }
}
