//! Label rows arranged as their taxonomy: parents before children, siblings by probability,
//! placeholders for parents that were not predicted, and the leaves in their own order.

use std::collections::HashMap;

use crate::api::{LabelPath, SmolStr};

use super::labels::{LabelList, LabelRow, LabelState, Thresholds};

/// Taxonomies are a handful of levels deep; a path deeper than this is shown as it is, without
/// placeholder ancestors, so that hostile input cannot make grouping quadratic.
pub(crate) const MAX_GROUPED_DEPTH: usize = 32;

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
    let mut rows = Vec::with_capacity(nodes.len());
    let mut leaves = Vec::new();
    // Depth-first with an explicit stack: (node, depth), next sibling on top.
    let mut stack: Vec<(usize, usize)> = children(None).iter().rev().map(|&id| (id, 0)).collect();
    while let Some((id, depth)) = stack.pop() {
        if let Some(path) = placeholder_paths[id].take() {
            rows.push(placeholder(path, depth, thresholds));
        }
        let below = children(Some(id));
        for &row in rows_of(id) {
            if let Some(mut label) = predicted[row].take() {
                label.depth = depth;
                if below.is_empty() {
                    leaves.push(rows.len());
                }
                rows.push(label);
            }
        }
        stack.extend(below.iter().rev().map(|&child| (child, depth + 1)));
    }
    leaves.sort_by(|&a, &b| descending(rows[a].probability, rows[b].probability));
    LabelList::arranged(rows, leaves)
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
pub(super) fn best(values: impl Iterator<Item = Option<f64>>) -> Option<f64> {
    values
        .flatten()
        .filter(|value| !value.is_nan())
        .max_by(f64::total_cmp)
}

/// Highest first; missing (and NaN) values last. Used with stable sorts, so ties keep the
/// order the API sent.
pub(super) fn descending(a: Option<f64>, b: Option<f64>) -> std::cmp::Ordering {
    let rank = |value: Option<f64>| value.filter(|v| !v.is_nan());
    match (rank(a), rank(b)) {
        (Some(a), Some(b)) => b.total_cmp(&a),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => std::cmp::Ordering::Equal,
    }
}
