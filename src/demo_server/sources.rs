//! The source routes. A comment in a stream page names its source only by `source_id`, so every
//! source is a real object here ([`super::catalog::SourceSpec`]), found by `project/source` or by
//! `id:<source_id>`, and any comment of a stream can be read on its own by its id.

use std::collections::HashMap;

use axum::extract::{Path, Query, State};
use axum::response::Response;
use serde_json::{Value, json};

use super::catalog::{Project, name};
use super::envelope::{not_found, ok};
use super::{SharedState, lock};

fn all(projects: &[Project]) -> impl Iterator<Item = &Value> {
    projects.iter().flat_map(|p| &p.sources)
}

/// `GET /api/v1/sources`.
pub(super) async fn sources(State(shared): State<SharedState>) -> Response {
    let shared = lock(&shared);
    ok(json!({ "sources": all(&shared.projects).collect::<Vec<_>>() }))
}

/// `GET /api/v1/sources/id:<source_id>`: the one-segment form.
pub(super) async fn source_by_id(
    State(shared): State<SharedState>,
    Path(key): Path<String>,
) -> Response {
    let shared = lock(&shared);
    let found = key
        .strip_prefix("id:")
        .and_then(|id| all(&shared.projects).find(|s| s["id"] == id));
    match found {
        Some(source) => ok(json!({ "source": source })),
        None => not_found(),
    }
}

fn find_source<'a>(projects: &'a [Project], project: &str, source: &str) -> Option<&'a Value> {
    let project = projects.iter().find(|p| name(&p.json) == project)?;
    project.sources.iter().find(|s| name(s) == source)
}

/// `GET /api/v1/sources/<project>/<source>`.
pub(super) async fn source_by_name(
    State(shared): State<SharedState>,
    Path((project, source)): Path<(String, String)>,
) -> Response {
    let shared = lock(&shared);
    match find_source(&shared.projects, &project, &source) {
        Some(source) => ok(json!({ "source": source })),
        None => not_found(),
    }
}

/// `GET /api/v1/sources/<project>/<source>/comments/<comment_id>[?include_markup=true]`: the
/// comment as a stream delivers it, its markup only when asked for.
pub(super) async fn comment(
    State(shared): State<SharedState>,
    Path((project, source, comment_id)): Path<(String, String, String)>,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    let shared = lock(&shared);
    let Some(source) = find_source(&shared.projects, &project, &source) else {
        return not_found();
    };
    let uid = format!("{}.{comment_id}", source["id"].as_str().unwrap_or_default());
    let found = shared
        .projects
        .iter()
        .flat_map(|p| &p.datasets)
        .flat_map(|d| &d.streams)
        .flat_map(|s| &s.items)
        .map(|item| &item.result["comment"])
        .find(|comment| comment["uid"] == uid.as_str());
    let Some(comment) = found else {
        return not_found();
    };
    let mut comment = comment.clone();
    if query.get("include_markup").map(String::as_str) != Some("true") {
        without_markup(&mut comment);
    }
    ok(json!({ "comment": comment }))
}

fn without_markup(comment: &mut Value) {
    let Some(messages) = comment["messages"].as_array_mut() else {
        return;
    };
    for message in messages {
        for part in ["body", "signature"] {
            if let Some(text) = message.get_mut(part).and_then(Value::as_object_mut) {
                text.remove("text_markup");
                text.remove("translated_from_markup");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::*;

    #[test]
    fn every_comment_names_a_source_of_its_dataset_and_an_id_names_one_comment() {
        let projects = crate::demo_server::initial_projects();
        let mut seen: HashMap<&str, &Value> = HashMap::new();
        for project in &projects {
            for dataset in &project.datasets {
                let source_ids = dataset.json["source_ids"].as_array().unwrap();
                for id in source_ids {
                    assert!(project.sources.iter().any(|s| s["id"] == *id), "{id}");
                }
                for item in dataset.streams.iter().flat_map(|s| &s.items) {
                    let comment = &item.result["comment"];
                    let uid = comment["uid"].as_str().unwrap();
                    let (source_id, id) = uid.split_once('.').unwrap();
                    assert_eq!(comment["id"], id);
                    assert!(source_ids.iter().any(|s| s == source_id), "{uid}");
                    if let Some(earlier) = seen.insert(uid, comment) {
                        assert_eq!(earlier, comment, "two comments with uid {uid}");
                    }
                }
            }
        }
        assert_eq!(seen.len(), 1631, "no two comments share a uid");
    }
}
