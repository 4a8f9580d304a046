//! The compared comments as a table, largest change first: only the rows in view are laid
//! out, so a comparison of 1024-comment pages draws as fast as one of 16.

use egui::{Label, Sense, TextStyle};
use egui_extras::{Column, TableBuilder};

use crate::compare::{Comparison, TABLE_COLUMNS};

/// Draws the first `rows` comments of `comparison`; returns the row clicked, an index into
/// its comments.
pub(super) fn show(
    ui: &mut egui::Ui,
    comparison: &Comparison,
    rows: usize,
    selected: Option<usize>,
) -> Option<usize> {
    if rows == 0 {
        ui.label("No comment differs.");
        return None;
    }
    let height = ui.text_style_height(&TextStyle::Body) + 6.0;
    let mut clicked = None;
    TableBuilder::new(ui)
        .id_salt("compare-table")
        .striped(true)
        .sense(Sense::click())
        .resizable(true)
        .auto_shrink(false)
        .column(Column::initial(200.0).at_least(80.0).clip(true))
        .column(Column::initial(76.0).at_least(60.0))
        .column(Column::initial(130.0).at_least(60.0).clip(true))
        .column(Column::initial(130.0).at_least(60.0).clip(true))
        .column(Column::initial(250.0).at_least(80.0).clip(true))
        .column(Column::remainder().at_least(80.0).clip(true))
        .header(height, |mut header| {
            for heading in TABLE_COLUMNS {
                header.col(|ui| {
                    ui.strong(heading);
                });
            }
        })
        .body(|body| {
            body.rows(height, rows, |mut row| {
                let at = row.index();
                let Some(diff) = comparison.comments.get(at) else {
                    return;
                };
                let is_selected = selected == Some(at);
                row.set_selected(is_selected);
                row.col(|ui| {
                    if ui
                        .selectable_label(is_selected, diff.uid.as_str())
                        .clicked()
                    {
                        clicked = Some(at);
                    }
                });
                for cell in diff.row_words() {
                    row.col(|ui| {
                        ui.add(Label::new(cell).truncate());
                    });
                }
                if row.response().clicked() {
                    clicked = Some(at);
                }
            });
        });
    clicked
}
