//! One comment compared: where it is on each side, its labels that changed and its general
//! fields that came or went.

use std::cmp::Ordering;

use serde::Serialize;

use crate::api::{LabelPath, SmolStr};

use super::predictions::{Field, Label, Predictions};

/// Where a comment is on one side.
#[derive(Clone, Debug, PartialEq)]
pub struct Occurrence {
    /// Its index in that side's `page.results` (the first one, if the uid repeats).
    pub index: usize,
    /// Its labels at or above that side's stream threshold (what the stream hands over), sorted.
    pub above: Vec<LabelPath>,
}

/// One label on one side.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct LabelValue {
    /// `None` when the label is not predicted on this side.
    pub probability: Option<f64>,
    /// The stream's threshold for the label, where known.
    pub threshold: Option<f64>,
    /// At or above the stream's threshold, by the inspector's rule; `false` when the label is
    /// not predicted on this side; `None` when it cannot be told (a `/fetch` page whose
    /// stream's threshold for the label is not known).
    pub above: Option<bool>,
}

/// A label whose probability differs between the sides, or which crossed its threshold.
#[derive(Clone, Debug, PartialEq)]
pub struct LabelChange {
    pub label: LabelPath,
    pub a: LabelValue,
    pub b: LabelValue,
}

/// A label that crossed its stream threshold from A to B.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Crossing {
    /// Below (or not predicted) in A, above in B: the stream now hands it over.
    Entered,
    /// Above in A, below (or not predicted) in B.
    Left,
}

impl LabelChange {
    /// B's probability minus A's; a label not predicted on a side counts as 0 there (the API
    /// leaves out labels far below every threshold).
    pub fn delta(&self) -> f64 {
        self.b.probability.unwrap_or(0.0) - self.a.probability.unwrap_or(0.0)
    }

    /// Only where both sides' standing is known.
    pub fn crossing(&self) -> Option<Crossing> {
        match (self.a.above, self.b.above) {
            (Some(false), Some(true)) => Some(Crossing::Entered),
            (Some(true), Some(false)) => Some(Crossing::Left),
            _ => None,
        }
    }
}

/// A general field: its name and formatted value.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct GeneralField {
    pub name: SmolStr,
    pub value: Option<SmolStr>,
}

/// Is a comment in both pages, or in one only?
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Presence {
    Both,
    OnlyInA,
    OnlyInB,
}

/// One comment of either page, compared.
#[derive(Clone, Debug, PartialEq)]
pub struct CommentDiff {
    pub uid: SmolStr,
    /// Where it is in A; `None` when only in B.
    pub a: Option<Occurrence>,
    /// Where it is in B; `None` when only in A.
    pub b: Option<Occurrence>,
    /// Labels whose probability differs or which crossed their threshold: crossings first, then
    /// by the size of the probability change, largest first. Empty unless the comment is in
    /// both.
    pub labels: Vec<LabelChange>,
    /// General fields in B and not in A (a field is its name and value; repeats count).
    pub fields_added: Vec<GeneralField>,
    /// General fields in A and not in B.
    pub fields_removed: Vec<GeneralField>,
}

impl CommentDiff {
    pub fn presence(&self) -> Presence {
        match (&self.a, &self.b) {
            (Some(_), None) => Presence::OnlyInA,
            (None, Some(_)) => Presence::OnlyInB,
            _ => Presence::Both,
        }
    }

    /// Only in one page, or in both with some label or field changed.
    pub fn is_changed(&self) -> bool {
        self.presence() != Presence::Both
            || !self.labels.is_empty()
            || !self.fields_added.is_empty()
            || !self.fields_removed.is_empty()
    }

    /// Labels that crossed their threshold upwards.
    pub fn entered(&self) -> impl Iterator<Item = &LabelChange> {
        self.crossed(Crossing::Entered)
    }

    /// Labels that crossed their threshold downwards.
    pub fn left(&self) -> impl Iterator<Item = &LabelChange> {
        self.crossed(Crossing::Left)
    }

    fn crossed(&self, crossing: Crossing) -> impl Iterator<Item = &LabelChange> {
        let crossed = move |change: &&LabelChange| change.crossing() == Some(crossing);
        self.labels.iter().filter(crossed)
    }

    pub fn crossings(&self) -> usize {
        let crossing = |change: &&LabelChange| change.crossing().is_some();
        self.labels.iter().take_while(crossing).count()
    }

    /// The label whose probability moved most, either way.
    pub fn largest_change(&self) -> Option<&LabelChange> {
        let size = |change: &&LabelChange| change.delta().abs();
        self.labels
            .iter()
            .max_by(|a, b| size(a).total_cmp(&size(b)))
    }

