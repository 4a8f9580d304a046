//! Serde models of the API's JSON. All of them are lenient: unknown fields are ignored, open
//! enums keep unknown values as text, `null` reads as empty, and only identifiers are required.
//! Anything that can nest without bound (markup, filters, unknown values) is kept as a
//! [`RawValue`], which serde_json skips without recursion, so deep input cannot overflow the stack.

mod catalog;
mod comment;
mod curve;
mod label;
mod page;
mod prediction;
mod properties;
mod time;
mod validation;

pub use catalog::{
    Dataset, EntityDef, FieldDef, GeneralFieldDef, LabelDef, LabelGroup, LabelThreshold, Project,
    Stream, StreamModel, User,
};
pub use comment::{Attachment, Comment, Message, RichText, Text};
pub use curve::{CurveError, CurveList, CurvePoint, LabelCurve};
pub use label::LabelPath;
pub use page::{Page, ParseProblem, ProblemKind, Route, StreamResult};
pub use prediction::{
    Confidence, Entity, ExtractedField, FieldValue, GeneralFieldPrediction, LabelOccurrence,
    LabelPropertyPrediction, PredictedLabel, Score, Span, StreamPrediction, TaxonomyPrediction,
};
pub use properties::{PropertyValue, UserProperties, UserProperty};
pub use serde_json::value::RawValue;
/// Short texts (ids, names, addresses, times): inline up to 23 bytes, so most take no allocation.
pub use smol_str::SmolStr;
pub use time::Timestamp;
pub use validation::{Labeller, ModelRating, Quality, ValidationSummary, VersionValidation};

use serde::{Deserialize, Deserializer};

/// Reads `null` (or an absent field, with `#[serde(default)]`) as the type's default.
pub(crate) fn null_as_default<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Default + Deserialize<'de>,
{
    Ok(Option::<T>::deserialize(deserializer)?.unwrap_or_default())
}

/// The value if it reads as `T`, else `None`: for fields whose odd values are no reason to drop
/// the object that holds them.
pub(crate) fn lenient<'de, D, T>(deserializer: D) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
    T: serde::de::DeserializeOwned,
{
    let value = serde_json::Value::deserialize(deserializer)?;
    Ok(serde_json::from_value(value).ok())
}
