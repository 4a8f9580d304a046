//! Comparing pages in the real app (egui_kittest), end to end against the stand-in server: two
//! pages of the history (the second one edited by the server's fault injection, as a retrained
//! model would change it), the shown page with a file written by the test, files opened
//! together out of order, and input that is no page or odd in another way (`bad_input.rs`).
//! Every expected row follows from the edits the test makes to a page it has just fetched.

#[path = "../support/mod.rs"]
mod support;

mod bad_input;
mod open_many;

use std::collections::VecDeque;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use bytes::Bytes;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use serde_json::{Value, json};
use streamlens::api::{Page, Route, Token};
use streamlens::app::{App, AppOptions};
use streamlens::credentials::CredentialStore;
use streamlens::demo_server::{Fault, FaultRule};
use streamlens::export::{self, Provenance};
use streamlens::text::percent;
use streamlens::worker::{Dialogs, KeyringChoice};
use support::*;

const TOKEN: &str = "tok-COMPARE-7c1d09";

pub(crate) type Answers = Arc<Mutex<VecDeque<Vec<PathBuf>>>>;

/// The app on `fixture`'s server, dialogs answered from the returned queue, with the first page
/// of `northwind-bank/service-mail/triage` on screen.
fn with_triage(fixture: &Fixture) -> (Harness<'static, App>, Answers) {
    let answers: Answers = Arc::default();
    let mut harness = app(AppOptions {
        session: Some((fixture.server.base_url(), Token::new(TOKEN))),
        keyring: KeyringChoice::Given(CredentialStore::mock()),
        client: quick_client(),
        dialogs: Dialogs::Scripted(answers.clone()),
        ..AppOptions::default()
    });
    pick(
        &mut harness,
        "Northwind Bank — Customer Service (northwind-bank)",
        "Service mailbox (service-mail)",
        "Service triage (triage)",
    );
    fetch(&mut harness);
    (harness, answers)
}

/// A label of one result: where it is, its name as the bars write it, its probability and the
/// stream's threshold for it.
#[derive(Clone, Debug)]
struct Pick {
    result: usize,
    label: usize,
    path: String,
    probability: f64,
    threshold: f64,
}

/// What the test changes in a page to make page B: one of each kind of difference.
#[derive(Clone, Debug)]
struct Plan {
    /// Below its threshold in A, 0.99 in B.
    entered: Pick,
    /// Above its threshold in A, 0.01 in B.
    left: Pick,
    /// Below its threshold in A, half of that in B: a move without a crossing.
    moved: Pick,
    /// The result that gains a general field `Reference R-1`.
    field: usize,
    /// The result left out of B.
    removed: usize,
    /// The result whose uid B changes: the old uid only in A, the new one only in B.
    renamed: usize,
    uids: Vec<String>,
}

impl Plan {
    /// Chooses the results and labels from the page as fetched, against its stream's thresholds.
    fn for_page(page: &Page, source: &Provenance) -> Self {
        let threshold = |path| {
            let found = source.label_thresholds.iter().find(|t| &t.name == path);
            found.and_then(|t| t.threshold).filter(|t| *t < 1.0)
        };
        let mut taken: Vec<usize> = Vec::new();
        let pick = |above: bool, taken: &mut Vec<usize>| {
            for (i, result) in page.results.iter().enumerate() {
                if taken.contains(&i) {
                    continue;
                }
                for (j, label) in result.labels.iter().flatten().enumerate() {
                    let (Some(p), Some(t)) = (label.probability, threshold(&label.name)) else {
                        continue;
                    };
                    if (p >= t) == above && p > 0.05 && p < 0.95 {
                        taken.push(i);
                        return Pick {
                            result: i,
                            label: j,
                            path: label.name.to_string(),
                            probability: p,
                            threshold: t,
                        };
                    }
                }
            }
            panic!(
                "the page has no label {} its threshold",
                if above { "above" } else { "below" }
            );
        };
        let entered = pick(false, &mut taken);
        let left = pick(true, &mut taken);
        let moved = pick(false, &mut taken);
        let mut rest = (0..page.results.len()).filter(|i| !taken.contains(i));
        let (field, removed, renamed) = (rest.next(), rest.next(), rest.next());
        let uids = page
            .results
            .iter()
            .map(|r| r.comment.uid.to_string())
            .collect();
        Self {
            entered,
            left,
            moved,
            field: field.expect("enough comments"),
            removed: removed.expect("enough comments"),
            renamed: renamed.expect("enough comments"),
            uids,
        }
    }

