//! The overview in the real app, driven through egui_kittest against the stand-in server: open
//! a page, open *Overview*, choose a label, move the what-if threshold, and read the counts,
//! the lists beside, and the validation figures, each checked against what this test computes
//! itself from the page's and the server's raw JSON.

#[path = "../support/mod.rs"]
mod support;

mod bad_input;
mod navigation;
mod snapshots;
mod versions;

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use serde_json::{Value, json};
use streamlens::api::{LabelPath, Page};
use streamlens::app::App;
use streamlens::demo_server::{Fault, FaultRule};
use streamlens::state::Known;
use streamlens::text::{percent, percent_tenths, plural};
use streamlens::ui::CentralView;
use support::*;

const TOKEN: &str = "tok-OVERVIEW-3f9a";
const NORTHWIND: &str = "Northwind Bank — Customer Service (northwind-bank)";
const SERVICE_MAIL: &str = "Service mailbox (service-mail)";
const TRIAGE: &str = "Service triage (triage)";
const SLIDER: &str = "What-if threshold";

/// The app on `fixture`, with a page of the triage stream asked at `size` comments, and the overview
/// open on it.
fn overview_of_triage(fixture: &Fixture, size: u32) -> Harness<'static, App> {
    let mut harness = app_on(fixture, TOKEN);
    pick(&mut harness, NORTHWIND, SERVICE_MAIL, TRIAGE);
    harness
        .get_by_label("Page size")
        .set_value_accesskit(f64::from(size));
    harness.run_steps(2);
    fetch(&mut harness);
    // The stream's filter holds some back: a page of `size` delivers fewer.
    assert!(!shown_page(&harness).results.is_empty());
    click(&mut harness, "Overview");
    assert_eq!(harness.state().central_view(), CentralView::Overview);
    harness
}

/// The stream's threshold of each label, from the stream's listing.
fn stream_thresholds(harness: &Harness<'_, App>) -> Vec<(LabelPath, f64)> {
    let state = harness.state().state();
    let model = state.catalog.stream_info().unwrap().model.clone().unwrap();
    (model.label_thresholds.into_iter())
        .filter_map(|t| Some((t.name, t.threshold?)))
        .collect()
}

/// Each comment's best probability for `label` on a fetch page, by the comment's index.
fn probabilities(page: &Page, label: &LabelPath) -> Vec<(usize, f64)> {
    let mut found = Vec::new();
    for (at, result) in page.results.iter().enumerate() {
        let best = (result.labels.iter().flatten())
            .filter(|l| &l.name == label)
            .filter_map(|l| l.probability)
            .reduce(f64::max);
        found.extend(best.map(|p| (at, p)));
    }
    found
}

/// The thresholded label (below 100 %) predicted on most comments of the page, with its
/// threshold.
fn busiest_label(harness: &Harness<'_, App>) -> (LabelPath, f64) {
    let page = shown_page(harness);
    (stream_thresholds(harness).into_iter())
        .filter(|(_, t)| *t < 1.0)
        .max_by_key(|(label, _)| probabilities(&page, label).len())
        .unwrap()
}

/// Comments that would enter (held back at `stream`, let through at `what_if`) and leave.
fn crossing(found: &[(usize, f64)], stream: f64, what_if: f64) -> (Vec<usize>, Vec<usize>) {
    let enter = (found.iter())
        .filter(|(_, p)| *p < stream && *p >= what_if)
        .map(|(at, _)| *at)
        .collect();
    let leave = (found.iter())
        .filter(|(_, p)| *p >= stream && *p < what_if)
        .map(|(at, _)| *at)
        .collect();
    (enter, leave)
}

fn choose_label(harness: &mut Harness<'_, App>, label: &LabelPath) {
    click(harness, &label.to_string());
    wait_for_label(harness, &format!("{label} in the comments counted"));
}

/// Scrolls the widget labelled `label` up into the window, as a user would with the wheel,
/// so that a click reaches it.
fn scroll_to(harness: &mut Harness<'_, App>, label: &str) {
    wait_for_label(harness, label);
    let bottom = harness.ctx.content_rect().bottom() - 20.0;
    for _ in 0..30 {
        let node = harness.get_by_label(label);
        if node.rect().bottom() < bottom {
            return;
        }
        node.scroll_down();
        // Until the scroll has settled, so the click lands where the widget stays.
        harness.run();
    }
    panic!("{label} did not scroll into view");
}

