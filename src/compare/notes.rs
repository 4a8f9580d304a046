//! What a person should know about a comparison before reading it: each note is one sentence.

use std::fmt;

use crate::api::{Route, SmolStr, StreamRef};
use crate::text::plural;

/// One of the two pages.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Which {
    A,
    B,
}

impl Which {
    fn other(self) -> Self {
        match self {
            Self::A => Self::B,
            Self::B => Self::A,
        }
    }
}

impl fmt::Display for Which {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::A => "A",
            Self::B => "B",
        })
    }
}

/// How many repeated uids a note names before it says "…".
pub(super) const NAMED_DUPLICATES: usize = 3;

/// Something about the two pages that bears on how to read the comparison.
#[derive(Clone, Debug, PartialEq)]
pub enum Note {
    /// Both sources name their stream, and they differ.
    DifferentStreams {
        a: StreamRef,
        b: StreamRef,
    },
    DifferentRoutes {
        a: Route,
        b: Route,
    },
    /// Both sources record a model version, and they differ.
    ModelVersions {
        a: i64,
        b: i64,
    },
    /// `side` holds `count` uids more than once; `examples` are the first few.
    DuplicateUids {
        side: Which,
        count: usize,
        examples: Vec<SmolStr>,
    },
    /// `side` has no comments.
    Empty {
        side: Which,
    },
    BothEmpty,
    /// Comments the page parser had to leave out of `side`.
    Unreadable {
        side: Which,
        count: usize,
    },
    /// `side` has comments but no predictions at all.
    NoModel {
        side: Which,
    },
    /// `side` does not record its stream's thresholds; the other side's are used for it.
    ThresholdsBorrowed {
        side: Which,
    },
    /// Neither side records thresholds, and a side is a `/fetch` page with comments, where they
    /// decide.
    NoThresholds,
}

impl fmt::Display for Note {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::DifferentStreams { a, b } => write!(
                f,
                "A is a page of {a} and B a page of {b}: different streams; their comments \
                 are still matched by uid."
            ),
            Self::DifferentRoutes { a, b } => write!(
                f,
                "A came from the {a} route and B from the {b} route: probabilities are \
                 compared with occurrence confidences; comments are still matched by uid."
            ),
            Self::ModelVersions { a, b } => write!(
                f,
                "A was predicted by model version {a} and B by model version {b}."
            ),
            Self::DuplicateUids {
                side,
                count,
                examples,
            } => {
                let mut named = examples.join(", ");
                if *count > examples.len() {
                    named.push_str(", …");
                }
                let them = if *count == 1 { "it" } else { "each" };
                write!(
                    f,
                    "{side} holds {} more than once ({named}); the first occurrence of {them} \
                     is compared, later ones are left out.",
                    plural(*count, "comment")
                )
            }
            Self::Empty { side } => write!(
                f,
                "{side} has no comments, so every comment of {} is only in {}.",
                side.other(),
                side.other()
            ),
            Self::BothEmpty => f.write_str("Both pages are empty: there is nothing to compare."),
            Self::Unreadable { side, count } => write!(
                f,
                "{side} has {} that could not be read; they are left out of the comparison.",
                plural(*count, "comment")
            ),
            Self::NoModel { side } => write!(
                f,
                "{side} has no predictions: its stream has no model, so its comments have no \
                 labels to compare."
            ),
            Self::ThresholdsBorrowed { side } => write!(
                f,
                "{side} does not record its stream's label thresholds (a bare response file); \
                 {}'s are used for it.",
                side.other()
            ),
            Self::NoThresholds => f.write_str(
                "Neither page records its stream's label thresholds (both are bare response \
                 files), so no label of a fetch page can be said to cross one; probability \
                 changes are still listed.",
            ),
        }
    }
}
