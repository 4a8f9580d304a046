//! The overview at the history's full size: 64 pages of the stand-in server's 1024-comment
//! `bulk` stream, read through the real client. What a page's arrival costs (its columns, then
//! the overview of the whole history) and what a what-if drag step costs, beside a reference
//! measured in the same run: serde_json's untyped parse of one such page.

use std::hint::black_box;
use std::sync::Arc;

use criterion::{Criterion, criterion_group, criterion_main};
use streamlens::api::{Client, ClientConfig, Endpoint, Page, PageRequest, Route, StreamModel};
use streamlens::api::{Progress, Token};
use streamlens::demo_server::{DemoServer, ServerConfig};
use streamlens::inspect::overview::{LabelSort, Overview, PageColumns, Threshold};
use streamlens::inspect::{PageGeneration, PageIndex};

const PAGES: usize = 64;

/// One page of `bulk` at 1024 comments, and the stream's model, as the app gets them.
fn bulk_page() -> (Page, Option<StreamModel>) {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    runtime.block_on(async {
        let server = DemoServer::start(ServerConfig::default()).await.unwrap();
        let endpoint = Endpoint::parse(&server.base_url()).unwrap();
        let client = Client::new(
            endpoint,
            Token::new(server.token()),
            ClientConfig::default(),
        )
        .unwrap();
        let streams = client
            .streams("northwind-bank", "service-mail")
            .await
            .unwrap();
        let model = streams
            .into_iter()
            .find(|s| s.name == "bulk")
            .unwrap()
            .model;
        let request = PageRequest {
            route: Route::Fetch,
            size: 1024,
            max_filtered: None,
        };
        let stream = "northwind-bank/service-mail/bulk".parse().unwrap();
        let page = client
            .peek(&stream, request, &|_: Progress| {})
            .await
            .unwrap();
        (page, model)
    })
}

fn overview(c: &mut Criterion) {
    let (page, model) = bulk_page();
    assert_eq!(page.results.len(), 1024, "a full page");
    let index = PageIndex::build(&page, model.as_ref());
    let columns = PageColumns::build(&index);
    let history: Vec<(PageGeneration, Arc<PageColumns>)> = (0..PAGES)
        .map(|n| (PageGeneration(n as u64), Arc::new(columns.clone())))
        .collect();
    let whole = Overview::build(history.clone());
    assert_eq!(whole.comments(), PAGES * 1024);
    // The label with the most predictions against a threshold: the largest what-if.
    let label = whole
        .rows(LabelSort::Name, false)
        .into_iter()
        .filter(|row| matches!(row.threshold, Threshold::At(_)))
        .max_by_key(|row| row.above + row.below)
        .expect("bulk has labels with thresholds")
        .path
        .clone();
    eprintln!(
        "{} bytes a page; what-if on {label}: {} predictions in the history",
        page.raw.len(),
        whole.label(&label).map_or(0, |l| l.above + l.below)
    );

    let mut group = c.benchmark_group("overview_64x1024");
    group.bench_function("reference: untyped serde_json parse of one page", |b| {
        b.iter(|| serde_json::from_slice::<serde_json::Value>(black_box(&page.raw)).unwrap())
    });
    group.bench_function("page arrives: its columns (1024 comments)", |b| {
        b.iter(|| PageColumns::build(black_box(&index)))
    });
    group.bench_function("page arrives: overview of the history", |b| {
        b.iter(|| Overview::build(black_box(history.clone())))
    });
    let mut step = 0;
    group.bench_function("what-if counts, one drag step", |b| {
        b.iter(|| {
            step = (step + 1) % 100;
            whole
                .what_if(black_box(&label), step as f64 / 100.0)
                .unwrap()
        })
    });
    group.bench_function("would-enter list at 30 %", |b| {
        b.iter(|| whole.would_enter(black_box(&label), 0.3).unwrap().len())
    });
    group.bench_function("histogram of the label", |b| {
        b.iter(|| whole.histogram(black_box(&label)).unwrap())
    });
    let shown = Overview::build(history[..1].iter().cloned());
    group.bench_function("borderline order of the shown page", |b| {
        b.iter(|| shown.borderline(black_box(&label), 0.5).unwrap().len())
    });
    group.finish();
}

criterion_group!(benches, overview);
criterion_main!(benches);
