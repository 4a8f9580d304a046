//! The routes, in the real service's envelope: `{"status":"ok", …}` or
//! `{"status":"error","message":…}`. Paths are as the vendor's client sends them; the gate has
//! already taken the base path off and read `project%2Fdataset` as `project/dataset`, so each
//! route is written once, with a literal slash.

use std::collections::HashMap;

use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::{get, post};
use bytes::Bytes;
use serde_json::{Value, json};

use super::catalog::{Dataset, Project, Stream, name};
use super::envelope::{error, not_found, ok, raw_json};
use super::pages::{self, AdvanceRefusal};
use super::sources;
use super::{Mutation, MutationKind, SharedState, lock};

pub(super) fn router() -> Router<SharedState> {
    let stream = "/api/v1/datasets/{project}/{dataset}/streams/{stream}";
    Router::new()
        .route("/auth/user", get(user))
        .route("/api/v1/projects", get(projects))
        .route("/api/_private/projects", get(projects))
        .route("/api/_private/projects/{project}", get(project))
        .route("/api/v1/datasets", get(all_datasets))
        .route("/api/v1/datasets/{project}", get(datasets_or_dataset_by_id))
        .route("/api/v1/datasets/{project}/{dataset}", get(dataset))
        .route("/api/v1/datasets/{project}/{dataset}/streams", get(streams))
        .route(stream, get(one_stream).post(update_stream))
        .route(&format!("{stream}/fetch"), post(fetch))
        .route(&format!("{stream}/results"), get(results))
        .route(&format!("{stream}/advance"), post(advance))
        .route(&format!("{stream}/reset"), post(reset))
        .route("/api/v1/sources", get(sources::sources))
        .route("/api/v1/sources/{id}", get(sources::source_by_id))
        .route(
            "/api/v1/sources/{project}/{source}",
            get(sources::source_by_name),
        )
        .route(
            "/api/v1/sources/{project}/{source}/comments/{comment}",
            get(sources::comment),
        )
        .fallback(|| async { error(StatusCode::NOT_FOUND, "404 Not Found") })
}

pub(super) fn find_dataset<'a>(
    projects: &'a [Project],
    project: &str,
    dataset: &str,
) -> Option<&'a Dataset> {
    let project = projects.iter().find(|p| name(&p.json) == project)?;
    project.datasets.iter().find(|d| name(&d.json) == dataset)
}

/// A stream by `project/dataset/stream`.
pub(super) fn find_stream<'a>(projects: &'a [Project], path: &str) -> Option<&'a Stream> {
    let mut parts = path.splitn(3, '/');
    let (project, dataset, stream) = (parts.next()?, parts.next()?, parts.next()?);
    find_dataset(projects, project, dataset)?
        .streams
        .iter()
        .find(|s| s.name() == stream)
}

pub(super) fn find_stream_mut<'a>(
    projects: &'a mut [Project],
    path: &str,
) -> Option<&'a mut Stream> {
    let mut parts = path.splitn(3, '/');
    let (project, dataset, stream) = (parts.next()?, parts.next()?, parts.next()?);
    let project = projects.iter_mut().find(|p| name(&p.json) == project)?;
    let dataset = project
        .datasets
        .iter_mut()
        .find(|d| name(&d.json) == dataset)?;
    dataset.streams.iter_mut().find(|s| s.name() == stream)
}

type StreamPath = Path<(String, String, String)>;

fn joined((project, dataset, stream): &(String, String, String)) -> String {
    format!("{project}/{dataset}/{stream}")
}

async fn user(State(shared): State<SharedState>) -> Response {
    let shared = lock(&shared);
    let permissions: serde_json::Map<String, Value> = shared
        .projects
        .iter()
        .map(|p| {
            (
                name(&p.json).to_owned(),
                json!([
                    "streams-consume",
                    "streams-read",
                    "sources-read",
                    "datasets-read"
                ]),
            )
        })
        .collect();
    ok(json!({ "user": {
        "id": "d3m0000000000001", "username": "demo.analyst", "email": "demo.analyst@northwind.example",
        "created": "2026-09-01T09:00:00Z", "global_permissions": [],
        "organisation_permissions": permissions, "sso_global_permissions": [], "verified": true,
    }}))
}