fn set_what_if(harness: &mut Harness<'_, App>, value: f64) {
    let slider = harness.get_by_role_and_label(Role::Slider, SLIDER);
    slider.set_value_accesskit(value);
    harness.run_steps(3);
}

fn what_if_value(harness: &Harness<'_, App>) -> f64 {
    let slider = harness.get_by_role_and_label(Role::Slider, SLIDER);
    slider.accesskit_node().numeric_value().unwrap()
}

fn counts_sentence(what_if: f64, stream: f64, enter: usize, leave: usize) -> String {
    format!(
        "At the what-if threshold of {} (the stream's: {}), {} would enter the stream and \
         {leave} would leave it.",
        percent(what_if),
        percent(stream),
        plural(enter, "comment")
    )
}

/// The rows of the comment list beside the overview.
fn listed(harness: &Harness<'_, App>) -> Vec<String> {
    (harness.query_all_by_role(Role::ListBoxOption))
        .map(|row| row.accesskit_node().label().unwrap_or_default())
        .collect()
}

/// A curve of model version `version` as the server sends it, read with serde_json alone.
fn raw_curve(fixture: &Fixture, version: i64, label: &LabelPath) -> Value {
    let url = format!(
        "{}/api/_private/datasets/northwind-bank/service-mail/labellers/{version}/label-validation",
        fixture.server.base_url()
    );
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let reply: Value = runtime.block_on(async {
        let reply = reqwest::Client::new()
            .post(url)
            .bearer_auth(TOKEN)
            .body(json!({ "label": label.to_string() }).to_string())
            .send()
            .await
            .unwrap();
        serde_json::from_slice(&reply.bytes().await.unwrap()).unwrap()
    });
    reply["label_validation"].clone()
}

fn numbers(curve: &Value, key: &str) -> Vec<f64> {
    (curve[key].as_array().unwrap().iter())
        .map(|v| v.as_f64().unwrap())
        .collect()
}

/// What the overview should say of the curve at `threshold`: the first entry at or below it.
fn reading(what: &str, threshold: f64, curve: &Value) -> String {
    let (t, p, r) = (
        numbers(curve, "thresholds"),
        numbers(curve, "precisions"),
        numbers(curve, "recalls"),
    );
    let at = t.iter().position(|&x| x <= threshold).unwrap();
    format!(
        "At {what} of {}: precision {} and recall {} (the curve's entry at {}).",
        percent(threshold),
        percent_tenths(p[at]),
        percent_tenths(r[at]),
        percent_tenths(t[at])
    )
}

