//! Model versions on this stream: the triage stream's version 7 against version 6, each
//! label's figures checked against values computed here from the server's raw curve JSON, as
//! `tests/cli_stats.rs` checks `streamlens stats --compare-version`.

use egui_kittest::kittest::Queryable as _;
use serde_json::Value;
use streamlens::api::LabelPath;
use streamlens::text::{percent, percent_tenths};

use super::*;

/// The sentence the row of `label` says, from the two raw curves: the stream's figures at its
/// threshold (first entry at or below it), the other version's there, and the thresholds at
/// which the other keeps the same recall (first entry reaching it) and precision (last entry
/// holding it).
fn expected_row(label: &LabelPath, threshold: f64, mine: &Value, other: &Value) -> String {
    let (t, p, r) = (
        numbers(mine, "thresholds"),
        numbers(mine, "precisions"),
        numbers(mine, "recalls"),
    );
    let at = t.iter().position(|&x| x <= threshold).unwrap();
    let (ot, op, or) = (
        numbers(other, "thresholds"),
        numbers(other, "precisions"),
        numbers(other, "recalls"),
    );
    let same = ot.iter().position(|&x| x <= threshold).unwrap();
    let keeps_recall = or.iter().position(|&x| x >= r[at]);
    let keeps_precision = op.iter().rposition(|&x| x >= p[at]);
    let or_none = |i: Option<usize>| i.map_or("none".to_owned(), |i| percent_tenths(ot[i]));
    format!(
        "{label} at {}: version 7 precision {} recall {}; version 6 precision {} recall {}; \
         version 6 keeps the same recall at {} and the same precision at {}",
        percent(threshold),
        percent_tenths(p[at]),
        percent_tenths(r[at]),
        percent_tenths(op[same]),
        percent_tenths(or[same]),
        or_none(keeps_recall),
        or_none(keeps_precision),
    )
}

#[test]
fn another_model_version_is_read_at_the_streams_thresholds() {
    let fixture = Fixture::new(TOKEN);
    let mut harness = overview_of_triage(&fixture, 16);
    let before = fixture.server.requests().len();
    scroll_to(&mut harness, "Compare version 7 with");
    click(&mut harness, "Compare version 7 with");
    click(&mut harness, "version 6");
    let thresholded: Vec<(LabelPath, f64)> = (stream_thresholds(&harness).into_iter())
        .filter(|(_, t)| *t < 1.0)
        .collect();
    assert!(thresholded.len() >= 10, "{thresholded:?}");
    for (label, threshold) in &thresholded {
        let row = expected_row(
            label,
            *threshold,
            &raw_curve(&fixture, 7, label),
            &raw_curve(&fixture, 6, label),
        );
        wait_for_label(&mut harness, &row);
        harness.get_by_label(&row);
    }
    // Read-only: after choosing the version, only the validation routes were read.
    let asked: Vec<String> = (fixture.server.requests().into_iter().skip(before))
        .map(|r| format!("{} {}", r.method, r.path))
        .filter(|r| !r.contains("/label-validation")) // this test's own reads too
        .collect();
    assert!(asked.iter().all(|r| r.contains("/labellers")), "{asked:#?}");
    assert!(fixture.server.mutations().is_empty());
}
