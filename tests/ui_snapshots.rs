//! What the first screens look like, compared with reference images in tests/snapshots/. Like
//! the inspector's (tests/inspect_ui/snapshots.rs) they are drawn with lavapipe in CI and
//! regenerated with `UPDATE_SNAPSHOTS=1`. Nothing here connects, so no port or time is drawn.

mod support;

use egui_kittest::Harness;
use streamlens::app::{App, AppOptions};
use streamlens::credentials::CredentialStore;
use streamlens::worker::KeyringChoice;
use support::*;

/// The real app, drawn by wgpu so that it can be compared with an image.
fn drawn_app(keyring: KeyringChoice) -> Harness<'static, App> {
    let options = AppOptions {
        keyring,
        ..AppOptions::default()
    };
    let harness = Harness::builder()
        .with_size([900.0, 560.0])
        .wgpu()
        .build_eframe(move |cc| App::new(cc, options).unwrap());
    // How many frames the keyring check takes varies, and with it the phase of a blinking cursor.
    harness
        .ctx
        .all_styles_mut(|style| style.visuals.text_cursor.blink = false);
    harness
}

#[test]
fn without_a_keyring_the_first_screen_says_so_and_offers_a_session() {
    let mut harness = drawn_app(KeyringChoice::Off);
    wait_for_label(&mut harness, "The system keyring is not available");
    click(&mut harness, "Connect for this session only…");
    type_into(
        &mut harness,
        "Endpoint",
        "https://cloud.uipath.com/acme/ops/reinfer_/",
    );
    harness.run();
    harness.snapshot("connect_without_keyring");
}

#[test]
fn a_new_connection_form_hides_the_token_it_is_given() {
    let mut harness = drawn_app(KeyringChoice::Given(CredentialStore::mock()));
    wait_for_label(&mut harness, "Add connection…");
    click(&mut harness, "Add connection…");
    type_into(&mut harness, "Name", "acme production");
    type_into(
        &mut harness,
        "Endpoint",
        "https://cloud.uipath.com/acme/ops/reinfer_/",
    );
    type_into(&mut harness, "API token", "tok-SNAPSHOT-5b1e");
    harness.run();
    harness.snapshot("connect_new_connection");
}
