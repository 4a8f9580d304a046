//! The command palette in the real app, driven by the keyboard alone against the stand-in
//! server: open it, type a few letters, move with the arrows, run with Enter, close with Esc;
//! commands, streams of the connection and comments of the page.

mod support;

use egui::accesskit::{Role, Toggled};
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use streamlens::api::StreamRef;
use streamlens::app::App;
use support::*;

const TOKEN: &str = "tok-PALETTE-71c0d4";
const FIELD: &str = "Go to a command, a stream or a comment";

fn is_open(harness: &Harness<'_, App>) -> bool {
    harness
        .query_by_role_and_label(Role::TextInput, FIELD)
        .is_some()
}

/// Opens the palette with `modifiers` + `key` and waits for its field.
fn open(harness: &mut Harness<'_, App>, modifiers: Modifiers, key: Key) {
    assert!(!is_open(harness));
    harness.key_press_modifiers(modifiers, key);
    wait_until(harness, "the palette", is_open);
    assert!(
        harness
            .get_by_role_and_label(Role::TextInput, FIELD)
            .is_focused(),
        "the palette's field has the keyboard"
    );
}

/// Types into the palette's field, as into any focused field: no click.
fn type_text(harness: &mut Harness<'_, App>, text: &str) {
    harness
        .get_by_role_and_label(Role::TextInput, FIELD)
        .type_text(text);
    harness.run_steps(2);
}

fn press(harness: &mut Harness<'_, App>, key: Key) {
    harness.key_press(key);
    harness.run_steps(2);
}

#[test]
fn ctrl_k_finds_a_command_by_a_few_letters_and_enter_runs_it() {
    let fixture = Fixture::new(TOKEN);
    let mut harness = app_on(&fixture, TOKEN);
    pick(
        &mut harness,
        "ACME Operations (acme-ops)",
        "Claims inbox (claims)",
        "New claims to RPA (new-claims)",
    );
    open(&mut harness, Modifiers::COMMAND, Key::K);
    type_text(&mut harness, "ftch");
    // The row shows the command's shortcut beside its text.
    harness.get_by_label("Fetch F5");
    press(&mut harness, Key::Enter);
    assert!(!is_open(&harness), "running a row closes the palette");
    wait_until(&mut harness, "the page", |h| {
        h.state().state().pages.history.len() == 1
    });
    harness.get_by_label("16 comments on this page");
}

#[test]
fn arrows_move_the_highlight_and_esc_closes_without_running_anything() {
    let mut harness = app(streamlens::app::AppOptions {
        keyring: streamlens::worker::KeyringChoice::Given(
            streamlens::credentials::CredentialStore::mock(),
        ),
        ..Default::default()
    });
    wait_for_label(&mut harness, "Connect for this session only…");
    open(&mut harness, Modifiers::COMMAND | Modifiers::SHIFT, Key::P);
    // Only what can run now is offered: nothing to fetch before connecting.
    type_text(&mut harness, "fetch");
    harness.get_by_label("Nothing matches.");

    // Esc closes and runs nothing.
    let theme = |h: &Harness<'_, App>| h.ctx.options(|o| o.theme_preference);
    let before = theme(&harness);
    type_text(&mut harness, " dark theme");
    press(&mut harness, Key::Escape);
    assert!(!is_open(&harness));
    assert_eq!(theme(&harness), before);

    // Dark, Light, System: the best match first; ↓ ↓ ↑ lands on the second.
    open(&mut harness, Modifiers::COMMAND, Key::K);
    type_text(&mut harness, "theme");
    let order: Vec<String> = harness
        .query_all_by_label_contains(" theme")
        .filter_map(|node| node.accesskit_node().label())
        .collect();
    assert_eq!(order, ["Dark theme", "Light theme", "System theme"]);
    for key in [Key::ArrowDown, Key::ArrowDown, Key::ArrowUp] {
        press(&mut harness, key);
    }
    let highlighted = harness
        .get_by_label("Light theme")
        .accesskit_node()
        .toggled();
    assert_eq!(highlighted, Some(Toggled::True));
    press(&mut harness, Key::Enter);
    assert!(!is_open(&harness));
    assert_eq!(theme(&harness), egui::ThemePreference::Light);
}

#[test]
fn go_to_stream_lists_every_stream_in_the_background_and_chooses_one_as_the_picker_would() {
    let fixture = Fixture::new(TOKEN);
    let mut harness = app_on(&fixture, TOKEN);
    wait_for_label(&mut harness, "ACME Operations (acme-ops)");
    open(&mut harness, Modifiers::COMMAND, Key::K);
    type_text(&mut harness, "stream quarantine");
    let row = "Go to stream northwind-bank/service-mail/quarantine · Quarantine";
    wait_for_label(&mut harness, row);
    press(&mut harness, Key::Enter);
    let wanted: StreamRef = "northwind-bank/service-mail/quarantine".parse().unwrap();
    wait_until(&mut harness, "the stream chosen and listed", |h| {
        let catalog = &h.state().state().catalog;
        catalog.chosen().as_ref() == Some(&wanted) && catalog.stream_info().is_some()
    });
    // The picker shows the choice: the stream's facts are on screen.
    wait_for_label(&mut harness, "Filter:");

    // The listing is asked for once per connection: reopening reuses it.
    open(&mut harness, Modifiers::COMMAND, Key::K);
    type_text(&mut harness, "chat live");
    harness.get_by_label_contains("Go to stream northwind-bank/chat/live-chat");
    press(&mut harness, Key::Escape);
    let listings = fixture
        .server
        .requests()
        .into_iter()
        .filter(|r| r.path == "/api/v1/datasets")
        .count();
    assert_eq!(listings, 1, "all datasets listed once");
}

#[test]
fn a_comment_is_found_by_uid_or_subject_and_selected_in_the_inspector() {
    let fixture = Fixture::new(TOKEN);
    let mut harness = app_on(&fixture, TOKEN);
    fetch_new_claims(&mut harness);
    let page = shown_page(&harness);
    let selected = |h: &Harness<'_, App>| h.state().inspector().selected();
    assert!(selected(&harness).is_some());

    let last = page.results.len() - 1;
    let uid = page.results[last].comment.uid.to_string();
    open(&mut harness, Modifiers::COMMAND, Key::K);
    type_text(&mut harness, &uid);
    press(&mut harness, Key::Enter);
    assert_eq!(selected(&harness), Some(last));
    harness.get_by_label(&uid); // The detail's header.

    // A subject no other comment of the page has, nor contains.
    let subject_of = |i: usize| page.results[i].comment.subject().unwrap_or_default();
    let count = page.results.len();
    let unique = (0..last)
        .find(|&i| {
            let subject = subject_of(i);
            !subject.is_empty() && (0..count).all(|j| j == i || !subject_of(j).contains(subject))
        })
        .expect("a comment with a subject of its own");
    assert_ne!(selected(&harness), Some(unique));
    open(&mut harness, Modifiers::COMMAND, Key::K);
    type_text(&mut harness, &format!("comment {}", subject_of(unique)));
    press(&mut harness, Key::Enter);
    assert_eq!(selected(&harness), Some(unique));
}
