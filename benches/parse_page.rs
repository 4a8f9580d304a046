//! Parsing and normalising the largest page the API serves: 1024 comments from the stand-in
//! server's `bulk` stream, on both routes, as the client receives them (raw bytes in, typed page
//! with raw ranges out). Criterion reports the throughput in bytes per second.

use std::hint::black_box;

use bytes::Bytes;
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use streamlens::api::{Page, Route};
use streamlens::demo_server::{DemoServer, ServerConfig};

const SIZE: usize = 1024;

/// One page's response body, read from the stand-in server over loopback.
fn page_bytes(route: Route) -> Bytes {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    runtime.block_on(async {
        let server = DemoServer::start(ServerConfig::default()).await.unwrap();
        let base = format!(
            "{}/api/v1/datasets/northwind-bank/service-mail/streams/bulk",
            server.base_url()
        );
        let http = reqwest::Client::new();
        let request = match route {
            Route::Fetch => http
                .post(format!("{base}/fetch"))
                .body(format!("{{\"size\":{SIZE}}}")),
            Route::Results => http.get(format!("{base}/results?max_results={SIZE}")),
        };
        request
            .bearer_auth(server.token())
            .send()
            .await
            .unwrap()
            .bytes()
            .await
            .unwrap()
    })
}

fn parse(c: &mut Criterion) {
    let mut group = c.benchmark_group("parse_page_1024");
    for route in Route::ALL {
        let raw = page_bytes(route);
        let page = Page::parse(route, raw.clone()).unwrap();
        assert_eq!(page.results.len(), SIZE, "a full page");
        assert!(page.problems.is_empty());
        eprintln!("{} page: {} bytes", route.as_str(), raw.len());
        group.throughput(Throughput::Bytes(raw.len() as u64));
        group.bench_function(route.as_str(), |b| {
            b.iter(|| Page::parse(route, black_box(raw.clone())).unwrap())
        });
    }
    group.finish();
}

criterion_group!(benches, parse);
criterion_main!(benches);
