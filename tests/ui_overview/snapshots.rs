//! What the overview looks like, light and dark, compared with reference images in
//! tests/snapshots/ (drawn with lavapipe, regenerated with `UPDATE_SNAPSHOTS=1`, as the
//! inspector's are). What differs between runs and machines is masked: the server's port, the
//! time of the fetch, and the comment rows' second line (times in the machine's zone); the
//! rows' subjects and label chips stay in the picture.

use egui::accesskit::Role;
use egui_kittest::kittest::Queryable as _;
use streamlens::api::Token;
use streamlens::app::AppOptions;
use streamlens::credentials::CredentialStore;
use streamlens::worker::KeyringChoice;

use super::*;

fn drawn(fixture: &Fixture, theme: egui::Theme) -> Harness<'static, App> {
    let options = AppOptions {
        session: Some((fixture.server.base_url(), Token::new(TOKEN))),
        keyring: KeyringChoice::Given(CredentialStore::mock()),
        client: quick_client(),
        ..AppOptions::default()
    };
    let harness = Harness::builder()
        .with_size([1400.0, 900.0])
        .with_theme(theme)
        .wgpu()
        .build_eframe(move |cc| App::new(cc, options).unwrap());
    harness
        .ctx
        .all_styles_mut(|style| style.visuals.text_cursor.blink = false);
    harness
}

/// The overview of a triage page with its busiest label chosen, the what-if lowered and the
/// comments that would enter listed beside.
fn overview_snapshot(theme: egui::Theme, name: &str) {
    let fixture = Fixture::new(TOKEN);
    let mut harness = drawn(&fixture, theme);
    pick(&mut harness, NORTHWIND, SERVICE_MAIL, TRIAGE);
    harness.get_by_label("Page size").set_value_accesskit(120.0);
    harness.run_steps(2);
    fetch(&mut harness);
    click(&mut harness, "Overview");
    let (label, stream) = busiest_label(&harness);
    choose_label(&mut harness, &label);
    set_what_if(&mut harness, stream - 0.1);
    click(&mut harness, "Would enter");
    wait_for_label(&mut harness, "Keep precision at least");
    harness.run();
    let mut masked: Vec<egui::Rect> = (harness.query_all_by_label_contains("127.0.0.1:"))
        .map(|node| node.rect())
        .collect();
    masked.extend(harness.query_all_by_role(Role::ListBoxOption).map(|row| {
        let rect = row.rect();
        egui::Rect::from_min_max(egui::pos2(rect.left(), rect.center().y), rect.max)
    }));
    for rect in masked {
        harness.mask(rect);
    }
    harness.snapshot(name);
}

#[test]
fn the_overview_light() {
    overview_snapshot(egui::Theme::Light, "overview_what_if_light");
}

#[test]
fn the_overview_dark() {
    overview_snapshot(egui::Theme::Dark, "overview_what_if_dark");
}
