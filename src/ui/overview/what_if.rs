//! The threshold what-if of the chosen label: a slider (the same value the histogram drags),
//! how many comments would enter and leave the stream at it, and the lists of exactly those,
//! or of every comment closest to the threshold first, in the comment list beside. Local only:
//! the stream's thresholds stay as they are.

use egui::RichText;

use crate::text::{percent, plural};
use crate::ui::inspect::{FocusKind, Inspector};

use super::labels::threshold_text;
use super::{Ask, Chosen, OverviewView};

pub(super) fn show(
    ui: &mut egui::Ui,
    view: &mut OverviewView,
    chosen: &Chosen,
    inspector: &Inspector,
    asked: &mut Vec<Ask>,
) {
    let label = &chosen.summary.path;
    ui.label(
        RichText::new(
            "What-if, on this computer only: nothing is sent to the server, the stream's \
             thresholds stay as they are, and the label bars keep showing them.",
        )
        .italics(),
    );
    ui.horizontal_wrapped(|ui| {
        let name = ui.label("What-if threshold");
        let mut value = chosen.what_if;
        let slider = egui::Slider::new(&mut value, 0.0..=1.0)
            .step_by(0.01)
            .custom_formatter(|v, _| percent(v))
            .custom_parser(|text| {
                let number = text
                    .trim()
                    .trim_end_matches('%')
                    .trim()
                    .parse::<f64>()
                    .ok()?;
                Some(number / 100.0)
            });
        if ui.add(slider).labelled_by(name.id).changed() {
            view.what_if = Some(value);
        }
        let back = ui.add_enabled(
            chosen.stream.is_some_and(|s| s != chosen.what_if),
            egui::Button::new("Back to the stream's threshold"),
        );
        if back.clicked() {
            view.what_if = None;
        }
    });
    let counts = match chosen.overview.what_if(label, chosen.what_if) {
        Ok(counts) => counts,
        Err(note) => {
            ui.label(note.to_string());
            return;
        }
    };
    let stream = threshold_text(&chosen.summary.threshold);
    ui.label(format!(
        "At the what-if threshold of {} (the stream's: {stream}), {} would enter the stream and \
         {} would leave it.",
        percent(chosen.what_if),
        plural(counts.enter, "comment"),
        counts.leave
    ));
    let listed = inspector
        .focus()
        .filter(|focus| &focus.label == label)
        .map(|focus| focus.kind);
    ui.horizontal_wrapped(|ui| {
        ui.label("List beside:");
        for (kind, text, hint) in [
            (
                FocusKind::WouldEnter,
                "Would enter",
                "The comments the what-if threshold would let through that the stream does not",
            ),
            (
                FocusKind::WouldLeave,
                "Would leave",
                "The comments the stream lets through that the what-if threshold would not",
            ),
            (
                FocusKind::Borderline,
                "Borderline first",
                "Every comment, those whose probability lies closest to the what-if threshold \
                 first",
            ),
        ] {
            let selected = listed == Some(kind);
            let clicked = ui
                .add(egui::Button::selectable(selected, text))
                .on_hover_text(hint)
                .clicked();
            if clicked {
                let focus = if selected {
                    None
                } else {
                    view.focus_of(chosen, kind)
                };
                asked.push(Ask::List(focus));
            }
        }
    });
}

/// What a list of the overview's says above it.
pub(super) fn focus_title(kind: FocusKind, chosen: &Chosen) -> String {
    let label = &chosen.summary.path;
    let what_if = percent(chosen.what_if);
    let stream = threshold_text(&chosen.summary.threshold);
    match kind {
        FocusKind::WouldEnter => {
            format!("What-if: would enter the stream for {label} at {what_if} (its own: {stream})")
        }
        FocusKind::WouldLeave => {
            format!("What-if: would leave the stream for {label} at {what_if} (its own: {stream})")
        }
        FocusKind::Borderline => {
            format!("Closest to {what_if} for {label} first (the stream's threshold: {stream})")
        }
    }
}
