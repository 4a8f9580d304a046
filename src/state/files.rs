//! Export the shown page, open pages from files, and the typed path where no dialog appears.
//!
//! Files given together (several on the command line, picked together in the dialog, or
//! dropped together) open one after the other and join the history together once the last is
//! read, in the order of their fetch times, so pages exported on different days line up as
//! they were fetched. A bare response records no fetch time: those come after the others, in
//! the order given.

use std::collections::VecDeque;
use std::path::{Path, PathBuf};

use crate::export::{ExportError, ExportFormat, OpenError, Provenance, suggested_file_name};
use crate::inspect::PageGeneration;
use crate::text::plural;
use crate::worker::{Command, FetchedPage, RequestId, Task};

use super::history::PARSED_BUDGET;
use super::{AppState, HistoryPage, PageSource};

/// A dialog answered with nothing: cancelled, or no dialog on this machine (rfd cannot tell).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PathPrompt {
    Save(ExportFormat),
    Open,
    /// The file to compare the shown page with.
    Compare,
}

/// File work on its way.
#[derive(Clone, Debug, Default)]
pub struct Files {
    pub saving: Option<(RequestId, ExportFormat)>,
    pub opening: Option<RequestId>,
    /// Files waiting for the one being opened, in the order given: each opens in turn.
    pub queued: VecDeque<PathBuf>,
    /// Offers a typed path after a dialog came back empty.
    pub prompt: Option<PathPrompt>,
    /// The pages of the files opened together so far, in the order they join the history
    /// (see the module documentation). The last, which will be shown, stays parsed; the
    /// others only while their JSON fits the history's budget for parsed pages.
    arrived: Vec<HistoryPage>,
    /// Why files opened together could not be opened, a sentence each.
    failed: Vec<String>,
}

impl Files {
    fn arrive(&mut self, page: HistoryPage) {
        let key = order_key(&page);
        let at = self.arrived.partition_point(|p| order_key(p) <= key);
        self.arrived.insert(at, page);
        let mut kept = 0;
        for waiting in self.arrived.iter_mut().rev().skip(1) {
            if waiting.page().is_some() {
                kept += waiting.raw.len();
                if kept > PARSED_BUDGET {
                    waiting.let_go();
                }
            }
        }
    }
}

/// Pages with a fetch time first, by that time; then those without, in the order given (the
/// sort that uses this key keeps equal keys in arrival order).
fn order_key(page: &HistoryPage) -> (bool, Option<jiff::Timestamp>) {
    let fetched = page.provenance.as_ref().and_then(|p| p.fetched_at.as_ref());
    let at = fetched.and_then(|t| t.instant);
    (at.is_none(), at)
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
        vec![Task::ChooseSavePath { id, suggested_name }.into()]
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
        vec![Task::ChooseOpenPath { id }.into()]
    }

    pub(super) fn open_paths(&mut self, paths: Vec<PathBuf>) -> Vec<Command> {
        self.files.prompt = None;
        self.files.queued.extend(paths);
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
        vec![
            Task::Export {
                id,
                path,
                page,
                provenance: Box::new(provenance),
                format,
            }
            .into(),
        ]
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

    /// The files picked in the open dialog (one or several), or a typed path offered.
    pub(super) fn open_path_chosen(&mut self, id: RequestId, paths: Vec<PathBuf>) -> Vec<Command> {
        if self.files.opening != Some(id) {
            return Vec::new();
        }
        self.files.opening = None;
        if paths.is_empty() {
            self.files.prompt = Some(PathPrompt::Open);
        }
        self.files.queued.extend(paths);
        self.open_next()
    }

    /// A file was read (or not); the next queued one is opened after it, and after the last
    /// the pages join the history.
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
                let source = PageSource::File { path };
                let page = HistoryPage::new(PageGeneration::default(), opened, source);
                self.files.arrive(page);
            }
            // The file is what it is: reading it again would say the same.
            Err(err) => self.files.failed.push(err.to_string()),
        }
        self.open_next()
    }

    /// Opens the first queued file; with none left, the files opened join the history.
    fn open_next(&mut self) -> Vec<Command> {
        let Some(path) = self.files.queued.pop_front() else {
            self.finish_opening();
            return Vec::new();
        };
        let id = self.next_id();
        self.files.opening = Some(id);
        vec![Task::Open { id, path }.into()]
    }

    /// Adds the pages opened together to the history, shows the last, and says what happened.
    fn finish_opening(&mut self) {
        let arrived = std::mem::take(&mut self.files.arrived);
        let failed = std::mem::take(&mut self.files.failed);
        if let [only] = arrived.as_slice()
            && let PageSource::File { path } = &only.source
        {
            self.show_notice(format!("Opened {}.", path.display()));
        } else if !arrived.is_empty() {
            let undated = arrived.iter().filter(|page| order_key(page).0).count();
            let mut notice = format!(
                "Opened {}; they join the history in the order they were fetched",
                plural(arrived.len(), "file")
            );
            if undated > 0 {
                let they = if undated == 1 {
                    "it comes"
                } else {
                    "they come"
                };
                notice.push_str(&format!(
                    ", except {} that {} not record when it was fetched (a bare response): \
                     {they} last, in the order given",
                    plural(undated, "page"),
                    if undated == 1 { "does" } else { "do" },
                ));
            }
            notice.push('.');
            self.show_notice(notice);
        }
        if !arrived.is_empty() {
            self.add_pages(arrived);
        }
        if !failed.is_empty() {
            self.show_error(failed.join(" "), None);
        }
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