    fn renamed_to(&self) -> String {
        format!("{}-renamed", self.uids[self.renamed])
    }

    /// Makes B out of A's JSON.
    fn apply(&self, json: &mut Value) {
        let results = json["results"].as_array_mut().expect("a page has results");
        let mut set = |pick: &Pick, p: f64| {
            results[pick.result]["labels"][pick.label]["probability"] = json!(p);
        };
        set(&self.entered, 0.99);
        set(&self.left, 0.01);
        set(&self.moved, self.moved.probability / 2.0);
        let entities = &mut results[self.field]["entities"];
        if !entities.is_array() {
            *entities = json!([]);
        }
        let reference = json!({"name": "Reference", "formatted_value": "R-1", "spans": []});
        entities.as_array_mut().unwrap().push(reference);
        results[self.renamed]["comment"]["uid"] = json!(self.renamed_to());
        results.remove(self.removed);
    }

    /// The table's rows, largest change first: the two crossings (the larger move first), the
    /// move, the field, the comments only in A in page order, then the one only in B.
    fn rows(&self) -> Vec<String> {
        let entered = 0.99 - self.entered.probability;
        let left = self.left.probability - 0.01;
        let (first, second) = if entered >= left {
            (&self.entered, &self.left)
        } else {
            (&self.left, &self.entered)
        };
        let mut only_a = [self.removed, self.renamed];
        only_a.sort();
        let uid = |i: usize| self.uids[i].clone();
        vec![
            uid(first.result),
            uid(second.result),
            uid(self.moved.result),
            uid(self.field),
            uid(only_a[0]),
            uid(only_a[1]),
            self.renamed_to(),
        ]
    }

    /// The summary line for a page of `n` comments.
    fn summary(&self, n: usize) -> String {
        format!(
            "{} comments in both (4 changed, {} unchanged), 2 only in A, 1 only in B; labels: 1 \
             entered, 1 left, 3 changed; general fields: 1 added, 0 removed.",
            n - 2,
            n - 6
        )
    }
}

/// The plan for the page on screen.
fn plan_for_shown(harness: &Harness<'_, App>) -> Plan {
    let state = harness.state().state();
    let shown = state.pages.current().expect("a page is shown");
    let source = shown
        .entry
        .provenance
        .as_ref()
        .expect("a fetched page records its source");
    Plan::for_page(shown.page, source)
}

/// The uid buttons of the compare table from top to bottom, among `uids`.
fn table_rows(harness: &Harness<'_, App>, uids: &[String]) -> Vec<String> {
    let mut rows: Vec<(f32, String)> = uids
        .iter()
        .filter_map(|uid| {
            let button = harness.query_by_role_and_label(Role::Button, uid)?;
            Some((button.rect().center().y, uid.clone()))
        })
        .collect();
    rows.sort_by(|a, b| a.0.total_cmp(&b.0));
    rows.into_iter().map(|(_, uid)| uid).collect()
}

