//! What one result predicts, read the same way from either route so that a `/fetch` page and a
//! `/results` page compare: one value per label, and the general fields as (name, value).

use crate::api::{LabelPath, Route, SmolStr, StreamResult};
use crate::inspect::{LabelState, Thresholds, entity_name, general_field_name, shown_taxonomy};

/// One label of one result. On the results route a label may occur more than once: its
/// occurrences count as one, with the highest confidence, above the threshold if any one is.
#[derive(Clone, Copy, Debug)]
pub(super) struct Label<'p> {
    pub path: &'p LabelPath,
    /// Fetch: `probability`; results: `occurrence_confidence.value`.
    pub probability: Option<f64>,
    pub threshold: Option<f64>,
    /// See [`handed_over`].
    pub above: Option<bool>,
}

/// A general field: fetch `entities`, results `general_fields` of the shown taxonomy.
pub(super) type Field = (SmolStr, Option<SmolStr>);

#[derive(Debug, Default)]
pub(super) struct Predictions<'p> {
    /// Sorted by path, one entry per label.
    pub labels: Vec<Label<'p>>,
    /// Sorted, repeats kept (a field found twice is two fields).
    pub fields: Vec<Field>,
    /// False when the stream has no model (`labels` absent, `prediction: null`).
    pub has_model: bool,
}

impl Predictions<'_> {
    /// The labels at or above the stream's threshold: what the stream hands over.
    pub fn above(&self) -> Vec<LabelPath> {
        let above = self.labels.iter().filter(|label| label.above == Some(true));
        above.map(|label| label.path.clone()).collect()
    }
}

/// The labels and fields of `result`, each label's standing decided by the inspector's rule
/// ([`LabelState::of_probability`], [`LabelState::of_occurrence`]); the results route reads
/// the taxonomy the inspector shows.
pub(super) fn read<'p>(
    result: &'p StreamResult,
    route: Route,
    thresholds: &Thresholds,
) -> Predictions<'p> {
    let mut read = Predictions::default();
    match route {
        Route::Fetch => {
            read.fields = result
                .entities
                .iter()
                .map(|entity| (entity_name(entity), entity.formatted_value.clone()))
                .collect();
            if let Some(labels) = &result.labels {
                read.has_model = true;
                read.labels = labels
                    .iter()
                    .map(|label| {
                        let threshold = thresholds.get(&label.name);
                        let state = LabelState::of_probability(label.probability, threshold);
                        Label {
                            path: &label.name,
                            probability: label.probability,
                            threshold,
                            above: handed_over(state, route),
                        }
                    })
                    .collect();
            }
        }
        Route::Results => {
            if let Some(prediction) = &result.prediction {
                read.has_model = true;
                if let Some(taxonomy) = shown_taxonomy(prediction) {
                    read.fields = taxonomy
                        .general_fields
                        .iter()
                        .map(|field| {
                            let value = field.value.as_ref().and_then(|v| v.formatted.clone());
                            (general_field_name(field), value)
                        })
                        .collect();
                    read.labels = taxonomy
                        .labels
                        .iter()
                        .map(|occurrence| {
                            let threshold = thresholds.get(&occurrence.name);
                            let state = LabelState::of_occurrence(occurrence, threshold);
                            let confidence = occurrence.occurrence_confidence.as_ref();
                            Label {
                                path: &occurrence.name,
                                probability: confidence.and_then(|c| c.value),
                                threshold,
                                above: handed_over(state, route),
                            }
                        })
                        .collect();
                }
            }
        }
    }
    read.labels.sort_by(|a, b| a.path.cmp(b.path));
    read.labels.dedup_by(|later, kept| {
        let same = later.path == kept.path;
        if same {
            kept.probability = highest(kept.probability, later.probability);
            kept.above = kept.above.max(later.above);
        }
        same
    });
    read.fields.sort_unstable();
    read
}

/// Whether the stream hands the label over (at or above its threshold), or `None` where that
/// cannot be told: a `/fetch` label whose threshold is unknown. On `/results` the server marks
/// every label that cleared the stream's threshold, so an unmarked one is below.
fn handed_over(state: LabelState, route: Route) -> Option<bool> {
    match (state, route) {
        (LabelState::Above, _) => Some(true),
        (LabelState::NoThreshold, Route::Fetch) => None,
        _ => Some(false),
    }
}

fn highest(a: Option<f64>, b: Option<f64>) -> Option<f64> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.max(b)),
        (a, b) => a.or(b),
    }
}
