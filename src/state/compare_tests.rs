//! Comparing and opening many without a window: actions in, commands out, the worker's
//! answers applied by hand (the worker's own part runs in `tests/history.rs`).

use std::path::{Path, PathBuf};
use std::sync::Arc;

use bytes::Bytes;

use super::tests::connected;
use super::*;
use crate::api::{Page, Timestamp};
use crate::compare::{self, Side};
use crate::export::{OpenError, OpenReason, Provenance};
use crate::inspect::PageIndex;
use crate::worker::{CompareError, CompareInput, Compared, ComparedPage, FetchedPage};

/// A fetch page whose comments have these uids, recorded as fetched `at` (a bare response
/// when `None`).
fn fetched(uids: &[&str], at: Option<&str>) -> FetchedPage {
    let results: Vec<String> = uids
        .iter()
        .map(|uid| format!(r#"{{"comment":{{"id":"{uid}","uid":"{uid}"}},"labels":[]}}"#))
        .collect();
    let raw = format!(r#"{{"status":"ok","results":[{}]}}"#, results.join(","));
    let page = Page::parse(Route::Fetch, Bytes::from(raw)).unwrap();
    let provenance = at.map(|at| Provenance {
        project: "p".into(),
        dataset: "d".into(),
        stream: "s".into(),
        fetched_at: Some(Timestamp::parse(at)),
        ..Provenance::default()
    });
    FetchedPage::new(page, None, provenance)
}

/// Opens `paths` together; each file's page is `pages[i]` (or the failure).
fn open_together(state: &mut AppState, files: Vec<(&str, Result<FetchedPage, OpenError>)>) {
    let paths = files.iter().map(|(path, _)| PathBuf::from(path)).collect();
    let mut commands = state.handle(Action::OpenPaths(paths));
    for (path, result) in files {
        let [Command::Task(Task::Open { id, path: asked })] = commands.as_slice() else {
            panic!("one file at a time: {commands:?}");
        };
        assert_eq!(asked, Path::new(path), "in the order given");
        let (id, path) = (*id, asked.clone());
        commands = state.apply(Event::Opened { id, path, result });
    }
    assert!(commands.is_empty());
}

fn history_uids(state: &AppState) -> Vec<String> {
    let first_uid = |page: &HistoryPage| {
        let text = String::from_utf8_lossy(&page.raw).into_owned();
        let start = text.find(r#""uid":""#).map(|at| at + 7);
        start.map_or_else(String::new, |start| {
            text[start..]
                .split('"')
                .next()
                .unwrap_or_default()
                .to_owned()
        })
    };
    state.pages.history.iter().map(first_uid).collect()
}

#[test]
fn files_opened_together_join_the_history_by_fetch_time_and_bare_responses_last() {
    let mut state = AppState::default();
    let not_a_page = OpenError {
        path: Some("notes.txt".into()),
        reason: OpenReason::NotJson("expected value".into()),
    };
    open_together(
        &mut state,
        vec![
            (
                "wed.json",
                Ok(fetched(&["wed"], Some("2026-12-02T09:00:00Z"))),
            ),
            ("bare-1.json", Ok(fetched(&["bare-1"], None))),
            ("notes.txt", Err(not_a_page)),
            // Earlier than it reads: 08:00 UTC on Tuesday.
            (
                "tue.json",
                Ok(fetched(&["tue"], Some("2026-12-01T10:00:00+02:00"))),
            ),
            (
                "mon.json",
                Ok(fetched(&["mon"], Some("2026-11-30T09:00:00Z"))),
            ),
            ("bare-2.json", Ok(fetched(&["bare-2"], None))),
        ],
    );
    assert_eq!(
        history_uids(&state),
        ["mon", "tue", "wed", "bare-1", "bare-2"]
    );
    assert_eq!(state.pages.shown, Some(4), "the last is shown");
    let banner = state.banner.as_ref().map(|b| b.message.as_str());
    assert!(
        banner.is_some_and(|b| b.contains("notes.txt") && b.contains("not JSON")),
        "{banner:?}"
    );

    // Opened later, on their own: after the pages already there, whatever their dates.
    open_together(
        &mut state,
        vec![(
            "sun.json",
            Ok(fetched(&["sun"], Some("2026-11-29T09:00:00Z"))),
        )],
    );
    assert_eq!(history_uids(&state).last().map(String::as_str), Some("sun"));
    assert_eq!(state.notice.as_deref(), Some("Opened sun.json."));
    let generations: Vec<u64> = state.pages.history.iter().map(|p| p.generation.0).collect();
    assert_eq!(generations, [1, 2, 3, 4, 5, 6], "numbered in history order");
}

#[test]
fn a_dialog_picking_several_files_opens_them_all() {
    let mut state = AppState::default();
    let commands = state.handle(Action::Open);
    let [Command::Task(Task::ChooseOpenPath { id })] = commands.as_slice() else {
        panic!("a dialog first: {commands:?}");
    };
    let paths = vec!["b.json".into(), "a.json".into()];
    let commands = state.apply(Event::OpenPathChosen { id: *id, paths });
    assert!(
        matches!(commands.as_slice(), [Command::Task(Task::Open { path, .. })] if path == Path::new("b.json"))
    );
    assert_eq!(state.files.queued, [PathBuf::from("a.json")]);
}

/// What the worker answers to `Task::Compare`, computed as it does from these pages.
fn compared(a: &FetchedPage, b: &FetchedPage) -> Box<Compared> {
    fn side(page: &FetchedPage) -> Side<'_> {
        Side::new(&page.page, page.provenance.as_ref())
    }
    let comparison = compare::compare(side(a), side(b));
    let page = |fetched: &FetchedPage| ComparedPage {
        page: fetched.page.clone(),
        index: Arc::new(PageIndex::build(&fetched.page, None)),
        provenance: fetched.provenance.clone(),
    };
    Box::new(Compared {
        comparison,
        a: page(a),
        b: page(b),
    })
}

fn compare_id(commands: &[Command]) -> (RequestId, &CompareInput, &CompareInput) {
    match commands {
        [Command::Task(Task::Compare { id, a, b })] => (*id, a, b),
        other => panic!("expected one comparison: {other:?}"),
    }
}

/// Connected, with two pages fetched: `a` (uids c.1, c.2) then `b` (c.2, c.3), `b` shown.
fn two_pages() -> (AppState, FetchedPage, FetchedPage) {
    let mut state = connected();
    let (a, b) = (
        fetched(&["c.1", "c.2"], None),
        fetched(&["c.2", "c.3"], None),
    );
    for page in [&a, &b] {
        let commands = state.handle(Action::Fetch);
        let [Command::Fetch { id, .. }] = commands.as_slice() else {
            panic!("{commands:?}");
        };
        let result = Ok(page.clone());
        state.apply(Event::Fetched { id: *id, result });
    }
    (state, a, b)
}

#[test]
fn a_history_page_compares_with_the_shown_one_and_the_history_stays() {
    let (mut state, a, b) = two_pages();
    let commands = state.handle(Action::CompareWithShown(0));
    let (id, input_a, input_b) = compare_id(&commands);
    let raw = |input: &CompareInput| match input {
        CompareInput::Page { raw, parsed, .. } => {
            assert!(parsed.is_some(), "a parsed page is handed over parsed");
            raw.clone()
        }
        CompareInput::File(path) => panic!("a history page, not {path:?}"),
    };
    assert_eq!(
        (raw(input_a), raw(input_b)),
        (a.page.raw.clone(), b.page.raw.clone()),
        "A the page chosen, B the shown one"
    );
    state.apply(Event::Compared {
        id,
        result: Ok(compared(&a, &b)),
    });
    let open = state
        .comparisons
        .open
        .as_ref()
        .expect("the comparison is open");
    assert_eq!(open.number, 1);
    assert_eq!(
        (open.a.origin.clone(), open.b.origin.clone()),
        (
            CompareOrigin::History(state.pages.history[0].generation),
            CompareOrigin::History(state.pages.history[1].generation)
        )
    );
    assert!(
        open.a
            .described
            .starts_with("p/d/s on 127.0.0.1:1, fetch route, fetched at ")
    );
    let summary = open.comparison.summary;
    assert_eq!(
        (summary.in_both, summary.only_in_a, summary.only_in_b),
        (1, 1, 1)
    );
    assert_eq!(state.pages.history.len(), 2);
    assert_eq!(state.pages.shown, Some(1), "the shown page stays");

    // The shown page with itself: refused in a sentence, nothing sent.
    assert!(state.handle(Action::CompareWithShown(1)).is_empty());
    let banner = state.banner.take().map(|b| b.message).unwrap_or_default();
    assert!(banner.starts_with("That is the shown page"), "{banner}");
}

#[test]
fn a_failed_or_superseded_comparison_keeps_the_one_on_screen() {
    let (mut state, a, b) = two_pages();
    let (first, _, _) = compare_id(&state.handle(Action::CompareWithShown(0)));
    state.apply(Event::Compared {
        id: first,
        result: Ok(compared(&a, &b)),
    });

    // File → Compare with…: a dialog; nothing chosen offers a typed path.
    let commands = state.handle(Action::CompareWithFile);
    let [Command::Task(Task::ChooseComparePath { id })] = commands.as_slice() else {
        panic!("a dialog first: {commands:?}");
    };
    assert!(
        state
            .apply(Event::ComparePathChosen {
                id: *id,
                path: None
            })
            .is_empty()
    );
    assert_eq!(state.files.prompt, Some(PathPrompt::Compare));
    let commands = state.handle(Action::CompareWithPath("notes.txt".into()));
    let (second, _, file) = compare_id(&commands);
    assert!(matches!(file, CompareInput::File(path) if path == Path::new("notes.txt")));
    assert_eq!(state.files.prompt, None);
    let (third, _, _) = compare_id(&state.handle(Action::CompareWithShown(0)));

    // The reply to the second comes after the third was asked for: dropped.
    let failed = OpenError {
        path: Some("notes.txt".into()),
        reason: OpenReason::NotJson("expected value".into()),
    };
    state.apply(Event::Compared {
        id: second,
        result: Err(CompareError::Open(failed.clone())),
    });
    assert!(state.banner.is_none());
    assert!(state.comparisons.running.is_some());
    state.apply(Event::Compared {
        id: third,
        result: Err(CompareError::Open(failed.clone())),
    });
    assert_eq!(
        state.banner.as_ref().map(|b| b.message.clone()),
        Some(failed.to_string())
    );
    assert_eq!(state.comparisons.open.as_ref().map(|o| o.number), Some(1));
    assert_eq!(state.pages.history.len(), 2);

    state.handle(Action::CloseComparison);
    assert!(state.comparisons.open.is_none());
}

#[test]
fn without_a_page_there_is_nothing_to_compare() {
    let mut state = AppState::default();
    assert!(state.handle(Action::CompareWithFile).is_empty());
    let banner = state.banner.as_ref().map(|b| b.message.as_str());
    assert_eq!(
        banner,
        Some("There is no page to compare yet: fetch or open one first.")
    );
    assert!(state.handle(Action::CompareWithShown(0)).is_empty());
}
