//! Secrets hygiene: a whole session with a distinctive token (save a connection, connect, fetch,
//! meet a 401, export, quit), then a scan of everything the app wrote or said: its saved settings,
//! every log record at trace level, the exported and temporary files, the state's debug text, and
//! what the command line prints on success and failure. The token must appear nowhere. And
//! everything the app holds (state, drafts, inspector, worker), printed with `{:?}` while a token
//! is typed and after it is sent, shows no trace of it.

mod support;

use std::collections::{HashMap, VecDeque};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use egui_kittest::Harness;
use streamlens::app::{App, AppOptions};
use streamlens::credentials::CredentialStore;
use streamlens::demo_server::{Fault, FaultRule};
use streamlens::worker::{Dialogs, KeyringChoice};
use support::*;

const TOKEN: &str = "tok-HYGIENE-z9Q7x4Lm2W";

/// Every log record, at every level, from every crate.
struct Recorder(Mutex<Vec<String>>);

impl log::Log for Recorder {
    fn enabled(&self, _: &log::Metadata<'_>) -> bool {
        true
    }
    fn log(&self, record: &log::Record<'_>) {
        let line = format!("{} {}: {}", record.level(), record.target(), record.args());
        self.0.lock().unwrap().push(line);
    }
    fn flush(&self) {}
}

/// eframe's storage, in memory, so the settings the app saves can be read back.
#[derive(Default)]
struct MemoryStorage(HashMap<String, String>);

impl eframe::Storage for MemoryStorage {
    fn get_string(&self, key: &str) -> Option<String> {
        self.0.get(key).cloned()
    }
    fn set_string(&mut self, key: &str, value: String) {
        self.0.insert(key.to_owned(), value);
    }
    fn remove_string(&mut self, key: &str) {
        self.0.remove(key);
    }
    fn flush(&mut self) {}
}

fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            found.extend(files_under(&path));
        } else {
            found.push(path);
        }
    }
    found
}

#[test]
fn a_whole_session_leaves_the_token_nowhere() {
    let recorder: &'static Recorder = Box::leak(Box::new(Recorder(Mutex::default())));
    log::set_logger(recorder).unwrap();
    log::set_max_level(log::LevelFilter::Trace);

    let fixture = Fixture::new(TOKEN);
    let dir = tempfile::tempdir().unwrap();
    let answers = Arc::new(Mutex::new(VecDeque::from([vec![
        dir.path().join("page.json"),
    ]])));
    let store = CredentialStore::mock();
    let mut harness = app(AppOptions {
        keyring: KeyringChoice::Given(store.clone()),
        client: quick_client(),
        dialogs: Dialogs::Scripted(answers),
        ..AppOptions::default()
    });
    click(&mut harness, "Add connection…");
    type_into(&mut harness, "Name", "hygiene");
    type_into(&mut harness, "Endpoint", &fixture.server.base_url());
    type_into(&mut harness, "API token", TOKEN);
    click(&mut harness, "Save and connect");
    fetch_new_claims(&mut harness);
    fixture
        .server
        .inject(FaultRule::new(Fault::status(401)).on("POST", "/fetch"));
    fetch(&mut harness);
    wait_for_label(&mut harness, "The token was refused");
    click(&mut harness, "Export…");
    wait_for_label(&mut harness, "Saved ");
    let mut storage = MemoryStorage::default();
    eframe::App::save(harness.state_mut(), &mut storage);
    let state = format!("{:?}", harness.state().state());
    drop(harness);

    assert_eq!(
        store.load("hygiene").unwrap().token.expose(),
        TOKEN,
        "the keyring, and only it, holds the token"
    );
    let mut scanned: Vec<(String, String)> = Vec::new();
    scanned.extend(
        storage
            .0
            .iter()
            .map(|(key, value)| (format!("app.ron {key}"), value.clone())),
    );
    scanned.extend(
        recorder
            .0
            .lock()
            .unwrap()
            .iter()
            .map(|line| ("log".to_owned(), line.clone())),
    );
    for path in files_under(dir.path()) {
        scanned.push((
            path.display().to_string(),
            String::from_utf8_lossy(&std::fs::read(&path).unwrap()).into_owned(),
        ));
    }
    scanned.push(("state".to_owned(), state));
    scanned.extend(command_line_output(&fixture));

    assert!(
        scanned.iter().any(|(what, _)| what.starts_with("app.ron")),
        "settings were saved"
    );
    assert!(
        scanned.iter().any(|(what, _)| what.ends_with("page.json")),
        "the export was written"
    );
    assert!(
        scanned.iter().filter(|(what, _)| what == "log").count() > 3,
        "the session logged"
    );
    for (what, text) in &scanned {
        assert!(!text.contains(TOKEN), "the token leaked into {what}");
    }
}

