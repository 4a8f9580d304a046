//! The comment of the row clicked, as the inspector shows it, with its Labels section holding
//! both pages' label bars next to each other, each against its own page's thresholds.

use crate::compare::CommentDiff;
use crate::inspect::overview::LabelColours;
use crate::state::{CompareSide, OpenComparison};

use super::super::commands;
use super::super::inspect::{Inspector, LabelsShown, label_bars, leaf_toggle};

pub(super) fn show(
    ui: &mut egui::Ui,
    open: &OpenComparison,
    diff: &CommentDiff,
    detail: &mut Inspector,
    colours: &LabelColours,
) {
    ui.label(what_changed(diff));
    // The comment's text as A has it, or B where A does not have it.
    let shown = match (&diff.a, &diff.b) {
        (Some(found), _) => Some((&open.a, found.index)),
        (None, Some(found)) => Some((&open.b, found.index)),
        (None, None) => None,
    };
    let Some((side, index)) = shown else {
        return;
    };
    let mut labels =
        |ui: &mut egui::Ui, leaf_only: &mut bool| paired(ui, open, diff, colours, leaf_only);
    let page = &side.page;
    let labels = LabelsShown::Drawn(&mut labels);
    let hints = commands::inspector_hints(ui.ctx());
    detail.show_comment(
        ui,
        &page.page,
        &page.index,
        index,
        (colours, labels),
        &hints,
    );
}

/// `Changed: entered Payments > Failed; largest probability change Complaint 0.543 → 0.625
/// (+0.081); general fields +Reference R-1`, or `Only in B: A does not have this comment.`
fn what_changed(diff: &CommentDiff) -> String {
    let mut parts = Vec::new();
    let names = |changes: Vec<String>| changes.join(", ");
    let entered = names(diff.entered().map(|c| c.label.to_string()).collect());
    let left = names(diff.left().map(|c| c.label.to_string()).collect());
    if !entered.is_empty() {
        parts.push(format!("entered {entered}"));
    }
    if !left.is_empty() {
        parts.push(format!("left {left}"));
    }
    if let Some(largest) = diff.largest_change_words() {
        parts.push(format!("largest probability change {largest}"));
    }
    let fields = diff.fields_words();
    if !fields.is_empty() {
        parts.push(format!("general fields {fields}"));
    }
    let mut words = diff.change_words().to_owned();
    if let Some(first) = words.get_mut(..1) {
        first.make_ascii_uppercase();
    }
    match (diff.a.is_some(), diff.b.is_some()) {
        (true, false) => format!("{words}: B does not have this comment."),
        (false, true) => format!("{words}: A does not have this comment."),
        _ if parts.is_empty() => format!("{words}: its labels and general fields are the same."),
        _ => format!("{words}: {}.", parts.join("; ")),
    }
}

/// The leaf-only toggle once, then A's bars and B's bars in two columns.
fn paired(
    ui: &mut egui::Ui,
    open: &OpenComparison,
    diff: &CommentDiff,
    colours: &LabelColours,
    leaf_only: &mut bool,
) {
    leaf_toggle(ui, leaf_only);
    let comparison = &open.comparison;
    let sides = [
        ("A", &open.a, &diff.a, comparison.model_version_a),
        ("B", &open.b, &diff.b, comparison.model_version_b),
    ];
    ui.columns(2, |columns| {
        for (ui, (name, side, found, version)) in columns.iter_mut().zip(sides) {
            let mut heading = format!("Labels in {name}");
            if let Some(version) = version {
                heading.push_str(&format!(" (model version {version})"));
            }
            ui.strong(heading);
            match found {
                Some(found) => bars(ui, side, found.index, colours, *leaf_only),
                None => {
                    ui.weak(format!("{name} does not have this comment."));
                }
            }
        }
    });
}

fn bars(
    ui: &mut egui::Ui,
    side: &CompareSide,
    index: usize,
    colours: &LabelColours,
    leaf_only: bool,
) {
    let page = &side.page;
    if let (Some(view), Some(result)) =
        (page.index.results.get(index), page.page.results.get(index))
    {
        label_bars(ui, view, &result.comment, colours, leaf_only);
    }
}
