//! Flattened exports, one record per comment: JSON Lines (each result exactly as sent) and CSV
//! (the columns a spreadsheet user asks for).

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};

use crate::api::{LabelPath, Page, Route, StreamResult};

/// One line per result: `{"route":"fetch","result":<the result's JSON as sent>}`. The result is
/// the response's own text with only the whitespace between tokens removed, so every key,
/// number text (`0.8374786376953125`, `1e21`) and unknown field is kept.
pub fn jsonl(page: &Page) -> Vec<u8> {
    let mut out = Vec::with_capacity(page.raw.len());
    for result in &page.results {
        out.extend_from_slice(b"{\"route\":\"");
        out.extend_from_slice(page.route.as_str().as_bytes());
        out.extend_from_slice(b"\",\"result\":");
        out.extend_from_slice(compact(page.raw_result(result)).as_bytes());
        out.extend_from_slice(b"}\n");
    }
    out
}

/// Removes the whitespace between JSON tokens. Inside strings every control character is
/// escaped in valid JSON, so a raw space, tab or line break outside a string is never content.
fn compact(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    let (mut in_string, mut escaped) = (false, false);
    for c in json.chars() {
        if in_string {
            out.push(c);
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_string = false;
            }
        } else if !matches!(c, ' ' | '\t' | '\n' | '\r') {
            in_string = c == '"';
            out.push(c);
        }
    }
    out
}

/// One row per comment: `uid`, `thread_id`, `timestamp`, `from` (the first message's sender),
/// `subject` (the first message's), then one column per user property seen on the page (headed
/// by its key as sent, e.g. `string:Mailbox`, in order of first appearance), then one per label
/// predicted anywhere on the page (`label:Claim > New`, sorted) holding the probability (fetch
/// route) or occurrence confidence (results route), empty where the comment does not have it,
/// then one per document score (`score:tone`, `score:quality_of_service`, in order of first
/// appearance). Numbers are written as the shortest text that reads back to the same value, so
/// nothing is rounded.
pub fn csv(page: &Page) -> Vec<u8> {
    let mut properties: Vec<&str> = Vec::new();
    let mut scores: Vec<&str> = Vec::new();
    let mut labels: BTreeSet<&LabelPath> = BTreeSet::new();
    let rows: Vec<BTreeMap<LabelPath, f64>> = page
        .results
        .iter()
        .map(|result| label_values(result, page.route))
        .collect();
    for (result, row) in page.results.iter().zip(&rows) {
        for property in result.comment.user_properties.iter() {
            if !properties.contains(&property.key.as_str()) {
                properties.push(&property.key);
            }
        }
        labels.extend(row.keys());
        for (name, _) in result.scores(page.route) {
            if !scores.contains(&name) {
                scores.push(name);
            }
        }
    }

    let mut out = String::new();
    let mut header: Vec<String> = ["uid", "thread_id", "timestamp", "from", "subject"]
        .map(str::to_owned)
        .to_vec();
    header.extend(properties.iter().map(|key| (*key).to_owned()));
    header.extend(labels.iter().map(|label| format!("label:{label}")));
    header.extend(scores.iter().map(|name| format!("score:{name}")));
    push_record(&mut out, &header);

    for (result, values) in page.results.iter().zip(&rows) {
        let comment = &result.comment;
        let first = comment.messages.first();
        let mut record = vec![
            comment.uid.to_string(),
            comment.thread_id.as_deref().unwrap_or_default().to_owned(),
            comment
                .timestamp
                .as_ref()
                .map(ToString::to_string)
                .unwrap_or_default(),
            first
                .and_then(|m| m.from.as_deref())
                .unwrap_or_default()
                .to_owned(),
            first
                .and_then(|m| m.subject.as_ref())
                .map(|s| s.text.clone())
                .unwrap_or_default(),
        ];
        record.extend(properties.iter().map(|key| {
            let property = comment.user_properties.iter().find(|p| p.key == *key);
            property.map(|p| p.value.to_string()).unwrap_or_default()
        }));
        record.extend(
            labels
                .iter()
                .map(|label| values.get(*label).map(f64::to_string).unwrap_or_default()),
        );
        let own = result.scores(page.route);
        record.extend(scores.iter().map(|name| {
            let value = own.iter().find(|(own, _)| own == name);
            value.map(|(_, v)| v.to_string()).unwrap_or_default()
        }));
        push_record(&mut out, &record);
    }
    out.into_bytes()
}

/// Each label's score on one result. A label occurring more than once (results route, several
/// occurrences or taxonomies) shows its highest confidence.
fn label_values(result: &StreamResult, route: Route) -> BTreeMap<LabelPath, f64> {
    let mut values = BTreeMap::new();
    let mut keep = |name: &LabelPath, value: Option<f64>| {
        if let Some(value) = value {
            let best = values.entry(name.clone()).or_insert(value);
            *best = best.max(value);
        }
    };
    match route {
        Route::Fetch => {
            for label in result.labels.iter().flatten() {
                keep(&label.name, label.probability);
            }
        }
        Route::Results => {
            let taxonomies = result.prediction.iter().flat_map(|p| &p.taxonomies);
            for label in taxonomies.flat_map(|t| &t.labels) {
                let confidence = label.occurrence_confidence.as_ref();
                keep(&label.name, confidence.and_then(|c| c.value));
            }
        }
    }
    values
}

/// Appends one CSV record as the `csv` crate writes RFC 4180: comma separated, CRLF terminated,
/// a field quoted (its quotes doubled) where it holds a comma, a quote or a line break.
/// `streamlens diff --format csv` writes its records with it too.
pub(crate) fn push_record(out: &mut String, fields: &[String]) {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    let record: Vec<Cow<'_, str>> = fields.iter().map(|field| defused(field)).collect();
    let written = writer.write_record(record.iter().map(|field| field.as_bytes()));
    // One record of UTF-8 fields into memory: no I/O, no differing lengths, nothing to fail.
    let bytes = written
        .ok()
        .and_then(|()| writer.into_inner().ok())
        .expect("writing one CSV record into memory cannot fail");
    out.push_str(&String::from_utf8_lossy(&bytes));
}

/// Formula injection: spreadsheets run a cell starting with `=`, `+`, `-` or `@` as a formula,
/// and comment text is written by whoever sent the e-mail. Such a field gets a leading `'`,
/// which spreadsheets show as text. Plain numbers (`-3.5`) are left alone: they compute nothing.
fn defused(field: &str) -> Cow<'_, str> {
    if field.starts_with(['=', '+', '-', '@']) && !is_plain_number(field) {
        Cow::Owned(format!("'{field}"))
    } else {
        Cow::Borrowed(field)
    }
}

/// A decimal number and nothing else (no `inf`, no expression).
fn is_plain_number(field: &str) -> bool {
    field.parse::<f64>().is_ok()
        && field
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '.' | '-' | '+' | 'e' | 'E'))
}

#[cfg(test)]
#[path = "flat_tests.rs"]
mod tests;
