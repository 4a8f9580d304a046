//! The inspector's logic on every example payload of the API reference, read by the real parser.

use bytes::Bytes;
use serde::Deserialize;
use serde_json::json;

use streamlens::api::{LabelPath, Page, Route, Stream, StreamModel};
use streamlens::inspect::{
    ContentPart, FieldRef, LabelMode, LabelRow, LabelState, Labels, PageFilter, PageIndex,
    resolve_spans,
};

fn example(route: Route, text: &'static str) -> Page {
    Page::parse(route, Bytes::from_static(text.as_bytes())).expect("the example parses")
}

fn docs_example() -> Page {
    example(
        Route::Fetch,
        include_str!("../assets/api-examples/fetch-docs-example.json"),
    )
}

fn fetch_new_claims() -> Page {
    example(
        Route::Fetch,
        include_str!("../assets/api-examples/fetch-new-claims.json"),
    )
}

fn results_new_claims() -> Page {
    example(
        Route::Results,
        include_str!("../assets/api-examples/results-new-claims.json"),
    )
}

/// The `new-claims` stream's model: Claim > New at 0.63, Claim > Status Query at 1.0 (off).
fn new_claims_model() -> StreamModel {
    #[derive(Deserialize)]
    struct Listing {
        streams: Vec<Stream>,
    }
    let listing: Listing =
        serde_json::from_str(include_str!("../assets/api-examples/streams-claims.json")).unwrap();
    let stream = listing
        .streams
        .into_iter()
        .find(|s| s.name == "new-claims")
        .unwrap();
    stream.model.expect("the example stream has a model")
}

fn rows(labels: &Labels) -> &[LabelRow] {
    match labels {
        Labels::Predicted(list) => list.rows(),
        Labels::NoModel => panic!("expected predictions"),
    }
}

/// `(path, depth, probability, state, threshold)` per row.
type RowShape = (String, usize, Option<f64>, LabelState, Option<f64>);

fn shape(rows: &[LabelRow]) -> Vec<RowShape> {
    rows.iter()
        .map(|r| {
            (
                r.path.to_string(),
                r.depth,
                r.probability,
                r.state,
                r.threshold,
            )
        })
        .collect()
}

#[test]
fn docs_example_two_comments_share_one_thread() {
    let page = docs_example();
    let index = PageIndex::build(&page, None);
    assert_eq!(index.threads.len(), 1);
    let thread = &index.threads.threads()[0];
    assert_eq!(
        thread.thread_id.as_deref(),
        Some("3c314542414538353242393446393")
    );
    assert_eq!(thread.comments, [0, 1]);
    assert_eq!((thread.comment_count(), thread.message_count()), (2, 2));
    // Both messages carry the same sent_at, so page order decides: the first e-mail's subject.
    assert_eq!(thread.subject.as_deref(), Some("Today's figures"));
    assert_eq!(
        thread.first_sender.as_deref(),
        page.results[0].comment.messages[0].from.as_deref()
    );
    assert_eq!(
        thread.started.as_ref().unwrap().text,
        "2011-12-11T11:02:03.000000+00:00"
    );
    let top: Vec<_> = thread
        .top_labels
        .iter()
        .map(|l| l.path.to_string())
        .collect();
    assert_eq!(
        top,
        [
            "Some Top-Level Label",
            "Another Top-Level Label > Child Label"
        ]
    );
}

#[test]
fn docs_example_labels_keep_their_hierarchy_and_an_empty_list_is_not_no_model() {
    let page = docs_example();
    let index = PageIndex::build(&page, None);
    assert!(rows(&index.results[0].labels).is_empty());
    assert_eq!(
        shape(rows(&index.results[1].labels)),
        [
            (
                "Some Top-Level Label".into(),
                0,
                Some(0.8374786376953125),
                LabelState::NoThreshold,
                None
            ),
            (
                "Another Top-Level Label".into(),
                0,
                None,
                LabelState::NotPredicted,
                None
            ),
            (
                "Another Top-Level Label > Child Label".into(),
                1,
                Some(0.6164003014564514),
                LabelState::NoThreshold,
                None
            ),
        ]
    );
}

