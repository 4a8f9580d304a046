//! Export and open through the real app: the save dialog replaced by a scripted double, the
//! typed path where no dialog appears, failures that leave nothing behind, and pages opened
//! offline from the file, the menu and the command line.

mod support;

use std::collections::VecDeque;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use streamlens::api::Token;
use streamlens::app::{App, AppOptions};
use streamlens::credentials::CredentialStore;
use streamlens::export::open_file;
use streamlens::worker::{Dialogs, KeyringChoice};
use support::*;

const TOKEN: &str = "tok-EXPORT-44d0c2e7";

type Answers = Arc<Mutex<VecDeque<Vec<PathBuf>>>>;

/// The app on a fresh server with the first page of new-claims on screen; dialogs answer from
/// the returned queue.
fn with_page(fixture: &Fixture) -> (Harness<'static, App>, Answers) {
    let answers: Answers = Arc::default();
    let mut harness = app(AppOptions {
        session: Some((fixture.server.base_url(), Token::new(TOKEN))),
        keyring: KeyringChoice::Given(CredentialStore::mock()),
        client: quick_client(),
        dialogs: Dialogs::Scripted(answers.clone()),
        ..AppOptions::default()
    });
    fetch_new_claims(&mut harness);
    (harness, answers)
}

fn files_in(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect()
}

#[test]
fn the_dialog_path_gets_the_page_exactly_as_the_server_sent_it() {
    let fixture = Fixture::new(TOKEN);
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("page.json");
    let (mut harness, answers) = with_page(&fixture);
    answers.lock().unwrap().push_back(vec![target.clone()]);
    click(&mut harness, "Export…");
    wait_for_label(&mut harness, "Saved ");

    let shown = shown_page(&harness);
    let opened = open_file(&target).unwrap();
    assert_eq!(
        opened.page.raw, shown.raw,
        "the response part is the server's bytes"
    );
    let provenance = opened
        .provenance
        .expect("an export records where it came from");
    assert_eq!(
        (provenance.project.as_str(), provenance.stream.as_str()),
        ("acme-ops", "new-claims")
    );
    assert_eq!(provenance.host, fixture.server.addr().to_string());
    assert_eq!(provenance.sequence_id.as_deref(), shown.position());
    let text = std::fs::read_to_string(&target).unwrap();
    assert!(!text.contains(TOKEN), "the token never reaches an export");
    assert_eq!(
        files_in(dir.path()),
        ["page.json"],
        "no temporary file left"
    );
}

#[test]
fn without_a_dialog_a_typed_path_is_offered() {
    let fixture = Fixture::new(TOKEN);
    let dir = tempfile::tempdir().unwrap();
    let (mut harness, _answers) = with_page(&fixture);
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
    wait_for_label(
        &mut harness,
        "No file was chosen. If no file dialog appeared",
    );
    let target = dir.path().join("typed.json");
    type_into(&mut harness, "File path", target.to_str().unwrap());
    click(&mut harness, "Save");
    wait_for_label(&mut harness, "Saved ");
    assert!(open_file(&target).is_ok());
}

#[test]
fn a_failed_export_says_why_keeps_the_page_and_leaves_nothing() {
    let fixture = Fixture::new(TOKEN);
    let dir = tempfile::tempdir().unwrap();
    let (mut harness, answers) = with_page(&fixture);
    answers
        .lock()
        .unwrap()
        .push_back(vec![dir.path().to_path_buf()]);
    click(&mut harness, "Export…");
    let message = banner_message(&mut harness);
    assert!(message.starts_with("Could not save"), "{message}");
    assert!(
        files_in(dir.path()).is_empty(),
        "nothing written: {:?}",
        files_in(dir.path())
    );
    harness.get_by_label("16 comments on this page");
}

#[test]
fn an_exported_page_opens_offline_from_the_menu_and_the_command_line() {
    let fixture = Fixture::new(TOKEN);
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("page.json");
    let (mut harness, answers) = with_page(&fixture);
    answers
        .lock()
        .unwrap()
        .extend([vec![target.clone()], vec![target.clone()]]);
    click(&mut harness, "Export…");
    wait_for_label(&mut harness, "Saved ");
    click(&mut harness, "File");
    harness.get_by_label_contains("Open…").click();
    harness.run_steps(2);
    wait_for_label(&mut harness, "Offline, from the file");
    wait_for_label(&mut harness, "(acme-ops/claims/new-claims on 127.0.0.1");
    assert_eq!(
        harness.state().state().advance_blocked(),
        Some("This page was opened from a file: fetch the stream to advance it.")
    );

    let mut offline = app(AppOptions {
        open: vec![target],
        keyring: KeyringChoice::Off,
        ..AppOptions::default()
    });
    wait_for_label(&mut offline, "Offline: no connection is used.");
    offline.get_by_label("16 comments on this page");
}

#[test]
fn a_file_that_is_not_a_page_gets_a_clear_message() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("notes.txt");
    std::fs::write(&target, "meeting notes, not JSON").unwrap();
    let mut harness = app(AppOptions {
        open: vec![target],
        keyring: KeyringChoice::Off,
        ..AppOptions::default()
    });
    let message = banner_message(&mut harness);
    assert!(
        message.contains("notes.txt") && message.contains("not JSON"),
        "{message}"
    );
}

/// A file as a window integration hands it over when it is dropped.
#[derive(Debug)]
struct Dropped(PathBuf);

impl egui::DroppedFile for Dropped {
    fn path(&self) -> &Path {
        &self.0
    }
    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

#[test]
fn a_page_dropped_on_the_window_opens_offline() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("dropped.json");
    let example = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/assets/api-examples/results-new-claims.json"
    );
    std::fs::copy(example, &target).unwrap();
    let mut harness = app(AppOptions {
        keyring: KeyringChoice::Off,
        ..AppOptions::default()
    });
    wait_for_label(&mut harness, "Open the demo");
    harness
        .input_mut()
        .dropped_files
        .push(Arc::new(Dropped(target)));
    wait_for_label(&mut harness, "Offline, from the file");
    assert!(harness.query_all_by_label_contains("dropped.json").count() >= 1);
    harness.get_by_label("1 comment on this page");
}
