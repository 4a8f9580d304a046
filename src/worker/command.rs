//! What the UI asks of the worker. A fetch is the one request that can be stopped: the
//! dispatcher itself starts it, registered so that Cancel finds it, and stops it. Every other
//! request is a [`Task`]: run on a task of its own and answered when done. The dispatcher
//! hands only a `Task` to the code that runs those, so neither a fetch nor a cancel can reach
//! it.

use std::path::PathBuf;
use std::sync::Arc;

use bytes::Bytes;

use super::RequestId;
use super::compare::CompareInput;
use super::connection::ConnectionSource;
use super::validation::ValidationKey;
use crate::api::{LabelPath, Page, PageRequest, Route, StreamModel, StreamRef, Timestamp};
use crate::credentials::Connection;
use crate::export::{ExportFormat, Provenance};

/// What the UI asks of the worker.
#[derive(Debug)]
pub enum Command {
    /// Read the head; `model` (the stream's, as listed) places the labels against thresholds.
    Fetch {
        id: RequestId,
        stream: StreamRef,
        request: PageRequest,
        model: Option<StreamModel>,
    },
    /// Stop a running fetch; it answers with a `Cancelled` error.
    Cancel { id: RequestId },
    /// Anything else, answered when done.
    Task(Task),
}

impl From<Task> for Command {
    fn from(task: Task) -> Self {
        Command::Task(task)
    }
}

/// A request run on a task of its own and answered with an event when done; never stopped.
#[derive(Debug)]
pub enum Task {
    /// Probe the keyring; answers [`Event::Keyring`].
    OpenKeyring,
    SaveConnection {
        id: RequestId,
        connection: Connection,
        replaces: Option<String>,
    },
    /// File a saved connection under a new name, endpoint and token unchanged.
    RenameConnection {
        id: RequestId,
        old: String,
        new: String,
    },
    DeleteConnection {
        id: RequestId,
        name: String,
    },
    /// Make a client for `source` and ask who we are; answers [`Event::Connected`].
    Connect {
        id: RequestId,
        source: ConnectionSource,
    },
    ListProjects {
        id: RequestId,
    },
    ListDatasets {
        id: RequestId,
        project: String,
    },
    ListStreams {
        id: RequestId,
        project: String,
        dataset: String,
    },
    /// Parse a page of the history again from its JSON (the history keeps only recently shown
    /// pages parsed); answers [`Event::Reparsed`]. `model` places its labels, as on arrival.
    Reparse {
        id: RequestId,
        raw: Bytes,
        route: Route,
        model: Option<StreamModel>,
    },
    /// Re-read the head with `request`; advance to `sequence_id` only if the head still ends there.
    Advance {
        id: RequestId,
        stream: StreamRef,
        request: PageRequest,
        sequence_id: String,
    },
    Reset {
        id: RequestId,
        stream: StreamRef,
        to: Timestamp,
    },
    /// Ask where to save, with a save dialog; answers [`Event::SavePathChosen`].
    ChooseSavePath {
        id: RequestId,
        suggested_name: String,
    },
    /// Render `page` as `format` and write it atomically; answers [`Event::Exported`].
    Export {
        id: RequestId,
        path: PathBuf,
        page: Arc<Page>,
        provenance: Box<Provenance>,
        format: ExportFormat,
    },
    /// Ask which files to open (one or several), with an open dialog; answers
    /// [`Event::OpenPathChosen`].
    ChooseOpenPath {
        id: RequestId,
    },
    /// Ask which file to compare the shown page with; answers [`Event::ComparePathChosen`].
    ChooseComparePath {
        id: RequestId,
    },
    /// Compare two pages by comment uid, parsing or opening them first where needed; answers
    /// [`Event::Compared`].
    Compare {
        id: RequestId,
        a: CompareInput,
        b: CompareInput,
    },
    /// Read an exported page (or a bare response); answers [`Event::Opened`].
    Open {
        id: RequestId,
        path: PathBuf,
    },
    /// List every dataset the user can see, then each one's streams; answers
    /// [`Event::StreamsOfDataset`] per dataset as it arrives, then [`Event::AllStreamsListed`].
    ListAllStreams {
        id: RequestId,
    },
    /// Which model versions a dataset has; answers [`Event::ModelVersions`].
    ListModelVersions {
        id: RequestId,
        project: String,
        dataset: String,
    },
    /// A model version's validation summary and the curves of `labels`; answers
    /// [`Event::ValidationLoaded`].
    LoadValidation {
        id: RequestId,
        key: ValidationKey,
        labels: Vec<LabelPath>,
    },
    /// More curves of a model version; answers [`Event::CurvesLoaded`].
    LoadCurves {
        id: RequestId,
        key: ValidationKey,
        labels: Vec<LabelPath>,
    },
}
