//! What the comments in view say about one label: counts, mean, the threshold the pages agree
//! on (or not), and the notes on odd input.

use std::sync::Arc;

use crate::api::LabelPath;
use crate::inspect::PageGeneration;
use crate::inspect::taxonomy::MAX_GROUPED_DEPTH;

use super::columns::{LabelColumn, Unusable};
use super::{LabelSummary, Note, PageColumns, Threshold};

/// The summary of `path` from its columns on the pages (`slots`: page, column).
pub(super) fn summary(
    path: LabelPath,
    slots: Vec<(usize, usize)>,
    pages: &[(PageGeneration, Arc<PageColumns>)],
) -> LabelSummary {
    let columns: Vec<&LabelColumn> = slots
        .iter()
        .map(|&(page, column)| &pages[page].1.columns()[column])
        .collect();
    let above: usize = columns.iter().map(|c| c.through.len()).sum();
    let below: usize = columns.iter().map(|c| c.held_back.len()).sum();
    let sum: f64 = (columns.iter())
        .flat_map(|c| {
            c.through
                .probabilities
                .iter()
                .chain(&c.held_back.probabilities)
        })
        .sum();
    let threshold = threshold(columns.iter().map(|c| c.threshold));
    let mut notes = Vec::new();
    match &threshold {
        Threshold::At(_) => {}
        Threshold::Off => notes.push(Note::Off {
            label: path.clone(),
        }),
        Threshold::Missing if !columns.is_empty() => notes.push(Note::NoThreshold {
            label: path.clone(),
        }),
        Threshold::Missing => {}
        Threshold::Invalid(t) => notes.push(Note::InvalidThreshold {
            label: path.clone(),
            threshold: *t,
        }),
        Threshold::Differs(thresholds) => notes.push(Note::ThresholdsDiffer {
            label: path.clone(),
            thresholds: thresholds.clone(),
        }),
    }
    notes.extend(unusable_notes(&path, &columns));
    LabelSummary {
        depth: match path.depth() {
            depth @ 1..=MAX_GROUPED_DEPTH => depth - 1,
            _ => 0,
        },
        predicted: !columns.is_empty(),
        comments: above + below + columns.iter().map(|c| c.unusable.len()).sum::<usize>(),
        above,
        below,
        mean: (above + below > 0).then(|| sum / (above + below) as f64),
        threshold,
        notes,
        parent: None,
        slots,
        path,
    }
}

/// One threshold from the pages' own: the same on every page, or [`Threshold::Differs`].
fn threshold(per_page: impl Iterator<Item = Option<f64>>) -> Threshold {
    let mut distinct: Vec<Option<f64>> = Vec::new();
    for threshold in per_page {
        if !distinct.iter().any(|seen| same_threshold(*seen, threshold)) {
            distinct.push(threshold);
        }
    }
    distinct.sort_by(|a, b| match (a, b) {
        (Some(a), Some(b)) => a.total_cmp(b),
        _ => a.is_some().cmp(&b.is_some()),
    });
    match distinct.as_slice() {
        [] | [None] => Threshold::Missing,
        [Some(t)] if t.is_nan() || *t < 0.0 => Threshold::Invalid(*t),
        [Some(t)] if *t >= 1.0 => Threshold::Off,
        [Some(t)] => Threshold::At(*t),
        _ => Threshold::Differs(distinct),
    }
}

fn same_threshold(a: Option<f64>, b: Option<f64>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => a.to_bits() == b.to_bits(),
        (a, b) => a.is_none() && b.is_none(),
    }
}

/// One note per kind of unusable probability, with how many comments have it.
fn unusable_notes(label: &LabelPath, columns: &[&LabelColumn]) -> Vec<Note> {
    let (mut missing, mut nan, mut outside, mut example) = (0, 0, 0, 0.0);
    for (_, why) in columns.iter().flat_map(|c| &c.unusable) {
        match why {
            Unusable::Missing => missing += 1,
            Unusable::NotANumber => nan += 1,
            Unusable::OutOfRange(p) => {
                outside += 1;
                example = *p;
            }
        }
    }
    let label = || label.clone();
    let mut notes = Vec::new();
    if missing > 0 {
        notes.push(Note::NoProbability {
            label: label(),
            comments: missing,
        });
    }
    if nan > 0 {
        notes.push(Note::NotANumber {
            label: label(),
            comments: nan,
        });
    }
    if outside > 0 {
        notes.push(Note::OutOfRange {
            label: label(),
            comments: outside,
            example,
        });
    }
    notes
}
