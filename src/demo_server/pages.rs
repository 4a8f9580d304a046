//! Building `/fetch` and `/results` pages from a stream's head, and the opaque sequence ids.
//! Reading never moves the stream; only [`advance_to`] and [`reset_to`] do.

use jiff::Timestamp;
use serde_json::{Value, json};

use super::catalog::Stream;

/// How far the server scans past comments the filter rejects when the request says nothing.
pub const DEFAULT_MAX_FILTERED: usize = 32;

/// The part of the stream a read covers.
struct Window {
    taken: Vec<usize>,
    filtered: usize,
    /// Position just after everything the window covers, filtered comments included.
    end: usize,
}

fn window(stream: &Stream, size: usize, max_filtered: usize) -> Window {
    let mut window = Window {
        taken: Vec::new(),
        filtered: 0,
        end: stream.position,
    };
    while window.end < stream.items.len() && window.taken.len() < size {
        if stream.items[window.end].passes {
            window.taken.push(window.end);
        } else if window.filtered == max_filtered {
            break;
        } else {
            window.filtered += 1;
        }
        window.end += 1;
    }
    window
}

/// The opaque id of a position in `stream`.
pub fn sequence_id(stream: &Stream, position: usize) -> String {
    let tag = stream
        .name()
        .bytes()
        .fold(0u32, |h, b| h.wrapping_mul(31).wrapping_add(b.into()));
    format!("sl{tag:08x}{position:08x}")
}

/// The position a sequence id (ours, or one from a verbatim example) stands for.
pub fn position_of(stream: &Stream, id: &str) -> Option<usize> {
    if let Some((_, position)) = stream.aliases.iter().find(|(alias, _)| alias == id) {
        return Some(*position);
    }
    let position = id.strip_prefix(&sequence_id(stream, 0)[..10])?;
    usize::from_str_radix(position, 16)
        .ok()
        .filter(|&p| p <= stream.items.len())
}

fn verbatim(
    stream: &Stream,
    results_route: bool,
    size: usize,
    max_filtered: Option<usize>,
) -> Option<Vec<u8>> {
    let found = stream.verbatim.iter().find(|v| {
        v.results_route == results_route
            && v.size as usize == size
            && stream.position == 0
            && max_filtered.is_none()
    })?;
    Some(found.body.to_vec())
}

/// `POST …/fetch`.
pub fn fetch(stream: &Stream, size: usize, max_filtered: Option<usize>) -> Vec<u8> {
    if let Some(body) = verbatim(stream, false, size, max_filtered) {
        return body;
    }
    let window = window(stream, size, max_filtered.unwrap_or(DEFAULT_MAX_FILTERED));
    let results: Vec<Value> = window
        .taken
        .iter()
        .map(|&i| {
            let mut result = stream.items[i].result.clone();
            result["sequence_id"] = json!(sequence_id(stream, i + 1));
            result
        })
        .collect();
    let body = json!({
        "status": "ok",
        "filtered": window.filtered,
        "sequence_id": sequence_id(stream, window.end),
        "is_end_sequence": window.end == stream.items.len(),
        "results": results,
    });
    serde_json::to_vec(&body).unwrap_or_default()
}

/// `GET …/results`.
pub fn results(stream: &Stream, size: usize, max_filtered: Option<usize>) -> Vec<u8> {
    if let Some(body) = verbatim(stream, true, size, max_filtered) {
        return body;
    }
    let window = window(stream, size, max_filtered.unwrap_or(DEFAULT_MAX_FILTERED));
    let thresholds = stream.thresholds();
    let model = stream.has_model();
    let results: Vec<Value> = window
        .taken
        .iter()
        .map(|&i| {
            let item = &stream.items[i].result;
            json!({
                "comment": item["comment"],
                "prediction": if model { prediction(item, &thresholds) } else { Value::Null },
                "continuation": sequence_id(stream, i + 1),
            })
        })
        .collect();
    let body = json!({
        "status": "ok",
        "results": results,
        "num_filtered": window.filtered,
        "more_results": window.end < stream.items.len(),
        "continuation": sequence_id(stream, window.end),
        "model": if model { model_definition(&thresholds) } else { Value::Null },
    });
    serde_json::to_vec(&body).unwrap_or_default()
}

/// The built-in thresholds a confidence clears.
fn builtins(value: f64) -> Vec<&'static str> {
    [
        ("high_recall", 0.3),
        ("balanced", 0.5),
        ("high_precision", 0.8),
    ]
    .into_iter()
    .filter(|(_, at)| value >= *at)
    .map(|(name, _)| name)
    .collect()
}

