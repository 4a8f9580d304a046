//! Choosing project, then dataset, then stream, from the API's own listings.

use crate::api::{Dataset, Project, Stream, StreamRef};
use crate::worker::{Command, Event, RequestId};

use super::{Action, AppState, Directory};

/// One listing as it loads.
#[derive(Clone, Debug, Default)]
pub enum Listing<T> {
    #[default]
    Idle,
    Loading(RequestId),
    Loaded(Vec<T>),
    Failed(String),
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

impl AppState {
    pub(super) fn handle_catalog(&mut self, action: Action) -> Vec<Command> {
        match action {
            Action::RefreshProjects => {
                let id = self.next_id();
                self.catalog.projects = Listing::Loading(id);
                vec![Command::ListProjects { id }]
            }
            Action::ChooseProject(project) => {
                let id = self.next_id();
                let catalog = &mut self.catalog;
                catalog.project = Some(project.clone());
                (catalog.dataset, catalog.stream) = (None, None);
                catalog.datasets = Listing::Loading(id);
                catalog.streams = Listing::Idle;
                vec![Command::ListDatasets { id, project }]
            }
            Action::ChooseDataset(dataset) => {
                let Some(project) = self.catalog.project.clone() else {
                    return Vec::new();
                };
                let id = self.next_id();
                let catalog = &mut self.catalog;
                catalog.dataset = Some(dataset.clone());
                catalog.stream = None;
                catalog.streams = Listing::Loading(id);
                vec![Command::ListStreams {
                    id,
                    project,
                    dataset,
                }]
            }
            Action::ChooseStream(stream) => {
                self.catalog.stream = Some(stream);
                if let (Some(chosen), Some(connected)) =
                    (self.catalog.chosen(), self.connection.connected())
                {
                    self.settings
                        .last_choice
                        .insert(connected.name.clone(), chosen);
                }
                Vec::new()
            }
            _ => Vec::new(),
        }
    }

    pub(super) fn apply_catalog(&mut self, event: Event) -> Vec<Command> {
        let restore = self.catalog.restore.clone();
        match event {
            Event::Projects { id, result } if self.catalog.projects.awaits(id) => match result {
                Ok(projects) => {
                    let wanted = restore.filter(|r| projects.iter().any(|p| p.name == r.project));
                    self.catalog.projects = Listing::Loaded(projects);
                    match wanted {
                        Some(wanted) => self.handle_catalog(Action::ChooseProject(wanted.project)),
                        None => Vec::new(),
                    }
                }
                Err(err) => {
                    self.catalog.projects = Listing::Failed(err.to_string());
                    self.show_error(err.to_string(), Some(Action::RefreshProjects));
                    Vec::new()
                }
            },
            Event::Datasets { id, result } if self.catalog.datasets.awaits(id) => match result {
                Ok(datasets) => {
                    let wanted = restore.filter(|r| datasets.iter().any(|d| d.name == r.dataset));
                    self.catalog.datasets = Listing::Loaded(datasets);
                    match wanted {
                        Some(wanted) => self.handle_catalog(Action::ChooseDataset(wanted.dataset)),
                        None => Vec::new(),
                    }
                }
                Err(err) => {
                    self.catalog.datasets = Listing::Failed(err.to_string());
                    let retry = self.catalog.project.clone().map(Action::ChooseProject);
                    self.show_error(err.to_string(), retry);
                    Vec::new()
                }
            },
            Event::Streams { id, result } if self.catalog.streams.awaits(id) => {
                match result {
                    Ok(streams) => {
                        let wanted = restore.filter(|r| streams.iter().any(|s| s.name == r.stream));
                        self.catalog.streams = Listing::Loaded(streams);
                        self.catalog.restore = None;
                        if let Some(wanted) = wanted {
                            return self.handle_catalog(Action::ChooseStream(wanted.stream));
                        }
                    }
                    Err(err) => {
                        self.catalog.streams = Listing::Failed(err.to_string());
                        let retry = self.catalog.dataset.clone().map(Action::ChooseDataset);
                        self.show_error(err.to_string(), retry);
                    }
                }
                Vec::new()
            }
            _ => Vec::new(),
        }
    }
}
