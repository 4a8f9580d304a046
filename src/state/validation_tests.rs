//! Validation in the state, without a window: what choosing a stream asks for, what each answer
//! leaves known, and that none of it touches the page or the banner.

use super::*;
use crate::api::{
    ApiError, ErrorKind, LabelCurve, LabelPath, NotAvailable, Stream, Unavailability,
    ValidationError, VersionValidation,
};
use crate::worker::{LoadedValidation, ValidationKey};

const STREAM: &str = r#"{"name": "triage", "model": {"version": 7, "label_thresholds": [
    {"name": ["Payments"], "threshold": 0.5},
    {"name": ["Complaint", "Fees"], "threshold": 0.35},
    {"name": ["Spam"], "threshold": 1.0}]}}"#;

fn key(version: i64) -> ValidationKey {
    ValidationKey {
        project: "bank".into(),
        dataset: "mail".into(),
        version,
    }
}

fn label(name: &str) -> LabelPath {
    LabelPath::parse(name)
}

/// Connected, with `bank/mail` listed and no stream chosen yet.
fn connected() -> AppState {
    let mut state = super::tests::connected();
    state.catalog.project = Some("bank".into());
    state.catalog.dataset = Some("mail".into());
    state.catalog.stream = None;
    let stream: Stream = serde_json::from_str(STREAM).unwrap();
    state.catalog.streams = Listing::Loaded(vec![stream]);
    state
}

/// Chooses the stream and returns the one validation command it sends.
fn choose(state: &mut AppState) -> (RequestId, Vec<LabelPath>) {
    let commands = state.handle(Action::ChooseStream("triage".into()));
    match commands.as_slice() {
        [Command::Task(Task::LoadValidation { id, key: k, labels })] if *k == key(7) => {
            (*id, labels.clone())
        }
        other => panic!("expected the validation of version 7: {other:?}"),
    }
}

