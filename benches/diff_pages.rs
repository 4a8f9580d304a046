//! `streamlens diff` of two 1024-comment pages against its reference, parsing both pages, in
//! the same run. A is the stand-in server's `bulk` stream as served; B is A after a model
//! upgrade made by hand: every probability moved (some labels cross their threshold), one
//! comment in 16 lost its general fields, and 8 comments are replaced by others. Both are
//! exports with the stream's thresholds, as File → Export writes them.
//!
//! The diff is the command's whole work short of printing: reading both files, opening them
//! as File → Open does, comparing, and writing the output, for each format. Its parts are
//! measured too: opening both files, and comparing the opened pages. The ratio to the reference
//! (goal ≤ 2) is measured with the two alternating and printed (see `scripts/perf`).

use std::hint::black_box;
use std::path::Path;
use std::time::{Duration, Instant};

use bytes::Bytes;
use criterion::{Criterion, criterion_group, criterion_main};
use serde_json::{Value, json};
use streamlens::api::{
    Client, ClientConfig, Endpoint, Page, PageRequest, Progress, Route, StreamModel, StreamRef,
    Token,
};
use streamlens::cli::diff::{DiffFormat, diff_files};
use streamlens::compare::{Side, compare};
use streamlens::demo_server::{DemoServer, ServerConfig};
use streamlens::export::{self, Provenance};

const SIZE: u32 = 1024;

/// The bulk stream's first page and the stream's model, from the stand-in server over loopback.
fn served_page() -> (Page, StreamModel, Endpoint, StreamRef) {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    runtime.block_on(async {
        let server = DemoServer::start(ServerConfig::default()).await.unwrap();
        let endpoint = Endpoint::parse(&server.base_url()).unwrap();
        let client = Client::new(
            endpoint.clone(),
            Token::new(server.token()),
            ClientConfig::default(),
        )
        .unwrap();
        let stream: StreamRef = "northwind-bank/service-mail/bulk".parse().unwrap();
        let request = PageRequest {
            route: Route::Fetch,
            size: SIZE,
            max_filtered: None,
        };
        let page = client
            .peek(&stream, request, &|_: Progress| {})
            .await
            .unwrap();
        let model = client.stream(&stream).await.unwrap().model.unwrap();
        (page, model, endpoint, stream)
    })
}

/// A after the hand-made upgrade (see the file's comment).
fn upgraded(a: &Page) -> Page {
    let mut body: Value = serde_json::from_slice(&a.raw).unwrap();
    for (i, result) in body["results"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .enumerate()
    {
        for label in result["labels"].as_array_mut().unwrap() {
            let p = label["probability"].as_f64().unwrap();
            label["probability"] = json!((p * 1.1 + 0.02).min(1.0));
        }
        if i % 16 == 0 {
            result["entities"] = json!([]);
        }
        if i % 128 == 5 {
            result["comment"]["uid"] = json!(format!("replaced.{i}"));
        }
    }
    Page::parse(
        Route::Fetch,
        Bytes::from(serde_json::to_vec(&body).unwrap()),
    )
    .unwrap()
}

fn diff(c: &mut Criterion) {
    let (a, model, endpoint, stream) = served_page();
    let b = upgraded(&a);
    assert_eq!(
        (a.results.len(), b.results.len()),
        (1024, 1024),
        "two full pages"
    );
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, page: &Page| {
        let at = jiff::Timestamp::now();
        let source = Provenance::new(&endpoint, &stream, Some(&model), page, SIZE, at);
        let path = dir.path().join(name);
        std::fs::write(&path, export::wrapped_json(page, &source)).unwrap();
        path
    };
    let (path_a, path_b) = (write("a.json", &a), write("b.json", &b));
    let (raw_a, raw_b) = (a.raw.clone(), b.raw.clone());
    let table = diff_files(&path_a, &path_b, DiffFormat::Table).unwrap();
    eprintln!(
        "pages: {} and {} bytes; {}",
        raw_a.len(),
        raw_b.len(),
        String::from_utf8_lossy(&table.bytes)
            .lines()
            .next()
            .unwrap_or_default()
    );

    let parse_both = || {
        let a = Page::parse(Route::Fetch, black_box(raw_a.clone())).unwrap();
        let b = Page::parse(Route::Fetch, black_box(raw_b.clone())).unwrap();
        (a, b)
    };
    let mut group = c.benchmark_group("diff_1024");
    group.bench_function("parse_both", |bench| bench.iter(parse_both));
    // The parts of the work: opening both files (reading, finding the response, parsing), and
    // comparing the opened pages.
    group.bench_function("open_both", |bench| {
        bench.iter(|| {
            let a = export::open_file(black_box(&path_a)).unwrap();
            let b = export::open_file(black_box(&path_b)).unwrap();
            (a, b)
        })
    });
    let opened = [&path_a, &path_b].map(|path| export::open_file(path).unwrap());
    group.bench_function("compare", |bench| {
        bench.iter(|| {
            let [a, b] = &opened;
            compare(Side::opened(black_box(a)), Side::opened(black_box(b)))
        })
    });
    // Each format's diff alternates with the reference, one round each, so that both see the
    // same load on this shared machine; criterion reports the diff's time, and the ratio of the
    // two sums is printed as `ratio FORMAT: …` for scripts/perf.
    let formats = [
        ("table", DiffFormat::Table),
        ("json", DiffFormat::Json),
        ("csv", DiffFormat::Csv),
    ];
    for (name, format) in formats {
        let (mut diffing_sum, mut parsing_sum, mut rounds_sum) =
            (Duration::ZERO, Duration::ZERO, 0);
        group.bench_function(name, |bench| {
            bench.iter_custom(|rounds| {
                let (mut diffing, mut parsing) = (Duration::ZERO, Duration::ZERO);
                for _ in 0..rounds {
                    let start = Instant::now();
                    drop(black_box(parse_both()));
                    parsing += start.elapsed();
                    let start = Instant::now();
                    black_box(run(black_box(&path_a), black_box(&path_b), format));
                    diffing += start.elapsed();
                }
                (diffing_sum, parsing_sum) = (diffing_sum + diffing, parsing_sum + parsing);
                rounds_sum += rounds;
                diffing
            })
        });
        let per_round = |sum: Duration| sum.as_secs_f64() * 1e3 / rounds_sum as f64;
        eprintln!(
            "ratio {name}: diff {:.2} ms, parse both {:.2} ms, alternating over {rounds_sum} \
             rounds = {:.2}",
            per_round(diffing_sum),
            per_round(parsing_sum),
            diffing_sum.as_secs_f64() / parsing_sum.as_secs_f64()
        );
    }
    group.finish();
}

fn run(a: &Path, b: &Path, format: DiffFormat) -> usize {
    diff_files(a, b, format).unwrap().bytes.len()
}

criterion_group!(benches, diff);
criterion_main!(benches);
