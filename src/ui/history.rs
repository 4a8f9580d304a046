//! The page history as a list (Compare with the shown page…, or Page history… beside ◀ ▶):
//! every page of this run, to show it or to compare it with the shown page.

use super::Drafts;
use crate::state::{Action, AppState, HistoryPage, PageSource};
use crate::text::plural;

pub fn show(ctx: &egui::Context, state: &AppState, drafts: &mut Drafts, actions: &mut Vec<Action>) {
    if !drafts.history_open {
        return;
    }
    let pages = &state.pages;
    let mut open = true;
    egui::Window::new("Page history")
        .open(&mut open)
        .collapsible(false)
        .default_pos([280.0, 90.0])
        .default_width(760.0)
        .show(ctx, |ui| {
            ui.label(
                "Compare a page with the shown one: the page chosen is A, the shown page B, so \
                 labels that entered are above their threshold on the shown page.",
            );
            egui::ScrollArea::vertical()
                .max_height(360.0)
                .show(ui, |ui| {
                    egui::Grid::new("page-history")
                        .striped(true)
                        .show(ui, |ui| {
                            for (n, page) in pages.history.iter().enumerate() {
                                row(ui, state, n, page, drafts, actions);
                                ui.end_row();
                            }
                        });
                });
        });
    if !open {
        drafts.history_open = false;
    }
}

/// A page: what it is, then Show and Compare, or that it is the shown one.
fn row(
    ui: &mut egui::Ui,
    state: &AppState,
    n: usize,
    page: &HistoryPage,
    drafts: &mut Drafts,
    actions: &mut Vec<Action>,
) {
    let pages = &state.pages;
    ui.add(egui::Label::new(format!("{}. {}", n + 1, describe(page))).extend());
    if pages.shown == Some(n) {
        ui.strong("shown");
        return;
    }
    if ui.button(format!("Show page {}", n + 1)).clicked() {
        actions.push(Action::ShowPage(n));
    }
    let compare = format!("Compare page {} with the shown page", n + 1);
    let enabled = pages.current().is_some();
    if ui
        .add_enabled(enabled, egui::Button::new(compare))
        .clicked()
    {
        actions.push(Action::CompareWithShown(n));
        drafts.history_open = false;
    }
}

/// `new-claims, fetch route, 10:15:03, 16 comments` or `monday.json, fetch route, 16 comments`.
fn describe(page: &HistoryPage) -> String {
    let comments = plural(page.columns.results(), "comment");
    let route = page.route;
    match &page.source {
        PageSource::Stream { stream, .. } => {
            let time = jiff::tz::TimeZone::system()
                .to_datetime(page.fetched_at)
                .strftime("%H:%M:%S");
            format!("{stream}, {route} route, fetched at {time}, {comments}")
        }
        PageSource::File { path } => {
            let name = path.file_name().unwrap_or(path.as_os_str());
            let fetched = page.provenance.as_ref().and_then(|p| p.fetched_at.as_ref());
            let fetched = fetched.map_or_else(String::new, |at| format!(", fetched {at}"));
            format!(
                "{}, {route} route{fetched}, {comments}",
                name.to_string_lossy()
            )
        }
    }
}
