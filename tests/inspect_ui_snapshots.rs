//! What the inspector looks like, compared with reference images in tests/snapshots/.
//! They need a renderer: CI pins lavapipe (`WGPU_BACKEND=vulkan`); regenerate the images the
//! same way with `UPDATE_SNAPSHOTS=1`.

use bytes::Bytes;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;

use streamlens::api::{Page, Route, Stream, StreamModel};
use streamlens::inspect::{PageIndex, local_time};
use streamlens::ui::inspect::{InspectCommand, Inspector};

struct View {
    inspector: Inspector,
    page: Page,
    index: PageIndex,
}

fn new_claims_model() -> StreamModel {
    #[derive(serde::Deserialize)]
    struct Listing {
        streams: Vec<Stream>,
    }
    let listing: Listing =
        serde_json::from_str(include_str!("../assets/api-examples/streams-claims.json")).unwrap();
    listing
        .streams
        .into_iter()
        .next()
        .and_then(|s| s.model)
        .unwrap()
}

/// The inspector on `text` with its first comment selected, in `theme`.
fn harness(route: Route, text: &'static str, theme: egui::Theme) -> Harness<'static, View> {
    let page = Page::parse(route, Bytes::from_static(text.as_bytes())).unwrap();
    let view = View {
        index: PageIndex::build(&page, Some(&new_claims_model())),
        inspector: Inspector::default(),
        page,
    };
    let mut harness = Harness::builder()
        .with_size([1100.0, 760.0])
        .with_theme(theme)
        .wgpu()
        .build_ui_state(
            |ui, view: &mut View| view.inspector.show(ui, &view.page, &view.index),
            view,
        );
    harness.run();
    let View {
        inspector,
        page,
        index,
    } = harness.state_mut();
    inspector.apply(
        InspectCommand::NextComment,
        page,
        index,
        &egui::Context::default(),
    );
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
    let mut harness = harness(
        Route::Fetch,
        include_str!("../assets/api-examples/fetch-new-claims.json"),
        egui::Theme::Light,
    );
    harness.snapshot("inspect_fetch_new_claims");
}

#[test]
fn results_page_with_extracted_fields_dark() {
    let mut harness = harness(
        Route::Results,
        include_str!("../assets/api-examples/results-new-claims.json"),
        egui::Theme::Dark,
    );
    harness.snapshot("inspect_results_new_claims_dark");
}
