//! Project → dataset → stream, each searchable, with refresh; then what the stream is.

use super::Drafts;
use super::widgets::searchable_list;
use crate::api::Stream;
use crate::state::{Action, AppState, Listing};

pub fn show(ui: &mut egui::Ui, state: &AppState, drafts: &mut Drafts, actions: &mut Vec<Action>) {
    let catalog = &state.catalog;
    egui::ScrollArea::vertical().show(ui, |ui| {
        ui.horizontal(|ui| {
            ui.strong("Project");
            if ui
                .small_button("⟳")
                .on_hover_text("Refresh the projects")
                .clicked()
            {
                actions.push(Action::RefreshProjects);
            }
        });
        let picked = level(
            ui,
            ("Search projects", &mut drafts.project_search),
            &catalog.projects,
            |p| (p.name.as_str(), titled(&p.name, p.title.as_deref())),
            catalog.project.as_deref(),
            "No projects visible to this token.",
        );
        actions.extend(picked.map(Action::ChooseProject));
        if catalog.project.is_none() {
            return;
        }
        ui.separator();
        ui.strong("Dataset");
        let picked = level(
            ui,
            ("Search datasets", &mut drafts.dataset_search),
            &catalog.datasets,
            |d| {
                let mut shown = titled(&d.name, d.title.as_deref());
                if d.is_ixp() {
                    shown.push_str(" (IXP documents)");
                }
                (d.name.as_str(), shown)
            },
            catalog.dataset.as_deref(),
            "This project has no datasets.",
        );
        actions.extend(picked.map(Action::ChooseDataset));
        if catalog.dataset.is_none() {
            return;
        }
        ui.separator();
        ui.strong("Stream");
        let picked = level(
            ui,
            ("Search streams", &mut drafts.stream_search),
            &catalog.streams,
            |s| (s.name.as_str(), titled(&s.name, s.title.as_deref())),
            catalog.stream.as_deref(),
            "This dataset has no streams.",
        );
        actions.extend(picked.map(Action::ChooseStream));
        if let Some(stream) = catalog.stream_info() {
            ui.separator();
            stream_facts(ui, stream);
        }
    });
}

/// One level of the choice: its searchable list of `listing` (each item as its name and the
/// text shown), then what the listing says while loading, on failure or when empty. Returns
/// the name clicked.
fn level<'a, T>(
    ui: &mut egui::Ui,
    (label, query): (&str, &mut String),
    listing: &'a Listing<T>,
    shown: impl Fn(&'a T) -> (&'a str, String),
    chosen: Option<&str>,
    empty: &str,
) -> Option<String> {
    let picked = searchable_list(ui, label, query, listing.items().iter().map(shown), chosen);
    status(ui, listing, empty);
    picked
}

/// `Title (name)`, or the name alone when the title is empty (titles need not be unique).
fn titled(name: &str, title: Option<&str>) -> String {
    match title.filter(|t| !t.trim().is_empty()) {
        Some(title) => format!("{title} ({name})"),
        None => name.to_owned(),
    }
}

fn status<T>(ui: &mut egui::Ui, listing: &Listing<T>, empty: &str) {
    match listing {
        Listing::Loading(_) => {
            ui.weak("Loading…");
        }
        Listing::Failed(err) => {
            ui.colored_label(ui.visuals().error_fg_color, err.to_string());
        }
        Listing::Loaded(items) if items.is_empty() => {
            ui.weak(empty);
        }
        _ => {}
    }
}

fn stream_facts(ui: &mut egui::Ui, stream: &Stream) {
    ui.strong(
        stream
            .title
            .as_deref()
            .filter(|t| !t.is_empty())
            .unwrap_or(&stream.name),
    );
    if let Some(description) = stream.description.as_deref().filter(|d| !d.is_empty()) {
        ui.label(description);
    }
    match &stream.model {
        Some(model) => {
            let version = model
                .version
                .map_or("unknown".to_owned(), |v| v.to_string());
            ui.label(format!("Model version {version}"));
            let on = model
                .label_thresholds
                .iter()
                .filter(|t| t.threshold.is_some_and(|t| t < 1.0))
                .count();
            ui.label(format!(
                "{on} of {} label thresholds on (below 100%)",
                model.label_thresholds.len()
            ));
        }
        None => {
            ui.label("This stream has no model: its comments come without predictions.");
        }
    }
    let filter = stream
        .comment_filter
        .as_ref()
        .map(|f| f.get())
        .filter(|f| *f != "{}");
    match filter {
        Some(filter) => {
            ui.label("Filter:");
            ui.add(egui::Label::new(egui::RichText::new(filter).monospace()).wrap());
        }
        None => {
            ui.label("No comment filter.");
        }
    }
}
