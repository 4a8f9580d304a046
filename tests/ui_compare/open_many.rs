//! Files opened together join the history in the order of their fetch times, whatever order
//! they were given in (the command line, the open dialog's multi-pick); a bare response, which
//! records no fetch time, comes after them. Then the pages of different days compare.

use super::*;

/// History pages by their file names, oldest first.
fn history_files(harness: &Harness<'_, App>) -> Vec<String> {
    let pages = &harness.state().state().pages.history;
    pages
        .iter()
        .map(|page| match &page.source {
            streamlens::state::PageSource::File { path } => {
                path.file_name().unwrap().to_string_lossy().into_owned()
            }
            other => panic!("a page from a file: {other:?}"),
        })
        .collect()
}

#[test]
fn files_given_out_of_order_join_the_history_in_the_order_they_were_fetched() {
    let dir = tempfile::tempdir().unwrap();
    let day = |name: &str, at: &str, probability: f64| {
        let page = fetch_page(vec![
            result("c.1", &[("Complaint", probability)]),
            result(&format!("c.{name}"), &[]),
        ]);
        let path = dir.path().join(format!("{name}.json"));
        write_export(
            &path,
            &page,
            &source("acme-ops/claims/new-claims", Some(at)),
        );
        path
    };
    let monday = day("monday", "2026-11-30T09:00:00Z", 0.2);
    let tuesday = day("tuesday", "2026-12-01T09:00:00Z", 0.4);
    // Another zone, and earlier in UTC than it reads: the instant counts, not the text.
    let wednesday = day("wednesday", "2026-12-02T10:00:00+02:00", 0.6);
    let bare = dir.path().join("bare.json");
    std::fs::write(&bare, &fetch_page(vec![result("c.1", &[])]).raw).unwrap();

    let (mut harness, answers) = offline(vec![wednesday, bare, monday, tuesday]);
    assert_eq!(
        history_files(&harness),
        ["monday.json", "tuesday.json", "wednesday.json", "bare.json"]
    );
    let state = harness.state().state();
    assert_eq!(state.pages.shown, Some(3), "the last is shown");
    let notice = state.notice.clone().unwrap_or_default();
    assert!(
        notice.starts_with("Opened 4 files; they join the history in the order they were fetched")
            && notice.contains("1 page that does not record when it was fetched"),
        "{notice}"
    );

    // Picked together in the open dialog, out of order: they follow, in their own order.
    let friday = day("friday", "2026-12-04T09:00:00Z", 0.8);
    let thursday = day("thursday", "2026-12-03T09:00:00Z", 0.7);
    answers.lock().unwrap().push_back(vec![friday, thursday]);
    click(&mut harness, "File");
    click_contains(&mut harness, "Open…");
    wait_until(&mut harness, "two more pages", |h| {
        h.state().state().pages.history.len() == 6
    });
    assert_eq!(
        history_files(&harness)[4..],
        ["thursday.json".to_owned(), "friday.json".to_owned()]
    );

    // The page history (Ctrl+Shift+D) lists them so, and Monday compares with Friday.
    let ctrl_shift = egui::Modifiers::COMMAND.plus(egui::Modifiers::SHIFT);
    harness.key_press_modifiers(ctrl_shift, egui::Key::D);
    wait_for_label(
        &mut harness,
        "1. monday.json, fetch route, fetched 2026-11-30T09:00:00Z",
    );
    harness.get_by_label_contains("6. friday.json, fetch route, fetched 2026-12-04T09:00:00Z");
    click(&mut harness, "Compare page 1 with the shown page");
    wait_for_label(
        &mut harness,
        "1 comment in both (1 changed, 0 unchanged), 1 only in A, 1 only in B; labels: 1 \
         entered, 0 left, 1 changed; general fields: 0 added, 0 removed.",
    );
    harness.get_by_label_contains(
        "A: page 1 of the history — monday.json (acme-ops/claims/new-claims, fetch route, \
         fetched 2026-11-30T09:00:00Z)",
    );
    let rows = ["c.1", "c.monday", "c.friday"].map(str::to_owned);
    assert_eq!(table_rows(&harness, &rows), rows);
    assert_eq!(
        row_texts(&harness, "c.1"),
        ["changed", "Complaint", "Complaint 0.200 → 0.800 (+0.600)"]
    );
}
