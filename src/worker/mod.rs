//! The background worker: owns the tokio runtime, the active API client, the keyring and the
//! in-process demo server. The UI sends [`Command`]s and receives [`Event`]s; every request
//! carries a [`RequestId`] so the state can drop replies to requests it has since superseded.
//! Nothing here blocks the UI thread: keyring calls run on blocking threads, the rest is async.

mod command;
mod compare;
mod connection;
mod context;
mod directory;
mod files;
mod tasks;
mod validation;

use std::collections::{HashMap, VecDeque};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use tokio::sync::mpsc;

pub use command::{Command, Task};
pub use compare::{CompareError, CompareInput, Compared, ComparedPage};
pub use connection::{ConnectError, Connected, ConnectionKind, ConnectionSource};
pub use validation::{Curves, LoadedValidation, ValidationKey};

use crate::api::{
    ApiError, ClientConfig, Dataset, Labeller, Page, Progress, Project, Stream, StreamModel,
    ValidationError,
};
use crate::credentials::{CredentialError, CredentialStore};
use crate::export::{ExportError, OpenError, Provenance};
use crate::inspect::PageIndex;
use crate::inspect::overview::PageColumns;

/// Identifies one request; replies carry it back.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct RequestId(pub u64);

/// Where the credentials live: the OS keyring (probed on start) or a mock for tests.
#[derive(Clone, Debug)]
pub enum KeyringChoice {
    Platform,
    Given(CredentialStore),
    /// Use no keyring at all (`--no-keyring`): only session-only connections and the demo.
    Off,
}

/// A page and what the inspector and the overview show of it, computed off the UI thread.
#[derive(Clone, Debug)]
pub struct FetchedPage {
    pub page: Arc<Page>,
    pub index: Arc<PageIndex>,
    /// What the overview counts; small, so the history keeps it for every page.
    pub columns: Arc<PageColumns>,
    /// Where it came from, as an export records it (`None` for a bare response from a file).
    pub provenance: Option<Provenance>,
}

impl FetchedPage {
    /// Builds the index and the overview's columns, with `model`'s thresholds.
    pub fn new(page: Page, model: Option<&StreamModel>, provenance: Option<Provenance>) -> Self {
        let index = PageIndex::build(&page, model);
        let columns = PageColumns::build(&index);
        Self {
            page: Arc::new(page),
            index: Arc::new(index),
            columns: Arc::new(columns),
            provenance,
        }
    }
}

/// How file dialogs are shown: natively (rfd), or from a script in tests, where each dialog
/// takes the next answer: the paths chosen (an open dialog takes them all, the others the
/// first); none plays a cancelled or missing dialog.
#[derive(Clone, Debug, Default)]
pub enum Dialogs {
    #[default]
    Native,
    Scripted(Arc<Mutex<VecDeque<Vec<PathBuf>>>>),
}

/// Why an advance did not happen.
#[derive(Clone, Debug, PartialEq)]
pub enum AdvanceError {
    /// The head moved since the user looked: nobody's position was changed.
    StaleHead {
        shown: String,
        now: Option<String>,
    },
    Api(ApiError),
}

