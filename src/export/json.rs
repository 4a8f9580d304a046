//! The lossless export (`{"streamlens_export": 1, "source": …, "response": …}`) and opening a
//! saved page again: our export or a bare `/fetch` or `/results` response from any tool.

use std::fmt;
use std::path::{Path, PathBuf};

use bytes::Bytes;
use serde::Deserialize;

use super::Provenance;
use crate::api::{Page, RawValue, Route};

/// The export format version this build writes and the newest it reads.
pub const FORMAT_VERSION: u64 = 1;

/// Files larger than this are refused unread: a page holds at most 1024 comments.
const MAX_FILE_BYTES: u64 = 1 << 30;

/// The export document: `source` first (readable at the top of the file), then the response
/// bytes verbatim, so every key, number text and unknown field stays as the server sent it.
pub fn wrapped_json(page: &Page, source: &Provenance) -> Vec<u8> {
    let mut out = Vec::with_capacity(page.raw.len() + 1024);
    out.extend_from_slice(
        format!("{{\"streamlens_export\":{FORMAT_VERSION},\"source\":").as_bytes(),
    );
    // Provenance holds strings, numbers and options only; serialising it cannot fail (serde_json
    // writes a non-finite threshold as null), and Vec's writer never fails either.
    let _ = serde_json::to_writer_pretty(&mut out, source);
    // Nothing between `"response":` and the body, nor between the body and `}`: whatever
    // whitespace lies there is the body's own, which is how `open_bytes` gets it back exactly.
    out.extend_from_slice(b",\n\"response\":");
    out.extend_from_slice(&page.raw);
    out.extend_from_slice(b"}\n");
    out
}

/// A page read from a file, with where it came from when the file was our export.
#[derive(Clone, Debug)]
pub struct OpenedPage {
    /// `None` for a bare response, or an export whose `source` could not be read.
    pub provenance: Option<Provenance>,
    pub page: Page,
}

/// Why a file could not be opened as a page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OpenReason {
    /// The file could not be read (`std::io::Error` in words).
    Unreadable(String),
    TooLarge(u64),
    Empty,
    /// An HTML page (e.g. a saved login or error page).
    Html,
    /// Not JSON at all; the parser's words.
    NotJson(String),
    /// JSON, but not a page of a stream; says what is missing.
    NotAPage(String),
    /// An export written by a newer streamlens.
    NewerFormat(u64),
}

/// A file that is not a page. `Display` is one sentence, naming the file where known.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OpenError {
    pub path: Option<PathBuf>,
    pub reason: OpenReason,
}

impl fmt::Display for OpenError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.path {
            Some(path) => write!(f, "Could not open {}: ", path.display())?,
            None => f.write_str("Could not open the page: ")?,
        }
        match &self.reason {
            OpenReason::Unreadable(why) => write!(f, "{why}."),
            OpenReason::TooLarge(bytes) => write!(
                f,
                "it is {} MB, far larger than a page of a stream can be.",
                bytes / 1_000_000
            ),
            OpenReason::Empty => f.write_str("the file is empty."),
            OpenReason::Html => f.write_str(
                "it is a web page (HTML), not a saved page of a stream; a browser or proxy \
                 may have saved its own page instead of the API's answer.",
            ),
            OpenReason::NotJson(why) => write!(f, "it is not JSON ({why})."),
            OpenReason::NotAPage(why) => {
                write!(f, "it is JSON but not a page of a stream: {why}.")
            }
            OpenReason::NewerFormat(version) => write!(
                f,
                "it was exported by a newer streamlens (format {version}; this version reads \
                 up to {FORMAT_VERSION}). Update streamlens to open it."
            ),
        }
    }
}

impl std::error::Error for OpenError {}

/// Reads a file with [`open_bytes`]; errors name the file.
pub fn open_file(path: &Path) -> Result<OpenedPage, OpenError> {
    let failed = |reason| OpenError {
        path: Some(path.to_owned()),
        reason,
    };
    let read = || -> Result<Vec<u8>, OpenReason> {
        let size = std::fs::metadata(path)
            .map_err(|e| OpenReason::Unreadable(e.to_string()))?
            .len();
        if size > MAX_FILE_BYTES {
            return Err(OpenReason::TooLarge(size));
        }
        std::fs::read(path).map_err(|e| OpenReason::Unreadable(e.to_string()))
    };
    let bytes = read().map_err(failed)?;
    open_bytes(&bytes).map_err(|e| failed(e.reason))
}

/// The top level of a file, keys only: every value stays an unparsed slice, which serde_json
/// skips without recursion, so no nesting depth can overflow the stack here.
#[derive(Deserialize)]
struct TopLevel<'a> {
    #[serde(default, borrow)]
    streamlens_export: Option<&'a RawValue>,
    #[serde(default, borrow)]
    source: Option<&'a RawValue>,
    #[serde(default, borrow)]
    response: Option<&'a RawValue>,
    #[serde(default, borrow)]
    results: Option<&'a RawValue>,
    #[serde(default, borrow)]
    num_filtered: Option<&'a RawValue>,
    #[serde(default, borrow)]
    more_results: Option<&'a RawValue>,
    #[serde(default, borrow)]
    continuation: Option<&'a RawValue>,
}

/// Reads our export or a bare `/fetch` or `/results` response (route told by its keys).
pub fn open_bytes(bytes: &[u8]) -> Result<OpenedPage, OpenError> {
    open(bytes).map_err(|reason| OpenError { path: None, reason })
}

