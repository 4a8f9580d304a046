//! Small widgets shared by the panels.

use crate::text::folded;

/// A one-line text field with a visible label that is also its accessible name.
pub fn labelled_text(
    ui: &mut egui::Ui,
    label: &str,
    text: &mut dyn egui::TextBuffer,
    password: bool,
) -> egui::Response {
    ui.horizontal(|ui| {
        let label = ui.label(label);
        ui.add(
            egui::TextEdit::singleline(text)
                .password(password)
                .desired_width(280.0),
        )
        .labelled_by(label.id)
    })
    .inner
}

/// A search field that narrows a list: shows the items whose text contains the query, case
/// folded, and reports the one clicked.
pub fn searchable_list<'a>(
    ui: &mut egui::Ui,
    label: &str,
    query: &mut String,
    items: impl Iterator<Item = (&'a str, String)>,
    chosen: Option<&str>,
) -> Option<String> {
    labelled_text(ui, label, query, false);
    let needle = folded(query);
    let mut picked = None;
    egui::ScrollArea::vertical()
        .id_salt(label)
        .max_height(180.0)
        .show(ui, |ui| {
            for (name, shown) in items {
                if !needle.is_empty()
                    && !folded(&shown).contains(&needle)
                    && !name.contains(&needle)
                {
                    continue;
                }
                if ui.selectable_label(chosen == Some(name), shown).clicked() {
                    picked = Some(name.to_owned());
                }
            }
        });
    picked
}