#[test]
fn fetch_new_claims_labels_against_the_new_claims_stream() {
    let page = fetch_new_claims();
    let model = new_claims_model();
    let index = PageIndex::build(&page, Some(&model));
    let first = rows(&index.results[0].labels);
    assert_eq!(
        shape(first),
        [
            ("Claim".into(), 0, Some(0.97), LabelState::NoThreshold, None),
            (
                "Claim > New".into(),
                1,
                Some(0.88),
                LabelState::Above,
                Some(0.63)
            ),
        ]
    );
    assert_eq!(first[0].sentiment, Some(-0.42));
    // The second comment has no `labels` key: this stream result carries no model.
    assert!(matches!(index.results[1].labels, Labels::NoModel));
    let scores: Vec<_> = index.results[0]
        .scores
        .iter()
        .map(|s| (s.name.as_str(), s.value))
        .collect();
    assert_eq!(scores, [("Tone", -3.5)]);
    assert!(index.results[1].scores.is_empty());
}

#[test]
fn a_label_switched_off_in_the_stream_reads_off_and_a_lower_probability_below() {
    let body = json!({"status": "ok", "results": [{
        "comment": {"id": "1", "uid": "s.1"},
        "labels": [{"name": ["Claim", "Status Query"], "probability": 0.99},
                   {"name": ["Claim", "New"], "probability": 0.62}]
    }]});
    let page = Page::parse(Route::Fetch, Bytes::from(body.to_string())).unwrap();
    let model = new_claims_model();
    let index = PageIndex::build(&page, Some(&model));
    assert_eq!(
        shape(rows(&index.results[0].labels)),
        [
            ("Claim".into(), 0, None, LabelState::NotPredicted, None),
            (
                "Claim > Status Query".into(),
                1,
                Some(0.99),
                LabelState::Off,
                Some(1.0)
            ),
            (
                "Claim > New".into(),
                1,
                Some(0.62),
                LabelState::Below,
                Some(0.63)
            ),
        ]
    );
}

#[test]
fn the_policy_number_after_an_emoji_resolves_from_char_and_from_utf16_offsets() {
    let page = fetch_new_claims();
    let comment = &page.results[0].comment;
    let subject = &comment.messages[0].subject.as_ref().unwrap().text;
    let entity_span = &page.results[0].entities[0].spans[0];
    let mut by_chars = entity_span.clone();
    by_chars.utf16_byte_start = None;
    by_chars.utf16_byte_end = None;
    let mut by_utf16 = entity_span.clone();
    by_utf16.char_start = None;
    by_utf16.char_end = None;
    assert_eq!(
        (by_chars.char_start, by_chars.char_end),
        (Some(19), Some(28))
    );
    assert_eq!(
        (by_utf16.utf16_byte_start, by_utf16.utf16_byte_end),
        (Some(40), Some(58))
    );
    for answer in resolve_spans(comment, [entity_span, &by_chars, &by_utf16]) {
        let span = answer.expect("the span fits");
        assert_eq!(span.part, ContentPart::Subject);
        assert_eq!(&subject[span.bytes], "XE-182943");
    }

    let index = PageIndex::build(&page, None);
    let view = &index.results[0];
    let field = &view.general_fields[0];
    assert_eq!(
        (field.name.as_str(), field.value.as_deref()),
        ("policy_number", Some("XE-182943"))
    );
    let highlights = view.highlights(0, ContentPart::Subject).unwrap();
    let drawn: Vec<_> = highlights
        .segments
        .iter()
        .filter(|(_, field)| field.is_some())
        .map(|(range, field)| (&subject[range.clone()], *field))
        .collect();
    assert_eq!(drawn, [("XE-182943", Some(FieldRef::General(0)))]);
    assert!(index.results[1].general_fields.is_empty());
}

