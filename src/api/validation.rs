//! The model's validation, read-only: a dataset's model versions, a version's summary, a label's
//! curve. These routes are `_private`: a user may be refused them (403), a dataset may have no
//! model (404), a deployment may not have them at all. That is [`NotAvailable`], a state with a
//! sentence saying which and why, never a failure of anything else; other errors stay errors.

use std::fmt;

use bytes::Bytes;
use futures_util::StreamExt as _;

use super::client::Client;
use super::parse;
use super::transport::{Progress, Reply, Retry};
use super::{ApiError, ErrorKind, LabelCurve, LabelPath, Labeller, VersionValidation};

/// How many curves are asked for at once: enough to be quick, few enough to be polite.
const CURVES_AT_ONCE: usize = 4;

/// Why validation could not be read.
#[derive(Clone, Debug, PartialEq)]
pub enum ValidationError {
    /// Not available for this model or user (403, 404, or a route the deployment lacks).
    NotAvailable(NotAvailable),
    /// Anything else: a refused token, a timeout, a body that is not the API's JSON.
    Failed(ApiError),
}

impl std::error::Error for ValidationError {}

impl fmt::Display for ValidationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ValidationError::NotAvailable(why) => why.fmt(f),
            ValidationError::Failed(err) => err.fmt(f),
        }
    }
}

/// What was not available, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NotAvailable {
    pub reason: Unavailability,
    pub status: u16,
    /// `project/dataset`.
    pub dataset: String,
    /// `None` for the dataset's model as a whole (its versions, or the latest).
    pub version: Option<i64>,
    pub label: Option<LabelPath>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Unavailability {
    /// 403: the user lacks a permission, named where the server said which.
    Refused { permission: Option<String> },
    /// 404: no model, no such version, or no such label.
    NotFound,
    /// 405 or 501: the deployment does not serve the route.
    NoRoute,
}

impl fmt::Display for NotAvailable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let http = format!(" (HTTP {})", self.status);
        let dataset = &self.dataset;
        let subject = match (self.version, &self.label) {
            (Some(version), Some(label)) => {
                format!("the curve of label '{label}' in model version {version} of {dataset}")
            }
            (Some(version), None) => format!("model version {version} of {dataset}"),
            (None, _) => format!("the model of {dataset}"),
        };
        match (&self.reason, self.version, &self.label) {
            (Unavailability::Refused { permission }, ..) => {
                let needs = match permission {
                    Some(permission) => format!("the permission {permission}, which it lacks"),
                    None => "a permission it lacks".to_owned(),
                };
                write!(
                    f,
                    "The validation of {subject} is not available to your user{http}: it needs \
                     {needs}. A project administrator can grant it."
                )
            }
            (Unavailability::NotFound, Some(version), Some(label)) => write!(
                f,
                "Model version {version} of {dataset} has no validation curve for label \
                 '{label}'{http}: the label is not one of the model's, or the version does not \
                 exist."
            ),
            (Unavailability::NotFound, Some(version), None) => write!(
                f,
                "Model version {version} of {dataset} has no validation{http}: the version does \
                 not exist, or this deployment does not offer model validation."
            ),
            (Unavailability::NotFound, None, _) => write!(
                f,
                "{dataset} has no model validation{http}: no model has been trained on it, or \
                 this deployment does not offer model validation."
            ),
            (Unavailability::NoRoute, ..) => write!(
                f,
                "This deployment does not offer model validation{http}, so {subject} cannot be \
                 shown."
            ),
        }
    }
}

/// What a validation request is about, to say so when it is not available.
struct Subject<'a> {
    project: &'a str,
    dataset: &'a str,
    version: Option<i64>,
    label: Option<&'a LabelPath>,
}

impl Subject<'_> {
    fn classify(&self, err: ApiError) -> ValidationError {
        let reason = match (err.status, err.kind.clone()) {
            (Some(403), ErrorKind::Forbidden { permission }) => {
                Unavailability::Refused { permission }
            }
            (Some(404), _) => Unavailability::NotFound,
            (Some(405 | 501), _) => Unavailability::NoRoute,
            _ => return ValidationError::Failed(err),
        };
        ValidationError::NotAvailable(NotAvailable {
            reason,
            status: err.status.unwrap_or_default(),
            dataset: format!("{}/{}", self.project, self.dataset),
            version: self.version,
            label: self.label.cloned(),
        })
    }
}

