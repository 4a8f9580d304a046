//! `acme-ops` and `sandbox`: the API reference's examples, served byte for byte where a request
//! matches them exactly, and given the fields the service sends besides (ids, timestamps, the
//! source the comments name), then generated mail.

use jiff::Timestamp;
use serde_json::{Value, json};

use super::catalog::{Dataset, Project, SourceSpec, Stream, Verbatim, at, source};
use super::corpus::{self, Item, Recipe};

const EXAMPLE_PROJECTS: &[u8] = include_bytes!("../../assets/api-examples/projects.json");
const EXAMPLE_DATASETS: &[u8] = include_bytes!("../../assets/api-examples/datasets-acme-ops.json");
const EXAMPLE_STREAMS: &[u8] = include_bytes!("../../assets/api-examples/streams-claims.json");
const EXAMPLE_FETCH: &[u8] = include_bytes!("../../assets/api-examples/fetch-new-claims.json");
const EXAMPLE_RESULTS: &[u8] = include_bytes!("../../assets/api-examples/results-new-claims.json");
const DOCS_FETCH: &[u8] = include_bytes!("../../assets/api-examples/fetch-docs-example.json");

fn parse(bytes: &[u8]) -> Value {
    serde_json::from_slice(bytes).expect("the bundled example payloads are valid JSON")
}

/// The example's project `index`, with the id and timestamps the example leaves out.
fn example_project(index: usize, id: &str, created_at: &str, updated_at: &str) -> Value {
    let mut project = parse(EXAMPLE_PROJECTS)["projects"][index].clone();
    project["id"] = json!(id);
    project["created_at"] = json!(created_at);
    project["updated_at"] = json!(updated_at);
    project
}

/// `acme-ops`: the claims dataset with its two streams, and the inbox their mail comes from.
pub fn project() -> Project {
    Project {
        json: example_project(
            0,
            "a1c3e0000000ac3e",
            "2024-02-27T10:00:00Z",
            "2025-10-30T08:45:00Z",
        ),
        datasets: vec![Dataset {
            json: parse(EXAMPLE_DATASETS)["datasets"][0].clone(),
            streams: vec![new_claims(), docs_example()],
        }],
        sources: vec![source("acme-ops", &CLAIMS_INBOX)],
    }
}

/// `sandbox`: a project without datasets.
pub fn sandbox() -> Project {
    Project {
        json: example_project(
            1,
            "5a4db0c000000001",
            "2024-06-12T14:20:00Z",
            "2024-06-12T14:20:00Z",
        ),
        datasets: Vec::new(),
        sources: Vec::new(),
    }
}

/// The source of every acme comment, the examples' included (their `source_id`).
const CLAIMS_INBOX: SourceSpec = SourceSpec {
    id: "18ba5ce699f8da1f",
    name: "claims-inbox",
    title: "Claims inbox",
    description: "The claims@acme.example mailbox",
    kind: "unknown",
    bucket_id: Some("b0c4e7000000ac3e"),
    created_at: "2024-03-01T09:05:10Z",
    updated_at: "2025-10-28T12:00:00Z",
};

/// Takes the results out of a `/fetch` example as items, dropping their `sequence_id`s.
fn example_items(body: &[u8]) -> Vec<Item> {
    let page = parse(body);
    page["results"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|result| {
            let mut result = result.clone();
            if let Some(object) = result.as_object_mut() {
                object.remove("sequence_id");
            }
            let created = result["comment"]["created_at"]
                .as_str()
                .unwrap_or("2025-01-01T00:00:00Z");
            Item {
                created_at: at(created),
                result,
                passes: true,
            }
        })
        .collect()
}

/// Comments the stream's filter rejects (another mailbox), standing in for those the examples
/// report as `filtered`.
fn rejected(mut items: Vec<Item>) -> Vec<Item> {
    for item in &mut items {
        item.result["comment"]["user_properties"]["string:Mailbox"] =
            json!("newsletters@acme.example");
        item.passes = false;
    }
    items
}

/// Generated acme mail from `start`, numbered from `first_id` on: each acme stream's mail has a
/// range of its own, since all of it comes from the one claims inbox.
fn acme_mail(seed: u64, start: Timestamp, first_id: usize, count: usize) -> Vec<Item> {
    let recipe = Recipe {
        seed,
        source_id: CLAIMS_INBOX.id,
        first_id,
        start,
        with_model: true,
        reject_every: 0,
    };
    corpus::emails(recipe, count)
}

/// `acme-ops/claims/new-claims`: the examples first (one filtered comment between them, as the
/// example's `filtered: 1` says), then generated mail.
fn new_claims() -> Stream {
    let mut examples = example_items(EXAMPLE_FETCH).into_iter();
    let first = examples.next().expect("the fetch example has two results");
    let second = examples.next().expect("the fetch example has two results");
    let after_first = first.created_at;
    let mut items = vec![first];
    items.extend(rejected(acme_mail(13, after_first, 1001, 1)));
    items.push(second);
    items.extend(acme_mail(11, at("2025-11-03T11:00:00Z"), 1, 40));
    let mut json = parse(EXAMPLE_STREAMS)["streams"][0].clone();
    json["updated_at"] = json!("2025-10-31T16:20:00Z");
    Stream {
        json,
        items,
        position: 0,
        verbatim: vec![
            Verbatim {
                results_route: false,
                size: 2,
                body: EXAMPLE_FETCH,
            },
            Verbatim {
                results_route: true,
                size: 1,
                body: EXAMPLE_RESULTS,
            },
        ],
        aliases: vec![
            ("qs8QcHIBAADJ1p3W2FtmBB3QiOJsCJlQ".into(), 1),
            ("qs8QcHIBAADJ1p3W2FtmBB3QiOJsCJlR".into(), 3),
            ("c-item-0001".into(), 1),
            ("c-batch-0001".into(), 1),
        ],
    }
}

/// `acme-ops/claims/docs-example`: the fetch response printed in the vendor's documentation.
fn docs_example() -> Stream {
    let mut items = example_items(DOCS_FETCH);
    let last = items.last().map(|item| item.created_at).unwrap_or_default();
    items.extend(rejected(acme_mail(12, last, 2001, 6)));
    Stream {
        json: json!({
            "id": "0f3c1e2d4b5a6979", "dataset_id": "aa9dda7c059e5a8d", "name": "docs-example",
            "title": "The documentation's example", "description": "", "created_at": "2018-10-01T00:00:00Z",
            "updated_at": "2018-10-16T12:00:00Z", "comment_filter": {}, "model": { "version": 42, "label_thresholds": [] },
        }),
        items,
        position: 0,
        verbatim: vec![Verbatim {
            results_route: false,
            size: 2,
            body: DOCS_FETCH,
        }],
        aliases: vec![
            ("qs8QcHIBAACuYzDeit-pwQdWGYGQImdy".into(), 1),
            ("qs8QcHIBAADJ1p3W2FtmBB3QiOJsCJlR".into(), 8),
        ],
    }
}
