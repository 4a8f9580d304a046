//! Every stream of the connection, for the command palette's "go to stream". The picker lists
//! lazily (a project's datasets once it is chosen, a dataset's streams once that is chosen);
//! the palette asks the worker, when it opens, to list every dataset and their streams in the
//! background, and offers them as they arrive. Once per connection: the catalog, which holds
//! the directory, is new on every connection.

use crate::api::{ApiError, Stream, StreamRef};
use crate::worker::{Command, RequestId, Task};

use super::AppState;

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
        vec![Task::ListAllStreams { id }.into()]
    }

    /// Chooses `stream` as the picker would: its project, then its dataset and the stream
    /// itself as their listings arrive (the same path as restoring the last choice).
    pub(super) fn go_to_stream(&mut self, stream: StreamRef) -> Vec<Command> {
        if self.connection.connected().is_none() {
            return Vec::new();
        }
        let project = stream.project.clone();
        self.catalog.restore = Some(stream);
        self.choose_project(project)
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

#[cfg(test)]
mod tests {
    use crate::api::{ApiError, Dataset, ErrorKind, Stream};
    use crate::state::tests::connected;
    use crate::state::{Action, AppState};
    use crate::worker::{Command, Event, RequestId, Task};

    fn listing(state: &mut AppState) -> Option<RequestId> {
        match state.handle(Action::ListAllStreams).as_slice() {
            [Command::Task(Task::ListAllStreams { id })] => Some(*id),
            [] => None,
            other => panic!("unexpected {other:?}"),
        }
    }

    fn streams(json: &str) -> Vec<Stream> {
        serde_json::from_str(json).unwrap()
    }

    fn found(state: &AppState) -> Vec<String> {
        let directory = &state.catalog.directory;
        let named = directory.streams.iter();
        named
            .map(|s| format!("{} {:?}", s.stream, s.title))
            .collect()
    }

    #[test]
    fn every_stream_is_listed_once_per_connection_and_stale_replies_are_dropped() {
        assert_eq!(listing(&mut AppState::default()), None, "not connected");
        let mut state = connected();
        let id = listing(&mut state).expect("the first opening asks");
        assert_eq!(listing(&mut state), None, "not while under way");
        let stale = Event::StreamsOfDataset {
            id: RequestId(id.0 + 100),
            project: "x".into(),
            dataset: "y".into(),
            result: Ok(streams(r#"[{"name":"z"}]"#)),
        };
        state.apply(stale);
        state.apply(Event::StreamsOfDataset {
            id,
            project: "p".into(),
            dataset: "d".into(),
            result: Ok(streams(
                r#"[{"name":"a","title":"Alpha"},{"name":"b","title":" "}]"#,
            )),
        });
        assert_eq!(found(&state), ["p/d/a Some(\"Alpha\")", "p/d/b None"]);
        state.apply(Event::AllStreamsListed { id, result: Ok(()) });
        assert!(state.catalog.directory.loading.is_none());
        assert_eq!(listing(&mut state), None, "complete: not asked again");

        state.handle(Action::Disconnect);
        assert!(
            found(&state).is_empty(),
            "another connection, other streams"
        );
    }

    #[test]
    fn a_listing_that_failed_says_so_and_is_asked_for_again() {
        let mut state = connected();
        let id = listing(&mut state).unwrap();
        let refused = ApiError::new(ErrorKind::Cancelled, None, "refused");
        state.apply(Event::StreamsOfDataset {
            id,
            project: "p".into(),
            dataset: "d".into(),
            result: Err(refused.clone()),
        });
        state.apply(Event::AllStreamsListed { id, result: Ok(()) });
        let problem = state.catalog.directory.problem.clone().unwrap();
        assert!(
            problem.starts_with("The streams of p/d could not be listed"),
            "{problem}"
        );
        let again = listing(&mut state).expect("asked again");
        assert!(state.catalog.directory.problem.is_none());
        state.apply(Event::AllStreamsListed {
            id: again,
            result: Err(refused),
        });
        let problem = state.catalog.directory.problem.clone().unwrap();
        assert!(
            problem.starts_with("The datasets could not be listed"),
            "{problem}"
        );
    }

    #[test]
    fn going_to_a_stream_chooses_it_as_the_picker_would() {
        let mut state = connected();
        let wanted = "p2/d2/s2".parse().unwrap();
        let commands = state.handle(Action::GoToStream(wanted));
        let [Command::Task(Task::ListDatasets { id, project })] = commands.as_slice() else {
            panic!("the project's datasets first: {commands:?}");
        };
        assert_eq!(project, "p2");
        let datasets: Vec<Dataset> =
            serde_json::from_str(r#"[{"owner":"p2","name":"d1"},{"owner":"p2","name":"d2"}]"#)
                .unwrap();
        let commands = state.apply(Event::Datasets {
            id: *id,
            result: Ok(datasets),
        });
        let [Command::Task(Task::ListStreams { id, dataset, .. })] = commands.as_slice() else {
            panic!("then the dataset's streams: {commands:?}");
        };
        assert_eq!(dataset, "d2");
        state.apply(Event::Streams {
            id: *id,
            result: Ok(streams(r#"[{"name":"s1"},{"name":"s2"}]"#)),
        });
        let chosen = state.catalog.chosen().map(|s| s.to_string());
        assert_eq!(chosen.as_deref(), Some("p2/d2/s2"));
    }
}
