//! The overview: what the fetched comments say about each label, for the shown page or for
//! every page of the history together, and what moving a label's threshold would change. No
//! egui here; the overview's panels draw these values.
//!
//! - When a page arrives, build its [`PageColumns`] from its [`PageIndex`](super::PageIndex)
//!   (the worker does, beside the index). They are small and stay for every page of the history.
//! - [`Overview::build`] over the columns of one page or of many gives a [`LabelSummary`] per
//!   label: comments above and below the stream's threshold, the mean probability, the
//!   threshold, and [`Note`]s (plain sentences) where something is odd. [`Overview::rows`]
//!   lists them in taxonomy order, siblings sorted by a [`LabelSort`].
//! - For a chosen label: [`Overview::histogram`], [`Overview::what_if`] (how many comments
//!   would enter and leave the stream at another threshold) with [`Overview::would_enter`] and
//!   [`Overview::would_leave`] (exactly which), [`Overview::borderline`] (closest to a threshold
//!   first) and [`Overview::comments_with`] (for the comment list's label filter). Comments are
//!   named by [`CommentRef`]: which page, which result of it.
//! - [`LabelColours`]: one colour number per label for the whole run.
//!
//! Counting follows the label bars exactly: a comment is *above* a label's threshold when its
//! label row says so (probability at or above the threshold, which must be under 100 %; on the
//! results route, the server's own `stream` mark). A label predicted twice on one comment
//! counts once, with its best probability. Probabilities that are missing, NaN or outside 0–1
//! are left out of every number and reported in a [`Note`].

mod colours;
mod columns;
mod notes;
mod summary;
mod what_if;

#[cfg(test)]
mod tests;

use std::collections::BTreeMap;
use std::sync::Arc;

use crate::api::LabelPath;

use super::PageGeneration;
use super::taxonomy::MAX_GROUPED_DEPTH;
use columns::LabelColumn;
use summary::summary;

pub use colours::LabelColours;
pub use columns::PageColumns;
pub use notes::Note;
pub use what_if::{HISTOGRAM_BINS, Histogram, WhatIf};

/// One comment of the pages in an overview: the page's generation and the comment's index in
/// that page's results.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CommentRef {
    pub page: PageGeneration,
    pub result: usize,
}

/// The stream's threshold for a label, as the pages in view have it.
#[derive(Clone, Debug, PartialEq)]
pub enum Threshold {
    /// Under 100 %: comments at or above it are let through.
    At(f64),
    /// 100 % or more: the label is off in the stream.
    Off,
    /// The stream has no threshold for the label.
    Missing,
    /// Not a number from 0 to 1 (NaN or negative); the bars compare with it as it is.
    Invalid(f64),
    /// The pages in view disagree (the history may span streams or models); each distinct
    /// value once, `None` for pages without a threshold.
    Differs(Vec<Option<f64>>),
}

impl Threshold {
    /// Where to draw it on a histogram or start a what-if from: the one threshold in force
    /// (100 % for a label that is off), if there is one.
    pub fn value(&self) -> Option<f64> {
        match self {
            Self::At(t) => Some(*t),
            Self::Off => Some(1.0),
            Self::Missing | Self::Invalid(_) | Self::Differs(_) => None,
        }
    }
}

/// What the comments in view say about one label.
#[derive(Clone, Debug)]
pub struct LabelSummary {
    pub path: LabelPath,
    /// Indent in the taxonomy (0 for a top-level label).
    pub depth: usize,
    /// False for a parent listed only because labels under it were predicted.
    pub predicted: bool,
    /// Comments with the label (each once, whatever its probability).
    pub comments: usize,
    /// Comments the stream lets through with it: the bars' "above the stream's threshold".
    pub above: usize,
    /// Comments with a usable probability that the stream does not let through.
    pub below: usize,
    /// Over the `above + below` comments with a usable probability.
    pub mean: Option<f64>,
    pub threshold: Threshold,
    /// What is odd about this label, in sentences: no threshold, off, unusable probabilities.
    pub notes: Vec<Note>,
    /// The label one level up, as an index into the overview's labels.
    parent: Option<usize>,
    /// Where the label is in each page: (index into `pages`, index into its columns).
    slots: Vec<(usize, usize)>,
}

/// What [`Overview::rows`] orders siblings by. Labels listed only as parents have none of the
/// numbers and come after their predicted siblings.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum LabelSort {
    /// By path, alphabetically.
    #[default]
    Name,
    Above,
    Below,
    Mean,
}

/// The overview of one page or several (see the module's documentation). Cheap to build from
/// the pages' columns; the numbers for a chosen label are computed when asked.
#[derive(Clone, Debug, Default)]
pub struct Overview {
    pages: Vec<(PageGeneration, Arc<PageColumns>)>,
    /// Sorted by path: parents right before their children.
    labels: Vec<LabelSummary>,
    comments: usize,
    without_model: usize,
}

