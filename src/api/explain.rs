//! Saying which level of `project / dataset / stream` a "not found" or "refused" was about.

use serde::de::DeserializeOwned;

use super::client::{Client, Target};
use super::parse::parse_list;
use super::transport::{Progress, Retry};
use super::{ApiError, Dataset, ErrorKind, Project, Resource};

impl Client {
    /// Adds what the request addressed to an error: which resource was not found (from the
    /// server's message, else by asking for the parents with cheap GETs), which project a
    /// permission is missing on.
    pub(crate) async fn explained<T>(
        &self,
        result: Result<T, ApiError>,
        target: Target<'_>,
    ) -> Result<T, ApiError> {
        let err = match result {
            Ok(value) => return Ok(value),
            Err(err) => err,
        };
        Err(match (&err.kind, target) {
            (ErrorKind::Forbidden { .. }, target) => match project_of(target) {
                Some(project) => err.within(project),
                None => err,
            },
            (ErrorKind::NotFound { .. }, Target::Account) => err,
            (ErrorKind::NotFound { .. }, target) => {
                let resource = match resource_named_in(&err.detail) {
                    Some(resource) => resource,
                    None => self.missing_level(target).await,
                };
                not_found(err, resource, target)
            }
            _ => err,
        })
    }

    /// Finds the highest missing level by listing the parents (one attempt each). A listing
    /// that is itself not found means the endpoint is wrong.
    async fn missing_level(&self, target: Target<'_>) -> Resource {
        let deepest = match target {
            Target::Account => return Resource::Unknown,
            Target::Project(_) => Resource::Project,
            Target::Dataset(..) => Resource::Dataset,
            Target::Stream(_) => Resource::Stream,
        };
        let project = project_of(target).unwrap_or_default();
        let mut projects = self
            .probe::<Project>(&["api", "v1", "projects"], "projects")
            .await;
        if matches!(&projects, Err(err) if matches!(err.kind, ErrorKind::NotFound { .. })) {
            projects = self
                .probe(&["api", "_private", "projects"], "projects")
                .await;
        }
        match projects {
            Ok(projects) if !projects.iter().any(|p| p.name == project) => {
                return Resource::Project;
            }
            Ok(_) => {}
            Err(err) if matches!(err.kind, ErrorKind::NotFound { .. }) => {
                return Resource::Unknown;
            }
            Err(_) => return deepest,
        }
        if let Target::Stream(stream) = target {
            let path = ["api", "v1", "datasets", stream.project.as_str()];
            if let Ok(datasets) = self.probe::<Dataset>(&path, "datasets").await
                && !datasets.iter().any(|d| d.name == stream.dataset)
            {
                return Resource::Dataset;
            }
        }
        deepest
    }

    /// One attempt at a listing, without retries or explanations: probes must stay cheap.
    async fn probe<T: DeserializeOwned>(
        &self,
        path: &[&str],
        key: &str,
    ) -> Result<Vec<T>, ApiError> {
        let url = self.endpoint.route(path.iter().copied());
        let build = || self.http.get(url.clone());
        let reply = self
            .transport()
            .send(&build, Retry::Never, &|_: Progress| {})
            .await?;
        parse_list(&reply.body, key)
    }
}

/// The level a server's message names, when it names exactly one.
fn resource_named_in(message: &str) -> Option<Resource> {
    let lower = message.to_ascii_lowercase();
    let named: Vec<Resource> = [
        ("project", Resource::Project),
        ("dataset", Resource::Dataset),
        ("stream", Resource::Stream),
        ("trigger", Resource::Stream),
    ]
    .into_iter()
    .filter(|(word, _)| lower.contains(word))
    .map(|(_, resource)| resource)
    .collect();
    match named.as_slice() {
        [one] => Some(*one),
        [Resource::Stream, Resource::Stream] => Some(Resource::Stream),
        _ => None,
    }
}

fn project_of(target: Target<'_>) -> Option<&str> {
    match target {
        Target::Account => None,
        Target::Project(project) | Target::Dataset(project, _) => Some(project),
        Target::Stream(stream) => Some(&stream.project),
    }
}

fn not_found(mut err: ApiError, resource: Resource, target: Target<'_>) -> ApiError {
    let (name, within) = match (resource, target) {
        (Resource::Project, target) => (project_of(target).map(str::to_owned), None),
        (Resource::Dataset, Target::Dataset(project, dataset)) => {
            (Some(dataset.to_owned()), Some(project.to_owned()))
        }
        (Resource::Dataset, Target::Stream(stream)) => {
            (Some(stream.dataset.clone()), Some(stream.project.clone()))
        }
        (Resource::Stream, Target::Stream(stream)) => (
            Some(stream.stream.clone()),
            Some(format!("{}/{}", stream.project, stream.dataset)),
        ),
        _ => (None, None),
    };
    err.kind = ErrorKind::NotFound { resource, name };
    err.within = within;
    err
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_message_naming_one_level_decides() {
        assert_eq!(
            resource_named_in("Stream 'x' does not exist"),
            Some(Resource::Stream)
        );
        assert_eq!(
            resource_named_in("Unknown dataset acme/claims"),
            Some(Resource::Dataset)
        );
        assert_eq!(resource_named_in("404 Not Found"), None);
        assert_eq!(resource_named_in("No stream x in dataset y"), None);
    }
}
