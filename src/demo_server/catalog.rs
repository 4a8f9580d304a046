//! The server's projects, datasets and streams: the API reference's examples (served byte for
//! byte where a request matches them exactly) and a generated bank with realistic streams.

use jiff::Timestamp;
use serde_json::{Value, json};

use super::corpus::{self, BANK_LABELS, Item, MAILBOX, Recipe};

pub const EXAMPLE_PROJECTS: &[u8] = include_bytes!("../../assets/api-examples/projects.json");
const EXAMPLE_DATASETS: &[u8] = include_bytes!("../../assets/api-examples/datasets-acme-ops.json");
const EXAMPLE_STREAMS: &[u8] = include_bytes!("../../assets/api-examples/streams-claims.json");
const EXAMPLE_FETCH: &[u8] = include_bytes!("../../assets/api-examples/fetch-new-claims.json");
const EXAMPLE_RESULTS: &[u8] = include_bytes!("../../assets/api-examples/results-new-claims.json");
const DOCS_FETCH: &[u8] = include_bytes!("../../assets/api-examples/fetch-docs-example.json");

pub struct Project {
    pub json: Value,
    pub datasets: Vec<Dataset>,
}

pub struct Dataset {
    pub json: Value,
    pub streams: Vec<Stream>,
}

/// A stream and its shared position.
pub struct Stream {
    pub json: Value,
    pub items: Vec<Item>,
    /// Index of the next item the stream delivers, for every consumer.
    pub position: usize,
    /// Bodies served verbatim for a request at position 0 with exactly these parameters.
    pub verbatim: Vec<Verbatim>,
    /// Sequence ids from verbatim bodies, and the position each stands for.
    pub aliases: Vec<(String, usize)>,
}

pub struct Verbatim {
    pub results_route: bool,
    pub size: u32,
    pub body: &'static [u8],
}

impl Stream {
    pub fn name(&self) -> &str {
        self.json["name"].as_str().unwrap_or_default()
    }

    pub fn has_model(&self) -> bool {
        self.json.get("model").is_some_and(|model| !model.is_null())
    }

    /// `(label path, threshold)` pairs of the stream's model.
    pub fn thresholds(&self) -> Vec<(Vec<String>, f64)> {
        let Some(list) = self.json["model"]["label_thresholds"].as_array() else {
            return Vec::new();
        };
        list.iter()
            .filter_map(|entry| {
                let path = entry["name"].as_array()?;
                let path = path
                    .iter()
                    .filter_map(|s| s.as_str().map(str::to_owned))
                    .collect();
                Some((path, entry["threshold"].as_f64()?))
            })
            .collect()
    }
}

fn parse(bytes: &[u8]) -> Value {
    serde_json::from_slice(bytes).expect("the bundled example payloads are valid JSON")
}

fn at(text: &str) -> Timestamp {
    text.parse().expect("a valid built-in timestamp")
}

/// Everything the server knows when it starts.
pub fn build() -> Vec<Project> {
    let projects = parse(EXAMPLE_PROJECTS);
    let mut acme = json!(projects["projects"][0]);
    acme["id"] = json!("a1c3e0000000acme");
    let sandbox = json!(projects["projects"][1]);
    vec![
        Project {
            json: acme,
            datasets: vec![Dataset {
                json: parse(EXAMPLE_DATASETS)["datasets"][0].clone(),
                streams: vec![new_claims(), docs_example()],
            }],
        },
        Project {
            json: sandbox,
            datasets: Vec::new(),
        },
        northwind(),
    ]
}

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

/// A comment the stream's filter rejects (another mailbox), standing in for those the examples
/// report as `filtered`.
fn rejected(after: Timestamp, recipe: Recipe) -> Item {
    let mut item = corpus::emails(recipe, 1).remove(0);
    item.result["comment"]["user_properties"]["string:Mailbox"] = json!("newsletters@acme.example");
    item.created_at = after + jiff::SignedDuration::from_secs(1);
    item.passes = false;
    item
}

fn acme_recipe(seed: u64, start: Timestamp) -> Recipe {
    Recipe {
        seed,
        source_id: "18ba5ce699f8da1f",
        start,
        with_model: true,
        reject_every: 0,
    }
}