#[test]
fn a_what_if_threshold_shows_who_would_enter_and_leave_and_the_curve_at_both_thresholds() {
    let fixture = Fixture::new(TOKEN);
    let mut harness = overview_of_triage(&fixture, 300);
    let (label, stream) = busiest_label(&harness);
    let page = shown_page(&harness);
    let found = probabilities(&page, &label);
    choose_label(&mut harness, &label);
    assert_eq!(
        what_if_value(&harness),
        stream,
        "the what-if starts at the stream's"
    );
    wait_for_label(&mut harness, &counts_sentence(stream, stream, 0, 0));

    // Lower the threshold to the median of those held back (to the percent below): some
    // comments would enter, none leave; the list beside shows them.
    let mut held_back: Vec<f64> = (found.iter().map(|(_, p)| *p))
        .filter(|p| *p < stream)
        .collect();
    held_back.sort_by(f64::total_cmp);
    assert!(held_back.len() >= 4, "{held_back:?}");
    let down = |p: f64| (p * 100.0).floor() / 100.0;
    let lower = down(held_back[held_back.len() / 2]);
    set_what_if(&mut harness, lower);
    let (enter, leave) = crossing(&found, stream, lower);
    assert!(!enter.is_empty() && leave.is_empty(), "{enter:?} {leave:?}");
    harness.get_by_label(&counts_sentence(lower, stream, enter.len(), 0));
    click(&mut harness, "Would enter");
    let rows = listed(&harness);
    assert_eq!(rows.len(), enter.len(), "{rows:#?}");
    for (row, at) in rows.iter().zip(&enter) {
        let subject = page.results[*at].comment.subject().unwrap();
        assert!(row.starts_with(subject), "{row} is comment {at}");
        let p = found.iter().find(|(i, _)| i == at).unwrap().1;
        assert!(row.contains(&format!("{label} {}", percent(p))), "{row}");
    }

    // Lower still, below them all: the list follows the threshold.
    let lowest = down(held_back[0]);
    set_what_if(&mut harness, lowest);
    let (more, _) = crossing(&found, stream, lowest);
    assert!(more.len() > enter.len());
    assert_eq!(listed(&harness).len(), more.len());
    harness.get_by_label(&counts_sentence(lowest, stream, more.len(), 0));

    // Raise it: the list shows those that would leave when asked.
    let higher = ((stream + 0.2) * 100.0).round() / 100.0;
    set_what_if(&mut harness, higher);
    let (_, leave) = crossing(&found, stream, higher);
    click(&mut harness, "Would leave");
    assert_eq!(listed(&harness).len(), leave.len());
    harness.get_by_label(&counts_sentence(higher, stream, 0, leave.len()));

    // Precision and recall at both thresholds, as the server's curve has them.
    let curve = raw_curve(&fixture, 7, &label);
    wait_for_label(
        &mut harness,
        &reading("the stream's threshold", stream, &curve),
    );
    harness.get_by_label(&reading("the what-if threshold", higher, &curve));

    // The threshold that keeps precision at 90 % or more: the last entry that holds it.
    let precisions = numbers(&curve, "precisions");
    let keeps = precisions.iter().rposition(|&p| p >= 0.9).unwrap();
    scroll_to(&mut harness, "What-if: keep precision");
    click(&mut harness, "What-if: keep precision");
    let thresholds = numbers(&curve, "thresholds");
    // (The slider reports its value through AccessKit, which may differ in the last bit.)
    assert!((what_if_value(&harness) - thresholds[keeps]).abs() < 1e-9);
    harness.get_by_label(&reading("the what-if threshold", thresholds[keeps], &curve));

    // Nothing was written: the stream's thresholds and position are as they were.
    let writes: Vec<String> = (fixture.server.requests().into_iter())
        .filter(|r| r.method != "GET")
        .map(|r| r.path)
        .filter(|path| !path.ends_with("/labellers") && !path.ends_with("/label-validation"))
        .filter(|path| !path.ends_with("/fetch"))
        .collect();
    assert_eq!(writes, Vec::<String>::new());
    assert!(
        fixture.server.mutations().is_empty(),
        "no advance, no reset"
    );

    // A comment of the list opens in the inspector, whose bar keeps the stream's threshold.
    set_what_if(&mut harness, higher);
    let first = leave[0];
    let row = harness.get_all_by_role(Role::ListBoxOption).next().unwrap();
    row.click();
    harness.run_steps(2);
    assert_eq!(harness.state().central_view(), CentralView::Inspector);
    assert_eq!(harness.state().inspector().selected(), Some(first));
    let p = found.iter().find(|(i, _)| *i == first).unwrap().1;
    harness.get_by_label(&format!(
        "{label} {}, above the stream's threshold {}",
        percent(p),
        percent(stream)
    ));
}

#[test]
fn without_validation_the_counts_work_and_one_sentence_says_why() {
    let fixture = Fixture::new(TOKEN);
    fixture
        .server
        .inject(FaultRule::new(Fault::status(403)).on("GET", "/api/_private/datasets"));
    fixture
        .server
        .inject(FaultRule::new(Fault::status(403)).on("POST", "/api/_private/datasets"));
    let mut harness = overview_of_triage(&fixture, 100);
    let (label, stream) = busiest_label(&harness);
    let found = probabilities(&shown_page(&harness), &label);
    choose_label(&mut harness, &label);
    wait_until(&mut harness, "the refusal", |h| {
        let versions = h.state().state().validations.versions.values().next();
        versions.is_some_and(|v| matches!(v.summary, Known::NotAvailable(_)))
    });
    let state = harness.state().state();
    let version = state.validations.versions.values().next().unwrap();
    let Known::NotAvailable(why) = version.summary.clone() else {
        unreachable!("waited for it")
    };
    assert!(why.contains("(HTTP 403)"), "{why}");
    harness.run_steps(2);
    harness.get_by_label(&why);
    set_what_if(&mut harness, 0.3);
    let (enter, leave) = crossing(&found, stream, 0.3);
    harness.get_by_label(&counts_sentence(0.3, stream, enter.len(), leave.len()));
    assert!(
        harness.query_by_label("Keep precision at least").is_none(),
        "no curve is read"
    );
    click(&mut harness, "Would enter");
    assert_eq!(listed(&harness).len(), enter.len());
}
