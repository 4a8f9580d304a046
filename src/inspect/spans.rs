//! Where a prediction's [`Span`] points: a byte range in the Rust `String` of the message part it
//! names. The API counts in code points (`char_*`) or UTF-16 bytes (`utf16_byte_*`); both are
//! converted in one pass over each text, however many spans point into it.

use std::fmt;
use std::ops::Range;

use crate::api::{Comment, Message, Span};

/// The part of a message a span points into.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ContentPart {
    Subject,
    Body,
    Signature,
}

impl ContentPart {
    pub const ALL: [ContentPart; 3] = [Self::Subject, Self::Body, Self::Signature];

    /// Reads the API's `content_part`; anything else is not a part we can show.
    pub fn parse(name: &str) -> Option<Self> {
        match name {
            "subject" => Some(Self::Subject),
            "body" => Some(Self::Body),
            "signature" => Some(Self::Signature),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Subject => "subject",
            Self::Body => "body",
            Self::Signature => "signature",
        }
    }

    /// The text of this part in `message`, if the message has the part.
    pub fn text_of(self, message: &Message) -> Option<&str> {
        match self {
            Self::Subject => message
                .subject
                .as_ref()
                .map(|subject| subject.text.as_str()),
            Self::Body => Some(message.body.text.as_str()),
            Self::Signature => message.signature.as_ref().map(|sig| sig.text.as_str()),
        }
    }
}

impl fmt::Display for ContentPart {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A span that fits its text: `bytes` lies on char boundaries of the part's text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ResolvedSpan {
    pub message_index: usize,
    pub part: ContentPart,
    pub bytes: Range<usize>,
}

/// The counting unit of an offset the API sent.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum OffsetUnit {
    /// Unicode code points (`char_*`).
    Char,
    /// UTF-16 code units (`utf16_byte_*` divided by two).
    Utf16,
}

impl OffsetUnit {
    /// The width in this unit of the character whose UTF-8 encoding starts with `lead`: only
    /// four-byte characters (11110xxx) need a surrogate pair in UTF-16.
    fn width(self, lead: u8) -> usize {
        match self {
            Self::Utf16 if lead >= 0xF0 => 2,
            _ => 1,
        }
    }

    fn name(self) -> &'static str {
        match self {
            Self::Char => "characters",
            Self::Utf16 => "UTF-16 units",
        }
    }
}

/// Why a span cannot be highlighted. The field is still listed; only the highlight is missing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SpanError {
    /// `content_part` is missing or names no part we know.
    UnknownPart(Option<String>),
    MissingMessageIndex,
    NoSuchMessage {
        index: usize,
        count: usize,
    },
    /// The message has no such part (e.g. no signature).
    PartAbsent {
        message_index: usize,
        part: ContentPart,
    },
    /// Neither a complete `char_*` pair nor a complete `utf16_byte_*` pair.
    NoOffsets,
    Inverted {
        start: usize,
        end: usize,
        unit: OffsetUnit,
    },
    OutOfRange {
        offset: usize,
        length: usize,
        unit: OffsetUnit,
    },
    /// UTF-16 byte offsets come in pairs of bytes; an odd one is corrupt.
    OddUtf16Offset(usize),
    /// The UTF-16 offset splits a character that takes two code units (e.g. an emoji).
    InsideSurrogatePair(usize),
}

impl fmt::Display for SpanError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::UnknownPart(None) => f.write_str("the span does not say which part it is in"),
            Self::UnknownPart(Some(part)) => write!(f, "the span is in an unknown part \"{part}\""),
            Self::MissingMessageIndex => {
                f.write_str("the span does not say which message it is in")
            }
            Self::NoSuchMessage { index, count } => write!(
                f,
                "the span points at message {} but the comment has {count}",
                index + 1
            ),
            Self::PartAbsent {
                message_index,
                part,
            } => {
                write!(f, "message {} has no {part}", message_index + 1)
            }
            Self::NoOffsets => f.write_str("the span has no start and end offsets"),
            Self::Inverted { start, end, unit } => write!(
                f,
                "the span ends ({end}) before it starts ({start}) in {}",
                unit.name()
            ),
            Self::OutOfRange {
                offset,
                length,
                unit,
            } => write!(
                f,
                "the span reaches {offset} {unit} but the text has {length}; it may have been edited since",
                unit = unit.name()
            ),
            Self::OddUtf16Offset(offset) => {
                write!(
                    f,
                    "the UTF-16 byte offset {offset} is odd, so it is corrupt"
                )
            }
            Self::InsideSurrogatePair(offset) => write!(
                f,
                "the UTF-16 byte offset {offset} falls inside a character (e.g. an emoji)"
            ),
        }
    }
}

impl std::error::Error for SpanError {}

/// The length in bytes of the UTF-8 character whose first byte is `lead`.
fn utf8_length(lead: u8) -> usize {
    match lead {
        0x00..0xC0 => 1,
        0xC0..0xE0 => 2,
        0xE0..0xF0 => 3,
        _ => 4,
    }
}

/// A span that passed the checks that need no text: where it points and what it asks for.
struct Request {
    message_index: usize,
    part: ContentPart,
    unit: OffsetUnit,
    start: usize,
    end: usize,
}

