//! Label predictions as bars: the label's colour, the probability, the stream's threshold
//! marked on the bar, and where the label stands in words as well as in colour.

use egui::{Color32, Rect, Role, Sense, Stroke, WidgetInfo, vec2};

use crate::api::Comment;
use crate::inspect::overview::LabelColours;
use crate::inspect::{LabelRow, LabelState, Labels, ResultView, sentiment_word};
use crate::text::percent;
use crate::ui::label_colours;

const BAR_WIDTH: f32 = 260.0;
const INDENT: f32 = 18.0;

/// The labels of one result with the leaf-only toggle; says so when the stream has no model
/// at all.
pub(super) fn show(
    ui: &mut egui::Ui,
    view: &ResultView,
    comment: &Comment,
    colours: &LabelColours,
    leaf_only: &mut bool,
) {
    if matches!(&view.labels, Labels::Predicted(list) if !list.is_empty()) {
        leaf_toggle(ui, leaf_only);
    }
    list(ui, view, comment, colours, *leaf_only);
}

/// Whether the bars show the taxonomy or only its most specific labels.
pub fn leaf_toggle(ui: &mut egui::Ui, leaf_only: &mut bool) {
    ui.checkbox(leaf_only, "Leaf labels only")
        .on_hover_text("Only the most specific labels, highest first, with their full names");
}

/// The labels of one result as bars, each in its colour of `colours` and against the threshold
/// `view` was built with, or in a sentence why there are none.
pub fn list(
    ui: &mut egui::Ui,
    view: &ResultView,
    comment: &Comment,
    colours: &LabelColours,
    leaf_only: bool,
) {
    let list = match &view.labels {
        Labels::NoModel => {
            ui.label("This stream has no model: no predictions");
            return;
        }
        Labels::Predicted(list) if list.is_empty() => {
            ui.label("No label was predicted for this comment.");
            return;
        }
        Labels::Predicted(list) => list,
    };
    if leaf_only {
        for row in list.leaves() {
            label_row(ui, row, comment, colours, true);
        }
    } else {
        for row in list.rows() {
            label_row(ui, row, comment, colours, false);
        }
    }
}

fn label_row(
    ui: &mut egui::Ui,
    row: &LabelRow,
    comment: &Comment,
    colours: &LabelColours,
    flat: bool,
) {
    let indent = if flat { 0.0 } else { row.depth as f32 * INDENT };
    ui.horizontal(|ui| {
        ui.add_space(indent);
        label_colours::swatch(ui, label_colours::of(ui, colours, &row.path));
        bar(ui, row, flat);
        ui.colored_label(state_colour(ui, row.state), state_words(row));
    });
    let mut notes = Vec::new();
    if let Some(sentiment) = row.sentiment {
        notes.push(format!(
            "sentiment: {} ({sentiment:.2})",
            sentiment_word(sentiment)
        ));
    }
    if !row.cleared.is_empty() {
        notes.push(format!("clears: {}", row.cleared.join(", ")));
    }
    if let Some(extraction) = row.extraction_confidence {
        let mut note = format!("Extraction confidence {}", percent(extraction));
        if !row.extraction_cleared.is_empty() {
            note.push_str(&format!(" (clears: {})", row.extraction_cleared.join(", ")));
        }
        notes.push(note);
    }
    if notes.is_empty() && row.fields.is_empty() {
        return;
    }
    ui.horizontal(|ui| {
        ui.add_space(indent + INDENT);
        ui.vertical(|ui| {
            for note in notes {
                ui.weak(note);
            }
            if !row.fields.is_empty() {
                super::fields::show(ui, &row.fields, comment);
            }
        });
    });
}

/// The state in words, with the threshold where the stream has one.
fn state_words(row: &LabelRow) -> String {
    match (row.state, row.threshold) {
        (LabelState::Above | LabelState::Below, Some(threshold)) => {
            format!("{} {}", row.state.describe(), percent(threshold))
        }
        (state, _) => state.describe().to_owned(),
    }
}

fn state_colour(ui: &egui::Ui, state: LabelState) -> Color32 {
    let dark = ui.visuals().dark_mode;
    match state {
        LabelState::Above if dark => Color32::from_rgb(110, 200, 120),
        LabelState::Above => Color32::from_rgb(20, 120, 40),
        LabelState::Below if dark => Color32::from_rgb(230, 170, 80),
        LabelState::Below => Color32::from_rgb(160, 90, 0),
        LabelState::Off if dark => Color32::from_rgb(230, 110, 110),
        LabelState::Off => Color32::from_rgb(170, 30, 30),
        LabelState::NoThreshold | LabelState::NotPredicted => ui.visuals().weak_text_color(),
    }
}

/// The bar. Its accessible name says everything the picture does, e.g.
/// `Claim > New 88%, above the stream's threshold 63%`.
fn bar(ui: &mut egui::Ui, row: &LabelRow, flat: bool) -> egui::Response {
    let height = ui.spacing().interact_size.y;
    let (rect, response) = ui.allocate_exact_size(vec2(BAR_WIDTH, height), Sense::hover());
    let name = match row.probability {
        Some(p) => format!("{} {}", row.path, percent(p)),
        None => row.path.to_string(),
    };
    let accessible = format!("{name}, {}", state_words(row));
    if ui.is_rect_visible(rect) {
        let painter = ui.painter();
        let visuals = ui.visuals();
        painter.rect_filled(rect, 2.0, visuals.extreme_bg_color);
        if let Some(p) = row.probability.filter(|p| p.is_finite()) {
            let filled = Rect::from_min_size(
                rect.min,
                vec2(rect.width() * p.clamp(0.0, 1.0) as f32, rect.height()),
            );
            painter.rect_filled(
                filled,
                2.0,
                state_colour(ui, row.state).gamma_multiply(0.45),
            );
        }
        if let Some(t) = row.threshold.filter(|t| t.is_finite() && *t < 1.0) {
            let x = rect.left() + rect.width() * t.clamp(0.0, 1.0) as f32;
            let stroke = Stroke::new(2.0, visuals.strong_text_color());
            painter.vline(x, rect.y_range(), stroke);
        }
        let shown = if flat {
            name.clone()
        } else {
            match row.probability {
                Some(p) => format!("{} {}", row.path.leaf(), percent(p)),
                None => row.path.leaf().to_owned(),
            }
        };
        ui.painter_at(rect).text(
            rect.left_center() + vec2(4.0, 0.0),
            egui::Align2::LEFT_CENTER,
            shown,
            egui::TextStyle::Body.resolve(ui.style()),
            visuals.text_color(),
        );
    }
    response.widget_info(|| {
        let mut info = WidgetInfo::labeled(Role::ProgressIndicator, true, &accessible);
        info.value = row.probability.map(|p| p * 100.0);
        info
    });
    response.on_hover_text(accessible)
}
