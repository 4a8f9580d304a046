//! Bad input in the overview: each case shows its plain sentence and nothing panics. A page
//! opened from a file (labels without a threshold, switched off, probabilities outside 0–1 or
//! missing), curves the server sends broken, a label the validation lacks, and a compared
//! version that does not define a label.

use bytes::Bytes;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use serde_json::{Value, json};
use streamlens::api::{LabelPath, LabelThreshold, Page, Route};
use streamlens::app::AppOptions;
use streamlens::credentials::CredentialStore;
use streamlens::export::{self, Provenance};
use streamlens::inspect::overview::Note;
use streamlens::worker::KeyringChoice;

use super::*;

fn result(uid: &str, labels: Value) -> Value {
    json!({"comment": {"id": uid, "uid": uid, "messages": [{"body": {"text": uid}}]},
           "labels": labels})
}

/// An export of a fetch page whose stream had `Claim` at 50 % and `Spam` off, with one
/// probability outside 0–1, one missing, and `Orphan` with no threshold at all.
fn odd_export(dir: &std::path::Path) -> std::path::PathBuf {
    let results = vec![
        result("c.1", json!([{"name": ["Claim"], "probability": 0.7}])),
        result("c.2", json!([{"name": ["Claim"], "probability": 0.3}])),
        result("c.3", json!([{"name": ["Claim"], "probability": 1.7}])),
        result("c.4", json!([{"name": ["Claim"]}])),
        result("c.5", json!([{"name": ["Spam"], "probability": 0.99}])),
        result("c.6", json!([{"name": ["Orphan"], "probability": 0.6}])),
    ];
    let body = json!({"status": "ok", "results": results}).to_string();
    let page = Page::parse(Route::Fetch, Bytes::from(body)).unwrap();
    let thresholds = [("Claim", 0.5), ("Spam", 1.0)].map(|(label, t)| LabelThreshold {
        name: LabelPath::parse(label),
        threshold: Some(t),
    });
    let source = Provenance {
        host: "cloud.example.com".into(),
        project: "acme-ops".into(),
        dataset: "claims".into(),
        stream: "new-claims".into(),
        model_version: Some(42),
        label_thresholds: thresholds.to_vec(),
        ..Provenance::default()
    };
    let path = dir.join("odd.json");
    std::fs::write(&path, export::wrapped_json(&page, &source)).unwrap();
    path
}

#[test]
fn an_offline_page_with_odd_labels_says_each_in_a_sentence() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = app(AppOptions {
        open: vec![odd_export(dir.path())],
        keyring: KeyringChoice::Given(CredentialStore::mock()),
        ..AppOptions::default()
    });
    wait_for_label(&mut harness, "6 comments on this page");
    click(&mut harness, "Overview");
    let label = LabelPath::parse;
    choose_label(&mut harness, &label("Claim"));
    for note in [
        Note::OutOfRange {
            label: label("Claim"),
            comments: 1,
            example: 1.7,
        },
        Note::NoProbability {
            label: label("Claim"),
            comments: 1,
        },
    ] {
        harness.get_by_label(&note.to_string());
    }
    // Offline, the model's validation cannot be read, and the view says where it would be.
    let offline = "The model's validation is read from cloud.example.com: connect to it to see it.";
    assert_eq!(
        harness.query_all_by_label(offline).count(),
        2,
        "curve and versions"
    );
    harness.get_by_label(&counts_sentence(0.5, 0.5, 0, 0));

    choose_label(&mut harness, &label("Spam"));
    let off = Note::Off {
        label: label("Spam"),
    }
    .to_string();
    harness.get_by_label(&off);
    set_what_if(&mut harness, 0.9);
    harness.get_by_label(&format!(
        "At the what-if threshold of 90% (the stream's: 100%, off), {} would enter the stream and \
         0 would leave it.",
        plural(1, "comment")
    ));

    choose_label(&mut harness, &label("Orphan"));
    harness.get_by_label(
        &Note::NoThreshold {
            label: label("Orphan"),
        }
        .to_string(),
    );
    // No threshold: the what-if starts at 50 % and says the stream has none.
    harness.get_by_label(
        "At the what-if threshold of 50% (the stream's: none), 1 comment would enter the stream \
         and 0 would leave it.",
    );
}

