//! The thread list, the filter bar, the commands and their shortcuts.

use egui::Key;
use egui::accesskit::Role;
use egui_kittest::kittest::{NodeT as _, Queryable as _};

use streamlens::ui::commands::Command;
use streamlens::ui::inspect::{InspectCommand, Inspector};

use crate::{command, docs_example, fetch_new_claims, harness, new_claims_model, repeated, shown};

#[test]
fn threads_group_comments_and_thread_commands_jump_between_them() {
    let mut harness = harness(fetch_new_claims(), None);
    harness.run();
    assert!(shown(&harness, "2 comments in 2 threads"));
    assert_eq!(
        harness.state().inspector.selected(),
        Some(0),
        "the first thread's comment is shown at once"
    );
    command(&mut harness, InspectCommand::NextThread);
    assert_eq!(harness.state().inspector.selected(), Some(1));
    command(&mut harness, InspectCommand::PreviousThread);
    assert_eq!(harness.state().inspector.selected(), Some(0));

    // The docs example is one thread of two comments: a summary row and a row per comment.
    let mut harness = self::harness(docs_example(), None);
    harness.run();
    assert!(shown(&harness, "2 comments in 1 thread"));
    let rows = harness.query_all_by_role(Role::ListBoxOption).count();
    assert_eq!(rows, 3);
    harness.get_by_label_contains("RE: Today's figures").click();
    harness.run();
    assert_eq!(harness.state().inspector.selected(), Some(1));
    command(&mut harness, InspectCommand::NextThread);
    assert_eq!(
        harness.state().inspector.selected(),
        Some(1),
        "there is no next thread"
    );
    command(&mut harness, InspectCommand::PreviousThread);
    assert_eq!(harness.state().inspector.selected(), Some(0));
}

#[test]
fn the_filter_narrows_the_list_and_shows_the_count() {
    let mut harness = harness(fetch_new_claims(), None);
    harness.run();
    harness.get_by_label("Search").focus();
    harness.get_by_label("Search").type_text("damaged");
    harness.run();
    assert!(shown(&harness, "1 of 2 comments match"));
    assert_eq!(harness.query_all_by_role(Role::ListBoxOption).count(), 1);
    command(&mut harness, InspectCommand::NextComment);
    command(&mut harness, InspectCommand::NextComment);
    assert_eq!(
        harness.state().inspector.selected(),
        Some(0),
        "only the match is walked"
    );

    harness
        .get_by_label("Search")
        .type_text(" nothing-like-this");
    harness.run();
    assert!(shown(&harness, "0 of 2 comments match"));
    assert!(shown(&harness, "No comment matches the filter."));
    harness.get_by_label("Clear filter").click();
    harness.run();
    assert!(shown(&harness, "2 comments in 2 threads"));
}

#[test]
fn the_field_filter_picks_from_the_page_and_the_selection_survives_a_new_page_filter() {
    let mut harness = harness(fetch_new_claims(), None);
    harness.run();
    harness.get_by_label("Has field").click();
    harness.run();
    harness
        .get_by_role_and_label(Role::Button, "policy_number")
        .click();
    harness.run();
    assert!(shown(&harness, "1 of 2 comments match"));
    command(&mut harness, InspectCommand::Select(1));
    assert_eq!(harness.state().inspector.selected(), Some(1));
    // The same page drawn again (as a page parsed again from its JSON is) keeps the selection.
    harness.state_mut().page = fetch_new_claims();
    harness.run();
    assert_eq!(harness.state().inspector.selected(), Some(1));
    // A new page, by its generation, loses it.
    harness.state_mut().generation.0 += 1;
    harness.run();
    assert_eq!(
        harness.state().inspector.selected(),
        Some(0),
        "the selection goes; the new page shows its first match"
    );
    assert!(shown(&harness, "1 of 2 comments match"), "the filter stays");
}

