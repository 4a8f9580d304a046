//! The generated bank with realistic streams, `northwind-bank`: its datasets, their sources
//! and streams, over the comments of [`super::corpus`].

use serde_json::{Value, json};

use super::catalog::{Dataset, Project, SourceSpec, Stream, at, source};
use super::comment_texts::{BANK_LABELS, MAILBOX};
use super::corpus::{self, Item, Recipe};

/// `northwind-bank`: e-mail in `service-mail`, chat in `chat`.
pub fn project() -> Project {
    let start = at("2026-10-01T08:00:00Z");
    let recipe = |seed, source: &SourceSpec| Recipe {
        seed,
        source_id: source.id,
        first_id: 1,
        start,
        with_model: true,
        reject_every: 5,
    };
    let mut quarantine = corpus::emails(
        Recipe {
            reject_every: 0,
            ..recipe(5, &QUARANTINE_INBOX)
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
            SERVICE_MAIL,
            7,
            corpus::emails(recipe(1, &SERVICE_INBOX), 300),
        ),
        stream(
            "bulk",
            "Bulk (1,100 comments)",
            "Large backlog, for big pages",
            SERVICE_MAIL,
            7,
            corpus::emails(
                Recipe {
                    reject_every: 0,
                    ..recipe(2, &SERVICE_ARCHIVE)
                },
                1100,
            ),
        ),
        stream(
            "caught-up",
            "Caught up",
            "Nothing new to deliver",
            SERVICE_MAIL,
            7,
            Vec::new(),
        ),
        stream(
            "quarantine",
            "Quarantine",
            "Its first window is entirely filtered out",
            SERVICE_MAIL,
            7,
            quarantine,
        ),
        stream(
            "no-model",
            "Without a model",
            "Delivers comments with no predictions",
            SERVICE_MAIL,
            0,
            corpus::emails(
                Recipe {
                    with_model: false,
                    ..recipe(3, &BRANCH_MAIL)
                },
                60,
            ),
        ),
    ];
    let chats = vec![stream(
        "live-chat",
        "Live chat",
        "Chat transcripts",
        CHAT,
        3,
        corpus::chats(
            Recipe {
                reject_every: 0,
                ..recipe(4, &LIVE_CHAT)
            },
            40,
        ),
    )];
    let mail_sources = [
        &SERVICE_INBOX,
        &SERVICE_ARCHIVE,
        &BRANCH_MAIL,
        &QUARANTINE_INBOX,
    ];
    Project {
        json: json!({
            "id": "b2d4000000000b4e", "name": "northwind-bank", "title": "Northwind Bank — Customer Service",
            "description": "Demo data: invented customers, real shapes.",
            "created_at": "2026-09-01T08:00:00Z", "updated_at": "2026-11-20T16:30:00Z",
        }),
        datasets: vec![
            Dataset {
                json: dataset(
                    "service-mail",
                    "Service mailbox",
                    SERVICE_MAIL,
                    true,
                    &mail_sources,
                ),
                streams: emails,
            },
            Dataset {
                json: dataset("chat", "Live chat", CHAT, false, &[&LIVE_CHAT]),
                streams: chats,
            },
            // Labelled, but no model has been trained yet: the validation routes answer 404.
            Dataset {
                json: dataset(
                    "archive",
                    "Archive (no model yet)",
                    ARCHIVE,
                    false,
                    &[&SERVICE_ARCHIVE],
                ),
                streams: Vec::new(),
            },
        ],
        sources: [
            &SERVICE_INBOX,
            &SERVICE_ARCHIVE,
            &BRANCH_MAIL,
            &LIVE_CHAT,
            &QUARANTINE_INBOX,
        ]
        .into_iter()
        .map(|spec| source("northwind-bank", spec))
        .collect(),
    }
}

/// The dataset ids.
const SERVICE_MAIL: &str = "0d15ea5e00000001";
const CHAT: &str = "0d15ea5e00000002";
const ARCHIVE: &str = "0d15ea5e00000003";

/// Each stream's comments come from a source of its own.
const SERVICE_INBOX: SourceSpec = mail_source(
    "7a61c0de00000001",
    "service-inbox",
    "Service inbox",
    "service@northwind.example, synced from Exchange",
);
const SERVICE_ARCHIVE: SourceSpec = mail_source(
    "7a61c0de00000002",
    "service-archive",
    "Service archive",
    "The 2025 backlog of the service mailbox",
);
const BRANCH_MAIL: SourceSpec = mail_source(
    "7a61c0de00000003",
    "branch-mail",
    "Branch mail",
    "Mail of the branches, not yet labelled",
);
const QUARANTINE_INBOX: SourceSpec = mail_source(
    "7a61c0de00000005",
    "quarantine-inbox",
    "Quarantine inbox",
    "Mail held by the gateway's filters",
);
const LIVE_CHAT: SourceSpec = SourceSpec {
    id: "7a61c0de00000004",
    name: "live-chat",
    title: "Live chat",
    description: "Transcripts of the website's chat",
    kind: "chat",
    bucket_id: None,
    created_at: "2026-09-01T09:40:00Z",
    updated_at: "2026-11-18T11:02:00Z",
};

const fn mail_source(
    id: &'static str,
    name: &'static str,
    title: &'static str,
    description: &'static str,
) -> SourceSpec {
    SourceSpec {
        id,
        name,
        title,
        description,
        kind: "unknown",
        bucket_id: Some("b0c4e70000000b4e"),
        created_at: "2026-09-01T09:30:00Z",
        updated_at: "2026-11-20T16:00:00Z",
    }
}

fn dataset(name: &str, title: &str, id: &str, sentiment: bool, sources: &[&SourceSpec]) -> Value {
    let source_ids: Vec<&str> = sources.iter().map(|source| source.id).collect();
    let defs: Vec<Value> = BANK_LABELS
        .iter()
        .map(|path| json!({ "name": path.join(" > ") }))
        .collect();
    json!({
        "id": id, "owner": "northwind-bank", "name": name, "title": title, "description": "",
        "created": "2026-09-01T10:00:00Z", "last_modified": "2026-11-20T16:30:00Z",
        "model_family": "transformer-xlm", "source_ids": source_ids, "has_sentiment": sentiment,
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

/// A generated stream of dataset `dataset_id`; `model_version` 0 means no model. Thresholds at
/// 1.0 switch labels off.
fn stream(
    name: &str,
    title: &str,
    description: &str,
    dataset_id: &str,
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
        "id": format!("5eed{:012x}", name.len() * 7919 + description.len()), "dataset_id": dataset_id,
        "name": name, "title": title, "description": description,
        "created_at": "2026-09-15T09:00:00Z", "updated_at": "2026-11-24T14:05:00Z",
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