/// The triage overview with the label curves of version 7 as `edit` leaves them, the busiest
/// label chosen: returns the harness.
fn with_curves(fixture: &Fixture, fault: Fault) -> Harness<'static, App> {
    fixture
        .server
        .inject(FaultRule::new(fault).on("POST", "/labellers/7/label-validation"));
    let mut harness = overview_of_triage(fixture, 30);
    let (label, _) = busiest_label(&harness);
    choose_label(&mut harness, &label);
    harness
}

#[test]
fn broken_curves_and_a_label_the_validation_lacks_get_their_sentences() {
    let cases: [(Fault, &str); 4] = [
        (
            Fault::edit(|json| json["label_validation"]["recalls"] = json!([0.5, 0.4])),
            "The validation curve's lists differ in length: 99 thresholds, 99 precisions and 2 \
             recalls.",
        ),
        (
            Fault::edit(|json| {
                json["label_validation"] =
                    json!({"thresholds": [], "precisions": [], "recalls": []})
            }),
            "The validation curve has no entries.",
        ),
        (
            Fault::edit(|json| json["label_validation"]["precisions"][2] = json!("NaN")),
            "Entry 3 of the validation curve's precisions is not a number.",
        ),
        (Fault::status(404), "(HTTP 404)"),
    ];
    for (fault, sentence) in cases {
        let fixture = Fixture::new(TOKEN);
        let mut harness = with_curves(&fixture, fault);
        wait_until(&mut harness, sentence, |h| {
            h.query_all_by_label_contains(sentence).next().is_some()
        });
        assert!(
            harness.query_by_label("Keep precision at least").is_none(),
            "{sentence}: no figures from a broken curve"
        );
    }
}

/// What a node says: a text's value, or a widget's label.
fn spoken(node: &egui_kittest::Node<'_>) -> String {
    let node = node.accesskit_node();
    node.value().or(node.label()).unwrap_or_default()
}

#[test]
fn a_label_the_compared_version_does_not_define_has_none() {
    let fixture = Fixture::new(TOKEN);
    let without_fees = json!({"status": "ok",
        "label_groups": [{"name": "default", "label_defs": [{"name": "Payments"}]}],
        "validation": {"version": 6, "model_rating": {"score": 70.0, "quality": "average"},
                       "reviewed_size": 900}});
    fixture.server.inject(
        FaultRule::new(Fault::json(200, without_fees.to_string()))
            .on("GET", "/labellers/6/validation"),
    );
    let mut harness = overview_of_triage(&fixture, 16);
    scroll_to(&mut harness, "Compare version 7 with");
    click(&mut harness, "Compare version 7 with");
    click(&mut harness, "version 6");
    let complaint = "Complaint at 60%: version 7 precision";
    wait_for_label(&mut harness, complaint);
    let said = spoken(&harness.get_by_label_contains(complaint));
    assert!(
        said.ends_with(
            "version 6 precision none recall none; version 6 keeps the same recall at none and \
             the same precision at none"
        ),
        "{said}"
    );
    let said = spoken(&harness.get_by_label_contains("Payments at "));
    assert!(!said.contains("none"), "version 6 defines Payments: {said}");
}

#[test]
fn a_label_the_models_validation_does_not_define_says_so() {
    let fixture = Fixture::new(TOKEN);
    let bare = json!({"status": "ok",
        "label_groups": [{"name": "default", "label_defs": []}],
        "validation": {"version": 7}});
    fixture.server.inject(
        FaultRule::new(Fault::json(200, bare.to_string())).on("GET", "/labellers/7/validation"),
    );
    let mut harness = overview_of_triage(&fixture, 30);
    let (label, _) = busiest_label(&harness);
    choose_label(&mut harness, &label);
    wait_for_label(
        &mut harness,
        &format!("Model version 7 does not define {label} in its default label group."),
    );
    // No rating was sent: the version's line says only what there is (the picker's says the
    // same of the stream).
    assert_eq!(harness.query_all_by_label("Model version 7").count(), 2);
}
