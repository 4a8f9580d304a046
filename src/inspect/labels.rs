//! Label rows for one result: probability, the stream's threshold and where the label stands
//! against it, in taxonomy order (parents before children) or as a flat list of leaves.

use std::collections::HashMap;

use crate::api::{LabelOccurrence, LabelPath, PredictedLabel, SmolStr, StreamModel};

use super::fields::{FieldRow, SpanBatch};

/// Taxonomies are a handful of levels deep; a path deeper than this is shown as it is, without
/// placeholder ancestors, so that hostile input cannot make grouping quadratic.
pub(crate) const MAX_GROUPED_DEPTH: usize = 32;

/// Where a label stands against the stream's threshold.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum LabelState {
    /// At or above the stream's threshold: the stream lets it through.
    Above,
    Below,
    /// The stream's threshold is 1.0 or more: the label is switched off in this stream.
    Off,
    /// The stream has no threshold for this label.
    NoThreshold,
    /// Not predicted itself; listed so that its predicted children read under it.
    NotPredicted,
}

impl LabelState {
    /// The state in words, for the row and its tooltip.
    pub fn describe(self) -> &'static str {
        match self {
            Self::Above => "above the stream's threshold",
            Self::Below => "below the stream's threshold",
            Self::Off => "off in this stream (threshold 100 %)",
            Self::NoThreshold => "the stream has no threshold for this label",
            Self::NotPredicted => "not predicted; shown because a label under it was",
        }
    }

    /// Fetch route: the probability against the stream's threshold (`None`: it has none). This
    /// and [`LabelState::of_occurrence`] are the one rule for "above the threshold", used by the
    /// inspector and by the page comparison alike.
    pub fn of_probability(probability: Option<f64>, threshold: Option<f64>) -> Self {
        match (threshold, probability) {
            (None, _) => Self::NoThreshold,
            (Some(t), _) if t >= 1.0 => Self::Off,
            (Some(t), Some(p)) if lets_through(p, t) => Self::Above,
            (Some(_), _) => Self::Below,
        }
    }

    /// Results route: the `stream` entry the server put in `occurrence_confidence.thresholds`
    /// decides above or below; the stream's threshold only tells whether the label is off.
    pub fn of_occurrence(occurrence: &LabelOccurrence, threshold: Option<f64>) -> Self {
        let cleared_stream = occurrence
            .occurrence_confidence
            .as_ref()
            .is_some_and(|c| c.thresholds.iter().any(|t| t == "stream"));
        match threshold {
            _ if cleared_stream => Self::Above,
            Some(t) if t >= 1.0 => Self::Off,
            Some(_) => Self::Below,
            None => Self::NoThreshold,
        }
    }
}

/// One label as the view draws it. A label occurring twice on the results route gives two rows.
#[derive(Clone, Debug)]
pub struct LabelRow {
    pub path: LabelPath,
    /// Indent level in the taxonomy order (0 for a top-level label).
    pub depth: usize,
    /// Fetch: `probability`; results: `occurrence_confidence.value`. `None` for a placeholder.
    pub probability: Option<f64>,
    /// The stream's threshold for this label, if it has one.
    pub threshold: Option<f64>,
    pub state: LabelState,
    /// Fetch route, sentiment-enabled datasets only; the sign is what matters.
    pub sentiment: Option<f64>,
    /// Thresholds the probability clears: fetch `auto_thresholds`, results
    /// `occurrence_confidence.thresholds` (where `stream` means the stream's own).
    pub cleared: Vec<SmolStr>,
    /// Results route.
    pub extraction_confidence: Option<f64>,
    pub extraction_cleared: Vec<SmolStr>,
    /// Results route: every field defined for the label, found or not.
    pub fields: Vec<FieldRow>,
}

impl LabelRow {
    pub fn is_placeholder(&self) -> bool {
        self.state == LabelState::NotPredicted
    }
}

/// What a result says about labels: a stream without a model is not the same as no labels.
#[derive(Clone, Debug)]
pub enum Labels {
    /// `labels` absent or `null` (fetch), `prediction: null` (results).
    NoModel,
    Predicted(LabelList),
}

/// The label rows of one result, arranged once, read every frame.
#[derive(Clone, Debug, Default)]
pub struct LabelList {
    rows: Vec<LabelRow>,
    leaves: Vec<usize>,
}

impl LabelList {
    /// Taxonomy order: siblings by probability (highest first), each parent followed by its
    /// children; placeholders fill in parents that were not predicted.
    pub fn rows(&self) -> &[LabelRow] {
        &self.rows
    }

    /// Leaf-only order: predicted labels with nothing predicted under them, highest first.
    pub fn leaves(&self) -> impl ExactSizeIterator<Item = &LabelRow> + '_ {
        self.leaves.iter().map(|&i| &self.rows[i])
    }

    /// Whether no label was predicted at all.
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }
}