/// The texts of a table row after its uid, left to right (empty cells left out).
fn row_texts(harness: &Harness<'_, App>, uid: &str) -> Vec<String> {
    let row = harness.get_by_role_and_label(Role::Button, uid).rect();
    let mut cells: Vec<(f32, String)> = harness
        .query_all_by_role(Role::Label)
        .filter(|cell| {
            let at = cell.rect().center();
            at.y > row.min.y && at.y < row.max.y && at.x > row.max.x
        })
        .filter_map(|cell| Some((cell.rect().min.x, cell.accesskit_node().value()?)))
        .filter(|(_, text)| !text.is_empty())
        .collect();
    cells.sort_by(|a, b| a.0.total_cmp(&b.0));
    cells.into_iter().map(|(_, text)| text).collect()
}

/// What a label bar says: `Payments > Failed 99%, above the stream's threshold 50%`.
fn bar(path: &str, probability: f64, threshold: f64) -> String {
    let state = if probability >= threshold {
        "above"
    } else {
        "below"
    };
    format!(
        "{path} {}, {state} the stream's threshold {}",
        percent(probability),
        percent(threshold)
    )
}

/// `Payments > Failed 0.300 → 0.990 (+0.690)`.
fn move_words(pick: &Pick, to: f64) -> String {
    let from = pick.probability;
    format!("{} {from:.3} → {to:.3} ({:+.3})", pick.path, to - from)
}

/// Checks every row of the table against the plan.
fn check_table(harness: &Harness<'_, App>, plan: &Plan) {
    let mut uids = plan.uids.clone();
    uids.push(plan.renamed_to());
    assert_eq!(
        table_rows(harness, &uids),
        plan.rows(),
        "the rows, largest change first"
    );
    let uid = |i: usize| plan.uids[i].as_str();
    assert_eq!(
        row_texts(harness, uid(plan.entered.result)),
        [
            "changed".to_owned(),
            plan.entered.path.clone(),
            move_words(&plan.entered, 0.99)
        ]
    );
    assert_eq!(
        row_texts(harness, uid(plan.left.result)),
        [
            "changed".to_owned(),
            plan.left.path.clone(),
            move_words(&plan.left, 0.01)
        ]
    );
    let half = plan.moved.probability / 2.0;
    assert_eq!(
        row_texts(harness, uid(plan.moved.result)),
        ["changed".to_owned(), move_words(&plan.moved, half)]
    );
    assert_eq!(
        row_texts(harness, uid(plan.field)),
        ["changed", "+Reference R-1"]
    );
    assert_eq!(row_texts(harness, uid(plan.removed)), ["only in A"]);
    assert_eq!(row_texts(harness, uid(plan.renamed)), ["only in A"]);
    assert_eq!(row_texts(harness, &plan.renamed_to()), ["only in B"]);
}

/// Opens the comment of `pick`'s row and checks both pages' bars for its label, each against
/// its threshold: `a` in A, `b` in B.
fn open_and_check_bars(harness: &mut Harness<'static, App>, plan: &Plan, pick: &Pick, b: f64) {
    let uid = plan.uids[pick.result].clone();
    harness.get_by_role_and_label(Role::Button, &uid).click();
    harness.run_steps(2);
    let (a_bar, b_bar) = (
        bar(&pick.path, pick.probability, pick.threshold),
        bar(&pick.path, b, pick.threshold),
    );
    let named = format!("{} ", pick.path);
    let bars: Vec<String> = harness
        .query_all_by_role(Role::ProgressIndicator)
        .filter_map(|node| node.accesskit_node().label())
        .filter(|label| {
            let rest = label.strip_prefix(&named);
            rest.is_some_and(|rest| rest.starts_with(|c: char| c.is_ascii_digit()))
        })
        .collect();
    assert_eq!(bars, [a_bar, b_bar], "A's bar, then B's beside it");
    harness.get_by_label("Labels in A (model version 7)");
    harness.get_by_label("Labels in B (model version 7)");
    // The rest is the inspector's detail of the comment.
    harness.get_by_role_and_label(Role::Label, &uid);
    let messages = harness.query_all_by_label_contains("Message 1 of");
    assert!(messages.count() > 0, "the comment's messages");
}

