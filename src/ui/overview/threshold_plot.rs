//! What the overview's two plots (the histogram and the validation curve) share: a plot over
//! thresholds from 0 to 1 that the pointer neither moves nor zooms (a drag on the histogram
//! moves the what-if threshold instead), and the stream's and the what-if thresholds drawn on
//! it the same way.

use egui::{AsIdSalt, Color32, Stroke};
use egui_plot::{LineStyle, Plot, PlotUi, VLine, uniform_grid_spacer};

use crate::text::percent;

use super::Chosen;

/// A plot `height` points high over thresholds from 0 to 1, marked every 25 % (labelled) and
/// 5 %, that keeps its bounds whatever the pointer does.
pub(super) fn fixed(id_salt: impl AsIdSalt, height: f32) -> Plot<'static> {
    Plot::new(id_salt)
        .height(height)
        .default_x_bounds(0.0, 1.0)
        .allow_drag(false)
        .allow_zoom(false)
        .allow_scroll(false)
        .allow_boxed_zoom(false)
        .allow_double_click_reset(false)
        .allow_axis_zoom_drag(false)
        .x_grid_spacer(uniform_grid_spacer(|_| [0.05, 0.25, 1.0]))
        .x_axis_formatter(|mark, _| percent(mark.value))
}

/// The stream's threshold (a solid line, where it has one) and the what-if threshold (dashed),
/// in the theme's colours, read before the plot is drawn.
pub(super) struct ThresholdLines {
    stream: Option<f64>,
    what_if: f64,
    strong: Color32,
    warn: Color32,
}

impl ThresholdLines {
    pub(super) fn new(ui: &egui::Ui, chosen: &Chosen) -> Self {
        Self {
            stream: chosen.stream,
            what_if: chosen.what_if,
            strong: ui.visuals().strong_text_color(),
            warn: ui.visuals().warn_fg_color,
        }
    }

    pub(super) fn draw(&self, plot: &mut PlotUi<'_>) {
        if let Some(stream) = self.stream {
            let line = VLine::new("the stream's threshold", stream);
            plot.vline(line.stroke(Stroke::new(2.0, self.strong)));
        }
        let what_if = VLine::new("what-if threshold", self.what_if)
            .stroke(Stroke::new(2.0, self.warn))
            .style(LineStyle::dashed_dense());
        plot.vline(what_if);
    }
}
