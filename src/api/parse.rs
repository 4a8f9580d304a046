//! Reading response bodies: the envelope first, then every item on its own, so that one bad
//! comment costs only itself. Bodies stay byte-exact; repairs happen in a copy used for parsing.

use std::collections::BTreeMap;

use bytes::Bytes;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer};

use super::error::excerpt;
use super::page_scan;
use super::repair::{lone_surrogates, repair_lone_surrogates};
use super::{ApiError, ErrorKind, Page, ParseProblem, ProblemKind, RawValue, Route, StreamResult};
use crate::text::plural;

impl Page {
    /// Reads a successful (2xx) `/fetch` or `/results` body. Fails only when the page as a whole
    /// cannot be read (not JSON, cut off, an error envelope, no `results`); a result that cannot
    /// be read becomes a [`ParseProblem`] and the rest of the page stays. Errors carry no HTTP
    /// status; the caller knows it.
    pub fn parse(route: Route, raw: Bytes) -> Result<Page, ApiError> {
        let text = utf8(&raw)?;
        // Pages of a few comments are read on this thread alone: threads would cost more.
        let threads = match text.len() {
            0..PARALLEL_FROM_BYTES => 1,
            _ => std::thread::available_parallelism()
                .map_or(1, |n| n.get())
                .min(8),
        };
        let repaired_body;
        let (source, envelope) = match page_scan::scan(text, threads, parse_item::<StreamResult>) {
            Ok(envelope) => (text, envelope),
            Err(err) => {
                // Lone surrogates outside the results (e.g. in a top-level id) fail the
                // envelope; a same-length repair keeps every byte offset valid.
                if lone_surrogates(text.as_bytes()).is_empty() {
                    return Err(unreadable(&err, raw.len()));
                }
                repaired_body = repair_lone_surrogates(text).0;
                let envelope = page_scan::scan(&repaired_body, threads, parse_item::<StreamResult>)
                    .map_err(|err| unreadable(&err, raw.len()))?;
                (repaired_body.as_str(), envelope)
            }
        };
        check_status(envelope.status.as_deref(), envelope.message.as_deref())?;
        let Some(raw_results) = envelope.results else {
            return Err(ApiError::new(
                ErrorKind::Unexpected,
                None,
                "the response has no list of results",
            ));
        };

        let mut results = Vec::with_capacity(raw_results.len());
        let mut problems = Vec::new();
        for (index, (item, parsed)) in raw_results.into_iter().enumerate() {
            let start = item.get().as_ptr() as usize - source.as_ptr() as usize;
            let raw_range = start..start + item.get().len();
            match parsed {
                Ok((mut result, repaired)) => {
                    result.raw_range = raw_range;
                    if repaired > 0 {
                        problems.push(ParseProblem {
                            index,
                            uid: Some(result.comment.uid.to_string()),
                            kind: ProblemKind::Repaired(repaired_words(repaired)),
                        });
                    }
                    results.push(result);
                }
                Err(reason) => problems.push(ParseProblem {
                    index,
                    uid: find_uid(item.get()),
                    kind: ProblemKind::Skipped(reason),
                }),
            }
        }

        Ok(Page {
            route,
            results,
            filtered: envelope.filtered.or(envelope.num_filtered),
            sequence_id: envelope.sequence_id,
            continuation: envelope.continuation,
            is_end_sequence: envelope.is_end_sequence,
            more_results: envelope.more_results,
            model: envelope.model,
            raw,
            problems,
        })
    }
}

/// A listing (`projects`, `datasets`, `streams`): entries that cannot be read are left out
/// (and logged without their content); the rest are returned.
pub(crate) fn parse_list<T: DeserializeOwned>(raw: &[u8], key: &str) -> Result<Vec<T>, ApiError> {
    let value = parse_top_level(raw, key)?;
    let items: Vec<&RawValue> = serde_json::from_str(value.get()).map_err(|_| {
        ApiError::new(
            ErrorKind::Unexpected,
            None,
            format!("its \"{key}\" is not a list"),
        )
    })?;
    let mut entries = Vec::with_capacity(items.len());
    for (index, item) in items.into_iter().enumerate() {
        match parse_item::<T>(item.get()) {
            Ok((entry, _)) => entries.push(entry),
            Err(reason) => log::warn!("left out {key} entry #{}: {reason}", index + 1),
        }
    }
    Ok(entries)
}

/// A single object under `key` (`user`, `dataset`, `stream`).
pub(crate) fn parse_one<T: DeserializeOwned>(raw: &[u8], key: &str) -> Result<T, ApiError> {
    let value = parse_top_level(raw, key)?;
    parse_item::<T>(value.get())
        .map(|(item, _)| item)
        .map_err(|reason| {
            ApiError::new(
                ErrorKind::Unexpected,
                None,
                format!("its \"{key}\" could not be read: {reason}"),
            )
        })
}

/// The whole body as one object (an answer whose parts are top-level keys beside `status`).
pub(crate) fn parse_whole<T: DeserializeOwned>(raw: &[u8]) -> Result<T, ApiError> {
    parse_envelope_map(raw)?;
    let text = utf8(raw)?;
    parse_item::<T>(text)
        .map(|(item, _)| item)
        .map_err(|reason| {
            ApiError::new(
                ErrorKind::Unexpected,
                None,
                format!("the response could not be read: {reason}"),
            )
        })
}

