//! One error type for everything the API can do wrong, classified for the person reading it.

use std::fmt;
use std::time::Duration;

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
    Forbidden { permission: Option<String> },
    NotFound { resource: Resource, name: Option<String> },
    /// 429; `retry_after` as the server asked.
    RateLimited { retry_after: Option<Duration> },
    /// 400 or 422: the server refused the request as malformed or invalid.
    Rejected,
    /// 409.
    Conflict,
    /// 5xx with the API's envelope.
    Server,
    /// TLS handshake or certificate failure. `company_ca` when the certificate is not trusted,
    /// which usually means a company proxy whose CA must be installed.
    Tls { company_ca: bool },
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
}

impl ApiError {
    pub fn new(kind: ErrorKind, status: Option<u16>, detail: impl Into<String>) -> Self {
        Self {
            kind,
            status,
            detail: detail.into(),
        }
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
}

impl std::error::Error for ApiError {}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Placeholder wording; the api helper owns the final sentences.
        write!(f, "{:?} ({:?}): {}", self.kind, self.status, self.detail)
    }
}
