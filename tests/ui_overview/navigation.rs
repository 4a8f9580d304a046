//! Getting around the overview: its keys, menu entry and palette row, the scope of every page
//! of the run, the borderline order walked with J, and the histogram as a control of the
//! what-if threshold.

use egui::accesskit::Role;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use streamlens::text::plural;
use streamlens::ui::CentralView;

use super::*;

#[test]
fn every_page_of_the_run_counts_together_and_borderline_comes_closest_first() {
    let fixture = Fixture::new(TOKEN);
    let mut harness = overview_of_triage(&fixture, 60);
    let first = shown_page(&harness).results.len();
    fetch(&mut harness);
    let second = shown_page(&harness).results.len();
    wait_for_label(
        &mut harness,
        &format!("{} counted", plural(second, "comment")),
    );
    click(&mut harness, "Every page of this run (2 pages)");
    wait_for_label(
        &mut harness,
        &format!("{} counted", plural(first + second, "comment")),
    );

    // Back to this page: the borderline list opens on the comment closest to the threshold,
    // and J walks on from there.
    click(&mut harness, "This page");
    let (label, stream) = busiest_label(&harness);
    let found = probabilities(&shown_page(&harness), &label);
    choose_label(&mut harness, &label);
    click(&mut harness, "Borderline first");
    let mut expected = found.clone();
    expected.sort_by(|a, b| {
        (a.1 - stream)
            .abs()
            .total_cmp(&(b.1 - stream).abs())
            .then(a.0.cmp(&b.0))
    });
    let mut walked = vec![harness.state().inspector().selected().unwrap()];
    for _ in 1..5 {
        harness.key_press(egui::Key::J);
        harness.run_steps(2);
        walked.push(harness.state().inspector().selected().unwrap());
    }
    let closest: Vec<usize> = expected.iter().take(5).map(|(at, _)| *at).collect();
    assert_eq!(walked, closest);
}

#[test]
fn the_overview_is_reached_by_its_keys_its_menu_entry_and_the_palette() {
    let fixture = Fixture::new(TOKEN);
    let mut harness = app_on(&fixture, TOKEN);
    pick(&mut harness, NORTHWIND, SERVICE_MAIL, TRIAGE);
    fetch(&mut harness);
    let ctrl_shift = egui::Modifiers::COMMAND.plus(egui::Modifiers::SHIFT);
    harness.key_press_modifiers(ctrl_shift, egui::Key::O);
    harness.run_steps(2);
    assert_eq!(harness.state().central_view(), CentralView::Overview);
    harness.key_press_modifiers(ctrl_shift, egui::Key::I);
    harness.run_steps(2);
    assert_eq!(harness.state().central_view(), CentralView::Inspector);

    // The menu entry shows its keys beside its name, which is how it is told from the tab.
    click(&mut harness, "View");
    let entry = (harness.query_all_by_label_contains("Overview"))
        .filter(|node| {
            node.accesskit_node()
                .label()
                .is_some_and(|l| l != "Overview")
        })
        .map(|node| node.accesskit_node().label().unwrap_or_default())
        .next()
        .expect("the View menu lists the overview");
    assert!(entry.contains("Ctrl+Shift+O"), "{entry}");
    click(&mut harness, &entry);
    assert_eq!(harness.state().central_view(), CentralView::Overview);

    // The palette finds it too; choosing a comment there brings the inspector back.
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::K);
    harness.run_steps(2);
    let field = "Go to a command, a stream or a comment";
    harness
        .get_by_role_and_label(Role::TextInput, field)
        .type_text("inspector");
    harness.run_steps(2);
    harness.key_press(egui::Key::Enter);
    harness.run_steps(2);
    assert_eq!(harness.state().central_view(), CentralView::Inspector);
}

#[test]
fn a_click_on_the_histogram_moves_the_what_if_threshold_there() {
    let fixture = Fixture::new(TOKEN);
    let mut harness = overview_of_triage(&fixture, 100);
    let (label, stream) = busiest_label(&harness);
    let found = probabilities(&shown_page(&harness), &label);
    choose_label(&mut harness, &label);
    set_what_if(&mut harness, 0.1);
    // The plot spans thresholds 0 to 1, so its middle is 50 %.
    let name = format!("Histogram of {label}");
    harness.get_by_label_contains(&name).click();
    harness.run_steps(3);
    let moved = what_if_value(&harness);
    assert!((moved - 0.5).abs() <= 0.02, "{moved}");
    let (enter, leave) = crossing(&found, stream, moved);
    harness.get_by_label(&counts_sentence(moved, stream, enter.len(), leave.len()));
}
