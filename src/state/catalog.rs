//! Choosing project, then dataset, then stream, from the API's own listings.

use crate::api::{ApiError, Dataset, Project, Stream, StreamRef};
use crate::worker::{Command, ConnectionKind, RequestId, Task};

use super::{Action, AppState, Directory, Settings};

/// One listing as it loads.
#[derive(Clone, Debug, Default)]
pub enum Listing<T> {
    #[default]
    Idle,
    Loading(RequestId),
    Loaded(Vec<T>),
    Failed(ApiError),
}

impl<T> Listing<T> {
    pub fn items(&self) -> &[T] {
        match self {
            Listing::Loaded(items) => items,
            _ => &[],
        }
    }

    fn awaits(&self, id: RequestId) -> bool {
        matches!(self, Listing::Loading(current) if *current == id)
    }
}

#[derive(Clone, Debug, Default)]
pub struct Catalog {
    pub projects: Listing<Project>,
    pub datasets: Listing<Dataset>,
    pub streams: Listing<Stream>,
    pub project: Option<String>,
    pub dataset: Option<String>,
    pub stream: Option<String>,
    /// The choice to restore as listings arrive (the last one made on this connection).
    pub(super) restore: Option<StreamRef>,
    /// Every stream of the connection, for the command palette; listed when it first opens.
    pub directory: Directory,
}

impl Catalog {
    pub fn chosen(&self) -> Option<StreamRef> {
        Some(StreamRef {
            project: self.project.clone()?,
            dataset: self.dataset.clone()?,
            stream: self.stream.clone()?,
        })
    }

    /// The chosen stream as listed (title, model, thresholds, filter).
    pub fn stream_info(&self) -> Option<&Stream> {
        let name = self.stream.as_deref()?;
        self.streams.items().iter().find(|s| s.name == name)
    }
}

impl Settings {
    /// The stream last chosen on this connection.
    pub fn last_choice(&self, kind: &ConnectionKind) -> Option<&StreamRef> {
        match kind {
            ConnectionKind::Saved(name) => self.last_choice.get(name),
            ConnectionKind::Session => self.session_choice.as_ref(),
            ConnectionKind::Demo => self.demo_choice.as_ref(),
        }
    }

    fn remember_choice(&mut self, kind: &ConnectionKind, stream: StreamRef) {
        match kind {
            ConnectionKind::Saved(name) => {
                self.last_choice.insert(name.clone(), stream);
            }
            ConnectionKind::Session => self.session_choice = Some(stream),
            ConnectionKind::Demo => self.demo_choice = Some(stream),
        }
    }
}

impl AppState {
    pub(super) fn refresh_projects(&mut self) -> Vec<Command> {
        let id = self.next_id();
        self.catalog.projects = Listing::Loading(id);
        vec![Task::ListProjects { id }.into()]
    }

    pub(super) fn choose_project(&mut self, project: String) -> Vec<Command> {
        let id = self.next_id();
        let catalog = &mut self.catalog;
        catalog.project = Some(project.clone());
        (catalog.dataset, catalog.stream) = (None, None);
        catalog.datasets = Listing::Loading(id);
        catalog.streams = Listing::Idle;
        vec![Task::ListDatasets { id, project }.into()]
    }

    pub(super) fn choose_dataset(&mut self, dataset: String) -> Vec<Command> {
        let Some(project) = self.catalog.project.clone() else {
            return Vec::new();
        };
        let id = self.next_id();
        let catalog = &mut self.catalog;
        catalog.dataset = Some(dataset.clone());
        catalog.stream = None;
        catalog.streams = Listing::Loading(id);
        vec![
            Task::ListStreams {
                id,
                project,
                dataset,
            }
            .into(),
        ]
    }

    /// Chooses a stream of the listed dataset, and loads its model version's validation.
    pub(super) fn choose_stream(&mut self, stream: String) -> Vec<Command> {
        self.catalog.stream = Some(stream);
        if let (Some(chosen), Some(connected)) =
            (self.catalog.chosen(), self.connection.connected())
        {
            self.settings.remember_choice(&connected.kind, chosen);
        }
        self.load_stream_validation()
    }

    pub(super) fn projects_listed(
        &mut self,
        id: RequestId,
        result: Result<Vec<Project>, ApiError>,
    ) -> Vec<Command> {
        let retry = Some(Action::RefreshProjects);
        if !self.receive(|c| &mut c.projects, id, result, retry) {
            return Vec::new();
        }
        let names = self.catalog.projects.items().iter().map(|p| &p.name);
        match self.to_restore(|r| &r.project, names) {
            Some(project) => self.choose_project(project),
            None => Vec::new(),
        }
    }

    pub(super) fn datasets_listed(
        &mut self,
        id: RequestId,
        result: Result<Vec<Dataset>, ApiError>,
    ) -> Vec<Command> {
        let retry = self.catalog.project.clone().map(Action::ChooseProject);
        if !self.receive(|c| &mut c.datasets, id, result, retry) {
            return Vec::new();
        }
        let names = self.catalog.datasets.items().iter().map(|d| &d.name);
        match self.to_restore(|r| &r.dataset, names) {
            Some(dataset) => self.choose_dataset(dataset),
            None => Vec::new(),
        }
    }

    pub(super) fn streams_listed(
        &mut self,
        id: RequestId,
        result: Result<Vec<Stream>, ApiError>,
    ) -> Vec<Command> {
        let retry = self.catalog.dataset.clone().map(Action::ChooseDataset);
        if !self.receive(|c| &mut c.streams, id, result, retry) {
            return Vec::new();
        }
        let names = self.catalog.streams.items().iter().map(|s| &s.name);
        let restored = self.to_restore(|r| &r.stream, names);
        self.catalog.restore = None;
        match restored {
            Some(stream) => self.choose_stream(stream),
            None => Vec::new(),
        }
    }

    /// Files a listing's answer if it is the one awaited; true when it brought the items. A
    /// failure is shown, with `retry` where trying again could help.
    fn receive<T>(
        &mut self,
        listing: fn(&mut Catalog) -> &mut Listing<T>,
        id: RequestId,
        result: Result<Vec<T>, ApiError>,
        retry: Option<Action>,
    ) -> bool {
        if !listing(&mut self.catalog).awaits(id) {
            return false;
        }
        match result {
            Ok(items) => {
                *listing(&mut self.catalog) = Listing::Loaded(items);
                true
            }
            Err(err) => {
                self.show_error(err.to_string(), retry.filter(|_| err.is_transient()));
                *listing(&mut self.catalog) = Listing::Failed(err);
                false
            }
        }
    }

    /// The part of the choice to restore (`part`), when the listing just loaded (`names`) has it.
    fn to_restore<'a>(
        &self,
        part: fn(&StreamRef) -> &String,
        mut names: impl Iterator<Item = &'a String>,
    ) -> Option<String> {
        let wanted = part(self.catalog.restore.as_ref()?);
        names.any(|name| name == wanted).then(|| wanted.clone())
    }
}
