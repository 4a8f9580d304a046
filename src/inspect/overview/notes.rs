//! What the overview says when its input is odd: one plain sentence each, for the view to show
//! as it is (`to_string()`), and a variant each for tests and for the view's own choices.

use std::fmt;

use crate::api::LabelPath;
use crate::text::{percent, plural};

/// Something the overview cannot count as asked, or counts with a caveat.
#[derive(Clone, Debug, PartialEq)]
pub enum Note {
    /// No comments in view at all.
    NoComments,
    /// Comments from a stream without a model: they have no labels.
    NoModel { comments: usize },
    /// There are comments with a model, but no label was predicted on any.
    NoLabels,
    /// The stream has no threshold for this label (no model, or the label is not in its list).
    NoThreshold { label: LabelPath },
    /// The stream's threshold is 100 % or more: the label is off.
    Off { label: LabelPath },
    /// The stream's threshold is not a number from 0 to 1.
    InvalidThreshold { label: LabelPath, threshold: f64 },
    /// The pages in view have different thresholds for the label (`None`: no threshold).
    ThresholdsDiffer {
        label: LabelPath,
        thresholds: Vec<Option<f64>>,
    },
    /// Predictions of the label without a probability.
    NoProbability { label: LabelPath, comments: usize },
    /// Predictions whose probability is NaN.
    NotANumber { label: LabelPath, comments: usize },
    /// Predictions whose probability is outside 0–1; `example` is one of them.
    OutOfRange {
        label: LabelPath,
        comments: usize,
        example: f64,
    },
    /// The label asked about is on no comment in view.
    UnknownLabel { label: LabelPath },
    /// A what-if or borderline threshold that is not a number from 0 to 1.
    NotAThreshold { threshold: f64 },
}

impl fmt::Display for Note {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NoComments => f.write_str("There are no comments to count."),
            Self::NoModel { comments } => write!(
                f,
                "{} from a stream without a model, so {} no labels.",
                comments_phrase(*comments),
                if *comments == 1 {
                    "it has"
                } else {
                    "they have"
                }
            ),
            Self::NoLabels => f.write_str("No label was predicted on any of these comments."),
            Self::NoThreshold { label } => write!(
                f,
                "The stream has no threshold for {label}, so none of its comments count as \
                 above it; a what-if threshold shows which would."
            ),
            Self::Off { label } => write!(
                f,
                "{label} is off in this stream (threshold 100 %): the stream lets none of its \
                 comments through."
            ),
            Self::InvalidThreshold { label, threshold } => write!(
                f,
                "The stream's threshold for {label} is {threshold}, not a number from 0 to 1; \
                 the counts compare the probabilities with it as it is."
            ),
            Self::ThresholdsDiffer { label, thresholds } => {
                let listed: Vec<String> = thresholds.iter().map(|t| threshold_text(*t)).collect();
                write!(
                    f,
                    "The pages in view have different thresholds for {label} ({}); each page's \
                     comments are counted against their own.",
                    listed.join(", ")
                )
            }
            Self::NoProbability { label, comments } => write!(
                f,
                "{} {label} without a probability; left out of the counts, the mean and the \
                 histogram.",
                have_phrase(*comments)
            ),
            Self::NotANumber { label, comments } => write!(
                f,
                "{} {label} with a probability that is not a number; left out of the counts, \
                 the mean and the histogram.",
                have_phrase(*comments)
            ),
            Self::OutOfRange {
                label,
                comments,
                example,
            } => write!(
                f,
                "{} {label} with a probability outside 0–1 (e.g. {example}); left out of the \
                 counts, the mean and the histogram.",
                have_phrase(*comments)
            ),
            Self::UnknownLabel { label } => {
                write!(f, "No comment in view has the label {label}.")
            }
            Self::NotAThreshold { threshold } => write!(
                f,
                "A threshold is a number from 0 to 1 (0 % to 100 %); {threshold} is not one."
            ),
        }
    }
}

/// `1 comment comes`, `3 comments come`.
fn comments_phrase(count: usize) -> String {
    let verb = if count == 1 { "comes" } else { "come" };
    format!("{} {verb}", plural(count, "comment"))
}

/// `1 comment has`, `3 comments have`.
fn have_phrase(count: usize) -> String {
    let verb = if count == 1 { "has" } else { "have" };
    format!("{} {verb}", plural(count, "comment"))
}

fn threshold_text(threshold: Option<f64>) -> String {
    threshold.map_or_else(|| "none".to_owned(), percent)
}
