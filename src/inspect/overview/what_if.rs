//! The numbers for one chosen label: its histogram, the threshold what-if, the comments that
//! would enter or leave the stream, the borderline order and the comments that have it.

use super::columns::{LabelColumn, Sorted};
use super::{CommentRef, LabelSummary, Note, Overview, Threshold};
use crate::api::LabelPath;

/// Bins of the histogram, each 2 % wide.
pub const HISTOGRAM_BINS: usize = 50;

/// What a what-if threshold would change for one label, against the stream's own thresholds.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct WhatIf {
    pub threshold: f64,
    /// Comments the stream does not let through with the label now, that it would.
    pub enter: usize,
    /// Comments the stream lets through with the label now, that it would not.
    pub leave: usize,
}

/// A label's probabilities in [`HISTOGRAM_BINS`] bins over 0–1: bin `i` holds probabilities
/// from `i / BINS` up to `(i + 1) / BINS`, the last one 1.0 too.
#[derive(Clone, Debug, PartialEq)]
pub struct Histogram {
    /// Comments the stream lets through with the label, per bin.
    pub above: Vec<usize>,
    /// The other comments with a usable probability, per bin.
    pub below: Vec<usize>,
    /// The stream's threshold, to draw on it.
    pub threshold: Threshold,
}

impl Overview {
    /// How many comments would enter and leave the stream if `label`'s threshold were
    /// `threshold` (from 0 to 1; 1 switches the label off). A binary search per page: fast
    /// enough to run on every step of a drag.
    pub fn what_if(&self, label: &LabelPath, threshold: f64) -> Result<WhatIf, Note> {
        let summary = self.predicted(label)?;
        check(threshold)?;
        let (mut enter, mut leave) = (0, 0);
        for (_, column) in self.columns_of(summary) {
            enter += column.held_back.len() - first_let_through(&column.held_back, threshold);
            leave += first_let_through(&column.through, threshold);
        }
        Ok(WhatIf {
            threshold,
            enter,
            leave,
        })
    }

    /// The comments [`WhatIf::enter`] counts, in page order.
    pub fn would_enter(&self, label: &LabelPath, threshold: f64) -> Result<Vec<CommentRef>, Note> {
        self.changed(label, threshold, |column, first| {
            &column.held_back.results[first(&column.held_back)..]
        })
    }

    /// The comments [`WhatIf::leave`] counts, in page order.
    pub fn would_leave(&self, label: &LabelPath, threshold: f64) -> Result<Vec<CommentRef>, Note> {
        self.changed(label, threshold, |column, first| {
            &column.through.results[..first(&column.through)]
        })
    }

    /// The label's usable probabilities in bins, split by whether the stream lets them through.
    pub fn histogram(&self, label: &LabelPath) -> Result<Histogram, Note> {
        let summary = self.predicted(label)?;
        let mut histogram = Histogram {
            above: vec![0; HISTOGRAM_BINS],
            below: vec![0; HISTOGRAM_BINS],
            threshold: summary.threshold.clone(),
        };
        for (_, column) in self.columns_of(summary) {
            for &p in &column.through.probabilities {
                histogram.above[bin(p)] += 1;
            }
            for &p in &column.held_back.probabilities {
                histogram.below[bin(p)] += 1;
            }
        }
        Ok(histogram)
    }

