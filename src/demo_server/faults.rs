//! Faults a test can inject: what the real service, a gateway or a network may do to a request.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use axum::body::Body;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use bytes::Bytes;
use futures_util::StreamExt as _;
use serde_json::Value;

/// What happens to a matching request.
#[derive(Clone, Debug)]
pub enum Fault {
    /// The API's error envelope with this status, and `Retry-After` when given (seconds or date).
    Status {
        status: u16,
        message: String,
        retry_after: Option<String>,
    },
    /// A proxy's or gateway's HTML page.
    GatewayHtml { status: u16 },
    /// Any body at all: malformed JSON, deep nesting, a lone surrogate, a huge body, an envelope
    /// that contradicts the status.
    Body {
        status: u16,
        content_type: String,
        body: Bytes,
    },
    /// The real answer, cut in half but complete as HTTP (the length header matches).
    Truncated,
    /// The real answer's headers and half its body, then the connection is dropped.
    DropMidBody,
    /// Waits this long before answering normally (or until the client gives up).
    Delay(Duration),
    /// The real answer's JSON, changed: something the service never sends, in an answer that is
    /// otherwise what the server would have sent (see [`super::off_spec`]).
    Edit(JsonEdit),
}

/// A change to an answer's JSON.
#[derive(Clone)]
pub struct JsonEdit(Arc<dyn Fn(&mut Value) + Send + Sync>);

impl fmt::Debug for JsonEdit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("JsonEdit(..)")
    }
}

impl Fault {
    /// The error envelope with `status` and the reason phrase as message, as the service sends.
    pub fn status(status: u16) -> Self {
        let reason = StatusCode::from_u16(status)
            .ok()
            .and_then(|s| s.canonical_reason())
            .unwrap_or("Error");
        Fault::Status {
            status,
            message: format!("{status} {reason}"),
            retry_after: None,
        }
    }

    /// A JSON body with this status.
    pub fn json(status: u16, body: impl Into<Bytes>) -> Self {
        Fault::Body {
            status,
            content_type: "application/json".into(),
            body: body.into(),
        }
    }

    /// The real answer with its JSON changed by `edit`.
    pub fn edit(edit: impl Fn(&mut Value) + Send + Sync + 'static) -> Self {
        Fault::Edit(JsonEdit(Arc::new(edit)))
    }
}

/// Applies `fault` to requests whose method and path match, `times` times (`None`: every time).
#[derive(Clone, Debug)]
pub struct FaultRule {
    /// `"GET"`, `"POST"`, or `None` for any method.
    pub method: Option<String>,
    /// A part of the path, e.g. `"/fetch"` or `"/datasets/acme-ops"`; empty matches all.
    pub path_contains: String,
    pub times: Option<u32>,
    pub fault: Fault,
}

impl FaultRule {
    /// A rule for every request (narrow it with [`FaultRule::on`] and [`FaultRule::times`]).
    pub fn new(fault: Fault) -> Self {
        Self {
            method: None,
            path_contains: String::new(),
            times: None,
            fault,
        }
    }

    pub fn on(mut self, method: &str, path_contains: &str) -> Self {
        self.method = Some(method.to_owned());
        self.path_contains = path_contains.to_owned();
        self
    }

    pub fn times(mut self, times: u32) -> Self {
        self.times = Some(times);
        self
    }

    pub(super) fn matches(&self, method: &str, path: &str) -> bool {
        self.times != Some(0)
            && self
                .method
                .as_deref()
                .is_none_or(|m| m.eq_ignore_ascii_case(method))
            && path.contains(&self.path_contains)
    }
}

fn status_code(status: u16) -> StatusCode {
    StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
}

/// The response of a fault that replaces the real answer, or `None` for those that alter it.
pub(super) fn replacement(fault: &Fault) -> Option<Response> {
    let response = match fault {
        Fault::Status {
            status,
            message,
            retry_after,
        } => {
            let body = serde_json::json!({ "status": "error", "message": message });
            let mut response = (status_code(*status), axum::Json(body)).into_response();
            if let Some(value) = retry_after
                .as_deref()
                .and_then(|v| HeaderValue::from_str(v).ok())
            {
                response.headers_mut().insert(header::RETRY_AFTER, value);
            }
            response
        }
        Fault::GatewayHtml { status } => {
            let html = format!(
                "<html><head><title>{status} Bad Gateway</title></head><body><center><h1>{status} \
                 Bad Gateway</h1></center><hr><center>nginx</center></body></html>\n"
            );
            (
                status_code(*status),
                [(header::CONTENT_TYPE, "text/html")],
                html,
            )
                .into_response()
        }
        Fault::Body {
            status,
            content_type,
            body,
        } => (
            status_code(*status),
            [(header::CONTENT_TYPE, content_type.clone())],
            body.clone(),
        )
            .into_response(),
        Fault::Truncated | Fault::DropMidBody | Fault::Delay(_) | Fault::Edit(_) => return None,
    };
    Some(response)
}

/// Applies `edit` to a real response's JSON; a body that is no JSON (an error page) is left alone.
pub(super) async fn edit(response: Response, edit: &JsonEdit) -> Response {
    let (mut parts, body) = response.into_parts();
    let bytes = axum::body::to_bytes(body, usize::MAX)
        .await
        .unwrap_or_default();
    let Ok(mut json) = serde_json::from_slice::<Value>(&bytes) else {
        return Response::from_parts(parts, Body::from(bytes));
    };
    (edit.0)(&mut json);
    parts.headers.remove(header::CONTENT_LENGTH);
    Response::from_parts(
        parts,
        Body::from(serde_json::to_vec(&json).unwrap_or_default()),
    )
}

/// Cuts a real response: in half, or in half and then broken off.
pub(super) async fn cut(response: Response, drop_connection: bool) -> Response {
    let (mut parts, body) = response.into_parts();
    let bytes = axum::body::to_bytes(body, usize::MAX)
        .await
        .unwrap_or_default();
    let half = bytes.slice(..bytes.len() / 2);
    if !drop_connection {
        parts.headers.remove(header::CONTENT_LENGTH);
        return Response::from_parts(parts, Body::from(half));
    }
    // Promise the whole length, send half, give it time to leave, then fail the body: hyper
    // closes the connection mid-answer.
    parts
        .headers
        .insert(header::CONTENT_LENGTH, HeaderValue::from(bytes.len()));
    let first = futures_util::stream::once(async move { Ok::<Bytes, std::io::Error>(half) });
    let broken = futures_util::stream::once(async {
        tokio::time::sleep(Duration::from_millis(100)).await;
        Err(std::io::Error::other(
            "connection dropped by fault injection",
        ))
    });
    Response::from_parts(parts, Body::from_stream(first.chain(broken)))
}
