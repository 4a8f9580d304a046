//! The JSON for scripts: one document with both pages, the summary, the notes, and one object
//! per changed comment (largest change first). README's command line section shows the shape.

use serde::Serialize;

use crate::api::{LabelPath, SmolStr};
use crate::compare::{
    CommentDiff, Comparison, GeneralField, LabelChange, LabelValue, Occurrence, Presence,
};

use super::PageInfo;

#[derive(Serialize)]
struct PageJson<'c> {
    file: &'c str,
    stream: Option<&'c str>,
    route: &'static str,
    model_version: Option<i64>,
    comments: usize,
}

#[derive(Serialize)]
struct Change<'c> {
    uid: &'c SmolStr,
    /// `changed`, `only_in_a` or `only_in_b`.
    change: &'static str,
    a: Option<Side<'c>>,
    b: Option<Side<'c>>,
    model_version: Versions,
    entered: Vec<&'c LabelPath>,
    left: Vec<&'c LabelPath>,
    labels: Vec<Label<'c>>,
    fields_added: &'c [GeneralField],
    fields_removed: &'c [GeneralField],
}

#[derive(Serialize)]
struct Side<'c> {
    index: usize,
    above: &'c [LabelPath],
}

#[derive(Clone, Copy, Serialize)]
struct Versions {
    a: Option<i64>,
    b: Option<i64>,
}

#[derive(Serialize)]
struct Label<'c> {
    label: &'c LabelPath,
    a: &'c LabelValue,
    b: &'c LabelValue,
    delta: f64,
}

/// One JSON document, compact, laid out for reading and grepping: each top-level key on a line
/// of its own, and each changed comment on a line of its own inside `changes`.
pub(super) fn render(comparison: &Comparison, pages: &[PageInfo; 2], notes: &[String]) -> Vec<u8> {
    let versions = Versions {
        a: comparison.model_version_a,
        b: comparison.model_version_b,
    };
    let mut out = Vec::with_capacity(256 * (comparison.summary.changed + 8));
    out.extend_from_slice(b"{\"a\":");
    write(&mut out, &page(&pages[0]));
    out.extend_from_slice(b",\n\"b\":");
    write(&mut out, &page(&pages[1]));
    out.extend_from_slice(b",\n\"summary\":");
    write(&mut out, &comparison.summary);
    out.extend_from_slice(b",\n\"notes\":");
    write(&mut out, &notes);
    out.extend_from_slice(b",\n\"changes\":[");
    for (i, diff) in comparison.changed().enumerate() {
        out.extend_from_slice(if i == 0 { b"\n" } else { b",\n" });
        write(&mut out, &change(diff, versions));
    }
    out.extend_from_slice(b"\n]}\n");
    out
}

/// Strings, numbers, options and lists only: serialising cannot fail (a non-finite number,
/// which no page can hold, would be written as null), and writing to a `Vec` never does.
fn write(out: &mut Vec<u8>, value: &impl Serialize) {
    let _ = serde_json::to_writer(out, value);
}

fn page(info: &PageInfo) -> PageJson<'_> {
    PageJson {
        file: &info.file,
        stream: info.stream.as_deref(),
        route: info.route.as_str(),
        model_version: info.model_version,
        comments: info.comments,
    }
}

fn side(occurrence: &Option<Occurrence>) -> Option<Side<'_>> {
    occurrence.as_ref().map(|o| Side {
        index: o.index,
        above: &o.above,
    })
}

fn label(change: &LabelChange) -> &LabelPath {
    &change.label
}

fn change(diff: &CommentDiff, model_version: Versions) -> Change<'_> {
    Change {
        uid: &diff.uid,
        change: match diff.presence() {
            Presence::Both => "changed",
            Presence::OnlyInA => "only_in_a",
            Presence::OnlyInB => "only_in_b",
        },
        a: side(&diff.a),
        b: side(&diff.b),
        model_version,
        entered: diff.entered().map(label).collect(),
        left: diff.left().map(label).collect(),
        labels: diff
            .labels
            .iter()
            .map(|change| Label {
                label: &change.label,
                a: &change.a,
                b: &change.b,
                delta: change.rounded_delta(),
            })
            .collect(),
        fields_added: &diff.fields_added,
        fields_removed: &diff.fields_removed,
    }
}
