//! Hand-made page pairs with known differences, read by the real page parser.

mod bad_input;

use bytes::Bytes;
use serde_json::{Value, json};

use super::*;
use crate::api::{LabelPath, LabelThreshold};

/// A fetch-route result: `labels` as `(name, probability)`, `fields` as `(name, value)`.
fn fetch_result(uid: &str, labels: &[(&str, f64)], fields: &[(&str, &str)]) -> Value {
    let labels: Vec<Value> = labels
        .iter()
        .map(|(name, p)| json!({"name": LabelPath::parse(name), "probability": p}))
        .collect();
    let fields: Vec<Value> = fields
        .iter()
        .map(|(name, value)| json!({"name": name, "formatted_value": value, "spans": []}))
        .collect();
    json!({"comment": {"id": uid, "uid": uid}, "labels": labels, "entities": fields})
}

/// A results-route result: `labels` as `(name, confidence, cleared the stream's threshold)`.
fn results_result(uid: &str, labels: &[(&str, f64, bool)]) -> Value {
    let labels: Vec<Value> = labels
        .iter()
        .map(|(name, value, above)| {
            let cleared: &[&str] = if *above { &["stream"] } else { &[] };
            json!({"name": name, "occurrence_confidence": {"value": value, "thresholds": cleared}})
        })
        .collect();
    json!({"comment": {"id": uid, "uid": uid},
           "prediction": {"taxonomies": [{"name": "default", "labels": labels}]}})
}

fn page(route: Route, results: Vec<Value>) -> Page {
    let body = json!({"status": "ok", "results": results}).to_string();
    Page::parse(route, Bytes::from(body)).expect("a test page parses")
}

fn fetch_page(results: Vec<Value>) -> Page {
    page(Route::Fetch, results)
}

/// An export's provenance: `stream`, `version` and thresholds as `(label, threshold)`.
fn source(stream: &str, version: Option<i64>, thresholds: &[(&str, f64)]) -> Provenance {
    let stream: StreamRef = stream.parse().unwrap();
    Provenance {
        project: stream.project,
        dataset: stream.dataset,
        stream: stream.stream,
        model_version: version,
        label_thresholds: thresholds
            .iter()
            .map(|(name, t)| LabelThreshold {
                name: LabelPath::parse(name),
                threshold: Some(*t),
            })
            .collect(),
        ..Provenance::default()
    }
}

const STREAM: &str = "acme-ops/claims/new-claims";
const THRESHOLDS: &[(&str, f64)] = &[("X", 0.5), ("Y", 0.5), ("Z", 0.5), ("W", 0.5)];

fn uids(comparison: &Comparison) -> Vec<&str> {
    comparison.comments.iter().map(|d| d.uid.as_str()).collect()
}

fn find<'c>(comparison: &'c Comparison, uid: &str) -> &'c CommentDiff {
    let found = comparison.comments.iter().find(|d| d.uid == uid);
    found.unwrap_or_else(|| panic!("{uid} is not in the comparison"))
}

fn labels(changes: impl Iterator<Item = impl std::borrow::Borrow<LabelChange>>) -> Vec<String> {
    changes.map(|c| c.borrow().label.to_string()).collect()
}

#[test]
fn every_kind_of_difference_is_found_counted_and_ordered() {
    let a = fetch_page(vec![
        fetch_result(
            "s.1",
            &[("X", 0.4), ("Y", 0.7), ("Z", 0.2), ("W", 0.9)],
            &[],
        ),
        fetch_result(
            "s.2",
            &[("W", 0.9)],
            &[("Amount", "£10"), ("Reference", "R1")],
        ),
        fetch_result("s.3", &[("W", 0.9)], &[("Amount", "£10")]),
        fetch_result("s.4", &[("X", 0.8)], &[]),
    ]);
    let b = fetch_page(vec![
        fetch_result("s.5", &[("Y", 0.6), ("Z", 0.1)], &[]),
        fetch_result("s.3", &[("W", 0.9)], &[("Amount", "£10")]),
        fetch_result(
            "s.2",
            &[("W", 0.9)],
            &[("Amount", "£20"), ("Amount", "£10")],
        ),
        fetch_result(
            "s.1",
            &[("X", 0.6), ("Y", 0.3), ("Z", 0.25), ("W", 0.9)],
            &[],
        ),
    ]);
    let (source_a, source_b) = (
        source(STREAM, Some(7), THRESHOLDS),
        source(STREAM, Some(8), THRESHOLDS),
    );
    let comparison = compare(
        Side::new(&a, Some(&source_a)),
        Side::new(&b, Some(&source_b)),
    );

    // Crossings, then fields, then only in A, only in B, and the unchanged last.
    assert_eq!(uids(&comparison), ["s.1", "s.2", "s.4", "s.5", "s.3"]);
    let changed: Vec<&str> = comparison.changed().map(|d| d.uid.as_str()).collect();
    assert_eq!(changed, ["s.1", "s.2", "s.4", "s.5"]);

    let s1 = find(&comparison, "s.1");
    assert_eq!(labels(s1.entered()), ["X"]);
    assert_eq!(labels(s1.left()), ["Y"]);
    assert_eq!(s1.crossings(), 2);
    // The crossings first (largest move first), then Z; W did not move and is not listed.
    assert_eq!(labels(s1.labels.iter()), ["Y", "X", "Z"]);
    let z = &s1.labels[2];
    assert_eq!((z.a.probability, z.b.probability), (Some(0.2), Some(0.25)));
    assert!((z.delta() - 0.05).abs() < 1e-12 && z.crossing().is_none());
    assert_eq!(z.a.threshold, Some(0.5));
    assert_eq!(
        s1.largest_change().map(|c| c.label.to_string()),
        Some("Y".into())
    );
    assert_eq!(
        s1.a.as_ref().unwrap().above,
        [LabelPath::parse("W"), LabelPath::parse("Y")]
    );
    assert_eq!(
        s1.b.as_ref().unwrap().above,
        [LabelPath::parse("W"), LabelPath::parse("X")]
    );

    let s2 = find(&comparison, "s.2");
    assert!(s2.labels.is_empty());
    let field = |name: &str, value: &str| GeneralField {
        name: name.into(),
        value: Some(value.into()),
    };
    assert_eq!(s2.fields_added, [field("Amount", "£20")]);
    assert_eq!(s2.fields_removed, [field("Reference", "R1")]);

    assert_eq!(find(&comparison, "s.4").presence(), Presence::OnlyInA);
    assert_eq!(find(&comparison, "s.5").presence(), Presence::OnlyInB);
    assert!(!find(&comparison, "s.3").is_changed());

    // Every entry leads back to its result on each side.
    for diff in &comparison.comments {
        for (occurrence, page) in [(&diff.a, &a), (&diff.b, &b)] {
            if let Some(occurrence) = occurrence {
                assert_eq!(page.results[occurrence.index].comment.uid, diff.uid);
            }
        }
    }

    assert_eq!(
        comparison.summary,
        Summary {
            in_both: 3,
            changed: 2,
            unchanged: 1,
            only_in_a: 1,
            only_in_b: 1,
            labels_entered: 1,
            labels_left: 1,
            labels_changed: 3,
            fields_added: 1,
            fields_removed: 1,
        }
    );
    assert_eq!(
        comparison.summary.to_string(),
        "3 comments in both (2 changed, 1 unchanged), 1 only in A, 1 only in B; labels: \
         1 entered, 1 left, 3 changed; general fields: 1 added, 1 removed"
    );
    assert!(comparison.model_version_differs());
    assert_eq!(comparison.notes, [Note::ModelVersions { a: 7, b: 8 }]);
}

