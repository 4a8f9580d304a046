//! The real app, driven through egui_kittest by labels, against the stand-in server on loopback:
//! connect, pick, fetch, cancel, errors with the last page kept, and guarded stream moves.

mod support;

use egui_kittest::kittest::{NodeT as _, Queryable as _};
use streamlens::api::{Route, Token};
use streamlens::app::AppOptions;
use streamlens::credentials::CredentialStore;
use streamlens::demo_server::{Fault, FaultRule, MutationKind};
use streamlens::worker::KeyringChoice;
use support::*;

const TOKEN: &str = "tok-VIEWER-5e3a1b";
const ACME: &str = "ACME Operations (acme-ops)";
const CLAIMS: &str = "Claims inbox (claims)";
const NEW_CLAIMS: &str = "New claims to RPA (new-claims)";

fn pages(harness: &egui_kittest::Harness<'_, streamlens::app::App>) -> usize {
    harness.state().state().pages.history.len()
}

#[test]
fn the_demo_opens_and_a_page_is_fetched_from_the_chosen_stream() {
    let mut harness = demo_app();
    wait_for_label(&mut harness, "Demo · 127.0.0.1");
    wait_for_label(&mut harness, "Routes service e-mail to the RPA queues");
    pick(&mut harness, ACME, CLAIMS, NEW_CLAIMS);
    wait_for_label(&mut harness, "Model version 42");
    harness.get_by_label("1 of 2 label thresholds on (below 100%)");
    fetch(&mut harness);
    wait_for_label(&mut harness, "16 comments on this page");
    harness.get_by_label_contains("16 comments, 1 filtered out");
    harness.get_by_label_contains("more comments are waiting");
}

#[test]
fn the_route_chosen_in_the_fetch_bar_is_the_one_the_page_comes_from() {
    let fixture = Fixture::new(TOKEN);
    let mut harness = app_on(&fixture, TOKEN);
    pick(&mut harness, ACME, CLAIMS, NEW_CLAIMS);
    click(&mut harness, "Route");
    click(&mut harness, "results");
    fetch(&mut harness);
    assert_eq!(shown_page(&harness).route, Route::Results);
    let reads: Vec<String> = fixture
        .server
        .requests()
        .into_iter()
        .filter(|r| r.path.contains("/streams/new-claims/"))
        .map(|r| format!("{} {}", r.method, r.path))
        .collect();
    assert!(
        matches!(reads.as_slice(), [read] if read.starts_with("GET ") && read.contains("/results?")),
        "one read of the results route: {reads:?}"
    );
}

#[test]
fn a_saved_connection_goes_to_the_keyring_and_never_to_the_settings() {
    let fixture = Fixture::new(TOKEN);
    let store = CredentialStore::mock();
    let mut harness = app(AppOptions {
        keyring: KeyringChoice::Given(store.clone()),
        client: quick_client(),
        ..AppOptions::default()
    });
    click(&mut harness, "Add connection…");
    type_into(&mut harness, "Name", "work tenant");
    let endpoint = format!("{}/", fixture.server.base_url());
    type_into(&mut harness, "Endpoint", &endpoint);
    type_into(&mut harness, "API token", TOKEN);
    harness.step();
    click(&mut harness, "Save and connect");
    wait_for_label(&mut harness, "work tenant · 127.0.0.1");
    let saved = store.load("work tenant").unwrap();
    assert_eq!(saved.token, Token::new(TOKEN));
    let settings = serde_json::to_string(&harness.state().state().settings).unwrap();
    assert!(
        settings.contains("work tenant") && !settings.contains(TOKEN),
        "{settings}"
    );

    // Rename it without pasting the token again: the keyring entry moves, the token stays.
    click(&mut harness, "Connection");
    click(&mut harness, "Disconnect");
    click(&mut harness, "Edit");
    type_into(&mut harness, "Name", " (old)");
    click(&mut harness, "Save and connect");
    wait_for_label(
        &mut harness,
        "Renamed “work tenant” to “work tenant (old)”.",
    );
    assert_eq!(
        store.load("work tenant (old)").unwrap().token,
        Token::new(TOKEN)
    );
    assert!(store.load("work tenant").is_err(), "the old entry is gone");
    click(&mut harness, "Delete");
    wait_for_label(&mut harness, "Deleted “work tenant (old)”.");
    assert!(store.load("work tenant (old)").is_err());
}

#[test]
fn without_a_keyring_the_app_says_so_and_offers_a_session_only_connection() {
    let fixture = Fixture::new(TOKEN);
    let mut harness = app(AppOptions {
        keyring: KeyringChoice::Off,
        client: quick_client(),
        ..AppOptions::default()
    });
    wait_for_label(&mut harness, "The system keyring is not available");
    assert!(
        harness.query_by_label("Add connection…").is_none(),
        "no way to save without a keyring"
    );
    click(&mut harness, "Connect for this session only…");
    type_into(&mut harness, "Endpoint", &fixture.server.base_url());
    type_into(&mut harness, "API token", TOKEN);
    harness.step();
    click(&mut harness, "Connect");
    wait_for_label(&mut harness, "Session only · 127.0.0.1");
}

#[test]
fn a_slow_fetch_can_be_cancelled_and_the_last_page_stays() {
    let fixture = Fixture::new(TOKEN);
    let mut harness = app_on(&fixture, TOKEN);
    fetch_new_claims(&mut harness);
    assert_eq!(pages(&harness), 1);
    fixture.server.inject(
        FaultRule::new(Fault::Delay(std::time::Duration::from_secs(20))).on("POST", "/fetch"),
    );
    click(&mut harness, "Fetch");
    click(&mut harness, "Cancel");
    wait_for_label(&mut harness, "Fetch cancelled");
    assert_eq!(pages(&harness), 1);
    harness.get_by_label("16 comments on this page");
}

