//! `streamlens stats`, the real binary, against the stand-in server. Its figures are checked
//! against values this test computes itself from the raw curve JSON, read with serde_json alone,
//! following the vendor's `re get stream-stats`.

mod support;

use std::process::{Command, Output};

use serde_json::{Value, json};
use streamlens::demo_server::{Fault, FaultRule};
use support::Fixture;

const TOKEN: &str = "tok-stats-5e1f";
const TRIAGE: &str = "northwind-bank/service-mail/triage";

/// The command and the server's raw answers, on the shared stand-in server fixture.
trait StatsFixture {
    fn stats(&self, token: &str, extra: &[&str]) -> Output;
    fn raw(&self, path: &str, body: Option<Value>) -> Value;
    fn curve(&self, version: u64, label: &str) -> Value;
}

impl StatsFixture for Fixture {
    fn stats(&self, token: &str, extra: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_streamlens"))
            .args(["stats", "--endpoint", &self.server.base_url()])
            .args(extra)
            .env("REINFER_TOKEN", token)
            .output()
            .unwrap()
    }

    /// A raw answer of the server, read with serde_json only.
    fn raw(&self, path: &str, body: Option<Value>) -> Value {
        let url = format!("{}{path}", self.server.base_url());
        self.runtime.block_on(async {
            let http = reqwest::Client::new();
            let request = match body {
                Some(body) => http.post(url).body(body.to_string()),
                None => http.get(url),
            };
            let reply = request.bearer_auth(TOKEN).send().await.unwrap();
            serde_json::from_slice(&reply.bytes().await.unwrap()).unwrap()
        })
    }

    fn curve(&self, version: u64, label: &str) -> Value {
        let path = format!(
            "/api/_private/datasets/northwind-bank/service-mail/labellers/{version}/label-validation"
        );
        self.raw(&path, Some(json!({ "label": label })))["label_validation"].clone()
    }
}

fn numbers(curve: &Value, key: &str) -> Vec<f64> {
    let list = curve[key].as_array().unwrap();
    list.iter().map(|v| v.as_f64().unwrap()).collect()
}

/// What `re get stream-stats` computes for one label, from raw curves.
fn expected(label: &str, threshold: f64, curve: &Value, compared: &Value) -> Value {
    let (t, p, r) = (
        numbers(curve, "thresholds"),
        numbers(curve, "precisions"),
        numbers(curve, "recalls"),
    );
    let at = t.iter().position(|&x| x <= threshold).unwrap();
    let (ct, cp, cr) = (
        numbers(compared, "thresholds"),
        numbers(compared, "precisions"),
        numbers(compared, "recalls"),
    );
    let same = ct.iter().position(|&x| x <= threshold).unwrap();
    let keeps_recall = cr.iter().position(|&x| x >= r[at]);
    let mut keeps_precision = None;
    for (i, x) in cp.iter().enumerate() {
        if *x >= p[at] {
            keeps_precision = Some(i);
        }
    }
    json!({
        "label_name": label, "threshold": threshold, "precision": p[at], "recall": r[at],
        "compare_to_precision": cp[same], "compare_to_recall": cr[same],
        "maintain_recall_precision": keeps_recall.map(|i| cp[i]),
        "maintain_recall_threshold": keeps_recall.map(|i| ct[i]),
        "maintain_precision_recall": keeps_precision.map(|i| cr[i]),
        "maintain_precision_threshold": keeps_precision.map(|i| ct[i]),
    })
}

fn success(output: &Output) -> String {
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout.clone()).unwrap()
}

/// The one line a failure prints, after checking it is one line and the exit is not zero.
fn failure(output: &Output) -> String {
    assert!(!output.status.success());
    assert!(output.stdout.is_empty());
    let stderr = String::from_utf8(output.stderr.clone()).unwrap();
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.starts_with("streamlens stats: "), "{stderr}");
    assert!(!stderr.contains(TOKEN), "{stderr}");
    stderr
}

#[test]
fn figures_match_the_vendors_reading_of_the_raw_curves() {
    let fixture = Fixture::new(TOKEN);
    let out = fixture.stats(
        TOKEN,
        &[
            "--stream",
            TRIAGE,
            "--compare-version",
            "6",
            "--format",
            "json",
        ],
    );
    let printed: Vec<Value> = (success(&out).lines())
        .map(|line| serde_json::from_str(line).unwrap())
        .collect();

    let stream = fixture.raw(
        "/api/v1/datasets/northwind-bank/service-mail/streams/triage",
        None,
    );
    assert_eq!(stream["stream"]["model"]["version"], 7);
    let mut wanted: Vec<Value> = Vec::new();
    for entry in stream["stream"]["model"]["label_thresholds"]
        .as_array()
        .unwrap()
    {
        let threshold = entry["threshold"].as_f64().unwrap();
        if threshold >= 1.0 {
            continue;
        }
        let levels: Vec<&str> = (entry["name"].as_array().unwrap().iter())
            .map(|l| l.as_str().unwrap())
            .collect();
        let label = levels.join(" > ");
        let (curve, compared) = (fixture.curve(7, &label), fixture.curve(6, &label));
        wanted.push(expected(&label, threshold, &curve, &compared));
    }
    wanted.sort_by_key(|v| v["label_name"].as_str().unwrap().to_owned());
    assert!(
        wanted.len() > 5 && wanted.len() < 14,
        "labels at 100 % are left out"
    );
    assert_eq!(printed, wanted);
    assert!(
        printed
            .iter()
            .any(|p| p["maintain_precision_threshold"].is_null()),
        "a version that never reaches the precision shows none: {printed:?}"
    );
}

