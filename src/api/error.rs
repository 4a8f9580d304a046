//! One error type for everything the API can do wrong, classified for the person reading it.

use std::fmt;
use std::time::Duration;

use super::Token;

/// Which level of `project / dataset / stream` an address named, for "not found".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Resource {
    Project,
    Dataset,
    Stream,
    /// Not known (e.g. the endpoint itself is wrong, such as a missing `/reinfer_`).
    Unknown,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ErrorKind {
    /// 401: the token is wrong, expired or was rotated (a user has one active token).
    Unauthorized,
    /// 403; `permission` names the missing permission where the body says it.
    Forbidden {
        permission: Option<String>,
    },
    NotFound {
        resource: Resource,
        name: Option<String>,
    },
    /// 429; `retry_after` as the server asked.
    RateLimited {
        retry_after: Option<Duration>,
    },
    /// 400 or 422: the server refused the request as malformed or invalid. Without a status:
    /// the client refused to send it (a page size out of range, a token that cannot be sent).
    Rejected,
    /// 409.
    Conflict,
    /// 5xx with the API's envelope.
    Server,
    /// TLS handshake or certificate failure. `company_ca` when the certificate is not trusted,
    /// which usually means a company proxy whose CA must be installed.
    Tls {
        company_ca: bool,
    },
    Timeout,
    CannotConnect,
    /// Anything else: an HTML gateway page, an empty or non-JSON body, `status` contradicting
    /// the HTTP code, JSON that does not have the expected shape.
    Unexpected,
    /// The user cancelled the request.
    Cancelled,
}

/// An API failure. `Display` is a sentence a person understands; it never contains the token.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ApiError {
    pub kind: ErrorKind,
    /// HTTP status, where a response arrived.
    pub status: Option<u16>,
    /// The server's `message`, or a short excerpt of an unexpected body, or the transport's
    /// words. Already stripped of the token.
    pub detail: String,
    /// How many requests were sent before giving up (1 when nothing was retried).
    pub attempts: u32,
    /// The address the failing resource lies in: `project/dataset` for a stream that was not
    /// found, the project for a refused permission. Shown in the sentence.
    pub within: Option<String>,
}

impl ApiError {
    pub fn new(kind: ErrorKind, status: Option<u16>, detail: impl Into<String>) -> Self {
        Self {
            kind,
            status,
            detail: detail.into(),
            attempts: 1,
            within: None,
        }
    }

    pub(crate) fn within(mut self, scope: impl Into<String>) -> Self {
        self.within = Some(scope.into());
        self
    }

    /// Whether trying again later could help (and so whether the UI offers Retry).
    pub fn is_transient(&self) -> bool {
        matches!(
            self.kind,
            ErrorKind::RateLimited { .. }
                | ErrorKind::Server
                | ErrorKind::Timeout
                | ErrorKind::CannotConnect
                | ErrorKind::Unexpected
                | ErrorKind::Cancelled
        )
    }

    /// Removes every occurrence of the token's text from the words this error carries. The
    /// client calls it on every error it returns, whatever produced the words.
    pub(crate) fn redacted(mut self, token: &Token) -> Self {
        self.detail = token.redact(&self.detail);
        self
    }

    /// " (HTTP 503)" or nothing.
    fn http(&self) -> String {
        self.status
            .map(|status| format!(" (HTTP {status})"))
            .unwrap_or_default()
    }

    /// " The server said: …" or nothing.
    fn server_said(&self) -> String {
        if self.detail.is_empty() {
            String::new()
        } else {
            format!(" The server said: \"{}\"", self.detail)
        }
    }

    /// " Tried 5 times." or nothing.
    fn tries(&self) -> String {
        if self.attempts > 1 {
            format!(" Tried {} times.", self.attempts)
        } else {
            String::new()
        }
    }
}

