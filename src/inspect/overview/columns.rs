//! The compact columns of one page that the overview reads: per label, the comments that have
//! it and their probabilities, split by whether the stream lets them through. Built once per
//! page beside its [`PageIndex`] and kept for every page of the history: about 12 bytes per
//! prediction, where the parsed page takes kilobytes per comment.

use std::collections::HashMap;

use crate::api::LabelPath;
use crate::inspect::{LabelState, PageIndex};

/// Why a prediction's probability cannot be counted.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum Unusable {
    Missing,
    NotANumber,
    OutOfRange(f64),
}

/// Probabilities in ascending order, each with the result it belongs to (parallel columns, so
/// that a what-if is a binary search over plain numbers).
#[derive(Clone, Debug, Default)]
pub(super) struct Sorted {
    pub probabilities: Vec<f64>,
    pub results: Vec<u32>,
}

impl Sorted {
    fn from_pairs(mut pairs: Vec<(f64, u32)>) -> Self {
        pairs.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
        let (probabilities, results) = pairs.into_iter().unzip();
        Self {
            probabilities,
            results,
        }
    }

    pub fn len(&self) -> usize {
        self.probabilities.len()
    }

    /// How many lie below `threshold`: they come first.
    pub fn count_below(&self, threshold: f64) -> usize {
        self.probabilities.partition_point(|&p| p < threshold)
    }
}

/// One label on one page.
#[derive(Clone, Debug)]
pub(super) struct LabelColumn {
    pub path: LabelPath,
    /// The stream's threshold the inspector placed this page's predictions against.
    pub threshold: Option<f64>,
    /// Comments the stream lets through with this label: the label bars' "above".
    pub through: Sorted,
    /// Comments with a usable probability that the stream does not let through.
    pub held_back: Sorted,
    /// Comments whose probability is missing, not a number, or outside 0–1.
    pub unusable: Vec<(u32, Unusable)>,
}

impl LabelColumn {
    /// Every comment with the label, in no particular order.
    pub fn results(&self) -> impl Iterator<Item = u32> + '_ {
        let unusable = self.unusable.iter().map(|&(result, _)| result);
        (self.through.results.iter().copied())
            .chain(self.held_back.results.iter().copied())
            .chain(unusable)
    }
}

/// What the overview needs of one page, without the page: per label, which comments have it,
/// with what probability, and whether the stream lets them through. Build it with
/// [`PageColumns::build`] when the page arrives; it stays valid when the parsed page is dropped.
#[derive(Clone, Debug, Default)]
pub struct PageColumns {
    results: usize,
    /// Results whose stream has no model, so no labels.
    without_model: usize,
    /// Sorted by path, so a parent comes right before its children.
    labels: Vec<LabelColumn>,
}

/// A comment's one entry for a label: a label predicted twice (the results route allows it)
/// counts once, with its best usable probability, and as let through if either occurrence is.
struct Entry {
    through: bool,
    probability: Result<f64, Unusable>,
}

impl PageColumns {
    /// Reads the label rows of `index` (built with the stream's thresholds), so every count
    /// agrees with what the label bars show.
    pub fn build(index: &PageIndex) -> Self {
        let mut without_model = 0;
        // Per label: the stream's threshold and each comment's entry.
        type Gathered = (Option<f64>, Vec<(u32, Entry)>);
        let mut by_label: HashMap<&LabelPath, Gathered> = HashMap::new();
        let mut entries: Vec<(&LabelPath, Entry)> = Vec::new();
        for (result, view) in index.results.iter().enumerate() {
            let Some(list) = view.label_list() else {
                without_model += 1;
                continue;
            };
            entries.clear();
            for row in list.rows().iter().filter(|row| !row.is_placeholder()) {
                let entry = Entry {
                    through: row.state == LabelState::Above,
                    probability: usable(row.probability),
                };
                match entries.iter_mut().find(|(path, _)| **path == row.path) {
                    Some((_, seen)) => seen.merge(entry),
                    None => {
                        let threshold = row.threshold;
                        by_label.entry(&row.path).or_insert((threshold, Vec::new()));
                        entries.push((&row.path, entry));
                    }
                }
            }
            let result = u32::try_from(result).unwrap_or(u32::MAX);
            for (path, entry) in entries.drain(..) {
                if let Some((_, list)) = by_label.get_mut(path) {
                    list.push((result, entry));
                }
            }
        }
        let mut labels: Vec<LabelColumn> = by_label
            .into_iter()
            .map(|(path, (threshold, entries))| column(path.clone(), threshold, entries))
            .collect();
        labels.sort_by(|a, b| a.path.cmp(&b.path));
        Self {
            results: index.results.len(),
            without_model,
            labels,
        }
    }

    /// How many comments the page has.
    pub fn results(&self) -> usize {
        self.results
    }

    /// How many of them came from a stream without a model.
    pub fn without_model(&self) -> usize {
        self.without_model
    }

    /// Every label predicted on the page, parents before their children.
    pub fn labels(&self) -> impl Iterator<Item = &LabelPath> {
        self.labels.iter().map(|column| &column.path)
    }

    pub(super) fn columns(&self) -> &[LabelColumn] {
        &self.labels
    }
}

impl Entry {
    fn merge(&mut self, other: Entry) {
        self.through |= other.through;
        self.probability = match (self.probability, other.probability) {
            (Ok(a), Ok(b)) => Ok(a.max(b)),
            (Ok(a), Err(_)) | (Err(_), Ok(a)) => Ok(a),
            (Err(a), Err(_)) => Err(a),
        };
    }
}

/// A probability the overview can count: a number from 0 to 1.
fn usable(probability: Option<f64>) -> Result<f64, Unusable> {
    match probability {
        None => Err(Unusable::Missing),
        Some(p) if p.is_nan() => Err(Unusable::NotANumber),
        Some(p) if !(0.0..=1.0).contains(&p) => Err(Unusable::OutOfRange(p)),
        Some(p) => Ok(p),
    }
}

fn column(path: LabelPath, threshold: Option<f64>, entries: Vec<(u32, Entry)>) -> LabelColumn {
    let (mut through, mut held_back, mut unusable) = (Vec::new(), Vec::new(), Vec::new());
    for (result, entry) in entries {
        match (entry.probability, entry.through) {
            (Ok(p), true) => through.push((p, result)),
            (Ok(p), false) => held_back.push((p, result)),
            (Err(why), _) => unusable.push((result, why)),
        }
    }
    LabelColumn {
        path,
        threshold,
        through: Sorted::from_pairs(through),
        held_back: Sorted::from_pairs(held_back),
        unusable,
    }
}
