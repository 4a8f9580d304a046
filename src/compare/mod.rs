//! Two pages compared comment by comment: which comments only one page has, and for those in
//! both, which labels crossed the stream's threshold, how probabilities moved and which general
//! fields came or went. Uses `api`, `inspect` (its rule for "above the threshold"), `export`
//! (an export's provenance) and `text`; no egui, no tokio.
//!
//! - Each page is a [`Side`]: the page and, where known, its [`Provenance`] (an export file's
//!   `source`, or what the app recorded when it fetched the page). [`Side::opened`] takes a
//!   file opened with [`crate::export::open_file`]; a bare `/fetch` or `/results` response has
//!   no provenance.
//! - [`compare`] joins the pages by comment uid into a [`Comparison`]: every comment of both
//!   pages as a [`CommentDiff`], ordered by [`CommentDiff::by_size_of_change`] (the changed ones
//!   first, see [`Comparison::changed`]), each leading back to its index in `page.results` on
//!   either side ([`Occurrence::index`]), plus a [`Summary`] and [`Note`]s in words.
//!
//! **Thresholds.** Whether a label is above its threshold is decided as the inspector decides
//! it ([`crate::inspect::LabelState`]): on `/results` by the server's `stream` marker, on
//! `/fetch` by the probability against the stream's `model.label_thresholds`. Each side uses
//! the thresholds its provenance records; a side without them (a bare response file) uses the
//! other side's, and a note says so. Without any, a `/fetch` label crosses nothing.
//!
//! **Model versions** are a property of a page (no route sends one per result): the
//! comparison records each side's, and a note says when they differ.

mod comment;
mod notes;
mod predictions;
#[cfg(test)]
mod tests;
mod words;

pub use comment::{
    CommentDiff, Crossing, GeneralField, LabelChange, LabelValue, Occurrence, Presence,
};
pub use notes::{Note, Which};
pub use words::TABLE_COLUMNS;

use std::collections::hash_map::Entry;
use std::collections::{HashMap, HashSet};
use std::fmt;

use crate::api::{Page, ProblemKind, Route, SmolStr, StreamModel, StreamRef};
use crate::export::{OpenedPage, Provenance};
use crate::inspect::Thresholds;
use crate::text::plural;

/// One page to compare, with what is known of where it came from.
#[derive(Clone, Copy, Debug)]
pub struct Side<'a> {
    pub page: &'a Page,
    /// `None` for a bare response file: then neither its stream nor its thresholds are known.
    pub source: Option<&'a Provenance>,
}

impl<'a> Side<'a> {
    pub fn new(page: &'a Page, source: Option<&'a Provenance>) -> Self {
        Self { page, source }
    }

    /// A page opened from a file: an export brings its provenance, a bare response none.
    pub fn opened(opened: &'a OpenedPage) -> Self {
        Self::new(&opened.page, opened.provenance.as_ref())
    }

    /// The stream, where the source names one.
    pub fn stream(&self) -> Option<StreamRef> {
        let source = self.source.filter(|source| !source.stream.is_empty())?;
        Some(source.stream_ref())
    }

    /// The stream's model version and thresholds, where the source records them. A source
    /// with neither does not know them (an export writes both empty when the stream's model
    /// was not known).
    pub fn model(&self) -> Option<StreamModel> {
        let source = self.source?;
        let known = source.model_version.is_some() || !source.label_thresholds.is_empty();
        known.then(|| StreamModel {
            version: source.model_version,
            label_thresholds: source.label_thresholds.clone(),
        })
    }
}

/// Counts of each kind of difference.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct Summary {
    pub in_both: usize,
    /// In both, with some label or general field changed.
    pub changed: usize,
    pub unchanged: usize,
    pub only_in_a: usize,
    pub only_in_b: usize,
    /// Labels that crossed their threshold upwards, over all comments.
    pub labels_entered: usize,
    pub labels_left: usize,
    /// Labels whose probability changed or which crossed their threshold.
    pub labels_changed: usize,
    pub fields_added: usize,
    pub fields_removed: usize,
}

