//! What the listings return: projects, datasets (with their taxonomy), streams and the user.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::{LabelPath, RawValue, Timestamp, null_as_default};

#[derive(Clone, Debug, Deserialize, Serialize)]
pub struct Project {
    /// API name, used in URLs.
    pub name: String,
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub description: Option<String>,
    /// Only on the private listing, and not on every deployment.
    #[serde(default)]
    pub id: Option<String>,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
pub struct Dataset {
    #[serde(default)]
    pub id: Option<String>,
    /// The project's name.
    pub owner: String,
    pub name: String,
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub created: Option<Timestamp>,
    #[serde(default)]
    pub last_modified: Option<Timestamp>,
    #[serde(default)]
    pub model_family: Option<String>,
    #[serde(default, deserialize_with = "null_as_default")]
    pub source_ids: Vec<String>,
    #[serde(default)]
    pub has_sentiment: Option<bool>,
    #[serde(default, deserialize_with = "null_as_default")]
    pub entity_defs: Vec<EntityDef>,
    #[serde(default, deserialize_with = "null_as_default")]
    pub general_fields: Vec<GeneralFieldDef>,
    #[serde(default, deserialize_with = "null_as_default")]
    pub label_defs: Vec<LabelDef>,
    #[serde(default, deserialize_with = "null_as_default")]
    pub label_groups: Vec<LabelGroup>,
    /// Ids of the enabled label properties (tone, quality of service).
    #[serde(
        default,
        rename = "_label_properties",
        deserialize_with = "null_as_default"
    )]
    pub label_properties: Vec<String>,
    #[serde(default, rename = "_timezone")]
    pub timezone: Option<String>,
    #[serde(
        default,
        rename = "_dataset_flags",
        deserialize_with = "null_as_default"
    )]
    pub dataset_flags: Vec<String>,
    #[serde(default, rename = "_model_config")]
    pub model_config: Option<Box<RawValue>>,
}

impl Dataset {
    /// IXP document datasets share the listing but their streams carry documents, not messages.
    pub fn is_ixp(&self) -> bool {
        let kind_is_not_cm = self.model_config.as_ref().is_some_and(|raw| {
            #[derive(Deserialize)]
            struct Kind {
                kind: Option<String>,
            }
            serde_json::from_str::<Kind>(raw.get())
                .ok()
                .and_then(|k| k.kind)
                .is_some_and(|kind| kind != "cm")
        });
        kind_is_not_cm || self.dataset_flags.iter().any(|flag| flag == "ixp")
    }
}

#[derive(Clone, Debug, Deserialize, Serialize)]
pub struct LabelDef {
    pub name: LabelPath,
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub instructions: Option<String>,
    #[serde(default)]
    pub external_id: Option<String>,
    /// The fields extracted with the label (in a model version's validation).
    #[serde(default, deserialize_with = "null_as_default")]
    pub moon_form: Vec<FieldDef>,
}

/// A field extracted with a label.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
pub struct FieldDef {
    #[serde(default)]
    pub name: Option<String>,
    /// The field's type, e.g. `money`.
    #[serde(default)]
    pub kind: Option<String>,
    #[serde(default)]
    pub instructions: Option<String>,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
pub struct LabelGroup {
    pub name: String,
    #[serde(default)]
    pub instructions: Option<String>,
    #[serde(default, deserialize_with = "null_as_default")]
    pub label_defs: Vec<LabelDef>,
}

#[derive(Clone, Debug, Default, Deserialize, Serialize)]
pub struct GeneralFieldDef {
    #[serde(default)]
    pub field_id: Option<String>,
    #[serde(default)]
    pub field_type_id: Option<String>,
    #[serde(default)]
    pub field_type_name: Option<String>,
    #[serde(default)]
    pub api_name: Option<String>,
    #[serde(default)]
    pub title: Option<String>,
}

#[derive(Clone, Debug, Default, Deserialize, Serialize)]
pub struct EntityDef {
    #[serde(default)]
    pub id: Option<String>,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub color: Option<i64>,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
pub struct Stream {
    #[serde(default)]
    pub id: Option<String>,
    #[serde(default)]
    pub dataset_id: Option<String>,
    /// API name, used in URLs.
    pub name: String,
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub created_at: Option<Timestamp>,
    #[serde(default)]
    pub updated_at: Option<Timestamp>,
    /// Which comments the stream delivers; shown as sent.
    #[serde(default)]
    pub comment_filter: Option<Box<RawValue>>,
    /// `None` for a stream without a model.
    #[serde(default)]
    pub model: Option<StreamModel>,
    /// The old single-label gate, still read by the official CLI.
    #[serde(default)]
    pub label_threshold_filter: Option<Box<RawValue>>,
}

#[derive(Clone, Debug, Default, Deserialize, Serialize)]
pub struct StreamModel {
    #[serde(default)]
    pub version: Option<i64>,
    #[serde(default, deserialize_with = "null_as_default")]
    pub label_thresholds: Vec<LabelThreshold>,
}

/// A stream's threshold for one label. 1.0 (or more) means the label is off for the stream.
#[derive(Clone, Debug, Deserialize, Serialize)]
pub struct LabelThreshold {
    pub name: LabelPath,
    #[serde(default)]
    pub threshold: Option<f64>,
}

impl LabelThreshold {
    pub fn is_on(&self) -> bool {
        self.threshold.is_some_and(|t| t < 1.0)
    }
}

impl StreamModel {
    /// The stream's threshold for this label, if it has one.
    pub fn threshold_for(&self, label: &LabelPath) -> Option<f64> {
        self.label_thresholds
            .iter()
            .find(|t| &t.name == label)
            .and_then(|t| t.threshold)
    }

    /// How many labels the stream lets through (threshold below 1.0).
    pub fn thresholds_on(&self) -> usize {
        self.label_thresholds.iter().filter(|t| t.is_on()).count()
    }
}

/// Who the token belongs to (`GET /auth/user`).
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
pub struct User {
    #[serde(default)]
    pub id: Option<String>,
    #[serde(default)]
    pub username: Option<String>,
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default, deserialize_with = "null_as_default")]
    pub global_permissions: Vec<String>,
    /// Project name to permission names (`streams-consume`, `sources-read`, …).
    #[serde(default, deserialize_with = "null_as_default")]
    pub organisation_permissions: BTreeMap<String, Vec<String>>,
}
