//! The overview on the stand-in server's demo streams, read through the real client on both
//! routes: every count agrees with the label bars of the same page, the what-if with a count of
//! the bars' rows, the label filter with the comment list's, and the odd cases (labels off, a
//! stream without a model) say so.

use std::sync::Arc;

use streamlens::api::{
    Client, ClientConfig, Endpoint, LabelPath, Page, PageRequest, Progress, Route, StreamModel,
    Token,
};
use streamlens::demo_server::{DemoServer, ServerConfig};
use streamlens::inspect::overview::{LabelSort, Note, Overview, PageColumns, Threshold};
use streamlens::inspect::{LabelMode, LabelState, PageFilter, PageGeneration, PageIndex};

/// A page of `stream` (in northwind-bank/service-mail) and the stream's model, as the app gets
/// them.
fn page(stream: &str, route: Route, size: u32) -> (Page, Option<StreamModel>) {
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
        let streams = client.streams("northwind-bank", "service-mail").await;
        let model = streams.unwrap().into_iter().find(|s| s.name == stream);
        let request = PageRequest {
            route,
            size,
            max_filtered: None,
        };
        let at = format!("northwind-bank/service-mail/{stream}")
            .parse()
            .unwrap();
        let page = client.peek(&at, request, &|_: Progress| {}).await.unwrap();
        (page, model.unwrap().model)
    })
}

/// For each comment, its label rows that are not placeholders, as the bars show them.
fn bar_rows(index: &PageIndex, label: &LabelPath) -> Vec<(usize, Option<f64>, LabelState)> {
    let mut rows = Vec::new();
    for (result, view) in index.results.iter().enumerate() {
        let best = (view.label_list().into_iter())
            .flat_map(|list| list.rows())
            .filter(|row| &row.path == label && !row.is_placeholder())
            .max_by(|a, b| {
                a.probability
                    .unwrap_or(-1.0)
                    .total_cmp(&b.probability.unwrap_or(-1.0))
            });
        if let Some(row) = best {
            rows.push((result, row.probability, row.state));
        }
    }
    rows
}

#[test]
fn on_triage_every_number_agrees_with_the_label_bars_on_both_routes() {
    for route in Route::ALL {
        let (page, model) = page("triage", route, 300);
        assert!(page.results.len() >= 100, "{route}: a real page");
        let index = PageIndex::build(&page, model.as_ref());
        let columns = Arc::new(PageColumns::build(&index));
        let overview = Overview::build([(PageGeneration(7), columns)]);
        let rows = overview.rows(LabelSort::Above, true);
        assert!(rows.len() >= 8, "{route}: the taxonomy's labels");
        assert!(
            rows.iter().any(|row| row.threshold == Threshold::Off
                && row.notes.iter().any(|n| matches!(n, Note::Off { .. }))),
            "{route}: the demo switches labels off"
        );
        for row in rows.iter().filter(|row| row.predicted) {
            let bars = bar_rows(&index, &row.path);
            let above = bars.iter().filter(|b| b.2 == LabelState::Above).count();
            assert_eq!(row.comments, bars.len(), "{route} {}", row.path);
            assert_eq!(row.above, above, "{route} {}", row.path);
            assert_eq!(row.below, bars.len() - above, "{route} {}", row.path);
            let histogram = overview.histogram(&row.path).unwrap();
            let binned: usize = histogram.above.iter().chain(&histogram.below).sum();
            assert_eq!(binned, row.above + row.below);

            // What a threshold of 40 % would change, counted on the bars' rows.
            let lets_through = |p: f64| p >= 0.4;
            let enter: Vec<usize> = (bars.iter())
                .filter(|b| b.2 != LabelState::Above && lets_through(b.1.unwrap()))
                .map(|b| b.0)
                .collect();
            let leave: Vec<usize> = (bars.iter())
                .filter(|b| b.2 == LabelState::Above && !lets_through(b.1.unwrap()))
                .map(|b| b.0)
                .collect();
            let results = |list: Vec<_>| -> Vec<usize> {
                list.into_iter()
                    .map(|c: streamlens::inspect::overview::CommentRef| c.result)
                    .collect()
            };
            assert_eq!(
                results(overview.would_enter(&row.path, 0.4).unwrap()),
                enter
            );
            assert_eq!(
                results(overview.would_leave(&row.path, 0.4).unwrap()),
                leave
            );
            if let Threshold::At(t) = row.threshold {
                let none = overview.what_if(&row.path, t).unwrap();
                assert_eq!((none.enter, none.leave), (0, 0), "{route} {}", row.path);
            }
        }
        for row in &rows {
            let filter = PageFilter {
                label: Some(row.path.clone()),
                label_mode: LabelMode::Any,
                ..PageFilter::default()
            };
            let listed = index.filter(&page, &filter);
            let with: Vec<usize> = (overview.comments_with(&row.path).into_iter())
                .map(|c| c.result)
                .collect();
            assert_eq!(with, listed, "{route} {}", row.path);
        }
    }
}

#[test]
fn a_stream_without_a_model_says_its_comments_have_no_labels() {
    let (page, model) = page("no-model", Route::Fetch, 16);
    assert!(model.is_none());
    let index = PageIndex::build(&page, None);
    let overview = Overview::build([(PageGeneration(1), Arc::new(PageColumns::build(&index)))]);
    assert_eq!(
        overview.notes(),
        [Note::NoModel {
            comments: page.results.len()
        }]
    );
    assert!(overview.rows(LabelSort::Name, false).is_empty());
}