#[test]
fn two_pages_of_the_history_compare_and_a_changed_comment_shows_both_pages_bars() {
    let fixture = Fixture::new(TOKEN);
    let (mut harness, _answers) = with_triage(&fixture);
    let plan = plan_for_shown(&harness);
    let edit = plan.clone();
    fixture.server.inject(
        FaultRule::new(Fault::edit(move |json| edit.apply(json)))
            .on("POST", "/fetch")
            .times(1),
    );
    fetch(&mut harness);
    wait_for_label(&mut harness, "Page 2 of 2 fetched in this run");
    let before: Vec<_> = (harness.state().state().pages.history.iter())
        .map(|page| page.generation)
        .collect();

    click(&mut harness, "Page history…");
    click(&mut harness, "Compare page 1 with the shown page");
    let n = plan.uids.len();
    wait_for_label(&mut harness, &plan.summary(n));
    harness.get_by_label_contains("A: page 1 of the history — northwind-bank/service-mail/triage");
    harness.get_by_label_contains(
        "B: page 2 of the history (shown) — northwind-bank/service-mail/triage",
    );
    check_table(&harness, &plan);
    open_and_check_bars(&mut harness, &plan, &plan.left, 0.01);
    open_and_check_bars(&mut harness, &plan, &plan.entered, 0.99);

    // Read-only: the history and the shown page are as they were.
    let pages = &harness.state().state().pages;
    let after: Vec<_> = pages.history.iter().map(|page| page.generation).collect();
    assert_eq!(after, before);
    assert_eq!(pages.shown, Some(1));
    click(&mut harness, "Inspector");
    harness.get_by_label(&format!("{} comments on this page", n - 1));
}

/// A fetch-route result with `labels` as `(name, probability)`.
pub(crate) fn result(uid: &str, labels: &[(&str, f64)]) -> Value {
    let labels: Vec<Value> = labels
        .iter()
        .map(|(name, p)| json!({"name": [name], "probability": p}))
        .collect();
    json!({"comment": {"id": uid, "uid": uid, "messages": [{"body": {"text": uid}}]},
           "labels": labels, "entities": []})
}

/// A fetch page of `results`.
pub(crate) fn fetch_page(results: Vec<Value>) -> Page {
    let body = json!({"status": "ok", "results": results}).to_string();
    Page::parse(Route::Fetch, Bytes::from(body)).unwrap()
}

/// Where a test page says it came from: `stream`, fetched `at`, `Complaint` at 0.5.
pub(crate) fn source(stream: &str, at: Option<&str>) -> Provenance {
    let stream: streamlens::api::StreamRef = stream.parse().unwrap();
    Provenance {
        project: stream.project,
        dataset: stream.dataset,
        stream: stream.stream,
        model_version: Some(3),
        label_thresholds: vec![streamlens::api::LabelThreshold {
            name: streamlens::api::LabelPath::parse("Complaint"),
            threshold: Some(0.5),
        }],
        fetched_at: at.map(streamlens::api::Timestamp::parse),
        ..Provenance::default()
    }
}

/// The app offline, showing the page files `open` (the last of them), dialogs scripted.
pub(crate) fn offline(open: Vec<PathBuf>) -> (Harness<'static, App>, Answers) {
    let answers: Answers = Arc::default();
    let count = open.len();
    let mut harness = app(AppOptions {
        open,
        keyring: KeyringChoice::Off,
        dialogs: Dialogs::Scripted(answers.clone()),
        ..AppOptions::default()
    });
    wait_until(&mut harness, "the files to open", |h| {
        let state = h.state().state();
        state.pages.history.len() == count && state.files.opening.is_none()
    });
    (harness, answers)
}

