//! The central area under the fetch bar: a row of tabs and the view chosen there ([`CentralView`]):
//! the inspector of the shown page, the overview of its labels (with the comment list beside, so
//! what it narrows the list to is seen at once, and a click on a comment there opens it in the
//! inspector), or the comparison of two pages. A comparison that arrives brings its tab forward.

use super::commands::{self, Command, Situation};
use super::compare::CompareView;
use super::inspect::Inspector;
use super::overview::{Ask, OverviewView};
use super::{CentralView, Requests};
use crate::text::plural;

/// The UI's own state of the central area's views.
#[derive(Debug, Default)]
pub struct Views {
    pub central: CentralView,
    pub compare: CompareView,
    pub overview: OverviewView,
}

pub fn show(
    ui: &mut egui::Ui,
    now: &Situation,
    views: &mut Views,
    inspector: &mut Inspector,
    requests: &mut Requests,
) {
    let state = now.state;
    if views.compare.arrived(state) {
        views.central = CentralView::Compare;
    }
    // The overview's list follows its label and what-if threshold, also while the inspector
    // shows it.
    if let Some(focus) = views.overview.refresh_focus(state, inspector.focus()) {
        inspector.set_focus(focus);
    }
    let shown = state.pages.current();
    ui.horizontal(|ui| {
        let (view, asked) = (views.central, &mut requests.commands);
        let inspecting = view == CentralView::Inspector;
        commands::tab(
            ui,
            Command::ShowInspector,
            "Inspector",
            inspecting,
            now,
            asked,
        );
        let overview = view == CentralView::Overview;
        commands::tab(ui, Command::ShowOverview, "Overview", overview, now, asked);
        ui.selectable_value(&mut views.central, CentralView::Compare, "Compare");
        if let (Some(shown), false) = (shown, view == CentralView::Compare) {
            ui.separator();
            let count = plural(shown.page.results.len(), "comment");
            ui.label(format!("{count} on this page"));
        }
    });
    let colours = &state.pages.colours;
    match (views.central, shown) {
        (CentralView::Compare, _) => views.compare.show(ui, state, &mut requests.actions),
        (CentralView::Inspector, Some(shown)) => {
            let (generation, page, index) = (shown.entry.generation, shown.page, shown.index);
            let hints = commands::inspector_hints(ui.ctx());
            inspector.show(ui, generation, page, index, colours, &hints);
        }
        (CentralView::Overview, Some(shown)) => {
            let (generation, page, index) = (shown.entry.generation, shown.page, shown.index);
            egui::Panel::right("overview-list")
                .resizable(true)
                .default_size(280.0)
                .min_size(200.0)
                .show(ui, |ui| {
                    if (inspector.show_list(ui, generation, page, index, colours)).is_some() {
                        views.central = CentralView::Inspector;
                    }
                });
            let overview = &mut views.overview;
            let asked = egui::CentralPanel::default()
                .show(ui, |ui| overview.show(ui, state, inspector))
                .inner;
            for ask in asked {
                match ask {
                    Ask::FilterLabel(label) => inspector.filter_label(label),
                    Ask::List(focus) => inspector.set_focus(focus),
                    Ask::Act(action) => requests.actions.push(action),
                }
            }
        }
        (CentralView::Inspector | CentralView::Overview, None) => {}
    }
}
