//! Shared by the test files: a stand-in server on its own runtime, the real app connected to
//! it, and waiting for what the app shows, with a deadline.
#![allow(dead_code)] // Each test binary uses a different part of this module.

use std::time::{Duration, Instant};

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use streamlens::api::{ClientConfig, Token};
use streamlens::app::{App, AppOptions};
use streamlens::credentials::CredentialStore;
use streamlens::demo_server::{DemoServer, ServerConfig};
use streamlens::worker::KeyringChoice;

pub const DEADLINE: Duration = Duration::from_secs(30);

/// A stand-in server that lives as long as the value.
pub struct Fixture {
    pub server: DemoServer,
    /// The runtime the server runs on; tests may run their own async reads on it too.
    pub runtime: tokio::runtime::Runtime,
}

impl Fixture {
    pub fn new(token: &str) -> Self {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .enable_all()
            .build()
            .unwrap();
        let config = ServerConfig {
            token: token.to_owned(),
            ..ServerConfig::default()
        };
        let server = runtime.block_on(DemoServer::start(config)).unwrap();
        Self { server, runtime }
    }
}

/// Short timeouts and quick retries, so failure cases end in seconds.
pub fn quick_client() -> ClientConfig {
    ClientConfig {
        connect_timeout: Duration::from_secs(2),
        read_timeout: Duration::from_secs(2),
        total_timeout: Duration::from_secs(4),
        max_retries: 1,
        min_backoff: Duration::from_millis(10),
        max_backoff: Duration::from_millis(50),
        ..ClientConfig::default()
    }
}

pub fn app(options: AppOptions) -> Harness<'static, App> {
    Harness::builder()
        .with_size([1280.0, 860.0])
        .build_eframe(move |cc| App::new(cc, options).unwrap())
}

/// The app, connected for this session to `fixture`'s server with `token`, keyring mocked.
pub fn app_on(fixture: &Fixture, token: &str) -> Harness<'static, App> {
    app(AppOptions {
        session: Some((fixture.server.base_url(), Token::new(token))),
        keyring: KeyringChoice::Given(CredentialStore::mock()),
        client: quick_client(),
        ..AppOptions::default()
    })
}

/// Steps frames until `found` holds; fails after [`DEADLINE`] naming `what`.
pub fn wait_until(
    harness: &mut Harness<'_, App>,
    what: &str,
    found: impl Fn(&Harness<'_, App>) -> bool,
) {
    let deadline = Instant::now() + DEADLINE;
    while !found(harness) {
        let state = harness.state().state();
        assert!(
            Instant::now() < deadline,
            "timed out waiting for {what}; banner: {:?}; notice: {:?}",
            state.banner,
            state.notice
        );
        harness.step();
    }
}

pub fn wait_for_label(harness: &mut Harness<'_, App>, label: &str) {
    wait_until(harness, label, |h| {
        h.query_all_by_label_contains(label).next().is_some()
    });
}

pub fn click(harness: &mut Harness<'_, App>, label: &str) {
    wait_until(harness, label, |h| h.query_by_label(label).is_some());
    harness.get_by_label(label).click();
    // One frame sees the click, the next shows what it opened.
    harness.run_steps(2);
}

/// Picks `project/dataset/stream` by their shown names in the pickers.
pub fn pick(harness: &mut Harness<'_, App>, project: &str, dataset: &str, stream: &str) {
    click(harness, project);
    click(harness, dataset);
    click(harness, stream);
}

/// Fetches and waits until the page arrived (or failed).
pub fn fetch(harness: &mut Harness<'_, App>) {
    click(harness, "Fetch");
    wait_until(harness, "the fetch to end", |h| {
        h.state().state().pages.running.is_none()
    });
}

/// Types into the text field whose label is `label`.
pub fn type_into(harness: &mut Harness<'_, App>, label: &str, text: &str) {
    use egui::accesskit::Role;
    let field = harness
        .query_by_role_and_label(Role::TextInput, label)
        .or_else(|| harness.query_by_role_and_label(Role::PasswordInput, label));
    field
        .unwrap_or_else(|| panic!("no text field labelled {label:?}"))
        .focus();
    harness.step();
    let field = harness
        .query_by_role_and_label(Role::TextInput, label)
        .or_else(|| harness.query_by_role_and_label(Role::PasswordInput, label));
    field.expect("the field is still there").type_text(text);
    harness.step();
}

/// Picks `acme-ops/claims/new-claims` and fetches its first page (16 comments).
pub fn fetch_new_claims(harness: &mut Harness<'_, App>) {
    pick(
        harness,
        "ACME Operations (acme-ops)",
        "Claims inbox (claims)",
        "New claims to RPA (new-claims)",
    );
    fetch(harness);
}

/// The page on screen.
pub fn shown_page(harness: &Harness<'_, App>) -> std::sync::Arc<streamlens::api::Page> {
    harness
        .state()
        .state()
        .pages
        .current()
        .expect("a page is shown")
        .page
        .clone()
}

/// Waits for the error banner and returns its message.
pub fn banner_message(harness: &mut Harness<'_, App>) -> String {
    wait_until(harness, "an error banner", |h| {
        h.state().state().banner.is_some()
    });
    harness
        .state()
        .state()
        .banner
        .clone()
        .expect("waited for it")
        .message
}

/// The app on its in-process demo, with a mock keyring.
pub fn demo_app() -> Harness<'static, App> {
    app(AppOptions {
        demo: true,
        keyring: KeyringChoice::Given(CredentialStore::mock()),
        ..AppOptions::default()
    })
}
