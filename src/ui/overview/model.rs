//! The model behind the chosen label, from its validation: version, rating and quality, the
//! label's title and instructions, and its validation curve: precision and recall at the
//! stream's threshold and at the what-if one, the curve drawn, and the thresholds that keep a
//! precision or a recall. Where validation cannot be read, the state's sentence says why and
//! the what-if counts above still work.

use egui::DragValue;
use egui_plot::{Corner, Legend, Line, PlotPoints};

use crate::api::{CurveError, CurvePoint, LabelCurve, LabelPath, VersionValidation};
use crate::inspect::overview::Threshold;
use crate::state::{Action, AppState, Known};
use crate::text::{percent, percent_tenths};
use crate::worker::ValidationKey;

use super::threshold_plot::{self, ThresholdLines};
use super::{Ask, Chosen, OverviewView};

pub(super) fn show(
    ui: &mut egui::Ui,
    view: &mut OverviewView,
    chosen: &Chosen,
    state: &AppState,
    asked: &mut Vec<Ask>,
) {
    ui.separator();
    ui.strong("The model's validation");
    let label = &chosen.summary.path;
    let key = match state.shown_page_validation() {
        Ok(key) => key,
        Err(why) => {
            ui.label(why);
            return;
        }
    };
    let load = || {
        Ask::Act(Action::LoadValidation {
            key: key.clone(),
            labels: vec![label.clone()],
        })
    };
    let Some(version) = state.validations.get(&key) else {
        asked.push(load());
        ui.weak(format!(
            "Reading the validation of model version {}…",
            key.version
        ));
        return;
    };
    let summary = match &version.summary {
        Known::Available(summary) => summary,
        known => {
            if pending(ui, known, "the model's validation") {
                asked.push(load());
            }
            return;
        }
    };
    facts(ui, &key, summary, label);
    match version.curves.get(label) {
        None => {
            asked.push(load());
            ui.weak("Reading the label's validation curve…");
        }
        Some(Known::Available(curve)) => curve_panel(ui, view, chosen, curve),
        Some(known) => {
            if pending(ui, known, "the label's validation curve") {
                asked.push(load());
            }
        }
    }
}

/// Says what is known of something not available (yet); true when the user asks to try again.
fn pending<T>(ui: &mut egui::Ui, known: &Known<T>, what: &str) -> bool {
    match known {
        Known::Loading(_) => {
            ui.weak(format!("Reading {what}…"));
            false
        }
        Known::NotAvailable(why) | Known::Failed(why) => {
            ui.label(why);
            ui.button("Try again").clicked()
        }
        Known::Available(_) => false,
    }
}

/// The model version, its rating, and what validation says the label is.
fn facts(ui: &mut egui::Ui, key: &ValidationKey, summary: &VersionValidation, label: &LabelPath) {
    let mut line = format!("Model version {}", key.version);
    if let Some(rating) = &summary.summary.model_rating {
        if let Some(score) = rating.score {
            line.push_str(&format!(", rated {score:.0} of 100"));
        }
        if let Some(quality) = &rating.quality {
            line.push_str(&format!(" ({quality})"));
        }
    }
    if let Some(size) = summary.summary.reviewed_size {
        line.push_str(&format!(", validated on {size} reviewed comments"));
    }
    ui.label(line);
    match summary.label_def(label) {
        Some(def) => {
            if let Some(title) = def.title.as_deref().filter(|t| !t.is_empty()) {
                ui.label(format!("Title: {title}"));
            }
            if let Some(text) = def.instructions.as_deref().filter(|t| !t.is_empty()) {
                ui.label(format!("Instructions: {text}"));
            }
        }
        None => {
            ui.label(format!(
                "Model version {} does not define {label} in its default label group.",
                key.version
            ));
        }
    }
}

fn curve_panel(ui: &mut egui::Ui, view: &mut OverviewView, chosen: &Chosen, curve: &LabelCurve) {
    if let Err(broken) = curve.check() {
        ui.label(broken.to_string());
        return;
    }
    let stream = match &chosen.summary.threshold {
        Threshold::At(t) => reading("the stream's threshold", *t, curve),
        Threshold::Off => "The stream has the label off, so it lets nothing through: no \
                           precision or recall to read."
            .to_owned(),
        _ => "The stream has no one threshold for this label to read the curve at.".to_owned(),
    };
    ui.label(stream);
    ui.label(reading("the what-if threshold", chosen.what_if, curve));
    plot(ui, chosen, curve);
    keep(ui, view, curve);
}