async fn projects(State(shared): State<SharedState>) -> Response {
    let shared = lock(&shared);
    let list: Vec<&Value> = shared.projects.iter().map(|p| &p.json).collect();
    ok(json!({ "projects": list }))
}

async fn all_datasets(State(shared): State<SharedState>) -> Response {
    let shared = lock(&shared);
    let list: Vec<&Value> = shared
        .projects
        .iter()
        .flat_map(|p| &p.datasets)
        .map(|d| &d.json)
        .collect();
    ok(json!({ "datasets": list }))
}

async fn project(State(shared): State<SharedState>, Path(project): Path<String>) -> Response {
    let shared = lock(&shared);
    match shared.projects.iter().find(|p| name(&p.json) == project) {
        Some(project) => ok(json!({ "project": project.json })),
        None => not_found(),
    }
}

/// `GET /api/v1/datasets/<project>`: the project's datasets; `…/id:<dataset_id>`: one dataset.
async fn datasets_or_dataset_by_id(
    State(shared): State<SharedState>,
    Path(key): Path<String>,
) -> Response {
    let shared = lock(&shared);
    if let Some(id) = key.strip_prefix("id:") {
        let mut datasets = shared.projects.iter().flat_map(|p| &p.datasets);
        return match datasets.find(|d| d.json["id"] == id) {
            Some(found) => ok(json!({ "dataset": found.json })),
            None => not_found(),
        };
    }
    match shared.projects.iter().find(|p| name(&p.json) == key) {
        Some(project) => {
            ok(json!({ "datasets": project.datasets.iter().map(|d| &d.json).collect::<Vec<_>>() }))
        }
        None => not_found(),
    }
}

async fn dataset(
    State(shared): State<SharedState>,
    Path((project, dataset)): Path<(String, String)>,
) -> Response {
    let shared = lock(&shared);
    match find_dataset(&shared.projects, &project, &dataset) {
        Some(found) => ok(json!({ "dataset": found.json })),
        None => not_found(),
    }
}

async fn streams(
    State(shared): State<SharedState>,
    Path((project, dataset)): Path<(String, String)>,
) -> Response {
    let shared = lock(&shared);
    match find_dataset(&shared.projects, &project, &dataset) {
        Some(found) => {
            ok(json!({ "streams": found.streams.iter().map(|s| &s.json).collect::<Vec<_>>() }))
        }
        None => not_found(),
    }
}

async fn one_stream(State(shared): State<SharedState>, Path(path): StreamPath) -> Response {
    let shared = lock(&shared);
    match find_stream(&shared.projects, &joined(&path)) {
        Some(found) => ok(json!({ "stream": found.json })),
        None => not_found(),
    }
}

/// A POST to the bare stream URL updates the stream's settings; it never advances it (the
/// official CLI once sent advances here by mistake, and they did nothing).
async fn update_stream(State(shared): State<SharedState>, Path(path): StreamPath) -> Response {
    one_stream(State(shared), Path(path)).await
}

/// The request body as JSON, or a 400 answer.
pub(super) fn read_body(body: &Bytes) -> Result<Value, Box<Response>> {
    serde_json::from_slice(body).map_err(|e| {
        Box::new(error(
            StatusCode::BAD_REQUEST,
            &format!("400 Bad Request: invalid JSON body: {e}"),
        ))
    })
}

