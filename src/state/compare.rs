//! Comparing two pages: the shown page with a file (File → Compare with…, A the shown page), or
//! a page of the history with the shown page (A the page chosen, B the shown one, so that an
//! older page compared with the newest reads forward in time). The worker parses, opens and
//! compares ([`crate::compare`]); this keeps the result for the compare view. Read-only: the
//! history, its order and the shown page stay as they are, and a comparison that fails keeps
//! the one before it.

use std::path::PathBuf;

use crate::compare::Comparison;
use crate::inspect::PageGeneration;
use crate::worker::{Command, CompareError, CompareInput, Compared, ComparedPage, RequestId, Task};

use super::{AppState, HistoryPage, PageSource, PathPrompt};

/// Where a side of a comparison comes from.
#[derive(Clone, Debug, PartialEq)]
pub enum CompareOrigin {
    /// A page of this run's history, by its generation (its place may change as the history
    /// drops old pages).
    History(PageGeneration),
    File(PathBuf),
}

/// One side of the comparison on screen.
#[derive(Debug)]
pub struct CompareSide {
    pub origin: CompareOrigin,
    /// The page's stream (or file), route and fetch time in words.
    pub described: String,
    pub page: ComparedPage,
}

/// The comparison on screen.
#[derive(Debug)]
pub struct OpenComparison {
    /// Counts the comparisons of the run, so that the view tells a new one from the same one
    /// drawn again.
    pub number: u64,
    pub comparison: Comparison,
    pub a: CompareSide,
    pub b: CompareSide,
}

/// Comparisons asked for and shown.
#[derive(Debug, Default)]
pub struct Comparisons {
    /// The file dialog of File → Compare with…, while it is open.
    pub choosing: Option<RequestId>,
    /// The comparison on its way, and where its sides come from.
    pub running: Option<(RequestId, [CompareOrigin; 2])>,
    pub open: Option<OpenComparison>,
    last_number: u64,
}

impl AppState {
    /// File → Compare with…: a dialog for the file to compare the shown page with.
    pub(super) fn compare_with_file(&mut self) -> Vec<Command> {
        if self.pages.current().is_none() {
            self.show_error(
                "There is no page to compare yet: fetch or open one first.",
                None,
            );
            return Vec::new();
        }
        let id = self.next_id();
        self.comparisons.choosing = Some(id);
        vec![Task::ChooseComparePath { id }.into()]
    }

    pub(super) fn compare_path_chosen(
        &mut self,
        id: RequestId,
        path: Option<PathBuf>,
    ) -> Vec<Command> {
        if self
            .comparisons
            .choosing
            .take_if(|asked| *asked == id)
            .is_none()
        {
            return Vec::new();
        }
        match path {
            Some(path) => self.compare_with_path(path),
            None => {
                self.files.prompt = Some(PathPrompt::Compare);
                Vec::new()
            }
        }
    }

    /// Compares the shown page (A) with the page in this file (B).
    pub(super) fn compare_with_path(&mut self, path: PathBuf) -> Vec<Command> {
        self.files.prompt = None;
        let Some(shown) = self.pages.current() else {
            self.show_error(
                "There is no page to compare with the file: fetch or open one first.",
                None,
            );
            return Vec::new();
        };
        let a = (
            CompareOrigin::History(shown.entry.generation),
            input(shown.entry),
        );
        let b = (CompareOrigin::File(path.clone()), CompareInput::File(path));
        self.start_comparing(a, b)
    }

    /// Compares page `n` of the history (A) with the shown page (B).
    pub(super) fn compare_with_shown(&mut self, n: usize) -> Vec<Command> {
        let (Some(shown), Some(chosen)) = (self.pages.current(), self.pages.history.get(n)) else {
            self.show_error("That page is no longer in the history.", None);
            return Vec::new();
        };
        if chosen.generation == shown.entry.generation {
            self.show_error(
                "That is the shown page: choose another page of the history to compare it with.",
                None,
            );
            return Vec::new();
        }
        let a = (CompareOrigin::History(chosen.generation), input(chosen));
        let b = (
            CompareOrigin::History(shown.entry.generation),
            input(shown.entry),
        );
        self.start_comparing(a, b)
    }

