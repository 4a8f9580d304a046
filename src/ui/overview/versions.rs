//! Model versions on this stream: another version of the dataset's model read at the stream's
//! thresholds, label by label: precision and recall there for the stream's version and the
//! other, and the thresholds at which the other keeps the same recall and the same precision.
//! The figures are `streamlens stats --compare-version`'s ([`stream_stats::label_stat`]).
//! Read-only: nothing is predicted or written.

use egui::{ComboBox, Grid};

use crate::api::{LabelCurve, LabelPath, VersionValidation};
use crate::inspect::stream_stats::{self, StreamStat};
use crate::state::{Action, AppState, Known, VersionState};
use crate::text::{percent, percent_tenths};
use crate::worker::ValidationKey;

use super::{Ask, OverviewView};

pub(super) fn show(
    ui: &mut egui::Ui,
    view: &mut OverviewView,
    state: &AppState,
    asked: &mut Vec<Ask>,
) {
    egui::CollapsingHeader::new("Model versions on this stream")
        .default_open(true)
        .show(ui, |ui| body(ui, view, state, asked));
}

fn body(ui: &mut egui::Ui, view: &mut OverviewView, state: &AppState, asked: &mut Vec<Ask>) {
    let key = match state.shown_page_validation() {
        Ok(key) => key,
        Err(why) => {
            ui.label(why);
            return;
        }
    };
    let record = state
        .pages
        .current()
        .and_then(|shown| shown.entry.provenance.as_ref());
    let thresholds = record.map_or_else(Vec::new, |r| stream_stats::thresholds_on(&r.model()));
    if thresholds.is_empty() {
        ui.label("The stream lets no label through (no threshold below 100%): nothing to compare.");
        return;
    }
    let Some(other) = choose_version(ui, view, state, &key, asked) else {
        return;
    };
    let labels: Vec<LabelPath> = thresholds.iter().map(|(label, _)| label.clone()).collect();
    let other = ValidationKey {
        version: other,
        ..key.clone()
    };
    let (Some(mine), Some(theirs)) = (
        loaded(ui, state, &key, &labels, asked),
        loaded(ui, state, &other, &labels, asked),
    ) else {
        return;
    };
    // Wider than the panel: the panel's own scroll area scrolls it sideways.
    Grid::new("overview-version-table")
        .striped(true)
        .show(ui, |ui| {
            for head in [
                "Label".to_owned(),
                "Threshold".to_owned(),
                format!("Precision v{}", key.version),
                format!("Recall v{}", key.version),
                format!("Precision v{}", other.version),
                format!("Recall v{}", other.version),
                format!("v{}'s threshold for the same recall", other.version),
                format!("v{}'s threshold for the same precision", other.version),
            ] {
                ui.strong(head);
            }
            ui.end_row();
            for (label, threshold) in &thresholds {
                row(ui, (label, *threshold), (&key, mine), (&other, theirs));
            }
        });
}

/// The version to compare with, from the dataset's listing (asked for when not known).
fn choose_version(
    ui: &mut egui::Ui,
    view: &mut OverviewView,
    state: &AppState,
    key: &ValidationKey,
    asked: &mut Vec<Ask>,
) -> Option<i64> {
    let dataset = (key.project.clone(), key.dataset.clone());
    let list = || {
        Ask::Act(Action::ListModelVersions {
            project: key.project.clone(),
            dataset: key.dataset.clone(),
        })
    };
    let versions: Vec<i64> = match state.validations.listings.get(&dataset) {
        None => {
            asked.push(list());
            ui.weak("Reading the dataset's model versions…");
            return None;
        }
        Some(Known::Loading(_)) => {
            ui.weak("Reading the dataset's model versions…");
            return None;
        }
        Some(Known::NotAvailable(why) | Known::Failed(why)) => {
            ui.label(why);
            if ui.button("Try again").clicked() {
                asked.push(list());
            }
            return None;
        }
        Some(Known::Available(listed)) => (listed.iter())
            .map(|labeller| labeller.version)
            .filter(|&version| version != key.version)
            .collect(),
    };
    if versions.is_empty() {
        ui.label(format!(
            "{}/{} has no model version besides {}.",
            key.project, key.dataset, key.version
        ));
        return None;
    }
    ui.horizontal(|ui| {
        let name = ui.label(format!("Compare version {} with", key.version));
        let shown = view
            .compare
            .map_or("choose…".to_owned(), |v| format!("version {v}"));
        ComboBox::from_id_salt("overview-compare-version")
            .selected_text(shown)
            .show_ui(ui, |ui| {
                for &version in &versions {
                    ui.selectable_value(
                        &mut view.compare,
                        Some(version),
                        format!("version {version}"),
                    );
                }
            })
            .response
            .labelled_by(name.id);
    });
    ui.weak("Read from each version's validation: nothing is predicted, nothing is written.");
    view.compare.filter(|version| versions.contains(version))
}

