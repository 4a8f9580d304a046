//! Where an exported page came from: the `source` part of the export format.

use serde::{Deserialize, Serialize};

use crate::api::{Endpoint, LabelThreshold, Page, Route, StreamModel, StreamRef, Timestamp};

/// Where and when a page was fetched. Holds the endpoint's host only: never a token, user,
/// path or query, so nothing secret can reach an export through it.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct Provenance {
    /// The API endpoint's host (and port), e.g. `cloud.uipath.com`.
    pub host: String,
    pub project: String,
    pub dataset: String,
    pub stream: String,
    pub route: Route,
    /// How many comments were asked for.
    pub page_size: Option<u32>,
    /// The stream's model version, where the stream has a model and it was known.
    pub model_version: Option<i64>,
    /// The stream's label thresholds (names as path arrays) at export time.
    pub label_thresholds: Vec<LabelThreshold>,
    /// The page's position: `sequence_id` on the fetch route, `continuation` on results.
    pub sequence_id: Option<String>,
    /// When the page was fetched, RFC 3339 in UTC.
    pub fetched_at: Option<Timestamp>,
    /// The streamlens version that wrote the export.
    pub app_version: String,
}

impl Provenance {
    /// Fills everything from what the app holds when a page arrives. `model` is the stream's
    /// model as listed (`stream.model.as_ref()`), `None` when unknown.
    pub fn new(
        endpoint: &Endpoint,
        stream: &StreamRef,
        model: Option<&StreamModel>,
        page: &Page,
        page_size: u32,
        fetched_at: jiff::Timestamp,
    ) -> Self {
        Self {
            host: endpoint.host(),
            project: stream.project.clone(),
            dataset: stream.dataset.clone(),
            stream: stream.stream.clone(),
            route: page.route,
            page_size: Some(page_size),
            model_version: model.and_then(|m| m.version),
            label_thresholds: model
                .map(|m| m.label_thresholds.clone())
                .unwrap_or_default(),
            sequence_id: page.position().map(str::to_owned),
            fetched_at: Some(Timestamp::from_instant(fetched_at)),
            app_version: env!("CARGO_PKG_VERSION").to_owned(),
        }
    }

    /// The stream's model as recorded (version and thresholds), to place the page's labels
    /// against it again.
    pub fn model(&self) -> StreamModel {
        StreamModel {
            version: self.model_version,
            label_thresholds: self.label_thresholds.clone(),
        }
    }

    /// The stream's address, for a title or a file name.
    pub fn stream_ref(&self) -> StreamRef {
        StreamRef {
            project: self.project.clone(),
            dataset: self.dataset.clone(),
            stream: self.stream.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::LabelPath;
    use bytes::Bytes;

    #[test]
    fn keeps_the_host_only_and_reads_back_what_it_wrote() {
        let endpoint =
            Endpoint::parse("https://cloud.example.com:8443/org/tenant/reinfer_?token=tk-SECRET")
                .unwrap();
        let stream: StreamRef = "acme-ops/claims/new-claims".parse().unwrap();
        let model = StreamModel {
            version: Some(7),
            label_thresholds: vec![LabelThreshold {
                name: LabelPath::parse("Claim > New"),
                threshold: Some(0.8374786376953125),
            }],
        };
        let page = Page::parse(
            Route::Results,
            Bytes::from_static(br#"{"results":[],"continuation":"c-9"}"#),
        )
        .unwrap();
        let at: jiff::Timestamp = "2026-11-29T10:15:00Z".parse().unwrap();
        let source = Provenance::new(&endpoint, &stream, Some(&model), &page, 16, at);

        let json = serde_json::to_string(&source).unwrap();
        assert!(
            !json.contains("SECRET") && !json.contains("org/tenant"),
            "{json}"
        );
        assert!(
            json.contains(r#""host":"cloud.example.com:8443""#),
            "{json}"
        );
        assert!(json.contains(r#""name":["Claim","New"],"threshold":0.8374786376953125"#));
        assert!(
            json.contains(r#""fetched_at":"2026-11-29T10:15:00Z""#),
            "{json}"
        );
        assert!(json.contains(r#""sequence_id":"c-9""#), "{json}");

        let back: Provenance = serde_json::from_str(&json).unwrap();
        assert_eq!(back.stream_ref(), stream);
        assert_eq!(back.route, Route::Results);
        assert_eq!(back.model_version, Some(7));
        assert_eq!(back.fetched_at.and_then(|t| t.instant), Some(at));
        assert_eq!(back.app_version, env!("CARGO_PKG_VERSION"));
    }

    #[test]
    fn missing_and_unknown_fields_read_leniently() {
        let back: Provenance = serde_json::from_str(r#"{"project":"p","later":1}"#).unwrap();
        assert_eq!(back.project, "p");
        assert_eq!(back.route, Route::Fetch);
        assert!(back.fetched_at.is_none() && back.label_thresholds.is_empty());
    }
}
