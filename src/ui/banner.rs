//! The error banner (with Retry where trying again makes sense) and the notice line.

use crate::state::{Action, AppState};

pub fn show(ui: &mut egui::Ui, state: &AppState, actions: &mut Vec<Action>) {
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
    if let Some(notice) = &state.notice {
        ui.label(notice);
    }
}