/// What the worker reports.
#[derive(Debug)]
pub enum Event {
    /// `Ok` when saved connections can be used; `Err` says why not, in words.
    Keyring(Result<(), CredentialError>),
    ConnectionSaved {
        id: RequestId,
        name: String,
        result: Result<(), CredentialError>,
    },
    ConnectionRenamed {
        id: RequestId,
        old: String,
        new: String,
        result: Result<(), CredentialError>,
    },
    ConnectionDeleted {
        id: RequestId,
        name: String,
        result: Result<(), CredentialError>,
    },
    Connected {
        id: RequestId,
        result: Result<Box<Connected>, ConnectError>,
    },
    Projects {
        id: RequestId,
        result: Result<Vec<Project>, ApiError>,
    },
    Datasets {
        id: RequestId,
        result: Result<Vec<Dataset>, ApiError>,
    },
    Streams {
        id: RequestId,
        result: Result<Vec<Stream>, ApiError>,
    },
    Progress {
        id: RequestId,
        progress: Progress,
    },
    Fetched {
        id: RequestId,
        result: Result<FetchedPage, ApiError>,
    },
    /// A history page parsed again (its `provenance` is `None`: the history has it).
    Reparsed {
        id: RequestId,
        result: Result<FetchedPage, ApiError>,
    },
    Advanced {
        id: RequestId,
        result: Result<String, AdvanceError>,
    },
    Reset {
        id: RequestId,
        result: Result<Option<String>, ApiError>,
    },
    /// `None`: cancelled, or no dialog could be shown (rfd cannot tell which).
    SavePathChosen {
        id: RequestId,
        path: Option<PathBuf>,
    },
    /// The bytes written, or why nothing was.
    Exported {
        id: RequestId,
        path: PathBuf,
        result: Result<usize, ExportError>,
    },
    /// Empty: cancelled, or no dialog could be shown.
    OpenPathChosen {
        id: RequestId,
        paths: Vec<PathBuf>,
    },
    /// `None`: cancelled, or no dialog could be shown.
    ComparePathChosen {
        id: RequestId,
        path: Option<PathBuf>,
    },
    Compared {
        id: RequestId,
        result: Result<Box<Compared>, CompareError>,
    },
    Opened {
        id: RequestId,
        path: PathBuf,
        result: Result<FetchedPage, OpenError>,
    },
    StreamsOfDataset {
        id: RequestId,
        project: String,
        dataset: String,
        result: Result<Vec<Stream>, ApiError>,
    },
    /// `Err` when the datasets themselves could not be listed.
    AllStreamsListed {
        id: RequestId,
        result: Result<(), ApiError>,
    },
    ModelVersions {
        id: RequestId,
        project: String,
        dataset: String,
        result: Result<Vec<Labeller>, ValidationError>,
    },
    ValidationLoaded {
        id: RequestId,
        key: ValidationKey,
        result: Result<LoadedValidation, ValidationError>,
    },
    CurvesLoaded {
        id: RequestId,
        key: ValidationKey,
        curves: Curves,
    },
}

/// The handle the app keeps: a command sender and an event receiver. Dropping it stops the
/// runtime and, with it, the demo server.
#[derive(Debug)]
pub struct Worker {
    commands: mpsc::UnboundedSender<Command>,
    events: std::sync::mpsc::Receiver<Event>,
    _runtime: tokio::runtime::Runtime,
}

/// Called after every event, so the UI wakes up to drain it (`egui::Context::request_repaint`).
pub type Wake = Arc<dyn Fn() + Send + Sync>;

impl Worker {
    /// Starts the runtime. `client` sets timeouts and retries of every API client it makes.
    pub fn start(
        keyring: KeyringChoice,
        client: ClientConfig,
        dialogs: Dialogs,
        wake: Wake,
    ) -> std::io::Result<Worker> {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .thread_name("streamlens-worker")
            .enable_all()
            .build()?;
        let (commands, inbox) = mpsc::unbounded_channel();
        let (outbox, events) = std::sync::mpsc::channel();
        let context = context::Context {
            keyring,
            client_config: client,
            dialogs,
            outbox,
            wake,
            store: Arc::new(Mutex::new(None)),
            client: Arc::new(Mutex::new(None)),
            demo: Arc::new(tokio::sync::Mutex::new(None)),
            running: Arc::new(Mutex::new(HashMap::new())),
        };
        runtime.spawn(tasks::dispatch(context, inbox));
        Ok(Worker {
            commands,
            events,
            _runtime: runtime,
        })
    }

    pub fn send(&self, command: Command) {
        // The dispatcher lives as long as the runtime, which lives as long as `self`.
        let _ = self.commands.send(command);
    }

    /// Every event that has arrived, without waiting.
    pub fn drain(&self) -> Vec<Event> {
        self.events.try_iter().collect()
    }
}