impl fmt::Display for Summary {
    /// One line: `16 comments in both (5 changed, 11 unchanged), 2 only in A, 3 only in B;
    /// labels: 4 entered, 2 left, 37 changed; general fields: 1 added, 2 removed`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} in both ({} changed, {} unchanged), {} only in A, {} only in B; labels: {} \
             entered, {} left, {} changed; general fields: {} added, {} removed",
            plural(self.in_both, "comment"),
            self.changed,
            self.unchanged,
            self.only_in_a,
            self.only_in_b,
            self.labels_entered,
            self.labels_left,
            self.labels_changed,
            self.fields_added,
            self.fields_removed
        )
    }
}

/// Two pages compared. See the module documentation.
#[derive(Clone, Debug)]
pub struct Comparison {
    /// Every comment of both pages once, ordered by [`CommentDiff::by_size_of_change`]:
    /// changed comments first, unchanged ones last.
    pub comments: Vec<CommentDiff>,
    pub summary: Summary,
    pub notes: Vec<Note>,
    /// Each side's model version, where its source records it.
    pub model_version_a: Option<i64>,
    pub model_version_b: Option<i64>,
}

impl Comparison {
    /// The comments that differ (only in one page, or changed), largest change first.
    pub fn changed(&self) -> impl Iterator<Item = &CommentDiff> {
        self.comments.iter().take_while(|diff| diff.is_changed())
    }

    /// Both sides record a model version, and they differ.
    pub fn model_version_differs(&self) -> bool {
        matches!((self.model_version_a, self.model_version_b), (Some(a), Some(b)) if a != b)
    }
}

/// The stream model each side is read against: its own where its source records one, else
/// the other side's (see the module documentation). A page's inspector index built with these
/// shows the labels as the comparison reads them.
pub fn read_against(a: &Side, b: &Side) -> [Option<StreamModel>; 2] {
    let (model_a, model_b) = (a.model(), b.model());
    [
        model_a.clone().or_else(|| model_b.clone()),
        model_b.or(model_a),
    ]
}

/// Compares `a` with `b` by comment uid. Never fails: whatever is odd about the pages is said
/// in [`Comparison::notes`].
pub fn compare(a: Side, b: Side) -> Comparison {
    let (model_a, model_b) = (a.model(), b.model());
    let [read_a_against, read_b_against] = read_against(&a, &b);
    let thresholds_a = Thresholds::new(read_a_against.as_ref());
    let thresholds_b = Thresholds::new(read_b_against.as_ref());
    let read_a = |i: usize| predictions::read(&a.page.results[i], a.page.route, &thresholds_a);
    let read_b = |i: usize| predictions::read(&b.page.results[i], b.page.route, &thresholds_b);

    let (first_a, repeated_a) = first_occurrences(a.page);
    let (first_b, repeated_b) = first_occurrences(b.page);
    let mut comments = Vec::with_capacity(first_a.len() + first_b.len());
    let mut has_model = [false, false];
    for (uid, &index_a) in in_page_order(a.page, &first_a) {
        let side_a = read_a(index_a);
        has_model[0] |= side_a.has_model;
        comments.push(match first_b.get(uid.as_str()) {
            Some(&index_b) => {
                let side_b = read_b(index_b);
                has_model[1] |= side_b.has_model;
                comment::in_both(uid, (index_a, &side_a), (index_b, &side_b))
            }
            None => comment::only_in(uid, true, index_a, &side_a),
        });
    }
    for (uid, &index_b) in in_page_order(b.page, &first_b) {
        if !first_a.contains_key(uid.as_str()) {
            let side_b = read_b(index_b);
            has_model[1] |= side_b.has_model;
            comments.push(comment::only_in(uid, false, index_b, &side_b));
        }
    }
    comments.sort_by(CommentDiff::by_size_of_change);

    let mut notes = page_notes(&a, &b);
    notes.extend(reading_notes(
        [(&a, &model_a), (&b, &model_b)],
        [repeated_a, repeated_b],
        has_model,
    ));

    Comparison {
        summary: summarise(&comments),
        comments,
        notes,
        model_version_a: model_a.and_then(|m| m.version),
        model_version_b: model_b.and_then(|m| m.version),
    }
}

/// The index of each uid's first occurrence, and the uids that occur more than once (each
/// once, in page order).
fn first_occurrences(page: &Page) -> (HashMap<&str, usize>, Vec<SmolStr>) {
    let mut first = HashMap::with_capacity(page.results.len());
    let mut repeated = Vec::new();
    let mut named = HashSet::new();
    for (index, result) in page.results.iter().enumerate() {
        let uid = &result.comment.uid;
        if let Entry::Vacant(entry) = first.entry(uid.as_str()) {
            entry.insert(index);
        } else if named.insert(uid.as_str()) {
            repeated.push(uid.clone());
        }
    }
    (first, repeated)
}

