//! The confirmation that stands before every stream move. It names the stream and the position
//! and says that the move is shared with every consumer.

use crate::state::{Action, Confirm};
use crate::text::plural;

pub fn show(ctx: &egui::Context, confirm: &Confirm, actions: &mut Vec<Action>) {
    let response = egui::Modal::new(egui::Id::unique("confirm-move")).show(ctx, |ui| {
        ui.set_max_width(460.0);
        let (title, what, button) = match confirm {
            Confirm::Advance {
                stream,
                sequence_id,
                comments,
                filtered,
                ..
            } => (
                "Advance the stream?",
                format!(
                    "Stream {stream} will move past sequence id {sequence_id}: the {} on this page \
                     and {} will not be delivered again. Before advancing, streamlens reads the \
                     head again and stops if it has moved.",
                    plural(*comments, "comment"),
                    plural(*filtered as usize, "filtered comment"),
                ),
                "Advance",
            ),
            Confirm::Reset { stream, to } => (
                "Reset the stream?",
                format!(
                    "Stream {stream} will be repositioned to comments created at or after {to}. \
                     Comments after that time will be delivered again."
                ),
                "Reset",
            ),
        };
        ui.heading(title);
        ui.label(what);
        ui.label(
            "The position moves for every consumer of this stream, the automation included. \
             This is not retried automatically.",
        );
        ui.horizontal(|ui| {
            if ui.button(button).clicked() {
                actions.push(Action::Confirm);
            }
            if ui.button("Cancel").clicked() {
                actions.push(Action::DismissConfirm);
            }
        });
    });
    if response.should_close() && !actions.contains(&Action::Confirm) {
        actions.push(Action::DismissConfirm);
    }
}