fn path_of(name: &Value) -> Vec<String> {
    match name {
        Value::Array(parts) => parts
            .iter()
            .filter_map(|p| p.as_str().map(str::to_owned))
            .collect(),
        Value::String(text) => text.split(" > ").map(str::to_owned).collect(),
        _ => Vec::new(),
    }
}

/// The `/results` prediction of a result stored in `/fetch` shape.
fn prediction(result: &Value, thresholds: &[(Vec<String>, f64)]) -> Value {
    let empty = Vec::new();
    let labels: Vec<Value> = result["labels"]
        .as_array()
        .unwrap_or(&empty)
        .iter()
        .map(|label| {
            let path = path_of(&label["name"]);
            let probability = label["probability"].as_f64().unwrap_or(0.0);
            let mut cleared = builtins(probability);
            let stream_threshold = thresholds.iter().find(|(p, _)| *p == path).map(|(_, t)| *t);
            if stream_threshold.is_some_and(|t| t < 1.0 && probability >= t) {
                cleared.push("stream");
            }
            let extraction = probability * 0.9;
            json!({
                "name": path.join(" > "),
                "occurrence_confidence": { "value": probability, "thresholds": cleared },
                "extraction_confidence": { "value": extraction, "thresholds": builtins(extraction) },
                "fields": [],
            })
        })
        .collect();
    let general_fields: Vec<Value> = result["entities"]
        .as_array()
        .unwrap_or(&empty)
        .iter()
        .map(|entity| {
            let spans: Vec<Value> = entity["spans"]
                .as_array()
                .unwrap_or(&empty)
                .iter()
                .map(|s| {
                    json!({
                        "content_part": s["content_part"], "message_index": s["message_index"],
                        "utf16_byte_start": s["utf16_byte_start"], "utf16_byte_end": s["utf16_byte_end"],
                    })
                })
                .collect();
            json!({
                "name": entity["name"],
                "value": { "formatted": entity["formatted_value"] },
                "confidence": entity.get("probability").cloned().unwrap_or(Value::Null),
                "text_spans": spans,
            })
        })
        .collect();
    // The API leaves out scores equal to zero.
    let scores: Vec<Value> = result["label_properties"]
        .as_array()
        .unwrap_or(&empty)
        .iter()
        .filter(|p| p["value"].as_f64().is_some_and(|v| v != 0.0))
        .map(|p| json!({ "name": p["property_name"], "value": p["value"] }))
        .collect();
    json!({
        "taxonomies": [{ "name": "default", "labels": labels, "general_fields": general_fields }],
        "scores": scores,
    })
}

fn model_definition(thresholds: &[(Vec<String>, f64)]) -> Value {
    let labels: Vec<Value> = thresholds
        .iter()
        .map(|(path, _)| json!({ "name": path.join(" > "), "fields": [] }))
        .collect();
    json!({ "definition": { "taxonomies": [{
        "name": "default",
        "labels": labels,
        "general_fields": [
            { "field_id": "f1", "field_type_id": "e1", "name": "Amount" },
            { "field_id": "f2", "field_type_id": "e2", "name": "Reference" },
        ],
        "field_types": [
            { "field_type_id": "e1", "name": "money", "data_type": "money" },
            { "field_type_id": "e2", "name": "reference", "data_type": "string" },
        ],
    }] } })
}

/// Why an advance was refused.
#[derive(Debug, PartialEq, Eq)]
pub enum AdvanceRefusal {
    Unknown,
    Behind,
}

/// Moves the stream to `id`. Repeating the current id is accepted; moving backwards is not.
pub fn advance_to(stream: &mut Stream, id: &str) -> Result<(), AdvanceRefusal> {
    let position = position_of(stream, id).ok_or(AdvanceRefusal::Unknown)?;
    if position < stream.position {
        return Err(AdvanceRefusal::Behind);
    }
    stream.position = position;
    Ok(())
}

/// Rewinds (or forwards) the stream to the first comment the platform created at or after `to`.
pub fn reset_to(stream: &mut Stream, to: Timestamp) {
    stream.position = stream.items.partition_point(|item| item.created_at < to);
}

/// Reads RFC 3339 or a naive date-time (which the API treats as UTC).
pub fn parse_time(text: &str) -> Option<Timestamp> {
    text.parse::<Timestamp>().ok().or_else(|| {
        let naive: jiff::civil::DateTime = text.parse().ok()?;
        jiff::tz::TimeZone::UTC.to_timestamp(naive).ok()
    })
}