/// What `streamlens fetch` prints and writes with the right token, and says with a refused one.
fn command_line_output(fixture: &Fixture) -> Vec<(String, String)> {
    let out = tempfile::tempdir().unwrap();
    let run = |token: &str, file: &str| {
        let output = std::process::Command::new(env!("CARGO_BIN_EXE_streamlens"))
            .args([
                "fetch",
                "--endpoint",
                &fixture.server.base_url(),
                "--stream",
                "acme-ops/claims/new-claims",
            ])
            .args(["--out", out.path().join(file).to_str().unwrap()])
            .env("REINFER_TOKEN", token)
            .env("RUST_LOG", "trace")
            .output()
            .unwrap();
        format!(
            "{}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        )
    };
    fixture.server.clear_faults();
    let good = run(TOKEN, "good.json");
    fixture.server.inject(FaultRule::new(Fault::status(401)));
    let refused = run(TOKEN, "refused.json");
    assert!(refused.contains("The token was refused"), "{refused}");
    let written =
        String::from_utf8_lossy(&std::fs::read(out.path().join("good.json")).unwrap()).into_owned();
    vec![
        ("fetch output".into(), good),
        ("fetch failure".into(), refused),
        ("fetch file".into(), written),
    ]
}

/// The app's whole `Debug` text (state, drafts, inspector, worker) holds neither the token nor
/// a piece of it.
fn assert_no_trace(harness: &Harness<'_, App>, when: &str) -> String {
    let text = format!("{:?}", harness.state());
    let tail = &TOKEN[TOKEN.len() / 2..];
    assert!(
        !text.contains(TOKEN) && !text.contains(tail),
        "the token shows {when}"
    );
    text
}

#[test]
fn a_typed_token_shows_in_no_draft_or_state() {
    let fixture = Fixture::new(TOKEN);
    let mut harness = app(AppOptions {
        keyring: KeyringChoice::Given(CredentialStore::mock()),
        client: quick_client(),
        ..AppOptions::default()
    });
    click(&mut harness, "Add connection…");
    type_into(&mut harness, "Name", "debug");
    type_into(&mut harness, "Endpoint", &fixture.server.base_url());
    type_into(&mut harness, "API token", TOKEN);
    let typed = assert_no_trace(&harness, "while typed into the new-connection form");
    assert!(
        typed.contains("SecretText(<redacted>)"),
        "the form, token field included, is part of the text: {typed}"
    );
    click(&mut harness, "Save and connect");
    // Connecting proves that the token typed is the one the form sent.
    wait_for_label(&mut harness, "debug · 127.0.0.1");
    assert_no_trace(&harness, "once the saved connection is made");

    let mut harness = app(AppOptions {
        keyring: KeyringChoice::Off,
        client: quick_client(),
        ..AppOptions::default()
    });
    click(&mut harness, "Connect for this session only…");
    type_into(&mut harness, "Endpoint", &fixture.server.base_url());
    type_into(&mut harness, "API token", TOKEN);
    assert_no_trace(&harness, "while typed into the session-only form");
    click(&mut harness, "Connect");
    wait_for_label(&mut harness, "Session only · 127.0.0.1");
    assert_no_trace(&harness, "once the session-only connection is made");
}