/// A string under `key` if the body has one (`sequence_id` after a reset); only the envelope
/// must be sound.
pub(crate) fn parse_optional_string(raw: &[u8], key: &str) -> Result<Option<String>, ApiError> {
    let top = parse_envelope_map(raw)?;
    Ok(top
        .get(key)
        .and_then(|value| serde_json::from_str::<String>(value.get()).ok()))
}

/// Checks a body that only acknowledges (advance): it must be an `ok` envelope.
pub(crate) fn parse_ack(raw: &[u8]) -> Result<(), ApiError> {
    parse_envelope_map(raw).map(drop)
}

fn parse_top_level<'a>(raw: &'a [u8], key: &str) -> Result<&'a RawValue, ApiError> {
    let mut top = parse_envelope_map(raw)?;
    top.remove(key).ok_or_else(|| {
        ApiError::new(
            ErrorKind::Unexpected,
            None,
            format!("the response has no \"{key}\""),
        )
    })
}

/// The top-level keys of an envelope, after checking its `status`.
fn parse_envelope_map(raw: &[u8]) -> Result<BTreeMap<String, &RawValue>, ApiError> {
    let text = utf8(raw)?;
    let top: BTreeMap<String, &RawValue> =
        serde_json::from_str(text).map_err(|err| unreadable(&err, raw.len()))?;
    let string = |key: &str| {
        top.get(key)
            .and_then(|value| serde_json::from_str::<String>(value.get()).ok())
    };
    check_status(string("status").as_deref(), string("message").as_deref())?;
    Ok(top)
}

/// What the envelope of a successful HTTP answer must say: `ok`, or nothing at all.
fn check_status(status: Option<&str>, message: Option<&str>) -> Result<(), ApiError> {
    if status == Some("error") {
        let said = message
            .map(|m| format!(": \"{}\"", excerpt(m, 200)))
            .unwrap_or_default();
        return Err(ApiError::new(
            ErrorKind::Unexpected,
            None,
            format!("its body reports an error although its HTTP status says success{said}"),
        ));
    }
    Ok(())
}

/// The `status` and `message` of an error body, if it is the API's JSON envelope.
#[derive(Deserialize)]
pub(crate) struct ErrorEnvelope {
    #[serde(default)]
    pub status: Option<String>,
    #[serde(default, deserialize_with = "lenient_string")]
    pub message: Option<String>,
}

impl ErrorEnvelope {
    /// `None` when the body is not a JSON object with a `status`.
    pub(crate) fn read(body: &[u8]) -> Option<ErrorEnvelope> {
        serde_json::from_slice::<ErrorEnvelope>(body)
            .ok()
            .filter(|envelope| envelope.status.is_some())
    }
}

/// A string, or `None` for anything else (a `message` that is not text is no reason to fail).
fn lenient_string<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<String>, D::Error> {
    let raw = <&RawValue>::deserialize(deserializer)?;
    Ok(serde_json::from_str(raw.get()).ok())
}

/// Bodies smaller than this (a few dozen comments) are parsed on one thread.
const PARALLEL_FROM_BYTES: usize = 128 * 1024;

/// Parses one item; on failure retries once on a copy with lone surrogates replaced. Returns the
/// number of characters replaced, or a reason a person can read.
fn parse_item<T: DeserializeOwned>(text: &str) -> Result<(T, usize), String> {
    match serde_json::from_str::<T>(text) {
        Ok(item) => Ok((item, 0)),
        Err(first) => {
            if lone_surrogates(text.as_bytes()).is_empty() {
                return Err(item_reason(&first));
            }
            let (repaired, count) = repair_lone_surrogates(text);
            serde_json::from_str::<T>(&repaired)
                .map(|item| (item, count))
                .map_err(|err| item_reason(&err))
        }
    }
}

fn repaired_words(count: usize) -> String {
    format!(
        "{} replaced with \u{FFFD}",
        plural(count, "invalid character")
    )
}

/// Why one item could not be read, in words.
fn item_reason(err: &serde_json::Error) -> String {
    format!(
        "it does not have the expected shape ({})",
        excerpt(&err.to_string(), 200)
    )
}

/// Why a whole body could not be read, as an `Unexpected` error.
fn unreadable(err: &serde_json::Error, len: usize) -> ApiError {
    let detail = if len == 0 {
        "the body is empty".to_owned()
    } else if err.is_eof() {
        format!("the JSON ends too early after {len} bytes; the response was probably cut off")
    } else {
        format!(
            "it is not the API's JSON ({})",
            excerpt(&err.to_string(), 200)
        )
    };
    ApiError::new(ErrorKind::Unexpected, None, detail)
}

fn utf8(raw: &[u8]) -> Result<&str, ApiError> {
    std::str::from_utf8(raw).map_err(|err| {
        ApiError::new(
            ErrorKind::Unexpected,
            None,
            format!(
                "the body is not valid UTF-8 text (first bad byte at offset {})",
                err.valid_up_to()
            ),
        )
    })
}

/// The `uid` of a result that failed to parse, found by a cheap look for its key.
fn find_uid(text: &str) -> Option<String> {
    let at = memchr::memmem::find(text.as_bytes(), b"\"uid\"")?;
    let rest = text[at + 5..].trim_start().strip_prefix(':')?;
    let mut deserializer = serde_json::Deserializer::from_str(rest.trim_start());
    String::deserialize(&mut deserializer).ok()
}

#[cfg(test)]
#[path = "parse_tests.rs"]
mod tests;