fn summary() -> VersionValidation {
    serde_json::from_str(r#"{"label_groups": [], "validation": {"version": 7}}"#).unwrap()
}

fn curve() -> LabelCurve {
    LabelCurve {
        thresholds: vec![0.9, 0.1],
        precisions: vec![1.0, 0.5],
        recalls: vec![0.2, 1.0],
    }
}

fn refused() -> ValidationError {
    ValidationError::NotAvailable(NotAvailable {
        reason: Unavailability::Refused { permission: None },
        status: 403,
        dataset: "bank/mail".into(),
        version: Some(7),
        label: None,
    })
}

#[test]
fn choosing_a_stream_asks_for_its_versions_validation_and_thresholded_curves() {
    let mut state = connected();
    let (_, labels) = choose(&mut state);
    assert_eq!(labels, [label("Complaint > Fees"), label("Payments")]);
    assert!(matches!(
        state.validations.get(&key(7)).unwrap().summary,
        Known::Loading(_)
    ));
    // The page is fetched as before, not after the validation.
    assert!(matches!(
        state.handle(Action::Fetch).as_slice(),
        [Command::Fetch { .. }]
    ));
}

#[test]
fn an_answer_leaves_each_part_known_and_choosing_again_asks_nothing() {
    let mut state = connected();
    let (id, _) = choose(&mut state);
    let missing = ValidationError::NotAvailable(NotAvailable {
        reason: Unavailability::NotFound,
        status: 404,
        dataset: "bank/mail".into(),
        version: Some(7),
        label: Some(label("Payments")),
    });
    let loaded = LoadedValidation {
        summary: summary(),
        curves: vec![
            (label("Complaint > Fees"), Ok(curve())),
            (label("Payments"), Err(missing.clone())),
        ],
    };
    state.apply(Event::ValidationLoaded {
        id,
        key: key(7),
        result: Ok(loaded),
    });
    let known = state.validations.get(&key(7)).unwrap();
    assert!(matches!(known.summary, Known::Available(_)));
    assert_eq!(
        known.curves[&label("Complaint > Fees")],
        Known::Available(curve())
    );
    assert_eq!(
        known.curves[&label("Payments")],
        Known::NotAvailable(missing.to_string())
    );
    assert!(state.banner.is_none());
    assert!(
        state
            .handle(Action::ChooseStream("triage".into()))
            .is_empty()
    );
}

#[test]
fn a_refusal_is_a_state_with_its_sentence_and_asked_again_only_by_the_user() {
    let mut state = connected();
    let (id, _) = choose(&mut state);
    state.apply(Event::ValidationLoaded {
        id,
        key: key(7),
        result: Err(refused()),
    });
    let known = state.validations.get(&key(7)).unwrap();
    let sentence = refused().to_string();
    assert!(
        matches!(&known.summary, Known::NotAvailable(why) if *why == sentence),
        "{sentence}"
    );
    assert_eq!(
        known.curves[&label("Payments")],
        Known::NotAvailable(sentence)
    );
    assert!(state.banner.is_none() && state.notice.is_none());
    assert!(
        state
            .handle(Action::ChooseStream("triage".into()))
            .is_empty()
    );
    let again = state.handle(Action::LoadValidation {
        key: key(7),
        labels: vec![label("Payments")],
    });
    assert!(matches!(
        again.as_slice(),
        [Command::Task(Task::LoadValidation { .. })]
    ));
}

#[test]
fn a_failure_is_asked_again_when_the_stream_is_chosen_again() {
    let mut state = connected();
    let (id, _) = choose(&mut state);
    let down = ValidationError::Failed(ApiError::new(ErrorKind::Server, Some(503), "busy"));
    state.apply(Event::ValidationLoaded {
        id,
        key: key(7),
        result: Err(down.clone()),
    });
    let summary = &state.validations.get(&key(7)).unwrap().summary;
    assert!(matches!(summary, Known::Failed(why) if *why == down.to_string()));
    assert!(state.banner.is_none());
    let (retry, _) = choose(&mut state);
    assert_ne!(retry, id);
}

#[test]
fn more_curves_and_another_version_are_asked_for_what_is_not_known() {
    let mut state = connected();
    let (id, _) = choose(&mut state);
    let more = state.handle(Action::LoadValidation {
        key: key(7),
        labels: vec![label("Payments"), label("Cards")],
    });
    let [
        Command::Task(Task::LoadCurves {
            id: curves_id,
            labels,
            ..
        }),
    ] = more.as_slice()
    else {
        panic!("only the curve not asked yet: {more:?}");
    };
    assert_eq!(labels, &[label("Cards")]);
    state.apply(Event::CurvesLoaded {
        id: *curves_id,
        key: key(7),
        curves: vec![(label("Cards"), Ok(curve()))],
    });
    let known = state.validations.get(&key(7)).unwrap();
    assert_eq!(known.curves[&label("Cards")], Known::Available(curve()));
    assert_eq!(known.curves[&label("Payments")], Known::Loading(id));

    let other = state.handle(Action::LoadValidation {
        key: key(6),
        labels: vec![label("Payments")],
    });
    assert!(
        matches!(other.as_slice(), [Command::Task(Task::LoadValidation { key: k, .. })] if *k == key(6)),
        "{other:?}"
    );
}

#[test]
fn answers_nobody_waits_for_are_dropped() {
    let mut state = connected();
    let (id, _) = choose(&mut state);
    state.apply(Event::ValidationLoaded {
        id: RequestId(id.0 + 100),
        key: key(7),
        result: Err(refused()),
    });
    assert!(matches!(
        state.validations.get(&key(7)).unwrap().summary,
        Known::Loading(_)
    ));
    state.handle(Action::Disconnect);
    state.apply(Event::ValidationLoaded {
        id,
        key: key(7),
        result: Err(refused()),
    });
    assert!(
        state.validations.get(&key(7)).is_none(),
        "another connection's answer"
    );
}

#[test]
fn a_datasets_model_versions_are_listed_once() {
    let mut state = connected();
    let ask = || Action::ListModelVersions {
        project: "bank".into(),
        dataset: "mail".into(),
    };
    let commands = state.handle(ask());
    let [Command::Task(Task::ListModelVersions { id, .. })] = commands.as_slice() else {
        panic!("{commands:?}");
    };
    assert!(state.handle(ask()).is_empty(), "already on its way");
    let versions = serde_json::from_str(r#"[{"version": 7}, {"version": 6}]"#).unwrap();
    state.apply(Event::ModelVersions {
        id: *id,
        project: "bank".into(),
        dataset: "mail".into(),
        result: Ok(versions),
    });
    let listing = &state.validations.listings[&("bank".to_owned(), "mail".to_owned())];
    assert!(matches!(listing, Known::Available(v) if v.len() == 2));
}

/// A page whose export record names `host`, `bank/mail` and `version`, added as the history
/// adds any page (here as if opened from a file).
fn page_recorded(state: &mut AppState, host: &str, version: Option<i64>) {
    let page = crate::api::Page::parse(
        crate::api::Route::Fetch,
        r#"{"status": "ok", "results": []}"#.into(),
    )
    .unwrap();
    let record = crate::export::Provenance {
        host: host.into(),
        project: "bank".into(),
        dataset: "mail".into(),
        stream: "triage".into(),
        model_version: version,
        ..Default::default()
    };
    let source = super::PageSource::File {
        path: "page.json".into(),
    };
    state.add_shown(
        crate::worker::FetchedPage::new(page, None, Some(record)),
        source,
    );
}

#[test]
fn the_shown_pages_validation_is_read_only_where_the_page_came_from() {
    let mut state = connected();
    let none = state.shown_page_validation().unwrap_err();
    assert_eq!(none, "No page is shown.");
    // The test connection's host is 127.0.0.1:1.
    page_recorded(&mut state, "127.0.0.1:1", Some(7));
    assert_eq!(state.shown_page_validation(), Ok(key(7)));

    page_recorded(&mut state, "cloud.uipath.com", Some(7));
    let elsewhere = state.shown_page_validation().unwrap_err();
    assert!(
        elsewhere.contains("came from cloud.uipath.com, not from 127.0.0.1:1"),
        "{elsewhere}"
    );
    page_recorded(&mut state, "127.0.0.1:1", None);
    let no_model = state.shown_page_validation().unwrap_err();
    assert!(
        no_model.contains("records no model version of bank/mail"),
        "{no_model}"
    );

    state.handle(Action::Disconnect);
    page_recorded(&mut state, "127.0.0.1:1", Some(7));
    let offline = state.shown_page_validation().unwrap_err();
    assert!(
        offline.contains("read from 127.0.0.1:1: connect"),
        "{offline}"
    );

    let bare = crate::api::Page::parse(
        crate::api::Route::Fetch,
        r#"{"status": "ok", "results": []}"#.into(),
    )
    .unwrap();
    let source = super::PageSource::File {
        path: "bare.json".into(),
    };
    state.add_shown(crate::worker::FetchedPage::new(bare, None, None), source);
    let unrecorded = state.shown_page_validation().unwrap_err();
    assert!(
        unrecorded.contains("does not record the stream"),
        "{unrecorded}"
    );
}