impl Overview {
    /// The overview of these pages, in the order given (oldest first, as the history holds
    /// them): comments are listed in that order.
    pub fn build(pages: impl IntoIterator<Item = (PageGeneration, Arc<PageColumns>)>) -> Self {
        let pages: Vec<(PageGeneration, Arc<PageColumns>)> = pages.into_iter().collect();
        let mut slots: BTreeMap<&LabelPath, Vec<(usize, usize)>> = BTreeMap::new();
        for (page_at, (_, columns)) in pages.iter().enumerate() {
            for (column_at, column) in columns.columns().iter().enumerate() {
                slots
                    .entry(&column.path)
                    .or_default()
                    .push((page_at, column_at));
            }
        }
        // Parents that were not predicted are listed so that their children read under them.
        let mut parents: Vec<LabelPath> = Vec::new();
        for path in slots
            .keys()
            .filter(|path| path.depth() <= MAX_GROUPED_DEPTH)
        {
            let mut parent = path.parent();
            while let Some(path) = parent {
                parent = path.parent();
                parents.push(path);
            }
        }
        let mut all: BTreeMap<LabelPath, Vec<(usize, usize)>> = slots
            .into_iter()
            .map(|(path, slots)| (path.clone(), slots))
            .collect();
        for parent in parents {
            all.entry(parent).or_default();
        }
        let mut labels: Vec<LabelSummary> = all
            .into_iter()
            .map(|(path, slots)| summary(path, slots, &pages))
            .collect();
        for at in 0..labels.len() {
            let path = &labels[at].path;
            let parent = match path.depth() {
                2..=MAX_GROUPED_DEPTH => path.parent(),
                _ => None,
            };
            labels[at].parent =
                parent.and_then(|parent| labels.binary_search_by(|l| l.path.cmp(&parent)).ok());
        }
        Self {
            comments: pages.iter().map(|(_, c)| c.results()).sum(),
            without_model: pages.iter().map(|(_, c)| c.without_model()).sum(),
            pages,
            labels,
        }
    }

    /// The pages counted, in order.
    pub fn pages(&self) -> impl ExactSizeIterator<Item = PageGeneration> + '_ {
        self.pages.iter().map(|(generation, _)| *generation)
    }

    /// How many comments the pages hold together.
    pub fn comments(&self) -> usize {
        self.comments
    }

    /// What is odd about the pages as a whole: no comments, no model, no labels.
    pub fn notes(&self) -> Vec<Note> {
        let mut notes = Vec::new();
        if self.comments == 0 {
            notes.push(Note::NoComments);
        }
        if self.without_model > 0 {
            notes.push(Note::NoModel {
                comments: self.without_model,
            });
        }
        if self.labels.is_empty() && self.comments > self.without_model {
            notes.push(Note::NoLabels);
        }
        notes
    }

    /// The summary of one label, if any comment in view has it (or a label under it).
    pub fn label(&self, label: &LabelPath) -> Option<&LabelSummary> {
        let at = self.labels.binary_search_by(|l| l.path.cmp(label)).ok()?;
        Some(&self.labels[at])
    }

    /// Every label in taxonomy order (each parent followed by its children), siblings sorted by
    /// `sort`, largest first when `descending`; ties by name.
    pub fn rows(&self, sort: LabelSort, descending: bool) -> Vec<&LabelSummary> {
        let mut children: Vec<Vec<usize>> = vec![Vec::new(); self.labels.len()];
        let mut roots = Vec::new();
        for (at, label) in self.labels.iter().enumerate() {
            match label.parent {
                Some(parent) => children[parent].push(at),
                None => roots.push(at),
            }
        }
        let order = |list: &mut Vec<usize>| {
            list.sort_by(|&a, &b| {
                let (a, b) = (&self.labels[a], &self.labels[b]);
                let by_key = match sort {
                    LabelSort::Name => a.path.cmp(&b.path),
                    _ => sort_key(a, sort).total_cmp(&sort_key(b, sort)),
                };
                let by_key = if descending { by_key.reverse() } else { by_key };
                (b.predicted.cmp(&a.predicted))
                    .then(by_key)
                    .then_with(|| a.path.cmp(&b.path))
            });
        };
        order(&mut roots);
        children.iter_mut().for_each(order);
        let mut rows = Vec::with_capacity(self.labels.len());
        let mut stack: Vec<usize> = roots.into_iter().rev().collect();
        while let Some(at) = stack.pop() {
            rows.push(&self.labels[at]);
            stack.extend(children[at].iter().rev());
        }
        rows
    }

    /// The label's columns on every page that has it, with the page's generation.
    fn columns_of<'a>(
        &'a self,
        summary: &'a LabelSummary,
    ) -> impl Iterator<Item = (PageGeneration, &'a LabelColumn)> + 'a {
        summary.slots.iter().map(|&(page, column)| {
            let (generation, columns) = &self.pages[page];
            (*generation, &columns.columns()[column])
        })
    }
}

/// The number a label sorts by; a mean that cannot be computed sorts below every mean.
fn sort_key(label: &LabelSummary, sort: LabelSort) -> f64 {
    match sort {
        LabelSort::Name => 0.0,
        LabelSort::Above => label.above as f64,
        LabelSort::Below => label.below as f64,
        LabelSort::Mean => label.mean.unwrap_or(-1.0),
    }
}
