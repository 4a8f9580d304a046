//! Comparing pages in the real app (egui_kittest), end to end against the stand-in server: two
//! pages of the history (the second one edited by the server's fault injection, as a retrained
//! model would change it) and the shown page with a file written by the test
//! (`known_differences.rs`, the differences chosen in `plan.rs`), files opened together out of
//! order (`open_many.rs`), and input that is no page or odd in another way (`bad_input.rs`).
//! Every expected row follows from the edits the test makes to a page it has just fetched.

#[path = "../support/mod.rs"]
mod support;

mod bad_input;
mod known_differences;
mod open_many;
mod plan;

use std::collections::VecDeque;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use bytes::Bytes;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use serde_json::{Value, json};
use streamlens::api::{Page, Route, Token};
use streamlens::app::{App, AppOptions};
use streamlens::credentials::CredentialStore;
use streamlens::export::{self, Provenance};
use streamlens::worker::{Dialogs, KeyringChoice};
use support::*;

pub(crate) const TOKEN: &str = "tok-COMPARE-7c1d09";

pub(crate) type Answers = Arc<Mutex<VecDeque<Vec<PathBuf>>>>;

/// The app on `fixture`'s server, dialogs answered from the returned queue, with the first page
/// of `northwind-bank/service-mail/triage` on screen.
pub(crate) fn with_triage(fixture: &Fixture) -> (Harness<'static, App>, Answers) {
    let answers: Answers = Arc::default();
    let mut harness = app(AppOptions {
        session: Some((fixture.server.base_url(), Token::new(TOKEN))),
        keyring: KeyringChoice::Given(CredentialStore::mock()),
        client: quick_client(),
        dialogs: Dialogs::Scripted(answers.clone()),
        ..AppOptions::default()
    });
    pick(
        &mut harness,
        "Northwind Bank — Customer Service (northwind-bank)",
        "Service mailbox (service-mail)",
        "Service triage (triage)",
    );
    fetch(&mut harness);
    (harness, answers)
}
/// The uid buttons of the compare table from top to bottom, among `uids`.
pub(crate) fn table_rows(harness: &Harness<'_, App>, uids: &[String]) -> Vec<String> {
    let mut rows: Vec<(f32, String)> = uids
        .iter()
        .filter_map(|uid| {
            let button = harness.query_by_role_and_label(Role::Button, uid)?;
            Some((button.rect().center().y, uid.clone()))
        })
        .collect();
    rows.sort_by(|a, b| a.0.total_cmp(&b.0));
    rows.into_iter().map(|(_, uid)| uid).collect()
}

/// The texts of a table row after its uid, left to right (empty cells left out).
pub(crate) fn row_texts(harness: &Harness<'_, App>, uid: &str) -> Vec<String> {
    let row = harness.get_by_role_and_label(Role::Button, uid).rect();
    let mut cells: Vec<(f32, String)> = harness
        .query_all_by_role(Role::Label)
        .filter(|cell| {
            let at = cell.rect().center();
            at.y > row.min.y && at.y < row.max.y && at.x > row.max.x
        })
        .filter_map(|cell| Some((cell.rect().min.x, cell.accesskit_node().value()?)))
        .filter(|(_, text)| !text.is_empty())
        .collect();
    cells.sort_by(|a, b| a.0.total_cmp(&b.0));
    cells.into_iter().map(|(_, text)| text).collect()
}
/// A fetch-route result with `labels` as `(name, probability)`.
pub(crate) fn result(uid: &str, labels: &[(&str, f64)]) -> Value {
    let labels: Vec<Value> = labels
        .iter()
        .map(|(name, p)| json!({"name": [name], "probability": p}))
        .collect();
    json!({"comment": {"id": uid, "uid": uid, "messages": [{"body": {"text": uid}}]},
           "labels": labels, "entities": []})
}

/// A fetch page of `results`.
pub(crate) fn fetch_page(results: Vec<Value>) -> Page {
    let body = json!({"status": "ok", "results": results}).to_string();
    Page::parse(Route::Fetch, Bytes::from(body)).unwrap()
}

/// Where a test page says it came from: `stream`, fetched `at`, `Complaint` at 0.5.
pub(crate) fn source(stream: &str, at: Option<&str>) -> Provenance {
    let stream: streamlens::api::StreamRef = stream.parse().unwrap();
    Provenance {
        project: stream.project,
        dataset: stream.dataset,
        stream: stream.stream,
        model_version: Some(3),
        label_thresholds: vec![streamlens::api::LabelThreshold {
            name: streamlens::api::LabelPath::parse("Complaint"),
            threshold: Some(0.5),
        }],
        fetched_at: at.map(streamlens::api::Timestamp::parse),
        ..Provenance::default()
    }
}

/// The app offline, showing the page files `open` (the last of them), dialogs scripted.
pub(crate) fn offline(open: Vec<PathBuf>) -> (Harness<'static, App>, Answers) {
    let answers: Answers = Arc::default();
    let count = open.len();
    let mut harness = app(AppOptions {
        open,
        keyring: KeyringChoice::Off,
        dialogs: Dialogs::Scripted(answers.clone()),
        ..AppOptions::default()
    });
    wait_until(&mut harness, "the files to open", |h| {
        let state = h.state().state();
        state.pages.history.len() == count && state.files.opening.is_none()
    });
    (harness, answers)
}

/// Compares the shown page with `file` through File → Compare with… and a scripted dialog.
pub(crate) fn compare_with(harness: &mut Harness<'static, App>, answers: &Answers, file: &Path) {
    answers.lock().unwrap().push_back(vec![file.to_path_buf()]);
    click(harness, "File");
    click_contains(harness, "Compare with…");
    wait_until(harness, "the comparison", |h| {
        h.state().state().comparisons.running.is_none()
    });
    harness.run_steps(2);
}

/// Clicks the one widget whose label contains `label` (a menu entry, whose label ends with its
/// shortcut).
pub(crate) fn click_contains(harness: &mut Harness<'static, App>, label: &str) {
    wait_until(harness, label, |h| {
        h.query_by_label_contains(label).is_some()
    });
    harness.get_by_label_contains(label).click();
    harness.run_steps(2);
}

/// Writes `page` as our export, with `source`.
pub(crate) fn write_export(path: &Path, page: &Page, source: &Provenance) {
    std::fs::write(path, export::wrapped_json(page, source)).unwrap();
}
