//! The known differences found: through the page history, through File → Compare with…, and
//! in a table too long to lay out whole.

use streamlens::demo_server::{Fault, FaultRule};

use super::plan::{check_table, open_and_check_bars, plan_for_shown};
use super::*;

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
