//! Property tests: whatever labels a result carries, the arranged list reads as a taxonomy.

use std::collections::HashMap;

use bytes::Bytes;
use proptest::prelude::*;
use serde_json::json;

use streamlens::api::{LabelPath, Page, Route};
use streamlens::inspect::{LabelState, Labels, PageIndex};

/// Paths over a small alphabet, so that parents, children and repeats come up often.
fn path() -> impl Strategy<Value = Vec<String>> {
    prop::collection::vec(prop::sample::select(vec!["A", "B", "Ünï", "👋"]), 1..5)
        .prop_map(|segments| segments.into_iter().map(str::to_owned).collect())
}

fn probability() -> impl Strategy<Value = Option<f64>> {
    prop::option::of(prop_oneof![0.0..=1.0, Just(0.5), Just(f64::NAN)])
}

fn page(labels: &[(Vec<String>, Option<f64>)]) -> Page {
    let labels: Vec<_> = labels
        .iter()
        .map(|(name, probability)| {
            // JSON has no NaN; a NaN stands for a probability the API left out.
            json!({"name": name, "probability": probability.filter(|p| !p.is_nan())})
        })
        .collect();
    let body = json!({"status": "ok", "results": [
        {"comment": {"id": "1", "uid": "s.1"}, "labels": labels}]});
    Page::parse(Route::Fetch, Bytes::from(body.to_string())).unwrap()
}

proptest! {
    #[test]
    fn every_label_once_parents_first_and_leaves_are_the_rows_with_nothing_below(
        labels in prop::collection::vec((path(), probability()), 0..12),
    ) {
        let page = page(&labels);
        let index = PageIndex::build(&page, None);
        let Labels::Predicted(list) = &index.results[0].labels else {
            panic!("a result with a `labels` list has a model");
        };
        let rows = list.rows();

        // Every predicted label appears exactly as often as it was sent.
        let mut sent: HashMap<LabelPath, usize> = HashMap::new();
        for (name, _) in &labels {
            *sent.entry(LabelPath::new(name.iter().cloned())).or_default() += 1;
        }
        let mut listed: HashMap<LabelPath, usize> = HashMap::new();
        for row in rows.iter().filter(|row| !row.is_placeholder()) {
            *listed.entry(row.path.clone()).or_default() += 1;
        }
        prop_assert_eq!(&listed, &sent);

        for (at, row) in rows.iter().enumerate() {
            prop_assert_eq!(row.depth, row.path.depth() - 1);
            // A row's parent is the nearest shallower row above it.
            if let Some(parent) = row.path.parent() {
                let above = rows[..at].iter().rev().find(|r| r.depth < row.depth);
                prop_assert_eq!(above.map(|r| &r.path), Some(&parent));
            }
            // Placeholders exist only for labels not sent, and only above a sent one.
            if row.is_placeholder() {
                prop_assert_eq!(row.state, LabelState::NotPredicted);
                prop_assert!(!sent.contains_key(&row.path));
                prop_assert!(rows.get(at + 1).is_some_and(|next| next.path.starts_with(&row.path)));
            }
        }

        let leaves: Vec<_> = list.leaves().collect();
        let expected_leaves = rows
            .iter()
            .filter(|row| !row.is_placeholder())
            .filter(|row| !rows.iter().any(|r| r.path != row.path && r.path.starts_with(&row.path)))
            .count();
        prop_assert_eq!(leaves.len(), expected_leaves);
        for pair in leaves.windows(2) {
            let (a, b) = (pair[0].probability, pair[1].probability);
            prop_assert!(b.is_none() || a.is_some_and(|a| a >= b.unwrap_or(0.0)));
        }
    }
}