#[test]
fn the_table_has_the_vendors_columns_and_formats() {
    let fixture = Fixture::new(TOKEN);
    let text = success(&fixture.stats(TOKEN, &["--stream", TRIAGE]));
    let lines: Vec<&str> = text.lines().collect();
    let headers: Vec<&str> = lines[0]
        .split("  ")
        .map(str::trim)
        .filter(|h| !h.is_empty())
        .collect();
    assert_eq!(
        headers,
        [
            "Name",
            "Threshold (T)",
            "Precision (P)",
            "Recall (R)",
            "P at same T",
            "R at same T",
            "P at same R",
            "R at same P",
            "T at same R",
            "T at same P"
        ]
    );
    let fees = lines
        .iter()
        .find(|l| l.starts_with(" Complaint > Fees "))
        .unwrap();
    let curve = fixture.curve(7, "Complaint > Fees");
    let stream = fixture.raw(
        "/api/v1/datasets/northwind-bank/service-mail/streams/triage",
        None,
    );
    let threshold = (stream["stream"]["model"]["label_thresholds"]
        .as_array()
        .unwrap()
        .iter())
    .find(|t| t["name"] == json!(["Complaint", "Fees"]))
    .unwrap()["threshold"]
        .as_f64()
        .unwrap();
    let at = numbers(&curve, "thresholds")
        .iter()
        .position(|&t| t <= threshold)
        .unwrap();
    let cells: Vec<&str> = fees
        .split("  ")
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .collect();
    let precision = numbers(&curve, "precisions")[at];
    let recall = numbers(&curve, "recalls")[at];
    assert_eq!(
        cells,
        [
            "Complaint > Fees",
            &format!("{threshold:.3}"),
            &format!("{precision:.3}"),
            &format!("{recall:.3}"),
            "none",
            "none",
            "none",
            "none",
            "none",
            "none"
        ]
    );
}

#[test]
fn a_label_the_compared_version_lacks_is_none() {
    let fixture = Fixture::new(TOKEN);
    let without_fees = json!({"status": "ok",
        "label_groups": [{"name": "default", "label_defs": [{"name": "Payments"}]}],
        "validation": {"version": 6, "model_rating": {"score": 70.0, "quality": "average"},
                       "reviewed_size": 900}});
    fixture.server.inject(
        FaultRule::new(Fault::json(200, without_fees.to_string()))
            .on("GET", "/labellers/6/validation"),
    );
    let args = [
        "--stream",
        TRIAGE,
        "--compare-version",
        "6",
        "--format",
        "json",
    ];
    let printed: Vec<Value> = (success(&fixture.stats(TOKEN, &args)).lines())
        .map(|line| serde_json::from_str(line).unwrap())
        .collect();
    for stat in &printed {
        let compared = !stat["compare_to_precision"].is_null();
        assert_eq!(compared, stat["label_name"] == "Payments", "{stat}");
    }
    let asked_six: Vec<String> = (fixture.server.requests().into_iter())
        .filter(|r| r.path.contains("/labellers/6/label-validation"))
        .map(|r| r.path)
        .collect();
    assert_eq!(asked_six.len(), 1, "only the label version 6 defines");
}

#[test]
fn every_failure_is_one_line_and_a_non_zero_exit() {
    let fixture = Fixture::new(TOKEN);
    let triage = ["--stream", TRIAGE];
    assert!(failure(&fixture.stats("", &triage)).contains("No API token"));
    let no_model = ["--stream", "northwind-bank/service-mail/no-model"];
    assert!(failure(&fixture.stats(TOKEN, &no_model)).contains("has no model"));
    let unknown = ["--stream", TRIAGE, "--compare-version", "99"];
    assert!(failure(&fixture.stats(TOKEN, &unknown)).contains("Model version 99"));
    let missing = ["--stream", "northwind-bank/service-mail/nowhere"];
    assert!(failure(&fixture.stats(TOKEN, &missing)).contains("Stream 'nowhere' was not found"));

    fixture.server.inject(
        FaultRule::new(Fault::status(403))
            .on("POST", "/label-validation")
            .times(1),
    );
    assert!(failure(&fixture.stats(TOKEN, &triage)).contains("(HTTP 403)"));
    let uneven = json!({"status": "ok", "label_validation":
        {"thresholds": [0.9, 0.1], "precisions": [1.0], "recalls": [0.1, 1.0]}});
    fixture.server.inject(
        FaultRule::new(Fault::json(200, uneven.to_string()))
            .on("POST", "/label-validation")
            .times(1),
    );
    assert!(failure(&fixture.stats(TOKEN, &triage)).contains("differ in length"));
    let refused = failure(&fixture.stats("wrong-token", &triage));
    assert!(refused.contains("The token was refused"), "{refused}");
}
