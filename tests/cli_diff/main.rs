//! `streamlens diff` as the real binary: hand-made page pairs written by the test in every
//! format, files that are no page, and pages read from the stand-in server.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use bytes::Bytes;
use serde_json::{Value, json};
use streamlens::api::{LabelPath, LabelThreshold, Page, Route};
use streamlens::export::{self, Provenance};

mod served;

const APP: &str = env!("CARGO_BIN_EXE_streamlens");

fn diff(a: &Path, b: &Path, format: &str) -> Output {
    let output = Command::new(APP)
        .args(["diff", "--format", format])
        .arg(a)
        .arg(b)
        .env("RUST_LOG", "warn")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    output
}

/// The standard output of a diff that succeeded, and its standard error.
pub(crate) fn diff_ok(a: &Path, b: &Path, format: &str) -> (String, String) {
    let output = diff(a, b, format);
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(output.status.success(), "{format}: {stderr}");
    (String::from_utf8(output.stdout).unwrap(), stderr)
}

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

/// Writes `results` as our JSON export of a fetch page with the stream's model `version`.
fn write_export(dir: &Path, name: &str, version: i64, results: Vec<Value>) -> PathBuf {
    let body = json!({"status": "ok", "results": results}).to_string();
    let page = Page::parse(Route::Fetch, Bytes::from(body)).unwrap();
    let thresholds = ["X", "Y", "Claim, urgent"].map(|label| LabelThreshold {
        name: LabelPath::parse(label),
        threshold: Some(0.5),
    });
    let source = Provenance {
        project: "acme-ops".into(),
        dataset: "claims".into(),
        stream: "new-claims".into(),
        model_version: Some(version),
        label_thresholds: thresholds.to_vec(),
        ..Provenance::default()
    };
    let path = dir.join(name);
    std::fs::write(&path, export::wrapped_json(&page, &source)).unwrap();
    path
}

/// A pair with one of each difference: entered, left, a move without crossing (on a label
/// with a comma, for CSV's quoting), fields added and removed, only in A, only in B, unchanged,
/// and model versions 7 and 8.
fn hand_made_pair(dir: &Path) -> (PathBuf, PathBuf) {
    let a = vec![
        fetch_result("c.entered", &[("X", 0.4)], &[]),
        fetch_result("c.left", &[("Y", 0.8)], &[]),
        fetch_result("c.moved", &[("Claim, urgent", 0.1)], &[]),
        fetch_result("c.fields", &[], &[("Amount", "£10")]),
        fetch_result("c.same", &[("X", 0.9)], &[("Amount", "£5")]),
        fetch_result("c.only-a", &[("X", 0.9)], &[]),
    ];
    let b = vec![
        fetch_result("c.only-b", &[], &[]),
        fetch_result("c.same", &[("X", 0.9)], &[("Amount", "£5")]),
        fetch_result("c.fields", &[], &[("Reference", "R-1")]),
        fetch_result("c.moved", &[("Claim, urgent", 0.3)], &[]),
        fetch_result("c.left", &[("Y", 0.2)], &[]),
        fetch_result("c.entered", &[("X", 0.7)], &[]),
    ];
    (
        write_export(dir, "monday.json", 7, a),
        write_export(dir, "tuesday.json", 8, b),
    )
}

/// Largest change first: two crossings (the larger move first), the move, the fields, then
/// only in A and only in B; the unchanged comment is not listed.
const CHANGED_IN_ORDER: [&str; 6] = [
    "c.left",
    "c.entered",
    "c.moved",
    "c.fields",
    "c.only-a",
    "c.only-b",
];

#[test]
fn the_table_starts_with_the_summary_and_aligns_one_row_per_changed_comment() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = hand_made_pair(dir.path());
    let (table, stderr) = diff_ok(&a, &b, "table");
    let lines: Vec<&str> = table.lines().collect();
    assert_eq!(
        lines[0],
        "5 comments in both (4 changed, 1 unchanged), 1 only in A, 1 only in B; labels: \
         1 entered, 1 left, 3 changed; general fields: 1 added, 1 removed."
    );
    assert!(
        lines[1].starts_with("A: ")
            && lines[1]
                .ends_with("acme-ops/claims/new-claims, fetch route, model version 7, 6 comments"),
        "{}",
        lines[1]
    );
    assert!(lines[2].starts_with("B: ") && lines[2].contains("model version 8"));
    assert_eq!(lines[3], "");
    let header = lines[4];
    let rows = &lines[5..];
    let uids: Vec<&str> = rows
        .iter()
        .map(|row| row.split(' ').next().unwrap())
        .collect();
    assert_eq!(uids, CHANGED_IN_ORDER);
    // Every column starts where its heading does.
    for heading in ["change", "entered", "left", "largest probability change"] {
        let column = header.find(heading).unwrap();
        for row in rows {
            let cut = row.get(..column).unwrap_or(row);
            assert!(
                cut.ends_with("  ") || row.len() <= column,
                "{heading} in {row:?}"
            );
        }
    }
    assert!(rows[0].contains("Y 0.800 → 0.200 (-0.600)"), "{}", rows[0]);
    assert!(
        rows[3].contains("+Reference R-1, −Amount £10"),
        "{}",
        rows[3]
    );
    assert_eq!(
        stderr,
        "streamlens diff: note: A was predicted by model version 7 and B by model version 8.\n"
    );
}

