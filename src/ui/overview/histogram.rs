//! The chosen label's probabilities as a histogram (`egui_plot`), in the label's colour: the
//! comments the stream lets through full, the others faded, the stream's threshold a solid
//! line and the what-if threshold a dashed one. Dragging on the plot (or a click) moves the
//! what-if threshold.

use egui::{Color32, Role, Stroke, WidgetInfo};
use egui_plot::{Bar, BarChart};

use crate::api::LabelPath;
use crate::inspect::PageGeneration;
use crate::inspect::overview::{HISTOGRAM_BINS, Histogram, Note};
use crate::text::plural;

use super::Chosen;
use super::threshold_plot::{self, ThresholdLines};

const HEIGHT: f32 = 170.0;

/// The last histogram computed, for the pages and label it was computed for: a frame while
/// dragging reads it instead of binning the whole history again.
#[derive(Debug)]
pub(super) struct Cache {
    /// `None` until the first histogram is computed.
    key: Option<(Vec<PageGeneration>, LabelPath)>,
    histogram: Result<Histogram, Note>,
}

impl Default for Cache {
    fn default() -> Self {
        Self {
            key: None,
            histogram: Err(Note::NoComments),
        }
    }
}

impl Cache {
    fn get(&mut self, chosen: &Chosen) -> &Result<Histogram, Note> {
        let key = (
            chosen.overview.pages().collect(),
            chosen.summary.path.clone(),
        );
        if self.key.as_ref() != Some(&key) {
            self.histogram = chosen.overview.histogram(&key.1);
            self.key = Some(key);
        }
        &self.histogram
    }

    /// Draws the histogram; returns the what-if threshold the pointer set, if it did.
    pub(super) fn show(
        &mut self,
        ui: &mut egui::Ui,
        chosen: &Chosen,
        colour: Color32,
    ) -> Option<f64> {
        let histogram = match self.get(chosen) {
            Ok(histogram) => histogram,
            Err(note) => {
                ui.label(note.to_string());
                return None;
            }
        };
        let width = 1.0 / HISTOGRAM_BINS as f64;
        // Filled in the label's colour, the comments held back faded; each bar outlined in the
        // same colour so that neighbouring bins read as one shape.
        let bars = |counts: &[usize], fill: Color32| -> Vec<Bar> {
            (counts.iter().enumerate())
                .map(|(bin, &count)| {
                    Bar::new((bin as f64 + 0.5) * width, count as f64)
                        .width(width)
                        .fill(fill)
                        .stroke(Stroke::new(0.5, fill))
                })
                .collect()
        };
        let faded = colour.gamma_multiply(0.4);
        let above = BarChart::new("let through", bars(&histogram.above, colour)).color(colour);
        let below = BarChart::new("held back", bars(&histogram.below, faded))
            .color(faded)
            .stack_on(&[&above]);
        let lines = ThresholdLines::new(ui, chosen);
        let label = &chosen.summary.path;
        let response = threshold_plot::fixed(("overview-histogram", label.to_string()), HEIGHT)
            .include_y(0.0)
            .show_x(false)
            .show_y(false)
            .show(ui, |plot| {
                plot.bar_chart(above);
                plot.bar_chart(below);
                lines.draw(plot);
            });
        let counted = histogram
            .above
            .iter()
            .chain(&histogram.below)
            .sum::<usize>();
        let name = format!(
            "Histogram of {label}: the probabilities of {} in {HISTOGRAM_BINS} bins; drag to \
             move the what-if threshold",
            plural(counted, "comment"),
        );
        let plot = response.response;
        plot.widget_info(|| {
            let mut info = WidgetInfo::labeled(Role::Slider, true, &name);
            info.value = Some(chosen.what_if * 100.0);
            info
        });
        let pointer = plot.interact_pointer_pos();
        let x = pointer.filter(|_| plot.dragged() || plot.clicked())?;
        let value = response.transform.value_from_position(x).x;
        Some((value.clamp(0.0, 1.0) * 100.0).round() / 100.0)
    }
}
