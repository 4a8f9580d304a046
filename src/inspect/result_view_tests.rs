use serde_json::json;

use super::*;
use crate::inspect::{SpanError, test_pages};

fn span(part: &str, start: usize, end: usize) -> serde_json::Value {
    json!({"content_part": part, "message_index": 0, "char_start": start, "char_end": end})
}

#[test]
fn entities_are_listed_with_spans_and_drawn_where_they_fit() {
    let page = test_pages::page(
        Route::Fetch,
        vec![json!({
            "comment": {"messages": [{"subject": {"text": "Ref AB-1 and CD-2"},
                                      "body": {"text": "see AB-1"}}]},
            "entities": [
                {"name": "ref", "formatted_value": "AB-1", "probability": 0.9,
                 "spans": [span("subject", 4, 8)], "span": span("body", 4, 8)},
                {"kind": "ref", "formatted_value": "CD-2",
                 "spans": [span("subject", 13, 17)], "span": span("subject", 13, 17)},
                {"formatted_value": "lost", "spans": [span("subject", 40, 44)]}
            ]
        })],
    );
    let view = ResultView::build(&page.results[0], Route::Fetch, &Thresholds::default());
    let names: Vec<_> = view
        .general_fields
        .iter()
        .map(|f| f.name.as_str())
        .collect();
    assert_eq!(names, ["ref", "ref", "(unnamed field)"]);
    // The deprecated span counts when it adds something, not when it repeats `spans`.
    let span_counts: Vec<_> = view.general_fields.iter().map(|f| f.spans.len()).collect();
    assert_eq!(span_counts, [2, 1, 1]);
    assert!(matches!(
        view.general_fields[2].spans[0],
        Err(SpanError::OutOfRange { .. })
    ));
    assert_eq!(view.general_fields[0].confidence, Some(0.9));

    let subject = view.highlights(0, ContentPart::Subject).unwrap();
    let text = "Ref AB-1 and CD-2";
    let drawn: Vec<_> = subject
        .segments
        .iter()
        .map(|(range, field)| (&text[range.clone()], *field))
        .collect();
    assert_eq!(
        drawn,
        [
            ("Ref ", None),
            ("AB-1", Some(FieldRef::General(0))),
            (" and ", None),
            ("CD-2", Some(FieldRef::General(1)))
        ]
    );
    let body = view.highlights(0, ContentPart::Body).unwrap();
    assert_eq!(
        body.segments,
        [(0..4, None), (4..8, Some(FieldRef::General(0)))]
    );
    assert!(view.highlights(0, ContentPart::Signature).is_none());
    assert_eq!(
        view.field(FieldRef::General(1)).unwrap().value.as_deref(),
        Some("CD-2")
    );
    assert!(view.field(FieldRef::General(3)).is_none());
}

#[test]
fn every_part_of_every_message_with_a_span_has_its_highlights() {
    let at = |part: &str, message: usize| json!({"content_part": part, "message_index": message, "char_start": 0, "char_end": 2});
    let messages: Vec<_> = (0..5)
        .map(|m| {
            json!({"subject": {"text": format!("s{m}")}, "body": {"text": format!("b{m}")},
                        "signature": {"text": format!("g{m}")}})
        })
        .collect();
    let spans = [
        at("signature", 4),
        at("body", 2),
        at("subject", 2),
        at("body", 0),
    ];
    let page = test_pages::page(
        Route::Fetch,
        vec![json!({"comment": {"messages": messages},
                    "entities": [{"name": "x", "spans": spans}]})],
    );
    let view = ResultView::build(&page.results[0], Route::Fetch, &Thresholds::default());
    for (message, part) in [
        (4, ContentPart::Signature),
        (2, ContentPart::Body),
        (2, ContentPart::Subject),
        (0, ContentPart::Body),
    ] {
        let found = view.highlights(message, part).expect("a span points here");
        assert_eq!((found.message_index, found.part), (message, part));
        assert_eq!(found.segments, [(0..2, Some(FieldRef::General(0)))]);
    }
    assert!(view.highlights(0, ContentPart::Subject).is_none());
    assert!(view.highlights(9, ContentPart::Body).is_none());
}

#[test]
fn extracted_fields_point_at_their_label_row_after_sorting() {
    let occurrence = |name: &str, value: f64, field: &str, start: usize| {
        json!({"name": name, "occurrence_confidence": {"value": value, "thresholds": []},
               "fields": [{"name": field, "value": {"formatted": field},
                           "text_spans": [{"content_part": "body", "message_index": 0,
                                           "utf16_byte_start": start * 2,
                                           "utf16_byte_end": (start + 2) * 2}]},
                          {"name": "missing", "value": null, "text_spans": []}]})
    };
    let page = test_pages::page(
        Route::Results,
        vec![json!({
            "comment": {"messages": [{"body": {"text": "aa bb cc"}}]},
            "prediction": {"taxonomies": [
                {"name": "other", "labels": [occurrence("Ignored", 1.0, "x", 0)]},
                {"name": "default",
                 "labels": [occurrence("Low", 0.2, "aa", 0), occurrence("High", 0.8, "cc", 6)],
                 "general_fields": [{"name": "date", "value": {"formatted": "2025"},
                                     "confidence": 0.5,
                                     "text_spans": [{"content_part": "body", "message_index": 0,
                                                     "utf16_byte_start": 6, "utf16_byte_end": 10}]}]}
            ]}
        })],
    );
    let view = ResultView::build(&page.results[0], Route::Results, &Thresholds::default());
    let list = view.label_list().unwrap();
    let order: Vec<_> = list.rows().iter().map(|row| row.path.to_string()).collect();
    assert_eq!(
        order,
        ["High", "Low"],
        "only the default taxonomy, by probability"
    );
    assert_eq!(list.rows()[0].fields.len(), 2);
    assert_eq!(list.rows()[0].fields[1].value, None);

    let body = view.highlights(0, ContentPart::Body).unwrap();
    let tags: Vec<_> = body.segments.iter().map(|(_, field)| *field).collect();
    let low = FieldRef::Extracted {
        label_row: 1,
        field: 0,
    };
    let high = FieldRef::Extracted {
        label_row: 0,
        field: 0,
    };
    assert_eq!(
        tags,
        [
            Some(low),
            None,
            Some(FieldRef::General(0)),
            None,
            Some(high)
        ]
    );
    assert_eq!(view.field(low).unwrap().name, "aa");
    assert_eq!(view.field(high).unwrap().name, "cc");
    assert_eq!(view.general_fields[0].confidence, Some(0.5));
}