/// A stream's thresholds by label, looked up once per label instead of scanning the stream's
/// list (taxonomies have hundreds of labels; a page has thousands of predictions).
#[derive(Clone, Debug, Default)]
pub(crate) struct Thresholds<'a>(HashMap<&'a LabelPath, Option<f64>>);

impl<'a> Thresholds<'a> {
    /// No model (or an unknown stream) means no thresholds.
    pub(crate) fn new(stream: Option<&'a StreamModel>) -> Self {
        let mut by_label = HashMap::new();
        for threshold in stream.iter().flat_map(|model| &model.label_thresholds) {
            // The first entry for a label counts, as in `StreamModel::threshold_for`.
            by_label
                .entry(&threshold.name)
                .or_insert(threshold.threshold);
        }
        Self(by_label)
    }

    pub(crate) fn get(&self, label: &LabelPath) -> Option<f64> {
        self.0.get(label).copied().flatten()
    }
}

/// Whether a probability gets through a threshold: at or above it, and a threshold of 100 % or
/// more lets nothing through. [`LabelState::of_probability`] decides with it, and so does the
/// overview's what-if, which compares with thresholds the stream does not have.
pub(crate) fn lets_through(probability: f64, threshold: f64) -> bool {
    threshold < 1.0 && probability >= threshold
}

/// Fetch route: a row per predicted label; its fields are none.
pub(crate) fn fetch_row(label: &PredictedLabel, thresholds: &Thresholds) -> LabelRow {
    let threshold = thresholds.get(&label.name);
    let state = LabelState::of_probability(label.probability, threshold);
    LabelRow {
        path: label.name.clone(),
        depth: 0,
        probability: label.probability,
        threshold,
        state,
        sentiment: label.sentiment,
        cleared: label.auto_thresholds.clone(),
        extraction_confidence: None,
        extraction_cleared: Vec::new(),
        fields: Vec::new(),
    }
}

/// Results route: a row per occurrence, its state by [`LabelState::of_occurrence`].
pub(crate) fn results_row<'a>(
    occurrence: &'a LabelOccurrence,
    thresholds: &Thresholds,
    batch: &mut SpanBatch<'a>,
) -> LabelRow {
    let threshold = thresholds.get(&occurrence.name);
    let state = LabelState::of_occurrence(occurrence, threshold);
    let occurrence_confidence = occurrence.occurrence_confidence.clone().unwrap_or_default();
    for field in &occurrence.fields {
        batch.extracted_field(field);
    }
    let extraction = occurrence.extraction_confidence.clone().unwrap_or_default();
    LabelRow {
        path: occurrence.name.clone(),
        depth: 0,
        probability: occurrence_confidence.value,
        threshold,
        state,
        sentiment: None,
        cleared: occurrence_confidence.thresholds,
        extraction_confidence: extraction.value,
        extraction_cleared: extraction.thresholds,
        fields: Vec::new(),
    }
}

/// A taxonomy node. Its path is the first `level` segments of `predicted[row].path`: borrowing
/// it instead of cloning every prefix keeps arranging cheap.
struct Node {
    row: usize,
    level: usize,
    parent: Option<usize>,
}

