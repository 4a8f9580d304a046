//! Document scores (tone, quality of service) as short signed bars on their −10 … 10 scale,
//! with the value to one decimal: the bar grows from the middle, right for positive.

use egui::{Rect, Role, Sense, Stroke, WidgetInfo, vec2};

use crate::inspect::{SCORE_SCALE, ScoreRow};

const BAR_WIDTH: f32 = 120.0;

pub(super) fn show(ui: &mut egui::Ui, scores: &[ScoreRow]) {
    egui::Grid::new("inspect-scores")
        .num_columns(3)
        .show(ui, |ui| {
            for score in scores {
                ui.label(&score.name);
                bar(ui, score);
                ui.monospace(score.shown());
                ui.end_row();
            }
        });
}

/// The bar; its accessible name says what it shows, e.g. `Tone −7.9 on a scale of −10 to 10`.
fn bar(ui: &mut egui::Ui, score: &ScoreRow) -> egui::Response {
    let height = ui.spacing().interact_size.y * 0.6;
    let (rect, response) = ui.allocate_exact_size(vec2(BAR_WIDTH, height), Sense::hover());
    if ui.is_rect_visible(rect) {
        let visuals = ui.visuals();
        let painter = ui.painter();
        painter.rect_filled(rect, 2.0, visuals.extreme_bg_color);
        let middle = rect.center().x;
        let end = middle + rect.width() / 2.0 * score.bar() as f32;
        let filled = Rect::from_x_y_ranges(middle.min(end)..=middle.max(end), rect.y_range());
        let fill = if score.value < 0.0 {
            visuals.warn_fg_color
        } else {
            visuals.selection.bg_fill
        };
        painter.rect_filled(filled, 0.0, fill);
        painter.vline(
            middle,
            rect.y_range(),
            Stroke::new(1.0, visuals.strong_text_color()),
        );
    }
    let name = format!(
        "{} {} on a scale of \u{2212}{SCORE_SCALE} to {SCORE_SCALE}",
        score.name,
        score.shown()
    );
    response.widget_info(|| {
        let mut info = WidgetInfo::labeled(Role::ProgressIndicator, true, &name);
        info.value = Some(score.value);
        info
    });
    response.on_hover_text(name)
}