    /// Every comment in view, those whose probability for `label` lies closest to `threshold`
    /// first (ties in page order); comments without the label, or without a usable probability
    /// for it, follow in page order. Pass the stream's threshold or a what-if one.
    pub fn borderline(&self, label: &LabelPath, threshold: f64) -> Result<Vec<CommentRef>, Note> {
        let summary = self.predicted(label)?;
        check(threshold)?;
        // (distance, page position, result): sorting these sorts ties into page order.
        let mut close: Vec<(f64, usize, u32)> = Vec::new();
        let mut placed: Vec<Vec<bool>> = (self.pages.iter())
            .map(|(_, columns)| vec![false; columns.results()])
            .collect();
        for &(page, column) in &summary.slots {
            let column = &self.pages[page].1.columns()[column];
            for sorted in [&column.through, &column.held_back] {
                for (&p, &result) in sorted.probabilities.iter().zip(&sorted.results) {
                    close.push(((p - threshold).abs(), page, result));
                    if let Some(seen) = placed[page].get_mut(result as usize) {
                        *seen = true;
                    }
                }
            }
        }
        close.sort_by(|a, b| a.0.total_cmp(&b.0).then((a.1, a.2).cmp(&(b.1, b.2))));
        let mut order: Vec<CommentRef> = (close.into_iter())
            .map(|(_, page, result)| CommentRef {
                page: self.pages[page].0,
                result: result as usize,
            })
            .collect();
        for ((generation, _), placed) in self.pages.iter().zip(placed) {
            order.extend(
                (placed.iter().enumerate())
                    .filter(|(_, placed)| !**placed)
                    .map(|(result, _)| CommentRef {
                        page: *generation,
                        result,
                    }),
            );
        }
        Ok(order)
    }

    /// The comments that have `label` or a label under it, in page order: what the comment
    /// list's label filter shows for the same label. Empty for a label no comment has.
    pub fn comments_with(&self, label: &LabelPath) -> Vec<CommentRef> {
        let mut found = Vec::new();
        let mut on_page: Vec<u32> = Vec::new();
        for (generation, columns) in &self.pages {
            on_page.clear();
            for column in columns
                .columns()
                .iter()
                .filter(|c| c.path.starts_with(label))
            {
                on_page.extend(column.results());
            }
            on_page.sort_unstable();
            on_page.dedup();
            found.extend(on_page.iter().map(|&result| CommentRef {
                page: *generation,
                result: result as usize,
            }));
        }
        found
    }

    /// The label's summary if some comment in view has the label itself.
    fn predicted(&self, label: &LabelPath) -> Result<&LabelSummary, Note> {
        self.label(label)
            .filter(|summary| summary.predicted)
            .ok_or_else(|| Note::UnknownLabel {
                label: label.clone(),
            })
    }

    /// The comments `pick` takes from each page's column, in page order.
    fn changed(
        &self,
        label: &LabelPath,
        threshold: f64,
        pick: impl for<'c> Fn(&'c LabelColumn, &dyn Fn(&Sorted) -> usize) -> &'c [u32],
    ) -> Result<Vec<CommentRef>, Note> {
        let summary = self.predicted(label)?;
        check(threshold)?;
        let first = |sorted: &Sorted| first_let_through(sorted, threshold);
        let mut found = Vec::new();
        for (generation, column) in self.columns_of(summary) {
            let start = found.len();
            found.extend(pick(column, &first).iter().map(|&result| CommentRef {
                page: generation,
                result: result as usize,
            }));
            found[start..].sort_unstable();
        }
        Ok(found)
    }
}

/// Where the probabilities that `threshold` lets through begin, by the label rows' one rule
/// (`lets_through`): at or above it, and nothing at 100 % or more.
fn first_let_through(sorted: &Sorted, threshold: f64) -> usize {
    if threshold < 1.0 {
        sorted.count_below(threshold)
    } else {
        sorted.len()
    }
}

fn check(threshold: f64) -> Result<(), Note> {
    if (0.0..=1.0).contains(&threshold) {
        Ok(())
    } else {
        Err(Note::NotAThreshold { threshold })
    }
}

/// The bin whose range holds `probability` (0–1), by the same edges (`i / BINS`) the
/// histogram documents: a product rounded the wrong way is moved to its side of the edge.
fn bin(probability: f64) -> usize {
    let bins = HISTOGRAM_BINS as f64;
    let mut bin = ((probability * bins) as usize).min(HISTOGRAM_BINS - 1);
    if bin > 0 && probability < bin as f64 / bins {
        bin -= 1;
    } else if bin + 1 < HISTOGRAM_BINS && probability >= (bin + 1) as f64 / bins {
        bin += 1;
    }
    bin
}
