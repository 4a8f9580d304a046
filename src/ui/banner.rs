//! The error banner (with Retry where trying again makes sense), the notice line, and the typed
//! path offered when a file dialog came back empty.

use super::Drafts;
use super::widgets::labelled_text;
use crate::state::{Action, AppState, PathPrompt};

pub fn show(ui: &mut egui::Ui, state: &AppState, drafts: &mut Drafts, actions: &mut Vec<Action>) {
    if let Some(banner) = &state.banner {
        egui::Frame::new()
            .fill(ui.visuals().error_fg_color.gamma_multiply(0.15))
            .inner_margin(8.0)
            .corner_radius(4.0)
            .show(ui, |ui| {
                ui.horizontal_wrapped(|ui| {
                    ui.colored_label(ui.visuals().error_fg_color, "⚠");
                    ui.label(&banner.message);
                    if let Some(retry) = &banner.retry
                        && ui.button("Retry").clicked()
                    {
                        actions.push(retry.clone());
                    }
                    if ui.button("Dismiss").clicked() {
                        actions.push(Action::DismissBanner);
                    }
                });
            });
    }
    if let Some(prompt) = state.files.prompt {
        path_prompt(ui, prompt, drafts, actions);
    }
    if let Some(notice) = &state.notice {
        ui.label(notice);
    }
}

/// rfd answers "no file" both when the user cancels and when no dialog can be shown (no portal,
/// no zenity): so after every empty answer, offer to type the path.
fn path_prompt(
    ui: &mut egui::Ui,
    prompt: PathPrompt,
    drafts: &mut Drafts,
    actions: &mut Vec<Action>,
) {
    ui.group(|ui| {
        ui.label("No file was chosen. If no file dialog appeared, type the path here:");
        ui.horizontal(|ui| {
            labelled_text(ui, "File path", &mut drafts.typed_path, false);
            let (button, action) = match prompt {
                PathPrompt::Save(format) => (
                    "Save",
                    Action::ExportTo {
                        format,
                        path: drafts.typed_path.clone(),
                    },
                ),
                PathPrompt::Open => (
                    "Open",
                    Action::OpenPaths(vec![drafts.typed_path.trim().into()]),
                ),
                PathPrompt::Compare => (
                    "Compare with this file",
                    Action::CompareWithPath(drafts.typed_path.trim().into()),
                ),
            };
            if ui
                .add_enabled(
                    !drafts.typed_path.trim().is_empty(),
                    egui::Button::new(button),
                )
                .clicked()
            {
                actions.push(action);
            }
            if ui.button("Never mind").clicked() {
                actions.push(Action::DismissPathPrompt);
            }
        });
    });
}