/// `At the what-if threshold of 40%: precision 80.1% and recall 79.9% (the curve's entry at
/// 40.0%).`, or why the curve cannot say.
fn reading(what: &str, threshold: f64, curve: &LabelCurve) -> String {
    match curve.at_threshold(threshold) {
        Ok(point) => format!(
            "At {what} of {}: precision {} and recall {} (the curve's entry at {}).",
            percent(threshold),
            percent_tenths(point.precision),
            percent_tenths(point.recall),
            percent_tenths(point.threshold)
        ),
        Err(why) => format!("At {what} of {}: {why}", percent(threshold)),
    }
}

/// Precision and recall against the threshold, with both thresholds marked.
fn plot(ui: &mut egui::Ui, chosen: &Chosen, curve: &LabelCurve) {
    let series = |values: &[f64]| -> PlotPoints<'static> {
        (curve.thresholds.iter().zip(values))
            .map(|(&t, &v)| [t, v])
            .collect()
    };
    let lines = ThresholdLines::new(ui, chosen);
    let id = ("overview-curve", chosen.summary.path.to_string());
    let response = threshold_plot::fixed(id, 130.0)
        .default_y_bounds(0.0, 1.0)
        .legend(Legend::default().position(Corner::LeftBottom))
        .show(ui, |plot| {
            plot.line(Line::new("precision", series(&curve.precisions)));
            plot.line(Line::new("recall", series(&curve.recalls)));
            lines.draw(plot);
        });
    let name = format!(
        "Validation curve of {}: precision and recall at each threshold",
        chosen.summary.path
    );
    response
        .response
        .widget_info(|| egui::WidgetInfo::labeled(egui::accesskit::Role::Image, true, &name));
}

/// "Keep precision at least P" and "keep recall at least R": the threshold that does, and a
/// button that moves the what-if there.
fn keep(ui: &mut egui::Ui, view: &mut OverviewView, curve: &LabelCurve) {
    let mut set = None;
    ui.horizontal_wrapped(|ui| {
        let name = ui.label("Keep precision at least");
        let found = wanted(ui, &mut view.keep_precision, name.id, |p| {
            curve.keeping_precision(p)
        });
        if let Some(point) = found {
            ui.label(format!(
                "→ the lowest threshold that does: {} (recall {} there)",
                percent_tenths(point.threshold),
                percent_tenths(point.recall)
            ));
            if ui.button("What-if: keep precision").clicked() {
                set = Some(point.threshold);
            }
        }
    });
    ui.horizontal_wrapped(|ui| {
        let name = ui.label("Keep recall at least");
        let found = wanted(ui, &mut view.keep_recall, name.id, |r| {
            curve.keeping_recall(r)
        });
        if let Some(point) = found {
            ui.label(format!(
                "→ the highest threshold that does: {} (precision {} there)",
                percent_tenths(point.threshold),
                percent_tenths(point.precision)
            ));
            if ui.button("What-if: keep recall").clicked() {
                set = Some(point.threshold);
            }
        }
    });
    if let Some(threshold) = set {
        view.what_if = Some(threshold.clamp(0.0, 1.0));
    }
}

/// The input of a wanted figure (as a percentage) and the curve's answer: the point, or
/// `None` with a sentence shown here when there is none.
fn wanted(
    ui: &mut egui::Ui,
    value: &mut f64,
    name: egui::Id,
    find: impl Fn(f64) -> Result<Option<CurvePoint>, CurveError>,
) -> Option<CurvePoint> {
    let mut shown = *value * 100.0;
    let field = DragValue::new(&mut shown)
        .range(0.0..=100.0)
        .speed(0.5)
        .suffix("%");
    if ui.add(field).labelled_by(name).changed() {
        *value = shown / 100.0;
    }
    match find(*value) {
        Ok(found @ Some(_)) => found,
        Ok(None) => {
            ui.label(format!(
                "→ no threshold on the curve keeps {}.",
                percent(*value)
            ));
            None
        }
        Err(why) => {
            ui.label(why.to_string());
            None
        }
    }
}