impl std::error::Error for ApiError {}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let http = self.http();
        match &self.kind {
            ErrorKind::Unauthorized => write!(
                f,
                "The token was refused{http}. It may be wrong or replaced: a user has one \
                 active API token, and generating a new one invalidates the old."
            ),
            ErrorKind::Forbidden { permission } => {
                let scope = self
                    .within
                    .as_ref()
                    .map(|project| format!(" on project {project}"))
                    .unwrap_or_default();
                match permission {
                    Some(permission) => write!(
                        f,
                        "Access was refused{http}: your user lacks the permission \
                         ({permission}){scope}. A project administrator can grant it."
                    ),
                    None => write!(
                        f,
                        "Access was refused{http}: your user lacks a permission{scope}.{}",
                        self.server_said()
                    ),
                }
            }
            ErrorKind::NotFound { resource, name } => {
                let name = name.as_deref().unwrap_or("?");
                match (resource, &self.within) {
                    (Resource::Stream, Some(dataset)) => {
                        write!(f, "Stream '{name}' was not found in {dataset}{http}.")
                    }
                    (Resource::Dataset, Some(project)) => {
                        write!(
                            f,
                            "Dataset '{name}' was not found in project {project}{http}."
                        )
                    }
                    (Resource::Stream, None) => write!(f, "Stream '{name}' was not found{http}."),
                    (Resource::Dataset, None) => write!(f, "Dataset '{name}' was not found{http}."),
                    (Resource::Project, _) => write!(f, "Project '{name}' was not found{http}."),
                    (Resource::Unknown, _) => write!(
                        f,
                        "The server has no such address{http}. Check the endpoint: a UiPath \
                         endpoint ends in /<organisation>/<tenant>/reinfer_.{}",
                        self.server_said()
                    ),
                }
            }
            ErrorKind::RateLimited { retry_after } => {
                let wait = retry_after
                    .map(|wait| format!(" It asked to wait {}.", describe_duration(wait)))
                    .unwrap_or_default();
                write!(
                    f,
                    "The server is limiting how often you may call it{http}.{wait}{} \
                     Try again later.",
                    self.tries()
                )
            }
            ErrorKind::Rejected if self.status.is_none() => {
                write!(f, "The request was not sent: {}.", self.detail)
            }
            ErrorKind::Rejected => write!(
                f,
                "The server rejected the request as invalid{http}.{}",
                self.server_said()
            ),
            ErrorKind::Conflict => write!(
                f,
                "The server reported a conflict with the stream's current state{http}.{}",
                self.server_said()
            ),
            ErrorKind::Server => write!(
                f,
                "The server is overloaded or down{http}.{}{} Try again later.",
                self.server_said(),
                self.tries()
            ),
            ErrorKind::Tls { company_ca: true } => write!(
                f,
                "The server's certificate is not trusted by this computer. If your company \
                 inspects web traffic, its CA certificate must be installed in the system's \
                 trust store. ({})",
                self.detail
            ),
            ErrorKind::Tls { company_ca: false } => write!(
                f,
                "A secure (TLS) connection to the server could not be set up. ({})",
                self.detail
            ),
            ErrorKind::Timeout => write!(
                f,
                "The server did not answer in time ({}).{} Try again later.",
                self.detail,
                self.tries()
            ),
            ErrorKind::CannotConnect => write!(
                f,
                "Could not connect to the server at {}. Check the endpoint, the network and any \
                 proxy settings.{}",
                self.detail,
                self.tries()
            ),
            ErrorKind::Unexpected => write!(
                f,
                "The server sent an unexpected response{http}: {}.{}",
                self.detail,
                self.tries()
            ),
            ErrorKind::Cancelled => f.write_str("The request was cancelled."),
        }
    }
}

/// "30 s", "2 min 5 s", "1 h 3 min".
pub(crate) fn describe_duration(duration: Duration) -> String {
    let seconds = duration.as_secs_f64().ceil() as u64;
    match seconds {
        0..60 => format!("{seconds} s"),
        60..3600 if seconds.is_multiple_of(60) => format!("{} min", seconds / 60),
        60..3600 => format!("{} min {} s", seconds / 60, seconds % 60),
        _ => format!("{} h {} min", seconds / 3600, (seconds % 3600) / 60),
    }
}

/// A short, single-line, printable excerpt of a body or message: control characters and runs of
/// whitespace become one space, and it is cut at `max_chars` with an ellipsis.
pub(crate) fn excerpt(text: &str, max_chars: usize) -> String {
    let mut out = String::with_capacity(text.len().min(max_chars * 4));
    let mut chars = 0;
    let mut pending_space = false;
    for ch in text.chars() {
        if ch.is_whitespace() || ch.is_control() {
            pending_space = !out.is_empty();
            continue;
        }
        if chars >= max_chars {
            out.push('…');
            return out;
        }
        if pending_space {
            out.push(' ');
            chars += 1;
            pending_space = false;
        }
        out.push(ch);
        chars += 1;
    }
    out
}

#[cfg(test)]
#[path = "error_tests.rs"]
mod tests;
