//! The async HTTP client. Reads are retried with backoff; advance and reset never are.

use std::fmt;
use std::time::Duration;

use super::{
    ApiError, Dataset, Endpoint, Page, Project, Route, Stream, Timestamp, Token, User,
};

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
    /// 1..=1024 comments.
    pub size: u32,
    pub max_filtered: Option<u32>,
}

/// Timeouts and retry policy.
#[derive(Clone, Debug)]
pub struct ClientConfig {
    pub connect_timeout: Duration,
    /// Longest silence while reading a response.
    pub read_timeout: Duration,
    /// Longest a single attempt may take in all.
    pub total_timeout: Duration,
    /// Retries of idempotent reads on 429, 5xx and connect errors.
    pub max_retries: u32,
    pub min_backoff: Duration,
    pub max_backoff: Duration,
}

/// What a running read is doing, for the progress line.
#[derive(Clone, Debug, PartialEq)]
pub enum Progress {
    Sending { attempt: u32 },
    Receiving { bytes: u64, total: Option<u64> },
    RetryingIn { delay: Duration, attempt: u32, reason: String },
    Parsing { bytes: u64 },
}

/// Receives [`Progress`] reports; any `Fn(Progress)` is one.
pub trait ProgressSink: Send + Sync {
    fn report(&self, progress: Progress);
}

impl<F: Fn(Progress) + Send + Sync> ProgressSink for F {
    fn report(&self, progress: Progress) {
        self(progress)
    }
}

#[derive(Clone)]
pub struct Client {
    endpoint: Endpoint,
    token: Token,
    config: ClientConfig,
}

impl Client {
    pub fn new(endpoint: Endpoint, token: Token, config: ClientConfig) -> Result<Client, ApiError> {
        Ok(Client { endpoint, token, config })
    }

    pub fn endpoint(&self) -> &Endpoint {
        &self.endpoint
    }

    pub async fn current_user(&self) -> Result<User, ApiError> {
        todo!("api helper")
    }

    pub async fn projects(&self) -> Result<Vec<Project>, ApiError> {
        todo!("api helper")
    }

    pub async fn datasets(&self, project: &str) -> Result<Vec<Dataset>, ApiError> {
        todo!("api helper: {project}")
    }

    pub async fn dataset(&self, project: &str, dataset: &str) -> Result<Dataset, ApiError> {
        todo!("api helper: {project} {dataset}")
    }

    pub async fn streams(&self, project: &str, dataset: &str) -> Result<Vec<Stream>, ApiError> {
        todo!("api helper: {project} {dataset}")
    }

    pub async fn stream(&self, stream: &StreamRef) -> Result<Stream, ApiError> {
        todo!("api helper: {stream}")
    }

    /// Reads the stream's head. Never moves the stream.
    pub async fn peek(
        &self,
        stream: &StreamRef,
        request: PageRequest,
        progress: &dyn ProgressSink,
    ) -> Result<Page, ApiError> {
        let _ = (stream, request, progress);
        todo!("api helper")
    }

    /// Moves the stream past `sequence_id` for every consumer. Sent once; never retried.
    pub async fn advance(&self, stream: &StreamRef, sequence_id: &str) -> Result<(), ApiError> {
        todo!("api helper: {stream} {sequence_id}")
    }

    /// Rewinds the stream for every consumer to comments created at or after `to`. Never retried.
    /// Returns the new position.
    pub async fn reset(&self, stream: &StreamRef, to: &Timestamp) -> Result<Option<String>, ApiError> {
        todo!("api helper: {stream} {to}")
    }
}
