//! Property tests: spans of any shape over awkward Unicode never panic, and whatever resolves
//! is a char-boundary range of the right text.

use proptest::prelude::*;

use streamlens::api::{Comment, Span};
use streamlens::inspect::{ContentPart, highlight_segments, resolve_spans};

/// Pieces that make offsets differ between bytes, code points and UTF-16 units.
#[rustfmt::skip]
const PIECES: &[&str] = &[
    // ASCII, CRLF, NBSP, NUL, zero-width space
    "a", "Z", " ", "\r\n", "\u{a0}", "\0", "\u{200b}",
    // precomposed and combining accents
    "é", "e\u{301}", "ñ",
    // right-to-left text and an override mark
    "שלום", "مرحبا", "\u{202e}",
    // CJK and Hangul
    "東京", "한",
    // emoji, a ZWJ family, a flag, a skin tone, a non-emoji astral character
    "👋", "👨\u{200d}👩\u{200d}👧", "🇨🇿", "👍🏽", "𝔘",
];

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 0..24).prop_map(|pieces| pieces.concat())
}

fn comment(subject: &str, body: &str) -> Comment {
    serde_json::from_value(serde_json::json!({"id": "1", "uid": "s.1", "messages": [
        {"subject": {"text": subject}, "body": {"text": body}}]}))
    .unwrap()
}

/// Any span at all, including ones that point nowhere sensible.
fn any_span() -> impl Strategy<Value = Span> {
    let part = prop::option::of(prop::sample::select(vec![
        "body".to_owned(),
        "subject".to_owned(),
        "signature".to_owned(),
        "footer".to_owned(),
    ]));
    let offset = || prop::option::of(0usize..160);
    (
        part,
        prop::option::of(0usize..3),
        offset(),
        offset(),
        offset(),
        offset(),
    )
        .prop_map(
            |(
                content_part,
                message_index,
                char_start,
                char_end,
                utf16_byte_start,
                utf16_byte_end,
            )| {
                Span {
                    content_part: content_part.map(Into::into),
                    message_index,
                    char_start,
                    char_end,
                    utf16_byte_start,
                    utf16_byte_end,
                }
            },
        )
}

proptest! {
    #[test]
    fn any_span_resolves_to_a_char_boundary_range_or_an_error(
        subject in text(),
        body in text(),
        spans in prop::collection::vec(any_span(), 0..12),
    ) {
        let comment = comment(&subject, &body);
        let answers = resolve_spans(&comment, &spans);
        prop_assert_eq!(answers.len(), spans.len());
        for answer in answers.into_iter().flatten() {
            let text = match answer.part {
                ContentPart::Subject => &subject,
                ContentPart::Body => &body,
                ContentPart::Signature => unreachable!("the message has no signature"),
            };
            prop_assert!(answer.bytes.start <= answer.bytes.end);
            prop_assert!(text.get(answer.bytes.clone()).is_some(), "{:?} in {:?}", answer.bytes, text);
        }
    }

    #[test]
    fn char_and_utf16_offsets_of_the_same_piece_agree(
        body in text(),
        a in 0usize..200,
        b in 0usize..200,
    ) {
        let chars: Vec<(usize, char)> = body.char_indices().collect();
        let (start, end) = {
            let n = chars.len() + 1;
            let (x, y) = (a % n, b % n);
            (x.min(y), x.max(y))
        };
        let byte_at = |index: usize| chars.get(index).map_or(body.len(), |&(byte, _)| byte);
        let (start_byte, end_byte) = (byte_at(start), byte_at(end));
        let units = |byte: usize| body[..byte].encode_utf16().count();
        let by_chars = Span {
            content_part: Some("body".into()),
            message_index: Some(0),
            char_start: Some(start),
            char_end: Some(end),
            ..Span::default()
        };
        let by_utf16 = Span {
            content_part: Some("body".into()),
            message_index: Some(0),
            utf16_byte_start: Some(units(start_byte) * 2),
            utf16_byte_end: Some(units(end_byte) * 2),
            ..Span::default()
        };
        let comment = comment("", &body);
        for answer in resolve_spans(&comment, [&by_chars, &by_utf16]) {
            prop_assert_eq!(answer.unwrap().bytes, start_byte..end_byte);
        }
    }

    #[test]
    fn highlight_segments_tile_the_text_on_char_boundaries(
        body in text(),
        ranges in prop::collection::vec((0usize..120, 0usize..120), 0..10),
    ) {
        let ranges: Vec<_> = ranges.into_iter().map(|(a, b)| a..b).collect();
        let segments = highlight_segments(&body, &ranges);
        let mut position = 0;
        for (range, drawn) in &segments {
            prop_assert_eq!(range.start, position);
            prop_assert!(range.start < range.end);
            prop_assert!(body.get(range.clone()).is_some());
            if let Some(index) = drawn {
                let source = &ranges[*index];
                prop_assert!(source.start <= range.start && range.end <= source.end);
            }
            position = range.end;
        }
        prop_assert_eq!(position, body.len());
    }
}
