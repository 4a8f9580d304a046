//! Export the shown page, open a page from a file, and the typed path where no dialog appears.

use std::collections::VecDeque;
use std::path::{Path, PathBuf};

use crate::export::{ExportError, ExportFormat, OpenError, Provenance, suggested_file_name};
use crate::worker::{Command, FetchedPage, RequestId};

use super::{AppState, HistoryPage, PageSource};

/// A dialog answered with nothing: cancelled, or no dialog on this machine (rfd cannot tell).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PathPrompt {
    Save(ExportFormat),
    Open,
}

/// File work on its way.
#[derive(Clone, Debug, Default)]
pub struct Files {
    pub saving: Option<(RequestId, ExportFormat)>,
    pub opening: Option<RequestId>,
    /// Files waiting for the one being opened, in the order given (several on the command line,
    /// or dropped together): each opens in turn, so every page joins the history.
    pub queued: VecDeque<PathBuf>,
    /// Offers a typed path after a dialog came back empty.
    pub prompt: Option<PathPrompt>,
}

impl AppState {
    pub(super) fn export(&mut self, format: ExportFormat) -> Vec<Command> {
        let Some(shown) = self.pages.current() else {
            self.show_error(
                "There is no page to export yet: fetch or open one first.",
                None,
            );
            return Vec::new();
        };
        let suggested_name = suggested_name(shown.entry, format);
        let id = self.next_id();
        self.files.saving = Some((id, format));
        vec![Command::ChooseSavePath { id, suggested_name }]
    }

    pub(super) fn export_to_typed_path(
        &mut self,
        format: ExportFormat,
        path: &str,
    ) -> Vec<Command> {
        self.files.prompt = None;
        let id = self.next_id();
        self.files.saving = Some((id, format));
        self.export_to(id, format, PathBuf::from(path.trim()))
    }

    pub(super) fn open(&mut self) -> Vec<Command> {
        let id = self.next_id();
        self.files.opening = Some(id);
        vec![Command::ChooseOpenPath { id }]
    }

    pub(super) fn open_path(&mut self, path: PathBuf) -> Vec<Command> {
        self.files.prompt = None;
        self.files.queued.push_back(path);
        if self.files.opening.is_some() {
            return Vec::new();
        }
        self.open_next()
    }

    fn export_to(&mut self, id: RequestId, format: ExportFormat, path: PathBuf) -> Vec<Command> {
        let Some(shown) = self.pages.current() else {
            return Vec::new();
        };
        let provenance = shown
            .entry
            .provenance
            .clone()
            .unwrap_or_else(|| Provenance {
                route: shown.page.route,
                app_version: env!("CARGO_PKG_VERSION").to_owned(),
                ..Provenance::default()
            });
        let page = shown.page.clone();
        vec![Command::Export {
            id,
            path,
            page,
            provenance: Box::new(provenance),
            format,
        }]
    }

    pub(super) fn save_path_chosen(
        &mut self,
        id: RequestId,
        path: Option<PathBuf>,
    ) -> Vec<Command> {
        let Some((_, format)) = self.files.saving.filter(|(current, _)| *current == id) else {
            return Vec::new();
        };
        match path {
            Some(path) => self.export_to(id, format, path),
            None => {
                self.files.saving = None;
                self.files.prompt = Some(PathPrompt::Save(format));
                Vec::new()
            }
        }
    }

    pub(super) fn exported(
        &mut self,
        id: RequestId,
        path: &Path,
        result: Result<usize, ExportError>,
    ) {
        if self.files.saving.is_none_or(|(current, _)| current != id) {
            return;
        }
        self.files.saving = None;
        match result {
            Ok(bytes) => self.show_notice(format!(
                "Saved {} ({} KiB).",
                path.display(),
                bytes.div_ceil(1024)
            )),
            // Choosing another place is the way on: a retry would meet the same folder.
            Err(err) => self.show_error(err.to_string(), None),
        }
    }

    pub(super) fn open_path_chosen(
        &mut self,
        id: RequestId,
        path: Option<PathBuf>,
    ) -> Vec<Command> {
        if self.files.opening != Some(id) {
            return Vec::new();
        }
        match path {
            Some(path) => vec![Command::Open { id, path }],
            None => {
                self.files.opening = None;
                self.files.prompt = Some(PathPrompt::Open);
                self.open_next()
            }
        }
    }

    /// A file was read (or not); the next queued one is opened after it.
    pub(super) fn opened(
        &mut self,
        id: RequestId,
        path: PathBuf,
        result: Result<FetchedPage, OpenError>,
    ) -> Vec<Command> {
        if self.files.opening != Some(id) {
            return Vec::new();
        }
        self.files.opening = None;
        match result {
            Ok(opened) => {
                self.show_notice(format!("Opened {}.", path.display()));
                self.add_shown(opened, PageSource::File { path });
            }
            // The file is what it is: reading it again would say the same.
            Err(err) => self.show_error(err.to_string(), None),
        }
        self.open_next()
    }

    /// Opens the first queued file, if any.
    fn open_next(&mut self) -> Vec<Command> {
        let Some(path) = self.files.queued.pop_front() else {
            return Vec::new();
        };
        let id = self.next_id();
        self.files.opening = Some(id);
        vec![Command::Open { id, path }]
    }
}

/// Stream and fetch time for a page of a stream; the file's own name for a page from a file.
fn suggested_name(shown: &HistoryPage, format: ExportFormat) -> String {
    let stream = match (&shown.source, &shown.provenance) {
        (PageSource::Stream { stream, .. }, _) => Some(stream.clone()),
        (PageSource::File { .. }, Some(provenance)) if !provenance.stream.is_empty() => {
            Some(provenance.stream_ref())
        }
        _ => None,
    };
    let fetched = shown
        .provenance
        .as_ref()
        .and_then(|p| p.fetched_at.as_ref())
        .and_then(|t| t.instant);
    match stream {
        Some(stream) => suggested_file_name(&stream, fetched.unwrap_or(shown.fetched_at), format),
        None => format!("page.{}", format.as_str()),
    }
}
