//! Every stream of the connection, for the command palette's "go to stream". The picker lists
//! lazily (a project's datasets once it is chosen, a dataset's streams once that is chosen);
//! the palette asks the worker, when it opens, to list every dataset and their streams in the
//! background, and offers them as they arrive. Once per connection: the catalog, which holds
//! the directory, is new on every connection.

use crate::api::{ApiError, Stream, StreamRef};
use crate::worker::{Command, RequestId};

use super::{Action, AppState};

#[derive(Clone, Debug, Default)]
pub struct Directory {
    /// Every stream found so far, in the order they arrived.
    pub streams: Vec<FoundStream>,
    /// The listing under way.
    pub loading: Option<RequestId>,
    /// A listing ended without a failure: there is no need to ask again.
    pub complete: bool,
    /// What could not be listed, in words.
    pub problem: Option<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct FoundStream {
    pub stream: StreamRef,
    /// Its title, where it has a non-empty one.
    pub title: Option<String>,
}

impl AppState {
    /// Starts listing every stream, unless that is under way or done on this connection.
    pub(super) fn list_all_streams(&mut self) -> Vec<Command> {
        let directory = &self.catalog.directory;
        if self.connection.connected().is_none()
            || directory.loading.is_some()
            || directory.complete
        {
            return Vec::new();
        }
        let id = self.next_id();
        self.catalog.directory = Directory {
            loading: Some(id),
            ..Directory::default()
        };
        vec![Command::ListAllStreams { id }]
    }

    /// Chooses `stream` as the picker would: its project, then its dataset and the stream
    /// itself as their listings arrive (the same path as restoring the last choice).
    pub(super) fn go_to_stream(&mut self, stream: StreamRef) -> Vec<Command> {
        if self.connection.connected().is_none() {
            return Vec::new();
        }
        let project = stream.project.clone();
        self.catalog.restore = Some(stream);
        self.handle_catalog(Action::ChooseProject(project))
    }

    /// One dataset's streams arrived (or could not be listed).
    pub(super) fn add_found_streams(
        &mut self,
        id: RequestId,
        project: String,
        dataset: String,
        result: Result<Vec<Stream>, ApiError>,
    ) {
        let directory = &mut self.catalog.directory;
        if directory.loading != Some(id) {
            return;
        }
        match result {
            Ok(streams) => directory
                .streams
                .extend(streams.into_iter().map(|s| FoundStream {
                    stream: StreamRef {
                        project: project.clone(),
                        dataset: dataset.clone(),
                        stream: s.name,
                    },
                    title: s.title.filter(|t| !t.trim().is_empty()),
                })),
            Err(err) => {
                directory.problem = Some(format!(
                    "The streams of {project}/{dataset} could not be listed: {err}"
                ))
            }
        }
    }

    /// The listing ended; `Err` when not even the datasets could be listed.
    pub(super) fn finish_found_streams(&mut self, id: RequestId, result: Result<(), ApiError>) {
        let directory = &mut self.catalog.directory;
        if directory.loading != Some(id) {
            return;
        }
        directory.loading = None;
        match result {
            Ok(()) => directory.complete = directory.problem.is_none(),
            Err(err) => {
                directory.problem = Some(format!("The datasets could not be listed: {err}"))
            }
        }
    }
}
