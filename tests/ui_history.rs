//! The real app (egui_kittest) on its demo with pages of 1024 comments: older pages, whose
//! parsed form the history lets go, come back through ◀ and ▶ with their comments, and the
//! inspector tells another page from more frames of the same one by its generation.

mod support;

use egui::Key;
use egui_kittest::kittest::Queryable as _;
use support::*;

const BULK: &str = "Bulk (1,100 comments) (bulk)";

fn shown(harness: &egui_kittest::Harness<'_, streamlens::app::App>) -> Option<usize> {
    harness.state().state().pages.shown
}

#[test]
fn older_pages_come_back_through_the_history_buttons_after_being_let_go() {
    let mut harness = demo_app();
    wait_for_label(&mut harness, "Demo · 127.0.0.1");
    click(&mut harness, BULK);
    let size = harness.get_by_label("Page size");
    size.click();
    harness.run_steps(2);
    harness.key_press_modifiers(egui::Modifiers::COMMAND, Key::A);
    harness.get_by_label("Page size").type_text("1024");
    harness.key_press(Key::Enter);
    harness.run_steps(2);
    assert_eq!(harness.state().state().settings.page_size, 1024);
    for n in 1..=4 {
        fetch(&mut harness);
        wait_for_label(
            &mut harness,
            &format!("Page {n} of {n} fetched in this run"),
        );
    }
    harness.get_by_label("1024 comments on this page");
    let parsed = |h: &egui_kittest::Harness<'_, streamlens::app::App>| {
        let history = &h.state().state().pages.history;
        history.iter().filter(|p| p.page().is_some()).count()
    };
    assert_eq!(
        parsed(&harness),
        3,
        "the oldest page is kept as its JSON only"
    );

    for n in (1..=3).rev() {
        click(&mut harness, "◀ Older page");
        wait_until(&mut harness, "the older page", |h| shown(h) == Some(n - 1));
        harness.get_by_label(&format!("Page {n} of 4 fetched in this run"));
    }
    assert!(harness.state().state().pages.history[0].page().is_some());
    harness.get_by_label("1024 comments on this page");

    // A page opens on its first comment; J moves on, and frames of the same page keep it there.
    let selected =
        |h: &egui_kittest::Harness<'_, streamlens::app::App>| h.state().inspector().selected();
    let first = selected(&harness).expect("the page opened on a comment");
    harness.key_press(Key::J);
    harness.run_steps(3);
    let second = selected(&harness).expect("still a selection");
    assert_ne!(second, first);
    // Another page of the history is a new page to the inspector: it opens on its first comment.
    click(&mut harness, "Newer page ▶");
    wait_until(&mut harness, "the newer page", |h| shown(h) == Some(1));
    harness.run_steps(2);
    assert_eq!(selected(&harness), Some(first));
    assert_eq!(parsed(&harness), 3);
}
