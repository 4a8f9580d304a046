//! The server's projects, datasets, streams and sources as it holds them. The projects
//! themselves are the API reference's examples ([`super::acme`]) and the generated bank
//! ([`super::northwind`]).

use jiff::Timestamp;
use serde_json::{Value, json};

use super::corpus::Item;

pub struct Project {
    pub json: Value,
    pub datasets: Vec<Dataset>,
    /// Where the datasets' comments come from; each comment's `source_id` names one of these.
    pub sources: Vec<Value>,
}

pub struct Dataset {
    pub json: Value,
    pub streams: Vec<Stream>,
}

/// A stream and its shared position.
pub struct Stream {
    pub json: Value,
    pub items: Vec<Item>,
    /// Index of the next item the stream delivers, for every consumer.
    pub position: usize,
    /// Bodies served verbatim for a request at position 0 with exactly these parameters.
    pub verbatim: Vec<Verbatim>,
    /// Sequence ids from verbatim bodies, and the position each stands for.
    pub aliases: Vec<(String, usize)>,
}

pub struct Verbatim {
    pub results_route: bool,
    pub size: u32,
    pub body: &'static [u8],
}

impl Stream {
    pub fn name(&self) -> &str {
        self.json["name"].as_str().unwrap_or_default()
    }

    pub fn has_model(&self) -> bool {
        self.json.get("model").is_some_and(|model| !model.is_null())
    }

    /// `(label path, threshold)` pairs of the stream's model.
    pub fn thresholds(&self) -> Vec<(Vec<String>, f64)> {
        let Some(list) = self.json["model"]["label_thresholds"].as_array() else {
            return Vec::new();
        };
        list.iter()
            .filter_map(|entry| {
                let path = entry["name"].as_array()?;
                let path = path
                    .iter()
                    .filter_map(|s| s.as_str().map(str::to_owned))
                    .collect();
                Some((path, entry["threshold"].as_f64()?))
            })
            .collect()
    }
}

pub(super) fn at(text: &str) -> Timestamp {
    text.parse().expect("a valid built-in timestamp")
}

/// An object's `name`.
pub fn name(json: &Value) -> &str {
    json["name"].as_str().unwrap_or_default()
}

/// What sets one source apart; the rest of its JSON is the same for all.
pub struct SourceSpec {
    pub id: &'static str,
    pub name: &'static str,
    pub title: &'static str,
    pub description: &'static str,
    /// `_kind`: `unknown` for e-mail, `chat`, `call`, …
    pub kind: &'static str,
    /// The bucket e-mail is synced from; chat sources have none.
    pub bucket_id: Option<&'static str>,
    pub created_at: &'static str,
    pub updated_at: &'static str,
}

/// A source's JSON, with every field the vendor's `Source` type requires.
pub fn source(owner: &str, spec: &SourceSpec) -> Value {
    json!({
        "id": spec.id, "owner": owner, "name": spec.name, "title": spec.title,
        "description": spec.description, "language": "en", "should_translate": true,
        "sensitive_properties": [], "created_at": spec.created_at, "updated_at": spec.updated_at,
        "bucket_id": spec.bucket_id, "_kind": spec.kind,
    })
}
