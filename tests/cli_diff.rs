//! `streamlens diff` as the real binary: hand-made page pairs written by the test in every
//! format, files that are no page, and pages read from the stand-in server.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use bytes::Bytes;
use serde_json::{Value, json};
use streamlens::api::{
    Client, ClientConfig, Endpoint, LabelPath, LabelThreshold, Page, PageRequest, Progress, Route,
    StreamModel, StreamRef, Token,
};
use streamlens::demo_server::{DemoServer, ServerConfig};
use streamlens::export::{self, Provenance};

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
fn diff_ok(a: &Path, b: &Path, format: &str) -> (String, String) {
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

/// The stand-in server, and a client of it.
struct Served {
    server: DemoServer,
    runtime: tokio::runtime::Runtime,
}

impl Served {
    fn start() -> Self {
        let runtime = tokio::runtime::Runtime::new().unwrap();
        let server = runtime
            .block_on(DemoServer::start(ServerConfig::default()))
            .unwrap();
        Self { server, runtime }
    }

    /// One page of `stream` and the stream's model as the server lists it.
    fn peek(&self, stream: &StreamRef, route: Route, size: u32) -> (Page, Option<StreamModel>) {
        let endpoint = Endpoint::parse(&self.server.base_url()).unwrap();
        let token = Token::new(self.server.token());
        let client = Client::new(endpoint, token, ClientConfig::default()).unwrap();
        let request = PageRequest {
            route,
            size,
            max_filtered: None,
        };
        self.runtime.block_on(async {
            let page = client.peek(stream, request, &|_: Progress| {}).await;
            let listed = client.stream(stream).await.unwrap();
            (page.unwrap(), listed.model)
        })
    }

    /// Our export of `page`, as File → Export writes it.
    fn export(&self, page: &Page, stream: &StreamRef, model: Option<&StreamModel>) -> Vec<u8> {
        let endpoint = Endpoint::parse(&self.server.base_url()).unwrap();
        let at = jiff::Timestamp::now();
        let size = page.results.len() as u32;
        let source = Provenance::new(&endpoint, stream, model, page, size, at);
        export::wrapped_json(page, &source)
    }
}

#[test]
fn one_streams_page_on_both_routes_differs_in_nothing_but_the_route() {
    let served = Served::start();
    let triage: StreamRef = "northwind-bank/service-mail/triage".parse().unwrap();
    let (fetched, model) = served.peek(&triage, Route::Fetch, 64);
    let (results, _) = served.peek(&triage, Route::Results, 64);
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (
        dir.path().join("fetch.json"),
        dir.path().join("results.json"),
    );
    std::fs::write(&a, served.export(&fetched, &triage, model.as_ref())).unwrap();
    std::fs::write(&b, &results.raw).unwrap();

    let (json, stderr) = diff_ok(&a, &b, "json");
    let document: Value = serde_json::from_str(&json).unwrap();
    assert_eq!(document["summary"]["in_both"], 64);
    assert_eq!(document["summary"]["changed"], 0, "{json}");
    assert_eq!(document["changes"], json!([]));
    assert_eq!(
        document["b"]["stream"],
        Value::Null,
        "a bare response names no stream"
    );
    let notes: Vec<&str> = stderr.lines().collect();
    assert_eq!(notes.len(), 2, "{stderr}");
    assert!(notes[0].contains("A came from the fetch route and B from the results route"));
    assert!(notes[1].contains("B does not record its stream's label thresholds"));
}

#[test]
fn a_hand_made_change_to_a_served_page_is_found_exactly() {
    let served = Served::start();
    let bulk: StreamRef = "northwind-bank/service-mail/bulk".parse().unwrap();
    let (page, model) = served.peek(&bulk, Route::Fetch, 256);
    let model = model.expect("the bulk stream has a model");
    let mut body: Value = serde_json::from_slice(&page.raw).unwrap();
    let results = body["results"].as_array_mut().unwrap();
    // A label under an open threshold (below 1) enters when its probability is set to 0.99.
    let enters = |label: &Value| {
        let path: LabelPath = serde_json::from_value(label["name"].clone()).unwrap();
        let probability = label["probability"].as_f64().unwrap();
        let threshold = model.threshold_for(&path);
        threshold.is_some_and(|t| probability < t && t <= 0.99)
    };
    let labels = |result: &Value| result["labels"].as_array().unwrap().clone();
    let entering = results
        .iter()
        .position(|result| labels(result).iter().any(enters))
        .expect("a comment with a label under its threshold");
    let mut expected_entered: Vec<Value> = labels(&results[entering])
        .into_iter()
        .filter(enters)
        .map(|label| label["name"].clone())
        .collect();
    for label in results[entering]["labels"].as_array_mut().unwrap() {
        label["probability"] = json!(0.99);
    }
    // Another comment loses its general fields, and a third one is gone.
    let losing = (0..results.len())
        .find(|&i| i != entering && !results[i]["entities"].as_array().unwrap().is_empty())
        .expect("a comment with general fields");
    let removed = std::mem::take(results[losing]["entities"].as_array_mut().unwrap());
    let uid = |result: &Value| result["comment"]["uid"].as_str().unwrap().to_owned();
    let (first, second) = (uid(&results[entering]), uid(&results[losing]));
    let gone = (0..results.len()).find(|i| ![entering, losing].contains(i));
    let gone = results.remove(gone.unwrap());
    let changed_body = serde_json::to_vec(&body).unwrap();
    let changed = Page::parse(Route::Fetch, changed_body.into()).unwrap();

    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a.json"), dir.path().join("b.json"));
    std::fs::write(&a, served.export(&page, &bulk, Some(&model))).unwrap();
    std::fs::write(&b, served.export(&changed, &bulk, Some(&model))).unwrap();
    let (json, stderr) = diff_ok(&a, &b, "json");
    assert_eq!(stderr, "", "same stream, route and model: nothing to note");
    let document: Value = serde_json::from_str(&json).unwrap();
    let summary = &document["summary"];
    assert_eq!(
        (
            &summary["in_both"],
            &summary["changed"],
            &summary["only_in_a"]
        ),
        (&json!(255), &json!(2), &json!(1))
    );
    assert_eq!(summary["fields_removed"], removed.len());
    let changes = document["changes"].as_array().unwrap();
    let uids: Vec<&str> = changes.iter().map(|c| c["uid"].as_str().unwrap()).collect();
    assert_eq!(uids, [first.as_str(), second.as_str(), uid(&gone).as_str()]);
    let mut entered = changes[0]["entered"].as_array().unwrap().clone();
    let key = |v: &Value| v.to_string();
    entered.sort_by_key(key);
    expected_entered.sort_by_key(key);
    assert_eq!(entered, expected_entered);

    // The table and the CSV read the same comparison.
    let (table, _) = diff_ok(&a, &b, "table");
    assert!(table.starts_with("255 comments in both (2 changed, 253 unchanged), 1 only in A"));
    let (csv, _) = diff_ok(&a, &b, "csv");
    let removed_rows = csv
        .lines()
        .filter(|l| l.contains(",field_removed,"))
        .count();
    assert_eq!(removed_rows, removed.len());
}
