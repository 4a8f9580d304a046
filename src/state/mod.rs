//! Plain application state. The UI turns clicks into [`Action`]s; [`AppState::handle`] answers
//! with worker [`Command`]s, and [`AppState::apply`] takes the worker's [`Event`]s. Tests drive
//! it without a window.

mod action;
mod catalog;
mod compare;
#[cfg(test)]
mod compare_tests;
mod connection;
mod directory;
mod files;
mod history;
mod pages;
#[cfg(test)]
mod tests;
mod validation;
#[cfg(test)]
mod validation_tests;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::api::{PageRequest, Route, StreamRef};
use crate::worker::{Command, ConnectionSource, Event, RequestId, Task};

pub use action::Action;
pub use catalog::{Catalog, Listing};
pub use compare::{CompareOrigin, CompareSide, Comparisons, OpenComparison};
pub use connection::{ConnectionState, KeyringStatus};
pub use directory::{Directory, FoundStream};
pub use files::{Files, PathPrompt};
pub use history::{HistoryPage, OverviewScope, Pages, ShownPage};
pub use pages::{Confirm, PageSource, Running};
pub use validation::{Known, Validations, VersionState};

/// A problem shown above the page, with the action that tries again where that makes sense.
#[derive(Clone, Debug, PartialEq)]
pub struct Banner {
    pub message: String,
    pub retry: Option<Action>,
}

/// Non-secret settings remembered between runs (in eframe's `app.ron`).
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[serde(default)]
pub struct Settings {
    /// Names of the connections saved in the keyring.
    pub connections: Vec<String>,
    /// The last stream chosen, per saved connection (by its name, its key in the keyring).
    pub last_choice: BTreeMap<String, StreamRef>,
    /// The last stream chosen on the demo, and on a session-only connection.
    pub demo_choice: Option<StreamRef>,
    pub session_choice: Option<StreamRef>,
    pub page_size: u32,
    pub route: Route,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            connections: Vec::new(),
            last_choice: BTreeMap::new(),
            demo_choice: None,
            session_choice: None,
            page_size: PageRequest::DEFAULT_SIZE,
            route: Route::Fetch,
        }
    }
}

#[derive(Debug, Default)]
pub struct AppState {
    pub settings: Settings,
    pub keyring: KeyringStatus,
    pub connection: ConnectionState,
    pub catalog: Catalog,
    pub pages: Pages,
    pub confirm: Option<Confirm>,
    pub banner: Option<Banner>,
    pub files: Files,
    pub comparisons: Comparisons,
    /// The models' validation, per dataset and version.
    pub validations: Validations,
    /// A line of good news (saved, advanced, cancelled), replaced by the next.
    pub notice: Option<String>,
    last_id: u64,
}

impl AppState {
    pub fn new(settings: Settings) -> Self {
        Self {
            settings,
            ..Self::default()
        }
    }

    fn next_id(&mut self) -> RequestId {
        self.last_id += 1;
        RequestId(self.last_id)
    }

    /// The commands that start the app: probing the keyring.
    pub fn start(&mut self) -> Vec<Command> {
        vec![Task::OpenKeyring.into()]
    }

