//! Input that is no page, or odd pages: a sentence a person understands, the shown page, the
//! history and the comparison before kept.

use super::*;

/// `a.json`: three comments of `acme-ops/claims/new-claims`, fetched on Monday.
fn monday(dir: &Path) -> (PathBuf, Vec<Value>) {
    let results = vec![
        result("c.1", &[("Complaint", 0.2)]),
        result("c.2", &[("Complaint", 0.7)]),
        result("c.3", &[]),
    ];
    let path = dir.join("a.json");
    let at = Some("2026-11-30T09:00:00Z");
    write_export(
        &path,
        &fetch_page(results.clone()),
        &source("acme-ops/claims/new-claims", at),
    );
    (path, results)
}

fn notes(harness: &Harness<'_, App>) -> Vec<String> {
    let open = harness.state().state().comparisons.open.as_ref();
    let notes = open.map(|open| {
        open.comparison
            .notes
            .iter()
            .map(|n| n.to_string())
            .collect()
    });
    let notes: Vec<String> = notes.unwrap_or_default();
    for note in &notes {
        harness.get_by_label(note);
    }
    notes
}

#[test]
fn a_file_that_is_not_a_page_is_said_and_the_page_history_and_comparison_stay() {
    let dir = tempfile::tempdir().unwrap();
    let (a, mut results) = monday(dir.path());
    results[0] = result("c.1", &[("Complaint", 0.9)]);
    let b = dir.path().join("b.json");
    write_export(
        &b,
        &fetch_page(results),
        &source("acme-ops/claims/new-claims", None),
    );
    let (mut harness, answers) = offline(vec![a]);
    compare_with(&mut harness, &answers, &b);
    let summary = "3 comments in both (1 changed, 2 unchanged), 0 only in A, 0 only in B; \
                   labels: 1 entered, 0 left, 1 changed; general fields: 0 added, 0 removed.";
    wait_for_label(&mut harness, summary);
    let shown = |h: &Harness<'_, App>| {
        let state = h.state().state();
        let generation = state.pages.current().map(|shown| shown.entry.generation);
        let number = state.comparisons.open.as_ref().map(|open| open.number);
        (state.pages.history.len(), generation, number)
    };
    let before = shown(&harness);

    let notes_file = dir.path().join("notes.txt");
    std::fs::write(&notes_file, "meeting notes, not JSON").unwrap();
    compare_with(&mut harness, &answers, &notes_file);
    let message = banner_message(&mut harness);
    assert!(
        message.starts_with("Could not open ") && message.contains("notes.txt: it is not JSON"),
        "{message}"
    );
    assert_eq!(shown(&harness), before, "page, history and comparison kept");
    harness.get_by_label(summary);

    // No dialog: a typed path, here JSON that is no page.
    let not_a_page = dir.path().join("settings.json");
    std::fs::write(&not_a_page, r#"{"theme": "dark"}"#).unwrap();
    answers.lock().unwrap().push_back(Vec::new());
    click(&mut harness, "File");
    click_contains(&mut harness, "Compare with…");
    wait_for_label(
        &mut harness,
        "No file was chosen. If no file dialog appeared",
    );
    type_into(&mut harness, "File path", not_a_page.to_str().unwrap());
    click(&mut harness, "Compare with this file");
    wait_until(&mut harness, "the sentence", |h| {
        let banner = h.state().state().banner.as_ref();
        banner.is_some_and(|b| {
            b.message
                .contains("settings.json: it is JSON but not a page")
        })
    });
    assert_eq!(shown(&harness), before);
}

#[test]
fn pages_of_another_stream_or_route_are_said_and_still_compared_by_uid() {
    let dir = tempfile::tempdir().unwrap();
    let (a, results) = monday(dir.path());
    let other = dir.path().join("other.json");
    write_export(
        &other,
        &fetch_page(results),
        &source("acme-ops/claims/old-claims", None),
    );
    let (mut harness, answers) = offline(vec![a]);
    compare_with(&mut harness, &answers, &other);
    wait_for_label(&mut harness, "3 comments in both (0 changed, 3 unchanged)");
    let said = notes(&harness);
    assert!(
        said.iter().any(|note| note.starts_with(
            "A is a page of acme-ops/claims/new-claims and B a page of acme-ops/claims/old-claims: \
             different streams; their comments are still matched by uid."
        )),
        "{said:?}"
    );
    harness.get_by_label("No comment differs.");
    click(&mut harness, "Also list the 3 comments that did not change");
    let rows = ["c.1", "c.2", "c.3"].map(str::to_owned);
    assert_eq!(table_rows(&harness, &rows), rows, "in page order");
    assert_eq!(row_texts(&harness, "c.2"), ["unchanged"]);

    // A bare /results response of the same comment uids.
    let body = json!({"status": "ok", "results": [
        {"comment": {"id": "c.1", "uid": "c.1"}, "prediction": {"taxonomies": [{"name": "default",
         "labels": [{"name": "Complaint", "occurrence_confidence": {"value": 0.2, "thresholds": []}}]}]}}
    ]});
    let results_file = dir.path().join("results.json");
    std::fs::write(&results_file, body.to_string()).unwrap();
    compare_with(&mut harness, &answers, &results_file);
    wait_for_label(
        &mut harness,
        "1 comment in both (0 changed, 1 unchanged), 2 only in A",
    );
    let said = notes(&harness);
    assert!(
        said.iter().any(
            |note| note.starts_with("A came from the fetch route and B from the results route")
        ),
        "{said:?}"
    );
    assert!(
        said.iter()
            .any(|note| note.starts_with("B does not record its stream's label thresholds")),
        "{said:?}"
    );
}

#[test]
fn a_uid_twice_in_a_page_and_an_empty_page_are_said() {
    let dir = tempfile::tempdir().unwrap();
    let (a, mut results) = monday(dir.path());
    results.push(result("c.2", &[("Complaint", 0.1)]));
    let twice = dir.path().join("twice.json");
    write_export(
        &twice,
        &fetch_page(results),
        &source("acme-ops/claims/new-claims", None),
    );
    let (mut harness, answers) = offline(vec![a]);
    compare_with(&mut harness, &answers, &twice);
    wait_for_label(&mut harness, "3 comments in both (0 changed, 3 unchanged)");
    let said = notes(&harness);
    assert_eq!(
        said,
        [
            "B holds 1 comment more than once (c.2); the first occurrence of it is compared, later \
          ones are left out."
        ]
    );

    let empty = dir.path().join("empty.json");
    write_export(
        &empty,
        &fetch_page(Vec::new()),
        &source("acme-ops/claims/new-claims", None),
    );
    compare_with(&mut harness, &answers, &empty);
    wait_for_label(
        &mut harness,
        "0 comments in both (0 changed, 0 unchanged), 3 only in A",
    );
    assert_eq!(
        notes(&harness),
        ["B has no comments, so every comment of A is only in A."]
    );
    let rows = ["c.1", "c.2", "c.3"].map(str::to_owned);
    assert_eq!(table_rows(&harness, &rows), rows);
    assert_eq!(harness.state().state().pages.history.len(), 1);
}
