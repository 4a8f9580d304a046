//! What is known of the models' validation, per dataset and model version: loading, available,
//! not available (with the sentence saying why) or failed. Loaded beside everything else: it
//! never delays a page, and nothing here shows a banner.

use std::collections::BTreeMap;

use crate::api::{LabelCurve, LabelPath, Labeller, ValidationError, VersionValidation};
use crate::worker::{Command, Curves, LoadedValidation, RequestId, Task, ValidationKey};

use super::AppState;

/// One thing read from the validation routes, as far as it has come.
#[derive(Clone, Debug, PartialEq)]
pub enum Known<T> {
    Loading(RequestId),
    Available(T),
    /// Refused, missing, or not served: the sentence says which and why.
    NotAvailable(String),
    Failed(String),
}

impl<T> Known<T> {
    fn from_result(result: Result<T, ValidationError>) -> Self {
        match result {
            Ok(value) => Known::Available(value),
            Err(ValidationError::NotAvailable(why)) => Known::NotAvailable(why.to_string()),
            Err(ValidationError::Failed(err)) => Known::Failed(err.to_string()),
        }
    }

    fn awaits(&self, id: RequestId) -> bool {
        matches!(self, Known::Loading(current) if *current == id)
    }

    /// Whether to ask again: after a failure always; after "not available" only when the user
    /// asks (a permission may have been granted since).
    fn worth_asking(&self, asked_by_user: bool) -> bool {
        match self {
            Known::Loading(_) | Known::Available(_) => false,
            Known::NotAvailable(_) => asked_by_user,
            Known::Failed(_) => true,
        }
    }
}

/// A model version's validation: its summary, and the curves asked for so far.
#[derive(Clone, Debug)]
pub struct VersionState {
    pub summary: Known<VersionValidation>,
    pub curves: BTreeMap<LabelPath, Known<LabelCurve>>,
}

#[derive(Clone, Debug, Default)]
pub struct Validations {
    pub versions: BTreeMap<ValidationKey, VersionState>,
    /// Each dataset's model versions, by `(project, dataset)`.
    pub listings: BTreeMap<(String, String), Known<Vec<Labeller>>>,
}

impl Validations {
    pub fn get(&self, key: &ValidationKey) -> Option<&VersionState> {
        self.versions.get(key)
    }
}

impl AppState {
    /// The chosen stream's model version and the labels it lets through (threshold below 1.0).
    pub fn stream_validation_key(&self) -> Option<(ValidationKey, Vec<LabelPath>)> {
        let chosen = self.catalog.chosen()?;
        let model = self.catalog.stream_info()?.model.as_ref()?;
        let key = ValidationKey {
            project: chosen.project,
            dataset: chosen.dataset,
            version: model.version?,
        };
        let labels = model.label_thresholds.iter().filter(|t| t.is_on());
        Some((key, labels.map(|t| t.name.clone()).collect()))
    }

    /// Where the shown page's model validation is read: the dataset and model version its
    /// export record names, on the connection it came from. Otherwise the sentence saying why
    /// it cannot be read (no page, no record, no model, or another server than the one
    /// connected, whose same-named dataset would be another model's).
    pub fn shown_page_validation(&self) -> Result<ValidationKey, String> {
        let Some(shown) = self.pages.current() else {
            return Err("No page is shown.".to_owned());
        };
        let Some(record) = shown
            .entry
            .provenance
            .as_ref()
            .filter(|p| !p.dataset.is_empty())
        else {
            return Err(
                "This page does not record the stream it came from, so its model's \
                        validation cannot be read."
                    .to_owned(),
            );
        };
        let (project, dataset) = (&record.project, &record.dataset);
        let Some(version) = record.model_version else {
            return Err(format!(
                "The page records no model version of {project}/{dataset} (its stream has no \
                 model, or none was known), so there is no validation to read."
            ));
        };
        match self.connection.connected() {
            None => Err(format!(
                "The model's validation is read from {}: connect to it to see it.",
                record.host
            )),
            Some(connected) if connected.host != record.host => Err(format!(
                "This page came from {}, not from {}, the server connected now: connect to it \
                 to read its model's validation.",
                record.host, connected.host
            )),
            Some(_) => Ok(ValidationKey {
                project: project.clone(),
                dataset: dataset.clone(),
                version,
            }),
        }
    }