/// Each uid once, at its first occurrence, in page order.
fn in_page_order<'p>(
    page: &'p Page,
    first: &'p HashMap<&str, usize>,
) -> impl Iterator<Item = (&'p SmolStr, &'p usize)> {
    page.results
        .iter()
        .enumerate()
        .filter_map(move |(index, result)| {
            let uid = &result.comment.uid;
            let at = first.get(uid.as_str())?;
            (*at == index).then_some((uid, at))
        })
}

/// Notes about the pages themselves: streams, routes, model versions, emptiness, unreadable
/// comments.
fn page_notes(a: &Side, b: &Side) -> Vec<Note> {
    let mut notes = Vec::new();
    if let (Some(stream_a), Some(stream_b)) = (a.stream(), b.stream())
        && stream_a != stream_b
    {
        notes.push(Note::DifferentStreams {
            a: stream_a,
            b: stream_b,
        });
    }
    if a.page.route != b.page.route {
        notes.push(Note::DifferentRoutes {
            a: a.page.route,
            b: b.page.route,
        });
    }
    let version = |side: &Side| side.source.and_then(|source| source.model_version);
    if let (Some(version_a), Some(version_b)) = (version(a), version(b))
        && version_a != version_b
    {
        notes.push(Note::ModelVersions {
            a: version_a,
            b: version_b,
        });
    }
    match (a.page.results.is_empty(), b.page.results.is_empty()) {
        (true, true) => notes.push(Note::BothEmpty),
        (true, false) => notes.push(Note::Empty { side: Which::A }),
        (false, true) => notes.push(Note::Empty { side: Which::B }),
        (false, false) => {}
    }
    for (side, page) in [(Which::A, a.page), (Which::B, b.page)] {
        let skipped = page.problems.iter();
        let count = skipped
            .filter(|problem| matches!(problem.kind, ProblemKind::Skipped(_)))
            .count();
        if count > 0 {
            notes.push(Note::Unreadable { side, count });
        }
    }
    notes
}

/// Notes about how the pages were read: repeated uids, sides without predictions, and where
/// each side's thresholds came from.
fn reading_notes(
    sides: [(&Side, &Option<StreamModel>); 2],
    repeated: [Vec<SmolStr>; 2],
    has_model: [bool; 2],
) -> Vec<Note> {
    let mut notes = Vec::new();
    let which = [Which::A, Which::B];
    for (side, repeated) in which.into_iter().zip(repeated) {
        if !repeated.is_empty() {
            notes.push(Note::DuplicateUids {
                side,
                count: repeated.len(),
                examples: repeated.into_iter().take(notes::NAMED_DUPLICATES).collect(),
            });
        }
    }
    for ((which, (side, _)), has_model) in which.into_iter().zip(sides).zip(has_model) {
        if !side.page.results.is_empty() && !has_model {
            notes.push(Note::NoModel { side: which });
        }
    }
    let fetched =
        |(side, _): &(&Side, _)| side.page.route == Route::Fetch && !side.page.results.is_empty();
    match (sides[0].1, sides[1].1) {
        (None, Some(_)) => notes.push(Note::ThresholdsBorrowed { side: Which::A }),
        (Some(_), None) => notes.push(Note::ThresholdsBorrowed { side: Which::B }),
        (None, None) if sides.iter().any(fetched) => notes.push(Note::NoThresholds),
        _ => {}
    }
    notes
}

fn summarise(comments: &[CommentDiff]) -> Summary {
    let mut summary = Summary::default();
    for diff in comments {
        match diff.presence() {
            Presence::OnlyInA => summary.only_in_a += 1,
            Presence::OnlyInB => summary.only_in_b += 1,
            Presence::Both => {
                summary.in_both += 1;
                if diff.is_changed() {
                    summary.changed += 1;
                } else {
                    summary.unchanged += 1;
                }
            }
        }
        summary.labels_entered += diff.entered().count();
        summary.labels_left += diff.left().count();
        summary.labels_changed += diff.labels.len();
        summary.fields_added += diff.fields_added.len();
        summary.fields_removed += diff.fields_removed.len();
    }
    summary
}
