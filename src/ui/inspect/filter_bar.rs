//! The filter bar: text, label, user property and general field, applied as the analyst types.

use std::collections::BTreeSet;

use egui::{ComboBox, Id, TextEdit};

use crate::api::{LabelPath, Page, SmolStr};
use crate::inspect::{LabelMode, PageFilter, PageIndex};

/// The search box's id, so that a command can focus it.
pub(super) fn text_id() -> Id {
    Id::unique("streamlens-inspect-filter-text")
}

/// What the analyst typed and picked.
#[derive(Debug, Default)]
pub(super) struct FilterBar {
    /// Kept whole so the list can compare it with the one it was built for.
    pub(super) filter: PageFilter,
    property_name: Option<String>,
    property_value: String,
}

/// The names the bar offers, collected once per page.
#[derive(Debug, Default)]
pub(super) struct Choices {
    /// Every label predicted on the page, with its ancestors (a parent matches its children).
    labels: Vec<LabelPath>,
    properties: Vec<String>,
    /// General field names and, on the fetch route, entity kinds.
    fields: Vec<String>,
}

impl Choices {
    pub(super) fn build(page: &Page, index: &PageIndex) -> Self {
        let mut labels = BTreeSet::new();
        let mut fields = BTreeSet::new();
        for view in &index.results {
            for row in view
                .label_list()
                .map(|list| list.rows())
                .unwrap_or_default()
            {
                if !labels.contains(&row.path) {
                    labels.insert(row.path.clone());
                }
            }
            for field in &view.general_fields {
                fields.extend(
                    field
                        .kind
                        .iter()
                        .chain([&field.name])
                        .map(SmolStr::to_string),
                );
            }
        }
        let properties: BTreeSet<&str> = page
            .results
            .iter()
            .flat_map(|result| result.comment.user_properties.iter())
            .map(|property| property.name())
            .collect();
        Self {
            labels: labels.into_iter().collect(),
            properties: properties.into_iter().map(str::to_owned).collect(),
            fields: fields.into_iter().collect(),
        }
    }
}

impl FilterBar {
    pub(super) fn show(&mut self, ui: &mut egui::Ui, choices: &Choices) {
        ui.horizontal_wrapped(|ui| {
            let label = ui.label("Search");
            ui.add(
                TextEdit::singleline(&mut self.filter.text)
                    .id(text_id())
                    .hint_text("subject, body or sender")
                    .desired_width(200.0),
            )
            .labelled_by(label.id);

            let shown = self
                .filter
                .label
                .as_ref()
                .map_or_else(|| "any".to_owned(), LabelPath::to_string);
            let label = ui.label("Label");
            ComboBox::from_id_salt("inspect-filter-label")
                .selected_text(shown)
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut self.filter.label, None, "any");
                    for path in &choices.labels {
                        let chosen = self.filter.label.as_ref() == Some(path);
                        if ui.selectable_label(chosen, path.to_string()).clicked() {
                            self.filter.label = Some(path.clone());
                        }
                    }
                })
                .response
                .labelled_by(label.id);
            let mut above = self.filter.label_mode == LabelMode::AboveThreshold;
            ui.add_enabled(
                self.filter.label.is_some(),
                egui::Checkbox::new(&mut above, "above threshold only"),
            );
            self.filter.label_mode = if above && self.filter.label.is_some() {
                LabelMode::AboveThreshold
            } else {
                LabelMode::Any
            };

            pick(ui, "Property", &mut self.property_name, &choices.properties);
            let value = ui.label("contains");
            ui.add_enabled(
                self.property_name.is_some(),
                TextEdit::singleline(&mut self.property_value)
                    .hint_text("any value")
                    .desired_width(120.0),
            )
            .labelled_by(value.id);
            self.filter.property = self
                .property_name
                .clone()
                .map(|name| (name, self.property_value.clone()));

            pick(
                ui,
                "Has field",
                &mut self.filter.has_general_field,
                &choices.fields,
            );
            if ui
                .add_enabled(
                    self.filter != PageFilter::default(),
                    egui::Button::new("Clear filter"),
                )
                .clicked()
            {
                *self = Self::default();
            }
        });
    }
}

/// A combo box of names with "any" first.
fn pick(ui: &mut egui::Ui, name: &str, chosen: &mut Option<String>, names: &[String]) {
    let label = ui.label(name);
    ComboBox::from_id_salt(("inspect-filter", name))
        .selected_text(chosen.as_deref().unwrap_or("any"))
        .show_ui(ui, |ui| {
            ui.selectable_value(chosen, None, "any");
            for name in names {
                if ui
                    .selectable_label(chosen.as_ref() == Some(name), name)
                    .clicked()
                {
                    *chosen = Some(name.clone());
                }
            }
        })
        .response
        .labelled_by(label.id);
}
