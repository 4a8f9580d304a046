//! What the model's validation routes return: a dataset's model versions (`labellers`) and a
//! version's validation summary. Each label's curve is a [`super::LabelCurve`].

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::{LabelDef, LabelGroup, LabelPath, Timestamp, lenient, null_as_default};

/// The label group streams use.
const DEFAULT_GROUP: &str = "default";

/// One trained version of a dataset's model, as `POST …/labellers` lists it.
#[derive(Clone, Debug, Deserialize, Serialize)]
pub struct Labeller {
    pub version: i64,
    #[serde(default, deserialize_with = "lenient")]
    pub trained_time: Option<Timestamp>,
    #[serde(default, deserialize_with = "lenient")]
    pub validated: Option<bool>,
    /// Streams can only use a pinned version.
    #[serde(default, deserialize_with = "lenient")]
    pub pinned: Option<bool>,
}

/// A model version's validation (`GET …/labellers/<version>/validation`): its label groups with
/// their definitions, and the summary.
#[derive(Clone, Debug, Deserialize, Serialize)]
pub struct VersionValidation {
    #[serde(default, deserialize_with = "null_as_default")]
    pub label_groups: Vec<LabelGroup>,
    #[serde(rename = "validation")]
    pub summary: ValidationSummary,
}

impl VersionValidation {
    /// The `default` group, which streams use.
    pub fn default_group(&self) -> Option<&LabelGroup> {
        self.label_groups.iter().find(|g| g.name == DEFAULT_GROUP)
    }

    /// The definition of `label` in the default group: `None` when this version does not know it.
    pub fn label_def(&self, label: &LabelPath) -> Option<&LabelDef> {
        self.default_group()?
            .label_defs
            .iter()
            .find(|def| &def.name == label)
    }
}

#[derive(Clone, Debug, Default, Deserialize, Serialize)]
pub struct ValidationSummary {
    #[serde(default, deserialize_with = "lenient")]
    pub version: Option<i64>,
    #[serde(default, deserialize_with = "lenient")]
    pub model_rating: Option<ModelRating>,
    /// How many reviewed comments the version was validated on.
    #[serde(default, deserialize_with = "lenient")]
    pub reviewed_size: Option<u64>,
}

/// The platform's overall rating of a model version.
#[derive(Clone, Debug, Deserialize, Serialize)]
pub struct ModelRating {
    /// 0 to 100.
    #[serde(default, deserialize_with = "lenient")]
    pub score: Option<f64>,
    #[serde(default, deserialize_with = "lenient")]
    pub quality: Option<Quality>,
}

/// The rating's word. Values this client does not know are kept as sent.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Quality {
    None,
    Poor,
    Average,
    Good,
    Excellent,
    Other(String),
}

impl Quality {
    pub fn as_str(&self) -> &str {
        match self {
            Quality::None => "none",
            Quality::Poor => "poor",
            Quality::Average => "average",
            Quality::Good => "good",
            Quality::Excellent => "excellent",
            Quality::Other(text) => text,
        }
    }
}

impl fmt::Display for Quality {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Quality {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Quality {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Ok(match text.as_str() {
            "none" => Quality::None,
            "poor" => Quality::Poor,
            "average" => Quality::Average,
            "good" => Quality::Good,
            "excellent" => Quality::Excellent,
            _ => Quality::Other(text),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_summary_reads_leniently() {
        let body = r#"{"label_groups": [{"name": "other", "label_defs": null},
                        {"name": "default", "instructions": "",
                         "label_defs": [{"name": "Complaint > Fees", "title": "Fees complaint",
                                         "moon_form": [{"name": "Amount", "kind": "money"}]}]}],
                       "validation": {"version": 7, "reviewed_size": "many",
                                      "model_rating": {"score": 83.0, "quality": "superb"}},
                       "extra": {"deep": [1, 2]}}"#;
        let read: VersionValidation = serde_json::from_str(body).unwrap();
        assert_eq!(read.summary.version, Some(7));
        assert_eq!(read.summary.reviewed_size, None, "not a number: unknown");
        let rating = read.summary.model_rating.as_ref().unwrap();
        assert_eq!(rating.quality, Some(Quality::Other("superb".into())));
        let fees = read
            .label_def(&LabelPath::parse("Complaint > Fees"))
            .unwrap();
        assert_eq!(fees.title.as_deref(), Some("Fees complaint"));
        assert_eq!(fees.moon_form[0].kind.as_deref(), Some("money"));
        assert!(read.label_def(&LabelPath::parse("Complaint")).is_none());
    }

    #[test]
    fn a_labeller_needs_only_its_version() {
        let read: Labeller =
            serde_json::from_str(r#"{"version": 6, "trained_time": 12, "pinned": true}"#).unwrap();
        assert_eq!((read.version, read.pinned), (6, Some(true)));
        assert!(read.trained_time.is_none());
    }
}
