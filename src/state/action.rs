//! What the user can ask of the state: menus, buttons, shortcuts and the palette all come to
//! an [`Action`], which [`super::AppState::handle`] turns into worker commands.

use std::path::PathBuf;

use crate::api::{LabelPath, Route, StreamRef, Token};
use crate::export::ExportFormat;
use crate::worker::ValidationKey;

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
    /// Open pages from files: an open dialog first.
    Open,
    /// Open these files (typed, dropped on the window, or from the command line); they join
    /// the history in the order of their fetch times.
    OpenPaths(Vec<PathBuf>),
    /// Compare the shown page with a file: an open dialog first.
    CompareWithFile,
    /// Compare the shown page (A) with this file (B), typed where no dialog appeared.
    CompareWithPath(PathBuf),
    /// Compare page `n` of the history (A) with the shown page (B).
    CompareWithShown(usize),
    CloseComparison,
    DismissPathPrompt,
    /// Leave the offline page for the connection screen (the history stays).
    ShowConnections,
    /// List every stream of the connection in the background (for the command palette).
    ListAllStreams,
    /// Choose this stream as the picker would, from anywhere.
    GoToStream(StreamRef),
    /// Read a model version's validation and the curves of `labels`, whatever is not known yet
    /// (another version to compare, a label's curve, or again after a failure).
    LoadValidation {
        key: ValidationKey,
        labels: Vec<LabelPath>,
    },
    /// Read which model versions a dataset has.
    ListModelVersions {
        project: String,
        dataset: String,
    },
}
