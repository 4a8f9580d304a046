//! Fetching pages, this run's page history, and the guarded advance and reset.

use std::path::PathBuf;

use crate::api::{ApiError, ErrorKind, PageRequest, Progress, StreamRef, Timestamp};
use crate::worker::{AdvanceError, Command, ConnectionKind, FetchedPage, RequestId, Task};

use super::{Action, AppState};

/// Where a shown page came from.
#[derive(Clone, Debug)]
pub enum PageSource {
    Stream {
        connection: ConnectionKind,
        host: String,
        stream: StreamRef,
        request: PageRequest,
    },
    /// Opened from an exported file (or a saved response), offline.
    File { path: PathBuf },
}

#[derive(Clone, Debug)]
pub struct Running {
    pub id: RequestId,
    pub stream: StreamRef,
    pub request: PageRequest,
    pub progress: Option<Progress>,
}

/// A stream move waiting for the user's yes.
#[derive(Clone, Debug, PartialEq)]
pub enum Confirm {
    Advance {
        stream: StreamRef,
        request: PageRequest,
        sequence_id: String,
        comments: usize,
        filtered: u64,
    },
    Reset {
        stream: StreamRef,
        to: Timestamp,
    },
}

impl AppState {
    /// Why advance is not possible now, or `None` when it is.
    pub fn advance_blocked(&self) -> Option<&'static str> {
        if self.pages.moving.is_some() {
            return Some("A stream move is already on its way.");
        }
        let Some(shown) = self.pages.current() else {
            return Some("Fetch a page first.");
        };
        let PageSource::Stream {
            stream,
            connection,
            host,
            ..
        } = &shown.entry.source
        else {
            return Some("This page was opened from a file: fetch the stream to advance it.");
        };
        let newest = self.pages.history.iter().rposition(
            |p| matches!(&p.source, PageSource::Stream { stream: s, .. } if s == stream),
        );
        if newest != self.pages.shown {
            return Some("A newer page of this stream was fetched: show it to advance.");
        }
        if self
            .connection
            .connected()
            .is_none_or(|c| c.kind != *connection || c.host != *host)
        {
            return Some("This page came from another connection.");
        }
        if shown.page.position().is_none() {
            return Some("The page has no sequence id to advance to.");
        }
        None
    }

    pub(super) fn cancel(&self) -> Vec<Command> {
        match &self.pages.running {
            Some(running) => vec![Command::Cancel { id: running.id }],
            None => Vec::new(),
        }
    }

    pub(super) fn ask_advance(&mut self) {
        if let Some(reason) = self.advance_blocked() {
            self.show_error(reason, None);
            return;
        }
        let Some(shown) = self.pages.current() else {
            return;
        };
        let PageSource::Stream {
            stream, request, ..
        } = &shown.entry.source
        else {
            return;
        };
        self.confirm = Some(Confirm::Advance {
            stream: stream.clone(),
            request: *request,
            sequence_id: shown.page.position().unwrap_or_default().to_owned(),
            comments: shown.page.results.len(),
            filtered: shown.page.filtered.unwrap_or(0),
        });
    }

    pub(super) fn ask_reset(&mut self, text: &str) {
        let to = Timestamp::parse(text.trim());
        match (self.catalog.chosen(), to.instant) {
            (Some(stream), Some(_)) => self.confirm = Some(Confirm::Reset { stream, to }),
            (None, _) => self.show_error("Choose a stream first.", None),
            (_, None) => self.show_error(
                format!(
                    "\u{201c}{}\u{201d} is not a date and time; write e.g. 2026-11-01T00:00:00Z.",
                    text.trim()
                ),
                None,
            ),
        }
    }

    pub(super) fn confirm_move(&mut self) -> Vec<Command> {
        let Some(confirm) = self.confirm.take() else {
            return Vec::new();
        };
        let id = self.next_id();
        self.pages.moving = Some(id);
        match confirm {
            Confirm::Advance {
                stream,
                request,
                sequence_id,
                ..
            } => vec![
                Task::Advance {
                    id,
                    stream,
                    request,
                    sequence_id,
                }
                .into(),
            ],
            Confirm::Reset { stream, to } => vec![Task::Reset { id, stream, to }.into()],
        }
    }

    pub(super) fn fetch(&mut self) -> Vec<Command> {
        if self.pages.running.is_some() {
            return Vec::new();
        }
        let Some(stream) = self.catalog.chosen() else {
            self.show_error("Choose a project, a dataset and a stream first.", None);
            return Vec::new();
        };
        let id = self.next_id();
        let request = PageRequest {
            route: self.settings.route,
            size: self.settings.page_size,
            max_filtered: None,
        };
        let model = self.catalog.stream_info().and_then(|s| s.model.clone());
        self.pages.running = Some(Running {
            id,
            stream: stream.clone(),
            request,
            progress: None,
        });
        vec![Command::Fetch {
            id,
            stream,
            request,
            model,
        }]
    }

    pub(super) fn progressed(&mut self, id: RequestId, progress: Progress) {
        if let Some(running) = self.pages.running.as_mut().filter(|r| r.id == id) {
            running.progress = Some(progress);
        }
    }

    pub(super) fn fetched(&mut self, id: RequestId, result: Result<FetchedPage, ApiError>) {
        let Some(running) = self.pages.running.take_if(|r| r.id == id) else {
            return;
        };
        match result {
            Ok(fetched) => self.add_page(fetched, running),
            Err(err) if err.kind == ErrorKind::Cancelled => {
                self.show_notice("Fetch cancelled. The page on screen is the last one fetched.")
            }
            Err(err) => {
                let retry = err.is_transient().then_some(Action::Fetch);
                self.show_error(err.to_string(), retry);
            }
        }
    }

    pub(super) fn advanced(&mut self, id: RequestId, result: Result<String, AdvanceError>) {
        if self.pages.moving != Some(id) {
            return;
        }
        self.pages.moving = None;
        match result {
            Ok(sequence_id) => self.show_notice(format!(
                "Advanced past {sequence_id}. The position moved for every consumer of the stream; \
                 fetch to see what comes next."
            )),
            Err(AdvanceError::StaleHead { .. }) => self.show_error(
                "Nothing was advanced: the stream moved since this page was fetched (another \
                 consumer, perhaps the automation, advanced it). Fetch again to see its head.",
                Some(Action::Fetch),
            ),
            Err(AdvanceError::Api(err)) => self.show_error(
                format!("The advance failed and was not retried. {err}"),
                None,
            ),
        }
    }

    pub(super) fn was_reset(&mut self, id: RequestId, result: Result<Option<String>, ApiError>) {
        if self.pages.moving != Some(id) {
            return;
        }
        self.pages.moving = None;
        match result {
            Ok(_) => self.show_notice(
                "Reset done. The position moved for every consumer; fetch to see the new head.",
            ),
            Err(err) => {
                self.show_error(format!("The reset failed and was not retried. {err}"), None)
            }
        }
    }

    fn add_page(&mut self, fetched: FetchedPage, running: Running) {
        let Some(connected) = self.connection.connected() else {
            return;
        };
        let Running {
            stream, request, ..
        } = running;
        let source = PageSource::Stream {
            connection: connected.kind.clone(),
            host: connected.host.clone(),
            stream,
            request,
        };
        self.banner = None;
        self.add_shown(fetched, source);
    }
}