#[test]
fn a_threshold_change_alone_makes_a_label_cross_and_absent_labels_count_as_zero() {
    let a = fetch_page(vec![fetch_result("s.1", &[("X", 0.4)], &[])]);
    let b = fetch_page(vec![fetch_result("s.1", &[("X", 0.4), ("Y", 0.8)], &[])]);
    let source_a = source(STREAM, Some(7), &[("X", 0.5), ("Y", 0.5)]);
    let source_b = source(STREAM, Some(7), &[("X", 0.3), ("Y", 0.5)]);
    let comparison = compare(
        Side::new(&a, Some(&source_a)),
        Side::new(&b, Some(&source_b)),
    );
    let s1 = find(&comparison, "s.1");
    assert_eq!(labels(s1.entered()), ["Y", "X"], "larger move first");
    let x = &s1.labels[1];
    assert_eq!((x.a.threshold, x.b.threshold), (Some(0.5), Some(0.3)));
    assert_eq!(x.delta(), 0.0);
    let y = &s1.labels[0];
    assert_eq!(
        (y.a.probability, y.b.probability, y.delta()),
        (None, Some(0.8), 0.8)
    );
    assert!(comparison.notes.is_empty(), "{:?}", comparison.notes);
}

#[test]
fn more_crossings_outrank_a_larger_move_which_outranks_fields() {
    let a = fetch_page(vec![
        fetch_result("fields", &[], &[("Amount", "£1")]),
        fetch_result("small", &[("Z", 0.1)], &[]),
        fetch_result("large", &[("Z", 0.1)], &[]),
        fetch_result("one-crossing", &[("X", 0.45)], &[]),
        fetch_result("two-crossings", &[("X", 0.45), ("Y", 0.55)], &[]),
    ]);
    let b = fetch_page(vec![
        fetch_result("fields", &[], &[]),
        fetch_result("small", &[("Z", 0.2)], &[]),
        fetch_result("large", &[("Z", 0.4)], &[]),
        fetch_result("one-crossing", &[("X", 0.5)], &[]),
        fetch_result("two-crossings", &[("X", 0.5), ("Y", 0.45)], &[]),
    ]);
    let source = source(STREAM, Some(1), THRESHOLDS);
    let comparison = compare(Side::new(&a, Some(&source)), Side::new(&b, Some(&source)));
    assert_eq!(
        uids(&comparison),
        ["two-crossings", "one-crossing", "large", "small", "fields"]
    );
}

#[test]
fn the_results_route_follows_the_servers_stream_marker_and_merges_repeated_labels() {
    let a = page(
        Route::Results,
        vec![results_result(
            "s.1",
            &[("X", 0.3, false), ("Y", 0.9, true)],
        )],
    );
    // X occurs twice (one above), Y fell under the threshold without any threshold known.
    let b = page(
        Route::Results,
        vec![results_result(
            "s.1",
            &[("X", 0.2, false), ("X", 0.7, true), ("Y", 0.9, false)],
        )],
    );
    let comparison = compare(Side::new(&a, None), Side::new(&b, None));
    let s1 = find(&comparison, "s.1");
    assert_eq!(labels(s1.entered()), ["X"]);
    assert_eq!(labels(s1.left()), ["Y"]);
    let x = s1.entered().next().unwrap();
    assert_eq!(x.b.probability, Some(0.7), "the highest occurrence counts");
    assert!(
        comparison.notes.is_empty(),
        "no thresholds needed: {:?}",
        comparison.notes
    );
}
