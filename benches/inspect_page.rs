//! How long the inspector's per-page work takes on the largest page the API serves (1024
//! results): building the index once per page, and filtering it on every keystroke.

use std::hint::black_box;

use bytes::Bytes;
use criterion::{Criterion, criterion_group, criterion_main};
use serde_json::{Value, json};

use streamlens::api::{LabelPath, Page, Route, StreamModel};
use streamlens::inspect::{LabelMode, PageFilter, PageIndex};

const RESULTS: usize = 1024;

/// The two kinds of page measured.
#[derive(Clone, Copy)]
enum Kind {
    /// One English e-mail of about 1 KB per comment.
    Plain,
    /// Three messages per comment in Czech with emoji: an accent every few letters sends case
    /// folding and offset conversion down their slow paths.
    Accented,
}

/// An e-mail body of about 1 KB.
fn body(kind: Kind, i: usize) -> String {
    let line = match kind {
        Kind::Plain => format!("Hello, policy XE-{i:06} was damaged on the motorway; 1200 EUR. "),
        Kind::Accented => {
            format!("Dobrý den 👋, policy XE-{i:06} was damaged on the motorway; škoda ≈ 1 200 €. ")
        }
    };
    line.repeat(12)
}

/// One fetch-route result: eight labels in a hierarchy, two entities.
fn result(kind: Kind, i: usize) -> Value {
    let subject = format!("New claim 👋 policy XE-{i:06}");
    let message_count = match kind {
        Kind::Plain => 1,
        Kind::Accented => 3,
    };
    let messages: Vec<Value> = (0..message_count)
        .map(|m| {
            json!({"from": format!("sender{m}@example.cz"),
                   "sent_at": format!("2025-11-03T09:{:02}:{:02}Z", (i / 60) % 60, (i + m) % 60),
                   "subject": {"text": subject}, "body": {"text": body(kind, i)},
                   "signature": {"text": "Jan"}})
        })
        .collect();
    let labels: Vec<Value> = (0..8)
        .map(|l| {
            let name = match l % 3 {
                0 => json!([format!("Topic {}", l % 4)]),
                1 => json!([format!("Topic {}", l % 4), format!("Child {l}")]),
                _ => json!([format!("Topic {}", l % 4), "Child", format!("Leaf {l}")]),
            };
            json!({"name": name, "probability": ((i * 7 + l * 13) % 100) as f64 / 100.0})
        })
        .collect();
    let span = |part: &str, start: usize, message: usize| {
        json!({"content_part": part, "message_index": message,
               "char_start": start, "char_end": start + 9,
               "utf16_byte_start": (start + 1) * 2, "utf16_byte_end": (start + 10) * 2})
    };
    json!({
        "sequence_id": format!("seq-{i}"),
        "comment": {"id": i.to_string(), "uid": format!("src.{i}"),
                    "thread_id": format!("thread-{}", i / 4),
                    "user_properties": {"string:Mailbox": "claims@acme.example", "number:Size": i},
                    "messages": messages},
        "labels": labels,
        "entities": [
            {"name": "policy_number", "formatted_value": format!("XE-{i:06}"),
             "spans": [span("subject", 19, 0), span("body", 20, message_count - 1),
                       span("body", 720, message_count - 1)]},
            {"name": "amount", "formatted_value": "1200", "spans": [span("body", 60, 0)]}
        ],
        "label_properties": [{"property_id": "1", "property_name": "tone", "value": -1.5}]
    })
}

fn page(kind: Kind) -> Page {
    let results: Vec<Value> = (0..RESULTS).map(|i| result(kind, i)).collect();
    let body = json!({"status": "ok", "filtered": 0, "is_end_sequence": false,
                      "sequence_id": "end", "results": results});
    Page::parse(Route::Fetch, Bytes::from(body.to_string())).expect("the generated page parses")
}

/// A stream over a taxonomy of 200 labels, as big ones are; four of them are predicted here.
fn model() -> StreamModel {
    let thresholds: Vec<Value> = (0..200)
        .map(|t| json!({"name": [format!("Topic {t}")], "threshold": (t % 5) as f64 * 0.25}))
        .collect();
    serde_json::from_value(json!({"version": 1, "label_thresholds": thresholds})).unwrap()
}

fn inspect_page(c: &mut Criterion) {
    let model = model();
    let plain = page(Kind::Plain);
    c.bench_function("build the index of 1024 plain e-mails", |b| {
        b.iter(|| PageIndex::build(black_box(&plain), Some(&model)))
    });
    let page = page(Kind::Accented);
    c.bench_function("build the index of 1024 accented 3-message comments", |b| {
        b.iter(|| PageIndex::build(black_box(&page), Some(&model)))
    });

    let index = PageIndex::build(&page, Some(&model));
    let text = PageFilter {
        text: "XE-000512 MOTORWAY".into(),
        ..PageFilter::default()
    };
    c.bench_function("filter 1024 results by text", |b| {
        b.iter(|| index.filter(&page, black_box(&text)).len())
    });
    let label = PageFilter {
        label: Some(LabelPath::parse("Topic 1")),
        label_mode: LabelMode::AboveThreshold,
        property: Some(("Mailbox".into(), "claims".into())),
        ..PageFilter::default()
    };
    c.bench_function("filter 1024 results by label and property", |b| {
        b.iter(|| index.filter(&page, black_box(&label)).len())
    });
}

criterion_group!(benches, inspect_page);
criterion_main!(benches);
