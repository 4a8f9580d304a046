//! The CSV for spreadsheets: one row per change, changed comments largest change first. Written
//! with the CSV export's own record writer (RFC 4180 quoting, formula guard).

use crate::compare::{CommentDiff, Comparison, Crossing, GeneralField, Presence};
use crate::export::push_record;

const HEADER: [&str; 6] = ["uid", "change", "name", "a", "b", "delta"];

/// Rows: `only_in_a` / `only_in_b` (one per comment, the other columns empty); per changed
/// label `entered`, `left` or `probability` with both probabilities (empty where the label is
/// not predicted) and B minus A; per general field `field_added` (value in `b`) or
/// `field_removed` (value in `a`).
pub(super) fn render(comparison: &Comparison) -> Vec<u8> {
    let mut out = String::new();
    push_record(&mut out, &HEADER.map(str::to_owned));
    for diff in comparison.changed() {
        push_rows(&mut out, diff);
    }
    out.into_bytes()
}

fn push_rows(out: &mut String, diff: &CommentDiff) {
    let mut push = |change: &str, name: String, a: String, b: String, delta: String| {
        let record = [diff.uid.to_string(), change.to_owned(), name, a, b, delta];
        push_record(out, &record);
    };
    match diff.presence() {
        Presence::OnlyInA => return push("only_in_a", String::new(), empty(), empty(), empty()),
        Presence::OnlyInB => return push("only_in_b", String::new(), empty(), empty(), empty()),
        Presence::Both => {}
    }
    let number = |p: Option<f64>| p.map(|p| p.to_string()).unwrap_or_default();
    for change in &diff.labels {
        let kind = match change.crossing() {
            Some(Crossing::Entered) => "entered",
            Some(Crossing::Left) => "left",
            None => "probability",
        };
        push(
            kind,
            change.label.to_string(),
            number(change.a.probability),
            number(change.b.probability),
            change.rounded_delta().to_string(),
        );
    }
    let value = |field: &GeneralField| field.value.as_deref().unwrap_or_default().to_owned();
    for field in &diff.fields_added {
        push(
            "field_added",
            field.name.to_string(),
            empty(),
            value(field),
            empty(),
        );
    }
    for field in &diff.fields_removed {
        push(
            "field_removed",
            field.name.to_string(),
            value(field),
            empty(),
            empty(),
        );
    }
}

fn empty() -> String {
    String::new()
}
