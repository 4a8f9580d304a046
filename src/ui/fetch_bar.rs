//! Page size, route, Fetch and Cancel, progress, the page history, what the page says about
//! the stream, and the (confirmed) advance and reset.

use super::Drafts;
use super::commands::{self, Command, Situation};
use super::widgets::labelled_text;
use crate::api::{PageRequest, Progress, Route};
use crate::state::{Action, PageSource, ShownPage};
use crate::text::plural;

/// The buttons are the registry's commands; the rest are settings and facts.
pub fn show(
    ui: &mut egui::Ui,
    now: &Situation,
    drafts: &mut Drafts,
    actions: &mut Vec<Action>,
    requested: &mut Vec<Command>,
) {
    let state = now.state;
    if state.connection.connected().is_some() {
        controls(ui, now, actions, requested);
    } else {
        ui.horizontal(|ui| {
            ui.label("Offline: no connection is used.");
            if ui.button("Connect…").clicked() {
                actions.push(Action::ShowConnections);
            }
        });
    }
    history(ui, now, requested);
    if let Some(shown) = state.pages.current() {
        page_facts(ui, shown);
    }
    if state.connection.connected().is_some() {
        stream_moves(ui, now, drafts, requested);
    }
}

fn controls(
    ui: &mut egui::Ui,
    now: &Situation,
    actions: &mut Vec<Action>,
    requested: &mut Vec<Command>,
) {
    let state = now.state;
    ui.horizontal_wrapped(|ui| {
        let label = ui.label("Page size");
        let mut size = state.settings.page_size;
        if ui
            .add(egui::DragValue::new(&mut size).range(PageRequest::SIZES))
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
                commands::button(ui, Command::Cancel, "Cancel", now, requested);
                progress(ui, running.progress.as_ref());
            }
            None => {
                commands::button(ui, Command::Fetch, "Fetch", now, requested);
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

fn history(ui: &mut egui::Ui, now: &Situation, requested: &mut Vec<Command>) {
    let pages = &now.state.pages;
    let Some(shown) = pages.wanted() else {
        return;
    };
    ui.horizontal(|ui| {
        commands::button(ui, Command::OlderPage, "◀ Older page", now, requested);
        let count = pages.history.len();
        ui.label(format!("Page {} of {count} fetched in this run", shown + 1));
        if pages.reparsing.is_some() {
            ui.label("(reading it again…)");
        }
        commands::button(ui, Command::NewerPage, "Newer page ▶", now, requested);
        commands::button(
            ui,
            Command::CompareWithShown,
            "Page history…",
            now,
            requested,
        );
        commands::button(ui, Command::Export, "Export…", now, requested);
    });
}

fn page_facts(ui: &mut egui::Ui, shown: ShownPage) {
    let page = shown.page;
    let shown = shown.entry;
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
        "{origin}: {}, {} filtered out",
        plural(page.results.len(), "comment"),
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
                "No comments: {} in this window {} filtered out by the stream's filter. \
                 The stream will not progress until it is advanced.",
                plural(filtered as usize, "comment"),
                if filtered == 1 { "was" } else { "were" }
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
    now: &Situation,
    drafts: &mut Drafts,
    requested: &mut Vec<Command>,
) {
    if now.state.catalog.chosen().is_none() {
        return;
    }
    ui.horizontal_wrapped(|ui| {
        let advance = commands::button(ui, Command::Advance, "Advance…", now, requested);
        if let Some(reason) = now.state.advance_blocked() {
            advance.on_disabled_hover_text(reason);
        }
        labelled_text(ui, "Reset to", &mut drafts.reset_to, false)
            .on_hover_text("e.g. 2026-11-01T00:00:00Z");
        commands::button(ui, Command::Reset, "Reset…", now, requested);
    });
}