impl Client {
    /// The dataset's trained model versions (`POST …/labellers`), as the server lists them.
    pub async fn model_versions(
        &self,
        project: &str,
        dataset: &str,
    ) -> Result<Vec<Labeller>, ValidationError> {
        let subject = Subject {
            project,
            dataset,
            version: None,
            label: None,
        };
        let reply = self
            .read_validation(&subject, &[], Some("{}".into()))
            .await?;
        self.finish(parse::parse_list(&reply.body, "labellers"), &reply)
            .map_err(ValidationError::Failed)
    }

    /// A model version's validation summary and label definitions.
    pub async fn validation(
        &self,
        project: &str,
        dataset: &str,
        version: i64,
    ) -> Result<VersionValidation, ValidationError> {
        let subject = Subject {
            project,
            dataset,
            version: Some(version),
            label: None,
        };
        let number = version.to_string();
        self.summary(&subject, &number).await
    }

    /// The latest model version's validation summary and label definitions.
    pub async fn latest_validation(
        &self,
        project: &str,
        dataset: &str,
    ) -> Result<VersionValidation, ValidationError> {
        let subject = Subject {
            project,
            dataset,
            version: None,
            label: None,
        };
        self.summary(&subject, "latest").await
    }

    async fn summary(
        &self,
        subject: &Subject<'_>,
        version: &str,
    ) -> Result<VersionValidation, ValidationError> {
        let reply = self
            .read_validation(subject, &[version, "validation"], None)
            .await?;
        self.finish(parse::parse_whole(&reply.body), &reply)
            .map_err(ValidationError::Failed)
    }

    /// One label's validation curve in a model version.
    pub async fn label_curve(
        &self,
        project: &str,
        dataset: &str,
        version: i64,
        label: &LabelPath,
    ) -> Result<LabelCurve, ValidationError> {
        let subject = Subject {
            project,
            dataset,
            version: Some(version),
            label: Some(label),
        };
        let number = version.to_string();
        let body = serde_json::json!({ "label": label.to_string() }).to_string();
        let reply = self
            .read_validation(&subject, &[&number, "label-validation"], Some(body))
            .await?;
        self.finish(parse::parse_one(&reply.body, "label_validation"), &reply)
            .map_err(ValidationError::Failed)
    }

    /// The curves of `labels` in a model version, a few at a time, in the order asked.
    pub async fn label_curves(
        &self,
        project: &str,
        dataset: &str,
        version: i64,
        labels: &[LabelPath],
    ) -> Vec<(LabelPath, Result<LabelCurve, ValidationError>)> {
        // By index: a closure over `&LabelPath` items makes the future not `Send` for spawn.
        futures_util::stream::iter(0..labels.len())
            .map(|index| async move {
                let label = &labels[index];
                let curve = self.label_curve(project, dataset, version, label).await;
                (label.clone(), curve)
            })
            .buffered(CURVES_AT_ONCE)
            .collect()
            .await
    }

    /// A retried read under `…/_private/datasets/<project>/<dataset>/labellers/<rest>`: a GET,
    /// or a POST of `body` (these POSTs change nothing).
    async fn read_validation(
        &self,
        subject: &Subject<'_>,
        rest: &[&str],
        body: Option<String>,
    ) -> Result<Reply, ValidationError> {
        let base = [
            "api",
            "_private",
            "datasets",
            subject.project,
            subject.dataset,
        ];
        let path = base
            .into_iter()
            .chain(["labellers"])
            .chain(rest.iter().copied());
        let url = self.endpoint.route(path);
        let body = body.map(Bytes::from);
        let build = || self.read_request(&url, body.as_ref());
        self.transport()
            .send(&build, Retry::Allowed, &|_: Progress| {})
            .await
            .map_err(|err| subject.classify(err))
    }
}