/// The service's own limit, stated here on its own: the stand-in checks the client's
/// `PageRequest::SIZES` instead of sharing it.
fn size_in_range(size: Option<u64>) -> Result<usize, Box<Response>> {
    match size {
        Some(size @ 1..=1024) => Ok(size as usize),
        _ => Err(Box::new(error(
            StatusCode::BAD_REQUEST,
            "400 Bad Request: size must be between 1 and 1024",
        ))),
    }
}

async fn fetch(State(shared): State<SharedState>, Path(path): StreamPath, body: Bytes) -> Response {
    let request = match read_body(&body) {
        Ok(request) => request,
        Err(response) => return *response,
    };
    let size = match size_in_range(request["size"].as_u64()) {
        Ok(size) => size,
        Err(response) => return *response,
    };
    let max_filtered = request["max_filtered"].as_u64().map(|m| m as usize);
    let shared = lock(&shared);
    match find_stream(&shared.projects, &joined(&path)) {
        Some(stream) => raw_json(pages::fetch(stream, size, max_filtered)),
        None => not_found(),
    }
}

async fn results(
    State(shared): State<SharedState>,
    Path(path): StreamPath,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    let number = |key: &str| query.get(key).and_then(|v| v.parse::<u64>().ok());
    let size = match size_in_range(number("max_results").or(Some(16))) {
        Ok(size) => size,
        Err(response) => return *response,
    };
    let max_filtered = number("max_filtered").map(|m| m as usize);
    let shared = lock(&shared);
    match find_stream(&shared.projects, &joined(&path)) {
        Some(stream) => raw_json(pages::results(stream, size, max_filtered)),
        None => not_found(),
    }
}

async fn advance(
    State(shared): State<SharedState>,
    Path(path): StreamPath,
    body: Bytes,
) -> Response {
    let request = match read_body(&body) {
        Ok(request) => request,
        Err(response) => return *response,
    };
    let Some(sequence_id) = request["sequence_id"].as_str() else {
        return error(
            StatusCode::BAD_REQUEST,
            "400 Bad Request: sequence_id is required",
        );
    };
    let stream_name = joined(&path);
    let mut shared = lock(&shared);
    let Some(stream) = find_stream_mut(&mut shared.projects, &stream_name) else {
        return not_found();
    };
    let outcome = pages::advance_to(stream, sequence_id);
    let position = pages::sequence_id(stream, stream.position);
    shared.mutations.push(Mutation {
        stream: stream_name,
        kind: MutationKind::Advance {
            sequence_id: sequence_id.to_owned(),
        },
        accepted: outcome.is_ok(),
    });
    match outcome {
        Ok(()) => ok(json!({ "sequence_id": position })),
        Err(AdvanceRefusal::Unknown) => error(
            StatusCode::BAD_REQUEST,
            "400 Bad Request: unknown sequence_id",
        ),
        Err(AdvanceRefusal::Behind) => error(
            StatusCode::CONFLICT,
            "409 Conflict: sequence_id is behind the stream's position",
        ),
    }
}

async fn reset(State(shared): State<SharedState>, Path(path): StreamPath, body: Bytes) -> Response {
    let request = match read_body(&body) {
        Ok(request) => request,
        Err(response) => return *response,
    };
    let text = request["to_comment_created_at"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    let stream_name = joined(&path);
    let mut shared = lock(&shared);
    let Some(stream) = find_stream_mut(&mut shared.projects, &stream_name) else {
        return not_found();
    };
    let to = pages::parse_time(&text);
    if let Some(to) = to {
        pages::reset_to(stream, to);
    }
    let answer = json!({ "sequence_id": pages::sequence_id(stream, stream.position), "stream": stream.json });
    shared.mutations.push(Mutation {
        stream: stream_name,
        kind: MutationKind::Reset {
            to_comment_created_at: text,
        },
        accepted: to.is_some(),
    });
    match to {
        Some(_) => ok(answer),
        None => error(
            StatusCode::BAD_REQUEST,
            "400 Bad Request: to_comment_created_at is not a date-time",
        ),
    }
}
