//! Pages for unit tests, read by the real page parser from JSON written in the test.

use bytes::Bytes;
use serde_json::{Value, json};

use crate::api::{Page, Route};

/// A page of `route` whose results are `results`; each gets an id and uid from its position
/// unless it has them.
pub(crate) fn page(route: Route, results: Vec<Value>) -> Page {
    let results: Vec<Value> = results
        .into_iter()
        .enumerate()
        .map(|(i, mut result)| {
            let comment = &mut result["comment"];
            if comment.get("id").is_none() {
                comment["id"] = json!(i.to_string());
                comment["uid"] = json!(format!("s.{i}"));
            }
            result
        })
        .collect();
    let body = json!({"status": "ok", "results": results}).to_string();
    Page::parse(route, Bytes::from(body)).expect("a test page parses")
}