fn open(bytes: &[u8]) -> Result<OpenedPage, OpenReason> {
    // Editors on Windows like to start UTF-8 files with a byte order mark; JSON forbids it.
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let trimmed = bytes.trim_ascii_start();
    if trimmed.is_empty() {
        return Err(OpenReason::Empty);
    }
    if trimmed.starts_with(b"<") {
        return Err(OpenReason::Html);
    }
    let text = std::str::from_utf8(bytes).map_err(|e| {
        OpenReason::NotJson(format!(
            "it is not UTF-8 text; the first bad byte is at offset {}",
            e.valid_up_to()
        ))
    })?;
    let not_an_object =
        || OpenReason::NotAPage("it is not an object with a list of results".into());
    // serde reads a struct from an array too (`[1, 2]` as its first two fields), so only an
    // object goes on; anything else is only checked for being JSON at all, to say which it is.
    if !trimmed.starts_with(b"{") {
        return Err(match serde_json::from_str::<serde::de::IgnoredAny>(text) {
            Ok(_) => not_an_object(),
            Err(err) => not_json(&err),
        });
    }
    let top: TopLevel = serde_json::from_str(text).map_err(|err| {
        if err.is_data() {
            not_an_object()
        } else {
            not_json(&err)
        }
    })?;
    match top.streamlens_export {
        Some(version) => open_export(text, version, top.source, top.response),
        None => Ok(OpenedPage {
            provenance: None,
            page: bare_page(bytes, &top)?,
        }),
    }
}

fn open_export(
    text: &str,
    version: &RawValue,
    source: Option<&RawValue>,
    response: Option<&RawValue>,
) -> Result<OpenedPage, OpenReason> {
    match serde_json::from_str::<u64>(version.get()) {
        Ok(version) if version > FORMAT_VERSION => return Err(OpenReason::NewerFormat(version)),
        Ok(_) => {}
        Err(_) => {
            return Err(OpenReason::NotAPage(format!(
                "its \"streamlens_export\" is {}, not a format number",
                excerpt(version.get())
            )));
        }
    }
    let Some(response) = response else {
        return Err(OpenReason::NotAPage(
            "the export has no \"response\" part".into(),
        ));
    };
    let body = with_own_whitespace(text, response.get());
    let provenance = source.and_then(|raw| serde_json::from_str::<Provenance>(raw.get()).ok());
    let page = match &provenance {
        Some(source) => parse_page(body.as_bytes(), Some(source.route))?,
        // Without a readable source the response tells its route like a bare one.
        None => match serde_json::from_str::<TopLevel>(response.get()) {
            Ok(top) => bare_page(body.as_bytes(), &top)?,
            Err(_) => {
                return Err(OpenReason::NotAPage(
                    "the export's \"response\" is not an object with a list of results".into(),
                ));
            }
        },
    };
    Ok(OpenedPage { provenance, page })
}

/// A bare response, its route told by its keys: `num_filtered`, `more_results` or
/// `continuation` (or a result's `prediction`, see [`parse_page`]) mean the results route.
fn bare_page(bytes: &[u8], top: &TopLevel) -> Result<Page, OpenReason> {
    if top.results.is_none() {
        return Err(OpenReason::NotAPage(
            "it has no \"results\" list (a listing of projects, datasets or streams, or an \
             error answer, is not a page)"
                .into(),
        ));
    }
    let results_keys = [top.num_filtered, top.more_results, top.continuation];
    let route = results_keys
        .iter()
        .any(Option::is_some)
        .then_some(Route::Results);
    parse_page(bytes, route)
}

/// Parses a response; without a known route, one whose results carry `prediction` (or a
/// per-result `continuation`) is a results page, anything else a fetch page.
fn parse_page(body: &[u8], route: Option<Route>) -> Result<Page, OpenReason> {
    let mut page = Page::parse(route.unwrap_or(Route::Fetch), Bytes::copy_from_slice(body))
        .map_err(|err| OpenReason::NotAPage(err.detail))?;
    if route.is_none()
        && page
            .results
            .iter()
            .any(|r| r.prediction.is_some() || r.continuation.is_some())
    {
        page.route = Route::Results;
    }
    Ok(page)
}

/// `value` (a slice of `text`) widened by the whitespace around it up to the `:` before and the
/// `}` or `,` after: `wrapped_json` writes none there itself, so it is the body's own.
fn with_own_whitespace<'a>(text: &'a str, value: &'a str) -> &'a str {
    let start = value.as_ptr() as usize - text.as_ptr() as usize;
    let end = start + value.len();
    let is_space = |b: &u8| matches!(b, b' ' | b'\t' | b'\n' | b'\r');
    let before = text.as_bytes()[..start]
        .iter()
        .rev()
        .take_while(|b| is_space(b))
        .count();
    let after = text.as_bytes()[end..]
        .iter()
        .take_while(|b| is_space(b))
        .count();
    &text[start - before..end + after]
}

fn not_json(err: &serde_json::Error) -> OpenReason {
    if err.is_eof() {
        OpenReason::NotJson("it ends too early; it may be cut off".into())
    } else {
        OpenReason::NotJson(err.to_string())
    }
}

/// The start of a value, short enough for an error sentence.
fn excerpt(text: &str) -> String {
    let one_line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let short: String = one_line.chars().take(40).collect();
    if short.len() < one_line.len() {
        format!("{short}…")
    } else {
        short
    }
}