#[test]
fn an_error_shows_a_banner_with_retry_and_keeps_the_page() {
    let fixture = Fixture::new(TOKEN);
    let mut harness = app_on(&fixture, TOKEN);
    fetch_new_claims(&mut harness);
    fixture
        .server
        .inject(FaultRule::new(Fault::GatewayHtml { status: 502 }).on("POST", "/fetch"));
    fetch(&mut harness);
    wait_for_label(&mut harness, "HTTP 502");
    harness.get_by_label("16 comments on this page");
    fixture.server.clear_faults();
    click(&mut harness, "Retry");
    wait_until(&mut harness, "a second page", |h| pages(h) == 2);
    assert!(
        harness.query_by_label("Retry").is_none(),
        "the banner went away"
    );
}

#[test]
fn advance_needs_a_confirmation_and_happens_exactly_once() {
    let fixture = Fixture::new(TOKEN);
    let mut harness = app_on(&fixture, TOKEN);
    fetch_new_claims(&mut harness);
    let shown = shown_page(&harness).sequence_id.clone().unwrap();

    click(&mut harness, "Advance…");
    let question = format!("Stream acme-ops/claims/new-claims will move past sequence id {shown}");
    wait_for_label(&mut harness, &question);
    harness
        .get_by_label_contains("moves for every consumer of this stream, the automation included");
    click(&mut harness, "Cancel");
    assert!(
        fixture.server.mutations().is_empty(),
        "cancelling sent nothing"
    );

    click(&mut harness, "Advance…");
    click(&mut harness, "Advance");
    wait_for_label(&mut harness, "Advanced past");
    let mutations = fixture.server.mutations();
    assert_eq!(mutations.len(), 1);
    assert_eq!(
        mutations[0].kind,
        MutationKind::Advance { sequence_id: shown }
    );
    assert!(mutations[0].accepted);
}

#[test]
fn a_stale_head_is_refused_before_anything_moves() {
    let fixture = Fixture::new(TOKEN);
    let mut harness = app_on(&fixture, TOKEN);
    fetch_new_claims(&mut harness);
    fixture
        .server
        .simulate_automation_advance("acme-ops/claims/new-claims", 5);
    click(&mut harness, "Advance…");
    click(&mut harness, "Advance");
    wait_for_label(&mut harness, "Nothing was advanced: the stream moved");
    assert!(fixture.server.mutations().is_empty());
}

#[test]
fn empty_pages_say_why() {
    let fixture = Fixture::new(TOKEN);
    let mut harness = app_on(&fixture, TOKEN);
    pick(
        &mut harness,
        "Northwind Bank — Customer Service (northwind-bank)",
        "Service mailbox (service-mail)",
        "Caught up (caught-up)",
    );
    fetch(&mut harness);
    wait_for_label(&mut harness, "No new comments: the stream is caught up.");
    click(&mut harness, "Quarantine (quarantine)");
    fetch(&mut harness);
    wait_for_label(
        &mut harness,
        "were filtered out by the stream's filter. The stream will not progress until it is advanced.",
    );
}

#[test]
fn the_inspector_shows_the_demo_streams_comments_end_to_end() {
    let mut harness = demo_app();
    wait_for_label(&mut harness, "Routes service e-mail to the RPA queues");
    fetch(&mut harness);
    wait_for_label(&mut harness, "16 comments on this page");
    click(&mut harness, "Comment");
    harness.get_by_label_contains("Next comment").click();
    harness.run_steps(3);
    for shown in ["From", "Customer Tier", "Amount", "Reference", "Tone"] {
        wait_for_label(&mut harness, shown);
    }
    let bars = harness
        .query_all_by_label_contains("the stream's threshold")
        .count();
    assert!(bars > 0, "label bars name the stream's threshold");
    harness.key_press(egui::Key::J);
    harness.run_steps(3);
    assert!(harness.state().state().pages.current().is_some());
}

#[test]
fn a_fetched_page_opens_on_its_first_comment_and_j_steps_on_from_there() {
    let fixture = Fixture::new(TOKEN);
    let mut harness = app_on(&fixture, TOKEN);
    fetch_new_claims(&mut harness);
    let selected =
        |h: &egui_kittest::Harness<'_, streamlens::app::App>| h.state().inspector().selected();
    let first = selected(&harness).expect("the first comment is selected");
    let page = shown_page(&harness);
    harness.get_by_label(page.results[first].comment.uid.as_str());
    assert!(
        harness
            .query_by_label_contains("Select a comment")
            .is_none(),
        "the detail is not empty"
    );
    let highlighted_rows = harness
        .query_all_by_role(egui::accesskit::Role::ListBoxOption)
        .filter(|row| row.accesskit_node().toggled() == Some(egui::accesskit::Toggled::True))
        .count();
    assert_eq!(highlighted_rows, 1, "its row is in view and highlighted");
    // Nothing took the keyboard: J steps through the list.
    harness.key_press(egui::Key::J);
    harness.run_steps(2);
    let second = selected(&harness).expect("still a selection");
    assert_ne!(second, first);

    // F5 fetches again; the new page opens on its first comment too.
    harness.key_press(egui::Key::F5);
    wait_until(&mut harness, "the second page", |h| pages(h) == 2);
    harness.run_steps(2);
    assert_eq!(selected(&harness), Some(first));
    harness.key_press(egui::Key::J);
    harness.run_steps(2);
    assert_eq!(selected(&harness), Some(second));
}
