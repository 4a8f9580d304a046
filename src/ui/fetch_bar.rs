//! Page size, route, Fetch and Cancel, progress, the page history, what the page says about
//! the stream, and the (confirmed) advance and reset.

use super::Drafts;
use super::widgets::labelled_text;
use crate::api::{Progress, Route};
use crate::export::ExportFormat;
use crate::state::{Action, AppState, PageSource};

pub fn show(ui: &mut egui::Ui, state: &AppState, drafts: &mut Drafts, actions: &mut Vec<Action>) {
    if state.connection.connected().is_some() {
        controls(ui, state, actions);
    } else {
        ui.horizontal(|ui| {
            ui.label("Offline: no connection is used.");
            if ui.button("Connect…").clicked() {
                actions.push(Action::ShowConnections);
            }
        });
    }
    history(ui, state, actions);
    if let Some(shown) = state.pages.current() {
        page_facts(ui, shown);
    }
    if state.connection.connected().is_some() {
        stream_moves(ui, state, drafts, actions);
    }
}

fn controls(ui: &mut egui::Ui, state: &AppState, actions: &mut Vec<Action>) {
    ui.horizontal_wrapped(|ui| {
        let label = ui.label("Page size");
        let mut size = state.settings.page_size;
        if ui
            .add(egui::DragValue::new(&mut size).range(1..=1024))
            .labelled_by(label.id)
            .changed()
        {
            actions.push(Action::SetPageSize(size));
        }
        let mut route = state.settings.route;
        // The name goes before the box, as with the page size (`from_label` would put it after).
        let label = ui.label("Route");
        egui::ComboBox::from_id_salt("route")
            .selected_text(route.as_str())
            .show_ui(ui, |ui| {
                for choice in Route::ALL {
                    ui.selectable_value(&mut route, choice, choice.as_str());
                }
            })
            .response
            .labelled_by(label.id);
        if route != state.settings.route {
            actions.push(Action::SetRoute(route));
        }
        match &state.pages.running {
            Some(running) => {
                if ui.button("Cancel").clicked() {
                    actions.push(Action::Cancel);
                }
                progress(ui, running.progress.as_ref());
            }
            None => {
                let enabled = state.catalog.chosen().is_some();
                let fetch = ui.add_enabled(enabled, egui::Button::new("Fetch"));
                if fetch
                    .on_hover_text("Read the stream's head (F5). Never moves the stream.")
                    .clicked()
                {
                    actions.push(Action::Fetch);
                }
            }
        }
    });
}

fn progress(ui: &mut egui::Ui, progress: Option<&Progress>) {
    let (fraction, text) = match progress {
        None | Some(Progress::Sending { attempt: 1 }) => (0.0, "Asking the server…".to_owned()),
        Some(Progress::Sending { attempt }) => {
            (0.0, format!("Asking the server (attempt {attempt})…"))
        }
        Some(Progress::Receiving {
            bytes,
            total: Some(total),
        }) if *total > 0 => (
            *bytes as f32 / *total as f32,
            format!("Received {} of {} KiB", bytes / 1024, total / 1024),
        ),
        Some(Progress::Receiving { bytes, .. }) => (0.5, format!("Received {} KiB", bytes / 1024)),
        Some(Progress::RetryingIn {
            delay,
            attempt,
            reason,
        }) => (
            0.0,
            format!(
                "{reason}; trying again in {:.1} s (attempt {attempt})",
                delay.as_secs_f32()
            ),
        ),
        Some(Progress::Parsing { bytes }) => (1.0, format!("Reading {} KiB", bytes / 1024)),
    };
    ui.add(egui::ProgressBar::new(fraction).desired_width(120.0));
    ui.label(text);
}

