use super::*;

fn comment(messages: serde_json::Value) -> Comment {
    serde_json::from_value(serde_json::json!({"id": "1", "uid": "s.1", "messages": messages}))
        .unwrap()
}

fn span(json: serde_json::Value) -> Span {
    serde_json::from_value(json).unwrap()
}

fn chars(part: &str, message: usize, start: usize, end: usize) -> Span {
    span(
        serde_json::json!({"content_part": part, "message_index": message,
                            "char_start": start, "char_end": end}),
    )
}

fn utf16(part: &str, message: usize, start: usize, end: usize) -> Span {
    span(
        serde_json::json!({"content_part": part, "message_index": message,
                            "utf16_byte_start": start, "utf16_byte_end": end}),
    )
}

fn resolved_text<'c>(comment: &'c Comment, resolved: &ResolvedSpan) -> &'c str {
    let message = &comment.messages[resolved.message_index];
    &resolved.part.text_of(message).unwrap()[resolved.bytes.clone()]
}

#[test]
fn char_and_utf16_offsets_agree_after_an_emoji_and_a_zwj_family() {
    // 👨‍👩‍👧 is 5 code points and 8 UTF-16 units; 👋 is 1 code point and 2 units.
    let text = "👨\u{200d}👩\u{200d}👧 hi 👋 ID-7 end";
    let c = comment(serde_json::json!([{"body": {"text": text}}]));
    let start_chars = text.chars().take_while(|&ch| ch != 'I').count();
    let start_units: usize = text[..text.find("ID").unwrap()].encode_utf16().count();
    let spans = [
        chars("body", 0, start_chars, start_chars + 4),
        utf16("body", 0, start_units * 2, (start_units + 4) * 2),
    ];
    for answer in resolve_spans(&c, &spans) {
        assert_eq!(resolved_text(&c, &answer.unwrap()), "ID-7");
    }
}

#[test]
fn combining_marks_rtl_and_cjk_count_as_the_api_counts() {
    // "e" + combining acute is two code points; Hebrew and CJK are one unit each.
    let text = "e\u{301} שלום 東京 café";
    let c = comment(serde_json::json!([{"subject": {"text": text}, "body": {"text": ""}}]));
    let spans = [
        chars("subject", 0, 0, 2),
        chars("subject", 0, 3, 7),
        utf16("subject", 0, 16, 20),
        chars("subject", 0, 11, 15),
    ];
    let texts: Vec<_> = resolve_spans(&c, &spans)
        .into_iter()
        .map(|answer| resolved_text(&c, &answer.unwrap()).to_owned())
        .collect();
    assert_eq!(texts, ["e\u{301}", "שלום", "東京", "café"]);
}

#[test]
fn char_offsets_win_and_utf16_is_used_only_when_they_are_absent() {
    let c = comment(serde_json::json!([{"body": {"text": "ab👋cd"}}]));
    let both = span(
        serde_json::json!({"content_part": "body", "message_index": 0,
        "char_start": 3, "char_end": 5, "utf16_byte_start": 0, "utf16_byte_end": 2}),
    );
    let half = span(
        serde_json::json!({"content_part": "body", "message_index": 0,
        "char_start": 3, "utf16_byte_start": 8, "utf16_byte_end": 12}),
    );
    let answers = resolve_spans(&c, [&both, &half]);
    assert_eq!(resolved_text(&c, answers[0].as_ref().unwrap()), "cd");
    assert_eq!(resolved_text(&c, answers[1].as_ref().unwrap()), "cd");
}

#[test]
fn spans_that_do_not_fit_are_errors_in_words() {
    let c = comment(serde_json::json!([{"body": {"text": "a👋b"}}]));
    let cases = [
        (
            chars("body", 0, 0, 9),
            SpanError::OutOfRange {
                offset: 9,
                length: 3,
                unit: OffsetUnit::Char,
            },
        ),
        (
            chars("body", 0, 2, 1),
            SpanError::Inverted {
                start: 2,
                end: 1,
                unit: OffsetUnit::Char,
            },
        ),
        (utf16("body", 0, 1, 4), SpanError::OddUtf16Offset(1)),
        (utf16("body", 0, 4, 6), SpanError::InsideSurrogatePair(4)),
        (
            chars("footer", 0, 0, 1),
            SpanError::UnknownPart(Some("footer".into())),
        ),
        (
            chars("body", 3, 0, 1),
            SpanError::NoSuchMessage { index: 3, count: 1 },
        ),
        (
            chars("signature", 0, 0, 1),
            SpanError::PartAbsent {
                message_index: 0,
                part: ContentPart::Signature,
            },
        ),
        (
            span(serde_json::json!({"content_part": "body", "message_index": 0})),
            SpanError::NoOffsets,
        ),
        (
            span(serde_json::json!({"message_index": 0, "char_start": 0, "char_end": 1})),
            SpanError::UnknownPart(None),
        ),
        (
            span(serde_json::json!({"content_part": "body", "char_start": 0, "char_end": 1})),
            SpanError::MissingMessageIndex,
        ),
    ];
    for (span, expected) in cases {
        let answer = resolve_spans(&c, [&span]).remove(0);
        assert_eq!(answer.as_ref().err(), Some(&expected), "{span:?}");
        assert!(!expected.to_string().is_empty());
    }
}

#[test]
fn the_end_of_the_text_and_empty_spans_fit() {
    let c = comment(serde_json::json!([{"body": {"text": "a👋"}}]));
    let answers = resolve_spans(&c, [&utf16("body", 0, 2, 6), &chars("body", 0, 2, 2)]);
    assert_eq!(answers[0].as_ref().unwrap().bytes, 1..5);
    assert_eq!(answers[1].as_ref().unwrap().bytes, 5..5);
}

#[test]
fn spans_in_several_messages_and_parts_keep_their_order() {
    let c = comment(serde_json::json!([
        {"body": {"text": "first body"}, "signature": {"text": "Jan"}},
        {"subject": {"text": "Re: x"}, "body": {"text": "second"}}
    ]));
    let spans = [
        chars("body", 1, 0, 6),
        chars("signature", 0, 0, 3),
        chars("subject", 1, 4, 5),
        chars("body", 0, 6, 10),
    ];
    let texts: Vec<_> = resolve_spans(&c, &spans)
        .into_iter()
        .map(|answer| resolved_text(&c, &answer.unwrap()).to_owned())
        .collect();
    assert_eq!(texts, ["second", "Jan", "x", "body"]);
}
