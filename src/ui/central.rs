//! The central area under the fetch bar: a row of tabs and the view chosen there, the
//! inspector of the shown page or the comparison of two pages. A comparison that arrives
//! brings its tab forward.

use super::compare::CompareView;
use super::inspect::Inspector;
use crate::state::{Action, AppState};
use crate::text::plural;

/// Which view fills the central area.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum CentralView {
    #[default]
    Inspector,
    Compare,
}

/// The UI's own state of the central area's views.
#[derive(Debug, Default)]
pub struct Views {
    pub central: CentralView,
    pub compare: CompareView,
}

pub fn show(
    ui: &mut egui::Ui,
    state: &AppState,
    views: &mut Views,
    inspector: &mut Inspector,
    actions: &mut Vec<Action>,
) {
    if views.compare.arrived(state) {
        views.central = CentralView::Compare;
    }
    ui.horizontal(|ui| {
        ui.selectable_value(&mut views.central, CentralView::Inspector, "Inspector");
        ui.selectable_value(&mut views.central, CentralView::Compare, "Compare");
    });
    match views.central {
        CentralView::Inspector => {
            if let Some(shown) = state.pages.current() {
                let count = plural(shown.page.results.len(), "comment");
                ui.label(format!("{count} on this page"));
                inspector.show(ui, shown.entry.generation, shown.page, shown.index);
            }
        }
        CentralView::Compare => views.compare.show(ui, state, actions),
    }
}
