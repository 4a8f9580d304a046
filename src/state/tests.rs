//! The state without a window: actions in, commands out, events applied.

use super::*;
use crate::api::{ApiError, ErrorKind, Page, Stream, Token, User};
use crate::export::{ExportFormat, OpenError, OpenReason};
use crate::worker::{ConnectError, Connected, ConnectionKind, ConnectionSource, FetchedPage};

pub(super) fn connected() -> AppState {
    let mut state = AppState::default();
    let commands = state.handle(Action::OpenDemo);
    let [Command::Task(Task::Connect { id, .. })] = commands.as_slice() else {
        panic!("connecting sends one command: {commands:?}");
    };
    let user: User = serde_json::from_str(r#"{"username":"demo"}"#).unwrap();
    let connected = Connected {
        kind: ConnectionKind::Demo,
        host: "127.0.0.1:1".into(),
        user,
    };
    state.apply(Event::Connected {
        id: *id,
        result: Ok(Box::new(connected)),
    });
    state.catalog.project = Some("p".into());
    state.catalog.dataset = Some("d".into());
    state.catalog.stream = Some("s".into());
    let stream: Stream = serde_json::from_str(r#"{"name":"s"}"#).unwrap();
    state.catalog.streams = Listing::Loaded(vec![stream]);
    state
}

fn page(sequence_id: &str) -> FetchedPage {
    let raw =
        format!(r#"{{"status":"ok","filtered":0,"sequence_id":"{sequence_id}","results":[]}}"#);
    FetchedPage::new(
        Page::parse(crate::api::Route::Fetch, raw.into()).unwrap(),
        None,
        None,
    )
}

/// Fetches, and the page with this sequence id arrives.
fn fetch_page(state: &mut AppState, sequence_id: &str) {
    let id = fetch_id(&state.handle(Action::Fetch));
    state.apply(Event::Fetched {
        id,
        result: Ok(page(sequence_id)),
    });
}

fn fetch_id(commands: &[Command]) -> RequestId {
    match commands {
        [Command::Fetch { id, .. }] => *id,
        other => panic!("expected one fetch: {other:?}"),
    }
}

#[test]
fn a_reply_to_a_superseded_request_is_dropped() {
    let mut state = connected();
    let first = fetch_id(&state.handle(Action::Fetch));
    state.handle(Action::Cancel);
    state.apply(Event::Fetched {
        id: first,
        result: Err(ApiError::new(ErrorKind::Cancelled, None, "")),
    });
    let second = fetch_id(&state.handle(Action::Fetch));
    state.apply(Event::Fetched {
        id: first,
        result: Ok(page("old")),
    });
    assert!(state.pages.history.is_empty(), "the old reply is ignored");
    state.apply(Event::Fetched {
        id: second,
        result: Ok(page("new")),
    });
    assert_eq!(
        state.pages.current().unwrap().page.sequence_id.as_deref(),
        Some("new")
    );
}

#[test]
fn advance_is_sent_once_and_only_after_confirmation() {
    let mut state = connected();
    fetch_page(&mut state, "seq-9");
    assert!(
        state.handle(Action::AskAdvance).is_empty(),
        "asking sends nothing"
    );
    assert!(
        matches!(&state.confirm, Some(Confirm::Advance { sequence_id, .. }) if sequence_id == "seq-9")
    );
    let commands = state.handle(Action::Confirm);
    assert!(
        matches!(commands.as_slice(), [Command::Task(Task::Advance { sequence_id, .. })] if sequence_id == "seq-9")
    );
    assert!(
        state.handle(Action::Confirm).is_empty(),
        "a second confirm sends nothing"
    );
    assert_eq!(
        state.advance_blocked(),
        Some("A stream move is already on its way.")
    );
}

#[test]
fn a_failed_fetch_keeps_the_page_and_offers_retry() {
    let mut state = connected();
    fetch_page(&mut state, "a");
    let id = fetch_id(&state.handle(Action::Fetch));
    state.apply(Event::Fetched {
        id,
        result: Err(ApiError::new(ErrorKind::Server, Some(503), "down")),
    });
    assert_eq!(state.pages.history.len(), 1);
    assert_eq!(state.banner.as_ref().unwrap().retry, Some(Action::Fetch));
}

#[test]
fn an_empty_dialog_answer_offers_a_typed_path() {
    let mut state = connected();
    fetch_page(&mut state, "a");
    let commands = state.handle(Action::Export(ExportFormat::Csv));
    let [Command::Task(Task::ChooseSavePath { id, .. })] = commands.as_slice() else {
        panic!("a dialog first: {commands:?}");
    };
    state.apply(Event::SavePathChosen {
        id: *id,
        path: None,
    });
    assert_eq!(
        state.files.prompt,
        Some(PathPrompt::Save(ExportFormat::Csv))
    );
    let commands = state.handle(Action::ExportTo {
        format: ExportFormat::Csv,
        path: " /tmp/x.csv ".into(),
    });
    assert!(
        matches!(commands.as_slice(), [Command::Task(Task::Export { path, format: ExportFormat::Csv, .. })] if path == std::path::Path::new("/tmp/x.csv"))
    );
}

#[test]
fn files_given_together_open_one_after_the_other_and_all_join_the_history() {
    let mut state = AppState::default();
    let open_command = |commands: Vec<Command>| match commands.as_slice() {
        [Command::Task(Task::Open { id, path })] => (*id, path.clone()),
        other => panic!("expected one open: {other:?}"),
    };
    let (first, path) = open_command(state.handle(Action::OpenPaths(vec!["a.json".into()])));
    assert_eq!(path, std::path::Path::new("a.json"));
    let later = vec!["broken.json".into(), "c.json".into()];
    assert!(
        state.handle(Action::OpenPaths(later)).is_empty(),
        "dropped later, they wait for a.json"
    );
    let opened = |id, path: &str, result| Event::Opened {
        id,
        path: path.into(),
        result,
    };
    let (second, path) = open_command(state.apply(opened(first, "a.json", Ok(page("a")))));
    assert_eq!(path, std::path::Path::new("broken.json"));
    let failed = OpenError {
        path: Some("broken.json".into()),
        reason: OpenReason::NotAPage("it has no list of results".into()),
    };
    let said = failed.to_string();
    let (third, path) = open_command(state.apply(opened(second, "broken.json", Err(failed))));
    assert_eq!(
        path,
        std::path::Path::new("c.json"),
        "a failure does not stop the rest"
    );
    assert!(
        state
            .apply(opened(third, "c.json", Ok(page("c"))))
            .is_empty()
    );

    let sequence_ids: Vec<_> = state
        .pages
        .history
        .iter()
        .map(|entry| entry.page().and_then(|page| page.sequence_id.as_deref()))
        .collect();
    assert_eq!(sequence_ids, [Some("a"), Some("c")]);
    assert_eq!(state.pages.shown, Some(1), "the last file is shown");
    assert_eq!(
        state.banner.map(|banner| banner.message).as_deref(),
        Some(said.as_str())
    );
}

fn connect_error(kind: ErrorKind) -> ConnectError {
    ConnectError::Api(ApiError::new(kind, None, "nobody answered"))
}

/// Connects with `action` and fails with `error`; the banner left.
fn failed_connect(action: Action, error: ConnectError) -> (AppState, Banner) {
    let mut state = AppState::default();
    let commands = state.handle(action);
    let [Command::Task(Task::Connect { id, .. })] = commands.as_slice() else {
        panic!("connecting sends one command: {commands:?}");
    };
    state.apply(Event::Connected {
        id: *id,
        result: Err(error),
    });
    let banner = state.banner.clone().expect("a failure shows a banner");
    (state, banner)
}

#[test]
fn retry_reconnects_a_saved_connection_whatever_it_is_named() {
    for name in ["Demo", "Session only"] {
        let connect = Action::ConnectSaved(name.into());
        let (mut state, banner) =
            failed_connect(connect.clone(), connect_error(ErrorKind::Timeout));
        assert!(
            banner.message.contains(&format!("\u{201c}{name}\u{201d}")),
            "{banner:?}"
        );
        assert_eq!(
            banner.retry,
            Some(connect),
            "{name}: Retry reconnects to the saved one"
        );
        let commands = state.handle(banner.retry.unwrap());
        assert!(
            matches!(
                commands.as_slice(),
                [Command::Task(Task::Connect { source: ConnectionSource::Saved(saved), .. })] if saved == name
            ),
            "{name}: {commands:?}"
        );
    }
    let (_, banner) = failed_connect(Action::OpenDemo, connect_error(ErrorKind::Timeout));
    assert_eq!(
        banner.retry,
        Some(Action::OpenDemo),
        "the demo's Retry is the demo"
    );
}

#[test]
fn retry_is_offered_only_where_trying_again_could_help() {
    let saved = || Action::ConnectSaved("work".into());
    let (_, refused) = failed_connect(saved(), connect_error(ErrorKind::Unauthorized));
    assert_eq!(refused.retry, None, "a refused token stays refused");
    let gone = ConnectError::Keyring(crate::credentials::CredentialError::NotFound {
        name: "work".into(),
    });
    assert_eq!(
        failed_connect(saved(), gone).1.retry,
        None,
        "no entry to retry"
    );
    let session = Action::ConnectSession {
        endpoint: "https://example.com/reinfer_".into(),
        token: Token::new("t"),
    };
    let (_, unreachable) = failed_connect(session, connect_error(ErrorKind::CannotConnect));
    assert_eq!(
        unreachable.retry, None,
        "a session-only token is not kept for a retry"
    );

    let mut state = connected();
    let id = fetch_id(&state.handle(Action::Fetch));
    state.apply(Event::Fetched {
        id,
        result: Err(ApiError::new(ErrorKind::Unauthorized, Some(401), "")),
    });
    assert_eq!(state.banner.as_ref().unwrap().retry, None, "401 on fetch");
}

#[test]
fn choices_are_remembered_per_connection_kind_not_per_name() {
    let mut state = connected();
    state.handle(Action::ChooseStream("s".into()));
    let chosen = state.catalog.chosen();
    assert_eq!(
        state.settings.last_choice(&ConnectionKind::Demo),
        chosen.as_ref()
    );
    let saved_demo = ConnectionKind::Saved("Demo".into());
    assert_eq!(state.settings.last_choice(&saved_demo), None);
    assert!(
        state.settings.last_choice.is_empty(),
        "the saved connections' map is untouched"
    );
}

#[test]
fn a_page_from_another_connection_of_the_same_name_cannot_be_advanced() {
    let mut state = connected();
    fetch_page(&mut state, "seq-1");
    assert_eq!(state.advance_blocked(), None);
    let ConnectionState::Connected(connected) = &mut state.connection else {
        panic!("connected");
    };
    // The saved connection called "Demo", as the screen names the demo.
    connected.kind = ConnectionKind::Saved("Demo".into());
    assert_eq!(
        state.advance_blocked(),
        Some("This page came from another connection.")
    );
}