    /// Loads the chosen stream's model version's validation, unless it is known already.
    pub(super) fn load_stream_validation(&mut self) -> Vec<Command> {
        match self.stream_validation_key() {
            Some((key, labels)) => self.load_validation(key, labels, false),
            None => Vec::new(),
        }
    }

    /// Lists a dataset's model versions, unless that is known or on its way.
    pub(super) fn list_model_versions(&mut self, project: String, dataset: String) -> Vec<Command> {
        let listing = (project.clone(), dataset.clone());
        let known = self.validations.listings.get(&listing);
        if known.is_some_and(|known| !known.worth_asking(true)) {
            return Vec::new();
        }
        let id = self.next_id();
        self.validations
            .listings
            .insert(listing, Known::Loading(id));
        vec![Command::Task(Task::ListModelVersions {
            id,
            project,
            dataset,
        })]
    }

    /// Asks for what is not known yet (or failed) of `key`: the summary with the curves of
    /// `labels`, or only the curves when the summary is known or on its way.
    pub(super) fn load_validation(
        &mut self,
        key: ValidationKey,
        mut labels: Vec<LabelPath>,
        asked_by_user: bool,
    ) -> Vec<Command> {
        let id = self.next_id();
        let known = self.validations.versions.get(&key);
        let summary_wanted = known.is_none_or(|state| state.summary.worth_asking(asked_by_user));
        let state =
            (self.validations.versions.entry(key.clone())).or_insert_with(|| VersionState {
                summary: Known::Loading(id),
                curves: BTreeMap::new(),
            });
        labels.sort();
        labels.dedup();
        labels.retain(|label| {
            (state.curves.get(label)).is_none_or(|known| known.worth_asking(asked_by_user))
        });
        let command = if summary_wanted {
            state.summary = Known::Loading(id);
            Task::LoadValidation {
                id,
                key,
                labels: labels.clone(),
            }
        } else if matches!(state.summary, Known::NotAvailable(_)) || labels.is_empty() {
            return Vec::new();
        } else {
            Task::LoadCurves {
                id,
                key,
                labels: labels.clone(),
            }
        };
        for label in labels {
            state.curves.insert(label, Known::Loading(id));
        }
        vec![command.into()]
    }

    pub(super) fn model_versions_listed(
        &mut self,
        id: RequestId,
        listing: (String, String),
        result: Result<Vec<Labeller>, ValidationError>,
    ) {
        let known = self.validations.listings.get_mut(&listing);
        if let Some(known) = known.filter(|known| known.awaits(id)) {
            *known = Known::from_result(result);
        }
    }

    pub(super) fn validation_loaded(
        &mut self,
        id: RequestId,
        key: &ValidationKey,
        result: Result<LoadedValidation, ValidationError>,
    ) {
        let Some(state) = self.validations.versions.get_mut(key) else {
            return;
        };
        if !state.summary.awaits(id) {
            return;
        }
        match result {
            Ok(loaded) => {
                state.summary = Known::Available(loaded.summary);
                settle(state, id, loaded.curves);
            }
            Err(err) => {
                // The curves asked with a summary that did not come share its fate.
                for known in state.curves.values_mut().filter(|k| k.awaits(id)) {
                    *known = Known::from_result(Err(err.clone()));
                }
                state.summary = Known::from_result(Err(err));
            }
        }
    }

    pub(super) fn curves_loaded(&mut self, id: RequestId, key: &ValidationKey, curves: Curves) {
        if let Some(state) = self.validations.versions.get_mut(key) {
            settle(state, id, curves);
        }
    }
}

/// Stores the curves that request `id` was asked for and brought.
fn settle(state: &mut VersionState, id: RequestId, curves: Curves) {
    for (label, result) in curves {
        if let Some(known) = state.curves.get_mut(&label).filter(|k| k.awaits(id)) {
            *known = Known::from_result(result);
        }
    }
}
