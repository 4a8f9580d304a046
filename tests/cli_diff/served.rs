//! `streamlens diff` on pages read from the stand-in server: one stream's page on both routes,
//! and the bulk stream's page against a copy with a hand-made change.

use serde_json::{Value, json};
use streamlens::api::{
    Client, ClientConfig, Endpoint, LabelPath, Page, PageRequest, Progress, Route, StreamModel,
    StreamRef, Token,
};
use streamlens::demo_server::{DemoServer, ServerConfig};
use streamlens::export::{self, Provenance};

use super::diff_ok;

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