#[test]
fn fetch_new_claims_threads_keep_a_threadless_comment_alone() {
    let page = fetch_new_claims();
    let index = PageIndex::build(&page, None);
    let threads: Vec<_> = index
        .threads
        .threads()
        .iter()
        .map(|t| {
            (
                t.thread_id.as_deref(),
                t.comments.clone(),
                t.subject.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        threads,
        [
            (
                Some("thr-77"),
                vec![0],
                Some("New claim 👋 policy XE-182943")
            ),
            (None, vec![1], None),
        ]
    );
    assert_eq!(
        index.threads.threads()[0].first_sender.as_deref(),
        Some("jan.novák@example.cz")
    );
}

#[test]
fn results_route_labels_fields_and_scores() {
    let page = results_new_claims();
    let model = new_claims_model();
    let index = PageIndex::build(&page, Some(&model));
    let view = &index.results[0];
    let labels = rows(&view.labels);
    assert_eq!(
        shape(labels),
        [
            ("Claim".into(), 0, None, LabelState::NotPredicted, None),
            (
                "Claim > New".into(),
                1,
                Some(0.88),
                LabelState::Above,
                Some(0.63)
            ),
        ]
    );
    let new = &labels[1];
    assert_eq!(new.extraction_confidence, Some(0.71));
    assert_eq!(new.cleared, ["stream", "balanced", "high_recall"]);
    assert!(new.extraction_cleared.is_empty());
    let fields: Vec<_> = new
        .fields
        .iter()
        .map(|f| (f.name.as_str(), f.value.as_deref()))
        .collect();
    assert_eq!(
        fields,
        [
            ("Policy Number", Some("XE-182943")),
            ("Excess Amount", None)
        ]
    );

    let subject = &page.results[0].comment.messages[0]
        .subject
        .as_ref()
        .unwrap()
        .text;
    let span = new.fields[0].spans[0]
        .as_ref()
        .expect("the utf16 span fits");
    assert_eq!(&subject[span.bytes.clone()], "XE-182943");
    let drawn = view.highlights(0, ContentPart::Subject).unwrap();
    assert!(drawn.segments.contains(&(
        span.bytes.clone(),
        Some(FieldRef::Extracted {
            label_row: 1,
            field: 0
        })
    )));

    let general: Vec<_> = view
        .general_fields
        .iter()
        .map(|f| {
            (
                f.name.as_str(),
                f.value.as_deref(),
                f.confidence,
                f.spans.len(),
            )
        })
        .collect();
    assert_eq!(general, [("date", Some("2025-11-03"), None, 0)]);
    let scores: Vec<_> = view
        .scores
        .iter()
        .map(|s| (s.name.as_str(), s.value))
        .collect();
    assert_eq!(scores, [("Tone", -3.5)]);
}

#[test]
fn a_results_stream_without_a_model_says_so() {
    let body = json!({"status": "ok", "results": [
        {"comment": {"id": "1", "uid": "s.1"}, "prediction": null, "continuation": "c1"}
    ], "num_filtered": 0, "more_results": false});
    let page = Page::parse(Route::Results, Bytes::from(body.to_string())).unwrap();
    let index = PageIndex::build(&page, None);
    assert!(matches!(index.results[0].labels, Labels::NoModel));
    assert!(index.results[0].label_list().is_none());
    assert!(index.results[0].general_fields.is_empty() && index.results[0].scores.is_empty());
}

#[test]
fn filters_on_the_examples() {
    let page = fetch_new_claims();
    let model = new_claims_model();
    let index = PageIndex::build(&page, Some(&model));
    let matches = |filter: PageFilter| index.filter(&page, &filter);
    let text = PageFilter {
        text: "xe-182943 DAMAGED".into(),
        ..PageFilter::default()
    };
    assert_eq!(matches(text), [0]);
    let sender = PageFilter {
        text: "NOVÁK".into(),
        ..PageFilter::default()
    };
    assert_eq!(matches(sender), [0]);
    let above = PageFilter {
        label: Some(LabelPath::parse("Claim > New")),
        label_mode: LabelMode::AboveThreshold,
        ..PageFilter::default()
    };
    assert_eq!(matches(above), [0]);
    let folder = PageFilter {
        property: Some(("Folder: Path".into(), "urgent".into())),
        ..PageFilter::default()
    };
    assert_eq!(matches(folder), [0]);
    let field = PageFilter {
        has_general_field: Some("policy_number".into()),
        ..PageFilter::default()
    };
    assert_eq!(matches(field), [0]);
    assert_eq!(matches(PageFilter::default()), [0, 1]);
}
