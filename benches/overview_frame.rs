//! The CPU time of one frame of the whole app (a kittest step, no renderer) with the overview
//! open over the history at its full size, 64 pages of 1024 comments (the stand-in server's
//! `bulk` page, opened from export files), a label chosen, the what-if moved and the comments
//! that would enter listed beside; against the reference measured in the same run, a frame of
//! the app showing a 16-comment page in the inspector.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group, criterion_main};
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};

use streamlens::api::{Client, ClientConfig, Endpoint, PageRequest, Progress, Route, Token};
use streamlens::app::{App, AppOptions};
use streamlens::credentials::CredentialStore;
use streamlens::demo_server::{DemoServer, ServerConfig};
use streamlens::export::{self, Provenance};
use streamlens::worker::KeyringChoice;

const PAGES: usize = 64;

/// Writes a page of the `bulk` stream at `size` comments as our JSON export, with the
/// stream's model, as the app saves it.
fn export_of_bulk(dir: &Path, size: u32) -> PathBuf {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let (page, model) = runtime.block_on(async {
        let server = DemoServer::start(ServerConfig::default()).await.unwrap();
        let endpoint = Endpoint::parse(&server.base_url()).unwrap();
        let token = Token::new(server.token());
        let client = Client::new(endpoint, token, ClientConfig::default()).unwrap();
        let streams = client.streams("northwind-bank", "service-mail").await;
        let model = (streams.unwrap().into_iter())
            .find(|s| s.name == "bulk")
            .and_then(|s| s.model);
        let request = PageRequest {
            route: Route::Fetch,
            size,
            max_filtered: None,
        };
        let stream = "northwind-bank/service-mail/bulk".parse().unwrap();
        let page = client.peek(&stream, request, &|_: Progress| {}).await;
        (page.unwrap(), model)
    });
    assert_eq!(page.results.len(), size as usize);
    let source = Provenance {
        host: "127.0.0.1".into(),
        project: "northwind-bank".into(),
        dataset: "service-mail".into(),
        stream: "bulk".into(),
        model_version: model.as_ref().and_then(|m| m.version),
        label_thresholds: model.map(|m| m.label_thresholds).unwrap_or_default(),
        ..Provenance::default()
    };
    let path = dir.join(format!("bulk-{size}.json"));
    std::fs::write(&path, export::wrapped_json(&page, &source)).unwrap();
    path
}

/// The real app with these files open, offline, once the last one is shown.
fn app_with(files: Vec<PathBuf>) -> Harness<'static, App> {
    let pages = files.len();
    let options = AppOptions {
        open: files,
        keyring: KeyringChoice::Given(CredentialStore::mock()),
        ..AppOptions::default()
    };
    let mut harness = Harness::builder()
        .with_size([1400.0, 900.0])
        .build_eframe(move |cc| App::new(cc, options).unwrap());
    let deadline = Instant::now() + Duration::from_secs(300);
    while harness.state().state().pages.history.len() < pages {
        assert!(Instant::now() < deadline, "the files did not open");
        harness.step();
    }
    harness.run();
    harness
}

fn click(harness: &mut Harness<'_, App>, label: &str) {
    harness.get_by_label(label).click();
    harness.run();
}

fn overview_frame(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let small = export_of_bulk(dir.path(), 16);
    let big = export_of_bulk(dir.path(), 1024);

    let mut reference = app_with(vec![small]);
    reference.get_by_label("16 comments on this page");

    let mut overview = app_with(vec![big; PAGES]);
    click(&mut overview, "Overview");
    click(
        &mut overview,
        &format!("Every page of this run ({PAGES} pages)"),
    );
    // The thresholded label counted on most comments: the largest histogram and lists.
    let label = {
        let state = overview.state().state();
        let all = state
            .pages
            .overview(streamlens::state::OverviewScope::History);
        assert_eq!(all.comments(), PAGES * 1024);
        let rows = all.rows(Default::default(), false);
        let busiest = rows
            .into_iter()
            .filter(|row| row.threshold.value().is_some_and(|t| t < 1.0));
        busiest
            .max_by_key(|row| row.above + row.below)
            .unwrap()
            .path
            .to_string()
    };
    click(&mut overview, &label);
    let slider = overview.get_by_role_and_label(Role::Slider, "What-if threshold");
    let value = slider.accesskit_node().numeric_value().unwrap();
    slider.set_value_accesskit(value - 0.1);
    overview.run();
    click(&mut overview, "Would enter");
    assert!(overview.query_all_by_role(Role::ListBoxOption).count() > 0);

    let mut group = c.benchmark_group("app_frame");
    group.bench_function("reference: the inspector on a 16-comment page", |b| {
        b.iter(|| reference.step())
    });
    group.bench_function(
        "the overview of 64 x 1024 comments, what-if and list beside",
        |b| b.iter(|| overview.step()),
    );
    group.finish();
}

criterion_group!(benches, overview_frame);
criterion_main!(benches);
