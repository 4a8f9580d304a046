//! Reading the model's validation in the background: a dataset's model versions, a version's
//! summary with the curves of some labels, or more curves of a version.

use crate::api::{ApiError, Client, LabelCurve, LabelPath, ValidationError, VersionValidation};

use super::{Event, RequestId};

/// A model version of a dataset: what validation is known under.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ValidationKey {
    pub project: String,
    pub dataset: String,
    pub version: i64,
}

impl std::fmt::Display for ValidationKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}/{} model version {}",
            self.project, self.dataset, self.version
        )
    }
}

/// Each label's curve as it was read, in the order asked.
pub type Curves = Vec<(LabelPath, Result<LabelCurve, ValidationError>)>;

/// A version's summary and the curves asked for with it.
#[derive(Clone, Debug)]
pub struct LoadedValidation {
    pub summary: VersionValidation,
    pub curves: Curves,
}

/// Answers [`super::Task::ListModelVersions`]; `client` is the active one, or why there is
/// none (as for the other validation commands).
pub(super) async fn list_model_versions(
    client: Result<Client, ApiError>,
    id: RequestId,
    project: String,
    dataset: String,
) -> Event {
    let result = match client {
        Ok(client) => client.model_versions(&project, &dataset).await,
        Err(err) => Err(ValidationError::Failed(err)),
    };
    Event::ModelVersions {
        id,
        project,
        dataset,
        result,
    }
}

/// Answers [`super::Task::LoadValidation`]: the summary, then the curves.
pub(super) async fn load_validation(
    client: Result<Client, ApiError>,
    id: RequestId,
    key: ValidationKey,
    labels: Vec<LabelPath>,
) -> Event {
    log::info!(
        "reading the validation of {key} and {} curves",
        labels.len()
    );
    let result = match client {
        Ok(client) => load(&client, &key, &labels).await,
        Err(err) => Err(ValidationError::Failed(err)),
    };
    if let Err(err) = &result {
        log::warn!("{key}: {err}");
    }
    Event::ValidationLoaded { id, key, result }
}

/// Answers [`super::Task::LoadCurves`].
pub(super) async fn load_curves(
    client: Result<Client, ApiError>,
    id: RequestId,
    key: ValidationKey,
    labels: Vec<LabelPath>,
) -> Event {
    let curves = match client {
        Ok(client) => {
            let (project, dataset) = (&key.project, &key.dataset);
            (client.label_curves(project, dataset, key.version, &labels)).await
        }
        Err(err) => (labels.into_iter())
            .map(|label| (label, Err(ValidationError::Failed(err.clone()))))
            .collect(),
    };
    Event::CurvesLoaded { id, key, curves }
}

async fn load(
    client: &Client,
    key: &ValidationKey,
    labels: &[LabelPath],
) -> Result<LoadedValidation, ValidationError> {
    let (project, dataset) = (&key.project, &key.dataset);
    let summary = client.validation(project, dataset, key.version).await?;
    let curves = client
        .label_curves(project, dataset, key.version, labels)
        .await;
    Ok(LoadedValidation { summary, curves })
}