/// Arranges predicted rows (in the order the API sent them) into a [`LabelList`]. The tree is
/// kept in flat arrays (a few allocations per result, not a few per label): thousands of
/// results are arranged whenever a page arrives.
pub(crate) fn arrange(predicted: Vec<LabelRow>, thresholds: &Thresholds) -> LabelList {
    let (nodes, node_of_row) = taxonomy(&predicted);
    let probability = |row: usize| predicted[row].probability;

    // A node sorts by its best probability, or by its best descendant's when it is a
    // placeholder. Children come after their parent, so one backward pass settles every key.
    let mut own: Vec<Option<f64>> = vec![None; nodes.len()];
    for (row, &node) in node_of_row.iter().enumerate() {
        own[node] = best([own[node], probability(row)].into_iter());
    }
    let mut below: Vec<Option<f64>> = vec![None; nodes.len()];
    let mut key: Vec<Option<f64>> = vec![None; nodes.len()];
    for id in (0..nodes.len()).rev() {
        key[id] = own[id].or(below[id]);
        if let Some(parent) = nodes[id].parent {
            below[parent] = best([below[parent], key[id]].into_iter());
        }
    }

    // Nodes grouped by parent (top level first), best first within a group, and rows grouped
    // by node, best first. Stable sorts keep the API's order between equals.
    let mut by_parent: Vec<usize> = (0..nodes.len()).collect();
    by_parent.sort_by(|&a, &b| {
        (nodes[a].parent.cmp(&nodes[b].parent)).then_with(|| descending(key[a], key[b]))
    });
    let mut by_node: Vec<usize> = (0..predicted.len()).collect();
    by_node.sort_by(|&a, &b| {
        (node_of_row[a].cmp(&node_of_row[b]))
            .then_with(|| descending(probability(a), probability(b)))
    });
    let children = |parent: Option<usize>| {
        let start = by_parent.partition_point(|&id| nodes[id].parent < parent);
        let end = by_parent.partition_point(|&id| nodes[id].parent <= parent);
        &by_parent[start..end]
    };
    let rows_of = |node: usize| {
        let start = by_node.partition_point(|&row| node_of_row[row] < node);
        let end = by_node.partition_point(|&row| node_of_row[row] <= node);
        &by_node[start..end]
    };

    let mut placeholder_paths: Vec<Option<LabelPath>> = nodes
        .iter()
        .enumerate()
        .map(|(id, node)| {
            let segments = &predicted[node.row].path.segments()[..node.level];
            rows_of(id)
                .is_empty()
                .then(|| LabelPath::new(segments.iter().cloned()))
        })
        .collect();
    let mut predicted: Vec<Option<LabelRow>> = predicted.into_iter().map(Some).collect();
    let mut list = LabelList {
        rows: Vec::with_capacity(nodes.len()),
        leaves: Vec::new(),
    };
    // Depth-first with an explicit stack: (node, depth), next sibling on top.
    let mut stack: Vec<(usize, usize)> = children(None).iter().rev().map(|&id| (id, 0)).collect();
    while let Some((id, depth)) = stack.pop() {
        if let Some(path) = placeholder_paths[id].take() {
            list.rows.push(placeholder(path, depth, thresholds));
        }
        let below = children(Some(id));
        for &row in rows_of(id) {
            if let Some(mut label) = predicted[row].take() {
                label.depth = depth;
                if below.is_empty() {
                    list.leaves.push(list.rows.len());
                }
                list.rows.push(label);
            }
        }
        stack.extend(below.iter().rev().map(|&child| (child, depth + 1)));
    }
    let rows = &list.rows;
    list.leaves
        .sort_by(|&a, &b| descending(rows[a].probability, rows[b].probability));
    list
}

/// The taxonomy the rows imply: one node per path and per ancestor path, each parent created
/// before its children. Returns the nodes and the node of each row.
fn taxonomy(predicted: &[LabelRow]) -> (Vec<Node>, Vec<usize>) {
    let mut nodes: Vec<Node> = Vec::with_capacity(predicted.len() * 2);
    let mut node_of_row = Vec::with_capacity(predicted.len());
    let mut by_path: HashMap<&[SmolStr], usize> = HashMap::with_capacity(predicted.len() * 2);
    for (row, label) in predicted.iter().enumerate() {
        let segments = label.path.segments();
        let node = if segments.is_empty() || segments.len() > MAX_GROUPED_DEPTH {
            // Listed whole at the top level, without placeholder ancestors.
            add(&mut nodes, row, segments.len(), None)
        } else {
            let top = *by_path
                .entry(&segments[..1])
                .or_insert_with(|| add(&mut nodes, row, 1, None));
            (2..=segments.len()).fold(top, |parent, level| {
                *by_path
                    .entry(&segments[..level])
                    .or_insert_with(|| add(&mut nodes, row, level, Some(parent)))
            })
        };
        node_of_row.push(node);
    }
    (nodes, node_of_row)
}

fn add(nodes: &mut Vec<Node>, row: usize, level: usize, parent: Option<usize>) -> usize {
    nodes.push(Node { row, level, parent });
    nodes.len() - 1
}

fn placeholder(path: LabelPath, depth: usize, thresholds: &Thresholds) -> LabelRow {
    LabelRow {
        threshold: thresholds.get(&path),
        path,
        depth,
        probability: None,
        state: LabelState::NotPredicted,
        sentiment: None,
        cleared: Vec::new(),
        extraction_confidence: None,
        extraction_cleared: Vec::new(),
        fields: Vec::new(),
    }
}

/// The highest of some optional probabilities (NaN never wins).
fn best(values: impl Iterator<Item = Option<f64>>) -> Option<f64> {
    values
        .flatten()
        .filter(|value| !value.is_nan())
        .max_by(f64::total_cmp)
}

/// Highest first; missing (and NaN) values last. Used with stable sorts, so ties keep the
/// order the API sent.
fn descending(a: Option<f64>, b: Option<f64>) -> std::cmp::Ordering {
    let rank = |value: Option<f64>| value.filter(|v| !v.is_nan());
    match (rank(a), rank(b)) {
        (Some(a), Some(b)) => b.total_cmp(&a),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => std::cmp::Ordering::Equal,
    }
}

#[cfg(test)]
#[path = "labels_tests.rs"]
mod tests;