#[test]
fn the_json_has_one_object_per_changed_comment_with_both_values() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = hand_made_pair(dir.path());
    let (json, _) = diff_ok(&a, &b, "json");
    let document: Value = serde_json::from_str(&json).unwrap();
    assert_eq!(document["a"]["model_version"], 7);
    assert_eq!(document["b"]["stream"], "acme-ops/claims/new-claims");
    assert_eq!(document["summary"]["only_in_b"], 1);
    assert_eq!(document["summary"]["labels_changed"], 3);
    let notes = document["notes"].as_array().unwrap();
    assert_eq!(notes.len(), 1);
    let changes = document["changes"].as_array().unwrap();
    let uids: Vec<&str> = changes.iter().map(|c| c["uid"].as_str().unwrap()).collect();
    assert_eq!(uids, CHANGED_IN_ORDER);
    // One object per line, for grep.
    assert_eq!(
        json.lines().filter(|l| l.starts_with("{\"uid\":")).count(),
        6
    );

    let entered = &changes[1];
    assert_eq!(entered["change"], "changed");
    assert_eq!(entered["entered"], json!([["X"]]));
    assert_eq!(
        entered["labels"][0]["a"],
        json!({"probability": 0.4, "threshold": 0.5, "above": false})
    );
    assert_eq!(entered["labels"][0]["b"]["probability"], 0.7);
    assert_eq!(entered["labels"][0]["delta"], 0.3);
    assert_eq!(entered["model_version"], json!({"a": 7, "b": 8}));
    assert_eq!(entered["a"]["index"], 0);
    assert_eq!(entered["b"], json!({"index": 5, "above": [["X"]]}));
    assert_eq!(changes[0]["left"], json!([["Y"]]));
    assert_eq!(changes[2]["labels"][0]["label"], json!(["Claim, urgent"]));
    assert_eq!(
        changes[3]["fields_added"],
        json!([{"name": "Reference", "value": "R-1"}])
    );
    assert_eq!(
        changes[3]["fields_removed"],
        json!([{"name": "Amount", "value": "£10"}])
    );
    assert_eq!(changes[4]["change"], "only_in_a");
    assert_eq!(changes[4]["b"], Value::Null);
    assert_eq!(changes[5]["change"], "only_in_b");
}

/// RFC 4180 records (quoted fields may hold commas, quotes and line breaks).
fn csv_records(text: &str) -> Vec<Vec<String>> {
    let (mut records, mut record, mut field) = (Vec::new(), Vec::new(), String::new());
    let (mut quoted, mut chars) = (false, text.chars().peekable());
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') => quoted = true,
            (false, ',') => record.push(std::mem::take(&mut field)),
            (false, '\r') => {}
            (false, '\n') => {
                record.push(std::mem::take(&mut field));
                records.push(std::mem::take(&mut record));
            }
            (false, c) => field.push(c),
        }
    }
    records
}

#[test]
fn the_csv_has_one_row_per_change() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = hand_made_pair(dir.path());
    let (csv, _) = diff_ok(&a, &b, "csv");
    assert!(
        csv.contains("\"Claim, urgent\""),
        "quoted as the CSV export quotes"
    );
    let records = csv_records(&csv);
    assert_eq!(records[0], ["uid", "change", "name", "a", "b", "delta"]);
    let rows: Vec<Vec<&str>> = records[1..]
        .iter()
        .map(|r| r.iter().map(String::as_str).collect())
        .collect();
    assert_eq!(
        rows,
        [
            vec!["c.left", "left", "Y", "0.8", "0.2", "-0.6"],
            vec!["c.entered", "entered", "X", "0.4", "0.7", "0.3"],
            vec![
                "c.moved",
                "probability",
                "Claim, urgent",
                "0.1",
                "0.3",
                "0.2"
            ],
            vec!["c.fields", "field_added", "Reference", "", "R-1", ""],
            vec!["c.fields", "field_removed", "Amount", "£10", "", ""],
            vec!["c.only-a", "only_in_a", "", "", "", ""],
            vec!["c.only-b", "only_in_b", "", "", "", ""],
        ]
    );
}

#[test]
fn files_that_are_no_page_fail_in_one_line_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let (good, _) = hand_made_pair(dir.path());
    let bad = [
        (
            "login.html",
            "<!doctype html><html><body>Sign in</body></html>",
        ),
        ("notes.txt", "hello, world"),
        ("projects.json", r#"{"status":"ok","projects":[]}"#),
        ("empty.json", ""),
        ("cut.json", r#"{"status":"ok","results":[{"comment":"#),
    ];
    let mut paths: Vec<PathBuf> = bad
        .iter()
        .map(|(name, text)| {
            let path = dir.path().join(name);
            std::fs::write(&path, text).unwrap();
            path
        })
        .collect();
    paths.push(dir.path().join("missing.json"));
    for path in &paths {
        for (a, b) in [(path, &good), (&good, path)] {
            let output = diff(a, b, "json");
            let stderr = String::from_utf8(output.stderr).unwrap();
            let name = path.file_name().unwrap().to_str().unwrap();
            assert!(!output.status.success(), "{name}: {stderr}");
            assert!(
                output.stdout.is_empty(),
                "{name}: nothing on standard output"
            );
            assert_eq!(stderr.lines().count(), 1, "{name}: {stderr}");
            assert!(
                stderr.starts_with("streamlens diff: Could not open ") && stderr.contains(name),
                "{stderr}"
            );
        }
    }
}
