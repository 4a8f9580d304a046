//! What the inspector looks like, compared with reference images in tests/snapshots/.
//! They need a renderer: CI pins lavapipe (`WGPU_BACKEND=vulkan`); regenerate the images the
//! same way with `UPDATE_SNAPSHOTS=1`.

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;

use streamlens::api::Page;
use streamlens::inspect::local_time;

use super::{View, fetch_new_claims, harness_from, new_claims_model, results_new_claims};

/// The inspector on `page` with its first comment selected, drawn by wgpu in `theme`.
fn drawn(page: Page, theme: egui::Theme) -> Harness<'static, View> {
    let builder = Harness::builder()
        .with_size([1100.0, 760.0])
        .with_theme(theme)
        .wgpu();
    let mut harness = harness_from(builder, page, Some(&new_claims_model()));
    // A new page shows its first comment at once.
    harness.run();
    mask_local_times(&mut harness);
    harness
}

/// Times are drawn in the machine's zone, which differs between machines: hide them.
fn mask_local_times(harness: &mut Harness<'static, View>) {
    let view = harness.state();
    let comment = &view.page.results[0].comment;
    let times: Vec<String> = comment
        .messages
        .iter()
        .filter_map(|m| m.sent_at.as_ref())
        .map(local_time)
        .collect();
    let mut rects: Vec<egui::Rect> = times
        .iter()
        .filter_map(|time| harness.query_by_label(time).map(|node| node.rect()))
        .collect();
    rects.extend(
        harness
            .query_all_by_role(Role::ListBoxOption)
            .map(|row| row.rect()),
    );
    rects.extend(
        harness
            .query_all_by_label_contains("received ")
            .map(|n| n.rect()),
    );
    for rect in rects {
        harness.mask(rect);
    }
}

#[test]
fn fetch_page_with_highlighted_policy_number() {
    let mut harness = drawn(fetch_new_claims(), egui::Theme::Light);
    harness.snapshot("inspect_fetch_new_claims");
}

#[test]
fn results_page_with_extracted_fields_dark() {
    let mut harness = drawn(results_new_claims(), egui::Theme::Dark);
    harness.snapshot("inspect_results_new_claims_dark");
}
