//! The overview on hand-made pages, read by the real parser: counts against the label bars,
//! the what-if against a count done the slow way (`counts.rs`), and every kind of bad input
//! (`bad_input.rs`).

mod bad_input;
mod counts;

use std::sync::Arc;

use serde_json::{Value, json};

use super::*;
use crate::api::{Page, Route, StreamModel};
use crate::inspect::labels::lets_through;
use crate::inspect::{LabelMode, LabelState, PageFilter, PageIndex, test_pages};

fn model(thresholds: Value) -> StreamModel {
    serde_json::from_value(json!({"version": 1, "label_thresholds": thresholds})).unwrap()
}

/// A fetch-route result with these `(label, probability)` predictions.
fn result(labels: &[(&str, Value)]) -> Value {
    let labels: Vec<Value> = labels
        .iter()
        .map(|(name, p)| json!({"name": LabelPath::parse(name), "probability": p}))
        .collect();
    json!({"comment": {"messages": [{"body": {"text": "hi"}}]}, "labels": labels})
}

fn columns(page: &Page, model: Option<&StreamModel>) -> Arc<PageColumns> {
    Arc::new(PageColumns::build(&PageIndex::build(page, model)))
}

fn one_page(page: &Page, model: Option<&StreamModel>) -> Overview {
    Overview::build([(PageGeneration(1), columns(page, model))])
}

fn path(name: &str) -> LabelPath {
    LabelPath::parse(name)
}

fn results(comments: &[CommentRef]) -> Vec<usize> {
    comments.iter().map(|c| c.result).collect()
}

/// Probabilities spread over 0–1 with repeats and both ends, for `Claim`.
fn spread_page() -> Page {
    let results: Vec<Value> = (0..200)
        .map(|i| {
            let p = match i % 10 {
                0 => 0.0,
                1 => 1.0,
                2 => 0.5,
                _ => ((i * 37) % 101) as f64 / 100.0,
            };
            result(&[("Claim", json!(p))])
        })
        .collect();
    test_pages::page(Route::Fetch, results)
}
