//! Turning what came back (an HTTP status and body, or a transport failure) into an [`ApiError`].

use std::error::Error as _;
use std::time::Duration;

use super::error::{describe_duration, excerpt};
use super::parse::ErrorEnvelope;
use super::{ApiError, ErrorKind, Resource};

/// The longest excerpt of a body or message quoted in an error.
const EXCERPT_CHARS: usize = 160;

/// An error for a non-2xx answer. "Not found" is left as [`Resource::Unknown`]: only the caller
/// knows what was asked for.
pub(crate) fn from_status(
    status: u16,
    retry_after: Option<Duration>,
    content_type: Option<&str>,
    body: &[u8],
) -> ApiError {
    let envelope = ErrorEnvelope::read(body);
    let message = envelope
        .as_ref()
        .and_then(|e| e.message.as_deref())
        .map(|m| excerpt(m, EXCERPT_CHARS))
        .unwrap_or_default();
    let kind = match status {
        401 => ErrorKind::Unauthorized,
        403 => ErrorKind::Forbidden {
            permission: permission_named_in(&message),
        },
        404 => ErrorKind::NotFound {
            resource: Resource::Unknown,
            name: None,
        },
        429 => ErrorKind::RateLimited { retry_after },
        400 | 422 => ErrorKind::Rejected,
        409 => ErrorKind::Conflict,
        _ => match envelope.as_ref().and_then(|e| e.status.as_deref()) {
            Some("ok") => {
                return ApiError::new(
                    ErrorKind::Unexpected,
                    Some(status),
                    "its body says the request succeeded although its HTTP status says it \
                     failed",
                );
            }
            Some(_) if status >= 500 => ErrorKind::Server,
            _ => {
                return ApiError::new(
                    ErrorKind::Unexpected,
                    Some(status),
                    describe_body(content_type, body),
                );
            }
        },
    };
    let detail = if envelope.is_some() || body.is_empty() {
        message
    } else {
        describe_body(content_type, body)
    };
    ApiError::new(kind, Some(status), detail)
}

/// What a body that is not the API's JSON looks like, in a few words with a short excerpt.
pub(crate) fn describe_body(content_type: Option<&str>, body: &[u8]) -> String {
    let text = String::from_utf8_lossy(&body[..body.len().min(64 * 1024)]);
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return "the body is empty".to_owned();
    }
    let content_type = content_type.unwrap_or("no content type");
    if content_type.contains("html") || trimmed.starts_with('<') {
        let words = html_title(trimmed).unwrap_or_else(|| strip_tags(trimmed));
        return format!(
            "an HTML page instead of the API's JSON, probably from a gateway or proxy: \"{}\"",
            excerpt(&words, EXCERPT_CHARS)
        );
    }
    format!(
        "{content_type} content instead of the API's JSON: \"{}\"",
        excerpt(trimmed, EXCERPT_CHARS)
    )
}

/// True when a 2xx body should be read as the API's JSON.
pub(crate) fn is_json(content_type: Option<&str>, body: &[u8]) -> bool {
    body.trim_ascii_start().starts_with(b"{")
        || content_type.is_none_or(|content_type| content_type.contains("json"))
}

/// The permission a 403 message names, e.g. `streams-consume` in "… permissions
/// (streams-consume) on project …": a lowercase word with a hyphen, preferably in parentheses.
fn permission_named_in(message: &str) -> Option<String> {
    let looks_like_permission = |word: &str| {
        word.contains('-')
            && !word.starts_with('-')
            && !word.ends_with('-')
            && word.chars().all(|c| c.is_ascii_lowercase() || c == '-')
    };
    let in_parentheses = message
        .split('(')
        .skip(1)
        .filter_map(|rest| rest.split_once(')').map(|(inside, _)| inside.trim()));
    let words = message
        .split(|c: char| c.is_whitespace() || ",;:.\"'()".contains(c))
        .map(str::trim);
    in_parentheses
        .chain(words)
        .find(|word| looks_like_permission(word))
        .map(str::to_owned)
}

fn html_title(html: &str) -> Option<String> {
    let lower = html.to_ascii_lowercase();
    let start = lower.find("<title")?;
    let open_end = start + lower[start..].find('>')? + 1;
    let close = open_end + lower[open_end..].find("</title")?;
    let title = html[open_end..close].trim();
    (!title.is_empty()).then(|| title.to_owned())
}

fn strip_tags(html: &str) -> String {
    let mut text = String::with_capacity(html.len().min(4096));
    let mut in_tag = false;
    for ch in html.chars().take(8192) {
        match ch {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                text.push(' ');
            }
            _ if !in_tag => text.push(ch),
            _ => {}
        }
    }
    text
}

/// What went wrong below HTTP, and whether the same request may simply be sent again.
pub(crate) struct TransportFailure {
    pub error: ApiError,
    pub retryable: bool,
}

/// What reqwest says about a failure, reduced to what classification needs.
pub(crate) struct TransportSignals {
    pub is_timeout: bool,
    pub is_connect: bool,
    pub is_body: bool,
    /// The Display texts of the causes, outermost first, without the top level (which names
    /// the URL).
    pub causes: Vec<String>,
}

impl TransportSignals {
    pub(crate) fn of(err: &reqwest::Error) -> Self {
        let mut causes = Vec::new();
        let mut source = err.source();
        while let Some(cause) = source {
            causes.push(cause.to_string());
            source = cause.source();
        }
        Self {
            is_timeout: err.is_timeout(),
            is_connect: err.is_connect(),
            is_body: err.is_body() || err.is_decode(),
            causes,
        }
    }
}

/// Classifies a failure below HTTP. `received` is how much of a response had arrived.
pub(crate) fn from_transport(
    signals: &TransportSignals,
    host: &str,
    connect_timeout: Duration,
    total_timeout: Duration,
    received: u64,
) -> TransportFailure {
    let root = signals
        .causes
        .last()
        .cloned()
        .unwrap_or_else(|| "no details".into());
    let lower = signals.causes.join(" | ").to_ascii_lowercase();
    let is_tls = [
        "certificate",
        "tls",
        "handshake",
        "corrupt message",
        "fatal alert",
        "peer is incompatible",
        "peer misbehaved",
    ]
    .iter()
    .any(|word| lower.contains(word));

    let (kind, detail, retryable) = if is_tls {
        let company_ca = [
            "unknownissuer",
            "unknown issuer",
            "self-signed",
            "selfsigned",
        ]
        .iter()
        .any(|word| lower.contains(word));
        (
            ErrorKind::Tls { company_ca },
            format!("{host}: {root}"),
            false,
        )
    } else if signals.is_timeout {
        let detail = if signals.is_connect {
            format!(
                "no connection to {host} within {}",
                describe_duration(connect_timeout)
            )
        } else {
            format!(
                "no complete answer from {host} within {}, or too long a silence",
                describe_duration(total_timeout)
            )
        };
        (ErrorKind::Timeout, detail, true)
    } else if signals.is_body || received > 0 || !signals.is_connect {
        // Connected, then the answer broke off (a reset, a proxy giving up, a crash).
        let detail = match received {
            0 => format!("the connection was closed before the answer arrived ({root})"),
            _ => format!(
                "the connection broke after {received} bytes of the response had arrived ({root})"
            ),
        };
        (ErrorKind::Unexpected, detail, true)
    } else {
        (ErrorKind::CannotConnect, format!("{host}: {root}"), true)
    };
    TransportFailure {
        error: ApiError::new(kind, None, excerpt(&detail, 2 * EXCERPT_CHARS)),
        retryable,
    }
}

#[cfg(test)]
#[path = "classify_tests.rs"]
mod tests;