/// The version's validation with the curves of `labels`, once its summary has come; asks for
/// what is not known yet, and says why it cannot be read where it cannot.
fn loaded<'a>(
    ui: &mut egui::Ui,
    state: &'a AppState,
    key: &ValidationKey,
    labels: &[LabelPath],
    asked: &mut Vec<Ask>,
) -> Option<&'a VersionState> {
    let load = |labels: Vec<LabelPath>| {
        Ask::Act(Action::LoadValidation {
            key: key.clone(),
            labels,
        })
    };
    let Some(version) = state.validations.get(key) else {
        asked.push(load(labels.to_vec()));
        return None;
    };
    match &version.summary {
        Known::Available(_) => {
            let missing: Vec<LabelPath> = (labels.iter())
                .filter(|label| !version.curves.contains_key(*label))
                .cloned()
                .collect();
            if !missing.is_empty() {
                asked.push(load(missing));
            }
            Some(version)
        }
        Known::Loading(_) => {
            ui.weak(format!(
                "Reading the validation of model version {}…",
                key.version
            ));
            None
        }
        Known::NotAvailable(why) | Known::Failed(why) => {
            ui.label(format!("Model version {}: {why}", key.version));
            if ui
                .button(format!("Try version {} again", key.version))
                .clicked()
            {
                asked.push(load(labels.to_vec()));
            }
            None
        }
    }
}

/// One label's row: the figures, or the sentence saying why they cannot be read.
fn row(
    ui: &mut egui::Ui,
    (label, threshold): (&LabelPath, f64),
    (key, mine): (&ValidationKey, &VersionState),
    (other, theirs): (&ValidationKey, &VersionState),
) {
    let figures = stat(label, threshold, mine, theirs);
    let name = match &figures {
        Ok(stat) => describe(stat, key.version, other.version),
        Err(why) => format!("{label}: {why}"),
    };
    let cell = ui.label(label.to_string()).on_hover_text(&name);
    cell.widget_info(|| egui::WidgetInfo::labeled(egui::accesskit::Role::Label, true, &name));
    ui.label(percent(threshold));
    match figures {
        Ok(stat) => {
            let or_none = |value: Option<f64>| value.map_or("none".to_owned(), percent_tenths);
            ui.label(percent_tenths(stat.precision));
            ui.label(percent_tenths(stat.recall));
            ui.label(or_none(stat.compare_to_precision));
            ui.label(or_none(stat.compare_to_recall));
            ui.label(or_none(stat.maintain_recall_threshold));
            ui.label(or_none(stat.maintain_precision_threshold));
        }
        Err(why) => {
            ui.label(why);
        }
    }
    ui.end_row();
}

/// The figures of one label, as `streamlens stats --compare-version` computes them: the other
/// version's only where it defines the label.
fn stat(
    label: &LabelPath,
    threshold: f64,
    mine: &VersionState,
    theirs: &VersionState,
) -> Result<StreamStat, String> {
    let defines = |state: &VersionState| matches!(&state.summary, Known::Available(v) if VersionValidation::label_def(v, label).is_some());
    let own = curve(mine, label)?;
    let compared = if defines(theirs) {
        Some(curve(theirs, label)?)
    } else {
        None
    };
    stream_stats::label_stat(label, threshold, own, compared).map_err(|e| e.to_string())
}

/// The label's curve in this version, or why there is none (yet).
fn curve<'s>(state: &'s VersionState, label: &LabelPath) -> Result<&'s LabelCurve, String> {
    match state.curves.get(label) {
        Some(Known::Available(curve)) => Ok(curve),
        Some(Known::NotAvailable(why) | Known::Failed(why)) => Err(why.clone()),
        Some(Known::Loading(_)) | None => Err("reading its curve…".to_owned()),
    }
}

/// The row in one sentence, for screen readers and the row's tooltip.
fn describe(stat: &StreamStat, mine: i64, other: i64) -> String {
    let or_none = |value: Option<f64>| value.map_or("none".to_owned(), percent_tenths);
    format!(
        "{} at {}: version {mine} precision {} recall {}; version {other} precision {} recall {}; \
         version {other} keeps the same recall at {} and the same precision at {}",
        stat.label_name,
        percent(stat.threshold),
        percent_tenths(stat.precision),
        percent_tenths(stat.recall),
        or_none(stat.compare_to_precision),
        or_none(stat.compare_to_recall),
        or_none(stat.maintain_recall_threshold),
        or_none(stat.maintain_precision_threshold),
    )
}