fn history(ui: &mut egui::Ui, state: &AppState, actions: &mut Vec<Action>) {
    let count = state.pages.history.len();
    let Some(shown) = state.pages.shown else {
        return;
    };
    ui.horizontal(|ui| {
        if ui
            .add_enabled(shown > 0, egui::Button::new("◀ Older page"))
            .clicked()
        {
            actions.push(Action::ShowPage(shown - 1));
        }
        ui.label(format!("Page {} of {count} fetched in this run", shown + 1));
        if ui
            .add_enabled(shown + 1 < count, egui::Button::new("Newer page ▶"))
            .clicked()
        {
            actions.push(Action::ShowPage(shown + 1));
        }
        let export = ui.button("Export…").on_hover_text(
            "Save this page as JSON, exactly as the API sent it, with where it came from (Ctrl+S). \
             JSON Lines and CSV are in the File menu.",
        );
        if export.clicked() {
            actions.push(Action::Export(ExportFormat::Json));
        }
    });
}

fn page_facts(ui: &mut egui::Ui, shown: &crate::state::ShownPage) {
    let page = &shown.page;
    let origin = match &shown.source {
        PageSource::Stream { stream, host, .. } => {
            let fetched = jiff::tz::TimeZone::system()
                .to_datetime(shown.fetched_at)
                .strftime("%H:%M:%S");
            format!(
                "{stream} on {host}, {} route, fetched at {fetched}",
                page.route.as_str()
            )
        }
        PageSource::File { path } => {
            let recorded = shown
                .provenance
                .as_ref()
                .filter(|p| !p.stream.is_empty())
                .map_or(String::new(), |p| {
                    format!(" ({}/{}/{} on {})", p.project, p.dataset, p.stream, p.host)
                });
            format!(
                "Offline, from the file {}{recorded}, {} route",
                path.display(),
                page.route.as_str()
            )
        }
    };
    ui.label(format!(
        "{origin}: {} comment(s), {} filtered out",
        page.results.len(),
        page.filtered.unwrap_or(0)
    ));
    ui.horizontal_wrapped(|ui| {
        ui.label("Sequence id:");
        ui.add(
            egui::Label::new(egui::RichText::new(page.position().unwrap_or("none")).monospace())
                .selectable(true),
        );
        ui.label(if page.caught_up() {
            "· reached the stream's current end"
        } else {
            "· more comments are waiting"
        });
    });
    if page.results.is_empty() {
        let why = match page.filtered {
            Some(filtered) if filtered > 0 => format!(
                "No comments: all {filtered} comment(s) in this window were filtered out by the stream's filter. \
                 The stream will not progress until it is advanced."
            ),
            _ => "No new comments: the stream is caught up.".to_owned(),
        };
        ui.strong(why);
    }
    for problem in &page.problems {
        ui.colored_label(ui.visuals().warn_fg_color, problem.to_string());
    }
}

fn stream_moves(
    ui: &mut egui::Ui,
    state: &AppState,
    drafts: &mut Drafts,
    actions: &mut Vec<Action>,
) {
    if state.catalog.chosen().is_none() {
        return;
    }
    ui.horizontal_wrapped(|ui| {
        let blocked = state.advance_blocked();
        let advance = ui.add_enabled(blocked.is_none(), egui::Button::new("Advance…"));
        let advance = advance.on_hover_text(
            "Acknowledge this page: moves the stream for every consumer, after a confirmation.",
        );
        let advance = match blocked {
            Some(reason) => advance.on_disabled_hover_text(reason),
            None => advance,
        };
        if advance.clicked() {
            actions.push(Action::AskAdvance);
        }
        labelled_text(ui, "Reset to", &mut drafts.reset_to, false)
            .on_hover_text("e.g. 2026-11-01T00:00:00Z");
        let reset = ui.add_enabled(
            state.pages.moving.is_none() && !drafts.reset_to.trim().is_empty(),
            egui::Button::new("Reset…"),
        );
        if reset.clicked() {
            actions.push(Action::AskReset(drafts.reset_to.clone()));
        }
    });
}
