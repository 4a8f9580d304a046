//! Label rows for one result: probability, the stream's threshold and where the label stands
//! against it, in taxonomy order (parents before children) or as a flat list of leaves
//! ([`super::taxonomy`] arranges them).

use std::collections::HashMap;

use crate::api::{LabelOccurrence, LabelPath, PredictedLabel, SmolStr, StreamModel};

use super::fields::{FieldRow, SpanBatch};

/// Where a label stands against the stream's threshold.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum LabelState {
    /// At or above the stream's threshold: the stream lets it through.
    Above,
    Below,
    /// The stream's threshold is 1.0 or more: the label is switched off in this stream.
    Off,
    /// The stream has no threshold for this label.
    NoThreshold,
    /// Not predicted itself; listed so that its predicted children read under it.
    NotPredicted,
}

impl LabelState {
    /// The state in words, for the row and its tooltip.
    pub fn describe(self) -> &'static str {
        match self {
            Self::Above => "above the stream's threshold",
            Self::Below => "below the stream's threshold",
            Self::Off => "off in this stream (threshold 100 %)",
            Self::NoThreshold => "the stream has no threshold for this label",
            Self::NotPredicted => "not predicted; shown because a label under it was",
        }
    }

    /// Fetch route: the probability against the stream's threshold (`None`: it has none). This
    /// and [`LabelState::of_occurrence`] are the one rule for "above the threshold", used by the
    /// inspector and by the page comparison alike.
    pub fn of_probability(probability: Option<f64>, threshold: Option<f64>) -> Self {
        match (threshold, probability) {
            (None, _) => Self::NoThreshold,
            (Some(t), _) if t >= 1.0 => Self::Off,
            (Some(t), Some(p)) if lets_through(p, t) => Self::Above,
            (Some(_), _) => Self::Below,
        }
    }

    /// Results route: the `stream` entry the server put in `occurrence_confidence.thresholds`
    /// decides above or below; the stream's threshold only tells whether the label is off.
    pub fn of_occurrence(occurrence: &LabelOccurrence, threshold: Option<f64>) -> Self {
        let cleared_stream = occurrence
            .occurrence_confidence
            .as_ref()
            .is_some_and(|c| c.thresholds.iter().any(|t| t == "stream"));
        match threshold {
            _ if cleared_stream => Self::Above,
            Some(t) if t >= 1.0 => Self::Off,
            Some(_) => Self::Below,
            None => Self::NoThreshold,
        }
    }
}

/// One label as the view draws it. A label occurring twice on the results route gives two rows.
#[derive(Clone, Debug)]
pub struct LabelRow {
    pub path: LabelPath,
    /// Indent level in the taxonomy order (0 for a top-level label).
    pub depth: usize,
    /// Fetch: `probability`; results: `occurrence_confidence.value`. `None` for a placeholder.
    pub probability: Option<f64>,
    /// The stream's threshold for this label, if it has one.
    pub threshold: Option<f64>,
    pub state: LabelState,
    /// Fetch route, sentiment-enabled datasets only; the sign is what matters.
    pub sentiment: Option<f64>,
    /// Thresholds the probability clears: fetch `auto_thresholds`, results
    /// `occurrence_confidence.thresholds` (where `stream` means the stream's own).
    pub cleared: Vec<SmolStr>,
    /// Results route.
    pub extraction_confidence: Option<f64>,
    pub extraction_cleared: Vec<SmolStr>,
    /// Results route: every field defined for the label, found or not.
    pub fields: Vec<FieldRow>,
}

impl LabelRow {
    pub fn is_placeholder(&self) -> bool {
        self.state == LabelState::NotPredicted
    }
}

/// What a result says about labels: a stream without a model is not the same as no labels.
#[derive(Clone, Debug)]
pub enum Labels {
    /// `labels` absent or `null` (fetch), `prediction: null` (results).
    NoModel,
    Predicted(LabelList),
}

