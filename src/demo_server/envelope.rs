//! The service's envelope: `{"status":"ok", …}`, or `{"status":"error","message":…}` with an
//! HTTP status to match.

use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

pub fn ok(mut payload: Value) -> Response {
    payload["status"] = json!("ok");
    axum::Json(payload).into_response()
}

pub fn error(status: StatusCode, message: &str) -> Response {
    (
        status,
        axum::Json(json!({ "status": "error", "message": message })),
    )
        .into_response()
}

pub fn unauthorized() -> Response {
    error(StatusCode::UNAUTHORIZED, "401 Unauthorized")
}

pub fn not_found() -> Response {
    error(StatusCode::NOT_FOUND, "404 Not Found")
}

/// A body built elsewhere (a page), sent as it is.
pub fn raw_json(body: Vec<u8>) -> Response {
    ([(header::CONTENT_TYPE, "application/json")], body).into_response()
}
