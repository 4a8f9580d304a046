use serde_json::json;

use super::*;
use crate::api::{Route, StreamResult};
use crate::inspect::ResultView;
use crate::inspect::taxonomy::{MAX_GROUPED_DEPTH, best, descending};

fn list(route: Route, prediction: serde_json::Value, stream: Option<&StreamModel>) -> Labels {
    let mut result = prediction;
    result["comment"] = json!({"id": "1", "uid": "s.1", "messages": [{"body": {"text": "hi"}}]});
    let result: StreamResult = serde_json::from_value(result).unwrap();
    ResultView::build(&result, route, &Thresholds::new(stream)).labels
}

fn predicted(labels: Labels) -> LabelList {
    match labels {
        Labels::Predicted(list) => list,
        Labels::NoModel => panic!("expected predictions"),
    }
}

fn model(thresholds: serde_json::Value) -> StreamModel {
    serde_json::from_value(json!({"version": 1, "label_thresholds": thresholds})).unwrap()
}

/// `(path, depth, probability)` per row, for comparing orders.
fn shape(rows: &[LabelRow]) -> Vec<(String, usize, Option<f64>)> {
    rows.iter()
        .map(|row| (row.path.to_string(), row.depth, row.probability))
        .collect()
}

#[test]
fn parents_precede_children_siblings_by_probability_and_missing_parents_are_placeholders() {
    let labels = json!({"labels": [
        {"name": ["B", "x"], "probability": 0.5},
        {"name": ["A"], "probability": 0.3},
        {"name": ["A", "y"], "probability": 0.9},
        {"name": ["A", "z"], "probability": 0.2},
        {"name": ["C", "D", "E"], "probability": 0.8}
    ]});
    let list = predicted(list(Route::Fetch, labels, None));
    let expected = [
        ("C", 0, None),
        ("C > D", 1, None),
        ("C > D > E", 2, Some(0.8)),
        ("B", 0, None),
        ("B > x", 1, Some(0.5)),
        ("A", 0, Some(0.3)),
        ("A > y", 1, Some(0.9)),
        ("A > z", 1, Some(0.2)),
    ];
    let expected: Vec<_> = expected
        .into_iter()
        .map(|(path, depth, p)| (path.to_owned(), depth, p))
        .collect();
    assert_eq!(shape(list.rows()), expected);
    let placeholders: Vec<_> = list.rows().iter().map(LabelRow::is_placeholder).collect();
    assert_eq!(
        placeholders,
        [true, true, false, true, false, false, false, false]
    );

    let leaves: Vec<_> = list.leaves().map(|row| row.path.to_string()).collect();
    assert_eq!(leaves, ["A > y", "C > D > E", "B > x", "A > z"]);
}

#[test]
fn fetch_states_compare_the_probability_with_the_streams_threshold() {
    let stream = model(json!([
        {"name": ["A"], "threshold": 0.3},
        {"name": ["A", "y"], "threshold": 0.95},
        {"name": ["A", "z"], "threshold": 1.0},
        {"name": ["B"], "threshold": 0.5}
    ]));
    let labels = json!({"labels": [
        {"name": ["A"], "probability": 0.3, "sentiment": 0.2, "auto_thresholds": ["balanced"]},
        {"name": ["A", "y"], "probability": 0.9},
        {"name": ["A", "z"], "probability": 0.99},
        {"name": ["B", "x"], "probability": 0.5}
    ]});
    let list = predicted(list(Route::Fetch, labels, Some(&stream)));
    let states: Vec<_> = list
        .rows()
        .iter()
        .map(|row| (row.path.to_string(), row.state, row.threshold))
        .collect();
    assert_eq!(
        states,
        [
            // The placeholder B sorts by its child's 0.5, ahead of A's own 0.3.
            ("B".to_owned(), LabelState::NotPredicted, Some(0.5)),
            ("B > x".to_owned(), LabelState::NoThreshold, None),
            ("A".to_owned(), LabelState::Above, Some(0.3)),
            ("A > z".to_owned(), LabelState::Off, Some(1.0)),
            ("A > y".to_owned(), LabelState::Below, Some(0.95)),
        ]
    );
    assert_eq!(list.rows()[2].sentiment, Some(0.2));
    assert_eq!(list.rows()[2].cleared, ["balanced"]);
}