/// The label rows of one result, arranged once, read every frame.
#[derive(Clone, Debug, Default)]
pub struct LabelList {
    rows: Vec<LabelRow>,
    leaves: Vec<usize>,
}

impl LabelList {
    /// Taxonomy order: siblings by probability (highest first), each parent followed by its
    /// children; placeholders fill in parents that were not predicted.
    pub fn rows(&self) -> &[LabelRow] {
        &self.rows
    }

    /// Leaf-only order: predicted labels with nothing predicted under them, highest first.
    pub fn leaves(&self) -> impl ExactSizeIterator<Item = &LabelRow> + '_ {
        self.leaves.iter().map(|&i| &self.rows[i])
    }

    /// Whether no label was predicted at all.
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// The list [`super::taxonomy::arrange`] made: `rows` in taxonomy order, `leaves` indices
    /// into them in leaf-only order.
    pub(super) fn arranged(rows: Vec<LabelRow>, leaves: Vec<usize>) -> Self {
        Self { rows, leaves }
    }
}

/// A stream's thresholds by label, looked up once per label instead of scanning the stream's
/// list (taxonomies have hundreds of labels; a page has thousands of predictions).
#[derive(Clone, Debug, Default)]
pub(crate) struct Thresholds<'a>(HashMap<&'a LabelPath, Option<f64>>);

impl<'a> Thresholds<'a> {
    /// No model (or an unknown stream) means no thresholds.
    pub(crate) fn new(stream: Option<&'a StreamModel>) -> Self {
        let mut by_label = HashMap::new();
        for threshold in stream.iter().flat_map(|model| &model.label_thresholds) {
            // The first entry for a label counts, as in `StreamModel::threshold_for`.
            by_label
                .entry(&threshold.name)
                .or_insert(threshold.threshold);
        }
        Self(by_label)
    }

    pub(crate) fn get(&self, label: &LabelPath) -> Option<f64> {
        self.0.get(label).copied().flatten()
    }
}

/// Whether a probability gets through a threshold: at or above it, and a threshold of 100 % or
/// more lets nothing through. [`LabelState::of_probability`] decides with it, and so does the
/// overview's what-if, which compares with thresholds the stream does not have.
pub(crate) fn lets_through(probability: f64, threshold: f64) -> bool {
    threshold < 1.0 && probability >= threshold
}

/// Fetch route: a row per predicted label; its fields are none.
pub(crate) fn fetch_row(label: &PredictedLabel, thresholds: &Thresholds) -> LabelRow {
    let threshold = thresholds.get(&label.name);
    let state = LabelState::of_probability(label.probability, threshold);
    LabelRow {
        path: label.name.clone(),
        depth: 0,
        probability: label.probability,
        threshold,
        state,
        sentiment: label.sentiment,
        cleared: label.auto_thresholds.clone(),
        extraction_confidence: None,
        extraction_cleared: Vec::new(),
        fields: Vec::new(),
    }
}

/// Results route: a row per occurrence, its state by [`LabelState::of_occurrence`].
pub(crate) fn results_row<'a>(
    occurrence: &'a LabelOccurrence,
    thresholds: &Thresholds,
    batch: &mut SpanBatch<'a>,
) -> LabelRow {
    let threshold = thresholds.get(&occurrence.name);
    let state = LabelState::of_occurrence(occurrence, threshold);
    let occurrence_confidence = occurrence.occurrence_confidence.clone().unwrap_or_default();
    for field in &occurrence.fields {
        batch.extracted_field(field);
    }
    let extraction = occurrence.extraction_confidence.clone().unwrap_or_default();
    LabelRow {
        path: occurrence.name.clone(),
        depth: 0,
        probability: occurrence_confidence.value,
        threshold,
        state,
        sentiment: None,
        cleared: occurrence_confidence.thresholds,
        extraction_confidence: extraction.value,
        extraction_cleared: extraction.thresholds,
        fields: Vec::new(),
    }
}

#[cfg(test)]
#[path = "labels_tests.rs"]
mod tests;