    /// Every action goes straight to the one method that carries it out (in `connection.rs`,
    /// `catalog.rs`, `pages.rs`, `files.rs` and `compare.rs`): no catch-all arm can swallow a misrouted one.
    pub fn handle(&mut self, action: Action) -> Vec<Command> {
        match action {
            Action::DismissBanner => {
                self.banner = None;
                Vec::new()
            }
            Action::SetPageSize(size) => {
                let sizes = PageRequest::SIZES;
                self.settings.page_size = size.clamp(*sizes.start(), *sizes.end());
                Vec::new()
            }
            Action::SetRoute(route) => {
                self.settings.route = route;
                Vec::new()
            }
            Action::OpenDemo => self.connect(ConnectionSource::Demo),
            Action::ConnectSaved(name) => self.connect(ConnectionSource::Saved(name)),
            Action::ConnectSession { endpoint, token } => self.connect_session(&endpoint, token),
            Action::SaveConnection {
                replaces,
                name,
                endpoint,
                token,
            } => self.save_connection(replaces, name, &endpoint, token),
            Action::DeleteConnection(name) => self.delete_connection(name),
            Action::Disconnect => {
                self.disconnect();
                Vec::new()
            }
            Action::RefreshProjects => self.refresh_projects(),
            Action::ChooseProject(project) => self.choose_project(project),
            Action::ChooseDataset(dataset) => self.choose_dataset(dataset),
            Action::ChooseStream(stream) => self.choose_stream(stream),
            Action::ListAllStreams => self.list_all_streams(),
            Action::GoToStream(stream) => self.go_to_stream(stream),
            Action::Fetch => self.fetch(),
            Action::Cancel => self.cancel(),
            Action::ShowPage(n) => self.show_page(n),
            Action::AskAdvance => {
                self.ask_advance();
                Vec::new()
            }
            Action::AskReset(text) => {
                self.ask_reset(&text);
                Vec::new()
            }
            Action::Confirm => self.confirm_move(),
            Action::DismissConfirm => {
                self.confirm = None;
                Vec::new()
            }
            Action::ShowConnections => {
                self.pages.hide();
                Vec::new()
            }
            Action::Export(format) => self.export(format),
            Action::ExportTo { format, path } => self.export_to_typed_path(format, &path),
            Action::Open => self.open(),
            Action::OpenPaths(paths) => self.open_paths(paths),
            Action::CompareWithFile => self.compare_with_file(),
            Action::CompareWithPath(path) => self.compare_with_path(path),
            Action::CompareWithShown(n) => self.compare_with_shown(n),
            Action::CloseComparison => self.close_comparison(),
            Action::DismissPathPrompt => {
                self.files.prompt = None;
                Vec::new()
            }
            Action::LoadValidation { key, labels } => self.load_validation(key, labels, true),
            Action::ListModelVersions { project, dataset } => {
                self.list_model_versions(project, dataset)
            }
        }
    }

    /// Every event goes straight to the one method that takes it, as actions do.
    pub fn apply(&mut self, event: Event) -> Vec<Command> {
        match event {
            Event::Keyring(result) => {
                self.keyring_probed(result);
                Vec::new()
            }
            Event::ConnectionSaved { name, result, .. } => self.connection_saved(name, result),
            Event::ConnectionRenamed {
                old, new, result, ..
            } => {
                self.connection_renamed(old, new, result);
                Vec::new()
            }
            Event::ConnectionDeleted { name, result, .. } => {
                self.connection_deleted(name, result);
                Vec::new()
            }
            Event::Connected { id, result } => self.connected(id, result),
            Event::Projects { id, result } => self.projects_listed(id, result),
            Event::Datasets { id, result } => self.datasets_listed(id, result),
            Event::Streams { id, result } => self.streams_listed(id, result),
            Event::Progress { id, progress } => {
                self.progressed(id, progress);
                Vec::new()
            }
            Event::Fetched { id, result } => {
                self.fetched(id, result);
                Vec::new()
            }
            Event::Reparsed { id, result } => {
                self.reparsed(id, result);
                Vec::new()
            }
            Event::Advanced { id, result } => {
                self.advanced(id, result);
                Vec::new()
            }
            Event::Reset { id, result } => {
                self.was_reset(id, result);
                Vec::new()
            }
            Event::SavePathChosen { id, path } => self.save_path_chosen(id, path),
            Event::Exported { id, path, result } => {
                self.exported(id, &path, result);
                Vec::new()
            }
            Event::OpenPathChosen { id, paths } => self.open_path_chosen(id, paths),
            Event::ComparePathChosen { id, path } => self.compare_path_chosen(id, path),
            Event::Compared { id, result } => self.compared(id, result),
            Event::Opened { id, path, result } => self.opened(id, path, result),
            Event::StreamsOfDataset {
                id,
                project,
                dataset,
                result,
            } => {
                self.add_found_streams(id, project, dataset, result);
                Vec::new()
            }
            Event::AllStreamsListed { id, result } => {
                self.finish_found_streams(id, result);
                Vec::new()
            }
            Event::ModelVersions {
                id,
                project,
                dataset,
                result,
            } => {
                self.model_versions_listed(id, (project, dataset), result);
                Vec::new()
            }
            Event::ValidationLoaded { id, key, result } => {
                self.validation_loaded(id, &key, result);
                Vec::new()
            }
            Event::CurvesLoaded { id, key, curves } => {
                self.curves_loaded(id, &key, curves);
                Vec::new()
            }
        }
    }

    fn show_error(&mut self, message: impl Into<String>, retry: Option<Action>) {
        self.notice = None;
        self.banner = Some(Banner {
            message: message.into(),
            retry,
        });
    }

    fn show_notice(&mut self, message: impl Into<String>) {
        self.notice = Some(message.into());
    }
}
