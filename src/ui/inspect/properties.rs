//! The selected comment's user properties as a typed table, sortable, each value copyable.

use std::cmp::Ordering;

use egui::Grid;
use serde::{Deserialize, Serialize};

use crate::api::{PropertyValue, UserProperties, UserProperty};
use crate::text::folded;

/// The order of the user property table.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum PropertySort {
    /// As the API sent them.
    #[default]
    AsSent,
    /// By name, ignoring case.
    Name,
    /// Numbers first, smallest first, then the rest by text.
    Value,
}

pub(super) fn show(ui: &mut egui::Ui, properties: &UserProperties, sort: &mut PropertySort) {
    ui.horizontal(|ui| {
        ui.weak("Sort");
        ui.selectable_value(sort, PropertySort::AsSent, "as sent");
        ui.selectable_value(sort, PropertySort::Name, "by name");
        ui.selectable_value(sort, PropertySort::Value, "by value");
    });
    let mut rows: Vec<&UserProperty> = properties.iter().collect();
    match sort {
        PropertySort::AsSent => {}
        PropertySort::Name => rows.sort_by_cached_key(|p| (folded(p.name()), p.key.clone())),
        PropertySort::Value => rows.sort_by(|a, b| by_value(&a.value, &b.value)),
    }
    Grid::new("inspect-user-properties")
        .num_columns(4)
        .striped(true)
        .show(ui, |ui| {
            for property in rows {
                ui.label(property.name());
                ui.weak(property.value.type_name());
                let value = property.value.to_string();
                ui.label(&value);
                let copy = ui
                    .small_button("Copy")
                    .accessible_name(format!("Copy {}", property.name()))
                    .on_hover_text(format!("Copy the value of {}", property.name()));
                if copy.clicked() {
                    ui.ctx().copy_text(value);
                }
                ui.end_row();
            }
        });
}

fn by_value(a: &PropertyValue, b: &PropertyValue) -> Ordering {
    match (a, b) {
        (PropertyValue::Number { value: x, .. }, PropertyValue::Number { value: y, .. }) => {
            x.total_cmp(y)
        }
        (PropertyValue::Number { .. }, _) => Ordering::Less,
        (_, PropertyValue::Number { .. }) => Ordering::Greater,
        _ => folded(&a.to_string()).cmp(&folded(&b.to_string())),
    }
}