#[test]
fn results_route_trusts_the_servers_stream_flag_and_keeps_every_occurrence() {
    let stream = model(json!([
        {"name": ["Order"], "threshold": 0.9},
        {"name": ["Order", "Missing"], "threshold": 0.1},
        {"name": ["Refund"], "threshold": 1.0}
    ]));
    let occurrence = |name: &str, value: f64, cleared: serde_json::Value| {
        json!({"name": name,
               "occurrence_confidence": {"value": value, "thresholds": cleared},
               "extraction_confidence": {"value": value / 2.0, "thresholds": ["high_recall"]},
               "fields": []})
    };
    let prediction = json!({"prediction": {"taxonomies": [{"name": "default", "labels": [
        occurrence("Order", 0.5, json!(["stream"])),
        occurrence("Order > Missing", 0.6, json!(["balanced"])),
        occurrence("Order > Missing", 0.7, json!(["stream", "balanced"])),
        occurrence("Refund", 0.4, json!([])),
        occurrence("Other", 0.3, json!([]))
    ]}]}});
    let list = predicted(list(Route::Results, prediction, Some(&stream)));
    let states: Vec<_> = list
        .rows()
        .iter()
        .map(|row| (row.path.to_string(), row.depth, row.probability, row.state))
        .collect();
    assert_eq!(
        states,
        [
            ("Order".to_owned(), 0, Some(0.5), LabelState::Above),
            (
                "Order > Missing".to_owned(),
                1,
                Some(0.7),
                LabelState::Above
            ),
            (
                "Order > Missing".to_owned(),
                1,
                Some(0.6),
                LabelState::Below
            ),
            ("Refund".to_owned(), 0, Some(0.4), LabelState::Off),
            ("Other".to_owned(), 0, Some(0.3), LabelState::NoThreshold),
        ]
    );
    assert_eq!(list.rows()[1].extraction_confidence, Some(0.35));
    assert_eq!(list.rows()[1].extraction_cleared, ["high_recall"]);
    assert_eq!(list.rows()[1].cleared, ["stream", "balanced"]);
}

#[test]
fn no_model_is_not_the_same_as_no_labels() {
    for (route, json) in [
        (Route::Fetch, json!({})),
        (Route::Fetch, json!({"labels": null})),
        (Route::Results, json!({"prediction": null})),
    ] {
        assert!(
            matches!(list(route, json.clone(), None), Labels::NoModel),
            "{json}"
        );
    }
    for (route, json) in [
        (Route::Fetch, json!({"labels": []})),
        (Route::Results, json!({"prediction": {"taxonomies": []}})),
        (
            Route::Results,
            json!({"prediction": {"taxonomies": [{"name": "default"}]}}),
        ),
    ] {
        assert!(
            predicted(list(route, json.clone(), None)).is_empty(),
            "{json}"
        );
    }
}

#[test]
fn missing_and_nan_probabilities_sort_last_without_panicking() {
    let labels = json!({"labels": [
        {"name": ["NoProbability"]},
        {"name": ["Low"], "probability": 0.1},
        {"name": ["High"], "probability": 0.9}
    ]});
    let list = predicted(list(Route::Fetch, labels, None));
    let order: Vec<_> = list.rows().iter().map(|row| row.path.to_string()).collect();
    assert_eq!(order, ["High", "Low", "NoProbability"]);
    assert_eq!(
        descending(Some(f64::NAN), Some(0.0)),
        std::cmp::Ordering::Greater
    );
    assert_eq!(
        best([Some(f64::NAN), Some(0.2), None].into_iter()),
        Some(0.2)
    );
}

#[test]
fn very_deep_paths_are_listed_whole_without_placeholders() {
    let deep: Vec<String> = (0..MAX_GROUPED_DEPTH + 1)
        .map(|level| format!("L{level}"))
        .collect();
    let shallow: Vec<String> = deep[..3].to_vec();
    let labels = json!({"labels": [
        {"name": deep, "probability": 0.4},
        {"name": shallow, "probability": 0.3}
    ]});
    let list = predicted(list(Route::Fetch, labels, None));
    let rows = shape(list.rows());
    assert_eq!(
        rows.len(),
        1 + 3,
        "the deep label alone plus L0 > L1 > L2 with two placeholders"
    );
    assert_eq!(rows[0], (deep.join(" > "), 0, Some(0.4)));
    assert_eq!(rows[3], (shallow.join(" > "), 2, Some(0.3)));
}

#[test]
fn a_model_without_thresholds_gives_every_label_no_threshold() {
    let labels = json!({"labels": [{"name": ["A"], "probability": 0.9}]});
    // An empty list, and a threshold entry without a value.
    for thresholds in [json!([]), json!([{"name": ["A"]}])] {
        let stream = model(thresholds);
        let only = predicted(list(Route::Fetch, labels.clone(), Some(&stream)));
        assert_eq!(only.rows()[0].state, LabelState::NoThreshold);
        assert_eq!(only.rows()[0].threshold, None);
    }
}
