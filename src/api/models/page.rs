//! One page of a stream, as `/fetch` or `/results` returned it: typed results beside the raw body.

use std::fmt;
use std::ops::Range;

use bytes::Bytes;
use serde::{Deserialize, Serialize};

use super::{
    Comment, Entity, LabelPropertyPrediction, PredictedLabel, RawValue, SmolStr, StreamPrediction,
    null_as_default,
};

/// Which stream route a page came from. Neither moves the stream.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Route {
    /// `POST …/fetch` (legacy): `labels`/`entities` per result, `filtered`, `is_end_sequence`.
    #[default]
    Fetch,
    /// `GET …/results` (current): `prediction` per result, `num_filtered`, `more_results`.
    Results,
}

impl Route {
    pub const ALL: [Route; 2] = [Route::Fetch, Route::Results];

    pub fn as_str(self) -> &'static str {
        match self {
            Route::Fetch => "fetch",
            Route::Results => "results",
        }
    }
}

impl fmt::Display for Route {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One item of `results[]`, from either route.
#[derive(Clone, Debug, Deserialize, Serialize)]
pub struct StreamResult {
    pub comment: Comment,
    /// Fetch route: the position just after this comment.
    #[serde(default)]
    pub sequence_id: Option<SmolStr>,
    /// Results route: the position just after this comment.
    #[serde(default)]
    pub continuation: Option<SmolStr>,
    /// Fetch route. `None` when the key is absent or `null`: the stream has no model.
    #[serde(default)]
    pub labels: Option<Vec<PredictedLabel>>,
    #[serde(default, deserialize_with = "null_as_default")]
    pub entities: Vec<Entity>,
    #[serde(default, deserialize_with = "null_as_default")]
    pub label_properties: Vec<LabelPropertyPrediction>,
    /// Results route. `None` when the stream has no model.
    #[serde(default)]
    pub prediction: Option<StreamPrediction>,
    /// Where this result's JSON lies in [`Page::raw`], for the raw view.
    #[serde(skip)]
    pub raw_range: Range<usize>,
}

impl StreamResult {
    /// The document scores (tone, quality of service) as sent, by the name the API gives them
    /// (`tone`, `quality_of_service`; on the fetch route the property's id where it has no
    /// name): `label_properties` on the fetch route, `prediction.scores` on the results route.
    /// Scores without a name or a value are left out.
    pub fn scores(&self, route: Route) -> Vec<(&str, f64)> {
        let named: Vec<(Option<&SmolStr>, Option<f64>)> = match route {
            Route::Fetch => (self.label_properties.iter())
                .map(|p| (p.property_name.as_ref().or(p.property_id.as_ref()), p.value))
                .collect(),
            Route::Results => (self.prediction.iter())
                .flat_map(|prediction| &prediction.scores)
                .map(|score| (score.name.as_ref(), score.value))
                .collect(),
        };
        (named.into_iter())
            .filter_map(|(name, value)| Some((name?.as_str(), value?)))
            .collect()
    }
}

/// Something wrong with one comment that did not cost the rest of the page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseProblem {
    /// Position in the response's `results` array.
    pub index: usize,
    /// The comment's uid, where it could be read.
    pub uid: Option<String>,
    pub kind: ProblemKind,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ProblemKind {
    /// Parsed after a repair, e.g. lone UTF-16 surrogates replaced by U+FFFD.
    Repaired(String),
    /// Could not be read; the comment is left out of the typed page (it stays in the raw body).
    Skipped(String),
}

impl fmt::Display for ParseProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let which = match &self.uid {
            Some(uid) => format!("comment {uid}"),
            None => format!("result #{}", self.index + 1),
        };
        match &self.kind {
            ProblemKind::Repaired(what) => write!(f, "{which}: {what}"),
            ProblemKind::Skipped(why) => {
                write!(f, "{which} could not be read and is not shown: {why}")
            }
        }
    }
}

/// A page of a stream. `raw` is the response body byte for byte, so an export loses nothing.
#[derive(Clone, Debug)]
pub struct Page {
    pub route: Route,
    pub results: Vec<StreamResult>,
    /// Comments in this window that the stream's filter skipped (`filtered` / `num_filtered`).
    pub filtered: Option<u64>,
    /// Fetch route: the position after everything in this page, filtered comments included.
    pub sequence_id: Option<String>,
    /// Results route: the position after everything in this page, filtered comments included.
    pub continuation: Option<String>,
    pub is_end_sequence: Option<bool>,
    pub more_results: Option<bool>,
    /// Results route: the model definition behind the stream, as sent.
    pub model: Option<Box<RawValue>>,
    pub raw: Bytes,
    pub problems: Vec<ParseProblem>,
}

impl Page {
    /// The position that acknowledges this whole page when passed to advance.
    pub fn position(&self) -> Option<&str> {
        match self.route {
            Route::Fetch => self.sequence_id.as_deref(),
            Route::Results => self.continuation.as_deref(),
        }
    }

    /// True when the page reached the stream's current end (nothing more right now).
    pub fn caught_up(&self) -> bool {
        match self.route {
            Route::Fetch => self.is_end_sequence.unwrap_or(false),
            Route::Results => self.more_results == Some(false),
        }
    }

    /// The JSON text of one result exactly as the server sent it.
    pub fn raw_result(&self, result: &StreamResult) -> &str {
        self.raw
            .get(result.raw_range.clone())
            .and_then(|bytes| std::str::from_utf8(bytes).ok())
            .unwrap_or("")
    }
}
