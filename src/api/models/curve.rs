//! One label's validation curve (`POST …/labellers/<version>/label-validation`) and how to read
//! it, as the vendor's `re get stream-stats` does: precision and recall at a threshold, and the
//! threshold that keeps a recall or a precision. A curve that is not what the service promises
//! (empty, uneven, not numbers, unsorted) is read into a [`CurveError`] sentence, never a panic.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize};

/// Entry `i` of each list is the precision and recall the model had on the reviewed comments
/// when the threshold is `thresholds[i]`. A value that is not a number is kept as NaN, so the
/// rest of the curve can still be shown and the reading can say which entry is wrong.
#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
pub struct LabelCurve {
    /// From high to low.
    #[serde(default, deserialize_with = "numbers")]
    pub thresholds: Vec<f64>,
    #[serde(default, deserialize_with = "numbers")]
    pub precisions: Vec<f64>,
    #[serde(default, deserialize_with = "numbers")]
    pub recalls: Vec<f64>,
}

/// One entry of a curve.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct CurvePoint {
    pub threshold: f64,
    pub precision: f64,
    pub recall: f64,
}

/// Which list of a curve.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CurveList {
    Thresholds,
    Precisions,
    Recalls,
}

impl fmt::Display for CurveList {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            CurveList::Thresholds => "thresholds",
            CurveList::Precisions => "precisions",
            CurveList::Recalls => "recalls",
        })
    }
}

/// Why a curve cannot answer. Entries are counted from 1 in the sentences.
#[derive(Clone, Debug, PartialEq)]
pub enum CurveError {
    Empty,
    UnevenLengths {
        thresholds: usize,
        precisions: usize,
        recalls: usize,
    },
    NotANumber {
        list: CurveList,
        index: usize,
    },
    /// A precision or recall outside 0 to 1.
    OutOfRange {
        list: CurveList,
        index: usize,
        value: f64,
    },
    /// `thresholds[index]` is higher than the entry before it.
    Unsorted {
        index: usize,
    },
    /// The threshold, recall or precision asked about is itself not a number.
    QuestionNotANumber {
        what: &'static str,
    },
    /// No entry has a threshold at or below the one asked about.
    BelowLowest {
        threshold: f64,
        lowest: f64,
    },
}

impl std::error::Error for CurveError {}

impl fmt::Display for CurveError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CurveError::Empty => f.write_str("The validation curve has no entries."),
            CurveError::UnevenLengths {
                thresholds,
                precisions,
                recalls,
            } => write!(
                f,
                "The validation curve's lists differ in length: {}, {} and {}.",
                count(*thresholds, "threshold"),
                count(*precisions, "precision"),
                count(*recalls, "recall")
            ),
            CurveError::NotANumber { list, index } => write!(
                f,
                "Entry {} of the validation curve's {list} is not a number.",
                index + 1
            ),
            CurveError::OutOfRange { list, index, value } => write!(
                f,
                "Entry {} of the validation curve's {list} is {value}, outside 0 to 1.",
                index + 1
            ),
            CurveError::Unsorted { index } => write!(
                f,
                "The validation curve's thresholds do not run from high to low: entry {} is \
                 higher than entry {}.",
                index + 1,
                index
            ),
            CurveError::QuestionNotANumber { what } => {
                write!(f, "The {what} asked about is not a number.")
            }
            CurveError::BelowLowest { threshold, lowest } => write!(
                f,
                "The validation curve has no entry at a threshold of {threshold} or below (its \
                 lowest is {lowest})."
            ),
        }
    }
}

impl LabelCurve {
    /// Checks what every reading relies on: entries, equal lengths, numbers, precisions and
    /// recalls within 0 to 1, thresholds from high to low.
    pub fn check(&self) -> Result<(), CurveError> {
        let lengths = (
            self.thresholds.len(),
            self.precisions.len(),
            self.recalls.len(),
        );
        if lengths.0 != lengths.1 || lengths.0 != lengths.2 {
            return Err(CurveError::UnevenLengths {
                thresholds: lengths.0,
                precisions: lengths.1,
                recalls: lengths.2,
            });
        }
        if lengths.0 == 0 {
            return Err(CurveError::Empty);
        }
        for (list, values) in [
            (CurveList::Thresholds, &self.thresholds),
            (CurveList::Precisions, &self.precisions),
            (CurveList::Recalls, &self.recalls),
        ] {
            if let Some(index) = values.iter().position(|v| !v.is_finite()) {
                return Err(CurveError::NotANumber { list, index });
            }
            let bounded = list != CurveList::Thresholds;
            if let Some(index) = values
                .iter()
                .position(|v| bounded && !(0.0..=1.0).contains(v))
            {
                let value = values[index];
                return Err(CurveError::OutOfRange { list, index, value });
            }
        }
        match self.thresholds.windows(2).position(|w| w[1] > w[0]) {
            Some(before) => Err(CurveError::Unsorted { index: before + 1 }),
            None => Ok(()),
        }
    }

    fn point(&self, index: usize) -> CurvePoint {
        CurvePoint {
            threshold: self.thresholds[index],
            precision: self.precisions[index],
            recall: self.recalls[index],
        }
    }

    /// Precision and recall at threshold `threshold`: those of the first entry whose threshold
    /// is at or below it.
    pub fn at_threshold(&self, threshold: f64) -> Result<CurvePoint, CurveError> {
        asked("threshold", threshold)?;
        self.check()?;
        match self.thresholds.iter().position(|&t| t <= threshold) {
            Some(index) => Ok(self.point(index)),
            None => Err(CurveError::BelowLowest {
                threshold,
                lowest: self.thresholds[self.thresholds.len() - 1],
            }),
        }
    }

    /// The highest threshold that keeps a recall of at least `recall` (the first entry whose
    /// recall reaches it); `None` when no entry does.
    pub fn keeping_recall(&self, recall: f64) -> Result<Option<CurvePoint>, CurveError> {
        asked("recall", recall)?;
        self.check()?;
        let found = self.recalls.iter().position(|&r| r >= recall);
        Ok(found.map(|index| self.point(index)))
    }

    /// The lowest threshold that keeps a precision of at least `precision` (the last entry whose
    /// precision reaches it); `None` when no entry does.
    pub fn keeping_precision(&self, precision: f64) -> Result<Option<CurvePoint>, CurveError> {
        asked("precision", precision)?;
        self.check()?;
        let found = self.precisions.iter().rposition(|&p| p >= precision);
        Ok(found.map(|index| self.point(index)))
    }
}

/// "1 recall", "3 recalls".
fn count(n: usize, noun: &str) -> String {
    match n {
        1 => format!("1 {noun}"),
        n => format!("{n} {noun}s"),
    }
}

fn asked(what: &'static str, value: f64) -> Result<(), CurveError> {
    match value.is_nan() {
        true => Err(CurveError::QuestionNotANumber { what }),
        false => Ok(()),
    }
}

/// A list of numbers; `null` or absent reads as empty, an entry that is not a number as NaN.
fn numbers<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<f64>, D::Error> {
    let values = Option::<Vec<serde_json::Value>>::deserialize(deserializer)?;
    Ok(values
        .unwrap_or_default()
        .iter()
        .map(|value| value.as_f64().unwrap_or(f64::NAN))
        .collect())
}

#[cfg(test)]
#[path = "curve_tests.rs"]
mod tests;
