//! What a read names: a stream by its address, and what to read from its head.

use std::fmt;
use std::ops::RangeInclusive;

use super::Route;

/// A stream's address: `project/dataset/stream`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct StreamRef {
    pub project: String,
    pub dataset: String,
    pub stream: String,
}

impl fmt::Display for StreamRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}/{}", self.project, self.dataset, self.stream)
    }
}

impl std::str::FromStr for StreamRef {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, String> {
        let parts: Vec<&str> = text.split('/').collect();
        match parts.as_slice() {
            [project, dataset, stream] if parts.iter().all(|p| !p.is_empty()) => Ok(StreamRef {
                project: (*project).to_owned(),
                dataset: (*dataset).to_owned(),
                stream: (*stream).to_owned(),
            }),
            _ => Err(format!("expected PROJECT/DATASET/STREAM, got {text:?}")),
        }
    }
}

/// What to read from a stream's head.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PageRequest {
    pub route: Route,
    /// One of [`PageRequest::SIZES`].
    pub size: u32,
    pub max_filtered: Option<u32>,
}

impl PageRequest {
    /// How many comments a page may hold: what the API accepts.
    pub const SIZES: RangeInclusive<u32> = 1..=1024;
    /// The size asked for until the user picks another.
    pub const DEFAULT_SIZE: u32 = 16;
}
