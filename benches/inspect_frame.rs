//! The CPU time of one frame of the inspector (a kittest step, no renderer) on a page of 16
//! comments and on one of 1024: the thread list lays out only the rows in view and the filter
//! is cached, so the big page should cost about as much as the small one.

use bytes::Bytes;
use criterion::{Criterion, criterion_group, criterion_main};
use egui_kittest::Harness;
use serde_json::{Value, json};

use streamlens::api::{Page, Route};
use streamlens::inspect::overview::LabelColours;
use streamlens::inspect::{PageGeneration, PageIndex};
use streamlens::ui::commands;
use streamlens::ui::inspect::Inspector;

struct View {
    inspector: Inspector,
    page: Page,
    index: PageIndex,
}

/// `count` copies of the first example result, each its own comment, four to a thread.
fn page(count: usize) -> Page {
    let example: Value =
        serde_json::from_str(include_str!("../assets/api-examples/fetch-new-claims.json"))
            .expect("the example is JSON");
    let results: Vec<Value> = (0..count)
        .map(|i| {
            let mut result = example["results"][0].clone();
            result["sequence_id"] = json!(format!("seq-{i}"));
            let comment = &mut result["comment"];
            comment["id"] = json!(format!("msg-{i}"));
            comment["uid"] = json!(format!("18ba5ce699f8da1f.msg-{i}"));
            comment["thread_id"] = json!(format!("thr-{}", i / 4));
            result
        })
        .collect();
    let body = json!({"status": "ok", "filtered": 0, "is_end_sequence": false,
                      "sequence_id": "end", "results": results});
    Page::parse(Route::Fetch, Bytes::from(body.to_string())).expect("the generated page parses")
}

fn harness(count: usize) -> Harness<'static, View> {
    let page = page(count);
    let view = View {
        index: PageIndex::build(&page, None),
        inspector: Inspector::default(),
        page,
    };
    let mut harness = Harness::builder()
        .with_size([1400.0, 900.0])
        .build_ui_state(
            |ui, view: &mut View| {
                let colours = LabelColours::default();
                let hints = commands::inspector_hints(ui.ctx());
                let (page, index) = (&view.page, &view.index);
                (view.inspector).show(ui, PageGeneration(1), page, index, &colours, &hints)
            },
            view,
        );
    // The first comment is selected as the page is shown.
    harness.run();
    harness
}

fn inspect_frame(c: &mut Criterion) {
    for count in [16, 1024] {
        let mut harness = harness(count);
        assert_eq!(harness.state().inspector.selected(), Some(0));
        c.bench_function(&format!("one inspector frame, {count} comments"), |b| {
            b.iter(|| harness.step())
        });
    }
}

criterion_group!(benches, inspect_frame);
criterion_main!(benches);