impl Request {
    /// The walk that answers this request: which text, counted in which unit.
    fn walk(&self) -> (usize, ContentPart, OffsetUnit) {
        (self.message_index, self.part, self.unit)
    }
}

/// Resolves every span against `comment`. The answer has one entry per span, in order. Each
/// text that spans point into is walked once per offset unit, not once per span.
pub fn resolve_spans<'a>(
    comment: &Comment,
    spans: impl IntoIterator<Item = &'a Span>,
) -> Vec<Result<ResolvedSpan, SpanError>> {
    let mut answers = Vec::new();
    let mut requests: Vec<(usize, Request)> = Vec::new();
    for (index, span) in spans.into_iter().enumerate() {
        match check(comment, span) {
            Ok(request) => {
                requests.push((index, request));
                // Replaced below, once the text has been walked.
                answers.push(Err(SpanError::NoOffsets));
            }
            Err(problem) => answers.push(Err(problem)),
        }
    }

    // Group the requests by the text and unit they need, so each text is walked once per unit.
    requests.sort_by_key(|(_, request)| request.walk());
    for group in requests.chunk_by(|(_, a), (_, b)| a.walk() == b.walk()) {
        let first = &group[0].1;
        // `check` made sure that the message and the part exist.
        let message = &comment.messages[first.message_index];
        let text = first.part.text_of(message).unwrap_or_default();
        let offsets: Vec<usize> = group
            .iter()
            .flat_map(|(_, request)| [request.start, request.end])
            .collect();
        let bytes = byte_offsets(text, first.unit, &offsets);
        for ((index, request), pair) in group.iter().zip(bytes.chunks_exact(2)) {
            answers[*index] = match (&pair[0], &pair[1]) {
                (Ok(start), Ok(end)) => Ok(ResolvedSpan {
                    message_index: request.message_index,
                    part: request.part,
                    bytes: *start..*end,
                }),
                (Err(problem), _) | (_, Err(problem)) => Err(problem.clone()),
            };
        }
    }
    answers
}

/// Everything about a span that can be checked without walking its text.
fn check(comment: &Comment, span: &Span) -> Result<Request, SpanError> {
    let part = match span.content_part.as_deref() {
        Some(name) => ContentPart::parse(name).ok_or(SpanError::UnknownPart(Some(name.into())))?,
        None => return Err(SpanError::UnknownPart(None)),
    };
    let message_index = span.message_index.ok_or(SpanError::MissingMessageIndex)?;
    let message = comment
        .messages
        .get(message_index)
        .ok_or(SpanError::NoSuchMessage {
            index: message_index,
            count: comment.messages.len(),
        })?;
    if part.text_of(message).is_none() {
        return Err(SpanError::PartAbsent {
            message_index,
            part,
        });
    }
    let (unit, start, end) = match (span.char_start, span.char_end) {
        (Some(start), Some(end)) => (OffsetUnit::Char, start, end),
        _ => match (span.utf16_byte_start, span.utf16_byte_end) {
            (Some(start), Some(end)) => {
                for offset in [start, end] {
                    if offset % 2 != 0 {
                        return Err(SpanError::OddUtf16Offset(offset));
                    }
                }
                (OffsetUnit::Utf16, start / 2, end / 2)
            }
            _ => return Err(SpanError::NoOffsets),
        },
    };
    if start > end {
        return Err(SpanError::Inverted { start, end, unit });
    }
    Ok(Request {
        message_index,
        part,
        unit,
        start,
        end,
    })
}

/// Maps offsets counted in `unit` to byte offsets in `text`, in one pass over the text that
/// stops as soon as the largest offset is reached.
fn byte_offsets(text: &str, unit: OffsetUnit, offsets: &[usize]) -> Vec<Result<usize, SpanError>> {
    let mut order: Vec<usize> = (0..offsets.len()).collect();
    order.sort_unstable_by_key(|&i| offsets[i]);
    let mut answers = vec![Err(SpanError::NoOffsets); offsets.len()];
    let mut pending = order.into_iter().peekable();
    let bytes = text.as_bytes();
    // The walk jumps from one character's first byte to the next; `text` is valid UTF-8, so
    // the first byte alone gives the character's length in bytes and in `unit`.
    let (mut byte, mut position) = (0, 0);
    while let Some(&i) = pending.peek() {
        let offset = offsets[i];
        while let Some(&lead) = bytes.get(byte) {
            let width = unit.width(lead);
            if position + width > offset {
                break;
            }
            position += width;
            byte += utf8_length(lead);
        }
        if byte == bytes.len() {
            break;
        }
        answers[i] = if offset == position {
            Ok(byte)
        } else {
            // Only a two-unit character can be split; report it in the API's bytes.
            Err(SpanError::InsideSurrogatePair(offset * 2))
        };
        pending.next();
    }
    // Whatever is left lies at or past the end, and the walk above reached it, so `position`
    // is the text's length in `unit`.
    for i in pending {
        answers[i] = if offsets[i] == position {
            Ok(text.len())
        } else {
            Err(SpanError::OutOfRange {
                offset: offsets[i],
                length: position,
                unit,
            })
        };
    }
    answers
}

#[cfg(test)]
#[path = "spans_tests.rs"]
mod tests;