    fn start_comparing(
        &mut self,
        (origin_a, a): (CompareOrigin, CompareInput),
        (origin_b, b): (CompareOrigin, CompareInput),
    ) -> Vec<Command> {
        let id = self.next_id();
        self.comparisons.running = Some((id, [origin_a, origin_b]));
        vec![Task::Compare { id, a, b }.into()]
    }

    /// Closes the comparison on screen (and forgets one on its way).
    pub(super) fn close_comparison(&mut self) -> Vec<Command> {
        self.comparisons.running = None;
        self.comparisons.open = None;
        Vec::new()
    }

    /// The worker's answer: the comparison shown, or why there is none (the one before stays).
    pub(super) fn compared(
        &mut self,
        id: RequestId,
        result: Result<Box<Compared>, CompareError>,
    ) -> Vec<Command> {
        let Some((_, [origin_a, origin_b])) =
            self.comparisons.running.take_if(|(asked, _)| *asked == id)
        else {
            return Vec::new();
        };
        match result {
            Ok(compared) => {
                let Compared { comparison, a, b } = *compared;
                let side = |origin: CompareOrigin, page: ComparedPage| CompareSide {
                    described: self.describe(&origin, &page),
                    origin,
                    page,
                };
                let (a, b) = (side(origin_a, a), side(origin_b, b));
                self.comparisons.last_number += 1;
                self.comparisons.open = Some(OpenComparison {
                    number: self.comparisons.last_number,
                    comparison,
                    a,
                    b,
                });
            }
            // The file or page is what it is: comparing again would say the same.
            Err(err) => self.show_error(err.to_string(), None),
        }
        Vec::new()
    }

    /// `acme-ops/claims/new-claims on cloud.example.com, fetch route, fetched at 10:15:03` for
    /// a page fetched in this run; `monday.json (acme-ops/claims/new-claims, fetch route,
    /// fetched 2026-11-29T10:15:00Z)` for a page from a file.
    fn describe(&self, origin: &CompareOrigin, page: &ComparedPage) -> String {
        let route = page.page.route;
        let entry = match origin {
            CompareOrigin::History(generation) => self
                .pages
                .position(*generation)
                .map(|n| &self.pages.history[n]),
            CompareOrigin::File(_) => None,
        };
        if let Some(HistoryPage {
            source: PageSource::Stream { stream, host, .. },
            fetched_at,
            ..
        }) = entry
        {
            let time = jiff::tz::TimeZone::system()
                .to_datetime(*fetched_at)
                .strftime("%H:%M:%S");
            return format!("{stream} on {host}, {route} route, fetched at {time}");
        }
        let path = match (origin, entry) {
            (CompareOrigin::File(path), _)
            | (
                _,
                Some(HistoryPage {
                    source: PageSource::File { path },
                    ..
                }),
            ) => path,
            // Dropped from the history while it was being compared.
            _ => return format!("a page of the {route} route"),
        };
        let name = path.file_name().unwrap_or(path.as_os_str());
        let source = page.provenance.as_ref();
        let stream = match source.filter(|source| !source.stream.is_empty()) {
            Some(source) => source.stream_ref().to_string(),
            None => "a bare response, no stream recorded".to_owned(),
        };
        let fetched = source.and_then(|source| source.fetched_at.as_ref());
        let fetched = fetched.map_or_else(String::new, |at| format!(", fetched {at}"));
        format!(
            "{} ({stream}, {route} route{fetched})",
            name.to_string_lossy()
        )
    }
}

/// A history page as the worker takes it: parsed while the history keeps it so, else its JSON.
fn input(entry: &HistoryPage) -> CompareInput {
    CompareInput::Page {
        parsed: entry.parsed(),
        raw: entry.raw.clone(),
        route: entry.route,
        provenance: entry.provenance.clone().map(Box::new),
    }
}
