//! Plain application state. The UI turns clicks into [`Action`]s; [`AppState::handle`] answers
//! with worker [`Command`]s, and [`AppState::apply`] takes the worker's [`Event`]s. Tests drive
//! it without a window.

mod catalog;
mod connection;
mod directory;
mod files;
mod pages;
#[cfg(test)]
mod tests;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use std::path::PathBuf;

use crate::api::{PageRequest, Route, StreamRef, Token};
use crate::export::ExportFormat;
use crate::worker::{Command, Event, RequestId};

pub use catalog::{Catalog, Listing};
pub use connection::{ConnectionState, KeyringStatus};
pub use directory::{Directory, FoundStream};
pub use files::{Files, PathPrompt};
pub use pages::{Confirm, PageSource, Pages, ShownPage};

/// What the user asked for. Menus, buttons and shortcuts all produce these.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    OpenDemo,
    ConnectSaved(String),
    /// A connection kept in memory only.
    ConnectSession {
        endpoint: String,
        token: Token,
    },
    /// Save (or replace `replaces`) in the keyring, then connect.
    SaveConnection {
        replaces: Option<String>,
        name: String,
        endpoint: String,
        token: Token,
    },
    DeleteConnection(String),
    Disconnect,
    RefreshProjects,
    ChooseProject(String),
    ChooseDataset(String),
    ChooseStream(String),
    SetPageSize(u32),
    SetRoute(Route),
    Fetch,
    Cancel,
    /// Show page `n` of this run's history.
    ShowPage(usize),
    /// Open the confirmation for advancing past the shown page.
    AskAdvance,
    /// Open the confirmation for resetting to this date-time (RFC 3339 or `YYYY-MM-DDTHH:MM:SS`).
    AskReset(String),
    Confirm,
    DismissConfirm,
    DismissBanner,
    /// Export the shown page: a save dialog first.
    Export(ExportFormat),
    /// Export the shown page to a typed path (where no dialog could be shown).
    ExportTo {
        format: ExportFormat,
        path: String,
    },
    /// Open a page from a file: an open dialog first.
    Open,
    /// Open this file (typed, dropped on the window, or from the command line).
    OpenPath(PathBuf),
    DismissPathPrompt,
    /// Leave the offline page for the connection screen (the history stays).
    ShowConnections,
    /// List every stream of the connection in the background (for the command palette).
    ListAllStreams,
    /// Choose this stream as the picker would, from anywhere.
    GoToStream(StreamRef),
}

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
    /// The last stream chosen, per connection name.
    pub last_choice: BTreeMap<String, StreamRef>,
    pub page_size: u32,
    pub route: Route,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            connections: Vec::new(),
            last_choice: BTreeMap::new(),
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
        vec![Command::OpenKeyring]
    }

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
            Action::OpenDemo
            | Action::ConnectSaved(_)
            | Action::ConnectSession { .. }
            | Action::SaveConnection { .. }
            | Action::DeleteConnection(_)
            | Action::Disconnect => self.handle_connection(action),
            Action::RefreshProjects
            | Action::ChooseProject(_)
            | Action::ChooseDataset(_)
            | Action::ChooseStream(_) => self.handle_catalog(action),
            Action::ListAllStreams => self.list_all_streams(),
            Action::GoToStream(stream) => self.go_to_stream(stream),
            Action::Fetch
            | Action::Cancel
            | Action::ShowPage(_)
            | Action::AskAdvance
            | Action::AskReset(_)
            | Action::Confirm
            | Action::DismissConfirm
            | Action::ShowConnections => self.handle_pages(action),
            Action::Export(_)
            | Action::ExportTo { .. }
            | Action::Open
            | Action::OpenPath(_)
            | Action::DismissPathPrompt => self.handle_files(action),
        }
    }

    pub fn apply(&mut self, event: Event) -> Vec<Command> {
        match event {
            Event::Keyring(_)
            | Event::ConnectionSaved { .. }
            | Event::ConnectionRenamed { .. }
            | Event::ConnectionDeleted { .. }
            | Event::Connected { .. } => self.apply_connection(event),
            Event::Projects { .. } | Event::Datasets { .. } | Event::Streams { .. } => {
                self.apply_catalog(event)
            }
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
            Event::Progress { .. }
            | Event::Fetched { .. }
            | Event::Advanced { .. }
            | Event::Reset { .. } => self.apply_pages(event),
            Event::SavePathChosen { .. }
            | Event::Exported { .. }
            | Event::OpenPathChosen { .. }
            | Event::Opened { .. } => self.apply_files(event),
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