/// Compares the shown page with `file` through File → Compare with… and a scripted dialog.
pub(crate) fn compare_with(harness: &mut Harness<'static, App>, answers: &Answers, file: &Path) {
    answers.lock().unwrap().push_back(vec![file.to_path_buf()]);
    click(harness, "File");
    click_contains(harness, "Compare with…");
    wait_until(harness, "the comparison", |h| {
        h.state().state().comparisons.running.is_none()
    });
    harness.run_steps(2);
}

/// Clicks the one widget whose label contains `label` (a menu entry, whose label ends with its
/// shortcut).
pub(crate) fn click_contains(harness: &mut Harness<'static, App>, label: &str) {
    wait_until(harness, label, |h| {
        h.query_by_label_contains(label).is_some()
    });
    harness.get_by_label_contains(label).click();
    harness.run_steps(2);
}

/// Writes `page` as our export, with `source`.
pub(crate) fn write_export(path: &Path, page: &Page, source: &Provenance) {
    std::fs::write(path, export::wrapped_json(page, source)).unwrap();
}

#[test]
fn the_shown_page_compares_with_a_file_and_the_table_lists_its_known_differences() {
    let fixture = Fixture::new(TOKEN);
    let (mut harness, answers) = with_triage(&fixture);
    let plan = plan_for_shown(&harness);
    let shown = shown_page(&harness);
    let mut json: Value = serde_json::from_slice(&shown.raw).unwrap();
    plan.apply(&mut json);
    let b = Page::parse(Route::Fetch, Bytes::from(json.to_string())).unwrap();
    let state = harness.state().state();
    let source = state
        .pages
        .current()
        .unwrap()
        .entry
        .provenance
        .clone()
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("tuesday.json");
    write_export(&file, &b, &source);

    answers.lock().unwrap().push_back(vec![file]);
    click(&mut harness, "File");
    click_contains(&mut harness, "Compare with…");
    wait_for_label(&mut harness, &plan.summary(plan.uids.len()));
    harness.get_by_label_contains(
        "B: the file — tuesday.json (northwind-bank/service-mail/triage, fetch route, fetched ",
    );
    check_table(&harness, &plan);
    open_and_check_bars(
        &mut harness,
        &plan,
        &plan.moved,
        plan.moved.probability / 2.0,
    );
    assert_eq!(
        harness.state().state().pages.history.len(),
        1,
        "a file compared joins nothing"
    );
}

#[test]
fn a_comparison_of_1100_comments_lays_out_only_the_rows_in_view() {
    let dir = tempfile::tempdir().unwrap();
    let page = |probability: f64| {
        let results = (0..1100)
            .map(|i| result(&format!("c.{i:04}"), &[("Complaint", probability)]))
            .collect();
        fetch_page(results)
    };
    let (a, b) = (dir.path().join("a.json"), dir.path().join("b.json"));
    write_export(&a, &page(0.3), &source("acme-ops/claims/new-claims", None));
    write_export(&b, &page(0.6), &source("acme-ops/claims/new-claims", None));
    let (mut harness, answers) = offline(vec![a]);
    compare_with(&mut harness, &answers, &b);
    wait_for_label(
        &mut harness,
        "1100 comments in both (1100 changed, 0 unchanged), 0 only in A, 0 only in B; labels: \
         1100 entered, 0 left, 1100 changed; general fields: 0 added, 0 removed.",
    );
    let laid_out = harness
        .query_all_by_role(Role::Button)
        .filter(|node| {
            let label = node.accesskit_node().label().unwrap_or_default();
            label.starts_with("c.") && label.len() == 6
        })
        .count();
    assert!(
        (3..60).contains(&laid_out),
        "{laid_out} rows laid out of 1100"
    );
    harness.get_by_role_and_label(Role::Button, "c.0000");
    assert!(
        harness
            .query_by_role_and_label(Role::Button, "c.1099")
            .is_none()
    );
    assert_eq!(
        row_texts(&harness, "c.0000"),
        ["changed", "Complaint", "Complaint 0.300 → 0.600 (+0.300)"]
    );
}