/// `acme-ops/claims/new-claims`: the examples first (one filtered comment between them, as the
/// example's `filtered: 1` says), then generated mail.
fn new_claims() -> Stream {
    let mut examples = example_items(EXAMPLE_FETCH).into_iter();
    let first = examples.next().expect("the fetch example has two results");
    let second = examples.next().expect("the fetch example has two results");
    let recipe = acme_recipe(11, at("2025-11-03T11:00:00Z"));
    let mut items = vec![rejected(first.created_at, recipe), second];
    items.insert(0, first);
    items.extend(corpus::emails(recipe, 40));
    Stream {
        json: parse(EXAMPLE_STREAMS)["streams"][0].clone(),
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
    let recipe = acme_recipe(12, at("2018-10-16T00:00:00Z"));
    items.extend((0..6).map(|_| rejected(last, recipe)));
    Stream {
        json: json!({
            "id": "0f3c1e2d4b5a6979", "dataset_id": "aa9dda7c059e5a8d", "name": "docs-example",
            "title": "The documentation's example", "description": "", "created_at": "2018-10-01T00:00:00Z",
            "updated_at": null, "comment_filter": {}, "model": { "version": 42, "label_thresholds": [] },
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

fn northwind() -> Project {
    let start = at("2026-10-01T08:00:00Z");
    let recipe = |seed, source_id| Recipe {
        seed,
        source_id,
        start,
        with_model: true,
        reject_every: 5,
    };
    let mut quarantine = corpus::emails(
        Recipe {
            reject_every: 0,
            ..recipe(5, "7a61c0de00000005")
        },
        80,
    );
    for item in quarantine.iter_mut().take(45) {
        item.passes = false;
        item.result["comment"]["user_properties"]["string:Mailbox"] =
            json!("quarantine@northwind.example");
    }
    let emails = vec![
        stream(
            "triage",
            "Service triage",
            "Routes service e-mail to the RPA queues",
            7,
            corpus::emails(recipe(1, "7a61c0de00000001"), 300),
        ),
        stream(
            "bulk",
            "Bulk (1,100 comments)",
            "Large backlog, for big pages",
            7,
            corpus::emails(
                Recipe {
                    reject_every: 0,
                    ..recipe(2, "7a61c0de00000002")
                },
                1100,
            ),
        ),
        stream(
            "caught-up",
            "Caught up",
            "Nothing new to deliver",
            7,
            Vec::new(),
        ),
        stream(
            "quarantine",
            "Quarantine",
            "Its first window is entirely filtered out",
            7,
            quarantine,
        ),
        stream(
            "no-model",
            "Without a model",
            "Delivers comments with no predictions",
            0,
            corpus::emails(
                Recipe {
                    with_model: false,
                    ..recipe(3, "7a61c0de00000003")
                },
                60,
            ),
        ),
    ];
    let chats = vec![stream(
        "live-chat",
        "Live chat",
        "Chat transcripts",
        3,
        corpus::chats(
            Recipe {
                reject_every: 0,
                ..recipe(4, "7a61c0de00000004")
            },
            40,
        ),
    )];
    Project {
        json: json!({ "id": "b2d40000northw1d", "name": "northwind-bank", "title": "Northwind Bank — Customer Service", "description": "Demo data: invented customers, real shapes." }),
        datasets: vec![
            Dataset {
                json: dataset("service-mail", "Service mailbox", "0d15ea5e00000001", true),
                streams: emails,
            },
            Dataset {
                json: dataset("chat", "Live chat", "0d15ea5e00000002", false),
                streams: chats,
            },
            // Labelled, but no model has been trained yet: the validation routes answer 404.
            Dataset {
                json: dataset(
                    "archive",
                    "Archive (no model yet)",
                    "0d15ea5e00000003",
                    false,
                ),
                streams: Vec::new(),
            },
        ],
    }
}

fn dataset(name: &str, title: &str, id: &str, sentiment: bool) -> Value {
    let defs: Vec<Value> = BANK_LABELS
        .iter()
        .map(|path| json!({ "name": path.join(" > ") }))
        .collect();
    json!({
        "id": id, "owner": "northwind-bank", "name": name, "title": title, "description": "",
        "created": "2026-09-01T10:00:00Z", "last_modified": "2026-11-20T16:30:00Z",
        "model_family": "transformer-xlm", "source_ids": ["7a61c0de00000001"], "has_sentiment": sentiment,
        "entity_defs": [
            { "id": "e1", "name": "money", "title": "Amount", "color": 4, "inherits_from": [], "trainable": true },
            { "id": "e2", "name": "reference", "title": "Reference", "color": 7, "inherits_from": [], "trainable": true },
        ],
        "general_fields": [
            { "field_id": "f1", "field_type_id": "e1", "api_name": "Amount", "title": "Amount" },
            { "field_id": "f2", "field_type_id": "e2", "api_name": "Reference", "title": "Reference" },
        ],
        "label_defs": defs,
        "label_groups": [{ "name": "default", "label_defs": defs }],
        "_label_properties": ["0000000000000001", "0000000000000002"],
        "_timezone": "Europe/London",
        "_dataset_flags": ["qos", "some_future_flag"],
    })
}

/// A generated stream; `model_version` 0 means no model. Thresholds at 1.0 switch labels off.
fn stream(
    name: &str,
    title: &str,
    description: &str,
    model_version: i64,
    items: Vec<Item>,
) -> Stream {
    let thresholds: Vec<Value> = BANK_LABELS
        .iter()
        .enumerate()
        .map(|(i, path)| {
            let threshold = if path[0] == "General Enquiry" || path[0] == "Spam" {
                1.0
            } else {
                0.4 + 0.05 * (i % 6) as f64
            };
            json!({ "name": path, "threshold": threshold })
        })
        .collect();
    let model = (model_version > 0)
        .then(|| json!({ "version": model_version, "label_thresholds": thresholds }));
    let mut json = json!({
        "id": format!("5eed{:012x}", name.len() * 7919 + description.len()), "dataset_id": "0d15ea5e00000001",
        "name": name, "title": title, "description": description,
        "created_at": "2026-09-15T09:00:00Z", "updated_at": null,
        "comment_filter": { "user_properties": { "string:Mailbox": { "one_of": [MAILBOX] } } },
    });
    if let Some(model) = model {
        json["model"] = model;
    }
    Stream {
        json,
        items,
        position: 0,
        verbatim: Vec::new(),
        aliases: Vec::new(),
    }
}