    /// The order of [`Comparison::comments`](super::Comparison::comments), "by the size of the
    /// change", largest first:
    /// 1. comments in both pages that changed: more threshold crossings first, then the larger
    ///    absolute probability change of any one label, then more general fields added or
    ///    removed;
    /// 2. comments only in A, then comments only in B;
    /// 3. comments in both that did not change.
    ///
    /// Equal sizes keep page order (A's, then B's for comments only in B).
    pub fn by_size_of_change(&self, other: &Self) -> Ordering {
        let group = |diff: &Self| match (diff.presence(), diff.is_changed()) {
            (Presence::Both, true) => 0,
            (Presence::OnlyInA, _) => 1,
            (Presence::OnlyInB, _) => 2,
            (Presence::Both, false) => 3,
        };
        let largest = |diff: &Self| diff.largest_change().map_or(0.0, |c| c.delta().abs());
        let fields = |diff: &Self| diff.fields_added.len() + diff.fields_removed.len();
        group(self)
            .cmp(&group(other))
            .then_with(|| other.crossings().cmp(&self.crossings()))
            .then_with(|| largest(other).total_cmp(&largest(self)))
            .then_with(|| fields(other).cmp(&fields(self)))
    }
}

/// A comment found in both pages.
pub(super) fn in_both(
    uid: &SmolStr,
    (index_a, a): (usize, &Predictions),
    (index_b, b): (usize, &Predictions),
) -> CommentDiff {
    let (fields_removed, fields_added) = fields_apart(&a.fields, &b.fields);
    CommentDiff {
        uid: uid.clone(),
        a: Some(occurrence(index_a, a)),
        b: Some(occurrence(index_b, b)),
        labels: label_changes(&a.labels, &b.labels),
        fields_added,
        fields_removed,
    }
}

/// A comment found in one page only; `in_a` tells which.
pub(super) fn only_in(uid: &SmolStr, in_a: bool, index: usize, side: &Predictions) -> CommentDiff {
    let found = Some(occurrence(index, side));
    let (a, b) = if in_a { (found, None) } else { (None, found) };
    CommentDiff {
        uid: uid.clone(),
        a,
        b,
        labels: Vec::new(),
        fields_added: Vec::new(),
        fields_removed: Vec::new(),
    }
}

fn occurrence(index: usize, side: &Predictions) -> Occurrence {
    Occurrence {
        index,
        above: side.above(),
    }
}

/// Walks both sorted label lists at once; keeps the labels whose probability or standing differ.
fn label_changes(a: &[Label], b: &[Label]) -> Vec<LabelChange> {
    let absent = |other: &Label| LabelValue {
        probability: None,
        threshold: other.threshold,
        above: Some(false),
    };
    let value = |label: &Label| LabelValue {
        probability: label.probability,
        threshold: label.threshold,
        above: label.above,
    };
    let mut changes = Vec::new();
    let (mut i, mut j) = (0, 0);
    while i < a.len() || j < b.len() {
        let order = match (a.get(i), b.get(j)) {
            (Some(x), Some(y)) => x.path.cmp(y.path),
            (Some(_), None) => Ordering::Less,
            _ => Ordering::Greater,
        };
        let (path, before, after) = match order {
            Ordering::Less => (a[i].path, value(&a[i]), absent(&a[i])),
            Ordering::Greater => (b[j].path, absent(&b[j]), value(&b[j])),
            Ordering::Equal => (a[i].path, value(&a[i]), value(&b[j])),
        };
        i += usize::from(order != Ordering::Greater);
        j += usize::from(order != Ordering::Less);
        let change = LabelChange {
            label: path.clone(),
            a: before,
            b: after,
        };
        if before.probability != after.probability || change.crossing().is_some() {
            changes.push(change);
        }
    }
    // Crossings first, then the largest moves; the sort is stable, so equals keep label order.
    changes.sort_by(|x, y| {
        (y.crossing().is_some().cmp(&x.crossing().is_some()))
            .then_with(|| y.delta().abs().total_cmp(&x.delta().abs()))
    });
    changes
}

/// The fields only in `a` and only in `b`, both lists sorted (a field twice in A and once in B
/// is removed once).
fn fields_apart(a: &[Field], b: &[Field]) -> (Vec<GeneralField>, Vec<GeneralField>) {
    let field = |(name, value): &Field| GeneralField {
        name: name.clone(),
        value: value.clone(),
    };
    let (mut only_a, mut only_b) = (Vec::new(), Vec::new());
    let (mut i, mut j) = (0, 0);
    while i < a.len() || j < b.len() {
        match (a.get(i), b.get(j)) {
            (Some(x), Some(y)) if x == y => {
                i += 1;
                j += 1;
            }
            (Some(x), Some(y)) if x < y => {
                only_a.push(field(x));
                i += 1;
            }
            (Some(x), None) => {
                only_a.push(field(x));
                i += 1;
            }
            (_, Some(y)) => {
                only_b.push(field(y));
                j += 1;
            }
            (None, None) => break,
        }
    }
    (only_a, only_b)
}