#[test]
fn shortcuts_step_through_comments_but_not_while_typing() {
    let mut harness = harness(docs_example(), None);
    harness.state_mut().keys = true;
    harness.run();
    assert_eq!(harness.state().inspector.selected(), Some(0));
    harness.key_press(Key::J);
    harness.run();
    assert_eq!(harness.state().inspector.selected(), Some(1));
    harness.key_press(Key::ArrowUp);
    harness.run();
    assert_eq!(harness.state().inspector.selected(), Some(0));
    harness.key_press(Key::ArrowDown);
    harness.run();
    assert_eq!(harness.state().inspector.selected(), Some(1));
    harness.key_press_modifiers(egui::Modifiers::COMMAND | egui::Modifiers::SHIFT, Key::C);
    harness.run();
    assert_eq!(
        harness.state().copied,
        ["18ba5ce699f8da1f.abcdef0123456789"]
    );

    harness.key_press_modifiers(egui::Modifiers::COMMAND, Key::F);
    harness.run();
    assert!(harness.get_by_label("Search").is_focused());
    harness.key_press(Key::K);
    harness.run();
    assert_eq!(
        harness.state().inspector.selected(),
        Some(1),
        "K while typing moves nothing"
    );
}

#[test]
fn label_and_property_filters_pick_from_the_page() {
    let mut harness = harness(docs_example(), None);
    harness.run();
    harness.get_by_label("Label").click();
    harness.run();
    harness
        .get_by_role_and_label(Role::Button, "Some Top-Level Label")
        .click();
    harness.run();
    assert!(shown(&harness, "1 of 2 comments match"));
    // Without a stream model no label is above a threshold.
    harness.get_by_label("above threshold only").click();
    harness.run();
    assert!(shown(&harness, "0 of 2 comments match"));

    let model = new_claims_model();
    let mut harness = self::harness(fetch_new_claims(), Some(&model));
    harness.run();
    harness.get_by_label("Label").click();
    harness.run();
    harness
        .get_by_role_and_label(Role::Button, "Claim > New")
        .click();
    harness.run();
    harness.get_by_label("above threshold only").click();
    harness.run();
    assert!(shown(&harness, "1 of 2 comments match"));
    harness.get_by_label("Clear filter").click();
    harness.run();
    harness.get_by_label("Property").click();
    harness.run();
    harness
        .get_by_role_and_label(Role::Button, "Folder: Path")
        .click();
    harness.run();
    assert!(shown(&harness, "1 of 2 comments match"));
    harness.get_by_label("contains").focus();
    harness
        .get_by_label("contains")
        .type_text("nothing like this");
    harness.run();
    assert!(shown(&harness, "0 of 2 comments match"));
}

#[test]
fn a_big_page_lays_out_only_the_rows_in_view_and_commands_reach_the_end() {
    let mut harness = harness(repeated(1024), None);
    harness.run();
    assert!(shown(&harness, "1024 comments in 256 threads"));
    let laid_out = harness.query_all_by_role(Role::ListBoxOption).count();
    assert!(laid_out > 5 && laid_out < 100, "{laid_out} rows laid out");
    // The first comment is selected at once; one press more than there are threads stays on
    // the last.
    for _ in 0..257 {
        harness
            .state_mut()
            .commands
            .push(InspectCommand::NextThread);
    }
    harness.run();
    assert_eq!(harness.state().inspector.selected(), Some(1020));
    assert!(shown(&harness, "s.msg-1020"), "the detail shows it");
    // Its row was scrolled into view: the selected row is among those laid out.
    let selected = harness
        .query_all_by_role(Role::ListBoxOption)
        .filter(|row| row.accesskit_node().toggled() == Some(egui::accesskit::Toggled::True))
        .count();
    assert_eq!(selected, 1);
}

#[test]
fn every_command_has_a_shortcut_and_the_view_choices_survive_a_restart() {
    let inspector_commands: Vec<Command> = Command::ALL
        .iter()
        .copied()
        .filter(|command| command.inspect().is_some())
        .collect();
    assert_eq!(inspector_commands.len(), 6);
    for command in inspector_commands {
        assert!(!command.shortcuts().is_empty(), "{}", command.text());
    }
    let mut inspector = Inspector::default();
    inspector.leaf_only = true;
    let saved = serde_json::to_string(&inspector).unwrap();
    let restored: Inspector = serde_json::from_str(&saved).unwrap();
    assert!(restored.leaf_only);
    assert_eq!(restored.selected(), None);
    let old: Inspector = serde_json::from_str("{}").unwrap();
    assert!(!old.leaf_only, "missing fields read as defaults");
}
