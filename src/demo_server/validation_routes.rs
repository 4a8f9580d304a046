//! The model's validation routes (`_private`, read-only), answered from [`super::validation`]'s
//! data in the service's envelope. They are merged beside [`super::routes::router`]'s rather
//! than listed there, so that this file may use `routes`' helpers without a circle.

use axum::Router;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::{get, post};
use bytes::Bytes;
use serde_json::{Value, json};

use super::envelope::{error, not_found, ok};
use super::label_texts;
use super::routes::read_body;
use super::validation::{Missing, curve, model_of};
use super::{SharedState, lock};

/// The three routes, under `/api/_private/datasets/<project>/<dataset>/labellers`.
pub(super) fn router() -> Router<SharedState> {
    let model = "/api/_private/datasets/{project}/{dataset}/labellers";
    Router::new()
        .route(model, post(labellers))
        .route(&format!("{model}/{{version}}/validation"), get(summary))
        .route(
            &format!("{model}/{{version}}/label-validation"),
            post(label_curve),
        )
}

type DatasetPath = Path<(String, String)>;
type VersionPath = Path<(String, String, String)>;

/// The 404 the service answers with.
fn missing(what: Missing, project: &str, dataset: &str) -> Response {
    let message = match what {
        Missing::Dataset => return not_found(),
        Missing::Model => format!("{project}/{dataset} has no trained model"),
        Missing::Version(name) => format!("model version '{name}' does not exist"),
        Missing::Label { label, version } => {
            format!("label '{label}' does not exist in model version {version}")
        }
    };
    error(StatusCode::NOT_FOUND, &format!("404 Not Found: {message}"))
}

/// `POST …/labellers` with `{}`: the dataset's model versions, newest first.
async fn labellers(
    State(shared): State<SharedState>,
    Path((project, dataset)): DatasetPath,
    body: Bytes,
) -> Response {
    if let Err(response) = read_body(&body) {
        return *response;
    }
    let found = model_of(&lock(&shared).projects, &project, &dataset);
    match found {
        Ok(model) => {
            let labellers: Vec<Value> = (model.versions.iter().rev())
                .map(|v| {
                    json!({ "version": v.number, "trained_time": v.trained_time,
                            "validated": true, "pinned": v.pinned })
                })
                .collect();
            ok(json!({ "labellers": labellers }))
        }
        Err(what) => missing(what, &project, &dataset),
    }
}

/// `GET …/labellers/<version or latest>/validation`: rating, reviewed size, label definitions.
async fn summary(
    State(shared): State<SharedState>,
    Path((project, dataset, version)): VersionPath,
) -> Response {
    let found = model_of(&lock(&shared).projects, &project, &dataset)
        .and_then(|model| Ok((model.version(&version)?, model)));
    let (version, model) = match found {
        Ok(found) => found,
        Err(what) => return missing(what, &project, &dataset),
    };
    let label_defs: Vec<Value> = model
        .labels
        .iter()
        .map(|name| label_texts::def(name))
        .collect();
    ok(json!({
        "label_groups": [{
            "name": "default", "instructions": "", "label_defs": label_defs,
            "label_collection_name": null, "trainable": true, "hidden": false,
        }],
        "validation": {
            "version": version.number,
            "model_rating": { "score": version.score, "quality": version.quality },
            "reviewed_size": version.reviewed_size,
        },
    }))
}

/// `POST …/labellers/<version>/label-validation` with `{"label": "A > B"}`: the label's curve.
async fn label_curve(
    State(shared): State<SharedState>,
    Path((project, dataset, version)): VersionPath,
    body: Bytes,
) -> Response {
    let request = match read_body(&body) {
        Ok(request) => request,
        Err(response) => return *response,
    };
    let Some(label) = request["label"].as_str() else {
        return error(
            StatusCode::BAD_REQUEST,
            "400 Bad Request: label must be a label name",
        );
    };
    let found = model_of(&lock(&shared).projects, &project, &dataset).and_then(|model| {
        let version = model.version(&version)?;
        model.label(label, version).map(|()| version)
    });
    let version = match found {
        Ok(version) => version,
        Err(what) => return missing(what, &project, &dataset),
    };
    let curve = curve(&project, &dataset, label, version);
    ok(json!({ "label_validation": {
        "thresholds": curve.thresholds, "precisions": curve.precisions, "recalls": curve.recalls,
    }}))
}
