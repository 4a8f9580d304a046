//! Saving a page to a file and opening it again offline. Uses `api` only (no egui, no tokio).
//!
//! - File → Export: [`render`] (or [`wrapped_json`], [`jsonl`], [`csv`]) with a [`Provenance`]
//!   filled by [`Provenance::new`], then [`write_atomic`] to a name from [`suggested_file_name`].
//! - File → Open and drag-and-drop: [`open_file`] / [`open_bytes`] read our export or a bare
//!   `/fetch` or `/results` response saved by any tool.
//!
//! The JSON export keeps the response bytes verbatim (`api::Page::raw`), so nothing is lost.

mod file;
mod flat;
mod json;
mod provenance;

pub use file::{ExportError, write_atomic};
pub(crate) use flat::push_record;
pub use flat::{csv, jsonl};
pub use json::{
    FORMAT_VERSION, OpenError, OpenReason, OpenedPage, open_bytes, open_file, wrapped_json,
};
pub use provenance::Provenance;

use std::fmt;

use crate::api::{Page, StreamRef};

/// What File → Export (and `streamlens fetch --format`) can write.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum ExportFormat {
    /// The response verbatim with its [`Provenance`] (the CLI writes the bare response).
    #[default]
    Json,
    /// One line per comment.
    Jsonl,
    /// One row per comment.
    Csv,
}

impl ExportFormat {
    pub const ALL: [ExportFormat; 3] = [Self::Json, Self::Jsonl, Self::Csv];

    /// The name on the command line, which is also the file extension.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Json => "json",
            Self::Jsonl => "jsonl",
            Self::Csv => "csv",
        }
    }
}

impl fmt::Display for ExportFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for ExportFormat {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, String> {
        Self::ALL
            .into_iter()
            .find(|format| format.as_str() == text)
            .ok_or_else(|| format!("expected 'json', 'jsonl' or 'csv', got '{text}'"))
    }
}

/// The file's bytes for `format`; `source` goes into the JSON export only.
pub fn render(page: &Page, format: ExportFormat, source: &Provenance) -> Vec<u8> {
    match format {
        ExportFormat::Json => wrapped_json(page, source),
        ExportFormat::Jsonl => jsonl(page),
        ExportFormat::Csv => csv(page),
    }
}

/// `project_dataset_stream_2026-11-29T10-15-00Z.json`: the fetch time in UTC, and every
/// character Windows, macOS or Linux refuse in a file name replaced by `-`.
pub fn suggested_file_name(
    stream: &StreamRef,
    fetched_at: jiff::Timestamp,
    format: ExportFormat,
) -> String {
    let time = fetched_at.strftime("%Y-%m-%dT%H-%M-%SZ");
    format!(
        "{}_{}_{}_{time}.{}",
        safe_part(&stream.project),
        safe_part(&stream.dataset),
        safe_part(&stream.stream),
        format.as_str()
    )
}

/// One name part, safe on every system: no separators, reserved or control characters, no
/// leading dot (a hidden file), and short enough that the whole name stays under 255 bytes.
fn safe_part(name: &str) -> String {
    let cleaned: String = name
        .chars()
        .map(|c| match c {
            '<' | '>' | ':' | '"' | '/' | '\\' | '|' | '?' | '*' => '-',
            c if c.is_control() || c.is_whitespace() => '-',
            c => c,
        })
        .take(60)
        .collect();
    let cleaned = cleaned.trim_start_matches('.');
    if cleaned.is_empty() {
        "stream".to_owned()
    } else {
        cleaned.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_carry_the_stream_and_utc_time_and_are_safe() {
        let at: jiff::Timestamp = "2026-11-29T11:15:00+01:00".parse().unwrap();
        let stream: StreamRef = "acme-ops/claims/new-claims".parse().unwrap();
        assert_eq!(
            suggested_file_name(&stream, at, ExportFormat::Json),
            "acme-ops_claims_new-claims_2026-11-29T10-15-00Z.json"
        );
        let odd = StreamRef {
            project: "..a:b".into(),
            dataset: "c\\d|e?".into(),
            stream: "x".repeat(300),
        };
        let name = suggested_file_name(&odd, at, ExportFormat::Csv);
        assert!(name.starts_with("a-b_c-d-e-_xxx"), "{name}");
        assert!(name.len() < 255 && name.ends_with("Z.csv"), "{name}");
        assert!(!name.contains(['<', '>', ':', '"', '/', '\\', '|', '?', '*']));
    }

    #[test]
    fn formats_read_by_name() {
        for format in ExportFormat::ALL {
            assert_eq!(format.as_str().parse::<ExportFormat>(), Ok(format));
        }
        assert!("xml".parse::<ExportFormat>().is_err());
    }
}
