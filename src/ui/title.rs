//! The window's title: what is on screen, most specific first, so a task bar that cuts it still
//! tells two streamlens windows apart.

use crate::api::StreamRef;
use crate::state::{AppState, PageSource};

const APP: &str = "streamlens";

/// - a page of a stream (or a stream chosen, before its first page):
///   `triage — northwind-bank/service-mail (Demo) — streamlens`, the connection's name in
///   parentheses, since the same stream is often open on two connections (production, a test
///   tenant);
/// - a page opened from a file: `page.json — streamlens`;
/// - connected, no stream chosen yet: `Demo — streamlens`;
/// - otherwise `streamlens`.
///
/// Only names: never the endpoint's path, the user or the token.
pub fn window_title(state: &AppState) -> String {
    if let Some(shown) = state.pages.current() {
        return match &shown.entry.source {
            PageSource::Stream {
                connection, stream, ..
            } => stream_title(stream, connection.name()),
            PageSource::File { path } => {
                let name = path.file_name().unwrap_or(path.as_os_str());
                format!("{} — {APP}", name.to_string_lossy())
            }
        };
    }
    match (state.connection.connected(), state.catalog.chosen()) {
        (Some(connected), Some(stream)) => stream_title(&stream, connected.kind.name()),
        (Some(connected), None) => format!("{} — {APP}", connected.kind.name()),
        (None, _) => APP.to_owned(),
    }
}

fn stream_title(stream: &StreamRef, connection: &str) -> String {
    format!(
        "{} — {}/{} ({connection}) — {APP}",
        stream.stream, stream.project, stream.dataset
    )
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use bytes::Bytes;

    use super::*;
    use crate::api::{Page, PageRequest, Route, Token, User};
    use crate::inspect::PageGeneration;
    use crate::state::{Action, ConnectionState, HistoryPage};
    use crate::worker::{Command, Connected, ConnectionKind, Event, FetchedPage, Task};

    const SECRET: &str = "tok-3f9a-secret";

    /// A connection saved as "prod", made through the state's own actions and events.
    fn connected_as_prod() -> AppState {
        let mut state = AppState::default();
        let commands = state.handle(Action::SaveConnection {
            replaces: None,
            name: "prod".into(),
            endpoint: "https://cloud.example.com/acme/reinfer".into(),
            token: Token::new(SECRET),
        });
        let [Command::Task(Task::SaveConnection { id, .. })] = commands.as_slice() else {
            panic!("saving sends one command: {commands:?}");
        };
        let commands = state.apply(Event::ConnectionSaved {
            id: *id,
            name: "prod".into(),
            result: Ok(()),
        });
        let [Command::Task(Task::Connect { id, .. })] = commands.as_slice() else {
            panic!("connecting sends one command: {commands:?}");
        };
        let user: User = serde_json::from_str(r#"{"username":"ana"}"#).unwrap();
        state.apply(Event::Connected {
            id: *id,
            result: Ok(Box::new(Connected {
                kind: ConnectionKind::Saved("prod".into()),
                host: "cloud.example.com".into(),
                user,
            })),
        });
        assert!(matches!(state.connection, ConnectionState::Connected(_)));
        state
    }

    fn shown(source: PageSource) -> HistoryPage {
        let raw = Bytes::from_static(br#"{"status":"ok","filtered":0,"results":[]}"#);
        let page = Page::parse(Route::Fetch, raw).unwrap();
        HistoryPage::new(
            PageGeneration(1),
            FetchedPage::new(page, None, None),
            source,
        )
    }

    fn triage() -> StreamRef {
        "northwind-bank/service-mail/triage".parse().unwrap()
    }

    #[test]
    fn nothing_on_screen_is_plain_streamlens() {
        assert_eq!(window_title(&AppState::default()), "streamlens");
    }

    #[test]
    fn a_connection_without_a_stream_names_the_connection() {
        assert_eq!(window_title(&connected_as_prod()), "prod — streamlens");
    }

    #[test]
    fn a_chosen_stream_names_stream_dataset_and_connection() {
        let mut state = connected_as_prod();
        state.catalog.project = Some("northwind-bank".into());
        state.catalog.dataset = Some("service-mail".into());
        assert_eq!(window_title(&state), "prod — streamlens", "no stream yet");
        state.catalog.stream = Some("triage".into());
        assert_eq!(
            window_title(&state),
            "triage — northwind-bank/service-mail (prod) — streamlens"
        );
    }

    #[test]
    fn a_shown_page_names_where_it_came_from_not_the_picker() {
        let mut state = connected_as_prod();
        state.catalog.project = Some("acme-ops".into());
        state.catalog.dataset = Some("claims".into());
        state.catalog.stream = Some("new-claims".into());
        state.pages.history.push(shown(PageSource::Stream {
            connection: ConnectionKind::Saved("staging".into()),
            host: "staging.example.com".into(),
            stream: triage(),
            request: PageRequest {
                route: Route::Fetch,
                size: 16,
                max_filtered: None,
            },
        }));
        state.pages.shown = Some(0);
        assert_eq!(
            window_title(&state),
            "triage — northwind-bank/service-mail (staging) — streamlens"
        );

        state.pages.history.push(shown(PageSource::File {
            path: PathBuf::from("/home/ana/exports/acme-ops_claims_new-claims.json"),
        }));
        state.pages.shown = Some(1);
        assert_eq!(
            window_title(&state),
            "acme-ops_claims_new-claims.json — streamlens"
        );
    }

    #[test]
    fn the_title_never_holds_the_token_or_the_endpoint() {
        let mut state = connected_as_prod();
        let mut titles = vec![window_title(&state)];
        state.catalog.project = Some("northwind-bank".into());
        state.catalog.dataset = Some("service-mail".into());
        state.catalog.stream = Some("triage".into());
        titles.push(window_title(&state));
        for title in titles {
            assert!(!title.contains(SECRET), "{title}");
            assert!(!title.contains("example.com"), "{title}");
        }
    }
}
