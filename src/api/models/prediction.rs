//! Predictions as the two stream routes deliver them: `labels`/`entities` beside the comment on
//! `/fetch`, and one `prediction` object per result on `/results`.

use serde::{Deserialize, Serialize};

use super::{LabelPath, SmolStr, null_as_default};

/// A predicted label on the fetch route (and the query and predict routes).
#[derive(Clone, Debug, Deserialize, Serialize)]
pub struct PredictedLabel {
    pub name: LabelPath,
    #[serde(default)]
    pub probability: Option<f64>,
    /// Only in sentiment-enabled datasets; the sign is what matters, the range is undocumented.
    #[serde(default)]
    pub sentiment: Option<f64>,
    /// Built-in thresholds the probability clears (`high_recall`, `balanced`, `high_precision`).
    #[serde(default, deserialize_with = "null_as_default")]
    pub auto_thresholds: Vec<SmolStr>,
}

/// A general field (entity) found in the comment.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
pub struct Entity {
    #[serde(default)]
    pub id: Option<SmolStr>,
    #[serde(default)]
    pub name: Option<SmolStr>,
    #[serde(default)]
    pub kind: Option<SmolStr>,
    #[serde(default)]
    pub formatted_value: Option<SmolStr>,
    #[serde(default)]
    pub probability: Option<f64>,
    #[serde(default)]
    pub field_id: Option<SmolStr>,
    #[serde(default, deserialize_with = "null_as_default")]
    pub spans: Vec<Span>,
    /// Deprecated single span, still sent by older deployments.
    #[serde(default)]
    pub span: Option<Span>,
}

/// Where a prediction points in the comment. `char_*` count code points; `utf16_byte_*` count
/// UTF-16 bytes (two per code unit). Either pair may be missing; neither is trusted to fit.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize, Serialize)]
pub struct Span {
    /// `body`, `subject` or `signature`; kept open.
    #[serde(default)]
    pub content_part: Option<SmolStr>,
    #[serde(default)]
    pub message_index: Option<usize>,
    #[serde(default)]
    pub char_start: Option<usize>,
    #[serde(default)]
    pub char_end: Option<usize>,
    #[serde(default)]
    pub utf16_byte_start: Option<usize>,
    #[serde(default)]
    pub utf16_byte_end: Option<usize>,
}

/// Tone or quality of service on the fetch route.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
pub struct LabelPropertyPrediction {
    #[serde(default)]
    pub property_id: Option<SmolStr>,
    #[serde(default)]
    pub property_name: Option<SmolStr>,
    #[serde(default)]
    pub value: Option<f64>,
}

/// The `prediction` of one result on the results route; `null` when the stream has no model.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
pub struct StreamPrediction {
    #[serde(default, deserialize_with = "null_as_default")]
    pub taxonomies: Vec<TaxonomyPrediction>,
    /// Document scores (tone, quality of service); zeros are omitted by the API.
    #[serde(default, deserialize_with = "null_as_default")]
    pub scores: Vec<Score>,
}

#[derive(Clone, Debug, Default, Deserialize, Serialize)]
pub struct TaxonomyPrediction {
    #[serde(default)]
    pub name: Option<SmolStr>,
    #[serde(default, deserialize_with = "null_as_default")]
    pub labels: Vec<LabelOccurrence>,
    #[serde(default, deserialize_with = "null_as_default")]
    pub general_fields: Vec<GeneralFieldPrediction>,
}

/// One occurrence of a label on the results route; a label may occur more than once.
#[derive(Clone, Debug, Deserialize, Serialize)]
pub struct LabelOccurrence {
    pub name: LabelPath,
    #[serde(default)]
    pub occurrence_confidence: Option<Confidence>,
    #[serde(default)]
    pub extraction_confidence: Option<Confidence>,
    #[serde(default, deserialize_with = "null_as_default")]
    pub fields: Vec<ExtractedField>,
}

/// A confidence and the thresholds it clears; `stream` means the stream's own threshold.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
pub struct Confidence {
    #[serde(default)]
    pub value: Option<f64>,
    #[serde(default, deserialize_with = "null_as_default")]
    pub thresholds: Vec<SmolStr>,
}

#[derive(Clone, Debug, Default, Deserialize, Serialize)]
pub struct ExtractedField {
    #[serde(default)]
    pub name: Option<SmolStr>,
    #[serde(default)]
    pub value: Option<FieldValue>,
    #[serde(default, deserialize_with = "null_as_default")]
    pub text_spans: Vec<Span>,
}

#[derive(Clone, Debug, Default, Deserialize, Serialize)]
pub struct GeneralFieldPrediction {
    #[serde(default)]
    pub name: Option<SmolStr>,
    #[serde(default)]
    pub value: Option<FieldValue>,
    #[serde(default)]
    pub confidence: Option<f64>,
    #[serde(default, deserialize_with = "null_as_default")]
    pub text_spans: Vec<Span>,
}

#[derive(Clone, Debug, Default, Deserialize, Serialize)]
pub struct FieldValue {
    #[serde(default)]
    pub formatted: Option<SmolStr>,
}

#[derive(Clone, Debug, Default, Deserialize, Serialize)]
pub struct Score {
    #[serde(default)]
    pub name: Option<SmolStr>,
    #[serde(default)]
    pub value: Option<f64>,
}
